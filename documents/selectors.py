"""Queries that read documents, one access function per audience."""

from typing import Any

from django.db.models import QuerySet

from organizations.access import Action, require, scoped

from .models import Document


def document_get_for_recruiter(*, user: Any, document_id: int, action: Action = Action.VIEW) -> Document:
    """A document of the caller's organisation; raises Document.DoesNotExist for anything else (another
    organisation's document is as missing as one that never existed), then RoleForbidden when the
    caller's role does not allow `action` on it."""
    document = scoped(Document.objects.select_related("jd"), user).get(pk=document_id)
    require(user, action)
    return document


def document_list_for_recruiter(*, user: Any, kind: str | None = None) -> QuerySet[Document]:
    documents = scoped(Document.objects.all(), user)
    return documents.filter(kind=kind) if kind else documents


def jd_choices_for_recruiter(*, user: Any) -> QuerySet[Document]:
    """Job descriptions a resume can be attached to: every JD that did not fail."""
    return document_list_for_recruiter(user=user, kind=Document.Kind.JD).exclude(status=Document.Status.FAILED)


def fit_analyses_for_resume(*, resume: Document) -> list[Any]:
    """The fit analyses of a resume, newest first (read from the analysis app)."""
    from analysis.models import FitAnalysis

    return list(FitAnalysis.objects.filter(resume=resume).select_related("jd").order_by("-created_at"))
