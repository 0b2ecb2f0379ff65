"""Text repairs for extracted PDF lines: glyphs, hyphenation, running headers and footers."""

import re
from collections import Counter

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
# "(cid:12)" is what pdfminer writes for a glyph its font cannot map to Unicode.
_CID = re.compile(r"\(cid:\d+\)")
_SPACES = re.compile(r"[ \t]{2,}")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|seite|página|pagina|page n°)\s*)?[-–—\s]*\d{1,3}\s*"
    r"(?:(?:/|of|von|de|sur|di|van)\s*\d{1,3})?[-–—\s]*$",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"[a-zà-öø-ÿ]{2}-$")
EDGE_LINES = 3
SHORT_LINE = 40


def fix_glyphs(text: str) -> str:
    """Ligatures and odd spaces to plain characters; unmappable glyph markers removed."""
    return _SPACES.sub(" ", _CID.sub("", text.translate(_LIGATURES)))


def clean_lines(pages: list[list[str]]) -> list[str]:
    """Each page's text: glyphs fixed, running headers/footers and page numbers dropped, dehyphenated."""
    pages = [[fix_glyphs(line).strip() if line else "" for line in lines] for lines in pages]
    repeated = _running_lines(pages)
    seen: set[str] = set()
    texts = []
    for lines in pages:
        kept = []
        for index, line in enumerate(lines):
            key = _key(line)
            if line and _at_edge(lines, index):
                if _PAGE_NUMBER.match(line):
                    continue
                if key in repeated:
                    if key in seen:
                        continue  # keep the first copy: a name in a running header is still the name
                    seen.add(key)
            kept.append(line)
        texts.append("\n".join(_dehyphenate(kept)).strip())
    return texts


def _key(line: str) -> str:
    """Short lines compare with digits ignored ("Jane Doe - page 2"); long ones must repeat exactly."""
    key = line.lower().strip()
    return re.sub(r"\d+", "#", key) if len(key) <= SHORT_LINE else key


def _at_edge(lines: list[str], index: int) -> bool:
    filled = [i for i, line in enumerate(lines) if line]
    return index in filled[:EDGE_LINES] or index in filled[-EDGE_LINES:]


def _running_lines(pages: list[list[str]]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        filled = [line for line in lines if line]
        counts.update({_key(line) for line in filled[:EDGE_LINES] + filled[-EDGE_LINES:]})
    needed = max(2, round(0.6 * len(pages)))
    return {key for key, count in counts.items() if count >= needed and len(key) > 1}


def _dehyphenate(lines: list[str]) -> list[str]:
    """Join words split across lines ("experi-" + "ence") when the next line goes on in lower case."""
    out = list(lines)
    emptied: set[int] = set()
    for i in range(len(out) - 1):
        line, following = out[i], out[i + 1]
        if _HYPHENATED.search(line) and following[:1].islower():
            head, _, rest = following.partition(" ")
            out[i] = line[:-1] + head
            out[i + 1] = rest
            if not rest:
                emptied.add(i + 1)
    return [line for i, line in enumerate(out) if i not in emptied]
