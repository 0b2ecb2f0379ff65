"""Writes for the llm app."""

from decimal import Decimal

from .models import ModelCall
from .providers.base import Usage


def model_call_record(**fields) -> ModelCall:
    """Store the accounting record of one model call (`model_call_build`'s arguments)."""
    call = model_call_build(**fields)
    _stamp_organizations([call])
    call.save(force_insert=True)
    return call


def model_calls_record(calls: list[dict]) -> list[ModelCall]:
    """Store many accounting records in one INSERT (the ASGI server's background thread batches them);
    each item holds `model_call_record`'s arguments."""
    built = [model_call_build(**fields) for fields in calls]
    _stamp_organizations(built)
    return ModelCall.objects.bulk_create(built)


def _stamp_organizations(calls: list[ModelCall]) -> None:
    """Give each call the organisation of the interview (else the document) it served: two reads at most,
    whatever the number of calls."""
    from documents.models import Document
    from interviews.models import Interview

    interview_ids = {c.interview_id for c in calls if c.interview_id and c.organization_id is None}
    document_ids = {c.document_id for c in calls if c.document_id and c.organization_id is None}
    by_interview = dict(Interview.objects.filter(pk__in=interview_ids).values_list("pk", "organization_id")) \
        if interview_ids else {}
    by_document = dict(Document.objects.filter(pk__in=document_ids).values_list("pk", "organization_id")) \
        if document_ids else {}
    for call in calls:
        if call.organization_id is None:
            call.organization_id = by_interview.get(call.interview_id) or by_document.get(call.document_id)


def model_call_build(
    *,
    role: str,
    provider: str,
    model: str,
    prompt_name: str,
    prompt_version: int,
    usage: Usage,
    total_ms: float,
    outcome: str,
    ttft_ms: float | None = None,
    cost_usd: float = 0.0,
    interview_id: int | None = None,
    document_id: int | None = None,
    error: str = "",
) -> ModelCall:
    """The unsaved accounting record of one model call."""
    return ModelCall(
        role=role,
        provider=provider,
        model=model[:100],
        prompt_name=prompt_name,
        prompt_version=prompt_version,
        interview_id=interview_id,
        document_id=document_id,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cache_write_tokens=usage.cache_write_tokens,
        cache_read_tokens=usage.cache_read_tokens,
        ttft_ms=ttft_ms,
        total_ms=total_ms,
        cost_usd=Decimal(str(round(cost_usd, 6))),
        outcome=outcome,
        error=error,
    )
