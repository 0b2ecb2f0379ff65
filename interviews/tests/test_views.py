"""HTML pages: the candidate's chat page, the recruiter dashboard, interview detail, start and new link."""

import json
import logging
import re
import shutil
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from analysis.models import EvaluationReport
from documents.models import Document
from interviews.models import IntegritySignal, Interview
from interviews.selectors import CANDIDATE_SESSION_KEY
from interviews.tests.test_api import (
    RAW_TOKEN,
    add_turns,
    make_fit,
    make_interview,
    make_jd,
    make_resume,
    sha256_hex,
)

AI_NOTICE = "You are talking to an AI interviewer."


# --- candidate page ------------------------------------------------------------------------------


def test_candidate_page_tells_the_candidate_it_is_an_ai_and_opens_the_session(db, client):
    interview = make_interview()

    response = client.get(f"/i/{RAW_TOKEN}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert AI_NOTICE in html
    assert "reviews the transcript" in html and "makes every decision" in html
    assert "Senior Backend Engineer" in html
    assert f'data-ws-path="/api/v1/interview/{interview.pk}/chat"' in html
    assert 'role="log"' in html and 'aria-live="polite"' in html
    assert 'for="answer"' in html and "End interview" in html
    assert client.session[CANDIDATE_SESSION_KEY] == {str(interview.pk): sha256_hex(RAW_TOKEN)}


def test_candidate_page_names_the_company_when_the_jd_does(db, client):
    jd = make_jd()
    jd.parsed["company"] = "Acme GmbH"
    jd.save()
    make_interview(jd=jd)

    html = client.get(f"/i/{RAW_TOKEN}/").content.decode()

    assert "A person at Acme GmbH reviews the transcript" in html


def test_candidate_page_keeps_other_interviews_in_the_session(db, client):
    first = make_interview()
    second = make_interview(token="second-token-0123456789abcdef")

    client.get(f"/i/{RAW_TOKEN}/")
    client.get("/i/second-token-0123456789abcdef/")

    assert set(client.session[CANDIDATE_SESSION_KEY]) == {str(first.pk), str(second.pk)}


def test_candidate_page_shows_no_recruiter_navigation(recruiter_client):
    make_interview()

    html = recruiter_client.get(f"/i/{RAW_TOKEN}/").content.decode()

    assert "Log out" not in html and "/admin/" not in html


def test_unknown_token_gets_a_friendly_404_without_details(db, client, settings, caplog):
    settings.DEBUG = True  # even in development, no technical page
    make_interview()

    with caplog.at_level(logging.INFO):
        response = client.get("/i/not-a-real-token-000000000000/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "link is not valid" in html
    assert "Traceback" not in html and "DoesNotExist" not in html and "not-a-real-token" not in html
    assert "not-a-real-token" not in caplog.text  # tokens are never logged
    assert CANDIDATE_SESSION_KEY not in client.session


def test_expired_token_explains_it_expired(db, client, caplog):
    make_interview(expires_in=-timedelta(minutes=1))

    with caplog.at_level(logging.INFO):
        response = client.get(f"/i/{RAW_TOKEN}/")

    assert response.status_code == 410
    assert "link has expired" in response.content.decode()
    assert RAW_TOKEN not in caplog.text
    assert CANDIDATE_SESSION_KEY not in client.session


def test_ended_interview_page_opens_in_its_ended_state(db, client):
    make_interview(status=Interview.Status.ENDED, phase=Interview.Phase.ENDED, end_reason="completed")

    html = client.get(f"/i/{RAW_TOKEN}/").content.decode()

    assert 'data-status="ended"' in html and 'data-end-reason="completed"' in html


# --- dashboard -----------------------------------------------------------------------------------


def test_dashboard_lists_jobs_and_candidates_ranked_by_fit(recruiter_client):
    jd = make_jd(title="Data Engineer")
    for name, score in [("Low Fit", 40), ("Top Fit", 90), ("Mid Fit", 70)]:
        make_fit(jd=jd, resume=make_resume(jd=jd, name=name), score=score)
    make_resume(jd=jd, name="Still Parsing", status=Document.Status.PROCESSING)

    response = recruiter_client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Data Engineer" in html and "4 candidates" in html
    order = [html.index(name) for name in ("Top Fit", "Mid Fit", "Low Fit", "Still Parsing")]
    assert order == sorted(order)
    assert "2 matched" in html and "1 missing" in html
    assert html.count('action="/interviews/start/"') == 3  # one per ready resume
    assert "Waiting for processing" in html
    assert html.count('<option value="30" selected>') == 3


def test_dashboard_shows_latest_interview_and_report(recruiter_client):
    interview = make_interview(status=Interview.Status.ENDED, end_reason="completed")
    make_fit(jd=interview.jd, resume=interview.resume, score=80)
    EvaluationReport.objects.create(interview=interview, status=EvaluationReport.Status.READY)

    html = recruiter_client.get("/").content.decode()

    assert f'href="/interviews/{interview.pk}/"' in html
    assert f'href="/interviews/{interview.pk}/report/"' in html
    assert "Recent interviews" in html and "Interview again" in html


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def _grow(jobs: int, resumes_each: int, batch: str) -> None:
    for j in range(jobs):
        jd = make_jd(title=f"Job {j}")
        for r in range(resumes_each):
            resume = make_resume(jd=jd, name=f"Candidate {j}-{r}")
            make_fit(jd=jd, resume=resume, score=50 + r)
            interview = make_interview(jd=jd, resume=resume, token=f"{batch}-{j}-{r}-0123456789abcdef")
            EvaluationReport.objects.create(interview=interview)
    make_resume(jd=None, name="Unlinked")


def test_dashboard_query_count_is_constant(recruiter_client):
    _grow(1, 1, "first")
    small = _dashboard_queries(recruiter_client)
    _grow(3, 4, "more")

    # two of them: recruiters' decisions; one: the sandbox workers' heartbeats (coding tasks on or off); one:
    # the caller's membership (organisation and role)
    assert _dashboard_queries(recruiter_client) == small <= 14


@pytest.mark.parametrize("path", ["/", "/interviews/1/"])
def test_recruiter_pages_redirect_strangers_to_login(client, django_user_model, path):
    anonymous = client.get(path)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/?next=")

    # Signed in but a member of no organisation: nothing here is theirs, and nothing says what exists.
    client.force_login(django_user_model.objects.create_user(username="no-member", password="pw-12345!x"))
    stranger = client.get(path)
    assert stranger.status_code == 404


# --- start, detail, new link ---------------------------------------------------------------------


def _token_from(html: str) -> str:
    marker = 'value="http://testserver/i/'
    start = html.index(marker) + len(marker)
    return html[start:html.index("/", start)]


def test_start_form_shows_the_link_once(recruiter_client):
    jd = make_jd()
    resume = make_resume(jd=jd)

    response = recruiter_client.post("/interviews/start/", {"jd_id": jd.pk, "resume_id": resume.pk,
                                                            "duration_minutes": 45})

    interview = Interview.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/interviews/{interview.pk}/"
    first = recruiter_client.get(response["Location"]).content.decode()
    assert sha256_hex(_token_from(first)) == interview.token_hash
    assert "cannot be shown again" in first and "Copy link" in first
    assert interview.duration_minutes == 45
    again = recruiter_client.get(response["Location"]).content.decode()
    assert 'value="http://testserver/i/' not in again


def test_start_form_reports_a_service_error_on_the_dashboard(recruiter_client):
    jd = make_jd()
    resume = make_resume(jd=jd, status=Document.Status.PROCESSING)

    response = recruiter_client.post("/interviews/start/", {"jd_id": jd.pk, "resume_id": resume.pk,
                                                            "duration_minutes": 30}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Could not start the interview" in response.content.decode()
    assert not Interview.objects.exists()


def test_start_form_rejects_get_and_bad_input(recruiter_client):
    assert recruiter_client.get("/interviews/start/").status_code == 405
    response = recruiter_client.post("/interviews/start/", {"jd_id": "x"}, follow=True)
    assert "Could not start the interview" in response.content.decode()


def test_new_link_replaces_the_old_one(recruiter_client, client):
    interview = make_interview()

    response = recruiter_client.post(f"/interviews/{interview.pk}/new-link/", follow=True)

    html = response.content.decode()
    interview.refresh_from_db()
    new_token = _token_from(html)
    assert sha256_hex(new_token) == interview.token_hash != sha256_hex(RAW_TOKEN)
    assert len(new_token) >= 22  # at least 128 bits
    assert "previous link no longer works" in html
    assert client.get(f"/i/{RAW_TOKEN}/").status_code == 404
    assert client.get(f"/i/{new_token}/").status_code == 200


def test_no_new_link_for_an_ended_interview(recruiter_client):
    interview = make_interview(status=Interview.Status.ENDED, end_reason="completed")
    before = interview.token_hash

    html = recruiter_client.post(f"/interviews/{interview.pk}/new-link/", follow=True).content.decode()

    interview.refresh_from_db()
    assert interview.token_hash == before
    assert "has ended" in html


def test_detail_shows_plan_transcript_signals_and_report(recruiter_client):
    interview = make_interview(status=Interview.Status.IN_PROGRESS, started_at=timezone.now())
    make_fit(jd=interview.jd, resume=interview.resume, score=73)
    add_turns(interview, 2)
    IntegritySignal.objects.create(interview=interview, name="tab_hidden")

    response = recruiter_client.get(f"/interviews/{interview.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "PostgreSQL in production" in html and "Reads EXPLAIN ANALYZE" in html  # the plan
    assert "turn number 1" in html and "turn number 2" in html
    assert "tab_hidden" in html
    assert f'data-live-url="/api/v1/interview/{interview.pk}"' in html
    assert "cannot be shown again" in html and 'value="http://testserver/i/' not in html
    assert "Ada Lovelace" in html and "Senior Backend Engineer" in html
    assert "Fit with the job" in html and ">73<" in html


def test_detail_of_unknown_interview_is_404(recruiter_client):
    assert recruiter_client.get("/interviews/999999/").status_code == 404


def test_detail_escapes_candidate_text(recruiter_client):
    interview = make_interview()
    add_turns(interview, 1)
    interview.turns.update(text="<script>alert(1)</script>")

    html = recruiter_client.get(f"/interviews/{interview.pk}/").content.decode()

    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- candidate.js in a real browser, against a scripted WebSocket server --------------------------


class ScriptedChat:
    """Plays the server side of PROTOCOL.md inside the browser (Playwright routes the socket)."""

    def __init__(self, interview_id: int):
        self.interview_id = interview_id
        self.received: list[dict] = []
        self.sockets: list = []
        self.turns: dict[int, dict] = {}  # seq -> the stored turn, replayed after hello

    def store(self, frame: dict) -> None:
        """Keep a turn without sending it, as if the socket died before it went out."""
        self.turns[frame["seq"]] = frame

    def send(self, frame: dict) -> None:
        if frame["type"] == "turn":
            self.store(frame)
        self.sockets[-1].send(json.dumps(frame))

    def attach(self, ws) -> None:
        self.sockets.append(ws)
        ws.on_message(lambda message: self._on_message(ws, json.loads(message)))

    def _on_message(self, ws, frame: dict) -> None:
        self.received.append(frame)
        if frame["type"] == "hello":
            ws.send(json.dumps({"type": "session", "interview_id": self.interview_id, "status": "in_progress",
                                "phase": "topics", "time_left_s": 600, "last_seq": max(self.turns, default=0)}))
            for seq in sorted(self.turns):
                if seq > frame["last_seq"]:
                    ws.send(json.dumps(self.turns[seq]))

    def of_type(self, kind: str) -> list[dict]:
        return [f for f in self.received if f["type"] == kind]


def _chromium() -> str:
    pytest.importorskip("playwright.sync_api")
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not path:
        pytest.skip("no Chromium on this machine")
    return path


@pytest.fixture
def candidate_browser(live_server, transactional_db):
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    # Rows are made before the browser starts: Playwright's sync API runs an event loop in this
    # thread, and Django refuses ORM calls from a thread with a running loop.
    interview = make_interview()
    chat = ScriptedChat(interview.pk)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        page = browser.new_page()
        page.route_web_socket(re.compile(r".*/api/v1/interview/\d+/chat$"), chat.attach)
        page.goto(f"{live_server.url}/i/{RAW_TOKEN}/")
        yield page, chat
        browser.close()


def _until(page, check, timeout_s: float = 5.0):
    # page.wait_for_timeout, not time.sleep: Playwright delivers socket messages only while it runs.
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        page.wait_for_timeout(50)
    raise AssertionError("condition not met in time")


@pytest.mark.browser
def test_candidate_chat_speaks_the_protocol(candidate_browser):
    page, chat = candidate_browser
    _until(page, lambda: chat.of_type("hello"))
    assert chat.of_type("hello")[0]["last_seq"] == 0

    # Turns render as text (never HTML); deltas stream into one bubble that the final turn replaces.
    chat.send({"type": "turn", "seq": 1, "role": "interviewer", "kind": "greeting", "text": "Hi <b>Ada</b>"})
    chat.send({"type": "interviewer.delta", "seq": 2, "text": "Tell me "})
    chat.send({"type": "interviewer.delta", "seq": 2, "text": "about SQL"})
    _until(page, lambda: page.locator("li[data-seq='2'] .text").text_content() == "Tell me about SQL")
    chat.send({"type": "turn", "seq": 2, "role": "interviewer", "kind": "question", "text": "Tell me about SQL."})
    chat.send({"type": "turn", "seq": 1, "role": "interviewer", "kind": "greeting", "text": "Hi <b>Ada</b>"})
    _until(page, lambda: page.locator("li[data-seq='2'] .text").text_content() == "Tell me about SQL.")
    assert page.locator("#transcript li").count() == 2  # the replayed seq 1 was not added twice
    assert page.locator("li[data-seq='1'] b").count() == 0
    assert page.locator("li[data-seq='1'] .text").text_content() == "Hi <b>Ada</b>"
    assert page.locator("#timer").text_content() in ("10:00", "9:59")

    chat.send({"type": "interviewer.filler", "text": "Hmm, let me think."})
    _until(page, lambda: page.locator("#filler").text_content() == "Hmm, let me think.")

    # Shift+Enter adds a line; Enter sends with a fresh client_id.
    page.fill("#answer", "")
    page.type("#answer", "line one")
    page.keyboard.press("Shift+Enter")
    page.type("#answer", "line two")
    page.keyboard.press("Enter")
    message = _until(page, lambda: chat.of_type("candidate.message"))[0]
    assert message["text"] == "line one\nline two" and len(message["client_id"]) >= 32
    assert page.locator("#answer").input_value() == ""
    assert page.locator("#transcript li.pending").count() == 1

    # Integrity signals: a paste (with its length) and the tab hiding.
    page.evaluate("""() => {
        const data = new DataTransfer(); data.setData('text/plain', 'x'.repeat(42));
        document.getElementById('answer').dispatchEvent(new ClipboardEvent('paste', {clipboardData: data}));
        Object.defineProperty(document, 'hidden', {value: true, configurable: true});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    signals = _until(page, lambda: len(chat.of_type("signal")) >= 2 and chat.of_type("signal"))
    assert {"type": "signal", "name": "paste", "detail": "42 characters"} in signals
    assert {"type": "signal", "name": "tab_hidden"} in signals

    # The connection drops before the answer is stored: reconnect, hello with last_seq, same client_id.
    chat.sockets[-1].close(code=1011)
    _until(page, lambda: len(chat.of_type("hello")) == 2, timeout_s=8)
    assert chat.of_type("hello")[1]["last_seq"] == 2
    resent = _until(page, lambda: len(chat.of_type("candidate.message")) == 2 and chat.of_type("candidate.message"))
    assert resent[1]["client_id"] == message["client_id"]
    chat.send({"type": "turn", "seq": 3, "role": "candidate", "kind": "answer", "text": "line one\nline two"})
    _until(page, lambda: page.locator("#transcript li.pending").count() == 0)
    assert page.locator("li[data-seq='3'] .text").text_content() == "line one\nline two"

    # An inline error keeps the page usable; `ended` closes it with a thank-you.
    chat.send({"type": "error", "code": "too_long", "message": "That answer is too long."})
    _until(page, lambda: page.locator("#error").text_content() == "That answer is too long.")
    chat.send({"type": "ended", "reason": "timeout"})
    _until(page, lambda: page.locator("#ended").is_visible())
    assert "time for this interview is up" in page.locator("#ended-reason").text_content()
    assert page.locator("#answer").is_disabled() and page.locator("#composer").is_hidden()


@pytest.mark.browser
def test_candidate_chat_stops_on_a_refused_token(candidate_browser):
    page, chat = candidate_browser
    _until(page, lambda: chat.of_type("hello"))

    chat.sockets[-1].close(code=4401)

    _until(page, lambda: "no longer valid" in (page.locator("#error").text_content() or ""))
    page.wait_for_timeout(1500)
    assert len(chat.sockets) == 1  # no reconnect
    assert page.locator("#answer").is_disabled()


@pytest.mark.browser
def test_candidate_chat_restarts_an_unfinished_turn_after_reconnect(candidate_browser):
    page, chat = candidate_browser
    _until(page, lambda: chat.of_type("hello"))
    chat.send({"type": "interviewer.delta", "seq": 1, "text": "Welcome to "})

    chat.sockets[-1].close(code=1001)
    _until(page, lambda: len(chat.of_type("hello")) == 2, timeout_s=8)
    assert chat.of_type("hello")[1]["last_seq"] == 0
    chat.send({"type": "interviewer.delta", "seq": 1, "text": "Welcome to "})  # re-sent from its start
    chat.send({"type": "interviewer.delta", "seq": 1, "text": "the interview"})
    _until(page, lambda: page.locator("li[data-seq='1'] .text").text_content() == "Welcome to the interview")

    chat.send({"type": "interviewer.cancelled", "seq": 1})
    chat.send({"type": "turn", "seq": 1, "role": "interviewer", "kind": "greeting", "text": "Welcome to the"})
    _until(page, lambda: page.locator("li[data-seq='1'] .text").text_content() == "Welcome to the")
    assert page.locator("li[data-seq='1'] .note").text_content() == "(interrupted)"
    assert page.locator("li[data-seq='1']").get_attribute("aria-busy") is None


@pytest.mark.browser
def test_candidate_chat_can_take_over_from_another_tab(candidate_browser):
    page, chat = candidate_browser
    _until(page, lambda: chat.of_type("hello"))

    chat.sockets[-1].close(code=4409)
    _until(page, lambda: page.locator("#error .take-over").count() == 1)
    assert "open in another tab" in page.locator("#error").text_content()
    page.wait_for_timeout(1000)
    assert len(chat.sockets) == 1  # waits for the candidate's choice

    page.locator("#error .take-over").focus()
    page.keyboard.press("Enter")  # keyboard-only works
    _until(page, lambda: len(chat.of_type("hello")) == 2)
    assert page.locator("#answer").is_enabled()


@pytest.mark.browser
def test_candidate_chat_does_not_resend_an_answer_the_server_stored(candidate_browser):
    page, chat = candidate_browser
    _until(page, lambda: chat.of_type("hello"))
    chat.send({"type": "turn", "seq": 1, "role": "interviewer", "kind": "question", "text": "Why Django?"})
    page.fill("#answer", "Batteries included.")
    page.keyboard.press("Enter")
    _until(page, lambda: chat.of_type("candidate.message"))

    chat.store({"type": "turn", "seq": 2, "role": "candidate", "kind": "answer", "text": "Batteries included."})
    chat.sockets[-1].close(code=1011)
    _until(page, lambda: len(chat.of_type("hello")) == 2, timeout_s=8)

    _until(page, lambda: page.locator("#transcript li.pending").count() == 0)
    page.wait_for_timeout(300)
    assert len(chat.of_type("candidate.message")) == 1  # the replayed turn acknowledged it
    assert page.locator("li[data-seq='2'] .text").text_content() == "Batteries included."
