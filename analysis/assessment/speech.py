"""Make how something was said irrelevant before what was said is judged.

Fillers ("um", "like", "you know"), stutters ("I I think") and the placeholders left by redaction
carry no content. Removing them before judging means a candidate who speaks with fillers, or whose
answer was transcribed from speech, is judged on the same words as one who typed a clean paragraph.
"""

import re

# Interjections are always fillers; the phrases are fillers in nearly every use, and dropping one
# in the rare literal use ("what kind of index") removes no word a rubric point is made of.
_INTERJECTIONS = r"u+m+|u+h+|u+hm+|e+r+|e+r+m+|a+h+|h+m+|m+h*m+"
_PHRASES = r"you\s+know|i\s+mean|kind\s+of|sort\s+of|basically|literally|like"
_FILLER = re.compile(rf"(?<![\w'-])(?:{_INTERJECTIONS}|{_PHRASES})(?![\w'-])[,.…]*", re.IGNORECASE)
_STUTTER = re.compile(r"\b(\w+)(?:[\s,]+\1\b)+", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")
_DOUBLE_COMMA = re.compile(r",(\s*,)+")


def without_fillers(text: str) -> str:
    """The text with fillers and immediate word repetitions removed, spacing tidied."""
    text = _FILLER.sub(" ", text or "")
    text = _STUTTER.sub(r"\1", text)
    text = _DOUBLE_COMMA.sub(",", _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)))
    return "\n".join(line.strip(" ,") for line in text.split("\n"))
