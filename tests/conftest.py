"""Fixtures for cross-app end-to-end tests: real Daphne and Celery processes on PostgreSQL + Redis."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from . import live


def require_real_services() -> None:
    """Integration tests run against PostgreSQL and Redis; without them they skip, visibly — except in CI."""
    db_ok = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    redis_ok = bool(os.environ.get("REDIS_URL"))
    if db_ok and redis_ok:
        return
    reason = "needs DATABASE_URL (PostgreSQL) and REDIS_URL; `.ci/run` sets both"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the integration tests: {reason}")
    pytest.skip(reason)


@dataclass
class Stack:
    base_url: str
    port: int
    logs: Path

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")


@pytest.fixture
def live_stack(transactional_db, tmp_path) -> Stack:
    """Daphne (HTTP + WebSocket, Redis channel layer), the application's Celery worker sharing the test
    database, and the sandbox worker with nothing but a broker URL (as docker-compose.yml runs them)."""
    require_real_services()
    env = live.process_env(settings.DATABASES["default"], tmp_path / "media")
    port = live.free_port()
    with (
        live.running(live.worker_args(), env, tmp_path / "worker.log"),
        live.running(live.sandbox_worker_args(), live.sandbox_env(env["REDIS_URL"]), tmp_path / "sandbox.log"),
        live.running(live.daphne_args(port), env, tmp_path / "web.log", port=port),
    ):
        _wait_for_sandbox_heartbeat(tmp_path)
        yield Stack(base_url=f"http://127.0.0.1:{port}", port=port, logs=tmp_path)


def _wait_for_sandbox_heartbeat(logs: Path, timeout_s: float = 120.0) -> None:
    """Up means up: the sandbox worker has said which isolation it offers (new plans depend on it)."""
    import time

    from analysis.code.models import SandboxHeartbeat

    deadline = time.monotonic() + timeout_s
    while not SandboxHeartbeat.objects.exists():
        if time.monotonic() > deadline:
            # The heartbeat goes from the sandbox worker through the broker to the application's worker.
            tails = {name: (logs / name).read_text(errors="replace")[-1500:] for name in ("sandbox.log", "worker.log")
                     if (logs / name).exists()}
            raise RuntimeError(f"no heartbeat from the sandbox worker in {timeout_s:.0f} s; the logs end:\n"
                               + "\n".join(f"--- {name}\n{tail}" for name, tail in tails.items()))
        time.sleep(0.2)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser():
    """Headless Chromium for the browser tests (skipped where it is not installed)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
