"""Reading order for the words of one PDF page, without interleaving columns.

A recursive XY-cut: a region whose words leave a tall vertical gutter is read left column first,
then right; otherwise it is cut into horizontal bands at paragraph gaps, neighbouring bands that
share a gutter are read together, and what cannot be cut is read line by line. Checks on both
sides of a gutter keep right-aligned dates ("Acme Corp ....... 2019 - 2021") on their line.
"""

from statistics import median
from typing import Any

Word = dict[str, Any]

GUTTER_MIN = 14.0  # pt; wider than a word space in body text, narrower than a column gutter
MIN_SIDE_LINES = 2
MIN_SIDE_SHARE = 0.25  # the shorter column has at least a quarter of the longer one's lines
MAX_DEPTH = 12
ALIGN_TOLERANCE = 6.0  # pt; a column's lines start at the same x


def page_lines(words: list[Word]) -> list[str]:
    """The page as lines of text in reading order; "" marks a paragraph or column break."""
    lines: list[str] = []
    for block in _order(words, 0):
        if lines and lines[-1] != "":
            lines.append("")
        lines.extend(block)
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def _order(words: list[Word], depth: int) -> list[list[str]]:
    if len(words) < 2 or depth > MAX_DEPTH:
        return [_read_lines(words)] if words else []
    cut = _column_cut(words)
    if cut is not None:
        left = [w for w in words if w["x1"] <= cut]
        right = [w for w in words if w["x1"] > cut]
        return _order(left, depth + 1) + _order(right, depth + 1)
    groups = _merge_bands(_bands(words))
    if len(groups) == 1:
        return [_read_lines(words)]
    return [block for group in groups for block in _order(group, depth + 1)]


def _x_gaps(words: list[Word]) -> list[tuple[float, float]]:
    spans = sorted((w["x0"], w["x1"]) for w in words)
    gaps: list[tuple[float, float]] = []
    _, reach = spans[0]
    for x0, x1 in spans[1:]:
        if x0 - reach >= GUTTER_MIN:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    return gaps


def _column_cut(words: list[Word]) -> float | None:
    for start, end in sorted(_x_gaps(words), key=lambda g: g[0] - g[1]):
        left = [w for w in words if w["x1"] <= start + 0.01]
        right = [w for w in words if w["x0"] >= end - 0.01]
        if _side_by_side(left, right) and _left_aligned(right, end):
            return (start + end) / 2
    return None


def _side_by_side(left: list[Word], right: list[Word]) -> bool:
    n_left, n_right = len(_line_groups(left)), len(_line_groups(right))
    if min(n_left, n_right) < MIN_SIDE_LINES or min(n_left, n_right) < MIN_SIDE_SHARE * max(n_left, n_right):
        return False
    top = max(min(w["top"] for w in left), min(w["top"] for w in right))
    bottom = min(max(w["bottom"] for w in left), max(w["bottom"] for w in right))
    shorter = min(_height(left), _height(right))
    return shorter > 0 and (bottom - top) >= 0.5 * shorter


def _left_aligned(words: list[Word], edge: float) -> bool:
    """Most lines of a real column start at its left edge; right-aligned dates do not."""
    lines = _line_groups(words)
    aligned = sum(1 for line in lines if min(w["x0"] for w in line) - edge <= ALIGN_TOLERANCE)
    return aligned >= 0.6 * len(lines)


def _height(words: list[Word]) -> float:
    return max(w["bottom"] for w in words) - min(w["top"] for w in words)


def _bands(words: list[Word]) -> list[list[Word]]:
    """Horizontal bands separated by gaps taller than normal line spacing."""
    threshold = max(0.7 * median(w["bottom"] - w["top"] for w in words), 4.0)
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
    return _overlap(a, b) >= GUTTER_MIN / 2 and abs(a[1] - b[1]) <= ALIGN_TOLERANCE


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def _line_groups(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        centre = (word["top"] + word["bottom"]) / 2
        if lines and lines[-1][0]["top"] - 0.5 <= centre <= max(w["bottom"] for w in lines[-1]) + 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _read_lines(words: list[Word]) -> list[str]:
    out: list[str] = []
    previous_bottom: float | None = None
    for line in _line_groups(words):
        top = min(w["top"] for w in line)
        height = max(w["bottom"] for w in line) - top
        if previous_bottom is not None and top - previous_bottom > 0.8 * max(height, 1.0):
            out.append("")
        out.append(" ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])))
        previous_bottom = max(w["bottom"] for w in line)
    return out
