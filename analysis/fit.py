"""How a resume meets a JD, computed from the parsed fields alone (deterministic, no model).

Only skills and years of experience are compared: nothing personal (name, contact, location,
education, dates of birth) takes part, and nothing here is a score of the candidate's ability —
it decides what the interview should probe.
"""

from dataclasses import asdict, dataclass, field
from datetime import date

from .taxonomy import canonical_list, related, skill_key

# Weights of the three parts of the 0-100 score; a part the JD does not ask for is left out and
# the others are rescaled, so a JD without nice-to-haves does not cap every candidate at 85.
WEIGHT_REQUIRED = 60
WEIGHT_EXPERIENCE = 25
WEIGHT_NICE = 15
ADJACENT_CREDIT = 0.4  # a related skill is a head start, not the skill


@dataclass
class FitResult:
    score: int
    matched_required: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    matched_nice: list[str] = field(default_factory=list)
    missing_nice: list[str] = field(default_factory=list)
    adjacent: list[dict] = field(default_factory=list)  # [{required, related: [str]}]
    years_required: float | None = None
    years_candidate: float | None = None
    reasons: list[str] = field(default_factory=list)
    probe_topics: list[dict] = field(default_factory=list)  # [{kind: gap|claim, skill, related, why}]

    def as_fields(self) -> dict:
        return asdict(self)


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
    """Resume skills in the same family as a missing required skill (either direction of the taxonomy)."""
    near = {skill_key(r) for r in related(required)}
    key = skill_key(required)
    return [s for s in resume_skills if skill_key(s) in near or key in {skill_key(r) for r in related(s)}]


def _split(wanted: list[str], have: set[str]) -> tuple[list[str], list[str]]:
    matched = [s for s in wanted if skill_key(s) in have]
    return matched, [s for s in wanted if skill_key(s) not in have]


def _experience_part(required: float | None, candidate: float | None) -> float | None:
    if not required:
        return None
    if candidate is None:
        return 0.5  # unknown is neither a pass nor a fail
    return min(1.0, candidate / required)


def _score(result: FitResult, required_n: int, nice_n: int) -> int:
    parts = []
    if required_n:
        credit = len(result.matched_required) + ADJACENT_CREDIT * len(result.adjacent)
        parts.append((WEIGHT_REQUIRED, credit / required_n))
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


def _reasons(result: FitResult, required_n: int, nice_n: int) -> list[str]:
    reasons = []
    if required_n:
        have = ", ".join(result.matched_required) or "none"
        reasons.append(f"Has {len(result.matched_required)} of {required_n} required skills: {have}.")
    if result.missing_required:
        reasons.append(f"Not shown on the resume (required): {', '.join(result.missing_required)}.")
    for near in result.adjacent:
        names = near["related"][:3] + (["…"] if len(near["related"]) > 3 else [])
        reasons.append(f"Close to {near['required']}: has the related {', '.join(names)}.")
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
    return reasons


def _probe_topics(result: FitResult) -> list[dict]:
    near = {a["required"]: a["related"] for a in result.adjacent}
    topics = []
    for skill in result.missing_required:
        related_names = near.get(skill, [])
        why = (
            f"Required; the resume shows the related {', '.join(related_names[:3])} — check what carries over."
            if related_names
            else "Required and not shown on the resume — explore how the candidate would approach it."
        )
        topics.append({"kind": "gap", "skill": skill, "related": related_names, "why": why})
    for skill in result.matched_required + result.matched_nice:
        why = "Claimed on the resume and needed by the role — verify the depth behind it."
        topics.append({"kind": "claim", "skill": skill, "related": [], "why": why})
    return topics


def compute_fit(jd_parsed: dict, resume_parsed: dict) -> FitResult:
    """Compare parsed JD and resume fields; see the module docstring for what is (not) used."""
    required = canonical_list(jd_parsed.get("required_skills"))
    required_keys = {skill_key(s) for s in required}
    nice = [s for s in canonical_list(jd_parsed.get("nice_to_have_skills")) if skill_key(s) not in required_keys]
    resume_skills = canonical_list(resume_parsed.get("skills"))
    have = {skill_key(s) for s in resume_skills}

    matched_required, missing_required = _split(required, have)
    matched_nice, missing_nice = _split(nice, have)
    adjacent = [
        {"required": skill, "related": near}
        for skill in missing_required
        if (near := _adjacent_to(skill, resume_skills))
    ]
    years_candidate = _number(resume_parsed.get("total_years"))
    if years_candidate is None:
        years_candidate = years_from_roles(resume_parsed.get("roles"))
    result = FitResult(
        score=0,
        matched_required=matched_required,
        missing_required=missing_required,
        matched_nice=matched_nice,
        missing_nice=missing_nice,
        adjacent=adjacent,
        years_required=_number(jd_parsed.get("min_years")) or None,
        years_candidate=years_candidate,
    )
    result.score = _score(result, len(required), len(nice))
    result.reasons = _reasons(result, len(required), len(nice))
    result.probe_topics = _probe_topics(result)
    return result
