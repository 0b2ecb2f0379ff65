"""Reads for the llm app: what model calls cost, and how fast they were, per interview and per day.

Medians are computed in Python: SQLite has no percentile aggregate, and the summaries cover a
bounded set of rows (the latest interviews, the last days).
"""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import ModelCall

_TOTALS = {
    "calls": Count("id"),
    "failed": Count("id", filter=Q(outcome__in=[ModelCall.Outcome.FAILED, ModelCall.Outcome.FELL_BACK])),
    "cost_usd": Sum("cost_usd"),
    "input_tokens": Sum("input_tokens"),
    "output_tokens": Sum("output_tokens"),
    "cache_read_tokens": Sum("cache_read_tokens"),
    "cache_write_tokens": Sum("cache_write_tokens"),
}


def _medians(calls: QuerySet, key: str) -> dict[Any, dict[str, float | None]]:
    """Median time to first token and median total time of the calls, grouped by `key`."""
    ttft: dict[Any, list[float]] = defaultdict(list)
    total: dict[Any, list[float]] = defaultdict(list)
    for group, ttft_ms, total_ms in calls.values_list(key, "ttft_ms", "total_ms"):
        total[group].append(total_ms)
        if ttft_ms is not None:
            ttft[group].append(ttft_ms)
    return {
        group: {
            "median_ttft_ms": median(ttft[group]) if ttft[group] else None,
            "median_total_ms": median(total[group]) if total[group] else None,
        }
        for group in total
    }


def _finish(rows: list[dict], medians: dict, key: str) -> list[dict]:
    for row in rows:
        row["cost_usd"] = row["cost_usd"] or Decimal(0)
        row.update(medians.get(row[key], {"median_ttft_ms": None, "median_total_ms": None}))
    return rows


def model_cost_by_interview(*, calls: QuerySet | None = None, limit: int = 50) -> list[dict]:
    """Cost, tokens and median latency of model calls for the most recently active interviews.

    Each row: interview_id, calls, failed, cost_usd, token sums, median_ttft_ms, median_total_ms,
    last_call_at. `calls` narrows the calls considered (e.g. the admin's current filters).
    """
    calls = (ModelCall.objects.all() if calls is None else calls).filter(interview__isnull=False)
    rows = list(
        calls.order_by()
        .values("interview_id")
        .annotate(**_TOTALS, last_call_at=Max("created_at"))
        .order_by("-last_call_at")[:limit]
    )
    ids = [row["interview_id"] for row in rows]
    return _finish(rows, _medians(calls.filter(interview_id__in=ids).order_by(), "interview_id"), "interview_id")


def model_cost_by_day(*, calls: QuerySet | None = None, days: int = 30) -> list[dict]:
    """Cost, tokens and median latency of all model calls per day (UTC), newest day first.

    Each row: day, calls, failed, cost_usd, token sums, median_ttft_ms, median_total_ms.
    """
    since = timezone.now() - timedelta(days=days)
    calls = (ModelCall.objects.all() if calls is None else calls).filter(created_at__gte=since)
    dated = calls.order_by().annotate(day=TruncDate("created_at"))
    rows = list(dated.values("day").annotate(**_TOTALS).order_by("-day"))
    return _finish(rows, _medians(dated, "day"), "day")
