"""What the evaluator may see: the transcript (anonymised, inside data blocks) and the plan's rubric.

Nothing from the resume reaches the evaluator: no name, contact details, education, location or
employer history — the plan's topics already carry everything the questions were built from. The
candidate's name is replaced by "the candidate" in every turn, so it cannot sway a score, and what
candidates say about their age, origin, gender or address is removed (`assessment.protected`).
"""

import re
from dataclasses import dataclass

from llm.prompts import data_block
from llm.sanitize import strip_invisible

from ..assessment.protected import redact_protected
from ..planning.anchors import LEVELS, with_anchors

PLACEHOLDER = "the candidate"
CONTACT_PLACEHOLDER = "[contact removed]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_UNSAFE_NAME = re.compile(r"[^\w-]")
TOPICLESS_KINDS = ("greeting", "closing")


@dataclass(frozen=True)
class TranscriptTurn:
    seq: int
    role: str
    kind: str
    topic_id: str
    text: str


def _answered_topic(turn, last_question) -> str:
    """The topic a candidate turn answers: that of the interviewer turn just before it.

    A reply to the greeting or the closing answers no topic (the stored tag may say otherwise:
    the conductor tags answers with its current topic, which is the first one during the greeting).
    A greeting that itself asks the first topic's question (tagged with that topic) is answered like one.
    """
    if last_question is None:
        return turn.topic_id
    if last_question.kind in TOPICLESS_KINDS:
        # The conductor's greeting ends with the first topic's question and is tagged with it; a
        # greeting without a topic (or the closing) asks nothing to judge.
        return last_question.topic_id if last_question.kind == "greeting" else ""
    return last_question.topic_id or turn.topic_id


def transcript_turns(interview) -> list[TranscriptTurn]:
    """Complete candidate turns and every interviewer turn that has text, in order."""
    turns, last_question = [], None
    for turn in interview.turns.order_by("seq"):
        if turn.role == "interviewer":
            last_question = turn
            if turn.status == "streaming" or not turn.text:
                continue
            topic = turn.topic_id
        elif turn.status != "complete":
            continue
        else:
            topic = _answered_topic(turn, last_question)
        turns.append(TranscriptTurn(turn.seq, turn.role, turn.kind, topic, turn.text))
    return turns


class Anonymizer:
    """Replaces the candidate's name and contact details with neutral placeholders."""

    def __init__(self, *, names: list[str], contacts: list[str]):
        full = sorted({" ".join(n.split()) for n in names if n and n.strip()}, key=len, reverse=True)
        parts = sorted({p for n in full for p in n.split() if len(p) >= 3}, key=len, reverse=True)
        # Full names case-insensitively; single name parts only capitalised, so a candidate called
        # Will or Grace does not turn "I will" into nonsense.
        self._full = [re.compile(rf"\b{re.escape(n)}\b", re.IGNORECASE) for n in full]
        self._parts = [re.compile(rf"\b{re.escape(p[0].upper() + p[1:])}\b") for p in parts]
        self._contacts = sorted({c.strip() for c in contacts if c and len(c.strip()) >= 5}, key=len, reverse=True)

    @classmethod
    def for_resume(cls, resume) -> "Anonymizer":
        parsed = resume.parsed if isinstance(resume.parsed, dict) else {}
        links = parsed.get("links") if isinstance(parsed.get("links"), list) else []
        return cls(
            names=[resume.candidate_name, str(parsed.get("name") or "")],
            contacts=[resume.candidate_email, str(parsed.get("email") or ""), str(parsed.get("phone") or ""),
                      *[str(link) for link in links]],
        )

    def __call__(self, text: str) -> str:
        text = strip_invisible(text or "")
        for contact in self._contacts:
            text = text.replace(contact, CONTACT_PLACEHOLDER)
        text = _EMAIL.sub(CONTACT_PLACEHOLDER, text)
        for pattern in self._full + self._parts:
            text = pattern.sub(PLACEHOLDER, text)
        return redact_protected(text)  # age, origin, gender, address... as the candidate described them


def _rubric_text(competencies: list[dict], topics: list[dict], code: dict | None) -> str:
    lines = []
    for competency in competencies:
        lines.append(f"Competency: {competency['name']} — {competency['description']}")
        lines += [f"  Level {level} answer: {competency['anchors'][level]}" for level in LEVELS]
        for topic in (t for t in topics if t["competency"] == competency["name"]):
            lines.append(f"  Topic {topic['id']} \u201c{topic['name']}\u201d. Question asked: {topic['question']}")
            lines += ["    A strong answer covers:"] + [f"    - {point}" for point in topic["strong_answer"]]
        if code and code.get("competency") == competency["name"]:
            lines.append(f"  Coding task \u201c{code['task']}\u201d (counts here as one more answer): the candidate's "
                         f"code passed {code['passed']} of {code['total']} hidden tests in the sandbox.")
    return "\n".join(lines)


CODE_SKILLS = {"python": ("python", "django", "flask", "fastapi", "pandas"),
               "javascript": ("javascript", "typescript", "node", "react", "vue", "angular")}


def coding_competency(names: list[str], language: str) -> str | None:
    """The competency a coding task tests: the technical depth in its language where the plan has one,
    else problem solving; None when the plan has neither (the result is then shown, not scored)."""
    skills = CODE_SKILLS.get((language or "").casefold(), ((language or "").casefold(),))
    for name in names:
        if name.startswith("Technical depth: ") and any(s and s in name.casefold() for s in skills):
            return name
    return "Problem solving" if "Problem solving" in names else None


def _code_context(code: dict | None, names: list[str]) -> dict | None:
    """The sandbox's result of the coding task, and the competency it counts in (None if it did not run)."""
    if not code or code.get("status", "ran") != "ran" or not code.get("total"):
        return None
    return {"task": str(code.get("task") or ""), "passed": int(code["passed"]), "total": int(code["total"]),
            "language": str(code.get("language") or ""), "status": "ran",
            "competency": coding_competency(names, str(code.get("language") or ""))}


def _turn_block(turn: dict) -> str:
    topic = _UNSAFE_NAME.sub("", turn["topic_id"]) or "none"
    return data_block(f"turn {turn['seq']} {turn['role']} topic={topic}", turn["text"])


def report_context(*, plan, turns: list[TranscriptTurn], anonymize: Anonymizer, code: dict | None = None) -> dict:
    """The context the REPORT prompt is rendered from (and the offline engine reads).

    `transcript_block` and `rubric_block` are what a real model sees; `turns`, `topics`,
    `competencies` (with their anchors, derived for a plan stored without) and `code` (the coding
    task's sandbox result, when it ran) are the same content, structured, for the offline engine.
    """
    topics = [
        {
            "id": str(t.get("id") or ""), "name": str(t.get("name") or ""),
            "competency": str(t.get("competency") or t.get("name") or "General"),
            "question": str(t.get("question") or ""), "strong_answer": [str(p) for p in t.get("strong_answer") or []],
            "reserve": bool(t.get("reserve")),
        }
        for t in plan.topics or [] if isinstance(t, dict)
    ]
    competencies = [
        {"name": str(c["name"]), "description": str(c.get("description") or "")}
        for c in plan.competencies or [] if isinstance(c, dict) and c.get("name")
    ]
    # A plan without a competency list still has the competencies its topics name.
    named = {c["name"] for c in competencies}
    competencies += [{"name": n, "description": ""} for n in dict.fromkeys(t["competency"] for t in topics)
                     if n not in named]
    given = {str(c["name"]): c.get("anchors") for c in plan.competencies or [] if isinstance(c, dict) and c.get("name")}
    competencies = with_anchors([{**c, "anchors": given.get(c["name"])} for c in competencies], topics)
    code_result = _code_context(code, [c["name"] for c in competencies])
    shown = [
        {"seq": t.seq, "role": t.role, "kind": t.kind, "topic_id": t.topic_id, "text": anonymize(t.text)}
        for t in turns
    ]
    return {
        "competencies": competencies,
        "topics": topics,
        "turns": shown,
        "code": code_result,
        "rubric_block": data_block("rubric", _rubric_text(competencies, topics, code_result)),
        "transcript_block": "\n".join(_turn_block(t) for t in shown),
    }
