"""Logs and stored error texts carry codes and ids, not a candidate's words."""

import logging

import pytest
from pydantic import BaseModel, ValidationError

from interview_site.redaction import safe_error

RESUME_PIECE = "Ana Lopez, 10 Fernwood Street, ana.lopez@example.com"
log = logging.getLogger("documents.pipeline")


class Extracted(BaseModel):
    name: str
    years: int


def _validation_error() -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Extracted.model_validate({"name": ["list"], "years": RESUME_PIECE})
    assert "Fernwood" in str(caught.value)  # pydantic repeats the input it rejected
    return caught.value


def test_a_validation_error_is_logged_as_codes_and_locations(caplog):
    error = _validation_error()
    with caplog.at_level(logging.INFO):
        log.warning("extraction failed for document %s: %s", 42, error)
        try:
            raise RuntimeError("model answer did not validate") from error
        except RuntimeError:
            log.exception("parsing document %s failed", 42)
    text = caplog.text
    assert "Ana" not in text and "Fernwood" not in text and "example.com" not in text
    assert "document 42" in text and "years: int_parsing" in text and "name: string_type" in text
    assert "Traceback (most recent call last)" in text and "test_logs.py" in text  # the frames stay


def test_stored_error_texts_are_safe():
    error = _validation_error()
    assert safe_error(error) == ("ValidationError: 2 validation error(s) for Extracted: name: string_type; "
                                 "years: int_parsing")
    from llm.providers.base import ProviderError

    try:
        raise ProviderError(f"claude gave invalid Extracted output after a repair: {error}") from error
    except ProviderError as exc:
        assert "Ana" not in safe_error(exc) and "after a repair (from ValidationError" in safe_error(exc)
        assert "years: int_parsing" in safe_error(exc)
    assert safe_error(ProviderError("APIStatusError (overloaded_error): Overloaded")) == \
        "ProviderError: APIStatusError (overloaded_error)"
    assert safe_error(ProviderError("no answer within 60s")) == "ProviderError: no answer within 60s"
    assert safe_error(ConnectionError("redis at 127.0.0.1:6379 refused")).endswith("refused")
    assert safe_error(ValueError(f"cannot parse {RESUME_PIECE}")) == "ValueError"


def test_a_failed_model_call_records_no_payload(db, monkeypatch):
    """The gateway's record of a failed call keeps the error's codes, not the answer it quoted."""
    from llm.gateway import _Call

    error = _validation_error()
    call = _Call.__new__(_Call)
    call.fail(error)
    assert call.outcome == "failed" and "Ana" not in call.error and "years: int_parsing" in call.error


def test_a_500_logs_no_document_text(api_client, caplog, monkeypatch, candidate):
    from documents import api as documents_api

    def broken(**kwargs):
        Extracted.model_validate({"name": RESUME_PIECE, "years": RESUME_PIECE})

    monkeypatch.setattr(documents_api, "document_get_for_recruiter", broken)
    api_client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        answer = api_client.get(f"/api/v1/documents/{candidate.resume.pk}")
    assert answer.status_code == 500
    assert "Internal Server Error" in caplog.text and f"/api/v1/documents/{candidate.resume.pk}" in caplog.text
    assert "Fernwood" not in caplog.text and "int_parsing" in caplog.text


def test_a_failed_celery_task_is_logged_without_its_exception_text(caplog):
    """Celery's worker logs a task's unexpected exception as a repr string with the exception as exc_info."""
    error = _validation_error()
    celery_log = logging.getLogger("celery.app.trace")
    with caplog.at_level(logging.ERROR, logger="celery.app.trace"):
        celery_log.error("Task %(name)s[%(id)s] raised unexpected: %(exc)s",
                         {"name": "documents.tasks.document_parse_task", "id": "abc", "exc": repr(error)},
                         exc_info=(type(error), error, error.__traceback__))
    assert "document_parse_task[abc] raised unexpected: ValidationError" in caplog.text
    assert "Fernwood" not in caplog.text
