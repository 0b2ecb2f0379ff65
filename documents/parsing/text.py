"""Plain text and Markdown: find the encoding, refuse binaries, drop YAML front matter.

Markdown comments (`<!-- ... -->`) never show when the file is rendered, so they are returned as
hidden spans rather than as text.
"""

import codecs
import re

from ..errors import DocumentError
from .result import HiddenSpan, ParseResult

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MD_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def _not_text() -> DocumentError:
    return DocumentError("unsupported_type", "The file is not text: it contains binary data.")


def decode_text(data: bytes, *, partial: bool = False) -> str:
    """Decode bytes as UTF-8/UTF-16/UTF-32 (with BOM), UTF-8, or Windows-1252; refuse binaries.

    `partial` is for a file's first bytes only: a multi-byte character cut at the end is fine.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = codecs.getincrementaldecoder(encoding)().decode(data, final=not partial)
            except UnicodeDecodeError as exc:
                raise _not_text() from exc
            return _check_controls(text)
    if b"\x00" in data:
        raise _not_text()
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data, final=not partial)
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; Latin-1 maps them, and the control check
        # below still catches real binaries.
        text = data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1")
    return _check_controls(text)


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _check_controls(text: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise _not_text()
    return _CONTROL.sub("", text)


def strip_front_matter(text: str) -> str:
    return _FRONT_MATTER.sub("", text, count=1)


def parse_text(data: bytes, *, markdown: bool) -> ParseResult:
    """Text of a .txt/.md file, with Markdown comments set aside as hidden spans."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    hidden: list[HiddenSpan] = []
    if markdown:
        text = strip_front_matter(text)
        pieces: list[str] = []
        cursor = 0
        for match in _MD_COMMENT.finditer(text):
            pieces.append(text[cursor : match.start()])
            comment = match.group(1).strip()
            if comment:
                offset = sum(map(len, pieces))
                hidden.append(HiddenSpan(comment, "Markdown comment: not shown when rendered", offset))
            cursor = match.end()
        pieces.append(text[cursor:])
        text = "".join(pieces)
    return ParseResult(format="md" if markdown else "txt", text=text, hidden=hidden).stripped()
