"""Use cases that write analysis data: fit analyses, interview plans and evaluation reports."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from documents.models import Document
from interview_site.api import ApiError
from interview_site.redaction import safe_error
from interviews.models import Interview
from llm.gateway import Subject, structured_sync

from . import selectors
from .assessment.communication import communication_assess
from .assessment.integrity import IntegrityEvent
from .code.bank import plan_coding_task
from .code.selectors import sandbox_status
from .code.services import code_result_for_report, report_refresh_for_code
from .fit_review import fit_compute_reviewed
from .injection import looks_like_instruction
from .models import EvaluationReport, FitAnalysis, InterviewPlan
from .planning.build import assign_minutes, finish, time_budget
from .planning.drafting import draft_plan
from .reporting import REPORT, Anonymizer, ReportOutput, assess, finalize_report, report_context, transcript_turns
from .reporting.engine import OFFLINE, OFFLINE_FALLBACK, answered_by, configured_engine, fallback_reason

log = logging.getLogger(__name__)

MIN_DURATION_MINUTES = 5
MAX_DURATION_MINUTES = 180
REPORT_DEADLINE_S = 300  # well inside the worker's soft time limit, so a slow model ends in `failed`
FIT_FIELDS = ("matched_required", "missing_required", "matched_nice", "missing_nice", "adjacent",
              "required_status", "implied_required", "unclear_required", "probe_topics", "languages", "engine")


def _require(document: Document, kind: str) -> None:
    if document.kind != kind:
        raise ApiError("wrong_document_kind", f"Document {document.pk} is not a {kind}.")
    if document.status != Document.Status.READY:
        raise ApiError("document_not_ready", f"Document {document.pk} is {document.status}.", status_code=409)


def fit_analyze(*, jd: Document, resume: Document) -> FitAnalysis:
    """Compare a ready resume with a ready JD; create or update their one FitAnalysis.

    Each required skill matched, implied (through another skill), unclear or missing, with the resume
    line that shows it; years against `min_years`; spoken languages apart; a 0-100 score with
    reasons, and the topics worth probing. Rule-based offline; with a model configured the model
    reviews the statuses, guarded by the rules (analysis/fit_review.py). Raises ApiError for the
    wrong kind or an unready document.
    """
    _require(jd, Document.Kind.JD)
    _require(resume, Document.Kind.RESUME)
    result = fit_compute_reviewed(jd_parsed=jd.parsed or {}, resume_parsed=resume.parsed or {},
                                  resume_text=resume.text or "", document_id=resume.pk)
    with transaction.atomic():
        fit, _ = FitAnalysis.objects.update_or_create(
            jd=jd, resume=resume, defaults={**result.stored_fields(), "organization_id": jd.organization_id}
        )
    return fit


def _plan_input(fit: FitAnalysis) -> dict:
    """The fit as the plan builder reads it.

    A required skill the resume does not show but comes close to (Flask, with Django on the resume)
    is asked as a gap with what carries over ("how would you approach Flask, coming from Django?"),
    not as a confirmation of work the resume never claims: a confirming question there is exactly
    the "I think there's a misunderstanding" moment. Unclear skills with nothing close (generic or
    vaguely worded requirements) stay `confirm` topics; implied skills are no gap and get none.
    """
    fields = {name: getattr(fit, name) for name in FIT_FIELDS}
    near = {a["required"] for a in fit.adjacent or []}
    fields["missing_required"] = [s["skill"] for s in fit.required_status
                                  if s["status"] == "missing" or (s["status"] == "unclear" and s["skill"] in near)]
    fields["probe_topics"] = [p for p in fit.probe_topics or []
                              if not (p.get("kind") == "confirm" and p.get("skill") in near)]
    return fields


def plan_create(*, jd: Document, resume: Document, duration_minutes: int) -> InterviewPlan:
    """Build an interview plan (topics, why, question, strong-answer points, minutes) for this pair.

    Topics come in priority order within `duration_minutes` less about 4 minutes for greeting and
    closing, as many as the time holds. With a model configured the model drafts them, within the
    deterministic plan's limits (`planning.drafting`); the model call runs outside the transaction.
    Raises ApiError `invalid_duration` outside 5-180 minutes.
    """
    if not MIN_DURATION_MINUTES <= int(duration_minutes) <= MAX_DURATION_MINUTES:
        raise ApiError(
            "invalid_duration",
            f"duration_minutes must be between {MIN_DURATION_MINUTES} and {MAX_DURATION_MINUTES}.",
        )
    # The fit and the draft may each take a model call: made before the plan's transaction, so none
    # is open while a model thinks.
    fit = fit_analyze(jd=jd, resume=resume)
    coding, coding_note = settings.INTERVIEW_CODING_TASKS, ""
    if coding:
        sandbox = sandbox_status()
        if not sandbox["ready"]:  # fail closed: no task the deployment cannot run safely
            coding = False
            if plan_coding_task(jd.parsed or {}, time_budget(int(duration_minutes))):
                coding_note = f"No coding task: {sandbox['reason']}."[:300]
    draft, _source = draft_plan(
        jd=jd.parsed or {},
        resume=resume.parsed or {},
        fit=_plan_input(fit),
        duration_minutes=int(duration_minutes),
        coding=coding,
        subject=Subject(document_id=resume.pk),
    )
    with transaction.atomic():
        return InterviewPlan.objects.create(
            organization_id=jd.organization_id, jd=jd, resume=resume, fit=fit, duration_minutes=int(duration_minutes),
            topics=draft.topics, competencies=draft.competencies, coding_task=draft.coding_task,
            coding_note=coding_note,
        )


CUSTOM_POINTS = [
    "A specific example with their own part clearly separated from the team's",
    "How they checked that the result was right",
    "What they would do differently with hindsight",
]


def _edited_topic(given: dict, existing: dict | None) -> dict:
    texts = [given.get(k) or "" for k in ("name", "why", "question")] + list(given.get("strong_answer") or [])
    if any(looks_like_instruction(str(text)) for text in texts):
        raise ApiError("invalid_topic", "A topic's text reads as an instruction to an AI system.")
    if existing is None and not given.get("question"):
        raise ApiError("invalid_topic", "A new topic needs a question.")
    base = dict(existing or {"name": "Your question", "kind": "custom", "competency": "Hands-on experience",
                             "why": "Added by the recruiter.", "strong_answer": CUSTOM_POINTS})
    for key in ("name", "competency", "why", "question", "strong_answer"):
        if given.get(key):
            base[key] = " ".join(given[key].split()) if isinstance(given[key], str) else list(given[key])
    return base


def plan_update(*, interview: Interview, topics: list[dict]) -> InterviewPlan:
    """Replace the plan's topics (edited, reordered, removed or added) before the interview starts.

    Each item keeps an existing topic by `id` (its other fields kept unless given) or adds a new one.
    Minutes, follow-ups and reserve flags are shared out again over the same time; competencies follow
    the topics. Raises ApiError `interview_started` (409) once the interview has begun,
    `unknown_topic` for an id not in the plan, `invalid_topic` for text addressed to an AI.
    """
    if interview.status != Interview.Status.SCHEDULED:
        raise ApiError("interview_started", "The plan can be edited only before the interview starts.",
                       status_code=409)
    with transaction.atomic():
        plan = InterviewPlan.objects.select_for_update().get(pk=interview.plan_id)
        current = {t.get("id"): t for t in plan.topics or [] if isinstance(t, dict)}
        unknown = [g["id"] for g in topics if g.get("id") and g["id"] not in current]
        if unknown:
            raise ApiError("unknown_topic", f"No topic {unknown[0]} in this plan.")
        edited = [_edited_topic(g, current.get(g.get("id"))) for g in topics]
        budget = sum(t.get("minutes") or 0 for t in plan.topics if not t.get("reserve")) or \
            time_budget(plan.duration_minutes)
        # The recruiter's list is the plan: nothing is dropped, topics past the time become reserve.
        draft = finish(assign_minutes(edited, budget, plan.duration_minutes, keep_all=True), plan.coding_task)
        plan.topics = draft.topics
        plan.competencies = draft.competencies  # name, description and anchors
        plan.save(update_fields=["topics", "competencies"])
    return plan


def _report_claim(*, interview_id: int, regenerate: bool) -> tuple[EvaluationReport, bool]:
    """The report to work on and whether it was just created.

    The newest report is reused unless it failed or a regeneration is asked for (a regeneration
    already pending is reused too); otherwise a new pending version is added, the old ones kept.
    """
    with transaction.atomic():
        # Locks the interview row so two workers cannot number the same version.
        interview = Interview.objects.select_for_update().get(pk=interview_id)
        latest = interview.reports.order_by("-version").first()
        if latest is not None:
            reusable = latest.status == EvaluationReport.Status.PENDING or (
                latest.status == EvaluationReport.Status.READY and not regenerate
            )
            if reusable:
                return latest, False
        version = latest.version + 1 if latest else 1
        return EvaluationReport.objects.create(
            organization_id=interview.organization_id, interview=interview, version=version
        ), True


def report_request(*, interview_id: int, regenerate: bool = False) -> EvaluationReport:
    """Make sure a report is ready or on its way; queue the worker when a new version was added."""
    from .tasks import report_generate_task

    report, created = _report_claim(interview_id=interview_id, regenerate=regenerate)
    if created:
        report_generate_task.delay_on_commit(interview_id)
    return report


def _judgement(interview: Interview, context: dict) -> tuple[ReportOutput, str, dict | None]:
    """(report output, engine, fallback): the configured judge's report, or, when a model's answer
    cannot be used (invalid after its one repair, or the call failed), the offline judge's, marked."""
    configured = configured_engine(REPORT.role)
    try:
        output = structured_sync(REPORT, context, subject=Subject(interview_id=interview.pk),
                                 deadline_s=REPORT_DEADLINE_S)
    except Exception as exc:
        if configured == OFFLINE:
            raise  # the offline judge itself failed: the transcript cannot be read
        log.warning("report by %s for interview %s failed, the offline judge stands in: %s", configured,
                    interview.pk, exc)
        return ReportOutput.model_validate(REPORT.offline(context)), OFFLINE_FALLBACK, \
            {"model": configured, "reason": fallback_reason(exc)}
    return output, answered_by(interview_id=interview.pk, configured=configured), None


def _evaluate(interview: Interview) -> dict:
    turns = transcript_turns(interview)
    # The sandbox's result, never the model's: a model cannot change what the hidden tests found.
    code = code_result_for_report(interview=interview)
    context = report_context(plan=interview.plan, turns=turns, anonymize=Anonymizer.for_resume(interview.resume),
                             code=code)
    output, engine, fallback = _judgement(interview, context)
    # Browser signals plus what the turns' timing shows (answers faster than typing, long silences):
    # reported with their times, never part of a score.
    signals = [IntegrityEvent(**item) for item in selectors.interview_integrity(interview=interview)]
    names = [c["name"] for c in context["competencies"]]
    report = finalize_report(
        output, competency_names=names, turns=turns, signals=signals, guard=assess(context), code=code,
        context=context, engine=engine, fallback=fallback,
    )
    report["communication"] = communication_assess(context)
    return report


def _report_store(report: EvaluationReport, **fields) -> EvaluationReport:
    # Only a pending report is written: a second worker finishing the same version changes nothing.
    with transaction.atomic():
        EvaluationReport.objects.filter(pk=report.pk, status=EvaluationReport.Status.PENDING).update(
            completed_at=timezone.now(), **fields
        )
    report.refresh_from_db()
    return report


def report_generate(*, interview_id: int, regenerate: bool = False) -> EvaluationReport:
    """Write the evaluation report of an ended interview (idempotent unless regenerate).

    A ready report is returned as it is unless `regenerate`, which adds version N+1 and keeps the
    old ones. Any failure leaves the version `failed` with an error message and an empty body —
    never half a report. Raises Interview.DoesNotExist for an unknown interview.
    """
    report, _ = _report_claim(interview_id=interview_id, regenerate=regenerate)
    if report.status == EvaluationReport.Status.READY:
        return report
    try:
        data = _evaluate(Interview.objects.select_related("plan", "resume").get(pk=interview_id))
    except Exception as exc:  # any failure must end in a visible `failed`, not a report stuck pending
        log.exception("report for interview %s failed", interview_id)
        return _report_store(
            report, status=EvaluationReport.Status.FAILED, data={},
            error=f"The report could not be written ({safe_error(exc)})"[:500],
        )
    stored = _report_store(
        report, status=EvaluationReport.Status.READY, data=data, error="",
        overall_score=data["overall_score"], recommendation=data["recommendation"] or "",
        confidence=data["confidence"],
    )
    # Code evaluated while this report was being written would otherwise be missing from it.
    report_refresh_for_code(interview_id=interview_id)
    return stored


def answer_assessment_request(*, turn_id: int) -> None:
    """Queue the assessment of a candidate answer once the surrounding transaction commits.

    Called when a candidate turn is stored; the conductor never waits for the result, nor for the
    broker: in the ASGI server the publish happens in its background thread (interview_site/background.py).
    """
    from interview_site.background import background

    transaction.on_commit(lambda: background.submit(_answer_assessment_publish, turn_id))


ASSESSMENT_QUEUED_TTL_S = 24 * 3600


def _answer_assessment_publish(turn_id: int) -> None:
    """Publish the turn's assessment job, at most once per turn: a turn handed in again (a conductor
    taking over, a retried step) finds the mark of the first publish in the cache (Redis in production)."""
    from django.core.cache import cache

    from .tasks import answer_assess_task

    try:
        first = cache.add(f"interviewer:assessment-queued:{turn_id}", 1, ASSESSMENT_QUEUED_TTL_S)
    except Exception:  # the cache is unavailable for a moment: better a job twice (it is idempotent) than none
        log.warning("turn %s: could not mark its assessment as queued", turn_id, exc_info=True)
        first = True
    if first:
        answer_assess_task.delay(turn_id)
