"""Rule-based job-description extraction: title, seniority, skills required and nice to have, years."""

import re
from typing import Any

from ..skills import extract_skills, extract_skills_in, split_spoken_languages
from .contacts import find_location
from .language import detect_language
from .places import mentions_place
from .sections import Section, heading_key, lines_of, split_sections

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦●○■►✓➢–]|\d+[.)])\s+")
_TITLE_LABEL = re.compile(
    r"^\s*(?:job\s+title|position|role|title|job|puesto|cargo|vacante|stelle|stellenbezeichnung|position|poste|"
    r"intitulé du poste|vaga|posizione|ruolo|functie|vacature)\s*:\s*(.+)$",
    re.IGNORECASE,
)
_TITLE_NOISE = re.compile(
    r"^(?:job description|job posting|job offer|we(?:'re| are) hiring|hiring|now hiring|join us as)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
SENIORITY = [
    (
        "intern",
        r"intern|internship|trainee|werkstudent(?:in)?|praktikant(?:in)?|becari[oa]|stagiaire|estagi[aá]ri[oa]|"
        r"tirocinante|stagiair",
    ),
    ("junior", r"junior|jr\.?|entry[- ]level|graduate|associate"),
    ("principal", r"principal"),
    ("staff", r"staff"),
    ("lead", r"lead|tech lead|team lead|teamleiter(?:in)?|líder|lider|chef d'équipe"),
    ("director", r"director|head of|vp|vice president|directeur|directora?|leiter(?:in)?"),
    ("manager", r"manager|gerente|responsable"),
    ("senior", r"senior|sr\.?|experienced|erfahren(?:e|er)?|sénior|s[eê]nior"),
    ("mid", r"mid[- ]level|mid|intermediate|regular|pleno"),
]
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "deux": 2,
    "trois": 3, "quatre": 4, "cinq": 5, "três": 3, "due": 2, "tre": 3, "quattro": 4, "twee": 2, "drie": 3,
}
_N = r"(\d{1,2}(?:[.,]5)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS_WORD = r"(?:years?|yrs?|jahre?n?|años|año|anos|ano|ans|an|anni|anno|jaar)"
MIN_YEARS = [
    re.compile(rf"{_N}\s*\+\s*{_YEARS_WORD}", re.IGNORECASE),
    re.compile(
        r"(?:at least|minimum(?: of)?|min\.?|mindestens|al menos|mínimo(?: de)?|au moins|d'au moins|pelo menos|almeno|"
        rf"minimaal|ten minste)\s+{_N}\s*{_YEARS_WORD}(?!\w)",
        re.IGNORECASE,
    ),
    # "Experiência mínima de 5 anos", "experiencia mínima de 3 años"
    re.compile(rf"(?:mínima|minima|mínimo|minimo)\s+(?:de\s+)?{_N}\s*{_YEARS_WORD}(?!\w)", re.IGNORECASE),
    re.compile(rf"{_N}\s*(?:-|–|to|bis|a|à)\s*\d{{1,2}}\s*{_YEARS_WORD}", re.IGNORECASE),
    re.compile(
        rf"{_N}\s*{_YEARS_WORD}\s+(?:of\s+)?(?:experience|professional|hands-on|relevant|work|berufserfahrung|"
        r"erfahrung|de experiencia|d'expérience|de experiência|di esperienza|ervaring)",
        re.IGNORECASE,
    ),
    re.compile(rf"{_N}\s*{_YEARS_WORD}\s+(?:or more|or above|and above|plus)", re.IGNORECASE),
]
_REMOTE_YES = re.compile(
    r"\b(?:fully remote|100\s?% remote|remote[- ]first|remote[- ]friendly|remote position|remote role|"
    r"remote \(|work from anywhere|work from home|wfh|remote work|remote-only|remote only|teletrabajo|"
    r"100\s?% remoto|trabajo remoto|en remoto|télétravail complet|full remote|fernarbeit|100\s?% homeoffice|"
    r"remote möglich|trabalho remoto|lavoro da remoto|volledig remote|location:\s*remote|remote)\b",
    re.IGNORECASE,
)
_REMOTE_NO = re.compile(
    r"\b(?:on[- ]site|onsite|in[- ]office|office[- ]based|no remote|not remote|presencial|sur site|vor ort|"
    r"präsenz|in sede|op kantoor)\b",
    re.IGNORECASE,
)
_HYBRID = re.compile(r"\b(?:hybrid(?:e|en|er|es)?|híbrido|hibrido|híbrida|hibrida|ibrido)\b", re.IGNORECASE)
_NICE_INLINE = re.compile(
    r"\b(?:nice to have|nice-to-have|a plus|is a plus|are a plus|bonus|preferred|ideally|desirable|"
    r"good to have|von vorteil|wünschenswert|se valorará|valorable|deseable|un plus|un atout|souhaité|"
    r"desejável|diferencial|gradit[oa]|pluspunt)\b",
    re.IGNORECASE,
)
_SKIP_SECTIONS = ("benefits", "about")
_STATED_SECTIONS = ("requirements", "responsibilities", "skills", "nice_to_have")
_CLAUSE = re.compile(r"[,;]\s+(?=\S)|\.\s+|\s+(?:but|and|y|et|und|e)\s+(?=\w+\s+(?:is|are|es|est|ist|é)\s)")


def extract_jd(text: str) -> dict[str, Any]:
    """Every field of the JD `parsed` contract, from plain text."""
    sections = split_sections(text)
    title = find_title(text)
    required, nice = split_skills(sections, title)
    # Spoken languages asked for ("Clear written communication in English") are not skills.
    required, languages = split_spoken_languages(required)
    nice, nice_languages = split_spoken_languages(nice)
    min_years = find_min_years(sections)
    work_mode = find_work_mode(text)
    return {
        "title": title,
        "seniority": find_seniority(title, text, min_years),
        "required_skills": required,
        "nice_to_have_skills": nice,
        "languages": languages,
        "nice_to_have_languages": nice_languages,
        "min_years": min_years,
        "responsibilities": find_responsibilities(sections),
        "location": find_jd_location(text),
        "remote": {"remote": True, "onsite": False, "hybrid": False}.get(work_mode) if work_mode else None,
        "work_mode": work_mode,
        "language": detect_language(text),
    }


def find_title(text: str) -> str | None:
    lines = [line.strip().strip("#*_ ").strip() for line in text.splitlines() if line.strip()]
    for line in lines[:15]:
        labelled = _TITLE_LABEL.match(line)
        if labelled:
            return labelled.group(1).strip()
    for line in lines[:5]:
        candidate = _TITLE_NOISE.sub("", line).strip()
        if candidate and len(candidate.split()) <= 12 and not heading_key(candidate) and not candidate.endswith("."):
            return re.split(r"\s+[|·•]\s+|\s+[–—]\s+(?=[A-Z][\w&. ]+$)", candidate)[0].strip()
    return None


def find_seniority(title: str | None, text: str, min_years: float | None) -> str | None:
    for source in (title or "", "\n".join(text.splitlines()[:5])):
        for level, pattern in SENIORITY:
            if re.search(rf"(?<![\w])(?:{pattern})(?![\w])", source, re.IGNORECASE):
                return level
    return None  # not stated: a number of years is not a level


def split_skills(sections: list[Section], title: str | None) -> tuple[list[str], list[str]]:
    """Required skills, and nice-to-have ones: from "nice to have" sections or lines that say so."""
    required: list[str] = extract_skills(title or "")
    nice: list[str] = []
    # The blurb before the first heading sells the company ("build our hiring platform"); when the
    # JD states its requirements, duties or skills under headings, the blurb names none of them.
    structured = any(s.key in _STATED_SECTIONS for s in sections)
    for section in sections:
        if section.key in _SKIP_SECTIONS or (structured and section.key == "header"):
            continue
        listed = section.key in ("requirements", "nice_to_have")
        for line in section.lines:
            if section.key == "skills":
                continue
            # "Minimum 2 years of nursing experience, ICU preferred": only the clause saying so is a plus.
            clauses = _CLAUSE.split(line) if _NICE_INLINE.search(line) else [line]
            for clause in clauses:
                found = extract_skills_in(clause, skills_context=listed)
                target = nice if section.key == "nice_to_have" or _NICE_INLINE.search(clause) else required
                target.extend(found)
        if section.key == "skills":
            required.extend(extract_skills(section.text))
    required = list(dict.fromkeys(required))
    nice = [skill for skill in dict.fromkeys(nice) if skill not in required]
    return required, nice


def find_min_years(sections: list[Section]) -> float | None:
    lines = [line for s in sections if s.key not in ("nice_to_have", *_SKIP_SECTIONS) for line in s.lines]
    found = []
    clauses = [clause for line in lines for clause in re.split(r"[,;]\s+|\.\s+", line)]
    for line in clauses:
        if _NICE_INLINE.search(line):
            continue
        for pattern in MIN_YEARS:
            for match in pattern.finditer(line):
                value = _number(match.group(1))
                if value is not None and 0 < value <= 30:
                    found.append(value)
    return max(found) if found else None


def _number(word: str) -> float | None:
    word = word.lower().replace(",", ".")
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def find_responsibilities(sections: list[Section]) -> list[str]:
    lines = lines_of(sections, "responsibilities")
    if not lines:  # no heading: bullets outside requirement, benefit and company sections
        lines = [line for s in sections if s.key in ("header", "other") for line in s.lines if _BULLET.match(line)]
    items = []
    for line in lines:
        item = _BULLET.sub("", line).strip()
        if len(item) >= 8:
            items.append(item)
    return items


def find_work_mode(text: str) -> str | None:
    if _HYBRID.search(text):
        return "hybrid"
    if _REMOTE_NO.search(text) and not re.search(r"fully remote|100\s?% remote|remote[- ]first", text, re.IGNORECASE):
        return "onsite"
    if _REMOTE_YES.search(text):
        return "remote"
    return None


def find_jd_location(text: str) -> str | None:
    """A labelled location, else the first short line near the top that names a place.

    Headings ("Nice to have" names a French city) and sentences ("... across Europe.") do not count.
    """
    labelled = find_location(text)
    if labelled:
        return labelled
    for line in text.splitlines()[:20]:
        line = line.strip().strip("#*_ ")
        if not line or len(line) > 80 or line.endswith(".") or heading_key(line):
            continue
        if mentions_place(line):
            return line
    return None
