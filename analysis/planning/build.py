"""Turn a JD and a fit analysis into a timed, prioritised list of topics (deterministic, no model).

Priority: the role's top requirement first, then alternate between gaps (asked as "how would you
approach", never as a gotcha), design/ownership, claims to verify and collaboration, so that a
short interview still samples each kind. Resume claims decide only which questions are asked.
"""

import re
from dataclasses import dataclass, field

from llm.sanitize import strip_invisible

from ..code.bank import plan_coding_task
from ..injection import looks_like_instruction
from . import roles, wording

MINUTES_PER_TOPIC = 5
MAX_MINUTES_PER_TOPIC = 10
CORE_SKILLS = 2  # the JD's first required skills the candidate has are asked in depth
_DESIGNISH = re.compile(r"\b(design|architect|build|own|scal|operate|lead)", re.IGNORECASE)

COMPETENCY_DESCRIPTIONS = {
    "System design": "Breaking a problem into parts, comparing approaches and explaining the trade-offs "
    "(scale, reliability, cost).",
    "Delivery & ownership": "Owning work from plan to result: goals, risks, stakeholders and measuring the outcome.",
    "Problem solving": "Approaching unfamiliar ground or a hard problem: first steps, what carries over, "
    "how progress is checked.",
    "Hands-on experience": "The depth behind the experience the resume claims and the role needs: first-person "
    "detail, problems met and how they were solved.",
    "Collaboration & communication": "Working with others: handling disagreement, deciding on evidence, "
    "explaining ideas clearly.",
}


@dataclass
class PlanDraft:
    topics: list[dict] = field(default_factory=list)
    competencies: list[dict] = field(default_factory=list)
    coding_task: dict | None = None  # analysis.code.bank.plan_coding_task, when asked for and the role codes


def time_budget(duration_minutes: int) -> int:
    """Minutes left for topics after the greeting and closing (about 2 minutes each)."""
    reserve = 4 if duration_minutes >= 15 else 2
    return max(1, duration_minutes - reserve)


def _describe(competency: str) -> str:
    if competency.startswith("Technical depth: "):
        skill = competency.removeprefix("Technical depth: ")
        return f"How well the candidate understands and has used {skill}: specifics, trade-offs and pitfalls, " \
            "not just familiarity."
    return COMPETENCY_DESCRIPTIONS[competency]


def _topic(kind: str, name: str, competency: str, why: str, question: str, points: list[str]) -> dict:
    return {"name": name, "competency": competency, "kind": kind, "why": why, "question": question,
            "strong_answer": points[:5]}


def _duty(jd: dict) -> str | None:
    """A short, safe responsibility line to anchor the design question, preferring design-like duties."""
    duties, listed = [], jd.get("responsibilities")
    for raw in listed if isinstance(listed, list) else []:
        text = " ".join(strip_invisible(str(raw)).split()).strip(" .;-\u2022")
        if 8 <= len(text) <= 140 and not looks_like_instruction(text):
            duties.append(text)
    designish = [d for d in duties if _DESIGNISH.search(d)]
    return (designish or duties or [None])[0]


def _is_technical(jd: dict, skills: list[str]) -> bool:
    return roles.is_technical(jd, skills)  # a nurse's or a seller's plan is not about system design


def _core_topics(matched: list[str]) -> list[dict]:
    topics = []
    for i, skill in enumerate(matched[:CORE_SKILLS]):
        rank = "the first-listed" if i == 0 else "a core"
        topics.append(_topic(
            "core", f"{skill} in depth", f"Technical depth: {skill}",
            f"{skill} is {rank} requirement of the role; this checks depth, not just familiarity.",
            wording.pick(wording.CORE_QUESTIONS, i).format(skill=skill), wording.core_points(skill),
        ))
    return topics


def _gap_topics(missing: list[str], adjacent: dict[str, list[str]]) -> list[dict]:
    topics = []
    for i, skill in enumerate(missing):
        related = adjacent.get(skill, [])
        if related:
            near = " and ".join(related[:2])
            question = wording.pick(wording.ADJACENT_QUESTIONS, i).format(skill=skill, related=near)
            why = f"{skill} is required; the resume shows the related {near}, so this checks what " \
                "carries over."
        else:
            question = wording.pick(wording.GAP_QUESTIONS, i).format(skill=skill)
            why = f"{skill} is required and not on the resume; this explores how the candidate would approach it."
        topics.append(_topic("gap", f"Approaching {skill}", "Problem solving", why, question,
                             wording.gap_points(skill, related)))
    return topics


def _claim_topics(claims: list[str]) -> list[dict]:
    return [
        _topic(
            "claim", f"{skill} experience", "Hands-on experience",
            f"The resume lists {skill}, which the role needs; this verifies the depth behind the claim.",
            wording.pick(wording.CLAIM_QUESTIONS, i).format(skill=skill), wording.claim_points(skill),
        )
        for i, skill in enumerate(claims)
    ]


def _design_topic(jd: dict, technical: bool) -> dict:
    duty = _duty(jd)
    if technical:
        question = wording.DESIGN_QUESTION.format(duty=duty) if duty else wording.DESIGN_QUESTION_GENERAL
        why = f"The role involves \u201c{duty}\u201d; this looks at how the candidate designs and weighs options." \
            if duty else "Designing systems is part of the role; this looks at how the candidate weighs options."
        return _topic("core", "System design", "System design", why, question, wording.DESIGN_POINTS)
    question = wording.DELIVERY_QUESTION.format(duty=duty) if duty else wording.RECENT_WORK_QUESTION
    why = "Owning work end to end is part of the role; this looks at planning and follow-through."
    return _topic("core", "Owning a piece of work", "Delivery & ownership", why, question, wording.DELIVERY_POINTS)


def _collaboration_topic() -> dict:
    return _topic(
        "core", "Working through disagreement", "Collaboration & communication",
        "The role means working with others; this looks at how the candidate handles disagreement and explains "
        "decisions.", wording.COLLABORATION_QUESTION, wording.COLLABORATION_POINTS,
    )


def _fallback_topics() -> list[dict]:
    """General topics for when the JD gives little to go on, so a plan is never empty."""
    return [
        _topic("core", "Recent work", "Hands-on experience",
               "The candidate's own recent work shows depth and ownership beyond the listed skills.",
               wording.RECENT_WORK_QUESTION, wording.RECENT_WORK_POINTS),
        _topic("core", "Debugging a hard problem", "Problem solving",
               "Every role meets hard problems; this shows how the candidate reasons under uncertainty.",
               wording.DEBUGGING_QUESTION, wording.DEBUGGING_POINTS),
    ]


def _prioritise(core: list[dict], gaps: list[dict], claims: list[dict], design: dict, collab: dict) -> list[dict]:
    """Interleave so any prefix of the list is a balanced interview."""
    queues = {"core": list(core), "gap": list(gaps), "claim": list(claims), "design": [design], "collab": [collab]}
    order = ["core", "gap", "design", "claim", "core", "collab"]
    picked = [queues[name].pop(0) for name in order if queues[name]]
    while queues["gap"] or queues["claim"]:
        picked += [queues[name].pop(0) for name in ("gap", "claim") if queues[name]]
    return picked + _fallback_topics()


def _assign_minutes(topics: list[dict], budget: int) -> list[dict]:
    count = max(1, min(len(topics), budget // MINUTES_PER_TOPIC))
    chosen = topics[:count]
    each, extra = divmod(budget, count)
    for i, topic in enumerate(chosen):
        topic["minutes"] = min(MAX_MINUTES_PER_TOPIC, each + (1 if i < extra else 0))
    return chosen


def build_plan(*, jd: dict, fit: dict, duration_minutes: int, coding: bool = False) -> PlanDraft:
    """Topics (ids t1..tN in priority order, minutes within the budget) and the competencies they assess.

    `jd` is the JD's parsed fields; `fit` holds the FitAnalysis fields (matched/missing/adjacent).
    With `coding`, a role that calls for code also gets a task from the bank, its minutes taken
    from the topics' budget.
    """
    budget = time_budget(duration_minutes)
    coding_task = plan_coding_task(jd, budget) if coding else None
    budget -= coding_task["minutes"] if coding_task else 0
    fit = roles.interviewable_fit(jd, fit)  # no "German in depth" or "Attention to detail experience"
    matched = list(fit.get("matched_required") or [])
    adjacent = {a["required"]: list(a.get("related") or []) for a in fit.get("adjacent") or []}
    claims = matched[CORE_SKILLS:] + list(fit.get("matched_nice") or [])
    technical = _is_technical(jd, matched + list(fit.get("missing_required") or []))
    topics = _prioritise(
        _core_topics(matched), _gap_topics(list(fit.get("missing_required") or []), adjacent),
        _claim_topics(claims), _design_topic(jd, technical), _collaboration_topic(),
    )
    seen, unique = set(), []
    for topic in topics:
        if topic["name"] not in seen:
            seen.add(topic["name"])
            unique.append(topic)
    chosen = [roles.adapt_for_role(t, technical) for t in _assign_minutes(unique, budget)]
    for i, topic in enumerate(chosen, start=1):
        topic["id"] = f"t{i}"
    names = list(dict.fromkeys(t["competency"] for t in chosen))
    return PlanDraft(
        topics=[{key: t[key] for key in ("id", "name", "competency", "kind", "why", "question", "strong_answer",
                                         "minutes")} for t in chosen],
        competencies=[{"name": n, "description": _describe(n)} for n in names],
        coding_task=coding_task,
    )
