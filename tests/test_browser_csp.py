"""Every main page under the Content-Security-Policy (issue 13), in headless Chromium against real Daphne
and Celery on PostgreSQL and Redis: login, dashboard, a job, a candidate, a document being processed, an
interview, the candidate's interview page (started, one answer over the WebSocket), a report and the admin.

Chromium reports each blocked inline script, event handler, style or foreign load as a
`securitypolicyviolation` event and a console error; the test collects both and asserts there are none.
A script tag injected into the login page first shows that the collector does catch a violation.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from documents.models import Document
from interviews.models import Interview, Turn
from interviews.tests.factories import RICH_ANSWERS, TOPICS, make_interview
from organizations.models import Membership, default_organization_id

from .conftest import Stack

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(300)]

# Runs in every page before its own scripts (Playwright's init scripts are not subject to the page's CSP).
COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
    window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || ''));
});
"""
CSP_CONSOLE = re.compile(r"Content Security Policy|Refused to (execute|load|apply|connect|frame)", re.IGNORECASE)


@pytest.fixture
def pages(live_stack, settings) -> dict[str, str]:
    """Rows for each page, made before Playwright starts (its sync API runs an event loop, where the ORM
    refuses to run)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the server checks it
    # An operator (the admin is superusers only) and the default organisation's admin, like the demo user.
    user = get_user_model().objects.create_user("recruiter", password="browser-pass-123", is_staff=True,
                                                is_superuser=True)
    Membership.objects.create(user=user, organization_id=default_organization_id(), role="admin")
    scheduled, token = make_interview(topics=TOPICS)
    ended, _ = make_interview(topics=TOPICS, status=Interview.Status.ENDED, end_reason="completed")
    seq = 0
    for topic, answer in zip(TOPICS, RICH_ANSWERS, strict=True):
        for role, kind, text in (("interviewer", "question", topic["question"]), ("candidate", "answer", answer)):
            seq += 1
            Turn.objects.create(interview=ended, seq=seq, role=role, kind=kind, text=text, topic_id=topic["id"],
                                status=Turn.Status.COMPLETE)
    processing = Document.objects.create(kind=Document.Kind.JD, status=Document.Status.PROCESSING, title="Pending",
                                         text="")
    return {
        "dashboard": "/",
        "upload": "/documents/upload/",
        "job": f"/documents/{scheduled.jd_id}/",
        "candidate": f"/documents/{scheduled.resume_id}/",
        "processing document": f"/documents/{processing.pk}/",
        "interview": f"/interviews/{scheduled.pk}/",
        "report": f"/interviews/{ended.pk}/report/",
        "admin": "/admin/",
        "admin interviews": "/admin/interviews/interview/",
        "candidate page": f"/i/{token}/",
    }


def _violations(page, console: list[str]) -> list[str]:
    return list(page.evaluate("window.__csp || []")) + [m for m in console if CSP_CONSOLE.search(m)]


def test_every_main_page_runs_under_the_csp_without_a_violation(live_stack: Stack, pages, browser):
    base = live_stack.base_url
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    response = page.goto(base + "/accounts/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # The collector catches a violation: an inline script is refused.
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true;';
                              document.head.appendChild(s); }""")
    page.wait_for_function("() => window.__csp.length > 0", timeout=5_000)
    assert page.evaluate("window.__ran === undefined") and _violations(page, console)
    console.clear()

    page.goto(base + "/accounts/login/")
    assert _violations(page, console) == [], "login"
    page.fill("input[name=username]", "recruiter")
    page.fill("input[name=password]", "browser-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")

    seen = {}
    for name, path in pages.items():
        console.clear()
        response = page.goto(base + path)
        assert response.status == 200, (name, response.status)
        assert "content-security-policy" in response.headers, name
        page.wait_for_load_state("networkidle")
        if name == "report":  # the worker writes it when the page is first opened; the page refreshes
            page.get_by_text("advisory", exact=False).first.wait_for(timeout=120_000)
        if name == "candidate page":  # the page's script drives the WebSocket: start, ask, answer
            page.check("#consent")
            page.click("#start-button")
            page.locator("#transcript > li.interviewer").first.wait_for(timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[aria-busy=true]')", timeout=30_000)
            page.fill("#answer", RICH_ANSWERS[0])
            page.press("#answer", "Enter")
            page.locator("#transcript > li.candidate").first.wait_for(timeout=30_000)
        if name == "processing document":  # its poller (a static script) runs and finds it still processing
            page.wait_for_timeout(1500)
        seen[name] = _violations(page, console)
    for admin_list in ("/admin/analysis/evaluationreport/", "/admin/interviews/interview/"):  # a change page each
        console.clear()
        page.goto(base + admin_list)
        page.locator("#result_list tbody th a").first.click()
        page.wait_for_load_state("networkidle")
        seen[page.url.removeprefix(base)] = _violations(page, console)
    assert seen == {name: [] for name in seen} and len(seen) == len(pages) + 2
