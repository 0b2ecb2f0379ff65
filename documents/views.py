"""Recruiter pages: upload, a document, its original file. Thin: check access, call, render.

Access: `member_required` (who is let in) and the selectors (which rows, and what the role may do)."""

from pathlib import PurePath

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from audit.services import Action as Audit
from audit.services import audit_record
from organizations.access import Action
from organizations.decorators import member_required

from .errors import DocumentError
from .forms import JobDescriptionUploadForm, ResumeUploadForm
from .models import Document
from .rendering import text_with_hidden_marks
from .selectors import document_get_for_recruiter, fit_analyses_for_resume, jd_choices_for_recruiter
from .services import document_create

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}


def _recruiter_document(request: HttpRequest, document_id: int) -> Document:
    try:
        return document_get_for_recruiter(user=request.user, document_id=document_id)
    except Document.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
@member_required(action=Action.CHANGE)
def document_upload_page(request: HttpRequest) -> HttpResponse:
    jd_choices = jd_choices_for_recruiter(user=request.user)
    jd_form = JobDescriptionUploadForm(prefix="jd")
    resume_form = ResumeUploadForm(prefix="resume", jd_choices=jd_choices, initial={"jd": request.GET.get("jd")})
    if request.method == "POST":
        kind = request.POST.get("jd-kind") or request.POST.get("resume-kind")
        if kind == Document.Kind.JD:
            jd_form = JobDescriptionUploadForm(request.POST, request.FILES, prefix="jd")
            form, fields = jd_form, lambda d: {"file": d["file"], "text": d["text"], "title": d["title"]}
        else:
            resume_form = ResumeUploadForm(request.POST, request.FILES, prefix="resume", jd_choices=jd_choices)
            form, fields = resume_form, lambda d: {
                "file": d["file"], "jd_id": d["jd"].pk if d["jd"] else None,
                "candidate_name": d["candidate_name"], "candidate_email": d["candidate_email"],
            }
        if form.is_valid():
            try:
                document = document_create(kind=kind, user=request.user, **fields(form.cleaned_data))
            except DocumentError as exc:
                form.add_error(None, f"{exc.message} ({exc.code})")
            else:
                audit_record(action=Audit.DOCUMENT_UPLOADED, request=request, obj=document)
                messages.success(request, "Uploaded. Reading the document now…")
                return redirect("documents-detail", document_id=document.pk)
        status = 400
    else:
        status = 200
    context = {"jd_form": jd_form, "resume_form": resume_form, "recent": jd_choices[:10]}
    return render(request, "documents/upload.html", context, status=status)


@require_GET
@member_required
def document_page(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _recruiter_document(request, document_id)
    audit_record(action=Audit.DOCUMENT_VIEWED, request=request, obj=document)
    fits = fit_analyses_for_resume(resume=document) if document.kind == Document.Kind.RESUME else []
    context = {
        "document": document,
        "parsed": {k: v for k, v in (document.parsed or {}).items() if not k.startswith("_")},
        "extraction": (document.parsed or {}).get("_extraction"),
        "marked_text": text_with_hidden_marks(document.text, document.flag_details or []),
        "fits": [(fit, _fit_url(fit)) for fit in fits],
        "api_url": reverse("api-document-detail", args=[document.pk]),
        "resumes": document.resumes.all()[:50] if document.kind == Document.Kind.JD else [],
    }
    return render(request, "documents/detail.html", context)


def _fit_url(fit) -> str | None:
    """The fit analysis's own page when the analysis app has one, else its admin page."""
    for name in ("fit-detail", "analysis-fit", "admin:analysis_fitanalysis_change"):
        try:
            return reverse(name, args=[fit.pk])
        except NoReverseMatch:
            continue
    return None


@require_GET
@member_required
def document_file(request: HttpRequest, document_id: int) -> FileResponse:
    document = _recruiter_document(request, document_id)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit_record(action=Audit.FILE_DOWNLOADED, request=request, obj=document)
    suffix = {"text": ".txt"}.get(document.source_format, f".{document.source_format}")
    name = PurePath(document.original_name or f"document-{document.pk}").stem + suffix
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES.get(document.source_format)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
