"""The skill taxonomy as analysis uses it, tolerant of a taxonomy that is not there yet.

`documents.skills` owns canonical names and related skills. While it is unimplemented (or for a
name it does not know) analysis falls back to the name as written and to "no related skills", so
fits and plans still work, only without alias folding and adjacent matches.
"""

from documents import skills


def canonical(name: str) -> str:
    """The taxonomy's canonical spelling of a skill, or the name as written (trimmed)."""
    name = " ".join((name or "").split())
    try:
        return skills.normalize_skill(name) or name
    except NotImplementedError:
        return name


def skill_key(name: str) -> str:
    """A comparison key: canonical and case-folded, so "postgres" and "PostgreSQL" meet."""
    return canonical(name).casefold()


def related(name: str) -> set[str]:
    """Canonical skills adjacent to this one; empty when the taxonomy cannot say."""
    try:
        return {canonical(r) for r in skills.related_skills(canonical(name))}
    except (NotImplementedError, KeyError):
        return set()


def canonical_list(names: list | None) -> list[str]:
    """Canonical names in first-seen order, without duplicates or blanks."""
    seen: dict[str, str] = {}
    if not isinstance(names, list | tuple):
        return []  # a parser that produced something else is treated as "nothing listed"
    for raw in names:
        if not isinstance(raw, str) or not raw.strip():
            continue
        name = canonical(raw)
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def is_spoken_language(name: str) -> bool:
    """English, German...: not a skill. False when the taxonomy cannot say."""
    try:
        return skills.is_spoken_language(canonical(name))
    except NotImplementedError:
        return False


def implied_via(name: str, have: list[str]) -> str | None:
    """The first of `have` whose skill implies `name` (the skill graph), or None when it cannot say."""
    from documents import skill_graph

    try:
        return skill_graph.implied_via(canonical(name), have)
    except NotImplementedError:
        return None


def is_generic(name: str) -> bool:
    """A broad or soft requirement a resume rarely states; False when the taxonomy cannot say."""
    from documents import skill_graph

    try:
        return skill_graph.is_generic(canonical(name))
    except NotImplementedError:
        return False


def skill_lines(text: str) -> dict[str, list[str]]:
    """The lines of `text` that mention each canonical skill; empty when the taxonomy cannot say."""
    try:
        return skills.skill_lines(text)
    except NotImplementedError:
        return {}
