"""The interviewer's voice: its prompts (the turn, the filler, the surprise question) and their contexts.

A context carries only what the interviewer may say out loud: the role, the topic's name and
question, the candidate's last answer and a short transcript tail. A topic's `why` and
`strong_answer` points never enter it, so no model can reveal them. Text that came from documents
or from the candidate reaches a real model only inside data blocks (`llm.prompts.data_block`).
The offline engine's words for each prompt live in `interviews.offline_interviewer`.
"""

from typing import Any

from llm.prompts import Prompt, data_block
from llm.sanitize import strip_invisible

from . import offline_interviewer as offline
from .offline_interviewer import answer_quote, first_name, one_line  # noqa: F401 (re-exported)

GREET, QUESTION, FOLLOW_UP, CLOSE, CANDIDATE_ENDED = "greet", "question", "follow_up", "close", "candidate_ended"
REASK, SURPRISE, NUDGE = "reask", "surprise", "nudge"
CODE_TASK, CODE_HELP, CANDIDATE_QUESTIONS = "code_task", "code_help", "candidate_questions"
ACTIONS = (
    GREET, QUESTION, FOLLOW_UP, CLOSE, CANDIDATE_ENDED, REASK, SURPRISE, NUDGE, CODE_TASK, CODE_HELP,
    CANDIDATE_QUESTIONS,
)  # fmt: skip

_TRANSCRIPT_CHARS = 400
_FILLER_ANSWER_CHARS = 600
_JD_POINTS = 8
_CODE_TASK_CHARS = 4000


def _transcript_text(turns: list[tuple[str, str]]) -> str:
    lines = []
    for role, text in turns:
        speaker = "Interviewer" if role == "interviewer" else "Candidate"
        clipped = text if len(text) <= _TRANSCRIPT_CHARS else text[:_TRANSCRIPT_CHARS] + " …"
        lines.append(f"{speaker}: {clipped}")
    return "\n".join(lines)


def interviewer_turn_context(
    *,
    action: str,
    seq: int,
    role_title: str,
    minutes: int,
    topic: dict | None,
    topic_number: int,
    topic_count: int,
    candidate_name: str = "",
    last_answer: str = "",
    transcript: list[tuple[str, str]] | None = None,
    focus: str = "",
    interrupted: bool = False,
    warm_up: bool = True,
    time_short: bool = False,
    code_language: str = "",
    code_task: str = "",
    probe: str = "",
) -> dict[str, Any]:
    """The context of one interviewer turn; `topic` is {id, name, question} (nothing recruiter-only).

    `focus` says why this turn: a follow-up's aim ("missing" with `probe` the aspect to ask about,
    "example", "depth" or "clarify_topic"), a re-ask's reason ("empty",
    "gibberish", "repeat", "clarify"), or "code_submitted" before the candidate's questions.
    `transcript` is the conversation before this turn; when it is all of it (seq - 1 turns) it also
    goes as `history` messages, which a caching provider reads from its cache turn after turn.
    The model sees the current topic and how many are left, never the questions still to come (it
    could be talked into revealing them); the stable [system] section holds only the role and length.
    `code_task` is the coding task's text as the candidate sees it (during the coding task only), so
    a question about it can be answered from it: it reaches a model only as a data block.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown interviewer action {action!r}")
    topic = topic or {}
    role_title = one_line(role_title, 120) or "this role"
    topic_name, question = one_line(topic.get("name", ""), 120), " ".join(str(topic.get("question", "")).split())
    notes = (f"Role: {role_title}\nTopic {topic_number} of {topic_count}: {topic_name}\nQuestion to ask: {question}"
             f"\nTopics left after this one: {max(topic_count - topic_number, 0)}")
    if not topic:
        notes = f"Role: {role_title}\nTopics in this interview: {topic_count}"
    return {
        "action": action,
        "seq": seq,
        "minutes": minutes,
        "topic_number": topic_number,
        "topic_count": topic_count,
        # Plain values, for the offline engine only; the template renders the data blocks below.
        "role_title": role_title,
        "topic_id": str(topic.get("id", "")),
        "topic_name": topic_name,
        "topic_question": question,
        "candidate_name": first_name(candidate_name),
        "notes": data_block("interviewer_notes", notes),
        "last_answer": data_block("candidate_answer", last_answer) if last_answer else "",
        "transcript": data_block("transcript", _transcript_text(transcript or [])) if transcript else "",
        "focus": focus,
        "probe": one_line(probe, 120),
        "interrupted": bool(interrupted),
        "warm_up": bool(warm_up),
        "time_short": bool(time_short),
        "code_language": one_line(code_language, 30),
        "code_task": data_block("coding_task", _task_text(code_task)) if code_task else "",
        "code_prompt": _task_text(code_task),  # plain, for the offline engine
        "interview": data_block("interview", _outline(role_title, minutes, topic_count)),
        "history": _history(transcript or [], seq),
    }


def _task_text(text: str) -> str:
    return strip_invisible(text or "")[:_CODE_TASK_CHARS].strip()


def _outline(role_title: str, minutes: int, topic_count: int) -> str:
    """What stays the same for the whole interview (the cacheable prefix): the role and the length."""
    return f"Role: {role_title}\nLength: about {minutes} minutes, {topic_count} topic{'s' * (topic_count != 1)}"


def _history(transcript: list[tuple[str, str]], seq: int) -> list[tuple[str, str]]:
    if not transcript or len(transcript) != seq - 1:
        return []  # a tail: it stays one transcript block in the [user] section
    return [
        ("assistant", text) if role == "interviewer" else ("user", data_block("candidate_answer", text))
        for role, text in transcript
    ]


def filler_context(*, answer: str, used: list[str] | tuple[str, ...], key: str = "") -> dict[str, Any]:
    """What the mini model needs for a filler: the answer just given, and the fillers already used."""
    said = " ".join(strip_invisible(answer or "").split())[:_FILLER_ANSWER_CHARS]
    return {
        "answer": data_block("candidate_answer", said),
        "used": data_block("fillers_used", "\n".join(used)) if used else "",
        # Plain values, for the offline engine and the local fallback only.
        "answer_text": said,
        "used_list": list(used),
        "key": key,
    }


def jd_points(parsed: dict) -> list[str]:
    """Skills and responsibilities from a parsed JD, as short clean lines (untrusted: data only)."""
    points = []
    for name in ("required_skills", "responsibilities", "nice_to_have_skills"):
        values = parsed.get(name) if isinstance(parsed, dict) else None
        for value in values if isinstance(values, list) else []:
            line = one_line(str(value), 140)
            if line and line not in points:
                points.append(line)
    return points[:_JD_POINTS]


def surprise_context(
    *, seq: int, role_title: str, points: list[str], covered: list[str], transcript: list[tuple[str, str]]
) -> dict[str, Any]:
    """A surprise question's context: the JD's points to tie it to, and the topics already covered."""
    role_title = one_line(role_title, 120) or "this role"
    return {
        "action": SURPRISE,
        "seq": seq,
        "role_title": role_title,
        "jd": data_block("job_description_points", "\n".join(f"- {p}" for p in points)),
        "covered": data_block("topics_covered", "\n".join(covered)) if covered else "",
        "transcript": data_block("transcript", _transcript_text(transcript)) if transcript else "",
        "points": list(points),
    }


offline_interviewer_turn = offline.interviewer_turn

INTERVIEWER_TURN = Prompt(
    name="interviewer_turn",
    version=2,
    role="main",
    offline=offline.interviewer_turn,
    max_tokens=400,
    history="history",
    history_replaces=("transcript", "last_answer"),
)
FILLER = Prompt(name="filler", version=1, role="mini", offline=offline.filler, max_tokens=40)
SURPRISE_QUESTION = Prompt(
    name="surprise_question", version=1, role="mini", offline=offline.surprise_question, max_tokens=200
)
