"""What an upload really is: its type from its first bytes, which must agree with its extension.

A file is judged by content, never by the name or the browser's Content-Type alone: an
executable, an HTML page or a plain ZIP renamed `.pdf` or `.docx` is refused here.
"""

from pathlib import PurePath
from typing import BinaryIO

from .errors import DocumentError
from .parsing.archive import inspect_zip
from .parsing.text import decode_text

FORMAT_BY_EXTENSION = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
}
ACCEPTED = "PDF, DOCX, TXT or MD"
HEAD_BYTES = 8192
# Acrobat looks for %%EOF in the last 1024 bytes; so do we.
TAIL_BYTES = 1024

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "a Linux executable"),
    (b"\xcf\xfa\xed\xfe", "a macOS executable"),
    (b"\xfe\xed\xfa\xce", "a macOS executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or macOS executable"),
    (b"#!", "a script"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc); save it as DOCX or PDF"),
    (b"{\\rtf", "an RTF file; save it as DOCX or PDF"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
]
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml")


def _read_ends(source: BinaryIO, size: int) -> tuple[bytes, bytes]:
    source.seek(0)
    head = source.read(HEAD_BYTES)
    source.seek(max(size - TAIL_BYTES, 0))
    tail = source.read(TAIL_BYTES)
    source.seek(0)
    return head, tail


def _content_kind(head: bytes, source: BinaryIO) -> str:
    """`pdf`, `docx`, `text`, or a description of what the bytes are instead."""
    stripped = head.lstrip(b" \t\r\n")
    if stripped.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        names = inspect_zip(source)
        return "docx" if "word/document.xml" in names else "a ZIP archive that is not a Word document"
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            return description
    if stripped.lower().startswith(_HTML_STARTS):
        return "an HTML or XML page"
    try:
        decode_text(head, partial=True)
    except DocumentError:
        return "binary data"
    return "text"


def detect_format(source: BinaryIO, *, name: str, size: int, max_bytes: int) -> str:
    """Return `pdf`, `docx`, `txt` or `md` for an acceptable upload, else raise DocumentError."""
    if size <= 0:
        raise DocumentError("empty_file", "The file is empty.")
    if size > max_bytes:
        raise DocumentError(
            "too_large", f"The file is {size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB."
        )
    suffix = PurePath(name or "").suffix.lower()
    if suffix and suffix not in FORMAT_BY_EXTENSION:
        raise DocumentError("unsupported_type", f"{suffix} files are not accepted; upload {ACCEPTED}.")
    head, tail = _read_ends(source, size)
    kind = _content_kind(head, source)
    expected = FORMAT_BY_EXTENSION.get(suffix)
    fmt = _agree(kind, expected, suffix)
    if fmt == "pdf" and b"%%EOF" not in tail:
        raise DocumentError("truncated_file", "The PDF is incomplete (it has no end marker); upload it again.")
    return fmt


def _agree(kind: str, expected: str | None, suffix: str) -> str:
    if kind == "text" and expected in (None, "txt", "md"):
        return expected or "txt"
    if kind in ("pdf", "docx") and expected in (None, kind):
        return kind
    shown = {"pdf": "a PDF", "docx": "a Word document", "text": "plain text"}.get(kind, kind)
    named = f"named {suffix}" if suffix else "unnamed"
    raise DocumentError(
        "unsupported_type", f"The file is {named} but its content is {shown}; upload {ACCEPTED}."
    )
