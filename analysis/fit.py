"""How a resume meets a JD, computed from the parsed fields and the resume's text (deterministic).

Only skills, spoken languages and years of experience are compared: nothing personal (name,
contact, location, education, dates of birth) takes part, and nothing here is a score of the
candidate's ability — it decides what the interview should probe.

Each required skill gets a status: `matched` (on the resume), `implied` (shown through another
skill: REST APIs through Django REST Framework, per the skill graph), `unclear` (neither shown nor
contradicted: a close skill is there, or the requirement is too broad for a resume to state) or
`missing` — only `missing` is a gap. Spoken languages are never skills; they are compared apart.
With a model configured, `analysis.fit_review` lets the model revise these statuses, guarded here.
"""

from dataclasses import asdict, dataclass, field
from datetime import date

from .taxonomy import (
    canonical,
    canonical_list,
    implied_via,
    is_generic,
    is_spoken_language,
    related,
    skill_key,
    skill_lines,
)

# Weights of the three parts of the 0-100 score; a part the JD does not ask for is left out and
# the others are rescaled, so a JD without nice-to-haves does not cap every candidate at 85.
WEIGHT_REQUIRED = 60
WEIGHT_EXPERIENCE = 25
WEIGHT_NICE = 15
# Credit of a required skill by status: shown through another skill is almost shown (the resume
# proves the work, not the word); unclear is a head start to confirm; missing earns nothing.
STATUS_CREDIT = {"matched": 1.0, "implied": 0.9, "unclear": 0.4, "missing": 0.0}
IMPLIED_CREDIT = STATUS_CREDIT["implied"]
ADJACENT_CREDIT = STATUS_CREDIT["unclear"]  # a related skill is a head start, not the skill
STATUSES = tuple(STATUS_CREDIT)
OFFLINE_ENGINE = "offline"
# The language a resume is written in shows that language (ISO 639-1 codes the product reads).
_WRITTEN_IN = {"en": "English", "es": "Spanish", "de": "German", "fr": "French", "pt": "Portuguese",
               "it": "Italian", "nl": "Dutch"}


@dataclass
class FitResult:
    score: int
    matched_required: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)  # true gaps only
    matched_nice: list[str] = field(default_factory=list)
    missing_nice: list[str] = field(default_factory=list)
    adjacent: list[dict] = field(default_factory=list)  # [{required, related: [str]}]
    years_required: float | None = None
    years_candidate: float | None = None
    reasons: list[str] = field(default_factory=list)
    # [{kind: gap|claim|confirm, skill, related, why, status?, evidence?, via?, engine?}]
    probe_topics: list[dict] = field(default_factory=list)
    required_status: list[dict] = field(default_factory=list)  # [{skill, status, evidence, via}]
    implied_required: list[str] = field(default_factory=list)
    unclear_required: list[str] = field(default_factory=list)
    languages: dict = field(default_factory=dict)  # {required, nice, candidate, missing}
    engine: str = OFFLINE_ENGINE  # "offline" (the rules) or the model id that reviewed the statuses

    # Kept in FitAnalysis columns; the rest travels inside `probe_topics` (no migration) or is
    # derived again from the documents (`languages`).
    STORED = ("score", "matched_required", "missing_required", "matched_nice", "missing_nice", "adjacent",
              "years_required", "years_candidate", "reasons", "probe_topics")

    def as_fields(self) -> dict:
        return asdict(self)

    def stored_fields(self) -> dict:
        return {name: getattr(self, name) for name in self.STORED}


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _month(value) -> date | None:
    try:
        year, month = str(value)[:7].split("-")
        return date(int(year), int(month), 1)
    except (TypeError, ValueError):
        return None


def years_from_roles(roles: list | None, today: date | None = None) -> float | None:
    """Years covered by the resume's roles, overlaps counted once (used when total_years is absent)."""
    today = today or date.today()
    spans = []
    for role in roles or []:
        if not isinstance(role, dict):
            continue
        start, end = _month(role.get("start")), _month(role.get("end")) or today
        if start and end >= start:
            spans.append((start, end))
    if not spans:
        return None
    months, current_start, current_end = 0, None, None
    for start, end in sorted(spans):
        if current_end is None or start > current_end:
            if current_end is not None:
                months += _months_between(current_start, current_end)
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    months += _months_between(current_start, current_end)
    return round(months / 12, 1)


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _adjacent_to(required: str, resume_skills: list[str]) -> list[str]:
    """Resume skills close to a required skill (either direction of the taxonomy's relations)."""
    near = {skill_key(r) for r in related(required)}
    key = skill_key(required)
    return [s for s in resume_skills if skill_key(s) in near or key in {skill_key(r) for r in related(s)}]


def _split(wanted: list[str], have: set[str]) -> tuple[list[str], list[str]]:
    matched = [s for s in wanted if skill_key(s) in have]
    return matched, [s for s in wanted if skill_key(s) not in have]


def _evidence(skill: str, lines: dict[str, list[str]]) -> str | None:
    """The resume line that best shows a skill: a sentence about work beats a list of skill names."""
    found = lines.get(canonical(skill)) or []
    if not found:
        return None
    return max(found, key=lambda line: (len(line.split()) - 2 * line.count(","), -found.index(line)))


def _status(skill: str, resume_skills: list[str], have: set[str], lines: dict[str, list[str]]) -> dict:
    """The rule-based status of one required skill (see the module docstring)."""
    if skill_key(skill) in have:
        return {"skill": skill, "status": "matched", "evidence": _evidence(skill, lines), "via": None}
    via = implied_via(skill, resume_skills)
    if via:
        return {"skill": skill, "status": "implied", "evidence": _evidence(via, lines), "via": via}
    near = _adjacent_to(skill, resume_skills)
    if near:
        return {"skill": skill, "status": "unclear", "evidence": _evidence(near[0], lines), "via": None}
    if is_generic(skill):
        return {"skill": skill, "status": "unclear", "evidence": None, "via": None}
    return {"skill": skill, "status": "missing", "evidence": None, "via": None}


def _experience_part(required: float | None, candidate: float | None) -> float | None:
    if not required:
        return None
    if candidate is None:
        return 0.5  # unknown is neither a pass nor a fail
    return min(1.0, candidate / required)


def _score(result: FitResult, nice_n: int) -> int:
    parts = []
    if result.required_status:
        credit = sum(STATUS_CREDIT[s["status"]] for s in result.required_status)
        parts.append((WEIGHT_REQUIRED, credit / len(result.required_status)))
    experience = _experience_part(result.years_required, result.years_candidate)
    if experience is not None:
        parts.append((WEIGHT_EXPERIENCE, experience))
    if nice_n:
        parts.append((WEIGHT_NICE, len(result.matched_nice) / nice_n))
    if not parts:
        return 50  # the JD states nothing to compare against
    total = sum(weight for weight, _ in parts)
    return round(100 * sum(weight * value for weight, value in parts) / total)


def _years_text(years: float) -> str:
    return f"{years:g} year" + ("" if years == 1 else "s")


def _skill_reasons(result: FitResult) -> list[str]:
    reasons = []
    if result.required_status:
        have = ", ".join(result.matched_required) or "none"
        reasons.append(
            f"Has {len(result.matched_required)} of {len(result.required_status)} required skills: {have}."
        )
    implied = [f"{s['skill']} (via {s['via']})" for s in result.required_status if s["status"] == "implied"]
    if implied:
        reasons.append(f"Shown through another skill: {', '.join(implied)}.")
    if result.unclear_required:
        reasons.append(f"Unclear from the resume, to confirm: {', '.join(result.unclear_required)}.")
    if result.missing_required:
        reasons.append(f"Not shown on the resume (required): {', '.join(result.missing_required)}.")
    for near in result.adjacent:
        names = near["related"][:3] + (["…"] if len(near["related"]) > 3 else [])
        reasons.append(f"Close to {near['required']}: has the related {', '.join(names)}.")
    return reasons


def _other_reasons(result: FitResult, nice_n: int) -> list[str]:
    reasons = []
    if result.years_required:
        if result.years_candidate is None:
            reasons.append(f"The role asks for {_years_text(result.years_required)}; the resume's total is unclear.")
        elif result.years_candidate >= result.years_required:
            reasons.append(
                f"{_years_text(result.years_candidate)} of experience against {result.years_required:g} asked for."
            )
        else:
            reasons.append(
                f"{_years_text(result.years_candidate)} of experience, below the {result.years_required:g} asked for."
            )
    if nice_n:
        have = ", ".join(result.matched_nice) or "none"
        reasons.append(f"Has {len(result.matched_nice)} of {nice_n} nice-to-have skills: {have}.")
    languages = result.languages
    if languages.get("required"):
        shown = [name for name in languages["required"] if name not in languages["missing"]]
        reasons.append(f"Spoken languages asked for: {', '.join(languages['required'])}"
                       + (f"; the resume shows {', '.join(shown)}." if shown else "; the resume names none of them."))
    engine = "rule-based reading (offline)" if result.engine == OFFLINE_ENGINE else f"reviewed by {result.engine}"
    if result.required_status:
        reasons.append(f"Skill statuses: {engine}.")
    return reasons


_WHY = {
    "matched": "Claimed on the resume and needed by the role — verify the depth behind it.",
    "gap": "Required and not shown on the resume — explore how the candidate would approach it.",
}


def _probe_topics(result: FitResult) -> list[dict]:
    near = {a["required"]: a["related"] for a in result.adjacent}
    topics = []
    for entry in result.required_status:
        skill, status = entry["skill"], entry["status"]
        topic = {"skill": skill, "related": near.get(skill, []), "status": status, "evidence": entry["evidence"],
                 "via": entry["via"], "engine": result.engine}
        if status == "missing":
            topics.append({"kind": "gap", "why": _WHY["gap"], **topic})
        elif status == "unclear":
            close = near.get(skill, [])
            why = (f"Required; the resume shows the related {', '.join(close[:3])} but not {skill} itself — confirm it."
                   if close else f"Required; too broad for the resume to show either way — confirm {skill}.")
            topics.append({"kind": "confirm", "why": why, **topic})
        elif status == "implied":
            why = f"Required; shown through {entry['via']} on the resume — ask about that work to confirm {skill}."
            topics.append({"kind": "claim", "why": why, **topic})
    topics = [t for t in topics if t["kind"] == "gap"] + [t for t in topics if t["kind"] == "confirm"] + [
        t for t in topics if t["kind"] == "claim"]
    claims = [s for s in result.required_status if s["status"] == "matched"]
    for entry in claims:
        topics.append({"kind": "claim", "skill": entry["skill"], "related": [], "why": _WHY["matched"],
                       "status": "matched", "evidence": entry["evidence"], "via": None, "engine": result.engine})
    topics += [{"kind": "claim", "skill": s, "related": [], "why": _WHY["matched"]} for s in result.matched_nice]
    return topics


def languages_fit(
    jd_parsed: dict, resume_parsed: dict, jd_skills: tuple | list = (), resume_skills: tuple | list = ()
) -> dict:
    """Spoken languages asked for and shown, kept apart from skills (older parses listed them as skills)."""
    required = canonical_list(list(jd_parsed.get("languages") or []) + [s for s in jd_skills if is_spoken_language(s)])
    nice = [name for name in canonical_list(jd_parsed.get("nice_to_have_languages")) if name not in required]
    candidate = canonical_list(
        list(resume_parsed.get("languages") or []) + [s for s in resume_skills if is_spoken_language(s)]
    )
    written = _WRITTEN_IN.get(str(resume_parsed.get("language") or "")[:2].lower())
    shown = set(candidate) | ({written} if written else set())
    return {"required": required, "nice": nice, "candidate": candidate,
            "missing": [name for name in required if name not in shown]}


def rule_statuses(jd_parsed: dict, resume_parsed: dict, resume_text: str = "") -> list[dict]:
    """The rule-based status of each required skill: [{skill, status, evidence, via}]."""
    required = [s for s in canonical_list(jd_parsed.get("required_skills")) if not is_spoken_language(s)]
    resume_skills = [s for s in canonical_list(resume_parsed.get("skills")) if not is_spoken_language(s)]
    have = {skill_key(s) for s in resume_skills}
    lines = skill_lines(resume_text)
    return [_status(skill, resume_skills, have, lines) for skill in required]


def compute_fit(
    jd_parsed: dict,
    resume_parsed: dict,
    *,
    resume_text: str = "",
    statuses: list[dict] | None = None,
    engine: str = OFFLINE_ENGINE,
) -> FitResult:
    """Compare a parsed JD and resume; see the module docstring for what is (not) used.

    `statuses` (from `analysis.fit_review`) replace the rule-based ones; `engine` names who made them.
    """
    jd_skills = canonical_list(jd_parsed.get("required_skills"))
    nice_all = canonical_list(jd_parsed.get("nice_to_have_skills"))
    resume_all = canonical_list(resume_parsed.get("skills"))
    statuses = statuses if statuses is not None else rule_statuses(jd_parsed, resume_parsed, resume_text)
    required_keys = {skill_key(s) for s in jd_skills}
    nice = [s for s in nice_all if skill_key(s) not in required_keys and not is_spoken_language(s)]
    resume_skills = [s for s in resume_all if not is_spoken_language(s)]
    matched_nice, missing_nice = _split(nice, {skill_key(s) for s in resume_skills})
    years_candidate = _number(resume_parsed.get("total_years"))
    if years_candidate is None:
        years_candidate = years_from_roles(resume_parsed.get("roles"))
    by_status = {status: [s["skill"] for s in statuses if s["status"] == status] for status in STATUSES}
    result = FitResult(
        score=0,
        matched_required=by_status["matched"],
        missing_required=by_status["missing"],
        matched_nice=matched_nice,
        missing_nice=missing_nice,
        adjacent=[{"required": skill, "related": near} for skill in by_status["unclear"] + by_status["missing"]
                  if (near := _adjacent_to(skill, resume_skills))],
        years_required=_number(jd_parsed.get("min_years")) or None,
        years_candidate=years_candidate,
        required_status=statuses,
        implied_required=by_status["implied"],
        unclear_required=by_status["unclear"],
        languages=languages_fit(jd_parsed, resume_parsed, jd_skills + nice_all, resume_all),
        engine=engine,
    )
    result.score = _score(result, len(nice))
    result.reasons = _skill_reasons(result) + _other_reasons(result, len(nice))
    result.probe_topics = _probe_topics(result)
    return result
