"""A model's review of the rule-based fit: per required skill, a status and the resume line showing it.

DESIGN.md: a decision that needs understanding ("does this resume show REST work?") is a model call
with a validated, structured answer when a model is configured, and a rule-based reading otherwise;
the rules also guard the model. Here the guard is the text: a `matched` or `implied` status must
quote a line that exists in the resume, or the skill keeps its rule-based status. A skill the rules
found named on the resume, with its line, is never demoted. Offline, no call is made.
"""

import json
import logging
import re

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field

from llm.gateway import Subject, structured_sync
from llm.prompts import Prompt, data_block

from .fit import OFFLINE_ENGINE, STATUSES, FitResult, compute_fit, rule_statuses
from .taxonomy import skill_key

log = logging.getLogger(__name__)
REVIEW_DEADLINE_S = 60
MIN_QUOTE_CHARS = 8  # a quote must say something: "API" alone proves nothing


class SkillVerdict(BaseModel):
    model_config = ConfigDict(extra="ignore")

    skill: str = Field(max_length=120)
    status: str = Field(max_length=20)  # checked against STATUSES per entry, so one bad entry costs only itself
    quote: str | None = Field(default=None, max_length=600)


class FitReviewOutput(BaseModel):
    model_config = ConfigDict(extra="ignore")

    skills: list[SkillVerdict] = Field(default_factory=list, max_length=200)


def _offline_review(context: dict) -> dict:
    """The offline engine's answer (LLM_FALLBACK=offline): the rule-based statuses, unchanged."""
    return {"skills": [{"skill": s["skill"], "status": s["status"], "quote": s["evidence"]}
                       for s in context.get("rule_statuses", [])]}


FIT_REVIEW = Prompt(name="fit_review", version=1, role="main", schema=FitReviewOutput, offline=_offline_review,
                    max_tokens=2048)


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[\u2022•·▪*]+", " ", text or "").split()).casefold()


def quote_in_text(quote: str | None, text: str) -> bool:
    """Whether a quote is really in the text (whitespace, bullets and case aside)."""
    wanted = _normalised(quote or "").strip(" .\"'")
    return len(wanted) >= MIN_QUOTE_CHARS and wanted in _normalised(text)


def apply_review(rules: list[dict], review: FitReviewOutput, resume_text: str) -> list[dict]:
    """The rule-based statuses, revised where the model's verdict passes the guards."""
    verdicts = {}
    for verdict in review.skills:
        verdicts.setdefault(skill_key(verdict.skill), verdict)  # unknown skills never match a key below
    revised = []
    for rule in rules:
        verdict = verdicts.get(skill_key(rule["skill"]))
        revised.append(_revise(rule, verdict, resume_text) if verdict else rule)
    return revised


def _revise(rule: dict, verdict: SkillVerdict, resume_text: str) -> dict:
    status = verdict.status.strip().lower()
    if status not in STATUSES:
        return rule
    if status in ("matched", "implied"):
        if not quote_in_text(verdict.quote, resume_text):
            return rule  # an invented or missing quote: the rules keep their word
        via = rule["via"] if status == "implied" else None
        return {"skill": rule["skill"], "status": status, "evidence": " ".join(verdict.quote.split()), "via": via}
    if rule["status"] == "matched" and rule["evidence"]:
        return rule  # the resume names it on this line; a model cannot unsee it
    return {"skill": rule["skill"], "status": status, "evidence": None if status == "missing" else rule["evidence"],
            "via": None}


def review_context(rules: list[dict], resume_text: str) -> dict:
    listed = "\n".join(f"- {s['skill']}: {s['status']}" + (f" (via {s['via']})" if s["via"] else "") for s in rules)
    return {
        "required_block": data_block("required_skills", listed),
        "resume_block": data_block("resume", resume_text),
        "rule_statuses": json.loads(json.dumps(rules)),
    }


def model_engine() -> str | None:
    """The model id that would review a fit, or None offline."""
    spec = (settings.LLM_MAIN if FIT_REVIEW.role == "main" else settings.LLM_MINI).split("?")[0]
    return None if spec.startswith(OFFLINE_ENGINE) else spec.partition(":")[2] or spec


def fit_compute_reviewed(*, jd_parsed: dict, resume_parsed: dict, resume_text: str,
                         document_id: int | None = None) -> FitResult:
    """The fit, its skill statuses reviewed by the configured model when there is one.

    Offline, or when the model fails or answers off-schema, the rule-based fit stands (engine "offline").
    """
    rules = rule_statuses(jd_parsed, resume_parsed, resume_text)
    engine = model_engine()
    if engine is None or not rules:
        return compute_fit(jd_parsed, resume_parsed, resume_text=resume_text, statuses=rules)
    try:
        review = structured_sync(FIT_REVIEW, review_context(rules, resume_text),
                                 subject=Subject(document_id=document_id), deadline_s=REVIEW_DEADLINE_S)
    except Exception as exc:  # a failing model never fails the fit: the rules answer
        log.warning("fit review by %s failed: %s", engine, exc)
        return compute_fit(jd_parsed, resume_parsed, resume_text=resume_text, statuses=rules)
    statuses = apply_review(rules, review, resume_text)  # type: ignore[arg-type]
    return compute_fit(jd_parsed, resume_parsed, resume_text=resume_text, statuses=statuses, engine=engine)
