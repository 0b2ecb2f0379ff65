"""The interviewer's voice: the INTERVIEWER_TURN prompt, its context, and its offline answer.

The context carries only what the interviewer may say out loud: the role, the topic's name and
question, the candidate's last answer and a short transcript tail. A topic's `why` and
`strong_answer` points never enter it, so no model can reveal them. Text that came from documents
or from the candidate reaches a real model only inside data blocks (`llm.prompts.data_block`).
"""

import html
import re
import zlib
from typing import Any

from llm.prompts import Prompt, data_block
from llm.sanitize import strip_invisible

GREET, QUESTION, FOLLOW_UP, CLOSE, CANDIDATE_ENDED = "greet", "question", "follow_up", "close", "candidate_ended"
ACTIONS = (GREET, QUESTION, FOLLOW_UP, CLOSE, CANDIDATE_ENDED)

_DATA = re.compile(r'^<data name="[^"]*">\n(.*)\n</data>$', re.DOTALL)
_WORD = re.compile(r"[^\s\"“”«»]+")
_FIRST_NAME = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)?$")
_TRANSCRIPT_CHARS = 400


def one_line(text: str, limit: int) -> str:
    """Untrusted short text (a title, a name) as one clean line of at most `limit` characters."""
    return " ".join(strip_invisible(text or "").split())[:limit].strip()


def first_name(full_name: str) -> str:
    """The first word of a name if it looks like a name; otherwise nothing (the greeting goes without)."""
    first = one_line(full_name, 80).split(" ")[0] if full_name else ""
    return first if len(first) <= 30 and _FIRST_NAME.match(first) else ""


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
) -> dict[str, Any]:
    """The context of one interviewer turn; `topic` is {id, name, question} (nothing recruiter-only)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown interviewer action {action!r}")
    topic = topic or {}
    role_title = one_line(role_title, 120) or "this role"
    topic_name, question = one_line(topic.get("name", ""), 120), " ".join(str(topic.get("question", "")).split())
    notes = f"Role: {role_title}\nTopic {topic_number} of {topic_count}: {topic_name}\nQuestion to ask: {question}"
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
    }


# --- The offline engine's interviewer: deterministic, varied by turn, never reveals notes. --------


def _pick(options: list[str], ctx: dict) -> str:
    # crc32, not hash(): the same turn reads the same in every process and every run.
    key = f"{ctx['action']}:{ctx.get('topic_id', '')}:{ctx.get('seq', 0)}"
    return options[zlib.crc32(key.encode()) % len(options)]


def _unwrap(block: str) -> str:
    match = _DATA.match(block or "")
    return html.unescape(match.group(1)) if match else ""


def answer_quote(answer: str, words: int = 7) -> str:
    """The first few words of an answer, to show the candidate they were heard."""
    found = _WORD.findall(answer)
    quote = " ".join(found[:words]).rstrip(".,;:!?")
    return quote + ("…" if len(found) > words else "")


def _question_line(ctx: dict) -> str:
    return ctx["topic_question"] or f"Could you tell me about your experience with {ctx['topic_name']}?"


def _greeting(ctx: dict) -> str:
    hello = f"Hello {ctx['candidate_name']}" if ctx["candidate_name"] else "Hello"
    opening = _pick(
        [
            f"{hello}, and thank you for joining. Before we begin: I'm an AI interviewer, an automated "
            f"system rather than a person, and I'll be running this interview for the {ctx['role_title']} role.",
            f"{hello}, welcome. I should say up front that I'm an AI interviewer — an automated system, not a "
            f"human — and I'll be guiding this interview for the {ctx['role_title']} position.",
        ],
        ctx,
    )
    count = ctx["topic_count"]
    review = " A person on the hiring team reviews this conversation and makes every decision."
    if not count:
        return f"{opening}{review} There is nothing more I need to ask you today."
    topics = "one topic" if count == 1 else f"{count} topics"
    plan = (
        f" It takes about {ctx['minutes']} minutes: I'll ask about {topics}, one at a time, and I may ask a short "
        f"follow-up. Please answer in your own words, as you would to a colleague.{review}"
    )
    return f"{opening}{plan} Let's start with {ctx['topic_name']}. {_question_line(ctx)}"


def _question(ctx: dict) -> str:
    lead = _pick(
        [
            f"Thank you. Let's move on to {ctx['topic_name']}.",
            f"That's helpful, thanks. Next, {ctx['topic_name']}.",
            f"Thanks for walking me through that. Now let's turn to {ctx['topic_name']}.",
        ],
        ctx,
    )
    return f"{lead} {_question_line(ctx)}"


def _follow_up(ctx: dict) -> str:
    quote = answer_quote(_unwrap(ctx["last_answer"]))
    if not quote:
        return "Could you make that concrete? Pick one real situation and walk me through what you personally did."
    return _pick(
        [
            f'You said "{quote}". Could you make that concrete: pick one real example and walk me through '
            "what you personally did, step by step?",
            f'When you say "{quote}", what does that look like in practice? Tell me about a specific time, '
            "what you did yourself, and how it turned out.",
            f'I\'d like to dig into "{quote}". What was one concrete situation where this came up, what did '
            "you decide, and what trade-off did you weigh?",
        ],
        ctx,
    )


def _closing(ctx: dict) -> str:
    return (
        "Thank you, that covers everything I wanted to ask. What happens next: a person on the hiring team "
        "will review this conversation, and the team will get back to you about the next steps. I don't make "
        "the decision. Thanks again for your time, and good luck!"
    )


def _candidate_ended(ctx: dict) -> str:
    return (
        "Of course, we can stop here. Thank you for your time today. A person on the hiring team will review "
        "what we covered and get back to you about the next steps. Goodbye!"
    )


_OFFLINE = {
    GREET: _greeting,
    QUESTION: _question,
    FOLLOW_UP: _follow_up,
    CLOSE: _closing,
    CANDIDATE_ENDED: _candidate_ended,
}


def offline_interviewer_turn(ctx: dict[str, Any]) -> str:
    """What the offline engine says for this turn: same context, same words, every run."""
    return _OFFLINE[ctx["action"]](ctx)


INTERVIEWER_TURN = Prompt(
    name="interviewer_turn", version=1, role="main", offline=offline_interviewer_turn, max_tokens=400
)
