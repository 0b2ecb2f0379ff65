"""DOCX text with python-docx: body, tables (nested too), text boxes, headers and footers, footnotes
and endnotes, in order, with list numbering written out ("1.", "a)", "•").

The ZIP directory is inspected before any XML is parsed (see archive.py). Runs a reader cannot
see - `w:vanish`, white text on an unshaded background, or smaller than 2 pt - become hidden spans;
so do comments, which are not part of the printed document. python-docx parses with entity
resolution off, and the parts it does not model are parsed with a parser that resolves nothing.
"""

import re
from collections.abc import Iterable
from typing import Any

from ..errors import DocumentError
from .archive import inspect_zip
from .cleanup import fix_glyphs
from .docx_parts import Numbering, note_bodies, page_count, part_elements
from .result import HiddenSpan, ParseResult

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TINY_HALF_POINTS = 4  # w:sz is in half-points: under 4 is under 2 pt
COMMENT_REASON = "Word comment: not part of the printed document"
_FALSE = {"0", "false", "off", "none"}
_CONTAINERS = {"hyperlink", "smartTag", "ins", "fldSimple", "customXml", "moveTo", "sdtContent", "dir", "bdo"}
_SKIPPED = {"del", "moveFrom", "pPr", "rPr", "proofErr", "bookmarkStart", "bookmarkEnd", "commentRangeStart"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Text:
    """Visible text being written, and hidden spans with their position in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.hidden: list[HiddenSpan] = []

    def write(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def hide(self, text: str, reason: str) -> None:
        if not text.strip():
            return
        last = self.hidden[-1] if self.hidden else None
        if last and last.reason == reason and last.offset == self.length:
            last.text += text  # one span for consecutive hidden runs
        else:
            self.hidden.append(HiddenSpan(text, reason, self.length))

    def end_block(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.write("\n")

    def value(self) -> str:
        return "".join(self.parts)


class _Styles:
    """Run properties resolved through character style, paragraph style and document defaults."""

    def __init__(self, styles_element: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.defaults = None
        if styles_element is None:
            return
        for style in styles_element.findall(w("style")):
            self.by_id[style.get(w("styleId"), "")] = style
        self.defaults = styles_element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")

    def chain(self, style_id: str | None) -> Iterable[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            rpr = style.find(w("rPr"))
            if rpr is not None:
                yield rpr
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None

    def lookup(self, run: Any, paragraph_style: str | None, tag: str) -> Any:
        """The first element `tag` found in the run's own, its style's, its paragraph style's or default rPr."""
        own = run.find(w("rPr"))
        run_style = own.find(w("rStyle")) if own is not None else None
        sources = [own] if own is not None else []
        sources += list(self.chain(run_style.get(w("val")) if run_style is not None else None))
        sources += list(self.chain(paragraph_style))
        sources += [self.defaults] if self.defaults is not None else []
        for rpr in sources:
            found = rpr.find(w(tag))
            if found is not None:
                return found
        return None


def parse_docx(path: str) -> ParseResult:
    """Visible text of a DOCX and its hidden runs."""
    inspect_zip(path)  # before any XML: refuse zip bombs by their directory
    try:
        import docx

        document = docx.Document(path)
    except MemoryError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, XMLSyntaxError...
        raise DocumentError("malformed_file", "The Word document is damaged and cannot be read.") from exc
    numbering = document.part.numbering_part.element if _has_numbering(document) else None
    reader = _Reader(_Styles(document.styles.element), Numbering(numbering, document.styles.element))
    parts = list(document.part.package.iter_parts())
    for part in _sorted_parts(parts, "header"):
        reader.blocks(part.element)
    reader.blocks(document.element.body)
    for kind, tag in (("footnotes", "footnote"), ("endnotes", "endnote")):
        for root in part_elements(document, kind):
            for note in note_bodies(root, tag):
                reader.out.write(f"[{note.get(w('id'))}] ")
                reader.blocks(note)
    for part in _sorted_parts(parts, "footer"):
        reader.blocks(part.element)
    reader.comments(document)
    text = reader.out.value()
    pages = page_count(path, document.element.body)
    return ParseResult(format="docx", text=text, hidden=reader.out.hidden, pages=pages).stripped()


def _has_numbering(document: Any) -> bool:
    try:
        return document.part.numbering_part is not None
    except (KeyError, NotImplementedError):  # no numbering part in the package
        return False


def _sorted_parts(parts: list, kind: str) -> list:
    pattern = re.compile(rf"^/word/{kind}\d*\.xml$")
    found = [p for p in parts if pattern.match(str(p.partname))]
    unique, seen = [], set()
    for part in sorted(found, key=lambda p: str(p.partname)):
        signature = "".join(part.element.itertext()).strip()
        if signature and signature not in seen:  # first-page, even and default headers often repeat
            seen.add(signature)
            unique.append(part)
    return unique


class _Reader:
    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.out = _Text()
        self.comment_at: dict[str, int] = {}

    def comments(self, document: Any) -> None:
        """Comments are not printed: they become hidden spans where they were anchored."""
        for root in part_elements(document, "comments"):
            for comment in root.findall(w("comment")):
                text = " ".join(_plain(p) for p in comment.iter(w("p"))).strip()
                offset = self.comment_at.get(comment.get(w("id"), ""), self.out.length)
                if text:
                    self.out.hidden.append(HiddenSpan(fix_glyphs(text), COMMENT_REASON, offset))

    def blocks(self, container: Any) -> None:
        """Paragraphs and tables of a body, cell, text box, header or footer, in document order."""
        if container is None:
            return
        for child in container:
            tag = _local(child)
            if tag == "p":
                self.paragraph(child)
            elif tag == "tbl":
                self.table(child)
            elif tag in ("sdt", "customXml"):
                self.blocks(child.find(w("sdtContent")) if tag == "sdt" else child)
            elif tag == "AlternateContent":
                self.blocks(_choice(child))

    def table(self, table: Any) -> None:
        for row in table.iter(w("tr")):
            if _nearest(row, "tbl") is not table:
                continue  # a nested table's row: read when its cell is read
            first = True
            for cell in row.findall(w("tc")):
                if not "".join(cell.itertext()).strip():
                    continue
                if not first:
                    self.out.write(" | ")
                first = False
                self._cell(cell)
            self.out.end_block()

    def _cell(self, cell: Any) -> None:
        start = self.out.length
        self.blocks(cell)
        # Paragraphs inside a cell end with newlines; a row reads better on one line when short.
        while self.out.parts and self.out.parts[-1] == "\n" and self.out.length > start:
            self.out.parts.pop()
            self.out.length -= 1

    def paragraph(self, paragraph: Any) -> None:
        ppr = paragraph.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        boxes: list[Any] = []
        style_id = style.get(w("val")) if style is not None else None
        label = self.numbering.label(paragraph, style_id)
        if label:
            self.out.write(f"{label} ")
        self._inline(paragraph, style_id, boxes)
        self.out.end_block()
        for box in boxes:
            self.blocks(box)
            self.out.end_block()

    def _inline(self, element: Any, paragraph_style: str | None, boxes: list[Any]) -> None:
        if element is None:
            return
        for child in element:
            tag = _local(child)
            if tag == "r":
                self._run(child, paragraph_style, boxes)
            elif tag == "AlternateContent":
                self._inline(_choice(child), paragraph_style, boxes)
            elif tag in _CONTAINERS or tag == "sdt":
                self._inline(child.find(w("sdtContent")) if tag == "sdt" else child, paragraph_style, boxes)

    def _run(self, run: Any, paragraph_style: str | None, boxes: list[Any]) -> None:
        for reference in run:
            tag = _local(reference)
            if tag in ("footnoteReference", "endnoteReference"):
                self.out.write(f"[{reference.get(w('id'))}]")
            elif tag == "commentReference":
                self.comment_at[reference.get(w("id"), "")] = self.out.length
        text = fix_glyphs(_run_text(run))
        boxes.extend(_text_boxes(run))
        reason = self._hidden_reason(run, paragraph_style)
        if reason:
            self.out.hide(text, reason)
        else:
            self.out.write(text)

    def _hidden_reason(self, run: Any, paragraph_style: str | None) -> str | None:
        vanish = self.styles.lookup(run, paragraph_style, "vanish")
        if vanish is not None and vanish.get(w("val"), "true").lower() not in _FALSE:
            return "hidden text (Word's 'hidden' font setting)"
        size = self.styles.lookup(run, paragraph_style, "sz")
        if size is not None and (size.get(w("val")) or "").isdigit() and int(size.get(w("val"))) < TINY_HALF_POINTS:
            return f"font size {int(size.get(w('val'))) / 2:g} pt, too small to read"
        colour = self.styles.lookup(run, paragraph_style, "color")
        if colour is not None and _near_white(colour.get(w("val"), "")) and not _shaded(run):
            return "white text on a white background"
        return None


def _plain(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(w("t"))).strip()


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _choice(alternate: Any) -> Any:
    choice = alternate.find(f"{{{MC}}}Choice")
    return choice if choice is not None else []


def _nearest(element: Any, tag: str) -> Any:
    for ancestor in element.iterancestors(w(tag)):
        return ancestor
    return None


def _run_text(run: Any) -> str:
    pieces = []
    for child in run:
        tag = _local(child)
        if tag == "t":
            pieces.append(child.text or "")
        elif tag == "tab":
            pieces.append("\t")
        elif tag in ("br", "cr"):
            pieces.append("\n")
        elif tag == "noBreakHyphen":
            pieces.append("-")
    return "".join(pieces)


def _text_boxes(run: Any) -> list[Any]:
    boxes = []
    for box in run.iter(w("txbxContent")):
        ancestors = list(box.iterancestors())
        if any(_local(a) == "Fallback" for a in ancestors):
            continue  # the VML copy of a DrawingML text box
        if any(_local(a) == "txbxContent" for a in ancestors):
            continue  # nested: read with its outer box
        boxes.append(box)
    return boxes


def _near_white(value: str) -> bool:
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", value or ""):
        return False
    return all(int(value[i : i + 2], 16) >= 0xEB for i in (0, 2, 4))


def _shaded(run: Any) -> bool:
    """White text is visible on a dark run, paragraph or cell shading."""
    holders = [run.find(w("rPr"))]
    paragraph = _nearest(run, "p")
    if paragraph is not None:
        holders.append(paragraph.find(w("pPr")))
    cell = _nearest(run, "tc")
    if cell is not None:
        holders.append(cell.find(w("tcPr")))
    for holder in holders:
        shading = holder.find(w("shd")) if holder is not None else None
        fill = shading.get(w("fill"), "") if shading is not None else ""
        if re.fullmatch(r"[0-9A-Fa-f]{6}", fill) and not _near_white(fill):
            return True
    return False
