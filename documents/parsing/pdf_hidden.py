"""Which characters of a PDF page a human reader cannot see, and why.

A character is hidden when it is drawn in an invisible render mode (3, 7), is smaller than 2 pt,
lies outside the page or outside its clipping path, has the colour of what is behind it (white on
white, or the fill of the shape under it), or is covered by an opaque shape or picture painted
after it. Text over a picture is left alone: what is behind it cannot be told.
"""

from typing import Any

TINY_PT = 2.0
SAME_COLOUR = 0.08  # largest channel difference (0..1) at which text and background look alike
INVISIBLE_RENDER_MODES = {3, 7}
COVER_MARGIN = 0.5  # pt a covering shape may miss the glyph's centre by
WHITE = (1.0, 1.0, 1.0)
OPAQUE = 0.9  # fill opacity from which a shape hides what is under it


def hidden_reasons(page: Any) -> dict[int, str]:
    """id(char) -> why it cannot be seen, for the page's hidden characters."""
    box = page.bbox
    shapes = _filled_shapes(page)
    suspicious = {WHITE} | {colour for _, colour in shapes if colour}
    reasons: dict[int, str] = {}
    for char in page.chars:
        reason = _visibility_reason(char, box)
        if reason is None:
            colour = rgb(char.get("non_stroking_color"))
            if colour is not None and any(same(colour, other) for other in suspicious):
                reason = _background_reason(char, colour, shapes, page.images)
        if reason:
            reasons[id(char)] = reason
    _covered(page, shapes, reasons)
    return reasons


def _filled_shapes(page: Any) -> list[tuple[dict, tuple | None]]:
    """Opaque filled rectangles and curves, in paint order, with their fill colour."""
    shapes = [obj for obj in page.rects + page.curves if obj.get("fill") and obj.get("fill_alpha", 1.0) >= OPAQUE]
    shapes.sort(key=lambda obj: obj.get("seq", 0))
    return [(shape, rgb(shape.get("non_stroking_color"))) for shape in shapes]


def _visibility_reason(char: dict, box: tuple) -> str | None:
    if char.get("render_mode") in INVISIBLE_RENDER_MODES:
        return "drawn in an invisible text render mode"
    if char["size"] < TINY_PT:
        return f"font size {char['size']:.1f} pt, too small to read"
    x0, top, x1, bottom = box
    if char["x1"] <= x0 or char["x0"] >= x1 or char["bottom"] <= top or char["top"] >= bottom:
        return "placed outside the visible page"
    if char.get("clipped"):
        return "outside its clipping area, so never drawn"
    return None


def _background_reason(char: dict, colour: tuple, shapes: list[tuple[dict, tuple | None]], images: list) -> str | None:
    cx, cy = centre(char)
    seq = char.get("seq", 0)
    if any(contains(image, cx, cy) for image in images if image.get("seq", 0) < seq):
        return None  # text over a picture: we cannot tell what is behind it
    background = WHITE
    for shape, fill in shapes:  # later shapes are painted over earlier ones
        if shape.get("seq", 0) < seq and fill and contains(shape, cx, cy):
            background = fill
    return "same colour as the background" if same(colour, background) else None


def _covered(page: Any, shapes: list[tuple[dict, tuple | None]], reasons: dict[int, str]) -> None:
    """Characters under an opaque shape or picture painted after them."""
    covers = [(shape, "covered by a shape drawn over it") for shape, _ in shapes]
    covers += [(image, "covered by a picture drawn over it") for image in page.images]
    if not covers:
        return
    chars = [c for c in page.chars if id(c) not in reasons]
    for cover, reason in covers:
        seq = cover.get("seq", 0)
        for char in chars:
            if char.get("seq", 0) < seq and id(char) not in reasons and contains(cover, *centre(char)):
                reasons[id(char)] = reason


def centre(obj: dict) -> tuple[float, float]:
    return (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2


def same(a: tuple, b: tuple) -> bool:
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= SAME_COLOUR


def contains(obj: dict, x: float, y: float) -> bool:
    m = COVER_MARGIN
    return obj["x0"] - m <= x <= obj["x1"] + m and obj["top"] - m <= y <= obj["bottom"] + m


def rgb(colour: Any) -> tuple[float, float, float] | None:
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
