"""Queries that read documents, one access function per audience."""

from typing import Any

from django.db.models import QuerySet

from .models import Document


def _is_recruiter(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def document_get_for_recruiter(*, user: Any, document_id: int) -> Document:
    """A document a recruiter may see; raises Document.DoesNotExist otherwise (no hint of which)."""
    if not _is_recruiter(user):
        raise Document.DoesNotExist
    return Document.objects.select_related("jd").get(pk=document_id)


def document_list_for_recruiter(*, user: Any, kind: str | None = None) -> QuerySet[Document]:
    if not _is_recruiter(user):
        return Document.objects.none()
    documents = Document.objects.all()
    return documents.filter(kind=kind) if kind else documents


def jd_choices_for_recruiter(*, user: Any) -> QuerySet[Document]:
    """Job descriptions a resume can be attached to: every JD that did not fail."""
    return document_list_for_recruiter(user=user, kind=Document.Kind.JD).exclude(status=Document.Status.FAILED)


def fit_analyses_for_resume(*, resume: Document) -> list[Any]:
    """The fit analyses of a resume, newest first (read from the analysis app)."""
    from analysis.models import FitAnalysis

    return list(FitAnalysis.objects.filter(resume=resume).select_related("jd").order_by("-created_at"))
