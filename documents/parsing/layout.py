"""Reading order for the words of one PDF page, without interleaving columns.

A recursive XY-cut: a region whose words leave a tall vertical gutter is read left column first,
then right; otherwise it is cut into horizontal bands at paragraph gaps, neighbouring bands that
share a gutter are read together, and what cannot be cut is read line by line.

A gutter is not a column break when what lies right of it belongs to the rows on its left:
right-aligned dates ("Acme Corp ....... 2019 - 2021") or a city set flush right sit on the same
baselines as the text they belong to and end at one x. Such wide gaps inside a line are kept as a
tab, so "Company<TAB>City" and "Title<TAB>Dates" stay distinguishable downstream. A gutter may be
crossed by one overlong word (an e-mail address in a narrow sidebar) on a long page.
"""

from dataclasses import dataclass
from statistics import median
from typing import Any

Word = dict[str, Any]

GUTTER_MIN = 14.0  # pt; wider than a word space in body text, narrower than a column gutter
MIN_SIDE_LINES = 2
MIN_SIDE_SHARE = 0.25  # the shorter column has at least a quarter of the longer one's lines
MAX_DEPTH = 12
ALIGN_TOLERANCE = 3.0  # pt; right-aligned fields end at the same x
ROW_SHARE = 0.7  # share of right-hand lines sitting on a left-hand baseline that makes them fields
TAB_GAP_EM = 2.0  # a gap this many line heights wide inside a line becomes a tab
TAB_GAP_MIN = 15.0


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float


def page_layout(words: list[Word]) -> list[Line | None]:
    """The page's lines in reading order; None marks a paragraph or column break."""
    lines: list[Line | None] = []
    for block in _order(words, 0):
        if lines and lines[-1] is not None:
            lines.append(None)
        lines.extend(block)
    while lines and lines[-1] is None:
        lines.pop()
    return lines


def page_lines(words: list[Word]) -> list[str]:
    """The page as lines of text in reading order; "" marks a paragraph or column break."""
    return [line.text if line else "" for line in page_layout(words)]


def _order(words: list[Word], depth: int) -> list[list[Line | None]]:
    if len(words) < 2 or depth > MAX_DEPTH:
        return [_read_lines(words)] if words else []
    cut = _column_cut(words)
    if cut is not None:
        left = [w for w in words if (w["x0"] + w["x1"]) / 2 <= cut]
        right = [w for w in words if (w["x0"] + w["x1"]) / 2 > cut]
        return _order(left, depth + 1) + _order(right, depth + 1)
    groups = _merge_bands(_bands(words))
    if len(groups) == 1:
        return [_read_lines(words)]
    return [block for group in groups for block in _order(group, depth + 1)]


def _x_gaps(words: list[Word], allowed: int = 0) -> list[tuple[float, float]]:
    """Vertical strips at least GUTTER_MIN wide crossed by at most `allowed` words."""
    spans = sorted((w["x0"], w["x1"]) for w in words)
    if allowed == 0:
        gaps: list[tuple[float, float]] = []
        _, reach = spans[0]
        for x0, x1 in spans[1:]:
            if x0 - reach >= GUTTER_MIN:
                gaps.append((reach, x0))
            reach = max(reach, x1)
        return gaps
    low, high = int(spans[0][0]), int(max(x1 for _, x1 in spans)) + 1
    cover = [0] * (high - low + 2)
    for x0, x1 in spans:
        cover[int(x0) - low] += 1
        cover[int(x1) + 1 - low] -= 1
    gaps, running, start = [], 0, None
    for i in range(high - low + 1):
        running += cover[i]
        if running <= allowed and start is None:
            start = i
        elif running > allowed and start is not None:
            if i - start >= GUTTER_MIN and start > 0:
                gaps.append((float(start + low), float(i + low)))
            start = None
    return gaps


def _column_cut(words: list[Word]) -> float | None:
    allowed = 1 if len(line_groups(words)) >= 15 else 0
    for start, end in sorted(_x_gaps(words, allowed), key=lambda g: g[0] - g[1]):
        cut = (start + end) / 2
        left = [w for w in words if (w["x0"] + w["x1"]) / 2 <= cut]
        right = [w for w in words if (w["x0"] + w["x1"]) / 2 > cut]
        if _side_by_side(left, right) and not _row_fields(left, right):
            return cut
    return None


def _side_by_side(left: list[Word], right: list[Word]) -> bool:
    if not left or not right:
        return False
    n_left, n_right = len(line_groups(left)), len(line_groups(right))
    if min(n_left, n_right) < MIN_SIDE_LINES or min(n_left, n_right) < MIN_SIDE_SHARE * max(n_left, n_right):
        return False
    top = max(min(w["top"] for w in left), min(w["top"] for w in right))
    bottom = min(max(w["bottom"] for w in left), max(w["bottom"] for w in right))
    shorter = min(_height(left), _height(right))
    return shorter > 0 and (bottom - top) >= 0.5 * shorter


def _row_fields(left: list[Word], right: list[Word]) -> bool:
    """The right side is part of the left side's rows: flush-right dates or places on shared baselines."""
    left_lines, right_lines = line_groups(left), line_groups(right)
    bands = [(min(w["top"] for w in line), max(w["bottom"] for w in line)) for line in left_lines]
    shared = 0
    for line in right_lines:
        centre = (min(w["top"] for w in line) + max(w["bottom"] for w in line)) / 2
        shared += any(top - 1 <= centre <= bottom + 1 for top, bottom in bands)
    edge = max(w["x1"] for w in right)
    flush = sum(1 for line in right_lines if edge - max(w["x1"] for w in line) <= ALIGN_TOLERANCE)
    if shared < ROW_SHARE * len(right_lines) or flush < 0.6 * len(right_lines):
        return False
    # Equal-width lines are flush on both sides: then fields are the rarer lines (dates on entry
    # headings, not on every bullet), where a column has about as many lines as its neighbour.
    start = min(w["x0"] for w in right)
    flush_left = sum(1 for line in right_lines if min(w["x0"] for w in line) - start <= ALIGN_TOLERANCE)
    return flush_left < 0.8 * len(right_lines) or len(right_lines) <= 0.6 * len(left_lines)


def _height(words: list[Word]) -> float:
    return max(w["bottom"] for w in words) - min(w["top"] for w in words)


def _line_gap(lines: list[list[Word]]) -> float:
    """The usual space between one line and the next: double-spaced pages have wide ones."""
    edges = [(min(w["top"] for w in line), max(w["bottom"] for w in line)) for line in lines]
    gaps = [b[0] - a[1] for a, b in zip(edges, edges[1:], strict=False) if b[0] - a[1] > 0]
    return median(gaps) if gaps else 0.0


def _bands(words: list[Word]) -> list[list[Word]]:
    """Horizontal bands separated by gaps clearly taller than the usual line spacing."""
    height = median(w["bottom"] - w["top"] for w in words)
    threshold = max(0.7 * height, 1.6 * _line_gap(line_groups(words)), 4.0)
    ordered = sorted(words, key=lambda w: w["top"])
    bands: list[list[Word]] = [[ordered[0]]]
    reach = ordered[0]["bottom"]
    for word in ordered[1:]:
        if word["top"] - reach >= threshold:
            bands.append([])
        bands[-1].append(word)
        reach = max(reach, word["bottom"])
    return bands


def _merge_bands(bands: list[list[Word]]) -> list[list[Word]]:
    """Join neighbouring bands whose gutters line up: the two columns continue across them."""
    groups = [bands[0]]
    gaps = _x_gaps(bands[0])
    for band in bands[1:]:
        band_gaps = _x_gaps(band)
        shared = [g for g in gaps if any(_continues(g, h) for h in band_gaps)]
        if shared:
            groups[-1] = groups[-1] + band
            gaps = [(max(g[0], h[0]), h[1]) for g in shared for h in band_gaps if _continues(g, h)]
        else:
            groups.append(band)
            gaps = band_gaps
    return groups


def _continues(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Gutter `b` continues gutter `a`: they overlap and the column after them starts at one x."""
    return _overlap(a, b) >= GUTTER_MIN / 2 and abs(a[1] - b[1]) <= 6.0


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def line_groups(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        centre = (word["top"] + word["bottom"]) / 2
        if lines and lines[-1][0]["top"] - 0.5 <= centre <= max(w["bottom"] for w in lines[-1]) + 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _join(line: list[Word]) -> str:
    words = sorted(line, key=lambda w: w["x0"])
    height = median(w["bottom"] - w["top"] for w in words)
    text = words[0]["text"]
    for before, word in zip(words, words[1:], strict=False):
        wide = word["x0"] - before["x1"] >= max(TAB_GAP_EM * height, TAB_GAP_MIN)
        text += ("\t" if wide else " ") + word["text"]
    return text


def _read_lines(words: list[Word]) -> list[Line | None]:
    out: list[Line | None] = []
    previous_bottom: float | None = None
    lines = line_groups(words)
    usual = _line_gap(lines)
    for line in lines:
        top = min(w["top"] for w in line)
        bottom = max(w["bottom"] for w in line)
        if previous_bottom is not None and top - previous_bottom > max(0.8 * max(bottom - top, 1.0), 1.5 * usual):
            out.append(None)
        out.append(Line(_join(line), top, bottom, min(w["x0"] for w in line), max(w["x1"] for w in line)))
        previous_bottom = bottom
    return out
