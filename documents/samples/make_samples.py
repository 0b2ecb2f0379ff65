"""Write the demo resumes: `python documents/samples/make_samples.py` (needs reportlab, a dev dependency).

resume_strong_fit.pdf - a senior Python/Django engineer, laid out in two columns.
resume_weaker_fit.docx - a frontend-leaning developer; roles in a table, contacts in the page header.
The committed files are the output of this script; run it again after changing it.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

STRONG_SIDEBAR = [
    ("h", "SKILLS"),
    ("t", "Python, Django, Django REST"),
    ("t", "Framework, Celery, Redis,"),
    ("t", "PostgreSQL, SQL, pytest,"),
    ("t", "Docker, Kubernetes, Terraform,"),
    ("t", "AWS, GitHub Actions, CI/CD,"),
    ("t", "Prometheus, Grafana, Linux"),
    ("gap", ""),
    ("h", "LANGUAGES"),
    ("t", "Spanish (native)"),
    ("t", "English (C1)"),
    ("t", "German (B1)"),
    ("gap", ""),
    ("h", "EDUCATION"),
    ("t", "MSc Computer Science"),
    ("t", "Universidad de Granada, 2014"),
    ("gap", ""),
    ("t", "BSc Computer Engineering"),
    ("t", "Universidad de Granada, 2012"),
]
STRONG_MAIN = [
    ("h", "SUMMARY"),
    ("t", "Backend engineer with eight years of Python, most of them building"),
    ("t", "Django services for healthcare and logistics. I like boring, well-tested"),
    ("t", "systems, careful schema migrations and calm on-call rotations."),
    ("gap", ""),
    ("h", "EXPERIENCE"),
    ("b", "Senior Backend Engineer, Clinicly GmbH"),
    ("d", "Mar 2021 – Present"),
    ("t", "- Lead a team of four building the appointments API in Django REST"),
    ("t", "  Framework, serving 2 million requests a day with a p99 under 200 ms."),
    ("t", "- Moved report generation to Celery with Redis and cut timeouts to zero."),
    ("t", "- Tuned PostgreSQL queries and indexes; ran zero-downtime migrations."),
    ("gap", ""),
    ("b", "Backend Developer, Rutas Logística S.L."),
    ("d", "Jan 2017 – Feb 2021"),
    ("t", "- Built route-planning services in Python and Django on AWS."),
    ("t", "- Introduced pytest, Docker and GitHub Actions; releases went daily."),
    ("gap", ""),
    ("b", "Python Developer (part-time), UGR"),
    ("d", "Sep 2015 – Jun 2017"),
    ("t", "- Data pipelines for a research group; Flask APIs over PostgreSQL."),
]


def make_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Lucía Fernández - Resume")
    width, height = A4
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(50, height - 60, "Lucía Fernández")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, height - 78, "Senior Backend Engineer")
    pdf.drawString(50, height - 92, "lucia.fernandez@example.com | +34 612 345 678 | Berlin, Germany")
    pdf.drawString(50, height - 106, "github.com/luciafdz | linkedin.com/in/lucia-fernandez")
    _column(pdf, STRONG_SIDEBAR, x=50, y=height - 140, right=None)
    _column(pdf, STRONG_MAIN, x=230, y=height - 140, right=545)
    pdf.showPage()
    pdf.save()


def _column(pdf, rows, *, x: float, y: float, right: float | None) -> None:
    for kind, text in rows:
        if kind == "gap":
            y -= 8
            continue
        if kind == "d" and right is not None:
            y += 13  # dates sit on the title's line, right-aligned
            pdf.setFont("Helvetica", 9.5)
            pdf.drawRightString(right, y, text)
        else:
            pdf.setFont("Helvetica-Bold" if kind in ("h", "b") else "Helvetica", 10 if kind != "h" else 11)
            pdf.drawString(x, y, text)
        y -= 13


WEAK_ROLES = [
    ("Aug 2022 – Present", "Frontend Developer", "Pixelhaus Agentur GmbH"),
    ("Jan 2021 – Dec 2022", "Freelance Web Developer", "Self-employed"),
    ("Sep 2020 – Jul 2022", "Junior Full-Stack Developer", "Shoply Online AG"),
]


def make_docx(path: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.text = "Tom Becker · tom.becker@example.org · +49 (0)30 1234 5678 · Hamburg, Germany"
    document.add_heading("Tom Becker", level=0)
    document.add_paragraph("Web developer who enjoys turning designs into fast, accessible interfaces.")
    document.add_heading("Experience", level=1)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Period", "Role", "Company"), strict=True):
        cell.text = text
    for period, role, company in WEAK_ROLES:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = period, role, company
    document.add_paragraph("")
    for bullet in (
        "Built React and TypeScript storefronts; small Node.js and Express APIs.",
        "Wrote a few internal tools in Python with Flask; basic SQL with MySQL.",
        "Set up Docker for local development and Jest tests in GitLab CI.",
    ):
        document.add_paragraph(bullet, style="List Bullet")
    document.add_heading("Skills", level=1)
    document.add_paragraph("JavaScript, TypeScript, React, Next.js, HTML, CSS, Tailwind CSS, Node.js, Express, "
                           "Python (basic), Flask, MySQL, Git, Docker, Figma")
    document.add_heading("Education", level=1)
    document.add_paragraph("BSc Media Informatics, Hochschule für Angewandte Wissenschaften Hamburg, 2020")
    document.add_heading("Languages", level=1)
    paragraph = document.add_paragraph("German (native), English (B2)")
    for run in paragraph.runs:
        run.font.size = Pt(11)
    document.save(str(path))


if __name__ == "__main__":
    make_pdf(HERE / "resume_strong_fit.pdf")
    make_docx(HERE / "resume_weaker_fit.docx")
    print("wrote", HERE / "resume_strong_fit.pdf", "and", HERE / "resume_weaker_fit.docx")
