import hashlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from interviews import selectors
from interviews.models import Interview, Turn

from .factories import make_interview

pytestmark = pytest.mark.django_db


def test_token_hash_is_sha256_hex():
    assert selectors.token_hash("abc") == hashlib.sha256(b"abc").hexdigest()


def test_candidate_gets_the_interview_by_token_or_by_its_hash():
    interview, token = make_interview()
    assert selectors.interview_get_for_candidate(token=token) == interview
    assert selectors.interview_get_for_candidate(token_hash_value=interview.token_hash) == interview


@pytest.mark.parametrize("kwargs", [{"token": "not-a-token"}, {"token_hash_value": "0" * 64}, {}, {"token": ""}])
def test_unknown_or_missing_token_opens_nothing(kwargs):
    make_interview()
    with pytest.raises(Interview.DoesNotExist):
        selectors.interview_get_for_candidate(**kwargs)


def test_expired_token_opens_nothing():
    _, token = make_interview(expires_in_hours=-1)
    with pytest.raises(Interview.DoesNotExist):
        selectors.interview_get_for_candidate(token=token)


def test_recruiter_access_is_for_active_staff_only(django_user_model, recruiter):
    interview, _ = make_interview()
    assert selectors.interview_get_for_recruiter(user=recruiter, interview_id=interview.pk) == interview
    outsider = django_user_model.objects.create_user(username="cand", password="x-long-password")
    for user in (outsider, AnonymousUser(), None):
        with pytest.raises(Interview.DoesNotExist):
            selectors.interview_get_for_recruiter(user=user, interview_id=interview.pk)
    recruiter.is_active = False
    with pytest.raises(Interview.DoesNotExist):
        selectors.interview_get_for_recruiter(user=recruiter, interview_id=interview.pk)


def test_turns_after_returns_visible_turns_in_order():
    interview, _ = make_interview()
    for seq, status in [(3, "complete"), (1, "complete"), (2, "cancelled"), (4, "streaming")]:
        Turn.objects.create(interview=interview, seq=seq, role="interviewer", kind="question", status=status)
    assert [t.seq for t in selectors.turns_after(interview_id=interview.pk, last_seq=0)] == [1, 2, 3]
    assert [t.seq for t in selectors.turns_after(interview_id=interview.pk, last_seq=2)] == [3]
    assert selectors.turn_last_seq(interview_id=interview.pk) == 3
    assert selectors.turn_streaming(interview_id=interview.pk).seq == 4


def test_time_left_counts_down_from_the_start():
    interview, _ = make_interview(duration_minutes=10)
    assert selectors.interview_time_left_s(interview=interview) == 600
    interview.status, interview.started_at = Interview.Status.IN_PROGRESS, timezone.now() - timedelta(minutes=4)
    assert 355 <= selectors.interview_time_left_s(interview=interview) <= 360
    interview.started_at = timezone.now() - timedelta(minutes=11)
    assert selectors.interview_time_left_s(interview=interview) == 0


def test_an_interview_under_way_reopens_after_its_link_expired():
    running, token = make_interview(status="in_progress", expires_in_hours=-1)
    ended, ended_token = make_interview(status="ended", expires_in_hours=-1)
    waiting, waiting_token = make_interview(expires_in_hours=-1)
    assert selectors.interview_get_for_reconnect(token=token) == running
    assert selectors.interview_get_for_reconnect(token_hash_value=running.token_hash) == running
    assert selectors.interview_get_for_reconnect(token=ended_token) == ended  # the socket then says 4410
    for kwargs in ({"token": waiting_token}, {"token": "nope"}, {}):
        with pytest.raises(Interview.DoesNotExist):
            selectors.interview_get_for_reconnect(**kwargs)
    with pytest.raises(Interview.DoesNotExist):
        selectors.interview_get_for_candidate(token=token)  # the page's own access is unchanged


def test_the_coding_task_the_candidate_sees_has_no_tests_or_solution():
    from .factories import CODING_TASK

    interview, _ = make_interview(status="in_progress", coding_task=CODING_TASK)
    public = selectors.coding_task_public(plan=interview.plan)
    assert set(public) == {"id", "prompt", "language", "starter_code", "minutes"} and "SECRET" not in str(public)
    assert selectors.code_task_frame(interview_id=interview.pk) is None  # not handed out yet
    interview.state = {"v": 2, "awaiting": "code_task", "code_task_seq": 7}
    interview.save()
    assert selectors.code_task_frame(interview_id=interview.pk) == {
        "type": "code.task", "seq": 7, "prompt": CODING_TASK["prompt"], "language": "python",
        "starter_code": CODING_TASK["starter_code"],
    }  # fmt: skip
    plain, _ = make_interview()
    assert selectors.coding_task_public(plan=plain.plan) is None
