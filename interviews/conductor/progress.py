"""Where the candidate is in the interview, for the page's "question N of M" marker.

M is the number of main questions planned: the plan's topics, counted when the interview runs (the
plan may change shape between versions, so it is never a constant). N counts the main questions
asked so far. `part` names the stretch of the interview, so the page can say "Coding task" or
"Your questions" where no numbered question applies.
"""

from ..prompts import QUESTION
from .policy import question_key

PARTS = {
    "intro": "introduction",
    "topic": "questions",
    "surprise": "questions",
    "coding": "coding",
    "questions": "your_questions",
    "closing": "closing",
}


def topic_ids(plan_topics: list) -> list[str]:
    """The ids the conductor gives the plan's topics (as `store._public_topics` does)."""
    return [str(t.get("id") or f"topic-{i + 1}") for i, t in enumerate(plan_topics or []) if isinstance(t, dict)]


def progress_of(*, stage: str, asked, ids: list[str] | tuple[str, ...]) -> dict:
    """{"question": N, "of": M, "part": ...} from the conductor's position (its stage and asked keys)."""
    asked = set(asked or ())
    number = sum(1 for topic_id in ids if question_key(QUESTION, topic_id) in asked)
    return {"question": number, "of": len(ids), "part": PARTS.get(stage, "questions")}


def progress_from_state(*, state: dict | None, plan_topics: list) -> dict:
    """The same, from a stored Interview.state (for a socket whose conductor runs elsewhere)."""
    state = state or {}
    stage = str(state.get("stage") or "intro")
    return progress_of(stage=stage, asked=state.get("asked") or (), ids=topic_ids(plan_topics))
