"""Admin: interviews, turns and signals render read-only for operators; the token hash never shows."""

import pytest
from django.contrib.auth.models import Permission

from interviews.models import IntegritySignal, Turn
from interviews.tests.test_api import (
    RAW_TOKEN,
    add_turns,
    make_interview,
    sha256_hex,
)


@pytest.fixture
def interview(db):
    interview = make_interview()
    add_turns(interview, 3)
    IntegritySignal.objects.create(interview=interview, name="paste", detail="512 characters")
    return interview


def test_interview_changelist_renders_with_search_and_filters(admin_client, interview):
    for query in ("", "?q=Ada", "?q=Backend", "?status__exact=scheduled&phase__exact=waiting", "?end_reason__exact="):
        response = admin_client.get(f"/admin/interviews/interview/{query}")
        assert response.status_code == 200, query
    assert "Ada Lovelace" in admin_client.get("/admin/interviews/interview/?q=ada@example.com").content.decode()


def test_interview_change_page_shows_turns_and_signals_read_only(admin_client, interview):
    response = admin_client.get(f"/admin/interviews/interview/{interview.pk}/change/")

    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f"turn number {seq}") for seq in (1, 2, 3)]
    assert positions == sorted(positions)  # ordered by seq
    assert "512 characters" in html
    assert sha256_hex(RAW_TOKEN) not in html and "token_hash" not in html
    assert 'name="turns-0-text"' not in html and 'name="_save"' not in html  # nothing to edit or save


def test_interviews_cannot_be_added_in_the_admin(admin_client, db):
    assert admin_client.get("/admin/interviews/interview/add/").status_code == 403


def test_turn_and_signal_admins_are_read_only(admin_client, interview):
    turn = Turn.objects.filter(interview=interview).first()
    signal = IntegritySignal.objects.get(interview=interview)
    for path in ("/admin/interviews/turn/", f"/admin/interviews/turn/{turn.pk}/change/",
                 "/admin/interviews/integritysignal/", f"/admin/interviews/integritysignal/{signal.pk}/change/"):
        assert admin_client.get(path).status_code == 200, path
    assert admin_client.get("/admin/interviews/turn/add/").status_code == 403
    assert admin_client.get(f"/admin/interviews/turn/{turn.pk}/delete/").status_code == 403
    assert admin_client.post(f"/admin/interviews/turn/{turn.pk}/change/", {"text": "rewritten"}).status_code == 403
    turn.refresh_from_db()
    assert turn.text != "rewritten"


def test_the_admin_is_for_operators_only(client, recruiter, interview, admin_user):
    """Staff with view permissions is no longer enough: the admin shows every organisation's rows, so only
    superusers (operators) get in; a recruiter works in the product's own, organisation-scoped pages."""
    recruiter.is_staff = True
    recruiter.save(update_fields=["is_staff"])
    recruiter.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="interviews", codename__startswith="view_")
    )
    client.force_login(recruiter)
    refused = client.get("/admin/interviews/interview/")
    assert refused.status_code == 302 and refused["Location"].startswith("/admin/login/")

    client.force_login(admin_user)
    response = client.get(f"/admin/interviews/interview/{interview.pk}/change/")
    assert response.status_code == 200 and "turn number 2" in response.content.decode()
