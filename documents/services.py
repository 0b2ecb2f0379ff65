"""Use cases that write documents: create one from an upload, parse it in the worker."""

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from organizations.access import organization_id_for

from .errors import DocumentError
from .filetypes import detect_format
from .models import Document
from .pipeline import DocumentReading, read_document

log = logging.getLogger(__name__)


def document_create(
    *,
    kind: str,
    user: Any = None,
    file: File | None = None,
    text: str | None = None,
    title: str = "",
    jd_id: int | str | None = None,
    candidate_name: str = "",
    candidate_email: str = "",
    original_name: str = "",
    organization: Any = None,
) -> Document:
    """Validate an upload (or pasted JD text), store it under a random name and schedule its parse.

    Raises DocumentError with the contract's code (`missing_file`, `empty_file`, `too_large`,
    `unsupported_type`, `truncated_file`, `archive_bomb`, `jd_not_found`, ...). The document is
    returned in `processing`; the parse starts once the transaction commits.

    The document belongs to `organization`, else to the uploader's, else (an operator's command) to the
    default one; a `jd_id` must name a JD of that organisation.
    """
    if kind not in Document.Kind.values:
        raise DocumentError("invalid_kind", f"kind must be one of {', '.join(Document.Kind.values)}.")
    organization_id = organization_id_for(user=user, organization=organization)
    jd = _jd_for(jd_id, organization_id) if kind == Document.Kind.RESUME else None
    if file is None and kind == Document.Kind.JD and text is not None and text.strip():
        file, original_name = _pasted(text), original_name or "pasted-job-description.txt"
        source_format = "text"
    elif file is None:
        raise DocumentError("missing_file", "Attach a file" + (" or paste the text." if kind == "jd" else "."))
    else:
        source_format = ""
    name = (original_name or getattr(file, "name", "") or "").rsplit("/", 1)[-1][:255]
    size = file.size
    fmt = detect_format(file, name=name, size=size, max_bytes=settings.DOCUMENT_MAX_BYTES)
    with transaction.atomic():
        document = Document(
            organization_id=organization_id,
            kind=kind,
            title=(title or "").strip()[:200],
            original_name=name,
            source_format=source_format or fmt,
            size_bytes=size,
            sha256=_sha256(file),
            jd=jd,
            candidate_name=(candidate_name or "").strip()[:200],
            candidate_email=(candidate_email or "").strip()[:254],
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        file.seek(0)
        document.file.save(name or "upload", file, save=False)
        document.save()
        _schedule_parse(document.pk)
    return document


def _schedule_parse(document_id: int) -> None:
    from .tasks import document_parse_task

    document_parse_task.delay_on_commit(document_id)


def _jd_for(jd_id: int | str | None, organization_id: int) -> Document | None:
    if jd_id in (None, ""):
        return None
    try:
        return Document.objects.get(pk=int(jd_id), kind=Document.Kind.JD, organization_id=organization_id)
    except (Document.DoesNotExist, TypeError, ValueError):
        raise DocumentError("jd_not_found", f"There is no job description with id {jd_id}.") from None


def _pasted(text: str) -> ContentFile:
    if len(text) > settings.DOCUMENT_MAX_CHARS:
        raise DocumentError(
            "too_many_characters",
            f"The text has {len(text):,} characters; the limit is {settings.DOCUMENT_MAX_CHARS:,}.",
        )
    return ContentFile(text.encode("utf-8"), name="pasted-job-description.txt")


def _sha256(file: File) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def document_parse(*, document_id: int, force: bool = False) -> Document:
    """Parse, screen and extract a stored document; it always ends `ready` or `failed`, never `processing`.

    Idempotent: a document already ready or failed is returned untouched unless `force`. Raises
    Document.DoesNotExist for an unknown id.
    """
    document = Document.objects.get(pk=document_id)
    if document.status != Document.Status.PROCESSING and not force:
        return document
    try:
        with _local_copy(document) as path:
            reading = read_document(
                path=path, source_format=document.source_format, kind=document.kind, document_id=document.pk
            )
    except DocumentError as exc:
        return _finish(document_id, force, error=(exc.code, exc.message))
    except Exception:  # anything unforeseen still ends the document, with a code a recruiter can report
        log.exception("parsing document %s failed", document_id)
        return _finish(document_id, force, error=("parse_error", "The document could not be read; please try again."))
    return _finish(document_id, force, reading=reading)


@contextmanager
def _local_copy(document: Document) -> Iterator[str]:
    """A path on local disk: the child process reads files, and storage may be remote (S3)."""
    if not document.file:
        raise DocumentError("file_missing", "The document has no stored file; upload it again.")
    try:
        path = document.file.path
    except NotImplementedError:
        path = None
    if path:
        if not os.path.exists(path):
            raise DocumentError("file_missing", "The stored file is missing; upload it again.")
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=f".{document.source_format}") as copy:
        with document.file.open("rb") as stored:
            shutil.copyfileobj(stored, copy)
        copy.flush()
        yield copy.name


def _finish(
    document_id: int, force: bool, *, reading: DocumentReading | None = None, error: tuple[str, str] | None = None
) -> Document:
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status != Document.Status.PROCESSING and not force:
            return document  # another run finished first
        if reading is not None:
            _apply_reading(document, reading)
        else:
            _apply_error(document, *error)  # type: ignore[misc]
        document.parsed_at = timezone.now()
        document.save()
        if document.status == Document.Status.READY:
            _schedule_fit_analyses(document)
    return document


def _apply_reading(document: Document, reading: DocumentReading) -> None:
    document.status = Document.Status.READY
    document.text = reading.text
    document.parsed = reading.parsed
    document.flags = reading.flags
    document.flag_details = reading.flag_details
    document.language = (reading.language or "")[:16]
    document.pages = reading.pages
    document.error_code = document.error_message = ""


def _apply_error(document: Document, code: str, message: str) -> None:
    document.status = Document.Status.FAILED
    document.error_code = code[:40]
    document.error_message = message[:500]
    document.text, document.parsed, document.flags, document.flag_details = "", {}, [], []


def _schedule_fit_analyses(document: Document) -> None:
    """A ready resume meets its ready JD; a ready JD meets every ready resume attached to it."""
    from analysis.tasks import fit_analyze_task

    if document.kind == Document.Kind.RESUME:
        if document.jd_id and Document.objects.filter(pk=document.jd_id, status=Document.Status.READY).exists():
            fit_analyze_task.delay_on_commit(document.jd_id, document.pk)
        return
    resumes = Document.objects.filter(jd=document, kind=Document.Kind.RESUME, status=Document.Status.READY)
    for resume_id in resumes.values_list("pk", flat=True):
        fit_analyze_task.delay_on_commit(document.pk, resume_id)
