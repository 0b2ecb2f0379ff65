"""Imported transcripts on the interviews side: reading labelled text, and that nobody can join one."""

import json

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore

from documents.models import Document
from interview_site.api import ApiError
from interviews.imports import interview_import, transcript_from_file, transcript_parse_text
from interviews.models import Interview
from interviews.selectors import CANDIDATE_SESSION_KEY

from .test_consumers import chat_path, closed_with, socket


def pairs(text: str) -> list[tuple[str, str]]:
    return [(t.speaker, t.text.strip()) for t in transcript_parse_text(text)]


def test_labels_open_turns_in_any_case_and_other_lines_continue_them():
    text = ("\ufeffINTERVIEWER: How do you deploy?\r\n\r\n"
            "candidate : With Helm charts.\r\n"
            "Note: the staging cluster is separate.\r\n"
            "   Rollbacks are one command.\r\n"
            "\r\n\r\n"
            "Interviewer:What broke last time?\r"
            "Candidate:\tA missing secret.\n")
    assert pairs(text) == [
        ("interviewer", "How do you deploy?"),
        ("candidate", "With Helm charts.\nNote: the staging cluster is separate.\nRollbacks are one command."),
        ("interviewer", "What broke last time?"),
        ("candidate", "A missing secret."),
    ]


def test_hard_wrapped_lines_join_into_sentences_and_paragraphs_and_lists_stay():
    text = ("Candidate: I moved the HTTP calls to asyncio, which\n"
            "cut the run from 3 hours to 25 minutes.\n\n\n"
            "Two things mattered:\n- a semaphore\n- retries\nInterviewer: Thanks!")
    assert pairs(text)[0] == ("candidate", "I moved the HTTP calls to asyncio, which cut the run from 3 hours to 25 "
                                           "minutes.\n\nTwo things mattered:\n- a semaphore\n- retries")


@pytest.mark.parametrize(("text", "code"), [
    ("", "empty_transcript"),
    ("\n\n  \n", "empty_transcript"),
    ("Call with Dana, 3 May\nInterviewer: Hello?", "unlabelled_text"),
    ("Recruiter: Hello?\nCandidate: Hi.", "unlabelled_text"),
])
def test_text_without_labels_first_is_refused(text, code):
    with pytest.raises(ApiError) as error:
        transcript_parse_text(text)
    assert error.value.code == code


def test_a_file_may_hold_json_turns_a_json_list_or_labelled_text():
    turns = [{"speaker": "Interviewer", "text": "Why Go?"}, {"speaker": "candidate", "text": "Its tooling."}]
    expected = [("interviewer", "Why Go?"), ("candidate", "Its tooling.")]
    for content in (json.dumps({"turns": turns}), json.dumps(turns), "Interviewer: Why Go?\nCandidate: Its tooling."):
        assert [(t.speaker, t.text) for t in transcript_from_file(content)] == expected
    with pytest.raises(ApiError) as error:
        transcript_from_file('{"turns": [')
    assert error.value.code == "invalid_json"


def _documents():
    return Document.objects.create(kind=Document.Kind.JD, status=Document.Status.READY, title="Backend engineer",
                                   parsed={"title": "Backend engineer", "required_skills": ["Python", "PostgreSQL"]})


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("report_tasks", "no_conductor_left")
async def test_an_imported_interview_cannot_be_joined():
    def make() -> Interview:
        jd = _documents()
        return interview_import(jd_id=jd.pk, text="Interviewer: How do you index a slow query?\n"
                                                  "Candidate: I read the plan with EXPLAIN ANALYZE first.")

    interview = await sync_to_async(make)()
    # No token hashes to the stored value: it is not a sha256 digest at all.
    assert not all(c in "0123456789abcdef" for c in interview.token_hash)
    for token in (interview.token_hash, interview.token_hash.removeprefix("imported-"), "x" * 43):
        async with socket(chat_path(interview, token)) as ws:
            assert await closed_with(ws) == 4401

    def session_with_the_stored_hash() -> str:
        # Even a session that somehow held the stored value opens nothing: the interview has ended.
        session = SessionStore()
        session[CANDIDATE_SESSION_KEY] = {str(interview.pk): interview.token_hash}
        session.create()
        return session.session_key

    key = await sync_to_async(session_with_the_stored_hash)()
    cookie = (b"cookie", f"{django_settings.SESSION_COOKIE_NAME}={key}".encode())
    async with socket(chat_path(interview), headers=[cookie]) as ws:
        assert await closed_with(ws) == 4410


def test_the_candidate_page_does_not_open_an_imported_interview(client, db, report_tasks):
    jd = _documents()
    interview = interview_import(jd_id=jd.pk, text="Interviewer: Why?\nCandidate: Because it scales.")
    response = client.get(f"/i/{interview.token_hash}/")
    assert response.status_code == 404  # as for any unknown link: no hint that the interview exists
