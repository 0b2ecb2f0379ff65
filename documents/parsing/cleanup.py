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
        "\u00ad": "-",  # a drawn hyphen that LaTeX fonts map to the soft hyphen ("Sep. 2023­Mar. 2024")
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
        # Symbol and Wingdings bullets arrive in the private use area.
        "\uf0b7": "•",
        "\uf0a7": "▪",
        "\uf0d8": "•",
        "\uf076": "•",
        "\uf0fc": "•",
    }
)
# "(cid:12)" is what pdfminer writes for a glyph its font cannot map to Unicode. A few codes are
# bullets in the fonts CV tools and LaTeX use; the rest carry nothing readable.
_BULLET_CIDS = re.compile(r"\(cid:(?:127|149|15|108|183)\)")
_CID = re.compile(r"\(cid:\d+\)")
# Icon fonts (Font Awesome and friends) put their glyphs in the private use area: phone and
# envelope pictograms, not text.
_ICONS = re.compile("[\ue000-\uf8ff]")
_SPACES = re.compile(r" {2,}")
_TABS = re.compile(r" *\t[ \t]*")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|seite|página|pagina|page n°)\s*)?[-–—\s]*\d{1,3}\s*"
    r"(?:(?:/|of|von|de|sur|di|van)\s*\d{1,3})?[-–—\s]*$",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"[a-zà-öø-ÿ]{2}-$")
EDGE_LINES = 3
SHORT_LINE = 40


def fix_glyphs(text: str) -> str:
    """Ligatures and odd spaces to plain characters; bullets kept, unmappable glyphs and icons removed."""
    text = _BULLET_CIDS.sub("•", text.translate(_LIGATURES))
    return _TABS.sub("\t", _SPACES.sub(" ", _ICONS.sub("", _CID.sub("", text))))


def clean_lines(pages: list[list[str]]) -> list[str]:
    """Each page's text: glyphs fixed, running headers/footers and page numbers dropped, dehyphenated."""
    return [text for text, _ in clean_pages(pages)]


def clean_pages(pages: list[list[str]]) -> list[tuple[str, list[int]]]:
    """`clean_lines`, with where each raw line ended up: for page p, `ends[i]` is the offset in the
    page's text right after raw line i (after the last kept line before it, when i was dropped)."""
    pages = [[fix_glyphs(line).strip() if line else "" for line in lines] for lines in pages]
    repeated = _running_lines(pages)
    seen: set[str] = set()
    cleaned = []
    for lines in pages:
        kept: list[tuple[int, str]] = []
        for index, line in enumerate(lines):
            key = _key(line)
            if line and _at_edge(lines, index):
                if _PAGE_NUMBER.match(line):
                    continue
                if key in repeated:
                    if key in seen:
                        continue  # keep the first copy: a name in a running header is still the name
                    seen.add(key)
            kept.append((index, line))
        texts = _dehyphenate([text for _, text in kept])
        cleaned.append(_joined(len(lines), [index for index, _ in kept], texts))
    return cleaned


def _joined(count: int, indexes: list[int], texts: list[str | None]) -> tuple[str, list[int]]:
    pieces: list[str] = []
    position: dict[int, int] = {}
    cursor = 0
    for index, text in zip(indexes, texts, strict=True):
        if text is not None:
            cursor += (1 if pieces else 0) + len(text)
            pieces.append(text)
        position[index] = cursor
    joined = "\n".join(pieces)
    lead = len(joined) - len(joined.lstrip())
    page_text = joined.strip()
    ends, last = [], 0
    for index in range(count):
        last = position.get(index, last)
        ends.append(min(max(last - lead, 0), len(page_text)))
    return page_text, ends


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


def _dehyphenate(lines: list[str]) -> list[str | None]:
    """Join words split across lines ("experi-" + "ence") when the next line goes on in lower case;
    a line wholly moved onto the previous one becomes None."""
    out: list[str | None] = list(lines)
    for i in range(len(out) - 1):
        line, following = out[i], out[i + 1]
        if line and following and _HYPHENATED.search(line) and following[:1].islower():
            head, _, rest = following.partition(" ")
            out[i] = line[:-1] + head
            out[i + 1] = rest or None
    return out
