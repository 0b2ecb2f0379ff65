"""`python manage.py parse_document PATH [--kind resume|jd] [--json]`: read a file, save nothing.

With --json it prints exactly the object `GET /api/v1/documents/{id}` would return (id null);
without, a readable summary. A bad file prints its error code and message and exits non-zero.
"""

import json
import mimetypes
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from documents.errors import DocumentError
from documents.filetypes import detect_format
from documents.models import Document
from documents.pipeline import read_document
from documents.serializers import DocumentOutput


class Command(BaseCommand):
    help = "Parse, screen and extract a resume or job description file without saving anything."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--kind", choices=["resume", "jd"], default="resume")
        parser.add_argument("--json", action="store_true", help="print the API's document object as JSON")

    def handle(self, *args: Any, path: str, kind: str, json: bool, **options: Any) -> None:
        document = self._read(Path(path), kind)
        data = DocumentOutput(document).data
        if json:
            self.stdout.write(_json.dumps(data, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(_summary(data))
        if document.status == Document.Status.FAILED:
            raise CommandError(f"{document.error_code}: {document.error_message}")

    def _read(self, path: Path, kind: str) -> Document:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        document = Document(kind=kind, original_name=path.name, size_bytes=path.stat().st_size)
        document.created_at = timezone.now()
        try:
            with path.open("rb") as handle:
                document.source_format = detect_format(
                    File(handle, name=path.name), name=path.name, size=document.size_bytes,
                    max_bytes=_max_bytes(),
                )
            reading = read_document(path=str(path), source_format=document.source_format, kind=kind)
        except DocumentError as exc:
            document.status, document.error_code, document.error_message = "failed", exc.code, exc.message
            return document
        document.status = Document.Status.READY
        document.text, document.parsed = reading.text, reading.parsed
        document.flags, document.flag_details = reading.flags, reading.flag_details
        document.language, document.pages = reading.language, reading.pages
        document.parsed_at = timezone.now()
        return document


_json = json


def _max_bytes() -> int:
    from django.conf import settings

    return settings.DOCUMENT_MAX_BYTES


def _summary(data: dict) -> str:
    lines = [f"{data['original_name']} ({data['source_format'] or mimetypes.guess_type(data['original_name'])[0]}): "
             f"{data['kind']}, {data['status']}"]
    if data["error"]:
        lines.append(f"error: {data['error']['code']}: {data['error']['message']}")
        return "\n".join(lines)
    if data["pages"]:
        lines.append(f"pages: {data['pages']}")
    lines.append(f"flags: {', '.join(data['flags']) or 'none'}")
    for detail in data["flag_details"]:
        lines.append(f"  - {detail['name']}: {detail['excerpt']!r} ({detail['reason']})")
    lines.append("fields:")
    for key, value in data["parsed"].items():
        if not key.startswith("_"):
            lines.append(f"  {key}: {_json.dumps(value, ensure_ascii=False)}")
    lines += ["text:", data["text"]]
    return "\n".join(lines)
