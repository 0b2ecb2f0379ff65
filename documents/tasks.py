"""Celery tasks: thin, idempotent, ids in."""

from celery import shared_task


@shared_task(acks_late=True)
def document_parse_task(document_id: int, force: bool = False) -> str | None:
    """Parse one document; safe to run twice (a finished document is left alone)."""
    from .models import Document
    from .services import document_parse

    try:
        return document_parse(document_id=document_id, force=force).status
    except Document.DoesNotExist:
        return None  # deleted before its parse ran
