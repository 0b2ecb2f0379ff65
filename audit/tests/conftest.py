import pytest

from organizations.tests.world import World, make_world


@pytest.fixture
def world(db, make_member, organization, settings) -> World:
    settings.INTERVIEW_CODING_TASKS = False
    settings.LLM_MAIN = settings.LLM_MINI = "offline"
    return make_world(make_member, organization)
