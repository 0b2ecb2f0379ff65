"""Rows for interview tests, made directly through the models (no documents pipeline, no planner);
and the doubles the conductor's tests use at its edges: an emitter that checks every `turn` frame
was committed first, and a model at the provider edge whose timing follows the test's clock."""

import asyncio
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from analysis.models import InterviewPlan
from documents.models import Document
from interview_site.db import db_call
from interviews.models import Interview, Turn
from interviews.selectors import token_hash
from llm.providers.base import Usage
from llm.providers.offline import split_tokens
from organizations.models import default_organization_id

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
SECRETS = ("SECRET-RUBRIC", "SECRET-WHY", "SECRET-TESTS", "SECRET-SOLUTION")
CODING_TASK = {
    "prompt": "Write merge_intervals(intervals) that merges overlapping [start, end] pairs.",
    "language": "python",
    "starter_code": "def merge_intervals(intervals):\n    pass\n",
    "minutes": 10,
    "tests": "SECRET-TESTS",
    "solution": "SECRET-SOLUTION",
}
JD_PARSED = {
    "title": "Senior Backend Engineer",
    "required_skills": ["python", "postgresql"],
    "responsibilities": ["Design and operate Django services and REST APIs"],
}

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


def make_documents(
    *, jd_status: str = Document.Status.READY, resume_status: str = Document.Status.READY, jd_parsed=None,
    organization=None,
):
    """A ready JD and a resume for it, in `organization` (the default organisation unless given)."""
    org_id = organization.pk if organization is not None else default_organization_id()
    jd = Document.objects.create(
        organization_id=org_id,
        kind=Document.Kind.JD,
        status=jd_status,
        title="Backend Engineer",
        text="We need a backend engineer.",
        parsed=jd_parsed or {"title": "Senior Backend Engineer", "required_skills": ["python", "postgresql"]},
    )
    resume = Document.objects.create(
        organization_id=org_id,
        kind=Document.Kind.RESUME,
        status=resume_status,
        text="Ana Lopez, engineer.",
        parsed={"name": "Ana Lopez", "skills": ["python"]},
        jd=jd,
    )
    return jd, resume


def make_plan(
    jd: Document, resume: Document, *, topics=None, duration_minutes: int = 30, coding_task=None
) -> InterviewPlan:
    return InterviewPlan.objects.create(
        organization_id=jd.organization_id,
        jd=jd,
        resume=resume,
        duration_minutes=duration_minutes,
        topics=list(TOPICS[:2] if topics is None else topics),
        competencies=[{"name": t["competency"], "description": ""} for t in TOPICS],
        coding_task=coding_task,
    )


def make_interview(
    *,
    topics=None,
    duration_minutes: int = 30,
    status: str = Interview.Status.SCHEDULED,
    expires_in_hours: float = 72,
    coding_task=None,
    jd_parsed=None,
    organization=None,
    **fields,
) -> tuple[Interview, str]:
    """An interview with a 2-topic plan (unless `topics` is given) and its raw invite token, in
    `organization` (the default organisation unless given)."""
    jd, resume = make_documents(jd_parsed=jd_parsed, organization=organization)
    plan = make_plan(jd, resume, topics=topics, duration_minutes=duration_minutes, coding_task=coding_task)
    token = secrets.token_urlsafe(32)
    interview = Interview.objects.create(
        organization_id=jd.organization_id,
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


# --- Doubles at the conductor's edges --------------------------------------------------------------


class FakeEmitter:
    """Collects frames, and checks that every `turn` frame is for a row already committed."""

    def __init__(self, interview_id: int):
        self.interview_id = interview_id
        self.frames: list[dict] = []

    async def send(self, frame: dict) -> None:
        if frame["type"] == "turn":
            row = await self._committed_row(frame["seq"])
            assert row is not None and row["status"] in ("complete", "cancelled"), frame
            assert (row["text"], row["role"], row["kind"]) == (frame["text"], frame["role"], frame["kind"])
        self.frames.append(frame)

    @db_call  # and its connection closed after, as the server's own calls (no session outlives the tests)
    def _committed_row(self, seq: int):
        assert not transaction.get_connection().in_atomic_block  # emitted after commit, not before
        rows = Turn.objects.filter(interview_id=self.interview_id, seq=seq)
        return rows.values("status", "text", "role", "kind").first()

    async def wait_for(self, predicate, within_s: float = 5.0) -> dict:
        for _ in range(int(within_s / 0.005)):
            for frame in self.frames:
                if predicate(frame):
                    return frame
            await asyncio.sleep(0.005)
        raise AssertionError(f"no such frame in {[f['type'] for f in self.frames]}")

    async def turn(self, kind: str, role: str = "interviewer", after: int = 0) -> dict:
        def match(f):
            return f["type"] == "turn" and f["kind"] == kind and f["role"] == role and f["seq"] > after

        return await self.wait_for(match)

    async def ended(self) -> dict:
        return await self.wait_for(lambda f: f["type"] == "ended")

    def of_type(self, kind: str) -> list[dict]:
        return [f for f in self.frames if f["type"] == kind]

    def turns(self, role: str | None = None) -> list[dict]:
        return [f for f in self.of_type("turn") if role is None or f["role"] == role]

    def joined_deltas(self, seq: int) -> str:
        """The text a client shows for `seq`: each delta written at its offset (a restart overwrites)."""
        text = ""
        for f in self.of_type("interviewer.delta"):
            if f["seq"] == seq:
                text = text[: f["offset"]] + f["text"]
        return text


async def run_until(clock, emitter: FakeEmitter, predicate, *, step_s: float = 0.1, max_s: float = 600.0) -> dict:
    """Move the manual clock forward in steps (letting tasks run in between) until a frame matches."""
    for _ in range(int(max_s / step_s)):
        for frame in emitter.frames:
            if predicate(frame):
                return frame
        await clock.advance(step_s)
        await asyncio.sleep(0.001)
    # Database steps run in real time: give the last one a moment before giving up.
    try:
        return await emitter.wait_for(predicate, within_s=2.0)
    except AssertionError:
        raise AssertionError(f"no such frame after {max_s}s: {[f['type'] for f in emitter.frames]}") from None


class ClockedModel:
    """A model at the provider edge whose timing follows the test's clock: `ttft_s` before the first
    piece, `gap_s` between pieces. It says what the offline engine says (or `script(request)`), and
    counts the streams that were closed before their end (a barge-in must close them)."""

    provider = "test"

    def __init__(self, clock, *, ttft_s: float = 0.0, gap_s: float = 0.0, name: str = "clocked", script=None):
        self.clock, self.ttft_s, self.gap_s, self.script = clock, ttft_s, gap_s, script
        self.model = name
        self.calls: list[str] = []
        self.closed_early = 0

    async def stream(self, request):
        self.calls.append(request.prompt.name)
        text = self.script(request) if self.script else str(request.prompt.offline(request.context))
        request.usage = Usage(input_tokens=10, output_tokens=0)
        finished = False
        try:
            if self.ttft_s:
                await self.clock.sleep(self.ttft_s)
            for i, piece in enumerate(split_tokens(text)):
                if i and self.gap_s:
                    await self.clock.sleep(self.gap_s)
                request.usage.output_tokens += 1
                yield piece
            finished = True
        finally:
            if not finished:
                self.closed_early += 1

    async def structured(self, request, schema):
        raise NotImplementedError
