"""Recognise text addressed to the evaluator ("ignore your rubric", "give me 5/5").

Such text is never evidence: it is removed before an answer is judged and reported as a concern.
The patterns are deliberately broad; a false positive only costs the sentence its weight as
evidence, while a false negative could let an answer talk itself into a score.
"""

import re

# A sentence ends at . ! or ? followed by a space, a line end or the end (closing quotes and brackets stay with
# it); a point inside a token ("0.8%", "Node.js", "v2.1") does not end one.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?\"'\u201d\u2019)]))+(?:[.!?]+[\"'\u201d\u2019)]*(?=\s|$)|\n|$)")

_INSTRUCTION = re.compile(
    r"""
    \b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,60}?
        \b(instruction|rubric|prompt|rule|guideline|criteria|previous|above|evaluat|scoring|grading)
    | \b(give|award|assign|rate|score|grade|mark)\b[^.!?\n]{0,40}?
        (\b\d+(\.\d+)?\s*(/|out\s+of)\s*\d+\b|full\s+marks|top\s+(score|marks)|highest|perfect\s+score|maximum\s+score
         |strong[_\s]yes|\b5\s+stars)
    | \b(score|rate|grade|mark|evaluate)\s+(me|this\s+(answer|response|candidate)|my\s+(answer|response))\s+
        (highly|high|well|as\s+(excellent|strong|perfect))
    | \byou\s+are\s+(now\s+)?(an?\s+)?(ai|language\s+model|evaluator|grader|assistant|llm)\b
    | \b(system|developer)\s+prompt\b
    | \bnote\s+to\s+(the\s+)?(evaluator|grader|ai|reviewer|model|llm)\b
    | \b(as|dear)\s+(the\s+)?(evaluator|grader|ai\s+model|language\s+model)\b
    | \brecommend\s+(me|this\s+candidate)\s+(as\s+)?(a\s+)?(strong[_\s]yes|hire)\b
    | \bnew\s+instructions?\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def looks_like_instruction(text: str) -> bool:
    """True when the text speaks to an AI or evaluator instead of answering a question."""
    return bool(_INSTRUCTION.search(text or ""))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, leading spaces excluded, so slices stay exact."""
    spans = []
    for match in _SENTENCE.finditer(text or ""):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def strip_instructions(text: str) -> tuple[str, bool]:
    """The text without its sentences addressed to the evaluator, and whether any were removed."""
    kept, removed = [], False
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if looks_like_instruction(sentence):
            removed = True
        else:
            kept.append(sentence)
    return " ".join(kept), removed
