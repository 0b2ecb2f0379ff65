"""Invisible Unicode that can smuggle instructions past a human reader is removed before any
model sees text: tag characters, variation selectors, zero-width and bidi controls."""

import re

_INVISIBLE = re.compile(
    "["
    "\U000e0000-\U000e007f"  # tag characters
    "\ufe00-\ufe0f"  # variation selectors
    "\U000e0100-\U000e01ef"  # variation selectors supplement
    "\u200b-\u200f"  # zero-width space/joiners, LRM/RLM
    "\u202a-\u202e"  # bidi embedding/override
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\ufeff"  # zero-width no-break space / BOM
    "\u00ad"  # soft hyphen
    "\u180e"
    "]"
)


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def count_invisible(text: str) -> int:
    return len(_INVISIBLE.findall(text))
