"""Behaviourally anchored scales: what an answer at level 1, 3 and 5 contains, per competency of a plan.

Offline the anchors are derived from the strong-answer points of the competency's topics (so they
speak of this role's work, not of "good" and "bad" in general); a model that drafts the plan may
write its own, validated in `drafting` and replaced by these when they break a rule. The offline
judge maps coverage of the points to the same levels (`anchored_level`), so a score, the anchor shown
beside it and the "covers N of M points" line say the same thing. Plans stored before anchors
existed get them derived when read (`with_anchors`).
"""

LEVELS = ("1", "3", "5")
MAX_ANCHOR_CHARS = 400
POINTS_NAMED = 4

# Share of the strong-answer points covered -> level: 0-19 % is 1, 20-39 % is 2, 40-59 % is 3,
# 60-79 % is 4, 80 % and more is 5. The bands are the anchors' own words ("none", "about half",
# "nearly all"), and so is concreteness (`judge.detail_score`: numbers, names, own actions): level 5
# asks for concrete detail (else 4), and level 1 is "general statements, no example of their own",
# so an answer that covers none of the points with a concrete example of its own is a 2.
LEVEL_FLOORS = ((0.8, 5), (0.6, 4), (0.4, 3), (0.2, 2))
CONCRETE = 0.3  # detail at which an answer counts as concrete (0.45 tied average and weak far more often)
EXAMPLE_WORDS = 40  # an example of one's own takes some telling: "I have fixed a lot of problems" is not one


def anchored_level(covered: float, points: int, detail: float = 1.0, words: float | None = None) -> int:
    """The anchored level (1-5) of evidence covering `covered` of `points` strong-answer points,
    `detail` (0-1) being how concrete it is and `words` how much was said (per answer)."""
    share = covered / points if points else 0.0
    level = next((lvl for floor, lvl in LEVEL_FLOORS if share >= floor - 1e-9), 1)
    if level == 5 and detail < CONCRETE:
        return 4
    example = detail >= CONCRETE and (words is None or words >= EXAMPLE_WORDS)
    return 2 if level == 1 and example else level


POINT_CHARS = 110
# A point's first word is lowered mid-sentence only when it is a plain word, never a name ("Python", "SBAR").
_PLAIN_OPENERS = frozenset("""a an the one two some how what why which when where clear clearly concrete
    specific uses use describes describe states state explains explain names name own owns first their
    knows measurable measured""".split())


def _lower_first(text: str) -> str:
    text = " ".join(str(text).split()).rstrip(".;")
    if len(text) > POINT_CHARS:
        text = text[: text.rfind(" ", 0, POINT_CHARS)].rstrip(" ,;:(") + "…"
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.casefold() in _PLAIN_OPENERS else text


def _cut(text: str) -> str:
    if len(text) <= MAX_ANCHOR_CHARS:
        return text
    return text[: text.rfind(" ", 0, MAX_ANCHOR_CHARS - 1)].rstrip(" ,;") + "…"


def competency_points(name: str, topics: list[dict]) -> list[str]:
    points: list[str] = []
    for topic in topics:
        if isinstance(topic, dict) and str(topic.get("competency") or topic.get("name") or "") == name:
            points += [str(p) for p in topic.get("strong_answer") or [] if str(p).strip() and str(p) not in points]
    return points


def derive_anchors(name: str, topics: list[dict]) -> dict[str, str]:
    """Anchors for levels 1, 3 and 5 of competency `name`, from its topics' strong-answer points."""
    points = [_lower_first(p) for p in competency_points(name, topics)]
    if not points:
        return {
            "1": "No example of their own; general statements that could describe anyone.",
            "3": "A real example with some specifics, but their own part, the result or the reasoning stays thin.",
            "5": "A specific example told in depth: their own actions, concrete detail (numbers, names) and the "
                 "result, with what they learned.",
        }
    named = "; ".join(points[:POINTS_NAMED])
    some = " and ".join(points[:2])
    return {
        "1": _cut(f"Covers none of what a strong answer includes (for example {points[0]}): general statements, "
                  "no example of their own."),
        "3": _cut(f"Covers about half of the points (for example {some}), with some specifics but clear gaps."),
        "5": _cut(f"Covers nearly all of: {named}; with concrete detail (numbers, named tools, what they did "
                  "themselves)."),
    }


def valid_anchors(anchors) -> bool:
    return isinstance(anchors, dict) and all(isinstance(anchors.get(lvl), str) and anchors[lvl].strip()
                                              for lvl in LEVELS)


def with_anchors(competencies: list[dict], topics: list[dict]) -> list[dict]:
    """The plan's competencies, each with anchors: its own where stored, else derived from its topics."""
    return [{**c, "anchors": c["anchors"] if valid_anchors(c.get("anchors")) else derive_anchors(c["name"], topics)}
            for c in competencies or [] if isinstance(c, dict) and c.get("name")]


def anchor_for(anchors: dict | None, score: float | None) -> tuple[int | None, str]:
    """(level, text) of the anchor a score reaches: the highest anchored level at or below it."""
    if score is None or not valid_anchors(anchors):
        return None, ""
    level = 5 if score >= 5 else 3 if score >= 3 else 1
    return level, anchors[str(level)]
