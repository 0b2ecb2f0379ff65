"""A recruiter and a candidate in headless Chromium, against real Daphne + Celery on PostgreSQL and Redis:
log in, upload a JD and a resume, see them ready with a fit, start an interview, hold it in the
candidate's page, and read the report on the dashboard and in the admin."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from organizations.models import Membership, default_organization_id

from .test_end_to_end import ANSWER_FOR, ANSWERS, JD_TEXT, answer_to

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(300)]

SHOTS = Path("/tmp/wt-live-shots")  # screenshots of the start page and the coding panel, to look at
RUN_SHOTS = Path("/tmp/wt-run-shots")  # the coding panel with the examples' results
SAMPLE_RESUME = Path(__file__).resolve().parent.parent / "documents" / "samples" / "resume_strong_fit.pdf"


@pytest.fixture
def recruiter_account(live_stack, settings):
    # Created before Playwright starts: its sync API runs an event loop, where the ORM refuses to run.
    # Hashed as production does, since the real server checks the password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    # An operator too (the admin is superusers only), and the default organisation's admin, like the demo user.
    user = get_user_model().objects.create_user(
        "recruiter", password="browser-pass-123", is_staff=True, is_superuser=True
    )
    Membership.objects.create(user=user, organization_id=default_organization_id(), role="admin")
    return user



def _login(page, base: str) -> None:
    page.goto(base + "/")
    page.fill("input[name=username]", "recruiter")
    page.fill("input[name=password]", "browser-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def _upload(page, base: str) -> tuple[str, str]:
    page.goto(base + "/documents/upload/")
    page.fill("input[name=jd-title]", "Senior Backend Engineer")
    page.fill("textarea[name=jd-text]", JD_TEXT)
    page.locator("form:has(textarea[name=jd-text]) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/documents/\d+/$"))
    jd_id = re.search(r"/documents/(\d+)/", page.url).group(1)
    page.get_by_text("Ready", exact=False).first.wait_for(timeout=60_000)

    page.goto(base + "/documents/upload/")
    page.set_input_files("input[name=resume-file]", str(SAMPLE_RESUME))
    page.select_option("select[name=resume-jd]", jd_id)
    page.fill("input[name=resume-candidate_name]", "Lucía Fernández")
    page.locator("form:has(input[name=resume-file]) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/documents/\d+/$"))
    resume_id = re.search(r"/documents/(\d+)/", page.url).group(1)
    page.get_by_text("Ready", exact=False).first.wait_for(timeout=60_000)
    return jd_id, resume_id


def _hold_interview(candidate) -> tuple[int, bool]:
    """Answer each interviewer turn through the page until the interview ends."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    sent, coded = 0, False
    while candidate.locator("#ended").is_hidden() and sent < 80:  # a 30-minute plan: ~7 topics with follow-ups
        candidate.wait_for_function(
            "() => !document.getElementById('ended').hidden || "
            "(document.querySelectorAll('#transcript > li').length > 0 && !document.querySelector('[aria-busy=true]'))",
            timeout=30_000,
        )
        if not candidate.locator("#ended").is_hidden():
            break
        before = candidate.locator("#transcript > li").count()
        if not coded and candidate.locator("#code-task").is_visible():
            _do_the_coding_task(candidate, before)
            coded = True
            continue
        question = candidate.locator("#transcript > li.interviewer").last.inner_text()
        try:
            candidate.fill("#answer", answer_to(question, sent), timeout=5_000)
        except PlaywrightTimeout:
            # The closing turn has just finished: the `ended` frame hides the composer.
            if candidate.locator("#ended").is_visible():
                break
            raise
        candidate.press("#answer", "Enter")
        sent += 1
        candidate.wait_for_function(
            f"() => document.querySelectorAll('#transcript > li').length >= {before + 2} "
            "|| !document.getElementById('ended').hidden",
            timeout=30_000,
        )
    return sent, coded


# The chat's newest message is inside the chat's visible box, and the page is no wider than the screen.
NEWEST_IN_VIEW = """() => {
    const box = document.getElementById('transcript').getBoundingClientRect();
    const last = document.querySelector('#transcript > li:last-child').getBoundingClientRect();
    return last.bottom <= box.bottom + 1 && last.bottom > box.top && box.height > 100
        && document.documentElement.scrollWidth <= window.innerWidth;
}"""


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _do_the_coding_task(candidate, before: int) -> None:
    """Ask about the task in the chat, type the code with Tab indentation, leave the editor, submit."""
    candidate.fill("#answer", "Can I use the standard library for this task?")
    candidate.press("#answer", "Enter")
    candidate.wait_for_function(
        f"() => document.querySelectorAll('#transcript > li').length >= {before + 2} "
        "&& !document.querySelector('[aria-busy=true]')",
        timeout=30_000,
    )
    reply = candidate.locator("#transcript > li.interviewer").last.inner_text()
    assert "can't help with the solution" in reply, reply  # answered, never with the solution
    assert candidate.locator("#code-task").is_visible(), "a question does not close the task"
    assert candidate.evaluate(NEWEST_IN_VIEW.replace("box.height > 100", "box.height > 200"))
    _shot(candidate, "coding-desktop")
    candidate.set_viewport_size({"width": 390, "height": 844})
    candidate.wait_for_timeout(300)
    _shot(candidate, "coding-390px")
    assert candidate.evaluate(NEWEST_IN_VIEW), "the newest message stays in view, nothing wider than the screen"
    candidate.set_viewport_size({"width": 1280, "height": 800})

    starter = candidate.input_value("#code-input")
    candidate.fill("#code-input", "")
    candidate.click("#code-input")
    for line in starter.rstrip("\n").split("\n"):  # typed as a person would: Tab for each indent level
        stripped = line.lstrip(" ")
        for _ in range((len(line) - len(stripped)) // 4):
            candidate.keyboard.press("Tab")
        candidate.keyboard.type(stripped)
        candidate.keyboard.press("Enter")
    typed = candidate.input_value("#code-input")
    assert typed.rstrip("\n") == starter.rstrip("\n"), "Tab indents by four spaces in the editor"
    assert "\n    " in typed
    candidate.keyboard.press("Escape")
    candidate.keyboard.press("Tab")  # Esc then Tab: the keyboard leaves the editor
    assert candidate.evaluate("document.activeElement.id") != "code-input"
    _run_the_examples(candidate)
    candidate.click("#code-submit")
    assert candidate.locator("#code-submit").is_disabled(), "one submission"
    candidate.wait_for_function(
        f"() => document.querySelectorAll('#transcript > li').length >= {before + 4}", timeout=30_000
    )


def _run_the_examples(candidate) -> None:
    """Run examples, from the keyboard, before submitting: the sandbox runs the task's visible examples
    on the code as it is (the starter: each example fails with its error) and the panel lists them."""
    assert candidate.evaluate("document.activeElement.id") == "code-run", "Esc, Tab reaches Run examples"
    candidate.keyboard.press("Enter")
    assert candidate.locator("#code-run").is_disabled() and candidate.inner_text("#code-run") == "Running…"
    candidate.locator("#code-results-list > li").first.wait_for(timeout=45_000)
    assert candidate.inner_text("#code-run") == "Run examples" and candidate.locator("#code-run").is_enabled()
    summary = candidate.inner_text("#code-results-summary")
    examples = candidate.locator("#code-results-list > li")
    assert re.fullmatch(r"0 of \d+ examples passed\.", summary), summary
    assert 2 <= examples.count() <= 4 and f"of {examples.count()} examples" in summary
    first = examples.first.inner_text()
    assert "Failed:" in first and "Call" in first and "Expected" in first and "Error" in first, first
    assert candidate.locator("#code-results-list .example.failed").count() == examples.count()
    assert candidate.locator("#code-prompt").bounding_box()["height"] > 40, "the task's text stays readable"
    assert "{#" not in candidate.inner_text("body"), "no template comment leaks onto the page"
    RUN_SHOTS.mkdir(parents=True, exist_ok=True)
    candidate.locator("#code-task").screenshot(path=str(RUN_SHOTS / "examples-panel.png"))
    candidate.screenshot(path=str(RUN_SHOTS / "examples-page.png"))


def test_recruiter_and_candidate_in_the_browser(live_stack, recruiter_account, browser):
    base = live_stack.base_url
    context = browser.new_context()
    page = context.new_page()
    _login(page, base)
    jd_id, resume_id = _upload(page, base)

    # The dashboard ranks the candidate with a fit score, once the worker has analysed the pair.
    page.goto(base + "/")
    row = page.locator(f"form.start-form:has(input[name=resume_id][value='{resume_id}'])")
    row.wait_for(timeout=30_000)
    assert "Lucía Fernández" in page.content()

    row.locator("select[name=duration_minutes]").select_option("30")  # long enough for a coding task
    row.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/interviews/\d+/$"))
    interview_id = re.search(r"/interviews/(\d+)/", page.url).group(1)
    link = page.input_value("#candidate-link")
    assert re.search(r"/i/[\w-]{40,}/$", link), "an invite token of at least 128 bits"

    status = "#interview-status [data-status={}], #interview-status .badge.{}"
    candidate = context.new_page()
    candidate.set_viewport_size({"width": 1280, "height": 800})
    candidate.goto(link)
    assert "You are talking to an AI interviewer" in candidate.content()
    # Start when ready: what to expect, consent, Start; nothing runs before it.
    candidate.locator("#start").wait_for(state="visible")
    assert candidate.locator("#transcript").is_hidden()
    candidate.wait_for_function("() => document.getElementById('connection').textContent === 'Connected'")
    assert candidate.locator("#start-button").is_disabled()
    _shot(candidate, "start-page")
    page.wait_for_timeout(3_500)  # a poll of the recruiter's page: still scheduled
    assert page.locator("#interview-status .badge.scheduled").count() == 1
    candidate.check("#consent")
    candidate.click("#start-button")
    first = candidate.locator("#transcript > li").first
    first.wait_for(timeout=30_000)
    assert candidate.locator("#start").is_hidden()
    assert re.match(r"Question \d+ of \d+", candidate.inner_text("#progress"))
    # The recruiter's page follows without a reload.
    page.locator(status.format("in_progress", "in_progress")).first.wait_for(timeout=15_000)
    assert page.inner_text("#interview-started") != "Not yet"
    sent, coded = _hold_interview(candidate)
    assert sent >= 2 and coded, "answers in the chat and code in the coding panel"
    candidate.locator("#ended").wait_for(state="visible", timeout=30_000)
    assert "complete" in candidate.inner_text("#ended-reason").lower()
    page.locator(status.format("ended", "ended")).first.wait_for(timeout=15_000)
    assert page.inner_text("#interview-ended") != "—"

    # The worker writes the report; the page refreshes itself until it is there.
    page.goto(f"{base}/interviews/{interview_id}/report/")
    page.get_by_text("advisory", exact=False).first.wait_for(timeout=90_000)
    report = page.content()
    assert "turn-" in report, "scores cite transcript turns"
    code = page.locator("pre.code-turn").first.inner_text()
    assert "\n    " in code, "the report shows the submitted code with its indentation"
    # The sandbox's verdict on the handed-in code (a later report version if it landed after the first).
    for _ in range(60):
        if "hidden tests passed" in page.content():
            break
        page.wait_for_timeout(1_000)
        page.reload()
    assert "hidden tests passed" in page.content()

    page.goto(f"{base}/admin/interviews/interview/{interview_id}/change/")
    assert "Turns" in page.content() or "TURNS" in page.content().upper()
    html = page.content()
    assert any(answer[:40] in html for answer in [*ANSWERS, *(a for _, a in ANSWER_FOR)])
    context.close()
