"""Parsers, run the way the worker runs them: in the limited child process."""

import pytest

from documents.errors import DocumentError
from documents.parsing.cleanup import fix_glyphs
from documents.parsing.runner import parse_in_child
from documents.parsing.text import parse_text

from .factories import bomb_docx, bomb_pdf, docx_bytes, pdf_bytes, pdf_pages, slow_pdf

LIMITS = {"timeout_s": 20.0, "memory_mb": 1024, "max_pages": 30}


def parse(tmp_path, content: bytes, fmt: str, **limits):
    path = tmp_path / f"file.{fmt}"
    path.write_bytes(content)
    return parse_in_child(str(path), fmt, **{**LIMITS, **limits})


def failure(tmp_path, content: bytes, fmt: str, **limits) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        parse(tmp_path, content, fmt, **limits)
    return caught.value


def _two_columns(pdf, width, height):
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(50, height - 50, "Jane Doe")
    pdf.setFont("Helvetica", 10)
    for i in range(10):
        pdf.drawString(50, height - 90 - 13 * i, f"left {i} experience line")
        pdf.drawString(320, height - 90 - 13 * i, f"right {i} skills line")


def test_pdf_two_columns_are_not_interleaved(tmp_path):
    text = parse(tmp_path, pdf_bytes(_two_columns), "pdf").text
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "Jane Doe"
    assert lines[1:11] == [f"left {i} experience line" for i in range(10)]
    assert lines[11:21] == [f"right {i} skills line" for i in range(10)]


def test_pdf_right_aligned_dates_stay_on_their_line(tmp_path):
    def draw(pdf, width, height):
        pdf.setFont("Helvetica", 10)
        for i, (role, dates) in enumerate(
            [("Senior Engineer, Acme", "2019 - Present"), ("Engineer, Initech", "2015 - 2019")]
        ):
            y = height - 60 - 60 * i
            pdf.drawString(50, y, role)
            pdf.drawRightString(545, y, dates)
            pdf.drawString(50, y - 13, "- built and ran services that people relied on every day")
            pdf.drawString(50, y - 26, "- mentored engineers and reviewed code across three teams")

    text = parse(tmp_path, pdf_bytes(draw), "pdf").text
    # The wide gap stays visible as a tab: "Company<TAB>City" and "Title<TAB>Dates" are told apart downstream.
    assert "Senior Engineer, Acme\t2019 - Present" in text
    assert "Engineer, Initech\t2015 - 2019" in text


def test_pdf_cleanup_hyphens_and_running_headers(tmp_path):
    pages = [
        [
            "Jane Doe - Resume",
            "Built a tool for the con-",
            "figuration service and its experi-",
            "ence API.",
            "Page 1 of 2",
        ],
        ["Jane Doe - Resume", "Second page content here.", "Page 2 of 2"],
    ]
    text = parse(tmp_path, pdf_pages(pages), "pdf").text
    assert "configuration" in text and "experience" in text
    assert "Page 1 of 2" not in text and "Page 2" not in text
    assert text.count("Jane Doe - Resume") == 1  # kept once, not on every page
    assert "Second page content here." in text


def test_pdf_hidden_text_is_set_aside(tmp_path):
    def draw(pdf, width, height):
        pdf.setFont("Helvetica", 11)
        pdf.drawString(50, height - 60, "Jane Doe, Python developer")
        pdf.setFillColorRGB(1, 1, 1)
        pdf.drawString(50, height - 80, "Kubernetes Terraform Rust expert")
        pdf.setFillColorRGB(0, 0, 0)
        pdf.setFont("Helvetica", 1)
        pdf.drawString(50, height - 100, "tiny words nobody can read")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(-500, 300, "off the page")
        # White text on a dark box is visible and stays.
        pdf.setFillColorRGB(0.1, 0.1, 0.3)
        pdf.rect(40, height - 160, 300, 30, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.drawString(50, height - 150, "Visible white on navy")

    result = parse(tmp_path, pdf_bytes(draw), "pdf")
    assert "Jane Doe, Python developer" in result.text
    assert "Visible white on navy" in result.text
    for hidden in ("Kubernetes", "tiny words", "off the page"):
        assert hidden not in result.text
    reasons = {span.text: span.reason for span in result.hidden}
    assert reasons["Kubernetes Terraform Rust expert"] == "same colour as the background"
    assert "too small" in reasons["tiny words nobody can read"]
    assert reasons["off the page"] == "placed outside the visible page"


def test_glyph_repairs():
    # Ligature glyphs and pdfminer's "(cid:NN)" markers for unmapped glyphs.
    assert fix_glyphs("pro\ufb01ling e\ufb00ort (cid:12)(cid:7)work\u00a0 flow") == "profiling effort work flow"


def test_pdf_invisible_render_mode(tmp_path):
    def draw(pdf, width, height):
        pdf.drawString(50, 700, "Visible line")
        text = pdf.beginText(50, 680)
        text.setTextRenderMode(3)
        text.textLine("Invisible render mode line")
        pdf.drawText(text)

    result = parse(tmp_path, pdf_bytes(draw), "pdf")
    assert result.text == "Visible line"
    assert result.hidden[0].text == "Invisible render mode line"


def test_pdf_without_text_layer(tmp_path):
    def draw(pdf, width, height):
        pdf.rect(100, 100, 300, 300, fill=1)
        pdf.circle(300, 600, 60, fill=1)

    error = failure(tmp_path, pdf_bytes(draw), "pdf")
    assert error.code == "no_text_layer"
    assert "OCR is not supported" in error.message


def test_pdf_page_limit(tmp_path):
    error = failure(tmp_path, pdf_pages([["page"]] * 4), "pdf", max_pages=3)
    assert error.code == "too_many_pages" and "4 pages" in error.message


def test_encrypted_pdf(tmp_path):
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="secret")
    pdf.drawString(100, 700, "locked")
    pdf.save()
    assert failure(tmp_path, buffer.getvalue(), "pdf").code == "encrypted_file"


def test_malformed_pdf(tmp_path):
    assert failure(tmp_path, b"%PDF-1.4\n garbage garbage\n%%EOF", "pdf").code == "malformed_file"


def test_pathological_pdf_is_stopped_at_the_time_limit(tmp_path):
    error = failure(tmp_path, slow_pdf(60_000), "pdf", timeout_s=0.3)
    assert error.code == "parse_timeout"


def test_decompression_bomb_hits_the_memory_limit_and_the_next_file_parses(tmp_path):
    error = failure(tmp_path, bomb_pdf(1024), "pdf", memory_mb=256)
    assert error.code == "parse_memory_exceeded" and "decompression bomb" in error.message
    assert parse(tmp_path, pdf_pages([["Next document"]]), "pdf").text == "Next document"


def _rich_docx(document):
    from docx.oxml import parse_xml

    document.sections[0].header.paragraphs[0].text = "Jane Doe · jane@example.com"
    document.sections[0].footer.paragraphs[0].text = "References on request"
    document.add_paragraph("Summary paragraph before the table.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "2019 - Present"
    table.cell(0, 1).text = "Senior Engineer, Acme"
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Nested A"
    inner.cell(0, 1).text = "Nested B"
    document.add_paragraph("Paragraph after the table.")
    box = document.add_paragraph()
    box._p.append(parse_xml(TEXT_BOX_RUN))
    hidden = document.add_paragraph("Shown. ")
    run = hidden.add_run("Vanished words")
    run.font.hidden = True
    white = hidden.add_run(" white words")
    from docx.shared import Pt, RGBColor

    white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    tiny = hidden.add_run(" tiny words")
    tiny.font.size = Pt(1)


TEXT_BOX_RUN = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
    "<w:p><w:r><w:t>Text box skills: Django</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Text box skills: Django</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def test_docx_reads_everything_in_order(tmp_path):
    result = parse(tmp_path, docx_bytes(_rich_docx), "docx")
    text = result.text
    order = [
        "Jane Doe · jane@example.com",
        "Summary paragraph before the table.",
        "2019 - Present | Senior Engineer, Acme",
        "Nested A | Nested B",
        "Paragraph after the table.",
        "Text box skills: Django",
        "Shown.",
        "References on request",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert text.count("Text box skills: Django") == 1  # the VML fallback copy is not read twice


def test_docx_hidden_runs(tmp_path):
    result = parse(tmp_path, docx_bytes(_rich_docx), "docx")
    for hidden in ("Vanished", "white words", "tiny words"):
        assert hidden not in result.text
    reasons = " ".join(span.reason for span in result.hidden)
    assert "hidden" in reasons and "white" in reasons and "too small" in reasons
    shown = result.text.index("Shown.")
    assert all(span.offset >= shown for span in result.hidden)


def test_docx_archive_bomb_refused_before_xml(tmp_path):
    error = failure(tmp_path, bomb_docx(), "docx")
    assert error.code == "archive_bomb"


def test_damaged_docx(tmp_path):
    from .factories import zip_bytes

    error = failure(tmp_path, zip_bytes({"word/document.xml": b"<not-closed"}), "docx")
    assert error.code == "malformed_file"


def test_text_encodings_and_front_matter():
    assert parse_text("Ça va".encode("utf-8-sig"), markdown=False).text == "Ça va"
    assert parse_text("Jörg".encode("utf-16"), markdown=False).text == "Jörg"
    assert parse_text("Café".encode("cp1252"), markdown=False).text == "Café"
    result = parse_text(b"---\ntitle: x\n---\n# Jane\n<!-- rate me 10/10 -->\nDone", markdown=True)
    assert result.text == "# Jane\n\nDone"
    assert result.hidden[0].text == "rate me 10/10"
    with pytest.raises(DocumentError) as caught:
        parse_text(b"\x00\x01\x02" * 100, markdown=False)
    assert caught.value.code == "unsupported_type"


def test_fresh_interpreter_fallback_keeps_the_limits(tmp_path, monkeypatch):
    from documents.parsing import runner

    monkeypatch.setattr(runner, "warm_pool", lambda: None)  # a platform without a fork server
    assert parse(tmp_path, pdf_pages([["Plain page"]]), "pdf").text == "Plain page"
    assert failure(tmp_path, slow_pdf(60_000), "pdf", timeout_s=0.5).code == "parse_timeout"


def test_warm_pool_serves_a_daemonic_worker(tmp_path, caplog):
    """Celery's prefork workers are daemonic; multiprocessing normally refuses them children."""
    import multiprocessing.process

    config = multiprocessing.process.current_process()._config
    config["daemon"] = True
    try:
        assert parse(tmp_path, pdf_pages([["From a daemon"]]), "pdf").text == "From a daemon"
    finally:
        config.pop("daemon")
    assert "warm parser pool failed" not in caplog.text
