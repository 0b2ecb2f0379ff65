"""The ANSWER_ASSESSMENT prompt: one answer against its topic's strong-answer points.

Template `llm/prompts/answer_assessment.v1.txt`; schema `AnswerAssessmentOutput`; offline, the
same per-topic judge the report uses (`reporting.judge`), so the two never disagree offline.
"""

from pydantic import BaseModel, ConfigDict, Field

from llm.prompts import Prompt

from ..injection import strip_instructions
from ..planning.anchors import anchored_level
from ..reporting.judge import content_stems, content_terms, covers_point, judged_text, read_answer
from ..reporting.policy import round_half_up
from .substance import off_topic


class AnswerAssessmentOutput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    score: int | None = Field(default=None, ge=1, le=5, description="1-5, or null for not enough evidence")
    covered: list[int] = Field(default_factory=list, max_length=20, description="numbers of the points covered")
    notes: str = Field(default="", max_length=1000)


def covered_flags(text: str, *, points: list[str], echoed: set[str]) -> list[bool]:
    """For each point, whether the text covers it (the judge's rule, see `judge.covered_points`)."""
    answer = content_terms(text)
    return [covers_point(point, answer, echoed) for point in points]


def offline_reading(context: dict) -> tuple[int | None, list[bool], bool]:
    """(score, covered flags, contained instructions) of the answers in `context`, by the offline judge."""
    points, echoed = context["points"], content_stems(f"{context['topic_name']} {context['question']}")
    reading = read_answer(context["answers_text"], points=points, echoed=echoed)
    topic = {"name": context["topic_name"], "question": context["question"], "strong_answer": points}
    if not reading.substantive or off_topic(context["answers_text"], topic):
        return None, [False] * len(points), reading.instructions
    # The anchored level of the points covered, as the report scores it: "3 / 5" never sits beside "covers 1 of 5".
    score = anchored_level(reading.covered, len(points), reading.detail, reading.words) if points else \
        min(5, max(1, round_half_up(reading.raw_score)))
    clean = judged_text(strip_instructions(context["answers_text"])[0])
    return score, covered_flags(clean, points=points, echoed=echoed), reading.instructions


def offline_answer_assessment(context: dict) -> dict:
    score, flags, instructions = offline_reading(context)
    covered = [i for i, flag in enumerate(flags, start=1) if flag]
    if score is None:
        notes = "No substantive answer on this topic yet (empty, off-topic or too vague): not enough evidence."
    else:
        notes = f"Covers {len(covered)} of {len(flags)} points a strong answer includes."
    if instructions:
        notes += " Text addressed to the evaluator was ignored."
    return {"score": score, "covered": covered, "notes": notes}


ANSWER_ASSESSMENT = Prompt(
    name="answer_assessment", version=1, role="mini", schema=AnswerAssessmentOutput,
    offline=offline_answer_assessment, max_tokens=500,
)
