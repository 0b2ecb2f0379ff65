"""Retention: a candidate's data is erased N days after the hiring decision, or after the last activity
when no decision is made (a new interview or decision after that restarts the clock). N is the
organisation's `retention_days`, else DATA_RETENTION_DAYS (default 180); 0 keeps data forever.

The beat task `privacy.tasks.retention_enforce_task` runs `retention_enforce()` every
DATA_RETENTION_SWEEP_S seconds (default 6 hours); `python manage.py enforce_retention` runs it by hand.
What remains is one anonymous ErasureSummary per organisation and sweep (counts and distributions)."""

import logging
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from documents.models import Document
from organizations.models import Organization

from .models import ErasureSummary
from .services import CandidateNotFound, _outcomes, candidate_footprint, erase_candidate, summary_add

log = logging.getLogger(__name__)

_ACTIVITY = ("updated_at", "last_created", "last_activity", "last_ended", "last_report", "last_override",
             "last_decision")


def retention_days(organization: Organization) -> int:
    if organization.retention_days is not None:
        return organization.retention_days
    return settings.DATA_RETENTION_DAYS


def last_activity(resume_row: dict) -> datetime:
    """The reference time of a candidate: the latest of the decision and every activity."""
    return max(value for key in _ACTIVITY if (value := resume_row.get(key)) is not None)


def retention_due(*, now: datetime | None = None) -> dict[int, list[int]]:
    """Resume ids whose retention period is over, by organisation id."""
    now = now or timezone.now()
    due: dict[int, list[int]] = {}
    for organization in Organization.objects.order_by("pk"):
        days = retention_days(organization)
        if not days:
            continue
        cutoff = now - timedelta(days=days)
        rows = (Document.objects.filter(organization=organization, kind=Document.Kind.RESUME, updated_at__lt=cutoff)
                .annotate(last_created=Max("interviews__created_at"), last_activity=Max("interviews__last_activity_at"),
                          last_ended=Max("interviews__ended_at"), last_report=Max("interviews__reports__completed_at"),
                          last_override=Max("interviews__reports__overrides__created_at"),
                          last_decision=Max("interviews__decisions__created_at"))
                .values("pk", *_ACTIVITY))
        ids = [row["pk"] for row in rows if last_activity(row) < cutoff]
        if ids:
            due[organization.pk] = sorted(ids)
    return due


def retention_enforce(*, now: datetime | None = None) -> dict[str, int]:
    """Erase every candidate past retention; log and return the counts."""
    totals: Counter = Counter()
    for organization_id, resume_ids in retention_due(now=now).items():
        outcomes: dict[str, Counter] = {}
        candidates = interviews = 0
        for resume_id in resume_ids:
            try:
                found = _outcomes(candidate_footprint(resume_id))
                counts = erase_candidate(resume_id, reason=ErasureSummary.Reason.RETENTION, summarize=False)
            except CandidateNotFound:
                continue  # erased meanwhile
            for key, value in found.items():
                outcomes.setdefault(key, Counter()).update(value)
            candidates += 1
            interviews += counts["interviews"]
            totals.update(counts)
        if candidates:
            summary_add(organization_id=organization_id, reason=ErasureSummary.Reason.RETENTION,
                        candidates=candidates, interviews=interviews, outcomes=outcomes)
        totals["candidates"] += candidates
    result = {key: totals[key] for key in sorted(totals)}
    log.info("retention: %s candidate(s) erased: %s", totals["candidates"],
             ", ".join(f"{k} {v}" for k, v in result.items() if v and k != "candidates") or "nothing held")
    return result
