"""What practitioners say about using a skill, per skill (lower case), for the scripted candidates.

The first line is what an average candidate also manages (relevant, general); the others are what
only someone with real depth says. A skill not listed here falls back to its field's `practice`
(strong) and `routine` (average) lines, so no candidate ever answers with another field's words.
"""

from . import professional, technical

SKILLS: dict[str, list[str]] = {**technical.SKILLS, **professional.SKILLS}

ALIASES = {
    "aws": "amazon web services", "postgres": "postgresql", "excel": "microsoft excel", "k8s": "kubernetes",
    "golang": "go", "seo": "search engine optimization", "ga4": "google analytics", "ats": "applicant tracking systems",
    "drf": "django rest framework", "qts": "qualified teacher status", "acls": "advanced cardiac life support",
    "bls": "basic life support",
}


def facts_for(skill: str) -> list[str]:
    """What a practitioner says about `skill` (see the module docstring), or [] for a skill not listed."""
    key = " ".join(skill.casefold().split())
    return list(SKILLS.get(ALIASES.get(key, key), []))
