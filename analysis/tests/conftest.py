"""Factories for analysis tests: documents, plans, interviews with scripted transcripts."""

import uuid
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from analysis.services import plan_create
from documents import skills
from documents.models import Document
from interviews.models import IntegritySignal, Interview, Turn
from llm.tests.recordings import FakeServer

JD_PARSED = {
    "title": "Senior Backend Engineer",
    "seniority": "senior",
    "required_skills": ["Python", "Django", "PostgreSQL", "Kubernetes", "Flask"],
    "nice_to_have_skills": ["Redis", "AWS"],
    "min_years": 5,
    "responsibilities": [
        "Design and operate Django services and REST APIs",
        "Own PostgreSQL schema design and query performance",
    ],
    "location": "Remote",
    "remote": True,
}

RESUME_PARSED = {
    "name": "Alice Johnson",
    "email": "alice.johnson@example.com",
    "phone": "+1 415 555 0134",
    "links": ["github.com/alicej"],
    "location": "Austin, TX",
    "language": "en",
    "skills": ["Python", "Django", "PostgreSQL", "Redis", "Docker"],
    "roles": [{"title": "Senior Engineer", "company": "Acme", "start": "2019-03", "end": None}],
    "education": [{"degree": "BSc Computer Science", "institution": "UT Austin", "year": 2015}],
    "total_years": 6,
}

# A small stand-in taxonomy, so adjacent matches do not depend on the real one's contents.
RELATED = {"Flask": {"Django", "FastAPI"}, "Django": {"Flask", "FastAPI"}, "Kubernetes": {"Docker", "Helm"}}


@pytest.fixture
def taxonomy(monkeypatch):
    monkeypatch.setattr(skills, "related_skills", lambda name: set(RELATED.get(name, set())))
    return RELATED


@pytest.fixture
def make_document(db):
    def make(kind: str, parsed: dict, **fields) -> Document:
        fields.setdefault("status", Document.Status.READY)
        return Document.objects.create(kind=kind, parsed=parsed, text=str(parsed), **fields)

    return make


@pytest.fixture
def jd(make_document) -> Document:
    return make_document(Document.Kind.JD, dict(JD_PARSED), title="Senior Backend Engineer")


@pytest.fixture
def make_resume(make_document, jd):
    def make(name: str = "Alice Johnson", **parsed) -> Document:
        email = name.split()[0].lower() + "@example.com"
        data = {**RESUME_PARSED, "name": name, "email": email, **parsed}
        return make_document(Document.Kind.RESUME, data, jd=jd, candidate_name=name, candidate_email=email)

    return make


@pytest.fixture
def resume(make_resume) -> Document:
    return make_resume()


@pytest.fixture
def plan(jd, resume, taxonomy, settings):
    # Topics only: these tests are about answers to topics (and any task from the bank may be
    # submitted against it). Plans with a coding task have tests of their own (test_plan.py).
    settings.INTERVIEW_CODING_TASKS = False
    with override_settings(LLM_MAIN="offline"):  # the deterministic plan, whatever model a test configures
        plan = plan_create(jd=jd, resume=resume, duration_minutes=30)
    # The scripted transcripts (transcripts.py) answer the first five topics, t1..t5: the plan is
    # kept to those (a 30-minute plan now holds more, and reserve topics besides).
    plan.topics = plan.topics[:5]
    kept = {t["competency"] for t in plan.topics}
    plan.competencies = [c for c in plan.competencies if c["name"] in kept]
    plan.save(update_fields=["topics", "competencies"])
    return plan


@pytest.fixture
def make_interview(db, jd, resume, plan):
    """An ended interview whose turns are [(role, text, topic_id)], plus integrity signals [(name, detail)]."""

    def make(turns, *, signals=(), status=Interview.Status.ENDED, **fields) -> Interview:
        fields.setdefault("resume", resume)
        fields.setdefault("plan", plan)
        interview = Interview.objects.create(
            jd=jd, duration_minutes=30, status=status, token_hash=uuid.uuid4().hex * 2,
            token_expires_at=timezone.now() + timedelta(days=1), **fields,
        )
        for seq, (role, text, topic_id) in enumerate(turns, start=1):
            kind = "question" if topic_id else "greeting" if seq == 1 else "closing"
            kind = "answer" if role == "candidate" else kind
            Turn.objects.create(interview=interview, seq=seq, role=role, kind=kind, text=text, topic_id=topic_id)
        for name, detail in signals:
            IntegritySignal.objects.create(interview=interview, name=name, detail=detail)
        return interview

    return make


def script(plan, answers: dict[str, str], *, greeting_reply: str = "Hi, ready when you are.") -> list:
    """Greeting, then for each planned topic its question and (if given) the candidate's answer."""
    turns = [("interviewer", "Hello! I'm an AI interviewer. Shall we begin?", ""), ("candidate", greeting_reply, "")]
    for topic in plan.topics:
        turns.append(("interviewer", topic["question"], topic["id"]))
        if topic["id"] in answers:
            turns.append(("candidate", answers[topic["id"]], topic["id"]))
    turns.append(("interviewer", "Thank you, that's all from me.", ""))
    return turns


@pytest.fixture
def recorded_model(plan, claude_server) -> FakeServer:
    """Claude for the report. The plan (and its fit) is made first, offline: with a model configured the
    fit's skill review would be a model call of its own, and these recordings are the report's."""
    return claude_server
