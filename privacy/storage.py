"""Files in storage that no row refers to (left by a crash between writing a file and its row, or by
code before files were deleted with their rows)."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from documents.models import Document

ROOTS = ("documents",)  # documents/<kind>/<random name>: documents.models.document_upload_to


def _walk(directory: str):
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}"
    for name in directories:
        yield from _walk(f"{directory}/{name}")


def orphan_files(*, min_age: timedelta = timedelta(hours=1)) -> list[str]:
    """Stored files with no document row, older than `min_age` (an upload in progress has its file
    before its row commits)."""
    held = set(Document.objects.exclude(file="").values_list("file", flat=True))
    cutoff = timezone.now() - min_age
    return sorted(name for root in ROOTS for name in _walk(root)
                  if name not in held and default_storage.get_modified_time(name) <= cutoff)
