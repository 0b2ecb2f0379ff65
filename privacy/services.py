"""A candidate's data: everything held about them (export) and removing every trace of it (erasure).

"A candidate" is one resume document and what was made from it: fit analyses, plans, interviews with
their turns, integrity signals, code submissions, answer assessments, report versions, score overrides
and decisions, model-call records, Celery result rows that name any of them, the conductor's lease key
in Redis, and the stored file. Job descriptions are the organisation's, not the candidate's: they stay.
"""

import ast
import io
import json
import logging
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from analysis.models import (
    AnswerAssessment,
    CodeSubmission,
    Decision,
    EvaluationReport,
    FitAnalysis,
    InterviewPlan,
    ScoreOverride,
)
from audit.services import audit_record
from documents.models import Document
from interviews.models import IntegritySignal, Interview, Turn
from llm.models import ModelCall

from .history import erasing
from .models import ErasureSummary

log = logging.getLogger(__name__)

ERASED = "candidate.erased"  # audit actions (strings of AuditEvent.action)
EXPORTED = "candidate.exported"
LEASE_KEY = "interviewer:conductor-lease:{}"  # interviews/conductor/lease.py


class CandidateNotFound(Exception):
    """No resume with that id (a job description is not a candidate)."""


@dataclass
class Footprint:
    resume: Document
    interview_ids: list[int] = field(default_factory=list)

    @property
    def interviews(self):
        return Interview.objects.filter(pk__in=self.interview_ids)

    def model_calls(self):
        return ModelCall.objects.filter(Q(document=self.resume) | Q(interview_id__in=self.interview_ids))

    def counts(self) -> dict[str, int]:
        ids, resume = self.interview_ids, self.resume
        return {
            "documents": 1,
            "files": 1 if resume.file else 0,
            "fit_analyses": FitAnalysis.objects.filter(resume=resume).count(),
            "plans": InterviewPlan.objects.filter(resume=resume).count(),
            "interviews": len(ids),
            "turns": Turn.objects.filter(interview_id__in=ids).count(),
            "signals": IntegritySignal.objects.filter(interview_id__in=ids).count(),
            "code_submissions": CodeSubmission.objects.filter(interview_id__in=ids).count(),
            "answer_assessments": AnswerAssessment.objects.filter(turn__interview_id__in=ids).count(),
            "reports": EvaluationReport.objects.filter(interview_id__in=ids).count(),
            "overrides": ScoreOverride.objects.filter(report__interview_id__in=ids).count(),
            "decisions": Decision.objects.filter(interview_id__in=ids).count(),
            "model_calls": self.model_calls().count(),
        }


def candidate_footprint(resume_id: int, *, lock: bool = False) -> Footprint:
    documents = Document.objects.select_for_update() if lock else Document.objects
    resume = documents.filter(pk=resume_id, kind=Document.Kind.RESUME).first()
    if resume is None:
        raise CandidateNotFound(f"No resume {resume_id}.")
    ids = list(Interview.objects.filter(resume=resume).order_by("pk").values_list("pk", flat=True))
    return Footprint(resume=resume, interview_ids=ids)


# --- Erasure --------------------------------------------------------------------------------------

def _outcomes(footprint: Footprint) -> dict[str, Counter]:
    """The anonymous outcome of each interview: latest ready report's score and recommendation, the
    decision in force, the end reason."""
    scores, recommendations, decisions, ends = Counter(), Counter(), Counter(), Counter()
    for interview in footprint.interviews.only("pk", "end_reason"):
        report = (EvaluationReport.objects.filter(interview=interview, status=EvaluationReport.Status.READY)
                  .order_by("-version").first())
        if report is not None:
            if report.overall_score is not None:
                scores[str(round(report.overall_score * 2) / 2)] += 1
            if report.recommendation:
                recommendations[report.recommendation] += 1
        decision = Decision.objects.filter(interview=interview).order_by("-created_at", "-pk").first()
        decisions[decision.decision if decision else "none"] += 1
        ends[interview.end_reason or "not_ended"] += 1
    return {"score_histogram": scores, "recommendations": recommendations, "decisions": decisions,
            "end_reasons": ends}


def _task_results(footprint: Footprint) -> list[int]:
    """Celery result rows (django-celery-results) of tasks run for this candidate's rows."""
    try:
        from django_celery_results.models import TaskResult
    except ImportError:  # pragma: no cover - installed with the project
        return []
    ids = footprint.interview_ids
    turns = set(Turn.objects.filter(interview_id__in=ids).values_list("pk", flat=True))
    submissions = set(CodeSubmission.objects.filter(interview_id__in=ids).values_list("pk", flat=True))
    wanted = {  # task name → (argument position, argument name, ids it may hold)
        "documents.tasks.document_parse_task": (0, "document_id", {footprint.resume.pk}),
        "analysis.tasks.fit_analyze_task": (1, "resume_id", {footprint.resume.pk}),
        "analysis.tasks.report_generate_task": (0, "interview_id", set(ids)),
        "analysis.tasks.answer_assess_task": (0, "turn_id", turns),
        "analysis.code.tasks.code_evaluate_task": (0, "submission_id", submissions),
        "analysis.code.tasks.code_evaluation_finish_task": (0, "submission_id", submissions),
    }
    found = []
    rows = TaskResult.objects.filter(task_name__in=list(wanted), date_created__gte=footprint.resume.created_at)
    for pk, name, args, kwargs in rows.values_list("pk", "task_name", "task_args", "task_kwargs").iterator():
        position, keyword, targets = wanted[name]
        if targets and _argument(args, kwargs, position, keyword) in targets:
            found.append(pk)
    return found


def _parse(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    for parse in (json.loads, ast.literal_eval):
        try:
            value = parse(value)
        except (ValueError, SyntaxError, TypeError):
            continue
        if isinstance(value, str):  # stored as a JSON string of a repr: parse once more
            return _parse(value)
        return value
    return None


def _argument(args: Any, kwargs: Any, position: int, keyword: str) -> Any:
    parsed_args, parsed_kwargs = _parse(args), _parse(kwargs)
    if isinstance(parsed_kwargs, dict) and keyword in parsed_kwargs:
        return parsed_kwargs[keyword]
    if isinstance(parsed_args, list | tuple) and len(parsed_args) > position:
        return parsed_args[position]
    return None


def _forget_leases(interview_ids: list[int]) -> None:
    if not interview_ids or not getattr(settings, "REDIS_URL", ""):
        return
    import redis

    try:
        with redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2) as client:
            client.delete(*(LEASE_KEY.format(pk) for pk in interview_ids))
    except redis.RedisError as exc:  # a lease expires on its own within seconds
        log.warning("erasure: could not delete conductor leases (%s)", exc)


def erase_candidate(resume_id: int, *, reason: str = ErasureSummary.Reason.ERASURE, request=None, user=None,
                    summarize: bool = True) -> dict[str, int]:
    """Remove every trace of the candidate of `resume_id`; returns what was removed (counts). Leaves an
    audit record with the counts only, and (unless `summarize` is off, for a retention sweep that writes
    one summary for many candidates) an anonymous ErasureSummary. Raises CandidateNotFound."""
    from django_celery_results.models import TaskResult

    with erasing():
        footprint = candidate_footprint(resume_id, lock=True)
        resume, ids = footprint.resume, footprint.interview_ids
        counts = footprint.counts()
        outcomes = _outcomes(footprint)
        task_results = _task_results(footprint)
        counts["task_results"] = len(task_results)
        organization_id = resume.organization_id

        TaskResult.objects.filter(pk__in=task_results).delete()
        footprint.model_calls().delete()
        # Interviews take their turns, signals, leases, code, assessments, reports, overrides and decisions;
        # then the resume takes its fit analyses and plans, and its file (privacy/signals.py, on commit).
        Interview.objects.filter(pk__in=ids).delete()
        InterviewPlan.objects.filter(resume=resume).delete()
        resume.delete()

        audit_record(action=ERASED, request=request, user=user, organization_id=organization_id,
                     object_type="resume", object_id=resume_id, detail={"reason": str(reason), **counts})
        if summarize:
            summary_add(organization_id=organization_id, reason=reason, candidates=1, interviews=len(ids),
                        outcomes=outcomes)
        transaction.on_commit(lambda: _forget_leases(ids))
    log.info("candidate of resume %s erased (%s): %s", resume_id, reason,
             ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    return counts


def summary_add(*, organization_id: int | None, reason: str, candidates: int, interviews: int,
                outcomes: dict[str, Counter]) -> ErasureSummary:
    return ErasureSummary.objects.create(
        organization_id=organization_id, reason=reason, day=timezone.now().date(), candidates=candidates,
        interviews=interviews, **{key: dict(sorted(value.items())) for key, value in outcomes.items()},
    )


# --- Export ---------------------------------------------------------------------------------------

def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _document(resume: Document) -> dict:
    return {
        "id": resume.pk, "candidate_name": resume.candidate_name, "candidate_email": resume.candidate_email,
        "original_name": resume.original_name, "source_format": resume.source_format, "status": resume.status,
        "language": resume.language, "pages": resume.pages, "size_bytes": resume.size_bytes,
        "uploaded_at": _iso(resume.created_at), "text": resume.text, "parsed": resume.parsed,
        "flags": resume.flags, "flag_details": resume.flag_details,
        "job": {"id": resume.jd_id, "title": resume.jd.display_name} if resume.jd_id else None,
    }


def _interview(interview: Interview) -> dict:
    return {
        "id": interview.pk, "job": {"id": interview.jd_id, "title": interview.jd.display_name},
        "status": interview.status, "end_reason": interview.end_reason,
        "duration_minutes": interview.duration_minutes, "created_at": _iso(interview.created_at),
        "consented_at": _iso(interview.consented_at), "started_at": _iso(interview.started_at),
        "ended_at": _iso(interview.ended_at),
        "plan": {"topics": [{k: t.get(k) for k in ("id", "name", "question", "competency")}
                            for t in interview.plan.topics]},
        "turns": [{"seq": t.seq, "role": t.role, "kind": t.kind, "text": t.text, "status": t.status,
                   "at": _iso(t.created_at)} for t in interview.turns.order_by("seq")],
        "integrity_signals": [{"name": s.name, "detail": s.detail, "at": _iso(s.at)}
                              for s in interview.signals.order_by("at")],
        "code_submissions": [{"task_id": c.task_id, "language": c.language, "purpose": c.purpose, "status": c.status,
                              "code": c.code, "result": c.result, "at": _iso(c.created_at)}
                             for c in interview.code_submissions.order_by("created_at")],
        "answer_assessments": [{"turn_seq": a.turn.seq, "topic_id": a.topic_id, "score": a.score,
                                "covered_points": a.covered_points, "missing_points": a.missing_points,
                                "notes": a.notes}
                               for a in AnswerAssessment.objects.filter(turn__interview=interview)
                               .select_related("turn").order_by("turn__seq")],
        "reports": [{"version": r.version, "status": r.status, "overall_score": r.overall_score,
                     "recommendation": r.recommendation, "confidence": r.confidence, "report": r.data,
                     "created_at": _iso(r.created_at), "completed_at": _iso(r.completed_at),
                     "score_overrides": [{"competency": o.competency, "original_score": o.original_score,
                                          "score": o.score, "reason": o.reason, "by": o.user_name,
                                          "at": _iso(o.created_at)} for o in r.overrides.order_by("created_at")]}
                    for r in interview.reports.order_by("version")],
        "decisions": [{"decision": d.decision, "note": d.note, "by": d.user_name, "at": _iso(d.created_at)}
                      for d in interview.decisions.order_by("created_at", "pk")],
        "comments": [{"text": c.text, "by": c.user_name, "role": c.role, "at": _iso(c.created_at)}
                     for c in interview.comments.order_by("created_at", "pk")],
    }


def _transcript_text(interview: dict) -> str:
    lines = [f"Interview {interview['id']} for {interview['job']['title']} ({interview['status']})", ""]
    for turn in interview["turns"]:
        lines.append(f"[{turn['seq']}] {turn['role'].capitalize()}: {turn['text']}")
    return "\n".join(lines) + "\n"


def export_candidate(resume_id: int, *, request=None, user=None) -> bytes:
    """Everything held about the candidate of `resume_id` as a zip: `candidate.json` (the document, fit
    analyses, interviews with transcripts, code, signals, assessments, reports, overrides, decisions and
    model-call records), `transcripts/<interview>.txt` and `files/<original name>`. Raises CandidateNotFound."""
    footprint = candidate_footprint(resume_id)
    resume = footprint.resume
    interviews = [_interview(i) for i in footprint.interviews.select_related("jd", "plan").order_by("pk")]
    held = {
        "exported_at": _iso(timezone.now()),
        "document": _document(resume),
        "fit_analyses": [{"job_id": f.jd_id, "score": f.score, "reasons": f.reasons,
                          "matched_required": f.matched_required, "missing_required": f.missing_required}
                         for f in FitAnalysis.objects.filter(resume=resume).order_by("pk")],
        "interviews": interviews,
        "model_calls": [{"prompt": c.prompt_name, "model": f"{c.provider}:{c.model}", "outcome": c.outcome,
                         "at": _iso(c.created_at)} for c in footprint.model_calls().order_by("created_at")],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("candidate.json", json.dumps(held, indent=2, ensure_ascii=False, default=str))
        for interview in interviews:
            archive.writestr(f"transcripts/interview-{interview['id']}.txt", _transcript_text(interview))
        if resume.file:
            with resume.file.open("rb") as handle:
                archive.writestr(f"files/{_safe_name(resume)}", handle.read())
    audit_record(action=EXPORTED, request=request, user=user, organization_id=resume.organization_id,
                 object_type="resume", object_id=resume.pk, detail={"interviews": len(interviews)})
    return buffer.getvalue()


def _safe_name(resume: Document) -> str:
    name = PurePosixPath((resume.original_name or "").replace("\\", "/")).name.strip(". ")
    return name or f"resume-{resume.pk}.{resume.source_format or 'bin'}"
