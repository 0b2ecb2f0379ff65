"""A generated candidate: the source facts of one evaluation resume, and its expected answer.

`make_persona(spec)` draws a career from the hand-written pools with a seeded random generator;
`expected(persona, spec)` writes down what a human would extract from the rendered resume.
"""

import random
import re
import unicodedata
from dataclasses import dataclass, field

from . import holdout, holdout2
from .fields import COMMON_SKILLS, DEGREES, EMPLOYERS, INSTITUTIONS, NAMED_SKILLS, SKILLS, TITLES
from .locales import (
    CITIES,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    LAST_NAMES,
    LEVELS,
    NATIVE,
    PHONES,
    PRESENT,
    SPOKEN,
    DateStyle,
)

for _part in (holdout, holdout2):  # the held-out fields are drawn from like the others
    for _pool, _extra in ((TITLES, _part.TITLES), (EMPLOYERS, _part.EMPLOYERS), (SKILLS, _part.SKILLS),
                          (DEGREES, _part.DEGREES), (NAMED_SKILLS, _part.NAMED_SKILLS)):
        _pool.update(_extra)

AS_OF = (2025, 6)  # the generator's "today": every date is on or before it
BULLETS = {
    "en": ["Built and maintained {a} workflows used across three departments.",
           "Introduced {a} and {b}, cutting turnaround time by 30%.",
           "Worked daily with {a} on projects for key clients.",
           "Trained new colleagues on {a} and wrote the team's internal guide.",
           "Led weekly reviews with the wider team and reported results to management.",
           "Improved quality metrics quarter after quarter."],
    "es": ["Responsable de {a} y {b} para clientes nacionales.", "Implantación de {a} en todo el departamento.",
           "Trabajo diario con {a} en proyectos con clientes.", "Formación de nuevos compañeros en {a}.",
           "Coordinación con otros departamentos y seguimiento de resultados."],
    "fr": ["Mise en place de {a} et {b} pour toute l'équipe.",
           "Utilisation quotidienne de {a} sur des projets clients.",
           "Formation des nouveaux collègues à {a}.", "Suivi des indicateurs et reporting mensuel à la direction."],
    "de": ["Einführung von {a} und {b} im gesamten Team.", "Tägliche Arbeit mit {a} in Kundenprojekten.",
           "Einarbeitung neuer Kolleginnen und Kollegen in {a}.", "Regelmäßige Abstimmung mit anderen Abteilungen."],
    "pt": ["Implantação de {a} e {b} em toda a equipe.", "Uso diário de {a} em projetos com clientes.",
           "Treinamento de novos colegas em {a}.",
           "Acompanhamento de indicadores e relatórios mensais para a diretoria."],
}
SUMMARY = {
    "en": "{headline} with {years} years of experience in {a} and {b}.",
    "es": "{headline} con {years} años de experiencia en {a} y {b}.",
    "fr": "{headline} avec {years} ans d'expérience en {a} et {b}.",
    "de": "{headline} mit {years} Jahren Erfahrung in {a} und {b}.",
    "pt": "{headline} com {years} anos de experiência em {a} e {b}.",
}


@dataclass(frozen=True)
class Spec:
    """One evaluation resume: who, in which language, laid out how."""

    id: str
    field: str
    lang: str
    layout: str  # a renderer name, see generate.py
    dates: DateStyle
    order: str  # how a role's title, employer and dates are written, see compose.py
    roles: int = 3
    seed: int = 0
    overlap: bool = False  # a part-time role running alongside another
    bullets: int = 3
    links: bool = True
    skill_count: tuple[int, int] = (8, 13)
    promotion: bool = False  # the two latest roles are at one employer, written under one heading
    holdout: bool = False  # written after the extractor was tuned (holdout.py)
    part: str = ""  # "holdout2": written last, measured once (holdout2.py)
    noise: bool = False  # some employers carry an employment type: "Acme (Contract)"


@dataclass
class Skill:
    canonical: str
    written: str


@dataclass
class Role:
    title: str
    company: str
    city: str
    start: tuple[int, int]
    end: tuple[int, int] | None
    bullets: list[str] = field(default_factory=list)


@dataclass
class Degree:
    degree: str
    institution: str
    year: int


@dataclass
class Persona:
    spec: Spec
    name: str
    email: str
    phone: str
    links: list[str]
    location: str
    headline: str
    summary: str
    roles: list[Role]
    education: list[Degree]
    skills: list[Skill]
    common: list[Skill]
    spoken: list[tuple[Skill, str]]
    present: str


def _parse_skills(block: str, lang: str, rng: random.Random) -> list[Skill]:
    skills = []
    for line in block.strip().splitlines():
        canonical, *variants = [part.strip() for part in line.split("|")]
        by_lang = {v[:2]: [w.strip() for w in v[3:].split(";")] for v in variants}
        skills.append(Skill(canonical, rng.choice(by_lang.get(lang, [canonical]))))
    return skills


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]+", "", plain.lower())


def _digits(pattern: str, rng: random.Random) -> str:
    return "".join(str(rng.randint(0, 9)) if ch == "#" else ch for ch in pattern)


def _contacts(spec: Spec, rng: random.Random, first: str, last: str) -> tuple[str, str, list[str]]:
    f, la = _ascii(first), _ascii(last)
    user = rng.choice([f"{f}.{la}", f"{f}{la}", f"{f[0]}.{la}", f"{f}_{la}", f"{la}.{f}", f"{f}.{la}.cv"])
    email = f"{user}@{rng.choice(EMAIL_DOMAINS[spec.lang])}"
    phone = _digits(rng.choice(PHONES[spec.lang]), rng)
    slug = rng.choice([f"{f}-{la}", f"{f}{la}", f"{f}-{la}-{rng.randint(10, 99)}"])
    links = []
    if spec.links:
        links.append(rng.choice([f"linkedin.com/in/{slug}", f"https://www.linkedin.com/in/{slug}",
                                 f"www.linkedin.com/in/{slug}"]))
        if spec.field in ("software", "data"):
            links.append(rng.choice([f"github.com/{f}{la}", f"https://github.com/{f[0]}{la}"]))
        if spec.field == "design":
            links.append(rng.choice([f"behance.net/{f}{la}", f"https://{f}{la}.design", f"dribbble.com/{f}{la}"]))
    rng.shuffle(links)
    return email, phone, links


def _months(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def _ym(months: int) -> tuple[int, int]:
    return months // 12, months % 12 + 1


def _career(spec: Spec, rng: random.Random) -> list[Role]:
    titles = sorted(TITLES[spec.field][spec.lang], key=lambda t: t[0])
    employers = rng.sample(EMPLOYERS[spec.field][spec.lang], k=min(spec.roles, len(EMPLOYERS[spec.field][spec.lang])))
    cities = CITIES[spec.lang]
    roles: list[Role] = []
    end = None if rng.random() < 0.65 else _ym(_months(AS_OF) - rng.randint(1, 8))
    cursor = _months(AS_OF) if end is None else _months(end)
    for i in range(spec.roles):
        length = rng.randint(10, 44)
        start = cursor - length
        level_titles = titles[max(0, len(titles) - 1 - i * 2 + rng.randint(-1, 0)) :] or titles
        title = level_titles[0][2:]
        roles.append(Role(title, employers[i % len(employers)], rng.choice(cities).split(",")[0], _ym(start), end))
        cursor = start - rng.randint(1, 5)
        end = _ym(cursor)
    if spec.promotion and len(roles) >= 2:
        roles[1].company, roles[1].city = roles[0].company, roles[0].city
    if spec.overlap and len(roles) >= 2:  # a part-time role overlapping the two most recent jobs
        base = roles[1]
        start = _months(base.start) + 4
        side_end = _ym(start + rng.randint(8, 20))
        side = Role(titles[1][2:], rng.choice(EMPLOYERS[spec.field][spec.lang][-2:]), base.city, _ym(start), side_end)
        if side.company not in (r.company for r in roles):
            roles.insert(1, side)
    return roles


def _education(spec: Spec, rng: random.Random, first_job: tuple[int, int]) -> list[Degree]:
    degrees = DEGREES[spec.field][spec.lang]
    count = 1 if len(degrees) < 2 or rng.random() < 0.45 else 2
    year = first_job[0] - rng.randint(0, 1)
    picked = rng.sample(degrees, k=count)
    institutions = rng.sample(INSTITUTIONS[spec.lang], k=count)
    education = []
    for i, degree in enumerate(sorted(picked, key=lambda d: ("M" in d[:2] or "Máster" in d or "Mestrado" in d))):
        education.append(Degree(degree, institutions[i], year - 2 * (count - 1 - i)))
    return list(reversed(education))  # newest first


def make_persona(spec: Spec) -> Persona:
    rng = random.Random(f"{spec.id}:{spec.seed}")
    number = int(re.sub(r"\D", "", spec.id) or 0)  # names rotate through the pools: no look-alike twins
    first = FIRST_NAMES[spec.lang][number % len(FIRST_NAMES[spec.lang])]
    last = LAST_NAMES[spec.lang][(number * 3 + 1) % len(LAST_NAMES[spec.lang])]
    email, phone, links = _contacts(spec, rng, first, last)
    roles = _career(spec, rng)
    skills = _parse_skills(SKILLS[spec.field], spec.lang, rng)
    skills = rng.sample(skills, k=min(len(skills), rng.randint(*spec.skill_count)))
    common = rng.sample(_parse_skills(COMMON_SKILLS, spec.lang, rng), k=rng.randint(0, 3) if spec.bullets else 0)
    for role in roles:
        for _ in range(spec.bullets):
            template = rng.choice(BULLETS[spec.lang])
            a, b = rng.sample(skills, k=2)
            bullet = template.format(a=a.written, b=b.written)
            if bullet not in role.bullets:
                role.bullets.append(bullet)
    others = [name for name in SPOKEN if name != NATIVE[spec.lang]]
    spoken = [(Skill(NATIVE[spec.lang], SPOKEN[NATIVE[spec.lang]][spec.lang]), LEVELS[spec.lang][0])]
    for name in rng.sample(others, k=rng.randint(1, 2)):
        spoken.append((Skill(name, SPOKEN[name][spec.lang]), rng.choice(LEVELS[spec.lang][1:])))
    years = max(1, round((_months(AS_OF) - _months(roles[-1].start)) / 12))
    a, b = rng.sample(skills, k=2)
    headline = roles[0].title
    return Persona(
        spec=spec, name=f"{first} {last}", email=email, phone=phone, links=links,
        location=rng.choice(CITIES[spec.lang]), headline=headline,
        summary=SUMMARY[spec.lang].format(headline=headline, years=years, a=a.written, b=b.written),
        roles=roles, education=_education(spec, rng, roles[-1].start), skills=skills, common=common,
        spoken=spoken, present=rng.choice(PRESENT[spec.lang]),
    )


def _date(ym: tuple[int, int] | None, style: DateStyle) -> str | None:
    if ym is None:
        return None
    return str(ym[0]) if style.kind == "year" else f"{ym[0]:04d}-{ym[1]:02d}"


def expected(persona: Persona, *, shown_roles: int | None = None) -> dict:
    """What a human reads off the rendered resume; dates written as years only stay years ("2019")."""
    spec = persona.spec
    roles = persona.roles[:shown_roles] if shown_roles else persona.roles
    named = [s for text in [r.title for r in roles] + [d.degree for d in persona.education]
             for s in NAMED_SKILLS.get(text, [])]
    skills = [s.canonical for s in persona.skills + persona.common] + [s.canonical for s, _ in persona.spoken]
    return {
        "kind": "resume",
        "field": spec.field,
        "language": spec.lang,
        "layout": spec.layout,
        "split": spec.part or ("holdout" if spec.holdout else "tuning"),
        "name": persona.name,
        "email": persona.email,
        "phone": persona.phone,
        "links": persona.links,
        "location": persona.location,
        "roles": [
            {"title": r.title, "company": r.company, "start": _date(r.start, spec.dates),
             "end": _date(r.end, spec.dates)}
            for r in roles
        ],
        "education": [{"degree": d.degree, "institution": d.institution, "year": d.year} for d in persona.education],
        "skills": list(dict.fromkeys(skills + named)),
        "as_of": f"{AS_OF[0]}-{AS_OF[1]:02d}",
    }
