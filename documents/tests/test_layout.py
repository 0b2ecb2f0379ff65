"""Faithful text: reading order, tables, small capitals, glyph junk, DOCX lists, notes and pages."""

from docx.oxml import parse_xml

from documents.parsing.cleanup import fix_glyphs

from .factories import docx_bytes, pdf_bytes
from .test_parsing import parse

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_latex_small_capitals_stay_one_word(tmp_path):
    def draw(pdf, width, height):
        x = 60.0
        for ch in "Priya Thompson":
            size = 20 if ch.isupper() or ch == " " else 15.5
            pdf.setFont("Times-Roman", size)
            pdf.drawString(x, 760, ch.upper())
            x += pdf.stringWidth(ch.upper(), "Times-Roman", size) + (4 if ch == " " else 0)

    assert parse(tmp_path, pdf_bytes(draw), "pdf").text == "PRIYA THOMPSON"


def test_ruled_table_is_read_row_by_row(tmp_path):
    rows = [("Period", "Position", "Employer", "City"), ("2021 - now", "Data Engineer", "Idealista", "Madrid"),
            ("2018 - 2021", "Data Analyst", "BBVA", "Bilbao")]
    xs = [50, 150, 280, 420, 545]

    def draw(pdf, width, height):
        pdf.drawString(50, 780, "Experience")
        top = 760
        for r, row in enumerate(rows):
            y = top - 20 * r
            pdf.rect(xs[0], y - 20, xs[-1] - xs[0], 20, fill=0, stroke=1)
            for x in xs[1:-1]:
                pdf.line(x, y, x, y - 20)
            for c, cell in enumerate(row):
                pdf.drawString(xs[c] + 4, y - 14, cell)

    text = parse(tmp_path, pdf_bytes(draw), "pdf").text
    assert "2021 - now | Data Engineer | Idealista | Madrid" in text
    assert "2018 - 2021 | Data Analyst | BBVA | Bilbao" in text
    assert text.index("Experience") < text.index("Period | Position")


def test_sidebar_is_read_apart_even_when_an_address_reaches_into_the_gutter(tmp_path):
    def draw(pdf, width, height):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(40, 800, "ana.long-address.example@example-company.com")  # crosses x=190
        for i in range(16):
            pdf.drawString(40, 780 - 14 * i, f"side {i}")
            pdf.drawString(215, 800 - 14 * i, f"main column sentence number {i} goes on here")

    lines = [line for line in parse(tmp_path, pdf_bytes(draw), "pdf").text.splitlines() if line]
    mains = [i for i, line in enumerate(lines) if line.startswith("main column")]
    sides = [i for i, line in enumerate(lines) if line.startswith("side ")]
    assert mains == sorted(mains) and sides == sorted(sides)
    assert max(sides) < min(mains) or max(mains) < min(sides)  # one column, then the other


def test_glyph_junk_is_repaired():
    assert fix_glyphs("(cid:127) Built APIs") == "• Built APIs"  # a bullet whose font has no map
    assert fix_glyphs("\uf0b7 Led a team") == "• Led a team"  # Symbol-font bullet
    assert fix_glyphs("\uf095 +34 600 000 000 \uf0e0 ana@example.com").strip() == "+34 600 000 000 ana@example.com"
    assert fix_glyphs("e\ufb03cient  work\u00a0flow") == "efficient work flow"


def _letter_list(document):
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text in ("first point", "second point"):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
        )


def test_docx_list_numbering_is_kept_as_text(tmp_path):
    def build(document):
        document.add_paragraph("Led the team", style="List Number")
        document.add_paragraph("Shipped the product", style="List Number")
        document.add_paragraph("A bullet", style="List Bullet")
        _letter_list(document)

    lines = parse(tmp_path, docx_bytes(build), "docx").text.splitlines()
    assert lines == ["1. Led the team", "2. Shipped the product", "• A bullet", "a) first point", "b) second point"]


def test_docx_footnotes_and_page_count(tmp_path):
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    notes = (
        f'<?xml version="1.0"?><w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Certified in 2021</w:t></w:r></w:p></w:footnote></w:footnotes>'
    ).encode()

    def build(document):
        paragraph = document.add_paragraph("AWS Solutions Architect")
        paragraph._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>'))
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, notes, document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        document.add_page_break()
        document.add_paragraph("Page two")
        document.add_page_break()
        document.add_paragraph("Page three")

    result = parse(tmp_path, docx_bytes(build), "docx")
    assert "AWS Solutions Architect[1]" in result.text
    assert "[1] Certified in 2021" in result.text
    assert result.pages == 3
