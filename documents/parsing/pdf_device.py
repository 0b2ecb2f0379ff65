"""What pdfminer does not keep but hidden-text detection needs: render mode, clipping, paint order.

- Text render mode (`Tr`): modes 3 (neither fill nor stroke) and 7 (clip only) draw nothing.
- Clipping (`W n`): pdfminer ignores clipping paths; here the clip is tracked as a device-space
  rectangle (the bounding box of each clipping path, intersected, saved and restored with `q`/`Q`,
  carried into Form XObjects), and each character records whether it falls outside it.
- Paint order: every object gets a sequence number, so a shape painted after a character can be
  recognised as covering it; and shapes keep their fill opacity (`ca` of the ExtGState), so a
  translucent highlight is not mistaken for a cover.
"""

from typing import Any
from unicodedata import normalize

from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import dict_value
from pdfminer.psparser import literal_name
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent, fix_fontname_bytes
from pdfplumber.utils.exceptions import PdfminerException

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in device space (PDF units, y up)


def _intersect(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _path_box(path: list[tuple], ctm: tuple) -> Box | None:
    a, b, c, d, e, f = ctm
    points = []
    for segment in path:
        coords = [float(v) for v in segment[1:] if isinstance(v, int | float)]
        points += [(a * x + c * y + e, b * x + d * y + f) for x, y in zip(coords[::2], coords[1::2], strict=False)]
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


class ClipTrackingInterpreter(PDFPageInterpreter):
    """A page interpreter that keeps the clipping rectangle and tells the device about it."""

    _inherited_clip: Box | None = None

    def dup(self) -> "ClipTrackingInterpreter":
        twin = self.__class__(self.rsrcmgr, self.device)
        twin._inherited_clip = getattr(self, "clip", None)  # a Form XObject is clipped like its caller
        return twin

    def init_state(self, ctm: Any) -> None:
        super().init_state(ctm)
        self.clip: Box | None = self._inherited_clip
        self._clip_pending = False
        self.fill_alpha = 1.0
        self.device.clip, self.device.fill_alpha = self.clip, self.fill_alpha

    def get_current_state(self) -> Any:
        return (*super().get_current_state(), self.clip, self.fill_alpha)

    def set_current_state(self, state: Any) -> None:
        *base, clip, alpha = state
        super().set_current_state(tuple(base))
        self.clip, self.fill_alpha = clip, alpha
        self.device.clip, self.device.fill_alpha = clip, alpha

    def do_gs(self, name: Any) -> None:
        """pdfminer ignores ExtGState; its fill opacity tells a translucent box from an opaque one."""
        try:
            states = dict_value(self.resources.get("ExtGState") or {})
            state = dict_value(states.get(literal_name(name)) or {})
            alpha = state.get("ca")
        except Exception:  # a damaged resource dictionary only costs the opacity
            return
        if isinstance(alpha, int | float):
            self.fill_alpha = float(alpha)
            self.device.fill_alpha = self.fill_alpha

    def do_W(self) -> None:
        self._clip_pending = True

    def do_W_a(self) -> None:
        self._clip_pending = True

    def _apply_clip(self) -> None:
        if self._clip_pending:
            box = _path_box(self.curpath, self.ctm)
            if box is not None:
                self.clip = _intersect(self.clip, box)
                self.device.clip = self.clip
        self._clip_pending = False

    def do_n(self) -> None:
        self._apply_clip()
        super().do_n()

    def do_f(self) -> None:
        self._apply_clip()
        super().do_f()

    def do_S(self) -> None:
        self._apply_clip()
        super().do_S()

    def do_B(self) -> None:
        self._apply_clip()
        super().do_B()

    def do_Do(self, xobjid: Any) -> None:
        super().do_Do(xobjid)
        self.device.clip = self.clip  # a form may have narrowed it for itself


class MarkingAggregator(PDFPageAggregatorWithMarkedContent):
    """Keeps each character's render mode and whether the clip hides it."""

    _render_mode = 0
    clip: Box | None = None
    fill_alpha = 1.0

    def paint_path(self, gstate, stroke, fill, evenodd, path):  # type: ignore[no-untyped-def]
        before = len(self.cur_item._objs)
        super().paint_path(gstate, stroke, fill, evenodd, path)
        for shape in self.cur_item._objs[before:]:
            shape.fill_alpha = self.fill_alpha

    def render_string(self, textstate, seq, ncs, graphicstate):  # type: ignore[no-untyped-def]
        self._render_mode = textstate.render
        super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, *args, **kwargs) -> float:  # type: ignore[no-untyped-def]
        advance = super().render_char(*args, **kwargs)
        char = self.cur_item._objs[-1]
        char.render_mode = self._render_mode
        if self.clip is not None:
            cx, cy = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
            x0, y0, x1, y1 = self.clip
            char.clipped = not (x0 - 0.5 <= cx <= x1 + 0.5 and y0 - 0.5 <= cy <= y1 + 0.5)
        return advance


class MarkedPage(Page):
    """A pdfplumber page whose objects carry `render_mode`, `clipped` and a paint-order `seq`."""

    _sequence = 0

    @property
    def layout(self):  # type: ignore[no-untyped-def]
        if hasattr(self, "_layout"):
            return self._layout
        device = MarkingAggregator(self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams)
        try:
            ClipTrackingInterpreter(self.pdf.rsrcmgr, device).process_page(self.page_obj)
        except Exception as exc:
            raise PdfminerException(exc) from exc
        self._layout = device.get_result()
        return self._layout

    def process_object(self, obj):  # type: ignore[no-untyped-def]
        attrs = self._char(obj) if isinstance(obj, LTChar) else super().process_object(obj)
        self._sequence += 1
        attrs["seq"] = self._sequence
        if hasattr(obj, "fill_alpha"):
            attrs["fill_alpha"] = obj.fill_alpha
        return attrs

    def _char(self, obj: LTChar) -> dict[str, Any]:
        """pdfplumber's character dictionary, built directly: its generic attribute walk costs most of
        a dense page's time. Same keys and values for what this project reads."""
        text = obj.get_text()
        if self.pdf.unicode_norm is not None:
            text = normalize(self.pdf.unicode_norm, text)
        fontname = obj.fontname
        if isinstance(fontname, bytes):  # pragma: no cover - rare byte-encoded font names
            fontname = fix_fontname_bytes(fontname)
        gs = obj.graphicstate
        mb_x0, mb_top = self.mediabox[:2]
        top = (self.height - obj.y1) + mb_top
        return {
            "matrix": obj.matrix, "fontname": fontname, "adv": obj.adv, "upright": obj.upright,
            "x0": obj.x0 + mb_x0, "y0": obj.y0, "x1": obj.x1 + mb_x0, "y1": obj.y1,
            "width": obj.width, "height": obj.height, "size": obj.size,
            "mcid": getattr(obj, "mcid", None), "tag": getattr(obj, "tag", None),
            "object_type": "char", "page_number": self.page_number, "text": text,
            "stroking_color": gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,),
            "non_stroking_color": gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,),
            "top": top, "bottom": (self.height - obj.y0) + mb_top, "doctop": self.initial_doctop + top,
            "render_mode": getattr(obj, "render_mode", 0), "clipped": getattr(obj, "clipped", False),
        }
