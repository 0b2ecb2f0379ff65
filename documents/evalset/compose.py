"""From a persona to the lines of its resume, in the wording its spec asks for.

Renderers (PDF, DOCX, text) only place these lines; every wording choice is made here, so the
same facts come out as "Title at Company", "Company — Title", "Title, Company", two-line entries,
dates first, last, in parentheses or right-aligned, in the resume's own language.
"""

import random
from dataclasses import dataclass, field

from .holdout2 import ORDERS as HELD_OUT_ORDERS
from .locales import AT, EMPLOYMENT, HEADINGS
from .persona import Persona, Role

ORDERS = ("comma", "at", "company_dash", "pipe", "two_line", "company_first", "dates_line", "parens", "dates_first",
          "title_dash_company", "company_comma_title", "title_paren_company", "company_pipe_dates")


@dataclass
class Entry:
    """One role or degree: header lines as (left, right) - right is right-aligned when the layout can -
    then its bullets."""

    lines: list[tuple[str, str]]
    bullets: list[str] = field(default_factory=list)


@dataclass
class ResumeText:
    persona: Persona
    name: str
    headline: str
    contacts: list[str]
    headings: dict[str, str]
    summary: str
    experience: list[Entry]
    education: list[Entry]
    skills: list[str]  # skill names as written
    languages: list[str]  # "English (C1)"


def _headings(persona: Persona, rng: random.Random) -> dict[str, str]:
    return {key: rng.choice(options) for key, options in HEADINGS[persona.spec.lang].items()}


def role_entry(persona: Persona, role: Role, order: str, *, kind: str = "", grouped: str = "") -> Entry:
    """The header lines of one role. `kind` is an employment type shown after the employer;
    `grouped` is "first" or "next" for roles under one employer heading (a promotion)."""
    spec = persona.spec
    dates = spec.dates.range(spec.lang, role.start, role.end, persona.present)
    t, c = role.title, role.company + (f" ({kind})" if kind else "")
    if grouped == "first":
        return Entry(lines=[(c, role.city), (t, dates)], bullets=list(role.bullets))
    if grouped == "next":
        return Entry(lines=[(t, dates)], bullets=list(role.bullets))
    if order in HELD_OUT_ORDERS:
        return Entry(lines=HELD_OUT_ORDERS[order](t, c, dates), bullets=list(role.bullets))
    lines = {
        "comma": [(f"{t}, {c}", dates)],
        "at": [(f"{t} {AT[spec.lang]} {c}", dates)],
        "company_dash": [(f"{c} — {t}", dates)],
        "pipe": [(f"{t} | {c} | {role.city}", dates)],
        "two_line": [(t, dates), (f"{c}, {role.city}", "")],
        "company_first": [(c, role.city), (t, dates)],
        "dates_line": [(f"{t}, {c}", ""), (dates, "")],
        "parens": [(f"{t}, {c} ({dates})", "")],
        "dates_first": [(f"{dates}   {t} · {c}", "")],
        # Held-out orders (holdout.py): added after the extractor was tuned.
        "title_dash_company": [(f"{t} – {c}", dates)],
        "company_comma_title": [(f"{c}, {t}", dates)],
        "title_paren_company": [(f"{t} ({c})", dates)],
        "company_pipe_dates": [(f"{c} | {dates}", ""), (t, "")],
    }[order]
    return Entry(lines=lines, bullets=list(role.bullets))


def _experience(persona: Persona, rng: random.Random) -> list[Entry]:
    spec, roles, entries = persona.spec, persona.roles, []
    for i, role in enumerate(roles):
        grouped = ""
        if spec.promotion and i + 1 < len(roles) and roles[i + 1].company == role.company:
            grouped = "first"
        elif spec.promotion and i > 0 and roles[i - 1].company == role.company:
            grouped = "next"
        kind = rng.choice(EMPLOYMENT[spec.lang]) if spec.noise and rng.random() < 0.5 and not grouped else ""
        entries.append(role_entry(persona, role, spec.order, kind=kind, grouped=grouped))
    return entries


def education_entries(persona: Persona, rng: random.Random) -> list[Entry]:
    style = rng.choice(["two_line", "one_line", "year_first"])
    entries = []
    for degree in persona.education:
        year = str(degree.year) if rng.random() < 0.6 else f"{degree.year - rng.choice([2, 3, 4])} – {degree.year}"
        if style == "two_line":
            entries.append(Entry([(degree.degree, year), (degree.institution, "")]))
        elif style == "one_line":
            entries.append(Entry([(f"{degree.degree}, {degree.institution}", year)]))
        else:
            entries.append(Entry([(f"{year}  {degree.degree} — {degree.institution}", "")]))
    return entries


def compose(persona: Persona) -> ResumeText:
    spec = persona.spec
    rng = random.Random(f"compose:{spec.id}:{spec.seed}")
    contacts = [persona.email, persona.phone, persona.location, *persona.links]
    separators = [" (", ": ", " – ", ", "]
    sep = rng.choice(separators)
    languages = [
        f"{skill.written}{sep}{level}{')' if sep == ' (' else ''}" for skill, level in persona.spoken
    ]
    return ResumeText(
        persona=persona,
        name=persona.name,
        headline=persona.headline,
        contacts=contacts,
        headings=_headings(persona, rng),
        summary=persona.summary,
        experience=_experience(persona, rng),
        education=education_entries(persona, rng),
        skills=[s.written for s in persona.skills + persona.common],
        languages=languages,
    )
