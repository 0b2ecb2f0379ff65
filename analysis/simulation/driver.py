"""Run one complete interview through the real conductor with a scripted persona, then write its report.

No sockets: the conductor is driven through its public events (`hello`, `candidate_message`) and
its frames are read from an in-memory emitter, exactly as the Channels consumer would relay them.
The model is whatever LLM_MAIN says. Time runs on a manual clock: before each answer the clock
moves on by a realistic reading, thinking and speaking time (`answer_time_s`), so the interview's
own time budget (slices, wrap-up, time limit) shapes it as it would a real one. The silence nudge
is set out of the way: a real candidate's page sends partials while they talk, which the driver
does not.
"""

import asyncio
import re
import zlib
from dataclasses import dataclass, field

from asgiref.sync import async_to_sync
from django.test import override_settings

from documents.models import Document
from interviews.conductor import Conductor, ManualClock
from interviews.models import Interview
from interviews.services import interview_start
from llm.models import ModelCall

from ..assessment.answer import answer_assess
from ..models import EvaluationReport, InterviewPlan
from ..services import report_generate
from .fields import field_of
from .personas import Persona
from .trace import trace_lines

ASKING_KINDS = ("greeting", "question", "follow_up", "surprise")
MAX_ANSWERS = 80  # a safety net: a plan has at most a dozen topics with a few follow-ups each
DURATION_MINUTES = 30
READ_WORDS_PER_S = 4.0  # reading the question (about 240 words a minute)
SPEAK_WORDS_PER_S = 2.3  # answering aloud (about 140 words a minute)
THINK_S = (5, 15)  # before the first word
CODING_SHARE = 0.8  # of the coding task's minutes a candidate spends on it
_WORDS = re.compile(r"\S+")


def answer_time_s(question: str, answer: str) -> float:
    """Seconds from an interviewer turn to the candidate's answer: read, think, speak (deterministic)."""
    low, high = THINK_S
    think = low + zlib.crc32(answer.encode()) % (high - low + 1)
    return len(_WORDS.findall(question)) / READ_WORDS_PER_S + think + len(_WORDS.findall(answer)) / SPEAK_WORDS_PER_S


@dataclass
class Pacing:
    """How one simulated interview used its time: what the user in issue 11 measured."""

    minutes: float = 0.0
    topics_planned: int = 0
    topics_asked: int = 0
    follow_ups: int = 0
    surprises: int = 0
    coding: int = 0

    @property
    def main_questions(self) -> int:
        return self.topics_asked + self.surprises


class QueueEmitter:
    """Receives the conductor's frames; the driver waits for the ones a candidate would react to."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[dict] = asyncio.Queue()

        self.code_task: dict | None = None

    async def send(self, frame: dict) -> None:
        if frame["type"] == "code.task":
            self.code_task = frame
        if frame["type"] == "ended" or (frame["type"] == "turn" and frame["role"] == "interviewer"):
            await self.queue.put(frame)


async def converse(interview_id: int, persona: Persona, *, timeout_s: float, coding_s: float = 600.0
                   ) -> tuple[int, float]:
    """Hold the interview until it ends; return the number of answers given and the minutes it took."""
    emitter = QueueEmitter()
    clock = ManualClock()
    began = clock.time()
    conductor = Conductor(interview_id, emitter=emitter, clock=clock)
    answers = 0
    try:
        await conductor.hello()
        while answers < MAX_ANSWERS:
            frame = await asyncio.wait_for(emitter.queue.get(), timeout_s)
            if frame["type"] == "ended":
                break
            if frame["kind"] == "code_task":
                # Personas do not solve coding tasks (code is judged apart from the competencies): they
                # hand in the starter code, so the interview moves on as it would after a submission.
                task = emitter.code_task or {}
                answers += 1
                await clock.advance(coding_s * CODING_SHARE)
                await conductor.code_submit(task.get("language") or "python", task.get("starter_code") or "",
                                            f"sim-{answers}")
            elif frame["kind"] in ASKING_KINDS and frame["text"].strip():
                answers += 1
                text = persona.answer(frame["text"], follow_up=frame["kind"] == "follow_up")
                await clock.advance(answer_time_s(frame["text"], text))
                await conductor.candidate_message(text, f"sim-{answers}")
        else:
            await conductor.end()  # a conversation that never ends is stopped, not left running
    finally:
        await conductor.aclose()
    return answers, (clock.time() - began) / 60


@dataclass
class Outcome:
    """One simulated interview: who, which role, and the report's numbers."""

    case: str
    persona: str
    interview_id: int
    answers: int
    report: EvaluationReport
    competencies: list[str] = field(default_factory=list)  # the plan's, in its order
    asked: list[str] = field(default_factory=list)  # those the interviewer asked a question about
    line_of_work: str = ""  # the persona's field
    trace: list[str] = field(default_factory=list)  # with --trace: per topic, answers and the judge's reading
    pacing: Pacing = field(default_factory=Pacing)

    @property
    def scores(self) -> dict[str, float | None]:
        return {c["name"]: c["score"] for c in self.report.data.get("competencies") or []}

    @property
    def overall(self) -> float | None:
        return self.report.data.get("overall_score")

    @property
    def recommendation(self) -> str | None:
        return self.report.data.get("recommendation")

    def row(self) -> tuple:
        """What must be identical across runs."""
        data = self.report.data
        return (self.case, self.persona, self.overall, data.get("recommendation"), tuple(self.scores.items()),
                (data.get("communication") or {}).get("score"))


def known_skills(jd: Document, resume: Document) -> list[str]:
    """What the candidate knows by name: its own resume's skills and the JD's."""
    names = []
    for parsed, keys in ((resume.parsed, ("skills",)), (jd.parsed, ("required_skills", "nice_to_have_skills"))):
        for key in keys:
            names += [str(s) for s in (parsed or {}).get(key) or [] if s]
    return names


def asked_competencies(interview: Interview) -> list[str]:
    """Competencies of the plan that the interviewer put at least one question about."""
    by_topic = {t.get("id"): t.get("competency") for t in interview.plan.topics or [] if isinstance(t, dict)}
    topic_ids = interview.turns.filter(role="interviewer", kind__in=("greeting", "question", "follow_up")).values_list(
        "topic_id", flat=True)
    asked = {by_topic[i] for i in topic_ids if i in by_topic}
    return [c["name"] for c in interview.plan.competencies or [] if c.get("name") in asked]


def pacing_of(interview: Interview, minutes: float) -> Pacing:
    turns = list(interview.turns.filter(role="interviewer").values_list("kind", "topic_id"))
    return Pacing(
        minutes=round(minutes, 1), topics_planned=len(interview.plan.topics or []),
        topics_asked=len({topic for kind, topic in turns if kind == "question" and topic}),
        follow_ups=sum(kind == "follow_up" for kind, _ in turns),
        surprises=sum(kind == "surprise" for kind, _ in turns),
        coding=sum(kind == "code_task" for kind, _ in turns),
    )


def simulate(*, case: str, jd: Document, resume: Document, level: str, timeout_s: float,
             trace: bool = False, minutes: int = DURATION_MINUTES) -> Outcome:
    """Start an interview for (jd, resume), let `level`'s persona answer it, and return its report."""
    interview, _token = interview_start(jd_id=jd.pk, resume_id=resume.pk, duration_minutes=minutes)
    parsed = jd.parsed or {}
    listed = [str(s) for key in ("required_skills", "nice_to_have_skills") for s in parsed.get(key) or []]
    work = field_of(title=str(parsed.get("title") or jd.title or ""), skills=listed, text=jd.text or "")
    persona = Persona(level=level, field=work, known_skills=known_skills(jd, resume),
                      own_skills=[str(s) for s in (resume.parsed or {}).get("skills") or [] if s])
    coding_s = float((interview.plan.coding_task or {}).get("minutes") or 10) * 60
    with override_settings(IDLE_NUDGE_S=3600):  # see the module docstring
        answers, took = async_to_sync(converse)(interview.pk, persona, timeout_s=timeout_s, coding_s=coding_s)
    for turn_id in interview.turns.filter(role="candidate", kind="answer").values_list("pk", flat=True):
        answer_assess(turn_id=turn_id)  # idempotent: a no-op where the per-answer job already ran
    report = report_generate(interview_id=interview.pk)
    return Outcome(case, level, interview.pk, answers, report,
                   [c["name"] for c in interview.plan.competencies or []], asked_competencies(interview), work,
                   trace_lines(interview.pk) if trace else [], pacing_of(interview, took))


def remove(outcomes: list[Outcome], documents: list[Document]) -> None:
    """Delete what a run created (interviews with their turns and reports, plans, documents).

    Records of offline model calls go too (they cost nothing and would only be noise); a real
    model's calls stay, for their cost.
    """
    from privacy.history import erasing

    with erasing():  # simulated candidates: their reports and decisions go the way an erasure's do
        interviews = Interview.objects.filter(pk__in=[o.interview_id for o in outcomes])
        plan_ids = list(interviews.values_list("plan_id", flat=True))
        offline_calls = ModelCall.objects.filter(provider="offline")
        offline_calls.filter(interview__in=interviews).delete()
        offline_calls.filter(document__in=[d.pk for d in documents]).delete()
        interviews.delete()
        InterviewPlan.objects.filter(pk__in=plan_ids).delete()
        for document in documents:
            document.delete()
