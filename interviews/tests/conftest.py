"""Fixtures shared by the interviews tests: the offline model and an in-memory channel layer for all;
for the real-time tests (`pytestmark = pytest.mark.usefixtures(...)`), a record of the report tasks
scheduled instead of a real broker, and no conductor left running after a test."""

import pytest
from django.db import transaction

from analysis.tasks import report_generate_task
from interviews.conductor import ManualClock, conductors_close_all
from llm import gateway

from .factories import ClockedModel


@pytest.fixture(autouse=True)
def _offline_models(settings):
    settings.LLM_MAIN = "offline"
    settings.LLM_MINI = "offline"
    settings.LLM_FALLBACK = ""


@pytest.fixture(autouse=True)
def _database_lease(settings):
    # Leases in the test database: a Redis key left by another run (same ids) cannot get in the way.
    settings.CONDUCTOR_LEASE_BACKEND = "db"


@pytest.fixture(autouse=True)
def _in_memory_channel_layer(settings):
    # Changing the setting makes Channels build a fresh layer, bound to this test's event loop.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def report_tasks(monkeypatch) -> list[int]:
    """Interview ids whose report task was scheduled, recorded only when the transaction commits."""
    scheduled: list[int] = []

    def delay_on_commit(interview_id, *args, **kwargs):
        transaction.on_commit(lambda: scheduled.append(interview_id))

    monkeypatch.setattr(report_generate_task, "delay_on_commit", delay_on_commit)
    return scheduled


@pytest.fixture
async def no_conductor_left():
    yield
    await conductors_close_all()



@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def clocked_models(monkeypatch, clock):
    """Install models whose timing follows `clock`: `clocked_models(main={...}, mini={...})` -> (main, mini).

    Keyword arguments are ClockedModel's (ttft_s, gap_s, script). Without a call, both answer at once.
    """

    def install(main: dict | None = None, mini: dict | None = None) -> tuple[ClockedModel, ClockedModel]:
        models = {
            "main": ClockedModel(clock, name="main", **(main or {})),
            "mini": ClockedModel(clock, name="mini", **(mini or {})),
        }
        monkeypatch.setattr(gateway, "get_model", lambda role: models[role])
        return models["main"], models["mini"]

    return install


@pytest.fixture(autouse=True)
def _limits_in_memory(settings):
    # The WebSocket limits count in this process, from zero for each test (tests/test_limits* use Redis).
    from interviews import limits

    settings.INTERVIEW_LIMITS_BACKEND = "memory"
    limits.memory.clear()
    yield
    limits.memory.clear()
