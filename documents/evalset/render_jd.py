"""Layouts for evaluation job descriptions: text, Markdown, PDF (one or two columns), DOCX (with a facts table)."""

from reportlab.lib.pagesizes import A4

from .jobs import Job
from .render_docx import _save
from .render_pdf import Flow

WIDTH, HEIGHT = A4
HEADINGS = {
    "en": ("About us", "What you'll do", "What we're looking for", "Nice to have", "What we offer"),
    "es": ("Sobre nosotros", "Funciones", "Requisitos", "Se valorará", "Ofrecemos"),
    "fr": ("Qui sommes-nous", "Vos missions", "Profil recherché", "Atouts", "Nous offrons"),
    "de": ("Über uns", "Deine Aufgaben", "Dein Profil", "Wünschenswert", "Wir bieten"),
    "pt": ("Sobre nós", "O que você vai fazer", "Requisitos", "Diferenciais", "Benefícios"),
}
LABELS = {"en": ("Company", "Location"), "es": ("Empresa", "Ubicación"), "fr": ("Entreprise", "Lieu"),
          "de": ("Unternehmen", "Standort"), "pt": ("Empresa", "Local")}


def _sections(job: Job) -> list[tuple[str, list[str]]]:
    about, duties, needs, nice, offer = HEADINGS[job.lang]
    sections = [(about, [job.about]), (duties, [text for text, _ in job.responsibilities]),
                (needs, [text for text, _ in job.required])]
    if job.nice:
        sections.append((nice, [text for text, _ in job.nice]))
    if job.benefits:
        sections.append((offer, job.benefits))
    return sections


def _head(job: Job) -> list[str]:
    return [job.title, job.company] + ([job.mode_line] if job.mode_line else [])


def text(job: Job, path: str) -> None:
    lines = _head(job) + [""]
    for i, (heading, items) in enumerate(_sections(job)):
        lines += [heading, *(items if i == 0 else [f"- {item}" for item in items]), ""]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def markdown(job: Job, path: str) -> None:
    lines = ["---", f"company: {job.company}", "type: job-posting", "---", "", f"# {job.title}", "",
             f"**{job.company}**" + (f" — {job.mode_line}" if job.mode_line else ""), ""]
    for heading, items in _sections(job):
        lines += [f"## {heading}", ""] + (items if len(items) == 1 else [f"* {item}" for item in items]) + [""]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def pdf(job: Job, path: str, *, two_column: bool = False) -> None:
    flow = Flow(path)
    flow.line(job.title, size=17, font=flow.bold, lead=22)
    if two_column:  # an "at a glance" box on the right, the posting on the left
        flow.c.setFillColorRGB(0.93, 0.95, 0.98)
        flow.c.rect(WIDTH - 200, HEIGHT - 260, 160, 190, fill=1, stroke=0)
        flow.c.setFillColorRGB(0, 0, 0)
        top = flow.y
        flow.x0, flow.x1 = WIDTH - 190, WIDTH - 50
        for item in [job.company, *(flow.wrap(job.mode_line, 140, 9) if job.mode_line else [])]:
            flow.line(item, size=9)
        flow.x0, flow.x1, flow.y = 50, WIDTH - 215, top
    else:
        for item in _head(job)[1:]:
            flow.line(item, size=10)
    for heading, items in _sections(job):
        flow.gap(6)
        flow.line(heading, size=11.5, font=flow.bold)
        for item in items:
            flow.paragraph(item, bullet="•" if len(items) > 1 else "", indent=4 if len(items) > 1 else 0)
    flow.save()


def docx_file(job: Job, path: str, *, facts_table: bool = False) -> None:
    import docx

    document = docx.Document()
    document.add_heading(job.title, level=0)
    if facts_table:
        grid = document.add_table(rows=0, cols=2)
        labels = LABELS[job.lang]
        for label, value in ((labels[0], job.company), (labels[1], job.mode_line.split(": ", 1)[-1])):
            if value:
                cells = grid.add_row().cells
                cells[0].text, cells[1].text = label, value
    else:
        for item in _head(job)[1:]:
            document.add_paragraph(item)
    for heading, items in _sections(job):
        document.add_heading(heading, level=2)
        for item in items:
            document.add_paragraph(item, style="List Bullet" if len(items) > 1 else None)
    _save(document, path)


LAYOUTS = {
    "txt": (text, "txt"), "md": (markdown, "md"), "pdf": (pdf, "pdf"),
    "pdf_two_column": (lambda job, path: pdf(job, path, two_column=True), "pdf"),
    "docx": (docx_file, "docx"), "docx_table": (lambda job, path: docx_file(job, path, facts_table=True), "docx"),
}
