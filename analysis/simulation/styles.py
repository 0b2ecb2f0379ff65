"""Candidates who answer in ways the judge's rules were not written around (issue 12).

Each style rewrites what a scripted persona would say, so the substance stays what the strong (or, for
`verbose`, no) candidate knows, and only the manner changes:

- `terse`: a strong engineer who answers in two or three dense lines: the figures, their own part and
  the fix, no framing sentences, no "My own part, not the team's:".
- `verbose`: long, fluent and empty: buzzwords, the question's own words echoed back, no situation,
  no figure, nothing they did.
- `non_native`: the strong candidate's content with the grammar slips of a fluent non-native speaker
  (dropped articles, present for past, "since three years"), which must not cost a point.
- `out_of_order`: the strong candidate telling each story backwards (result first, context last), as
  people often do, instead of the situation-action-result order the points are written in.

The rewrites are deterministic (no randomness), so the simulation's runs stay identical.
"""

import re

STYLES = ("terse", "verbose", "non_native", "out_of_order")
_SENTENCE_END = re.compile(r"(?<=[.?!])[\u201d\"]?\s+")  # "0.4%" and "Node.js" do not end a sentence
_FRAMING = re.compile(
    r"^(?:a good example is|the piece i'm proudest of is|my own part, (?:not|separate from) the team's:|"
    r"what i did myself:|the hardest one was|that's a fair question[,.]?)\s*",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


def terse(answer: str) -> str:
    """Three short lines with the evidence in them: the first sentences carrying a figure or the candidate's own
    action and the last one carrying a figure (the result), framing phrases cut, each line kept short."""
    telling = [s for s in sentences(answer) if _DIGIT.search(s) or re.search(r"\bI\b", s)]
    if len(telling) > 3:
        result = next((s for s in reversed(telling) if _DIGIT.search(s)), telling[-1])
        telling = [s for s in telling[:2] if s != result] + [result]
    lines = []
    for sentence in telling:
        line = _FRAMING.sub("", sentence)
        words = (line[:1].upper() + line[1:]).split()
        lines.append(" ".join(words[:22]).rstrip(",;:") + ("." if len(words) > 22 else ""))
    return " ".join(lines) or " ".join(sentences(answer)[:1])


_ECHO = re.compile(r"\b(?:about|with|on|in)\s+([A-Za-z][\w ./+#-]{2,40}?)(?=[?.,]|\s+(?:and|was|is|you)\b)")


def verbose(question: str) -> str:
    """Fluent, long and empty: the subject echoed from the question, buzzwords, no situation or result."""
    subject = _ECHO.search(question or "")
    about = re.sub(r"^your\b", "my", subject.group(1).strip()) if subject else "this"
    return (
        f"That's a really great question, and honestly {about} is something I'm very passionate about. In my view "
        "the most important thing is always to keep the bigger picture in mind and to stay focused on delivering "
        "value. Every situation is different, of course, so you have to be flexible, adapt to the context and "
        "leverage best practices wherever possible. I always try to align with all the stakeholders, communicate "
        "proactively and make sure that everyone is on the same page, because at the end of the day it's really "
        "about people and collaboration. I'm a strong believer in continuous improvement, in quality and in "
        "ownership, and I think a growth mindset is key. So overall I would say I'm very comfortable with "
        f"{about} and I'm confident I could bring a lot of value here."
    )


_PRESENT = {"handled": "handle", "planned": "plan", "measured": "measure", "formed": "form", "used": "use",
            "checked": "check", "built": "build", "wrote": "write", "owned": "own", "led": "lead", "ran": "run",
            "found": "find", "moved": "move", "added": "add", "kept": "keep", "reviewed": "review",
            "analysed": "analyse", "designed": "design", "fixed": "fix", "clarified": "clarify",
            "broke": "break", "compared": "compare", "chose": "choose", "agreed": "agree", "made": "make",
            "learned": "learn", "took": "take", "started": "start", "introduced": "introduce", "worked": "work"}
_SLIPS = [
    (re.compile(r"\b(?:the|a|an) (?=[a-z])"), ""),  # dropped articles (before lower-case words only)
    (re.compile(r"\bI (" + "|".join(_PRESENT) + r")\b"), lambda m: f"I {_PRESENT[m.group(1)]}"),  # tense
    (re.compile(r"\bwas\b"), "is"),
    (re.compile(r"\bwere\b"), "are"),
    (re.compile(r"\bdid\b"), "do"),
    (re.compile(r"\bfor (\w+) years\b"), r"since \1 years"),
    (re.compile(r"\bwent\b"), "go"),
]


def non_native(answer: str) -> str:
    """The same content with a fluent non-native speaker's slips; every figure and name is kept."""
    text = answer
    for pattern, replacement in _SLIPS:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s{2,}", " ", text).strip()


def out_of_order(answer: str) -> str:
    """The story told backwards: its last sentence (the result, the lesson) first, its first (the context) last."""
    told = sentences(answer)
    return " ".join(reversed(told)) if len(told) > 1 else answer


def restyle(style: str, *, question: str, strong: str) -> str:
    if style == "terse":
        return terse(strong)
    if style == "verbose":
        return verbose(question)
    if style == "non_native":
        return non_native(strong)
    if style == "out_of_order":
        return out_of_order(strong)
    raise ValueError(f"unknown style {style!r}")
