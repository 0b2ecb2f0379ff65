"""PDF text with pdfplumber: column-aware, cleaned, with invisible text set aside.

A character is hidden when a reader cannot see it: its fill colour matches what is behind it
(white on white), it is smaller than 2 pt, it lies outside the page, or it is drawn in an
invisible text render mode (3 = neither fill nor stroke, 7 = clip only).
"""

import re
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import DocumentError
from .cleanup import clean_lines, fix_glyphs
from .layout import page_lines
from .result import HiddenSpan, ParseResult

TINY_PT = 2.0
SAME_COLOUR = 0.08  # largest channel difference (0..1) at which text and background look alike
INVISIBLE_RENDER_MODES = {3, 7}
NO_TEXT_MESSAGE = (
    "The PDF has no text layer: it is probably a scan or a picture of a document. OCR is not "
    "supported; upload the original DOCX, or a PDF exported from a word processor."
)
_CID = re.compile(r"\(cid:\d+\)")


class _RenderModeAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfminer drops the text render mode (Tr); keep it on every character."""

    _render_mode = 0

    def render_string(self, textstate, seq, ncs, graphicstate):  # type: ignore[no-untyped-def]
        self._render_mode = textstate.render
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, *args, **kwargs) -> float:  # type: ignore[no-untyped-def]
        advance = super().render_char(*args, **kwargs)
        self.cur_item._objs[-1].render_mode = self._render_mode
        return advance


class _Page(Page):
    @property
    def layout(self):  # type: ignore[no-untyped-def]
        if hasattr(self, "_layout"):
            return self._layout
        device = _RenderModeAggregator(self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams)
        try:
            PDFPageInterpreter(self.pdf.rsrcmgr, device).process_page(self.page_obj)
        except Exception as exc:
            raise PdfminerException(exc) from exc
        self._layout = device.get_result()
        return self._layout

    def process_object(self, obj):  # type: ignore[no-untyped-def]
        attrs = super().process_object(obj)
        if isinstance(obj, LTChar):
            attrs["render_mode"] = getattr(obj, "render_mode", 0)
        return attrs


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


def _pdf_error(exc: Exception) -> DocumentError:
    text = f"{exc!r} {exc.args!r} {exc.__cause__!r}".lower()
    if "password" in text or "encrypt" in text:
        return DocumentError("encrypted_file", "The PDF is password-protected; upload an unprotected copy.")
    return DocumentError("malformed_file", "The PDF is damaged and cannot be read.")


def _read_pages(pdf: Any, page_objects: list) -> list[dict[str, Any]]:
    pages, doctop = [], 0.0
    for number, page_obj in enumerate(page_objects, start=1):
        page = _Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        pages.append(_read_page(page))
        page.close()
    return pages


def _read_page(page: Page) -> dict[str, Any]:
    reasons = _hidden_reasons(page)
    visible = page.filter(lambda o: o.get("object_type") != "char" or id(o) not in reasons)
    words = visible.extract_words(keep_blank_chars=False, use_text_flow=False)
    hidden: list[tuple[str, str]] = []
    for reason in sorted(set(reasons.values())):
        part = page.filter(lambda o, r=reason: o.get("object_type") == "char" and reasons.get(id(o)) == r)
        # Spaces are classified too, and the tolerance follows the glyph size, so tiny text
        # still splits into words.
        text = part.extract_text(x_tolerance_ratio=0.15).strip()
        if text:
            hidden.append((fix_glyphs(_CID.sub("", text)), reason))
    return {"lines": page_lines(words), "hidden": hidden, "chars": len(page.chars), "images": len(page.images)}


def _hidden_reasons(page: Page) -> dict[int, str]:
    fills = [(rect, _rgb(rect.get("non_stroking_color"))) for rect in page.rects if rect.get("fill")]
    # Only a colour that matches white or some filled shape can vanish into its background; checking
    # just those characters keeps pages with thousands of table cells fast.
    suspicious = {(1.0, 1.0, 1.0)} | {colour for _, colour in fills if colour}
    reasons: dict[int, str] = {}
    for char in page.chars:
        reason = _visibility_reason(char, page.bbox)
        if reason is None:
            colour = _rgb(char.get("non_stroking_color"))
            if colour is not None and any(_same(colour, other) for other in suspicious):
                reason = _background_reason(char, colour, fills, page.images)
        if reason:
            reasons[id(char)] = reason
    return reasons


def _visibility_reason(char: dict, box: tuple) -> str | None:
    if char.get("render_mode") in INVISIBLE_RENDER_MODES:
        return "drawn in an invisible text render mode"
    if char["size"] < TINY_PT:
        return f"font size {char['size']:.1f} pt, too small to read"
    x0, top, x1, bottom = box
    if char["x1"] <= x0 or char["x0"] >= x1 or char["bottom"] <= top or char["top"] >= bottom:
        return "placed outside the visible page"
    return None


def _background_reason(
    char: dict, colour: tuple, fills: list[tuple[dict, tuple | None]], images: list[dict]
) -> str | None:
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    if any(_contains(image, cx, cy) for image in images):
        return None  # text over a picture: we cannot tell what is behind it
    background = (1.0, 1.0, 1.0)
    for rect, fill in fills:  # later shapes are painted over earlier ones
        if fill and _contains(rect, cx, cy):
            background = fill
    return "same colour as the background" if _same(colour, background) else None


def _same(a: tuple, b: tuple) -> bool:
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= SAME_COLOUR


def _contains(obj: dict, x: float, y: float) -> bool:
    return obj["x0"] <= x <= obj["x1"] and obj["top"] <= y <= obj["bottom"]


def _rgb(colour: Any) -> tuple[float, float, float] | None:
    if colour is None or colour == ():
        return (0.0, 0.0, 0.0)  # the PDF default fill is black
    if not isinstance(colour, list | tuple) or not all(isinstance(c, int | float) for c in colour):
        return None  # patterns and named separations: unknown
    values = [min(max(float(c), 0.0), 1.0) for c in colour]
    if len(values) == 1:
        return (values[0],) * 3  # type: ignore[return-value]
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return (1 - min(1.0, c + k), 1 - min(1.0, m + k), 1 - min(1.0, y + k))
    return None


def _assemble(pages: list[dict[str, Any]]) -> ParseResult:
    page_texts = clean_lines([page["lines"] for page in pages])
    visible_chars = sum(len(re.sub(r"\s", "", t)) for t in page_texts)
    if visible_chars == 0 and not any(page["hidden"] for page in pages):
        raise DocumentError("no_text_layer", NO_TEXT_MESSAGE)
    raw = "\n".join(line for page in pages for line in page["lines"])
    if raw and len(_CID.findall(raw)) * 8 > len(raw) * 0.5:
        raise DocumentError(
            "no_text_layer", "The PDF's fonts carry no character map, so its text cannot be read. " + NO_TEXT_MESSAGE
        )
    text, hidden = "", []
    for page, page_text in zip(pages, page_texts, strict=True):
        if page_text:
            text = f"{text}\n\n{page_text}" if text else page_text
        hidden += [HiddenSpan(t, reason, len(text)) for t, reason in page["hidden"]]
    notes = []
    if sum(page["images"] for page in pages) and visible_chars < 20 * len(pages):
        notes.append("little text for the number of images; parts of the document may be pictures")
    return ParseResult(format="pdf", text=text, hidden=hidden, pages=len(pages), notes=notes).stripped()

