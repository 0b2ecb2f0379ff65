"""The plan an imported transcript is judged against: the JD's (and the resume's, if given) usual plan,
with the transcript's questions fitted onto it (`planning.imported`).

Model calls (the fit's review, the plan's draft) happen here, before the caller's write transaction.
"""

from documents.models import Document
from llm.gateway import Subject

from .models import FitAnalysis
from .planning.drafting import draft_plan
from .planning.imported import FittedPlan, fit_transcript
from .services import CUSTOM_POINTS, _plan_input, fit_analyze
from .taxonomy import canonical_list

CORE_SKILLS_WITHOUT_RESUME = 2


def jd_only_fit(jd_parsed: dict) -> dict:
    """The fit fields a plan is built from when there is no resume: the JD's first required skills are
    asked in depth and the others as "tell me about your … work" (confirm topics), never as gaps or as
    claims a resume made."""
    required = canonical_list(jd_parsed.get("required_skills"))
    confirm = [{"kind": "confirm", "skill": s, "why": f"{s} is required; there is no resume to show it."}
               for s in required[CORE_SKILLS_WITHOUT_RESUME:]]
    return {"matched_required": required[:CORE_SKILLS_WITHOUT_RESUME], "missing_required": [], "matched_nice": [],
            "missing_nice": [], "adjacent": [], "probe_topics": confirm}


def transcript_plan(*, jd: Document, resume: Document | None, duration_minutes: int,
                    turns: list[tuple[str, str]]) -> tuple[FittedPlan, FitAnalysis | None]:
    """(the plan with the transcript fitted onto it, the fit analysis or None without a resume).

    The plan is drafted as for a live interview of `duration_minutes` (by the model when one is
    configured, else the rules), without a coding task: an imported transcript has no code to run.
    """
    if resume is not None:
        fit = fit_analyze(jd=jd, resume=resume)
        fields, resume_parsed = _plan_input(fit), resume.parsed or {}
    else:
        fit, fields, resume_parsed = None, jd_only_fit(jd.parsed or {}), {}
    draft, _source = draft_plan(
        jd=jd.parsed or {}, resume=resume_parsed, fit=fields, duration_minutes=duration_minutes, coding=False,
        subject=Subject(document_id=(resume or jd).pk),
    )
    fitted = fit_transcript(topics=draft.topics, competencies=draft.competencies, turns=turns,
                            ad_hoc_points=CUSTOM_POINTS, role_title=str((jd.parsed or {}).get("title") or jd.title))
    return fitted, fit
