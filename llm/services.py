"""Writes for the llm app."""

from decimal import Decimal

from .models import ModelCall
from .providers.base import Usage


def model_call_record(
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
    """Store the accounting record of one model call."""
    return ModelCall.objects.create(
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
