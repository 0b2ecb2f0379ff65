"""The offline evaluator's reading of one answer: is it substantive, what does it cover, how concrete is it.

A score comes from three things the candidate said, judged against the topic's strong-answer
points: coverage of the points' key terms (words that merely echo the question do not count),
concrete detail (numbers, named tools, first-person actions) and length beyond a minimum. Text
addressed to the evaluator is removed first and never counts.
"""

import re
from dataclasses import dataclass

from ..injection import split_sentences, strip_instructions
from .transcript import CONTACT_PLACEHOLDER, PLACEHOLDER

MIN_WORDS = 8
MIN_FUNCTION_WORD_SHARE = 0.12  # real sentences are glue words too; keyword salad and gibberish are not
QUOTE_MAX_CHARS = 220

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
    only or other our ours out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself i'm i've i'd we'd we've it's that's don't didn't""".split()
)
# Words of the rubric's phrasing that carry no subject matter.
RUBRIC_FILLER = frozenset(
    """specific concrete clear clearly own part their they them what how why with from about beyond not only
    just e.g etc example examples like such would could should""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'+#./-]*[A-Za-z0-9+#]|[A-Za-z]")
_NUMBER = re.compile(r"\b\d[\d,.]*\s*(%|x\b|ms\b|s\b|k\b|m\b|gb\b|tb\b|mb\b)?", re.IGNORECASE)
_ACTION = re.compile(
    r"\b(I|we)\s+(?:\w+\s+){0,2}?(built|designed|wrote|rewrote|led|migrated|implemented|measured|profiled|"
    r"fixed|added|introduced|cut|reduced|improved|shipped|deployed|automated|created|set up|owned|debugged|"
    r"traced|refactored|replaced|split|moved|benchmarked|tested|chose|decided|proposed|mentored|ran|made)\b",
    re.IGNORECASE,
)
_NON_ANSWER = re.compile(
    r"^\W*(i\s+(don'?t|do\s+not)\s+know|no\s+idea|pass|skip|not\s+sure|n/?a|nothing)\b", re.IGNORECASE
)


@dataclass
class Reading:
    """What one answer (or the joined answers to one topic) amounts to."""

    substantive: bool
    raw_score: float = 0.0  # 1.0-5.0 when substantive
    covered: int = 0
    points: int = 0
    detail: float = 0.0
    words: int = 0
    instructions: bool = False  # it contained text addressed to the evaluator


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def stem(word: str) -> str:
    """A crude stem so "tests", "testing" and "tested" meet; hyphens dropped ("trade-offs" ~ "tradeoff")."""
    word = word.lower().replace("-", "").replace("'", "")
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w.lower() not in STOPWORDS and w.lower() not in RUBRIC_FILLER}


def is_substantive(text: str) -> bool:
    """Enough real language to judge: not empty, not a non-answer, not gibberish or keyword salad."""
    tokens = words(text.replace(PLACEHOLDER, "").replace(CONTACT_PLACEHOLDER, ""))
    if len(tokens) < MIN_WORDS or _NON_ANSWER.match(text) and len(tokens) < 15:
        return False
    function_share = sum(1 for t in tokens if t.lower() in STOPWORDS) / len(tokens)
    variety = len({t.lower() for t in tokens}) / len(tokens)
    return function_share >= MIN_FUNCTION_WORD_SHARE and variety >= 0.3


def detail_score(text: str) -> float:
    """0-1: numbers, named tools (capitalised words mid-sentence) and first-person actions."""
    score = 0.35 if _NUMBER.search(text) else 0.0
    named = {w for start, end in split_sentences(text) for w in words(text[start:end])[1:] if _named(w)}
    score += 0.35 if len(named) >= 2 else 0.15 if named else 0.0
    actions = [m.group(1).lower() for m in _ACTION.finditer(text)]
    score += 0.3 if "i" in actions else 0.15 if actions else 0.0
    return min(1.0, score)


def _named(word: str) -> bool:
    return word != "I" and (word[0].isupper() or any(c.isupper() for c in word[1:]))


def point_terms(point: str, echoed: set[str]) -> set[str]:
    """Key terms of a strong-answer point, minus words the question or topic already gave away."""
    return {s for s in content_stems(point) if len(s) >= 3} - echoed


def covered_points(answer: set[str], points: list[str], echoed: set[str]) -> int:
    covered = 0
    for point in points:
        terms = point_terms(point, echoed)
        need = 1 if len(terms) <= 3 else 2
        covered += bool(terms) and len(terms & answer) >= need
    return covered


def read_answer(text: str, *, points: list[str], echoed: set[str]) -> Reading:
    """Judge answer text against a topic's strong-answer points (see the module docstring)."""
    clean, instructions = strip_instructions(text)
    if not is_substantive(clean):
        return Reading(substantive=False, instructions=instructions, words=len(words(clean)))
    count = len(words(clean))
    covered = covered_points(content_stems(clean), points, echoed)
    coverage = covered / len(points) if points else 0.0
    detail = detail_score(clean)
    length = min(1.0, max(0.0, (count - 20) / 60))
    raw = 1.0 + 2.2 * coverage + 1.0 * detail + 0.8 * length
    return Reading(True, min(5.0, raw), covered, len(points), detail, count, instructions)


def best_quote(text: str, *, points: list[str], echoed: set[str]) -> str | None:
    """The most telling sentence of an answer, as an exact substring (shortened at a word boundary).

    Sentences addressed to the evaluator, or touched by anonymisation, are never quoted.
    """
    wanted = set().union(*(point_terms(p, echoed) for p in points)) if points else set()
    best, best_value = None, -1.0
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if PLACEHOLDER in sentence or CONTACT_PLACEHOLDER in sentence or strip_instructions(sentence)[1]:
            continue
        if len(words(sentence)) < 4:
            continue
        value = len(content_stems(sentence) & wanted) + detail_score(sentence)
        if value > best_value:
            best, best_value = sentence, value
    return _shorten(best) if best else None


def _shorten(sentence: str) -> str:
    if len(sentence) <= QUOTE_MAX_CHARS:
        return sentence
    cut = sentence.rfind(" ", 0, QUOTE_MAX_CHARS)
    return sentence[: cut if cut > 40 else QUOTE_MAX_CHARS].rstrip(" ,;:")
