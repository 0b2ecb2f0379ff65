"""DOCX layouts for evaluation resumes, written with python-docx (and raw XML where it has no API).

docx_table     experience as a two-column table (dates | title and employer), contacts in paragraphs
docx_textbox   name and contacts in a floating text box, skills in a second one
docx_layout    the whole page in a two-column layout table, with a nested table for languages
docx_header    contacts in the page header, Word list styles for bullets and numbered items
docx_plain     Heading styles, dates on their own line after a tab, "List Number" items

Saved deterministically: fixed core properties and ZIP timestamps, so the committed files only
change when the generator does.
"""

import io
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

from .compose import Entry, ResumeText

FIXED = datetime(2025, 6, 1)
_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box_run(paragraphs: list[str], box_id: int) -> str:
    """A floating DrawingML text box with its VML fallback, as Word writes it."""
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        f"<w:r {_NS}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        f"<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"{box_id}\" "
        "behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
        "<wp:positionH relativeFrom=\"page\"><wp:posOffset>4800000</wp:posOffset></wp:positionH>"
        "<wp:positionV relativeFrom=\"page\"><wp:posOffset>500000</wp:posOffset></wp:positionV>"
        "<wp:extent cx=\"2400000\" cy=\"1800000\"/><wp:wrapSquare wrapText=\"bothSides\"/>"
        f"<wp:docPr id=\"{box_id}\" name=\"Text Box {box_id}\"/><a:graphic><a:graphicData "
        "uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp><wps:txbx>"
        f"<w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def _right_tab(paragraph, left: str, right: str, *, bold=False):
    paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(480), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(left).bold = bold
    if right:
        paragraph.add_run("\t" + right)


def _entry(document, entry: Entry, *, bullet_style="List Bullet"):
    for i, (left, right) in enumerate(entry.lines):
        _right_tab(document.add_paragraph(), left, right, bold=i == 0)
    for item in entry.bullets:
        document.add_paragraph(item, style=bullet_style)


def _sections(document, rt: ResumeText, *, skip=(), bullet_style="List Bullet", heading=None):
    h = rt.headings
    heading = heading or (lambda text: document.add_heading(text, level=1))
    if "summary" not in skip:
        heading(h["summary"])
        document.add_paragraph(rt.summary)
    heading(h["experience"])
    for entry in rt.experience:
        _entry(document, entry, bullet_style=bullet_style)
    heading(h["education"])
    for entry in rt.education:
        _entry(document, entry)
    if "skills" not in skip:
        heading(h["skills"])
        document.add_paragraph(", ".join(rt.skills))
    if "languages" not in skip:
        heading(h["languages"])
        for language in rt.languages:
            document.add_paragraph(language, style=bullet_style)


def _save(document, path: str) -> None:
    props = document.core_properties
    props.created = props.modified = props.last_printed = FIXED
    props.author = props.last_modified_by = "evalset"
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))


def plain(rt: ResumeText, path: str) -> None:
    document = docx.Document()
    document.add_heading(rt.name, level=0)
    document.add_paragraph(rt.headline)
    document.add_paragraph(" | ".join(rt.contacts))
    _sections(document, rt, bullet_style="List Number")
    _save(document, path)


def header(rt: ResumeText, path: str) -> None:
    document = docx.Document()
    head = document.sections[0].header.paragraphs[0]
    head.text = f"{rt.name} · {rt.contacts[0]} · {rt.contacts[1]}"
    document.sections[0].header.add_paragraph(" · ".join(rt.contacts[2:]))
    title = document.add_paragraph()
    title.add_run(rt.headline).bold = True
    _sections(document, rt)
    _save(document, path)


def table(rt: ResumeText, path: str) -> None:
    document = docx.Document()
    document.add_heading(rt.name, level=0)
    document.add_paragraph(rt.headline)
    for contact in rt.contacts:
        document.add_paragraph(contact)
    h = rt.headings
    document.add_heading(h["summary"], level=1)
    document.add_paragraph(rt.summary)
    document.add_heading(h["experience"], level=1)
    grid = document.add_table(rows=0, cols=2)
    spec = rt.persona.spec
    for role in rt.persona.roles:
        cells = grid.add_row().cells
        cells[0].text = spec.dates.range(spec.lang, role.start, role.end, rt.persona.present)
        cells[1].paragraphs[0].add_run(role.title).bold = True
        cells[1].add_paragraph(role.company)
        for item in role.bullets:
            cells[1].add_paragraph(item, style="List Bullet")
    document.add_heading(h["education"], level=1)
    for entry in rt.education:
        _entry(document, entry)
    document.add_heading(h["skills"], level=1)
    document.add_paragraph(", ".join(rt.skills))
    document.add_heading(h["languages"], level=1)
    document.add_paragraph(", ".join(rt.languages))
    _save(document, path)


def textbox(rt: ResumeText, path: str) -> None:
    document = docx.Document()
    anchor = document.add_paragraph()
    anchor._p.append(parse_xml(_text_box_run([rt.name, rt.headline, *rt.contacts], 1)))
    _sections(document, rt, skip=("skills",))
    box = document.add_paragraph()
    box._p.append(parse_xml(_text_box_run([rt.headings["skills"], *rt.skills], 2)))
    _save(document, path)


def layout(rt: ResumeText, path: str) -> None:
    """The whole CV in a 1x2 table: a sidebar cell and a main cell, as many Word templates do."""
    document = docx.Document()
    grid = document.add_table(rows=1, cols=2)
    side, main = grid.rows[0].cells
    h = rt.headings
    side.paragraphs[0].add_run(rt.name).bold = True
    for contact in rt.contacts:
        side.add_paragraph(contact)
    side.add_paragraph(h["skills"].upper()).runs[0].bold = True
    for skill in rt.skills:
        side.add_paragraph(skill, style="List Bullet")
    side.add_paragraph(h["languages"].upper()).runs[0].bold = True
    nested = side.add_table(rows=0, cols=2)
    for skill, level in rt.persona.spoken:
        row = nested.add_row().cells
        row[0].text, row[1].text = skill.written, level
    main.paragraphs[0].add_run(rt.headline).bold = True
    main.add_paragraph(rt.summary)
    for key, entries in (("experience", rt.experience), ("education", rt.education)):
        heading = main.add_paragraph()
        run = heading.add_run(h[key].upper())
        run.bold, run.font.color.rgb = True, RGBColor(0x1F, 0x3A, 0x5F)
        for entry in entries:
            for i, (left, right) in enumerate(entry.lines):
                main.add_paragraph().add_run(f"{left}  {right}".strip()).bold = i == 0
            for item in entry.bullets:
                main.add_paragraph(item, style="List Bullet")
    _save(document, path)


LAYOUTS = {"docx_plain": plain, "docx_header": header, "docx_table": table, "docx_textbox": textbox,
           "docx_layout": layout}
