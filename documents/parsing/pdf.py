"""PDF text with pdfplumber: column-aware, tables kept by row, cleaned, with invisible text set aside.

Per page: characters a reader cannot see are set aside (pdf_hidden.py); the visible ones become
words grouped on their baseline (so LaTeX small capitals stay one word); ruled tables are read
row by row, cells joined with " | "; the rest goes through the column-aware reading order
(layout.py); hidden text is anchored after the visible line it sat under, so the recruiter sees
it in place.
"""

import re
from typing import Any

import pdfplumber
from pdfminer.pdfpage import PDFPage
from pdfplumber.utils.text import extract_words

from ..errors import DocumentError
from .cleanup import clean_pages, fix_glyphs
from .layout import Line, line_groups, page_layout
from .pdf_device import MarkedPage
from .pdf_hidden import hidden_reasons
from .result import HiddenSpan, ParseResult

NO_TEXT_MESSAGE = (
    "The PDF has no text layer: it is probably a scan or a picture of a document. OCR is not "
    "supported; upload the original DOCX, or a PDF exported from a word processor."
)
_CID = re.compile(r"\(cid:\d+\)")
TABLE_MARK = "\ue000table:"  # a placeholder word standing for a whole table in the reading order
MIN_TABLE_EDGES = 6
WORD_GAP_EM = 0.1  # letters sit closer than a tenth of the type size; word spaces are wider


def parse_pdf(path: str, *, max_pages: int) -> ParseResult:
    """Visible text of a PDF, its hidden text, and its page count."""
    try:
        with pdfplumber.open(path) as pdf:
            page_objects = list(PDFPage.create_pages(pdf.doc))
            if len(page_objects) > max_pages:
                raise DocumentError(
                    "too_many_pages", f"The PDF has {len(page_objects)} pages; the limit is {max_pages}."
                )
            pages = _read_pages(pdf, page_objects)
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        raise _pdf_error(exc) from exc
    return _assemble(pages)


def _pdf_error(exc: Exception) -> Exception:
    cause: BaseException | None = exc
    while cause is not None:  # pdfplumber wraps what pdfminer raised, a MemoryError included
        if isinstance(cause, MemoryError) or any(isinstance(arg, MemoryError) for arg in cause.args):
            return MemoryError()
        cause = cause.__cause__ or cause.__context__
    text = f"{exc!r} {exc.args!r} {exc.__cause__!r}".lower()
    if "password" in text or "encrypt" in text:
        return DocumentError("encrypted_file", "The PDF is password-protected; upload an unprotected copy.")
    return DocumentError("malformed_file", "The PDF is damaged and cannot be read.")


def _read_pages(pdf: Any, page_objects: list) -> list[dict[str, Any]]:
    pages, doctop = [], 0.0
    for number, page_obj in enumerate(page_objects, start=1):
        page = MarkedPage(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        pages.append(_read_page(page))
        page.close()
    return pages


def _read_page(page: Any) -> dict[str, Any]:
    reasons = hidden_reasons(page)
    visible = [c for c in page.chars if id(c) not in reasons]
    words = baseline_words(visible)
    words, tables = _ruled_tables(page, words)
    lines = _expand_tables(page_layout(words), tables)
    hidden = _hidden_spans(page, reasons, lines)
    texts = [line.text if line else "" for line in lines]
    return {"lines": texts, "hidden": hidden, "images": len(page.images)}


def baseline_words(chars: list[dict], **options: Any) -> list[dict]:
    """Words from characters grouped on their baseline, with their real top and bottom.

    pdfplumber groups characters into lines by their tops, so a capital and the smaller capitals
    after it ("PRIYA" in LaTeX small caps) would split into "P RIYA".
    """
    shifted = []
    for char in chars:
        copy = dict(char)
        if char.get("upright") and char.get("matrix"):
            baseline = char["top"] + (char["y1"] - char["matrix"][5])
            copy["top"], copy["bottom"] = baseline - 1.0, baseline
            copy["doctop"] = char["doctop"] - char["top"] + copy["top"]
        copy["_char"] = char
        shifted.append(copy)
    # The gap that ends a word is relative to the glyph size: LaTeX and Typst PDFs carry no space
    # characters, and their word spaces (0.15-0.3 em) fall under a fixed 3 pt at 10 pt type.
    options.setdefault("x_tolerance_ratio", WORD_GAP_EM)
    words = extract_words(shifted, return_chars=True, y_tolerance=3, **options)
    for word in words:
        originals = [c["_char"] for c in word.pop("chars")]
        word["top"] = min(c["top"] for c in originals)
        word["bottom"] = max(c["bottom"] for c in originals)
    return words


def _ruled_tables(page: Any, words: list[dict]) -> tuple[list[dict], dict[str, list[str]]]:
    """Words inside ruled tables replaced by one placeholder per table; the tables as text rows."""
    if len(page.rects) + len(page.lines) < MIN_TABLE_EDGES:
        return words, {}
    tables: dict[str, list[str]] = {}
    for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        rows = [row for row in table.rows if sum(cell is not None for cell in row.cells) >= 2]
        if len(rows) < 2:
            continue  # a frame or a one-row band is decoration, not a table
        inside = [w for w in words if _within(w, table.bbox)]
        if not inside:
            continue
        mark = f"{TABLE_MARK}{len(tables)}"
        tables[mark] = [row_text for row in rows if (row_text := _row_text(row.cells, inside))]
        words = [w for w in words if not _within(w, table.bbox)]
        x0, top, x1, bottom = table.bbox
        words.append({"text": mark, "x0": x0, "x1": x1, "top": top, "bottom": bottom})
    return words, tables


def _row_text(cells: list, words: list[dict]) -> str:
    texts = []
    for cell in cells:
        if cell is None:
            continue
        inside = [w for w in words if _within(w, cell)]
        lines = [" ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])) for line in line_groups(inside)]
        if lines:
            texts.append(" ".join(lines))
    return " | ".join(texts)


def _within(word: dict, box: tuple) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _expand_tables(lines: list[Line | None], tables: dict[str, list[str]]) -> list[Line | None]:
    if not tables:
        return lines
    out: list[Line | None] = []
    for line in lines:
        if line is None or TABLE_MARK not in line.text:
            out.append(line)
            continue
        for piece in line.text.split():
            for row in tables.get(piece, [piece]):
                out.append(Line(row, line.top, line.bottom, line.x0, line.x1))
    return out


def _hidden_spans(page: Any, reasons: dict[int, str], lines: list[Line | None]) -> list[tuple[str, str, int]]:
    """(text, reason, index of the visible line it follows, or -1) for each hidden line."""
    spans: list[tuple[str, str, int]] = []
    for reason in sorted(set(reasons.values())):
        chars = [c for c in page.chars if reasons.get(id(c)) == reason]
        # The tolerance follows the glyph size, so tiny text still splits into words.
        words = baseline_words(chars, x_tolerance_ratio=0.15)
        for group in line_groups(words):
            text = " ".join(w["text"] for w in sorted(group, key=lambda w: w["x0"]))
            text = fix_glyphs(_CID.sub("", text)).strip()
            if not text:
                continue
            anchor = _anchor(lines, min(w["top"] for w in group), min(w["x0"] for w in group),
                             max(w["x1"] for w in group))
            if spans and spans[-1][1] == reason and spans[-1][2] == anchor:
                spans[-1] = (f"{spans[-1][0]} {text}", reason, anchor)
            else:
                spans.append((text, reason, anchor))
    return spans


def _anchor(lines: list[Line | None], top: float, x0: float, x1: float) -> int:
    """The visible line a hidden line sits under: the closest one above it in the same column."""
    best, best_top = -1, float("-inf")
    for index, line in enumerate(lines):
        if line is None or line.top > top + 1.0:
            continue
        if min(line.x1, x1) - max(line.x0, x0) <= 0:
            continue
        if line.top >= best_top:
            best, best_top = index, line.top
    return best


def _assemble(pages: list[dict[str, Any]]) -> ParseResult:
    cleaned = clean_pages([page["lines"] for page in pages])
    visible_chars = sum(len(re.sub(r"\s", "", text)) for text, _ in cleaned)
    if visible_chars == 0 and not any(page["hidden"] for page in pages):
        raise DocumentError("no_text_layer", NO_TEXT_MESSAGE)
    raw = "\n".join(line for page in pages for line in page["lines"])
    if raw and len(_CID.findall(raw)) * 8 > len(raw) * 0.5:
        raise DocumentError(
            "no_text_layer", "The PDF's fonts carry no character map, so its text cannot be read. " + NO_TEXT_MESSAGE
        )
    text, hidden = "", []
    for page, (page_text, ends) in zip(pages, cleaned, strict=True):
        start = len(text) + (2 if text and page_text else 0)
        for span_text, reason, anchor in page["hidden"]:
            offset = start + (ends[anchor] if anchor >= 0 else 0)
            hidden.append(HiddenSpan(span_text, reason, min(offset, start + len(page_text))))
        if page_text:
            text = f"{text}\n\n{page_text}" if text else page_text
    notes = []
    if sum(page["images"] for page in pages) and visible_chars < 20 * len(pages):
        notes.append("little text for the number of images; parts of the document may be pictures")
    return ParseResult(format="pdf", text=text, hidden=hidden, pages=len(pages), notes=notes).stripped()
