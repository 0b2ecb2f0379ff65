"""Cost and latency summaries per interview and per day."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from analysis.models import InterviewPlan
from documents.models import Document
from interviews.models import Interview
from llm.models import ModelCall
from llm.selectors import model_cost_by_day, model_cost_by_interview

pytestmark = pytest.mark.django_db


def make_interview(n: int) -> Interview:
    jd = Document.objects.create(kind=Document.Kind.JD, text="Backend engineer")
    resume = Document.objects.create(kind=Document.Kind.RESUME, text="Ada")
    plan = InterviewPlan.objects.create(jd=jd, resume=resume, duration_minutes=30, topics=[], competencies=[])
    return Interview.objects.create(
        jd=jd,
        resume=resume,
        plan=plan,
        duration_minutes=30,
        token_hash=f"{n:064x}",
        token_expires_at=timezone.now() + timedelta(days=1),
    )


def make_call(*, interview=None, cost="0.001", ttft=None, total=100.0, outcome="ok", days_ago=0, **fields):
    call = ModelCall.objects.create(
        role="main",
        provider="anthropic",
        model="claude-sonnet-5-5",
        prompt_name="interviewer_turn",
        prompt_version=1,
        interview=interview,
        cost_usd=Decimal(cost),
        ttft_ms=ttft,
        total_ms=total,
        outcome=outcome,
        **fields,
    )
    if days_ago:
        ModelCall.objects.filter(pk=call.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return call


def test_cost_and_median_latency_per_interview():
    first, second = make_interview(1), make_interview(2)
    make_call(interview=first, cost="0.010", ttft=100, total=1000, input_tokens=10, cache_read_tokens=500)
    make_call(interview=first, cost="0.020", ttft=300, total=2000, input_tokens=20)
    make_call(interview=first, cost="0.005", ttft=None, total=3000, outcome="failed")
    make_call(interview=second, cost="0.001", ttft=50, total=60)
    make_call(interview=None, cost="9.000")  # document work, not an interview

    rows = {row["interview_id"]: row for row in model_cost_by_interview()}

    assert set(rows) == {first.pk, second.pk}
    row = rows[first.pk]
    assert (row["calls"], row["failed"], row["cost_usd"]) == (3, 1, Decimal("0.035"))
    assert (row["input_tokens"], row["cache_read_tokens"]) == (30, 500)
    assert row["median_ttft_ms"] == 200  # of the calls that produced a token
    assert row["median_total_ms"] == 2000
    assert rows[second.pk]["median_ttft_ms"] == 50


def test_cost_and_median_latency_per_day():
    make_call(cost="0.010", ttft=100, total=1000)
    make_call(cost="0.030", ttft=200, total=3000)
    make_call(cost="0.500", ttft=900, total=9000, days_ago=2)
    make_call(cost="7.000", days_ago=40)  # outside the window

    today, earlier = model_cost_by_day(days=30)

    assert today["day"] > earlier["day"]
    assert (today["calls"], today["cost_usd"], today["median_ttft_ms"], today["median_total_ms"]) == (
        2,
        Decimal("0.040"),
        150,
        2000,
    )
    assert (earlier["calls"], earlier["cost_usd"]) == (1, Decimal("0.500"))


def test_summaries_are_empty_without_calls():
    assert model_cost_by_interview() == []
    assert model_cost_by_day() == []
