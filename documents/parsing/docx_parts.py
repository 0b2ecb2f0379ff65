"""The DOCX parts around the body: list numbering, footnotes and endnotes, comments, page count.

Parts python-docx does not model are parsed here from their bytes with a parser that never
resolves entities nor touches the network, so an XXE or "billion laughs" payload stays inert.
"""

import re
import zipfile
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_VISIBLE_BULLETS = {"-", "–", "—", "*", "o", "▪", "■", "◦", "●", "○", "➢", "✓", "►", "•", "·"}
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def safe_xml(blob: bytes) -> Any:
    return etree.fromstring(blob, parser=SAFE_PARSER)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(number: int, fmt: str) -> str:
    formats = {
        "decimal": str(number), "decimalZero": f"{number:02d}", "lowerLetter": _letters(number),
        "upperLetter": _letters(number).upper(), "lowerRoman": _roman(number), "upperRoman": _roman(number).upper(),
    }
    return formats.get(fmt, str(number))


class Numbering:
    """Word's automatic list labels ("1.", "a)", "iv.", bullets), counted as Word counts them."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        if numbering is not None:
            self._read(numbering)
        if styles is not None:
            for style in styles.findall(w("style")):
                found = self._num_pr(style.find(w("pPr")))
                if found:
                    self.style_numbering[style.get(w("styleId"), "")] = found

    def _read(self, numbering: Any) -> None:
        abstract = {}
        for node in numbering.findall(w("abstractNum")):
            levels = {}
            for lvl in node.findall(w("lvl")):
                fmt = lvl.find(w("numFmt"))
                text = lvl.find(w("lvlText"))
                start = lvl.find(w("start"))
                levels[int(lvl.get(w("ilvl"), "0"))] = (
                    fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                    text.get(w("val"), "") if text is not None else "",
                    int(start.get(w("val"), "1")) if start is not None and start.get(w("val"), "").isdigit() else 1,
                )
            abstract[node.get(w("abstractNumId"))] = levels
        for num in numbering.findall(w("num")):
            ref = num.find(w("abstractNumId"))
            levels = dict(abstract.get(ref.get(w("val")) if ref is not None else None, {}))
            for override in num.findall(w("lvlOverride")):
                start = override.find(w("startOverride"))
                level = int(override.get(w("ilvl"), "0"))
                if start is not None and level in levels and start.get(w("val"), "").isdigit():
                    fmt, text, _ = levels[level]
                    levels[level] = (fmt, text, int(start.get(w("val"))))
            self.levels[num.get(w("numId"))] = levels

    @staticmethod
    def _num_pr(ppr: Any) -> tuple[str, int] | None:
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is None:
            return None
        num_id, ilvl = num_pr.find(w("numId")), num_pr.find(w("ilvl"))
        if num_id is None:
            return None
        level = ilvl.get(w("val"), "0") if ilvl is not None else "0"
        return num_id.get(w("val"), ""), int(level) if level.isdigit() else 0

    def label(self, paragraph: Any, style_id: str | None) -> str:
        """The paragraph's list label, "" when it is not in a list; advances the list's counters."""
        found = self._num_pr(paragraph.find(w("pPr"))) or self.style_numbering.get(style_id or "")
        if not found or found[0] == "0" or found[0] not in self.levels:
            return ""
        num_id, ilvl = found
        fmt, text, start = self.levels[num_id].get(ilvl, ("bullet", "•", 1))
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return text if text in _VISIBLE_BULLETS else "•"
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def value(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = self.levels[num_id].get(level, ("decimal", "", 1))
            return _format(counters.get(level, level_start), level_fmt)

        return re.sub(r"%(\d)", value, text).strip()


def part_elements(document: Any, kind: str) -> list[Any]:
    """The root elements of the package's footnotes, endnotes or comments parts."""
    found = []
    for part in document.part.package.iter_parts():
        if re.fullmatch(rf"/word/{kind}\d*\.xml", str(part.partname)):
            element = getattr(part, "element", None)
            found.append(element if element is not None else safe_xml(part.blob))
    return found


def note_bodies(root: Any, tag: str) -> list[Any]:
    """Real footnotes or endnotes: not the separator lines Word keeps as notes -1 and 0."""
    return [note for note in root.findall(w(tag)) if note.get(w("type")) in (None, "normal")]


def page_count(path: str, body: Any) -> int:
    """Pages as Word last counted them (docProps/app.xml), or at least one plus the forced breaks."""
    stated = 0
    try:
        with zipfile.ZipFile(path) as archive:
            if "docProps/app.xml" in archive.namelist():
                pages = safe_xml(archive.read("docProps/app.xml")).find(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages"
                )
                stated = int(pages.text) if pages is not None and (pages.text or "").strip().isdigit() else 0
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        stated = 0
    forced = sum(1 for br in body.iter(w("br")) if br.get(w("type")) == "page")
    rendered = sum(1 for _ in body.iter(w("lastRenderedPageBreak")))
    return max(stated, 1 + forced, 1 + rendered)
