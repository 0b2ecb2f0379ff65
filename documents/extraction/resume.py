"""Rule-based resume extraction: contacts, skills, roles with dates, education, years of experience."""

import re
from typing import Any

from ..skills import extract_skills, split_spoken_languages
from .contacts import EMAIL, URL, find_email, find_links, find_location, find_name, find_phone
from .dates import total_years
from .language import detect_language
from .roles import BULLET, dated_with_duration, strip_markup
from .roles import find_roles as roles_in_lines
from .sections import Section, lines_of, split_sections
from .titles import find_degree, looks_like_institution

_SPLIT = re.compile(r"\s*(?:\||·|•|—|–|\t|,|;| - | / |\(|\))\s*")
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
NON_ROLE_SECTIONS = ("education", "certifications", "languages", "projects", "other", "skills")


def extract_resume(text: str) -> dict[str, Any]:
    """Every field of the resume `parsed` contract, from plain text."""
    sections = split_sections(text)
    roles = find_roles(sections)
    # Spoken languages are not skills: "Spanish (native)" is reported apart from "Python".
    skills, languages = split_spoken_languages(resume_skills(text, roles))
    return {
        "name": find_name(text),
        "email": find_email(text),
        "phone": find_phone(text),
        "links": find_links(text),
        "location": find_location(text),
        "language": detect_language(text),
        "skills": skills,
        "languages": languages,
        "roles": roles,
        "education": find_education(sections),
        "total_years": total_years([(r["start"], r["end"]) for r in roles]),
    }


def resume_skills(text: str, roles: list[dict[str, Any]]) -> list[str]:
    """Skills named in the text; addresses, links and employers' names ("Salesforce", "SAP SE") are not skills."""
    cleaned = URL.sub(" ", EMAIL.sub(" ", text))
    for company in {r["company"] for r in roles if r.get("company")}:
        cleaned = cleaned.replace(company, " ")
    found = extract_skills(cleaned)
    # The skills a skills list declares come first: a long resume's answer keeps only the first 50.
    declared = set(extract_skills("\n".join(lines_of(split_sections(cleaned), "skills")))) & set(found)
    return [s for s in found if s in declared] + [s for s in found if s not in declared]


def find_roles(sections: list[Section]) -> list[dict[str, Any]]:
    """[{title, company, start, end}] from the experience section (or, without headings, from everything
    outside clearly non-work sections)."""
    if any(s.key == "experience" for s in sections):
        lines = lines_of(sections, "experience")
        if any(dated_with_duration(line) for line in lines):
            return roles_in_lines(lines) + roles_in_lines(_roles_cut_off(sections))
    else:
        lines = [line for s in sections if s.key not in NON_ROLE_SECTIONS for line in s.lines]
    return roles_in_lines(lines)


def _roles_cut_off(sections: list[Section]) -> list[str]:
    """Roles that a sidebar's headings cut off from the experience section (a Word resume whose
    "Education" box sits between two jobs): after the experience section, the lines from each
    further role written as "Employer | dates (N years)", as the experience section writes them."""
    found: list[str] = []
    after = False
    for section in sections:
        if section.key == "experience":
            after = True
            continue
        if not after:
            continue
        first = next((i for i, line in enumerate(section.lines) if dated_with_duration(line)), None)
        if first is not None:
            found += section.lines[first:]
    return found


def find_education(sections: list[Section]) -> list[dict[str, Any]]:
    """[{degree, institution, year}]: a degree line starts an entry; an institution and a year complete it."""
    entries: list[dict[str, Any]] = []
    for line in lines_of(sections, "education"):
        stripped = strip_markup(BULLET.sub("", line)).strip()
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
