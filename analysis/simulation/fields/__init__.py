"""What the scripted candidates know from their own working lives, one line of work at a time.

Written from a practitioner's side, independently of the plan's rubric (`planning.knowledge`):
personas never read a topic's strong-answer points, only the question, like a real candidate.
A strong candidate's account naturally names what a rubric looks for (requirements, trade-offs,
second-nurse checks, a partner's review), because both describe good practice.

A field is what anyone reading the JD would call the candidate's line of work; it is told from the
JD's title, its listed skills and its text, in any of the evaluation set's languages. A JD no field
recognises gets a neutral professional ("general"), never another field's stories: a paralegal
must not talk about billing APIs.
"""

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One line of work: who the candidate is, what it uses, and the situations it has lived through.

    `profile` fills every answer's placeholders: `role` (a strong candidate's introduction), `work`
    (an average one's), `tools`, `first_steps`, `plan_check`, `limit`, `disagreement`, `carry`,
    `hard`, and `routine` (how an average candidate describes using any skill of the field, with
    {skill}). `stories` are real situations (thing, scale, own, brief, pitfall, evidence, fix, check,
    tradeoff, hindsight), several so each question gets its own example. `design` and `delivery`
    are a strong candidate's accounts of designing and of owning a piece of work; `practice` is what
    a strong practitioner says about any skill of the field it has no specific line for.
    """

    name: str
    cues: re.Pattern
    profile: dict[str, str]
    stories: list[dict[str, str]]
    design: list[str]
    delivery: list[str]
    practice: list[str]


def fold(text: str) -> str:
    """Lower case without accents, so "Enfermería" and "enfermeria" read the same."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


from . import business, operations, people, technical  # noqa: E402  (the modules need Field)

ORDER = [*people.FIELDS, *business.FIELDS, *operations.FIELDS, *technical.FIELDS]
FIELDS: dict[str, Field] = {f.name: f for f in ORDER}
GENERAL = operations.GENERAL
FIELDS[GENERAL.name] = GENERAL

# Where a cue is found: the title says the most, then the listed skills, then the text.
WEIGHTS = (("title", 3), ("skills", 2), ("text", 1))


def field_of(*, title: str = "", skills: list[str] | tuple[str, ...] = (), text: str = "") -> str:
    """The candidate's line of work, as anyone reading the JD would tell it (see the module docstring)."""
    parts = {"title": fold(title), "skills": fold(" · ".join(skills)), "text": fold(text)}
    best, best_score = GENERAL.name, 0
    for field in ORDER:  # on a tie, the earlier (more specific) field wins
        score = sum(weight * len(set(field.cues.findall(parts[part]))) for part, weight in WEIGHTS)
        if score > best_score:
            best, best_score = field.name, score
    return best
