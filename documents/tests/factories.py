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


def raw_pdf(content: bytes, *, filters: str = "") -> bytes:
    """A one-page PDF written by hand around a content stream (already encoded with `filters`)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s>>\nstream\n" % (len(content), filters.encode()) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def bomb_pdf(inflated_mb: int = 1024) -> bytes:
    """A ~1 MB PDF whose content stream inflates to `inflated_mb` MB of zeros.

    Deflate blocks after a full flush do not depend on what came before, so one compressed
    megabyte repeated is a valid stream up to its final checksum, which is only read at the end.
    """
    import zlib

    compressor = zlib.compressobj(9)
    megabyte = b"\0" * (1 << 20)
    head = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = head + block * (inflated_mb - 1) + compressor.flush()
    return raw_pdf(stream, filters="/Filter /FlateDecode ")


def slow_pdf(operations: int = 400_000) -> bytes:
    """A small PDF whose page takes seconds to interpret: hundreds of thousands of text operations."""
    import zlib

    content = b"BT /F1 10 Tf 50 700 Td " + b"(x) Tj 0.01 0 Td " * operations + b"ET"
    return raw_pdf(zlib.compress(content), filters="/Filter /FlateDecode ")
