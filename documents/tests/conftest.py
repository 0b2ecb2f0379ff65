import pytest


@pytest.fixture(autouse=True)
def _offline_models(settings):
    # Extraction runs through the gateway; tests use the deterministic offline engine.
    settings.LLM_MAIN = "offline"
    settings.LLM_MINI = "offline"
    # The shared recruiter fixture hashes a password; the fast hasher keeps setup cheap here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
