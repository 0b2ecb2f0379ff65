"""Use cases of human oversight: override a report's score with a reason, record a hiring decision.

The system never decides: it writes an advisory report, and these records are the recruiter's.
Nothing is ever changed in place — an override adds a row beside the report (the evaluator's
score stays in it), and a new decision adds a row after the earlier ones.
"""

from django.db import transaction

from interview_site.api import ApiError
from interviews.models import Interview

from ..models import EvaluationReport
from .models import Comment, Decision, ScoreOverride

COMMUNICATION = "Communication"
MAX_REASON_CHARS = 2000


def _user_name(user) -> str:
    return user.get_username() if user is not None and getattr(user, "is_authenticated", False) else ""


def _clean_text(text, *, required: bool, code: str, what: str) -> str:
    cleaned = " ".join(str(text or "").split())
    if required and not cleaned:
        raise ApiError(code, f"A {what} is required.")
    return cleaned[:MAX_REASON_CHARS]


def _valid_score(score) -> int:
    if isinstance(score, bool) or not isinstance(score, int | float) or score != int(score) or not 1 <= score <= 5:
        raise ApiError("invalid_score", "score must be a whole number from 1 to 5.")
    return int(score)


def evaluator_score(report: EvaluationReport, competency: str) -> tuple[str, float | None]:
    """(the competency's name as the report spells it, the evaluator's score). Raises ApiError if unknown."""
    data = report.data or {}
    for item in data.get("competencies") or []:
        if item["name"].casefold() == competency.strip().casefold():
            return item["name"], item.get("score")
    communication = data.get("communication")
    if communication is not None and competency.strip().casefold() == COMMUNICATION.casefold():
        return COMMUNICATION, communication.get("score")
    raise ApiError("unknown_competency", f"The report has no competency named {competency!r}.")


def score_override_create(*, report: EvaluationReport, competency: str, score, reason: str, user) -> ScoreOverride:
    """Record a recruiter's score for one competency of a ready report, with the evaluator's original.

    Raises ApiError: report_not_ready (409), unknown_competency, invalid_score, reason_required.
    """
    if report.status != EvaluationReport.Status.READY:
        raise ApiError("report_not_ready", "Only a ready report's scores can be overridden.", status_code=409)
    name, original = evaluator_score(report, str(competency or ""))
    with transaction.atomic():
        return ScoreOverride.objects.create(
            organization_id=report.organization_id, report=report,
            competency=name, original_score=original, score=_valid_score(score),
            reason=_clean_text(reason, required=True, code="reason_required", what="reason"),
            user=user if _user_name(user) else None, user_name=_user_name(user),
        )


def decision_record(*, interview: Interview, decision: str, note: str = "", user) -> Decision:
    """Record the recruiter's decision (advance, hold or reject) on an ended interview; the newest holds.

    Raises ApiError: invalid_decision, interview_not_ended (409).
    """
    if decision not in Decision.Choice.values:
        raise ApiError("invalid_decision", "decision must be one of: advance, hold, reject.")
    if interview.status != Interview.Status.ENDED:
        raise ApiError("interview_not_ended", "A decision is recorded once the interview has ended.", status_code=409)
    with transaction.atomic():
        return Decision.objects.create(
            organization_id=interview.organization_id, interview=interview, decision=decision,
            note=_clean_text(note, required=False, code="note_required", what="note"),
            user=user if _user_name(user) else None, user_name=_user_name(user),
        )


def comment_record(*, interview: Interview, text: str, user, role: str = "") -> Comment:
    """A comment on an interview, by any member of its organisation (reviewers included).

    Raises ApiError: comment_required (blank), comment_too_long (over Comment.MAX_CHARS).
    """
    cleaned = str(text or "").strip()
    if not cleaned:
        raise ApiError("comment_required", "A comment needs some text.")
    if len(cleaned) > Comment.MAX_CHARS:
        raise ApiError("comment_too_long", f"A comment is at most {Comment.MAX_CHARS} characters.")
    return Comment.objects.create(organization_id=interview.organization_id, interview=interview, text=cleaned,
                                  user=user if _user_name(user) else None, user_name=_user_name(user), role=role)


def comments_for_interview(*, interview_id: int):
    return Comment.objects.filter(interview_id=interview_id).order_by("created_at", "pk")
