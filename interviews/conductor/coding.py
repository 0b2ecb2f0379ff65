"""The candidate's words during the coding task, read by rules: do they ask to leave the task?

Everything else they write then is talk about the task (a clarifying question, thinking out loud),
which the interviewer answers from the task text without giving the solution away. The rules are
narrow on purpose: "should I skip empty lists?" is a question about the task, not a wish to stop.
"""

import re

_SKIP = re.compile(
    r"\b(?:"
    r"(?:i'?d like to|i want to|can (?:i|we)|could (?:i|we)|may i|let'?s|please) (?:skip|pass on|move on)"
    r"|skip (?:this|it|the (?:task|exercise|coding|question|challenge))"
    r"|pass on (?:this|it)"
    r"|(?:i )?give up"
    r"|move on to the next"
    r"|next question"
    r"|(?:i'?m|i am) (?:completely |totally |really )?stuck"
    r")\b",
    re.IGNORECASE,
)
_ONLY_SKIP = re.compile(r"^\W*(?:skip|pass|stuck|next)\W*$", re.IGNORECASE)
_MAX_STUCK_WORDS = 8  # "I'm stuck on the edge case where intervals touch, any hint?" is a question


def wants_to_skip(text: str) -> bool:
    """Whether the candidate asks to leave the coding task ("skip", "I'm stuck", "I give up")."""
    text = " ".join((text or "").replace("’", "'").split())
    if _ONLY_SKIP.match(text):
        return True
    match = _SKIP.search(text)
    if match is None:
        return False
    if "stuck" in match.group(0).lower():
        return len(text.split()) <= _MAX_STUCK_WORDS and "?" not in text
    return True
