"""Assess one candidate answer right after it is given (a Celery job; the conductor never waits on it).

The answer is read with the earlier answers on the same topic, anonymised like the report's
transcript, against the topic's strong-answer points. A model's output is validated: covered
points must be points of this topic, a score needs a substantive answer, and an answer that
tried to instruct the evaluator is capped by the offline reading of it.
"""

import logging

from django.db import IntegrityError, transaction

from interviews.models import Interview, Turn
from llm.gateway import Subject, structured_sync
from llm.prompts import data_block

from ..reporting.transcript import Anonymizer, transcript_turns
from .models import AnswerAssessment
from .prompt import ANSWER_ASSESSMENT, AnswerAssessmentOutput, offline_reading

log = logging.getLogger(__name__)

ASSESSMENT_DEADLINE_S = 60
NO_TOPIC_NOTE = "Not an answer to a planned topic (a reply to the greeting or the closing)."


def _topic_answers(interview: Interview, turn: Turn) -> tuple[str, list[str]]:
    """The topic this turn answers and the texts of its answers on that topic up to this one."""
    turns = transcript_turns(interview)
    this = next((t for t in turns if t.seq == turn.seq), None)
    if this is None or not this.topic_id:
        return "", []
    texts = [t.text for t in turns if t.role == "candidate" and t.topic_id == this.topic_id and t.seq <= turn.seq]
    return this.topic_id, texts


def assessment_context(*, topic: dict, answers: list[str], anonymize: Anonymizer) -> dict:
    """What the prompt is rendered from (blocks) and the offline judge reads (plain values)."""
    shown = [anonymize(text) for text in answers]
    points = [str(p) for p in topic.get("strong_answer") or []]
    return {
        "topic_name": str(topic.get("name", "")),
        "question": str(topic.get("question", "")),
        "points": points,
        "answers_text": "\n".join(shown),
        "topic_block": data_block("topic", f"{topic.get('name', '')} ({topic.get('competency', '')})"),
        "points_block": data_block("points", "\n".join(f"{i}. {p}" for i, p in enumerate(points, start=1))),
        "question_block": data_block("question", str(topic.get("question", ""))),
        "answers_block": "\n".join(data_block(f"answer {i}", text) for i, text in enumerate(shown, start=1)),
    }


def validated(output: AnswerAssessmentOutput, context: dict) -> dict:
    """The model's assessment, kept to what the answers and the rubric support."""
    points = context["points"]
    offline_score, _, instructions = offline_reading(context)
    covered = sorted({i for i in output.covered if 1 <= i <= len(points)})
    score = output.score
    if offline_score is None:
        score, covered = None, []  # nothing substantive to judge: no score, whatever a model says
    elif instructions and score is not None:
        score = min(score, offline_score)
    return {
        "score": score,
        "covered_points": [points[i - 1] for i in covered],
        "missing_points": [p for i, p in enumerate(points, start=1) if i not in covered],
        "notes": " ".join(output.notes.split())[:1000],
    }


def _judge(interview: Interview, topic: dict, answers: list[str]) -> dict:
    context = assessment_context(topic=topic, answers=answers, anonymize=Anonymizer.for_resume(interview.resume))
    try:
        output = structured_sync(ANSWER_ASSESSMENT, context, subject=Subject(interview_id=interview.pk),
                                 deadline_s=ASSESSMENT_DEADLINE_S)
    except Exception:  # a model that fails must not leave the recruiter without an assessment
        log.exception("answer assessment by the model failed for interview %s; offline judge used", interview.pk)
        output = AnswerAssessmentOutput.model_validate(ANSWER_ASSESSMENT.offline(context))
        output.notes = f"{output.notes} (Offline judge: the model was unavailable.)"
    return validated(output, context)


def answer_assess(*, turn_id: int) -> AnswerAssessment | None:
    """Assess a candidate turn against its topic's rubric and store it; idempotent.

    Returns the stored assessment (the existing one when run twice), or None for a turn that is not
    a complete candidate answer (submitted code is judged by the code evaluation, not here).
    """
    existing = AnswerAssessment.objects.filter(turn_id=turn_id).first()
    if existing is not None:
        return existing
    turn = Turn.objects.select_related("interview__plan", "interview__resume").filter(
        pk=turn_id, role=Turn.Role.CANDIDATE, kind=Turn.Kind.ANSWER, status=Turn.Status.COMPLETE).first()
    if turn is None:
        return None
    interview = turn.interview
    topic_id, answers = _topic_answers(interview, turn)
    topic = next((t for t in interview.plan.topics or [] if isinstance(t, dict) and t.get("id") == topic_id), None)
    fields = {"score": None, "covered_points": [], "missing_points": [], "notes": NO_TOPIC_NOTE}
    if topic is not None:
        fields = _judge(interview, topic, answers)
    try:
        with transaction.atomic():
            return AnswerAssessment.objects.create(turn=turn, topic_id=topic_id if topic else "", **fields)
    except IntegrityError:  # a second worker stored it first
        return AnswerAssessment.objects.get(turn_id=turn_id)
