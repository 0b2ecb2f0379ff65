"""What an answer calls for within its topic: probe a missing point, ask for an example, go deeper on
a claim, clarify a misunderstanding, or move on.

With a model configured, the mini model decides in a structured call (`FOLLOW_UP_DECISION`); the
rules below are its offline stand-in and its fallback when the model fails or is slow. Either way
the policy (`policy.after_answer`) guards the decision: follow-ups only while the topic's time
slice and follow-up count last, never the same move or point twice in a topic.

Which strong-answer points an answer covered is read as the per-answer assessment reads it
(`analysis.assessment.prompt.covered_flags`), so the interviewer probes what the evaluator would
find missing. The points never reach the interviewer's words except the one being probed, asked
as an open question.
"""

import logging
import re
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field

from llm.prompts import Prompt, data_block

from . import conduct

log = logging.getLogger(__name__)

PROBE_MISSING, ASK_EXAMPLE, GO_DEEPER, CLARIFY, MOVE_ON = "probe_missing", "ask_example", "go_deeper", "clarify", \
    "move_on"
ACTIONS = (PROBE_MISSING, ASK_EXAMPLE, GO_DEEPER, CLARIFY, MOVE_ON)
# The follow-up's focus, as the interviewer's turn reads it.
FOCUS = {PROBE_MISSING: "missing", ASK_EXAMPLE: "example", GO_DEEPER: "depth", CLARIFY: "clarify_topic"}
COVERED_ENOUGH = 0.5  # of a topic's points: below it a point is probed (while the slice and follow-ups last)
DECISION_DEADLINE_S = 2.5  # the filler covers the wait; past it the rules decide

_MISUNDERSTANDING = re.compile(
    r"misunderst|\bnot (?:quite |really )?what i (?:said|meant)\b|\bi didn'?t (?:say|mean)\b"
    r"|\bthat'?s not (?:quite )?(?:right|what i)\b|\bi think you (?:misheard|misread|mean|confused)\b"
    r"|\bi (?:have not|haven'?t|never|didn'?t) (?:actually |really )?(?:used|worked with|worked on|done|touched)"
    r"\b[^.;!?]{0,60}\bbut\b",
    re.IGNORECASE,
)


# A missing point is probed through its aspect, in the interviewer's own words: the point's text
# (the rubric) never reaches a prompt or the candidate. First match wins.
_ASPECTS = [
    (re.compile(r"trade-?off|option|hindsight|differently|alternative|compar", re.I),
     "the options you weighed and what you would change now"),
    (re.compile(r"test|verif|check|measur|metric|success|result|outcome|audit", re.I),
     "how you checked that it actually worked"),
    (re.compile(r"fail|monitor|rollback|retr|incident|pitfall|problem|debug|root cause|recurrence", re.I),
     "what went wrong along the way and how you dealt with it"),
    (re.compile(r"scale|latency|performance|volume|users|load|memory|profil|concurren", re.I),
     "the scale involved and how it performed"),
    (re.compile(r"own part|personally|first-person|their own|own role", re.I),
     "which part of it was yours personally"),
    (re.compile(r"stakeholder|disagree|communicat|team|colleague|feedback", re.I),
     "how you worked with the people around it"),
    (re.compile(r"requirement|constraint|goal|planning|plans the work|risk|dependenc", re.I),
     "how you worked out the requirements and planned it"),
    (re.compile(r"priorit|criteria|urgen|deadline|what slips|competing", re.I),
     "how you decided what came first"),
    (re.compile(r"learn|sources|practice", re.I), "how you went about learning it"),
    (re.compile(r"listener|plain words|jargon|understanding", re.I), "how you made sure the other person understood"),
    (re.compile(r"mistake|blam|limit the damage|lasting change", re.I), "what you did once you saw the mistake"),
    (re.compile(r"situation|context|at stake", re.I), "the situation and what was at stake"),
]
GENERIC_ASPECT = "a detail of how it worked that you haven't mentioned yet"


def aspect(point: str) -> str:
    """What the interviewer may say about a missing point: its kind, never its words."""
    return next((said for cue, said in _ASPECTS if cue.search(point or "")), GENERIC_ASPECT)


@dataclass(frozen=True)
class Decision:
    action: str
    point: str = ""
    reason: str = ""


def signals_misunderstanding(answer: str) -> bool:
    """"I think there's a misunderstanding", "I haven't used Kafka, but ...": the question missed them."""
    return bool(_MISUNDERSTANDING.search(answer or ""))


def covered(text: str, *, points: list[str], topic_words: str) -> list[bool]:
    """For each strong-answer point, whether `text` covers it (the per-answer assessment's rule)."""
    from analysis.assessment.prompt import covered_flags
    from analysis.reporting.judge import content_stems

    return covered_flags(text, points=points, echoed=content_stems(topic_words)) if points else []


def rules_decision(*, answer: str, topic_answers: list[str], points: list[str], topic_words: str = "",
                   previous: tuple[str, ...] = (), probed: tuple[str, ...] = (), deepen: bool = True) -> Decision:
    """The offline reading: the answer's shape first (a claim, a vague answer), then the points it left out
    (`probed`: moves already made on this topic); `deepen`: a full answer may be probed or taken deeper
    (not on a gap topic, a hypothetical about new ground: there a full answer moves on)."""
    if signals_misunderstanding(answer):
        return Decision(CLARIFY, reason="the candidate says the question missed what they know or said")
    reading = conduct.read_answer(answer, previous)
    flags = covered("\n".join([*topic_answers, answer]), points=points, topic_words=topic_words)
    if topic_answers and points:
        before = covered("\n".join(topic_answers), points=points, topic_words=topic_words)
        if sum(flags) <= sum(before) and reading != conduct.CLAIM:
            return Decision(MOVE_ON, reason="the follow-up added nothing new to the topic")
    if reading == conduct.CLAIM:
        return Decision(GO_DEEPER, reason="a claim of expertise without detail")
    if reading == conduct.VAGUE:
        return Decision(ASK_EXAMPLE, reason="general, no concrete example")
    if reading != conduct.STRONG:
        return Decision(MOVE_ON, reason=f"answer reads as {reading}")
    if not deepen:
        return Decision(MOVE_ON, reason="a full answer on how they would approach new ground")
    missing = [p for p, flag in zip(points, flags, strict=True) if not flag and f"{PROBE_MISSING}:{p}" not in probed]
    if missing and not topic_answers and sum(flags) < COVERED_ENOUGH * len(points):
        return Decision(PROBE_MISSING, missing[0], f"covered {sum(flags)} of {len(points)} points")
    return Decision(MOVE_ON, reason="the topic is covered")


# --- The model's decision -------------------------------------------------------------------------------------


class FollowUpDecisionOutput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    action: Literal["probe_missing", "ask_example", "go_deeper", "clarify", "move_on"]
    point: str | None = Field(default=None, max_length=300)
    reason: str = Field(default="", max_length=300)


def decision_context(*, topic: dict, points: list[str], topic_answers: list[str], answer: str,
                     time_left_s: float = 0.0) -> dict:
    """The decision prompt's data blocks (answers as data only), and plain values for the rules."""
    return {
        "time_left": f"about {max(0, round(time_left_s / 60))} minute(s)",
        "topic_block": data_block("topic", f"{topic.get('name', '')}\nQuestion: {topic.get('question', '')}"),
        "points_block": data_block("points", "\n".join(f"- {p}" for p in points)),
        "earlier_block": "\n".join(data_block(f"earlier answer {i}", a) for i, a in enumerate(topic_answers, 1)),
        "answer_block": data_block("candidate_answer", answer),
        # Plain values, for the offline engine.
        "answer": answer, "topic_answers": list(topic_answers), "points": list(points),
        "topic_words": f"{topic.get('name', '')} {topic.get('question', '')}",
    }


def offline_decision(context: dict) -> dict:
    decided = rules_decision(answer=context["answer"], topic_answers=context["topic_answers"],
                             points=context["points"], topic_words=context["topic_words"])
    return {"action": decided.action, "point": decided.point or None, "reason": decided.reason}


FOLLOW_UP_DECISION = Prompt(name="follow_up_decision", version=2, role="mini", schema=FollowUpDecisionOutput,
                            offline=offline_decision, max_tokens=200)


def validated(output: FollowUpDecisionOutput, points: list[str]) -> Decision | None:
    """The model's decision if it holds: a probed point must be one of the topic's points."""
    if output.action != PROBE_MISSING:
        return Decision(output.action, "", " ".join(output.reason.split()))
    wanted = " ".join((output.point or "").split()).casefold()
    point = next((p for p in points if p.casefold() == wanted), None)
    return Decision(PROBE_MISSING, point, " ".join(output.reason.split())) if point else None


def model_configured() -> bool:
    return not settings.LLM_MINI.startswith("offline")


async def model_decision(*, topic: dict, points: list[str], topic_answers: list[str], answer: str,
                         interview_id: int, time_left_s: float = 0.0) -> Decision | None:
    """The mini model's decision, validated; None (the rules decide) when offline, failed, slow or invalid."""
    if not model_configured():
        return None
    from llm import gateway

    context = decision_context(topic=topic, points=points, topic_answers=topic_answers, answer=answer,
                               time_left_s=time_left_s)
    try:
        output = await gateway.structured(FOLLOW_UP_DECISION, context, subject=gateway.Subject(
            interview_id=interview_id), deadline_s=DECISION_DEADLINE_S)
    except Exception:  # the rules decide: an interview never waits on a broken model
        log.warning("follow-up decision by the model failed for interview %s; rules used", interview_id,
                    exc_info=True)
        return None
    return validated(output, points)
