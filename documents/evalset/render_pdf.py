"""PDF layouts for evaluation resumes, drawn with reportlab the way CV tools and LaTeX lay them out.

classic      one column, bold headings, dates right-aligned on the entry's first line
two_column   a light sidebar (contacts, skills, languages, education) beside the main column
sidebar_dark a filled dark sidebar with white text, on the right
latex        Times, small-caps headings over rules, "Company \\hfill City / Title \\hfill Dates", bullets
table        experience in a ruled four-column table
long         one column over three or more pages, with a running header and "Page n of N" footer
"""

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from .compose import Entry, ResumeText

WIDTH, HEIGHT = A4
DARK = (0.13, 0.18, 0.27)


class Flow:
    """A text cursor over pages: wraps, right-aligns, breaks pages, draws running headers."""

    def __init__(self, target, *, x0=50.0, x1=WIDTH - 50, top=HEIGHT - 50, bottom=60.0, font="Helvetica",
                 running=None, total_pages=0, hyphenate=False, spacing=1.35):
        self.c = canvas.Canvas(target, pagesize=A4, invariant=1)
        self.x0, self.x1, self.top, self.bottom = x0, x1, top, bottom
        self.font, self.bold = font, {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}[font]
        self.italic = {"Helvetica": "Helvetica-Oblique", "Times-Roman": "Times-Italic"}[font]
        self.y, self.page, self.running, self.total, self.hyphenate = top, 1, running, total_pages, hyphenate
        self.spacing = spacing
        self._decorate()

    def _decorate(self) -> None:
        if not self.running:
            return
        self.c.setFont(self.font, 8)
        self.c.setFillColorRGB(0.4, 0.4, 0.4)
        self.c.drawString(self.x0, HEIGHT - 30, self.running)
        self.c.drawRightString(self.x1, 30, f"Page {self.page} of {self.total}" if self.total else f"Page {self.page}")
        self.c.setFillColorRGB(0, 0, 0)

    def need(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.c.showPage()
            self.page += 1
            self.y = self.top
            self._decorate()

    def line(self, text: str, *, size=10.0, font=None, x=None, right: str = "", right_font=None, lead=None):
        lead = lead or size * self.spacing
        self.need(lead)
        self.c.setFont(font or self.font, size)
        start = self.x0 if x is None else x
        self.c.drawString(start, self.y - size, text)
        room = self.x1 - start - stringWidth(text, font or self.font, size) - 12
        if right and stringWidth(right, right_font or font or self.font, size) > room:
            self.y -= lead  # no room beside the text: the right-hand part goes on the next line
            self.need(lead)
        if right:
            self.c.setFont(right_font or font or self.font, size)
            self.c.drawRightString(self.x1, self.y - size, right)
        self.y -= lead

    def wrap(self, text: str, width: float, size: float, font=None) -> list[str]:
        font = font or self.font
        lines, current = [], ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if stringWidth(trial, font, size) <= width:
                current = trial
                continue
            if self.hyphenate and len(word) > 8 and word.isalpha():
                head = word[: len(word) // 2]
                if stringWidth(f"{current} {head}-", font, size) <= width:
                    lines.append(f"{current} {head}-".strip())
                    current = word[len(word) // 2 :]
                    continue
            lines.append(current)
            current = word
        return lines + ([current] if current else [])

    def paragraph(self, text: str, *, size=10.0, indent=0.0, bullet="", font=None):
        width = self.x1 - self.x0 - indent - (10 if bullet else 0)
        for i, piece in enumerate(self.wrap(text, width, size, font)):
            if bullet and i == 0:
                self.need(size * self.spacing)
                self.c.setFont(self.font, size)
                self.c.drawString(self.x0 + indent, self.y - size, bullet)
            self.line(piece, size=size, font=font, x=self.x0 + indent + (10 if bullet else 0))

    def gap(self, height=6.0):
        self.y -= height

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def _heading(flow: Flow, text: str, *, rule=True, size=11.0):
    flow.gap(6)
    flow.line(text.upper(), size=size, font=flow.bold)
    if rule:
        flow.c.setLineWidth(0.6)
        flow.c.line(flow.x0, flow.y + 2, flow.x1, flow.y + 2)
    flow.gap(3)


def _entry(flow: Flow, entry: Entry, *, bullet="•", size=10.0):
    for i, (left, right) in enumerate(entry.lines):
        font = flow.bold if i == 0 else flow.italic
        flow.line(left, size=size, font=font, right=right, right_font=flow.font)
    for item in entry.bullets:
        flow.paragraph(item, size=size - 0.5, indent=8, bullet=bullet)
    flow.gap(4)


def _header(flow: Flow, rt: ResumeText, *, contacts_sep=" | "):
    flow.line(rt.name, size=20, font=flow.bold, lead=24)
    flow.line(rt.headline, size=11, lead=15)
    for piece in flow.wrap(contacts_sep.join(rt.contacts), flow.x1 - flow.x0, 9):
        flow.line(piece, size=9)
    flow.gap(4)


def _body(flow: Flow, rt: ResumeText, *, skills_inline=True, bullet="•", size=10.0):
    h = rt.headings
    _heading(flow, h["summary"])
    flow.paragraph(rt.summary, size=size)
    _heading(flow, h["experience"])
    for entry in rt.experience:
        _entry(flow, entry, bullet=bullet, size=size)
    _heading(flow, h["education"])
    for entry in rt.education:
        _entry(flow, entry, size=size)
    _heading(flow, h["skills"])
    if skills_inline:
        flow.paragraph(", ".join(rt.skills), size=size)
    else:
        for skill in rt.skills:
            flow.paragraph(skill, indent=8, bullet=bullet, size=size)
    _heading(flow, h["languages"])
    flow.paragraph(" · ".join(rt.languages), size=size)


def classic(rt: ResumeText, path: str) -> None:
    flow = Flow(path)
    _header(flow, rt)
    _body(flow, rt, bullet="–" if rt.persona.spec.seed % 2 else "•")
    flow.save()


def long(rt: ResumeText, path: str) -> None:
    def draw(target, total):
        flow = Flow(target, running=f"{rt.name} — Curriculum Vitae", total_pages=total, hyphenate=True,
                    top=HEIGHT - 60, bottom=60, x0=70, x1=WIDTH - 70, spacing=1.75)
        _header(flow, rt, contacts_sep="  ·  ")
        _body(flow, rt, skills_inline=False, size=11.5)
        flow.save()
        return flow.page

    pages = draw(io.BytesIO(), 0)
    draw(path, pages)


def _column(flow: Flow, x0: float, x1: float, top: float) -> None:
    flow.x0, flow.x1, flow.y = x0, x1, top


def two_column(rt: ResumeText, path: str, *, dark=False) -> None:
    flow = Flow(path)
    side = (WIDTH - 200, WIDTH - 30) if dark else (40, 190)
    main = (40, WIDTH - 220) if dark else (215, WIDTH - 40)
    if dark:
        flow.c.setFillColorRGB(*DARK)
        flow.c.rect(WIDTH - 215, 0, 215, HEIGHT, fill=1, stroke=0)
    flow.c.setFillColorRGB(*((1, 1, 1) if dark else (0.15, 0.15, 0.15)))
    _column(flow, *side, HEIGHT - 50)
    h = rt.headings
    for title, items in ((h["contact"], rt.contacts), (h["skills"], rt.skills), (h["languages"], rt.languages)):
        flow.gap(4)
        flow.line(title.upper(), size=10, font=flow.bold)
        for item in items:
            for piece in flow.wrap(item, side[1] - side[0], 8.5):
                flow.line(piece, size=8.5, lead=11)
    flow.gap(4)
    flow.line(h["education"].upper(), size=10, font=flow.bold)
    for entry in rt.education:
        for left, right in entry.lines:
            for piece in flow.wrap(f"{left} {right}".strip(), side[1] - side[0], 8.5):
                flow.line(piece, size=8.5, lead=11)
        flow.gap(3)
    flow.c.setFillColorRGB(0, 0, 0)
    _column(flow, *main, HEIGHT - 50)
    flow.line(rt.name, size=20, font=flow.bold, lead=24)
    flow.line(rt.headline, size=11, lead=16)
    _heading(flow, h["summary"], rule=not dark)
    flow.paragraph(rt.summary)
    _heading(flow, h["experience"], rule=not dark)
    for entry in rt.experience:
        _entry(flow, entry, size=9.5)
    flow.save()


def sidebar_dark(rt: ResumeText, path: str) -> None:
    two_column(rt, path, dark=True)


def _small_caps(flow: Flow, text: str, x: float, size: float) -> float:
    """LaTeX \\textsc: capitals at full size, lower-case letters as smaller capitals."""
    for word in text.split():
        for ch in word:
            char_size = size if ch.isupper() or not ch.isalpha() else size * 0.78
            flow.c.setFont("Times-Roman", char_size)
            flow.c.drawString(x, flow.y - size, ch.upper())
            x += stringWidth(ch.upper(), "Times-Roman", char_size)
        x += size * 0.333  # Computer Modern's interword space: a third of an em
    return x


def latex(rt: ResumeText, path: str) -> None:
    flow = Flow(path, font="Times-Roman", x0=56, x1=WIDTH - 56)
    flow.need(26)
    width = sum(stringWidth(ch, "Times-Roman", 22 if ch.isupper() else 17) for ch in rt.name.upper())
    _small_caps(flow, rt.name, (WIDTH - width) / 2, 22)
    flow.y -= 28
    for piece in flow.wrap(" | ".join(rt.contacts), flow.x1 - flow.x0, 9.5):
        flow.c.setFont("Times-Roman", 9.5)
        flow.c.drawCentredString(WIDTH / 2, flow.y - 9.5, piece)
        flow.y -= 12.5
    h = rt.headings
    for key in ("experience", "education", "skills", "languages"):
        flow.gap(8)
        flow.need(20)
        _small_caps(flow, h[key], flow.x0, 12)
        flow.y -= 15
        flow.c.setLineWidth(0.4)
        flow.c.line(flow.x0, flow.y + 1, flow.x1, flow.y + 1)
        flow.gap(4)
        if key == "experience":
            for entry in rt.experience:
                for i, (left, right) in enumerate(entry.lines):
                    font = flow.bold if i == 0 else flow.italic
                    flow.line(left, size=10.5, font=font, right=right, right_font=flow.italic)
                for item in entry.bullets:
                    flow.paragraph(item, size=10, indent=10, bullet="•")
                flow.gap(3)
        elif key == "education":
            for entry in rt.education:
                _entry(flow, entry, size=10.5)
        elif key == "skills":
            flow.paragraph(", ".join(rt.skills), size=10.5)
        else:
            flow.paragraph(", ".join(rt.languages), size=10.5)
    flow.save()


def table(rt: ResumeText, path: str) -> None:
    flow = Flow(path)
    _header(flow, rt)
    h = rt.headings
    _heading(flow, h["summary"])
    flow.paragraph(rt.summary)
    _heading(flow, h["experience"])
    columns = [50, 160, 300, 450, WIDTH - 50]  # period | position | employer | city
    for role in rt.persona.roles:
        spec = rt.persona.spec
        cells = [spec.dates.range(spec.lang, role.start, role.end, rt.persona.present), role.title, role.company,
                 role.city]
        wrapped = [flow.wrap(text, columns[i + 1] - columns[i] - 8, 9) for i, text in enumerate(cells)]
        height = max(len(w) for w in wrapped) * 12 + 6
        flow.need(height)
        flow.c.setLineWidth(0.5)
        flow.c.rect(columns[0], flow.y - height, columns[-1] - columns[0], height, fill=0, stroke=1)
        for x in columns[1:-1]:
            flow.c.line(x, flow.y, x, flow.y - height)
        for i, lines in enumerate(wrapped):
            for j, piece in enumerate(lines):
                flow.c.setFont(flow.font, 9)
                flow.c.drawString(columns[i] + 4, flow.y - 12 - 12 * j, piece)
        flow.y -= height
    _heading(flow, h["education"])
    for entry in rt.education:
        _entry(flow, entry)
    _heading(flow, h["skills"])
    flow.paragraph(", ".join(rt.skills))
    _heading(flow, h["languages"])
    flow.paragraph(", ".join(rt.languages))
    flow.save()


LAYOUTS = {
    "pdf_classic": classic, "pdf_two_column": two_column, "pdf_sidebar_dark": sidebar_dark, "pdf_latex": latex,
    "pdf_table": table, "pdf_long": long,
}
