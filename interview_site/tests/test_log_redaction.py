"""No invite token, API key or email address reaches the logs, 500s included (issue 13): what the
configured console handler writes is read back from its stream."""

import io
import logging

import pytest
from django.test import Client

from interview_site.log_redaction import redact
from interviews import selectors
from interviews.tests.factories import make_interview

TOKEN = "Zq3xY_8kLm2-Pw9rTb4vNc7dHs1jKf6gQa0eWu5iOo"


@pytest.fixture
def console():
    """The stream of the handler settings.LOGGING configures (the one production writes through)."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_500_on_a_candidate_link_logs_neither_the_token_nor_an_email(console, monkeypatch):
    interview, token = make_interview()

    def failing(*, token: str):
        # As a database error would: the failing call's arguments end up in the exception's message.
        raise RuntimeError(f"lookup failed for token={token} (candidate ana.lopez@example.com)")

    monkeypatch.setattr(selectors, "interview_get_for_candidate", failing)
    response = Client(raise_request_exception=False).get(f"/i/{token}/?token={token}")

    assert response.status_code == 500
    logged = console.getvalue()
    assert "Internal Server Error: /i/[redacted]/" in logged  # the line is there, and the traceback
    # The traceback names the exception; its message, which quotes input, is not logged (interview_site.redaction).
    assert "\nRuntimeError\n" in logged and "RuntimeError: lookup failed" not in logged
    assert token not in logged and "ana.lopez@example.com" not in logged


@pytest.mark.django_db
def test_an_api_500_with_a_token_in_the_query_is_logged_without_it(console, api_client, monkeypatch):
    from analysis import api as analysis_api

    def failing(*args, **kwargs):
        raise ValueError(f"GET /api/v1/interview/1/chat?token={TOKEN}&last_seq=0")

    monkeypatch.setattr(analysis_api.InterviewReportApi, "get", failing)
    api_client.raise_request_exception = False
    response = api_client.get(f"/api/v1/interview/1/report?token={TOKEN}", HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    logged = console.getvalue()
    assert "Internal Server Error" in logged and "token=[redacted]&last_seq=0" in logged and TOKEN not in logged


def test_any_logger_is_redacted_through_the_handler(console):
    logging.getLogger("interviews.invites").info("invite for %s sent with /i/%s/", "ana@example.org", TOKEN)
    logging.getLogger("llm").warning("Authorization: Token %s", "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b")
    logged = console.getvalue()
    assert "invite for [email] sent with /i/[redacted]/" in logged
    assert "Authorization: Token [redacted]" in logged and "9944b0919" not in logged


def test_redaction_leaves_ordinary_text_alone():
    line = "interview 12: seq 4 taken, the careful path stores this step (0.8 s, /interviews/12/report/)"
    assert redact(line) == line
