"""Files for tests, made on the fly: PDFs with reportlab, DOCX with python-docx, ZIPs by hand."""

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def pdf_bytes(draw) -> bytes:
    """A one-page A4 PDF; `draw(canvas, width, height)` paints it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    draw(pdf, *A4)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_pages(pages: list[list[str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        y = 800
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def text_pdf(*lines: str) -> bytes:
    return pdf_pages([list(lines)])


def docx_bytes(build) -> bytes:
    """A DOCX; `build(document)` fills a python-docx Document."""
    import docx

    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bomb_docx() -> bytes:
    """A DOCX-shaped ZIP whose document.xml inflates 1000:1 to 8 MB."""
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>" + b"A" * 8_000_000})
