"""Rows for interview tests, made directly through the models (no documents pipeline, no planner)."""

import secrets
from datetime import timedelta

from django.utils import timezone

from analysis.models import InterviewPlan
from documents.models import Document
from interviews.models import Interview
from interviews.selectors import token_hash

TOPICS = [
    {
        "id": "t-api",
        "name": "API design",
        "competency": "System design",
        "kind": "core",
        "why": "The JD asks for REST APIs; SECRET-WHY-1",
        "question": "How would you design a REST API for a booking system?",
        "strong_answer": ["SECRET-RUBRIC-resources and verbs", "SECRET-RUBRIC-idempotency keys"],
        "minutes": 8,
    },
    {
        "id": "t-db",
        "name": "Databases",
        "competency": "Data modelling",
        "kind": "gap",
        "why": "No PostgreSQL on the resume; SECRET-WHY-2",
        "question": "Tell me about a time you had to make a slow database query fast.",
        "strong_answer": ["SECRET-RUBRIC-EXPLAIN plans", "SECRET-RUBRIC-indexes"],
        "minutes": 8,
    },
    {
        "id": "t-team",
        "name": "Teamwork",
        "competency": "Collaboration",
        "kind": "claim",
        "why": "Claims to have led a team; SECRET-WHY-3",
        "question": "How do you handle a disagreement about a technical decision?",
        "strong_answer": ["SECRET-RUBRIC-listens first"],
        "minutes": 6,
    },
]
SECRETS = ("SECRET-RUBRIC", "SECRET-WHY")

THIN_ANSWER = "Yes, I have done that a lot."
RICH_ANSWERS = [
    "At Acme in 2022 I designed the booking API: resources for rooms and reservations, POST with an "
    "idempotency key so retries never double-book, and cursor pagination. I wrote the OpenAPI spec first, "
    "reviewed it with the mobile team, and we shipped it in six weeks with 99.9% uptime.",
    "Our search endpoint took 4 seconds. I ran EXPLAIN ANALYZE, saw a sequential scan on 30 million rows, "
    "added a composite index on (tenant_id, created_at) and rewrote an OR into a UNION. It dropped to 40 ms; "
    "the trade-off was slower writes, which we measured at about 3 percent.",
    "When a colleague and I disagreed about moving to Kafka, I wrote down both options with costs, we ran a "
    "two-day spike, and the numbers showed our queue was fine for 2 more years, so we decided to stay and "
    "revisit at 10x traffic. I made sure his concerns went into the design doc.",
]


def make_documents(*, jd_status: str = Document.Status.READY, resume_status: str = Document.Status.READY):
    jd = Document.objects.create(
        kind=Document.Kind.JD,
        status=jd_status,
        title="Backend Engineer",
        text="We need a backend engineer.",
        parsed={"title": "Senior Backend Engineer", "required_skills": ["python", "postgresql"]},
    )
    resume = Document.objects.create(
        kind=Document.Kind.RESUME,
        status=resume_status,
        text="Ana Lopez, engineer.",
        parsed={"name": "Ana Lopez", "skills": ["python"]},
        jd=jd,
    )
    return jd, resume


def make_plan(jd: Document, resume: Document, *, topics=None, duration_minutes: int = 30) -> InterviewPlan:
    return InterviewPlan.objects.create(
        jd=jd,
        resume=resume,
        duration_minutes=duration_minutes,
        topics=list(TOPICS[:2] if topics is None else topics),
        competencies=[{"name": t["competency"], "description": ""} for t in TOPICS],
    )


def make_interview(
    *,
    topics=None,
    duration_minutes: int = 30,
    status: str = Interview.Status.SCHEDULED,
    expires_in_hours: float = 72,
    **fields,
) -> tuple[Interview, str]:
    """An interview with a 2-topic plan (unless `topics` is given) and its raw invite token."""
    jd, resume = make_documents()
    plan = make_plan(jd, resume, topics=topics, duration_minutes=duration_minutes)
    token = secrets.token_urlsafe(32)
    interview = Interview.objects.create(
        jd=jd,
        resume=resume,
        plan=plan,
        duration_minutes=duration_minutes,
        status=status,
        token_hash=token_hash(token),
        token_expires_at=timezone.now() + timedelta(hours=expires_in_hours),
        **fields,
    )
    return interview, token
