"""Fit a plan to the kind of role: which listed skills make topics, and words for non-technical roles.

A JD's skill list mixes things an interview can probe in depth ("PostgreSQL", "Wound care") with
traits ("Attention to detail"), spoken languages ("German") and the role's own name ("Account
executive"). Only the first kind becomes a depth, gap or claim topic; traits and communication
are assessed through the behavioural topics and the report's communication reading.

A role is technical when most of its known skills are technical in the taxonomy (or, for a JD
the taxonomy cannot place, when its title or duties say so); a nurse's or a seller's plan then
asks about situations and checks, not projects, latency and code review.
"""

import re

from documents import skills as taxonomy_source

from ..taxonomy import canonical, related, skill_key
from .knowledge import facets_for

TRAITS = frozenset(s.casefold() for s in (
    "Communication", "Teamwork", "Problem solving", "Critical thinking", "Analytical skills", "Attention to detail",
    "Time management", "Organizational skills", "Adaptability", "Creativity", "Multitasking", "Self-motivation",
    "Active listening", "Empathy", "Resilience", "Emotional intelligence", "Decision making", "Collaboration",
))
_SENIORITY = re.compile(r"\b(senior|junior|lead|principal|staff|mid-level|mid level|head|chief|graduate|trainee)\b",
                        re.IGNORECASE)
_TECH_TITLE = re.compile(r"\b(engineer|developer|programmer|architect|devops|sre|data scientist|analyst|"
                         r"administrator|technician)\b", re.IGNORECASE)
_TECH_DUTY = re.compile(r"\b(software|api|apis|code|infrastructure|deploy|database|sql|pipeline code)\b",
                        re.IGNORECASE)

# Technical wording of `wording.py` and its non-technical counterpart (applied in this order).
NON_TECHNICAL_WORDS = [
    ("(users, data, latency or team size)", "(people, cases, volume or team size)"),
    ("How the work was tested or verified", "How they checked the outcome: measures, audits or feedback"),
    ("official documentation, a small spike or prototype, pairing with someone experienced",
     "guidelines and training, practising under supervision, shadowing someone experienced"),
    ("tests, code review, feedback from the team", "supervision, feedback from colleagues, measurable results"),
    ("what they built with", "what they did with"),
    ("something built with", "something involving"),
    ("didn't behave the way", "didn't go the way"),
    ("project", "piece of work"),
]


def _kind(skill: str) -> str | None:
    try:
        return taxonomy_source.all_skills().get(canonical(skill))
    except (NotImplementedError, AttributeError):
        return None


def is_spoken_language(skill: str) -> bool:
    # The taxonomy keeps spoken languages in one family: English's relatives are the languages.
    return skill_key(skill) == "english" or "english" in {skill_key(r) for r in related(skill)}


def role_name(jd: dict) -> str:
    """The role a JD's title names, without seniority or qualifiers ("Account Executive")."""
    title = re.split(r"[,(|/\u2013\u2014]| - ", str(jd.get("title") or ""))[0]
    return " ".join(_SENIORITY.sub(" ", title).split())


def interviewable(skill: str, jd: dict) -> bool:
    """Whether a listed skill deserves a topic of its own (see the module docstring)."""
    key = skill_key(skill)
    role = role_name(jd)
    return not (key in TRAITS or is_spoken_language(skill) or (role and key == skill_key(role)))


def interviewable_fit(jd: dict, fit: dict) -> dict:
    """The fit fields with traits, spoken languages and the role's own name left out."""
    keep = [name for name in ("matched_required", "missing_required", "matched_nice")]
    result = {**fit, **{name: [s for s in fit.get(name) or [] if interviewable(s, jd)] for name in keep}}
    result["adjacent"] = [a for a in fit.get("adjacent") or [] if interviewable(a.get("required", ""), jd)]
    return result


def is_technical(jd: dict, skills: list[str]) -> bool:
    """Most known skills technical (or a skill with technical facets), else the title or duties decide."""
    if any(facets_for(s) for s in skills):
        return True
    kinds = [k for k in (_kind(s) for s in skills) if k]
    if kinds:
        return 2 * kinds.count("tech") > len(kinds)
    duties = jd.get("responsibilities") if isinstance(jd.get("responsibilities"), list) else []
    return bool(_TECH_TITLE.search(str(jd.get("title") or ""))) or bool(_TECH_DUTY.search(" ".join(map(str, duties))))


def _reword(text: str) -> str:
    for technical, plain in NON_TECHNICAL_WORDS:
        text = text.replace(technical, plain)
    return text


def adapt_for_role(topic: dict, technical: bool) -> dict:
    """The topic in a non-technical role's words (a technical role's topic is returned as it is)."""
    if technical:
        return topic
    return {**topic, "question": _reword(topic["question"]),
            "strong_answer": [_reword(p) for p in topic.get("strong_answer") or []]}
