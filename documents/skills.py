"""Skill taxonomy: canonical names, aliases and related skills. (Interface fixed.)"""


def normalize_skill(name: str) -> str | None:
    """The canonical name of a skill or alias ("Postgres" -> "PostgreSQL"), or None if unknown."""
    raise NotImplementedError


def extract_skills(text: str) -> list[str]:
    """Canonical skills mentioned in text, in order of first mention, without duplicates."""
    raise NotImplementedError


def related_skills(name: str) -> set[str]:
    """Canonical skills adjacent to this one (same family), for 'adjacent' fit matches."""
    raise NotImplementedError
