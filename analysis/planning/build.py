"""Turn a JD and a fit analysis into a timed, prioritised list of topics (deterministic, no model).

Priority: the role's top requirement first, then alternate between gaps (asked as "how would you
approach", never as a gotcha), design/ownership, claims to verify (or, for a required skill the
resume neither shows nor contradicts, to confirm) and collaboration, so that a short interview
still samples each kind. Resume claims decide only which questions are asked.

Size: the booked length decides how many topics there are, their minutes and how many follow-ups
each may take, so a 30-minute interview holds about 6-8 main questions and a 60-minute one about a
dozen (`topic_count`).
"""

import re
from dataclasses import dataclass, field

from llm.sanitize import strip_invisible

from ..code.bank import MIN_CODE_MINUTES, plan_coding_task
from ..injection import looks_like_instruction
from ..taxonomy import skill_key
from . import roles, wording
from .anchors import derive_anchors

MAX_MINUTES_PER_TOPIC = 10
MAX_TOPICS = 12
MAX_FOLLOW_UPS = 3
CORE_SKILLS = 2  # the JD's first required skills the candidate has are asked in depth
MAX_DUTY_TOPICS = 4  # behavioural questions on the JD's listed duties
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
    "Role responsibilities": "Evidence of having done the role's listed duties: real situations, the candidate's "
    "own steps and the results.",
}


TOPIC_KEYS = ("id", "name", "competency", "kind", "why", "question", "strong_answer", "minutes", "follow_ups",
              "reserve")
# Extra topics, asked only when answers leave time (a strong or brief candidate); as many as the booked
# ones and a half where the role supplies them (1.0 left simulated 30-minute interviews of quick candidates
# short of topics; 0.5 left them 1-3 minutes shorter still).
RESERVE_SHARE = 1.5
# A short interview's few booked topics still leave a quick candidate something to answer (6 left a quick
# candidate's 15-minute interview at 12.1 minutes on the thinnest JD; 8 reaches 12.8).
MIN_RESERVE = 8


@dataclass
class PlanDraft:
    topics: list[dict] = field(default_factory=list)
    competencies: list[dict] = field(default_factory=list)
    coding_task: dict | None = None  # analysis.code.bank.plan_coding_task, when asked for and the role codes


def time_budget(duration_minutes: int) -> int:
    """Minutes for topics (and the coding task): the conversation's 90% (the rest is the wrap-up's
    margin) less the greeting and the closing (about 2 minutes each)."""
    reserve = 4 if duration_minutes >= 15 else 2
    return max(1, int(duration_minutes * 0.9) - reserve)


def minutes_per_topic(duration_minutes: int) -> float:
    """A main question and its follow-ups: about 3 minutes in a short interview, longer in a long one."""
    return 3.0 + max(0, duration_minutes - 30) / 30


def topic_count(budget_minutes: int, duration_minutes: int) -> int:
    """How many topics `budget_minutes` holds: 30 minutes -> 7, 15 -> 3, 60 -> 12 (no coding task)."""
    return max(1, min(MAX_TOPICS, round(budget_minutes / minutes_per_topic(duration_minutes))))


def follow_ups_for(minutes: float) -> int:
    """Follow-ups a topic's slice leaves room for (each about a minute); the conductor also stops at the slice."""
    return max(1, min(MAX_FOLLOW_UPS, int(minutes)))


def describe(competency: str) -> str:
    if competency not in COMPETENCY_DESCRIPTIONS and not competency.startswith("Technical depth: "):
        return "As the recruiter defined it for this interview: specific examples, the candidate's own part, results."
    if competency.startswith("Technical depth: "):
        skill = competency.removeprefix("Technical depth: ")
        return f"How well the candidate understands and has used {skill}: specifics, trade-offs and pitfalls, " \
            "not just familiarity."
    return COMPETENCY_DESCRIPTIONS[competency]


def _topic(kind: str, name: str, competency: str, why: str, question: str, points: list[str]) -> dict:
    return {"name": name, "competency": competency, "kind": kind, "why": why, "question": question,
            "strong_answer": points[:5]}


def _duties(jd: dict) -> list[str]:
    """The JD's responsibility lines that are short and safe enough to quote in a question."""
    duties, listed = [], jd.get("responsibilities")
    for raw in listed if isinstance(listed, list) else []:
        text = " ".join(strip_invisible(str(raw)).split()).strip(" .;-\u2022")
        if 8 <= len(text) <= 140 and not looks_like_instruction(text) and text not in duties:
            duties.append(text)
    return duties


def _duty(jd: dict) -> str | None:
    """A short, safe responsibility line to anchor the design question, preferring design-like duties."""
    duties = _duties(jd)
    designish = [d for d in duties if _DESIGNISH.search(d)]
    return (designish or duties or [None])[0]


def _duty_topics(jd: dict) -> list[dict]:
    """One behavioural question per main duty the design question does not already quote: the role's own
    work, asked as "tell me about a time", so a role whose JD names few skills still fills its time."""
    quoted = _duty(jd)
    return [
        _topic("duty", f"Duty: {duty[:60]}", "Role responsibilities",
               f"The JD lists \u201c{duty}\u201d among the role's duties; this asks for evidence of doing it.",
               wording.pick(wording.DUTY_QUESTIONS, i).format(duty=duty), wording.DUTY_POINTS)
        for i, duty in enumerate(d for d in _duties(jd) if d != quoted)
    ][:MAX_DUTY_TOPICS]


def _is_technical(jd: dict, skills: list[str]) -> bool:
    return roles.is_technical(jd, skills)  # a nurse's or a seller's plan is not about system design


def _core_topics(matched: list[str]) -> list[dict]:
    topics = []
    for i, skill in enumerate(matched[:CORE_SKILLS]):
        rank = "the first-listed" if i == 0 else "a core"
        topics.append(_topic(
            "core", f"{skill} in depth", f"Technical depth: {skill}",
            f"{skill} is {rank} requirement of the role; this checks depth, not just familiarity.",
            wording.pick(wording.CORE_QUESTIONS, i).format(skill=wording.mid_sentence(skill)),
            wording.core_points(skill),
        ))
    return topics


def _gap_topics(missing: list[str], adjacent: dict[str, list[str]]) -> list[dict]:
    topics = []
    for i, skill in enumerate(missing):
        related, said = adjacent.get(skill, []), wording.mid_sentence(skill)
        if related:
            near = " and ".join(wording.mid_sentence(r) for r in related[:2])
            question = wording.pick(wording.ADJACENT_QUESTIONS, i).format(skill=said, related=near)
            why = f"{skill} is required; the resume shows the related {near}, so this checks what " \
                "carries over."
        else:
            question = wording.pick(wording.GAP_QUESTIONS, i).format(skill=said)
            why = f"{skill} is required and not on the resume; this explores how the candidate would approach it."
        topics.append(_topic("gap", f"Approaching {skill}", "Problem solving", why, question,
                             wording.gap_points(skill, related)))
    return topics


def _claim_topics(claims: list[str]) -> list[dict]:
    return [
        _topic(
            "claim", f"{skill} experience", "Hands-on experience",
            f"The resume lists {skill}, which the role needs; this verifies the depth behind the claim.",
            wording.pick(wording.CLAIM_QUESTIONS, i).format(skill=wording.mid_sentence(skill)),
            wording.claim_points(skill),
        )
        for i, skill in enumerate(claims)
    ]


def _company(resume: dict | None) -> str:
    """The candidate's current (else latest) employer, to anchor a confirming question; "" if unsure."""
    roles_listed = (resume or {}).get("roles")
    for role in roles_listed if isinstance(roles_listed, list) else []:
        company = " ".join(strip_invisible(str((role or {}).get("company") or "")).split()) if isinstance(role, dict) \
            else ""
        if 2 <= len(company) <= 40 and not looks_like_instruction(company):
            return company
    return ""


def confirm_items(fit: dict) -> list[dict]:
    """The fit's `confirm` probe topics (a required skill the resume neither shows nor contradicts)."""
    items = []
    for item in fit.get("probe_topics") or []:
        skill = item.get("skill") if isinstance(item, dict) and item.get("kind") == "confirm" else None
        if isinstance(skill, str) and skill.strip() and not looks_like_instruction(skill):
            items.append({"skill": " ".join(skill.split())[:60], "why": str(item.get("why") or "")})
    return items


def _confirm_topics(items: list[dict], company: str) -> list[dict]:
    """Asked as a chance to show the work ("Tell me about your REST API work at Clinicly"), never as a gap."""
    at = f" at {company}" if company else ""
    return [
        _topic(
            "confirm", f"{item['skill']} experience", "Hands-on experience",
            f"{item['skill']} is required; the resume neither shows nor rules it out, so this gives the candidate "
            "the chance to show it.",
            wording.pick(wording.CONFIRM_QUESTIONS, i).format(skill=wording.mid_sentence(item["skill"]), at=at),
            wording.confirm_points(item["skill"]),
        )
        for i, item in enumerate(items)
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
    """General topics after the role's own: they fill a long interview, and a plan is never empty."""
    delivery = _topic(
        "core", "Owning a piece of work", "Delivery & ownership",
        "Owning work end to end is part of the role; this looks at planning and follow-through.",
        wording.DELIVERY_QUESTION_GENERAL,
        wording.DELIVERY_POINTS,
    )
    general = [
        _topic("core", name, competency, "A general behavioural question after the role's own topics: it fills the "
               "booked time when answers leave room.", question, points)
        for name, competency, question, points in wording.GENERAL_TOPICS
    ]
    return [
        _topic("core", "Recent work", "Hands-on experience",
               "The candidate's own recent work shows depth and ownership beyond the listed skills.",
               wording.RECENT_WORK_QUESTION, wording.RECENT_WORK_POINTS),
        _topic("core", "Debugging a hard problem", "Problem solving",
               "Every role meets hard problems; this shows how the candidate reasons under uncertainty.",
               wording.DEBUGGING_QUESTION, wording.DEBUGGING_POINTS),
        delivery,
        *general,
    ]


def _prioritise(core: list[dict], gaps: list[dict], claims: list[dict], design: dict, collab: dict,
                fallback: list[dict], duties: list[dict] = ()) -> list[dict]:
    """Interleave so any prefix of the list is a balanced interview (confirm topics queue with the claims)."""
    queues = {"core": list(core), "gap": list(gaps), "claim": list(claims), "design": [design], "collab": [collab],
              "duty": list(duties)}
    order = ["core", "gap", "design", "claim", "core", "collab", "duty"]
    picked = [queues[name].pop(0) for name in order if queues[name]]
    while queues["gap"] or queues["claim"] or queues["duty"]:
        picked += [queues[name].pop(0) for name in ("gap", "claim", "duty") if queues[name]]
    return picked + fallback


def assign_minutes(topics: list[dict], budget: int, duration_minutes: int, *, keep_all: bool = False) -> list[dict]:
    """The first `topic_count` topics, the budget shared out in whole minutes, and each one's follow-ups;
    then up to RESERVE_SHARE as many again as reserve topics (`reserve`), asked only if the interview runs ahead.
    `keep_all` (a recruiter's own list): every topic stays, those past the time as reserve."""
    count = max(1, min(len(topics), topic_count(budget, duration_minutes)))
    wanted = max(MIN_RESERVE, round(count * RESERVE_SHARE))
    reserve = len(topics) - count if keep_all else min(len(topics) - count, wanted)
    chosen = [dict(t) for t in topics[: count + reserve]]
    each, extra = divmod(budget, count)
    for i, topic in enumerate(chosen):
        topic["minutes"] = max(1, min(MAX_MINUTES_PER_TOPIC, each + (1 if i < extra else 0)))
        topic["follow_ups"] = follow_ups_for(topic["minutes"])
        topic["reserve"] = i >= count
    return chosen


def _coding_task(jd: dict, budget: int) -> dict | None:
    """A task from the bank taking at most a third of the budget, so the conversation keeps most of it."""
    task = plan_coding_task(jd, budget)
    if task:
        task["minutes"] = min(task["minutes"], max(MIN_CODE_MINUTES, budget // 3))
    return task


def finish(topics: list[dict], coding_task: dict | None) -> PlanDraft:
    """Ids t1..tN in order, only the plan's keys, and the competencies the topics assess (with anchors)."""
    for i, topic in enumerate(topics, start=1):
        topic["id"] = f"t{i}"
    names = list(dict.fromkeys(t["competency"] for t in topics))
    return PlanDraft(
        topics=[{key: t[key] for key in TOPIC_KEYS} for t in topics],
        competencies=[{"name": n, "description": describe(n), "anchors": derive_anchors(n, topics)} for n in names],
        coding_task=coding_task,
    )


def build_plan(*, jd: dict, fit: dict, duration_minutes: int, coding: bool = False,
               resume: dict | None = None) -> PlanDraft:
    """Topics (ids t1..tN in priority order, minutes within the budget, follow-ups each may take) and
    the competencies they assess.

    `jd` is the JD's parsed fields; `fit` holds the FitAnalysis fields (matched/missing/adjacent and
    `probe_topics`, whose `confirm` items become confirming questions); `resume` (parsed, optional)
    names the employer a confirming question refers to. With `coding`, a role that calls for code
    also gets a task from the bank, its minutes taken from the topics' budget.
    """
    budget = time_budget(duration_minutes)
    coding_task = _coding_task(jd, budget) if coding else None
    budget -= coding_task["minutes"] if coding_task else 0
    fit = roles.interviewable_fit(jd, fit)  # no "German in depth" or "Attention to detail experience"
    confirm = [i for i in confirm_items(fit) if roles.interviewable(i["skill"], jd)]
    confirming = {skill_key(i["skill"]) for i in confirm}
    matched = list(fit.get("matched_required") or [])
    missing = [s for s in fit.get("missing_required") or [] if skill_key(s) not in confirming]  # never a gap
    adjacent = {a["required"]: list(a.get("related") or []) for a in fit.get("adjacent") or []}
    claims = matched[CORE_SKILLS:] + list(fit.get("matched_nice") or [])
    technical = _is_technical(jd, matched + list(fit.get("missing_required") or []))
    checks = _confirm_topics(confirm, _company(resume))
    checks += _claim_topics([c for c in claims if skill_key(c) not in confirming])
    topics = _prioritise(
        _core_topics(matched), _gap_topics(missing, adjacent), checks, _design_topic(jd, technical),
        _collaboration_topic(), _fallback_topics(), _duty_topics(jd),
    )
    seen, unique = set(), []
    for topic in topics:
        if topic["name"] not in seen and topic["question"] not in seen:
            seen.update((topic["name"], topic["question"]))
            unique.append(topic)
    chosen = [roles.adapt_for_role(t, technical) for t in assign_minutes(unique, budget, duration_minutes)]
    return finish(chosen, coding_task)
