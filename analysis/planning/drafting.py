"""A plan drafted by the main model from the JD, the resume and the fit, guarded by the deterministic one.

The model proposes the topics (name, kind, competency, why, question, strong-answer points) in one
structured call; the deterministic plan (`build_plan`) is both its fallback and its guard: it fixes
how many topics the booked time holds, their minutes and follow-ups, and the coding task. A draft
that breaks a rule (too few topics, a question that is not a question, text addressed to an AI, a
strong-answer point given away in the question, a duplicate) is dropped whole for the
deterministic plan: a half-checked plan is worse than a plain one. Offline, no call is made.
"""

import logging
from typing import Literal

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field

from llm.gateway import structured_sync
from llm.prompts import Prompt, data_block
from llm.sanitize import strip_invisible

from ..injection import looks_like_instruction
from .anchors import LEVELS, MAX_ANCHOR_CHARS
from .build import COMPETENCY_DESCRIPTIONS, PlanDraft, assign_minutes, build_plan, finish

log = logging.getLogger(__name__)

PLAN_DEADLINE_S = 90
KINDS = ("core", "gap", "claim", "confirm", "duty")


class DraftTopic(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=2, max_length=80)
    kind: Literal["core", "gap", "claim", "confirm", "duty"]
    competency: str = Field(min_length=2, max_length=120)
    why: str = Field(min_length=5, max_length=300)
    question: str = Field(min_length=10, max_length=400)
    strong_answer: list[str] = Field(min_length=2, max_length=5)


class DraftAnchors(BaseModel):
    """What an answer at levels 1, 3 and 5 of one competency contains, for this role."""

    model_config = ConfigDict(extra="ignore")

    competency: str = Field(min_length=2, max_length=120)
    level_1: str = Field(min_length=10, max_length=MAX_ANCHOR_CHARS)
    level_3: str = Field(min_length=10, max_length=MAX_ANCHOR_CHARS)
    level_5: str = Field(min_length=10, max_length=MAX_ANCHOR_CHARS)


class PlanDraftOutput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    topics: list[DraftTopic] = Field(min_length=1, max_length=14)
    anchors: list[DraftAnchors] = Field(default_factory=list, max_length=14)


def _line(value, limit: int = 140) -> str:
    return " ".join(strip_invisible(str(value or "")).split())[:limit]


def _lines(values, limit: int = 20) -> list[str]:
    return [_line(v) for v in (values if isinstance(values, list) else [])[:limit] if _line(v)]


def draft_context(*, jd: dict, resume: dict, fit: dict, fallback: PlanDraft, duration_minutes: int) -> dict:
    """The prompt's data blocks (documents as data only) and the limits the draft must keep."""
    jd_text = "\n".join([f"Title: {_line(jd.get('title'))}",
                         f"Required skills: {', '.join(_lines(jd.get('required_skills')))}",
                         f"Nice to have: {', '.join(_lines(jd.get('nice_to_have_skills')))}",
                         *[f"- {d}" for d in _lines(jd.get("responsibilities"), 10)]])
    roles = [r for r in resume.get("roles") or [] if isinstance(r, dict)][:6]
    resume_text = "\n".join([f"Skills: {', '.join(_lines(resume.get('skills'), 40))}",
                             f"Years: {_line(resume.get('total_years'), 10)}",
                             *[f"- {_line(r.get('title'), 80)} at {_line(r.get('company'), 60)}" for r in roles]])
    confirm = [_line(p.get("skill"), 60) for p in fit.get("probe_topics") or []
               if isinstance(p, dict) and p.get("kind") == "confirm"]
    fit_text = "\n".join([f"Matched required: {', '.join(_lines(fit.get('matched_required')))}",
                          f"Missing required: {', '.join(_lines(fit.get('missing_required')))}",
                          f"Not shown, not contradicted (confirm, never a gap): {', '.join(confirm)}",
                          f"Matched nice-to-have: {', '.join(_lines(fit.get('matched_nice')))}"])
    competencies = sorted({c["name"] for c in fallback.competencies} | set(COMPETENCY_DESCRIPTIONS))
    return {
        "jd": data_block("job_description", jd_text),
        "resume": data_block("resume", resume_text),
        "fit": data_block("fit", fit_text),
        "topic_count": len(fallback.topics),
        "minutes": duration_minutes,
        "competencies": ", ".join(competencies),
        # Plain values, for the offline engine: the deterministic plan is its draft.
        "fallback_topics": [{k: t[k] for k in ("name", "kind", "competency", "why", "question", "strong_answer")}
                            for t in fallback.topics],
        "fallback_anchors": [{"competency": c["name"], **{f"level_{lvl}": c["anchors"][lvl] for lvl in LEVELS}}
                             for c in fallback.competencies],
    }


def offline_plan_draft(context: dict) -> dict:
    return {"topics": context["fallback_topics"], "anchors": context["fallback_anchors"]}


PLAN_DRAFT = Prompt(name="plan_draft", version=2, role="main", schema=PlanDraftOutput, offline=offline_plan_draft,
                    max_tokens=4000)


def _gives_away(question: str, points: list[str]) -> bool:
    said = question.casefold()
    for point in points:
        words = point.casefold().split()
        if point.casefold() in said or any(" ".join(words[i:i + 5]) in said for i in range(len(words) - 4)):
            return True
    return False


def _allowed_competency(name: str, fallback: PlanDraft, jd: dict) -> bool:
    skills = {f"Technical depth: {_line(s)}" for s in _lines(jd.get("required_skills"))}
    return name in COMPETENCY_DESCRIPTIONS or name in skills or name in {c["name"] for c in fallback.competencies}


def _question_key(question: str) -> str:
    """A question as compared for duplicates: case and spacing ignored."""
    return " ".join(question.casefold().split())


def guarded(output: PlanDraftOutput, *, fallback: PlanDraft, jd: dict, duration_minutes: int) -> PlanDraft | None:
    """The model's draft within the deterministic plan's limits, or None when it breaks a rule."""
    count, booked = len(fallback.topics), sum(1 for t in fallback.topics if not t["reserve"])
    topics = output.topics[:count]
    if len(topics) < max(1, booked - 1):
        return None  # the booked time would not be filled
    seen: set[str] = set()
    for topic in topics:
        texts = [topic.name, topic.why, topic.question, *topic.strong_answer]
        key = _question_key(topic.question)
        if (not topic.question.rstrip().endswith("?") or key in seen or any(map(looks_like_instruction, texts))
                or _gives_away(topic.question, topic.strong_answer)
                or not _allowed_competency(topic.competency, fallback, jd)):
            return None
        seen.add(key)
    budget = sum(t["minutes"] for t in fallback.topics if not t["reserve"])
    drafted = [{"name": _line(t.name, 80), "kind": t.kind, "competency": t.competency, "why": _line(t.why, 300),
                "question": _line(t.question, 400), "strong_answer": [_line(p, 200) for p in t.strong_answer]}
               for t in topics]
    # Reserve topics the draft leaves out come from the deterministic plan, so a quick candidate's interview
    # still fills its time; they are asked only if the drafted ones leave room.
    asked = seen | {t["name"] for t in drafted}
    extra = [{k: t[k] for k in ("name", "kind", "competency", "why", "question", "strong_answer")}
             for t in fallback.topics if t["reserve"] and not ({_question_key(t["question"]), t["name"]} & asked)]
    plan = finish(assign_minutes([*drafted, *extra][:count], budget, duration_minutes), fallback.coding_task)
    return _with_model_anchors(plan, output.anchors)


def _anchor_texts(anchors: DraftAnchors) -> dict[str, str] | None:
    """The model's anchors for one competency, or None when one is addressed to an AI or they repeat."""
    texts = {lvl: _line(getattr(anchors, f"level_{lvl}"), MAX_ANCHOR_CHARS) for lvl in LEVELS}
    if any(map(looks_like_instruction, texts.values())) or len({t.casefold() for t in texts.values()}) < len(LEVELS):
        return None
    return texts


def _with_model_anchors(plan: PlanDraft, drafted: list[DraftAnchors]) -> PlanDraft:
    """Each competency keeps the model's anchors where they pass the checks; the derived ones stand otherwise.

    A bad anchor costs only that competency's anchors, not the plan: the topics were checked on their own.
    """
    by_name = {a.competency.casefold(): a for a in drafted}
    for competency in plan.competencies:
        given = by_name.get(competency["name"].casefold())
        texts = _anchor_texts(given) if given else None
        if texts:
            competency["anchors"] = texts
        else:
            log.info("anchors for %s derived from its points (the draft had none that passed)", competency["name"])
    return plan


def draft_plan(*, jd: dict, resume: dict, fit: dict, duration_minutes: int, coding: bool = False,
               subject=None) -> tuple[PlanDraft, str]:
    """(plan, source): the model's guarded draft ("model") or the deterministic plan ("rules")."""
    fallback = build_plan(jd=jd, fit=fit, duration_minutes=duration_minutes, coding=coding, resume=resume)
    if settings.LLM_MAIN.startswith("offline"):
        return fallback, "rules"
    context = draft_context(jd=jd, resume=resume, fit=fit, fallback=fallback, duration_minutes=duration_minutes)
    try:
        output = structured_sync(PLAN_DRAFT, context, subject=subject, deadline_s=PLAN_DEADLINE_S)
    except Exception:  # a model that fails must not leave the recruiter without a plan
        log.exception("plan draft by the model failed; the deterministic plan is used")
        return fallback, "rules"
    drafted = guarded(output, fallback=fallback, jd=jd, duration_minutes=duration_minutes)
    if drafted is None:
        log.warning("the model's plan draft broke a rule; the deterministic plan is used")
        return fallback, "rules"
    return drafted, "model"
