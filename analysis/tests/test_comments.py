"""Comments on an interview: every member of its organisation may add one (a hiring manager with the
reviewer role comments, never decides); they are kept as written, audited, and go with erasure."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from analysis.oversight.models import Comment
from analysis.oversight.services import comment_record
from audit.models import AuditEvent
from interviews.models import Interview
from interviews.tests.factories import make_interview
from privacy.history import HistoryError
from privacy.services import erase_candidate

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_reviewer_comments_through_the_api_and_everyone_reads_it(make_member):
    interview, _ = make_interview(status=Interview.Status.ENDED, end_reason="completed")
    reviewer, recruiter = make_member("hana", "reviewer"), make_member("rita", "recruiter")

    created = _api(reviewer).post(f"/api/v1/interview/{interview.pk}/comments",
                                  {"text": "Strong on SQL; I'd like to probe team lead experience."}, format="json")
    assert created.status_code == 201
    assert created.json()["by"] == "hana" and created.json()["role"] == "reviewer"
    # The reviewer still cannot decide: comments are the reviewer's voice, decisions are the recruiter's.
    refused = _api(reviewer).post(f"/api/v1/interview/{interview.pk}/decision", {"decision": "advance"}, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "role_forbidden"

    listed = _api(recruiter).get(f"/api/v1/interview/{interview.pk}/comments").json()
    assert [c["text"] for c in listed] == ["Strong on SQL; I'd like to probe team lead experience."]
    event = AuditEvent.objects.get(action="comment.added")
    assert event.user_name == "hana" and event.object_id == str(interview.pk)


def test_blank_or_overlong_comments_are_refused_and_nothing_is_stored(make_member):
    interview, _ = make_interview()
    client = _api(make_member("rita"))
    blank = client.post(f"/api/v1/interview/{interview.pk}/comments", {"text": "   "}, format="json")
    long = client.post(f"/api/v1/interview/{interview.pk}/comments", {"text": "x" * 2001}, format="json")
    assert blank.status_code == 400 and long.status_code == 400
    assert not Comment.objects.exists()


def test_another_organisations_member_cannot_see_or_add_comments(make_member):
    from organizations.models import Organization

    interview, _ = make_interview()
    other = Organization.objects.create(slug="other", name="Other")
    outsider = _api(make_member("olga", "admin", org=other))
    assert outsider.get(f"/api/v1/interview/{interview.pk}/comments").status_code == 404
    assert outsider.post(f"/api/v1/interview/{interview.pk}/comments", {"text": "hi"},
                         format="json").status_code == 404
    assert not Comment.objects.exists()


def test_the_report_page_shows_comments_and_takes_a_reviewers_comment(make_member):
    interview, _ = make_interview(status=Interview.Status.ENDED, end_reason="completed")
    page = Client()
    page.force_login(make_member("hana", "reviewer"))
    response = page.post(f"/interviews/{interview.pk}/comments/", {"text": "Ask about the migration next round."})
    assert response.status_code == 302
    html = page.get(f"/interviews/{interview.pk}/report/").content.decode()
    assert "Ask about the migration next round." in html and "hana" in html and "(reviewer)" in html


def test_comments_are_kept_as_written_and_go_with_erasure(make_member):
    interview, _ = make_interview(status=Interview.Status.ENDED, end_reason="completed")
    comment = comment_record(interview=interview, text="First impression: good.", user=make_member("rita"))
    comment.text = "rewritten"
    with pytest.raises(HistoryError):
        comment.save()
    with pytest.raises(HistoryError):
        Comment.objects.filter(pk=comment.pk).delete()

    erase_candidate(interview.resume_id)
    assert not Comment.objects.exists()
