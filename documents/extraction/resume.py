"""Rule-based resume extraction: contacts, skills, roles with dates, education, years of experience."""

import re
from typing import Any

from ..skills import extract_skills
from .contacts import find_email, find_links, find_location, find_name, find_phone
from .dates import Span, find_range, total_years
from .language import detect_language
from .places import is_place
from .sections import Section, lines_of, split_sections
from .titles import find_degree, looks_like_company, looks_like_institution, looks_like_title

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦●○■►✓➢–]|\d+[.)])\s+")
_SPLIT_AT = re.compile(r"\s+(?:at|@|chez|bei|en|presso|bij|na|für|for)\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:\||·|•|—|–|\t|,|;| - | / |\(|\))\s*")
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
NON_ROLE_SECTIONS = ("education", "certifications", "languages", "projects", "other", "skills")


def extract_resume(text: str) -> dict[str, Any]:
    """Every field of the resume `parsed` contract, from plain text."""
    sections = split_sections(text)
    roles = find_roles(sections)
    return {
        "name": find_name(text),
        "email": find_email(text),
        "phone": find_phone(text),
        "links": find_links(text),
        "location": find_location(text),
        "language": detect_language(text),
        "skills": extract_skills(text),
        "roles": roles,
        "education": find_education(sections),
        "total_years": total_years([(r["start"], r["end"]) for r in roles]),
    }


def find_roles(sections: list[Section]) -> list[dict[str, Any]]:
    """[{title, company, start, end}] from the lines of the experience section that carry a date range."""
    if any(s.key == "experience" for s in sections):
        lines = lines_of(sections, "experience")
    else:  # no headings found: every line outside clearly non-work sections
        lines = [line for s in sections if s.key not in NON_ROLE_SECTIONS for line in s.lines]
    roles = []
    for index, line in enumerate(lines):
        span = find_range(line)
        if span is None or not span.start or find_degree(line):
            continue
        title, company = _title_and_company(lines, index, span)
        if title or company:
            roles.append({"title": title, "company": company, "start": span.start, "end": span.end})
    return roles


def _title_and_company(lines: list[str], index: int, span: Span) -> tuple[str | None, str | None]:
    line = lines[index]
    rest = _clean(line[: span.match_start] + " | " + line[span.match_end :])
    title, company = _split_role(rest)
    if title and company:
        return title, company
    # The rest sits on the lines just above (or, failing that, just below) the dates.
    for neighbour in _context_lines(lines, index):
        other_title, other_company = _split_role(neighbour)
        title = title or other_title
        company = company or other_company
        if title and company:
            break
    return title, company


def _context_lines(lines: list[str], index: int) -> list[str]:
    above = [lines[i] for i in range(index - 1, max(index - 3, -1), -1)]
    below = lines[index + 1 : index + 2]
    usable = []
    for candidate in above + below:
        stripped = candidate.strip()
        if not stripped or _BULLET.match(candidate) or find_range(candidate) or len(stripped) > 90:
            if candidate in above:
                break  # a blank line or a bullet ends the entry above
            continue
        usable.append(_clean(stripped))
    return usable


def _clean(text: str) -> str:
    text = re.sub(r"[()\[\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" |,;:-–—·•\t")


def _split_role(text: str) -> tuple[str | None, str | None]:
    """("Senior Engineer", "Acme GmbH") from "Senior Engineer at Acme GmbH, Berlin" and similar."""
    if not text or len(text) > 120:
        return None, None
    at = _SPLIT_AT.split(text, maxsplit=1)
    parts = at if len(at) == 2 and looks_like_title(at[0]) else _SPLIT.split(text)
    parts = [p.strip(" .") for p in parts if p and p.strip(" .") and not is_place(p) and not _YEAR.fullmatch(p.strip())]
    if not parts:
        return None, None
    titles = [p for p in parts if looks_like_title(p) and not looks_like_company(p)]
    title = titles[0] if titles else None
    others = [p for p in parts if p != title and len(p) > 1]
    companies = [p for p in others if looks_like_company(p)] or [p for p in others if not looks_like_title(p)]
    company = companies[0] if companies else None
    if title is None and company is None and parts:
        company = parts[0]
    return title, company


def find_education(sections: list[Section]) -> list[dict[str, Any]]:
    """[{degree, institution, year}]: a degree line starts an entry; an institution and a year complete it."""
    entries: list[dict[str, Any]] = []
    for line in lines_of(sections, "education"):
        stripped = _BULLET.sub("", line).strip()
        if not stripped:
            continue
        degree = find_degree(stripped)
        institution = _institution(stripped)
        current = entries[-1] if entries else None
        starts_new = current is None or (degree and current["degree"]) or (
            institution and current["institution"] and not degree
        )
        if starts_new:
            current = {"degree": None, "institution": None, "year": None}
            entries.append(current)
        if degree and not current["degree"]:
            current["degree"] = _degree_text(stripped, institution)
        if institution and not current["institution"]:
            current["institution"] = institution
        years = [int(y) for y in _YEAR.findall(stripped)]
        if years:
            current["year"] = max(years + ([current["year"]] if current["year"] else []))
    return [e for e in entries if e["degree"] or e["institution"]]


def _institution(line: str) -> str | None:
    for part in _SPLIT.split(line):
        part = part.strip(" .")
        if looks_like_institution(part) and not find_degree(part):
            return _YEAR.sub("", part).strip(" ,-–")
    return None


def _degree_text(line: str, institution: str | None) -> str:
    for part in _SPLIT.split(line):
        if find_degree(part):
            text = _YEAR.sub("", part).strip(" ,-–|")
            return text.split(" at ")[0].strip()
    text = line.replace(institution or "", "")
    return _YEAR.sub("", text).strip(" ,-–|")

