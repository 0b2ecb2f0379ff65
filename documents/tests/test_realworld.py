"""Real resumes from public repositories (documents/evalset/realworld/) through the real pipeline.

Only the committed documents are read here (RenderCV themes, Deedy, one Word resume); the others
are rebuilt outside the repository and scored by `bench/extraction.py --set realworld`. Layouts
whose real examples cannot be committed (LinkedIn exports, LaTeX PDFs without space characters)
are checked on text or PDFs made here in the same layout.
"""

import pytest

from documents.evalset.realworld import HERE, cases
from documents.evalset.scoring import norm, norm_phone
from documents.extraction import extract_resume
from documents.extraction.contacts import find_phone
from documents.extraction.places import is_place
from documents.extraction.sections import heading_key
from documents.parsing.cleanup import fix_glyphs
from documents.parsing.pdf import parse_pdf
from documents.pipeline import read_document

from .factories import pdf_bytes

pytestmark = pytest.mark.django_db

COMMITTED_LICENCES = ("MIT", "Apache-2.0")


def _case(repo: str, source_path: str):
    return next((path, expected) for path, expected in cases()
                if (expected["source"]["repo"], expected["source"]["path"]) == (repo, source_path))


def _read(repo: str, source_path: str) -> tuple[dict, dict]:
    path, expected = _case(repo, source_path)
    return read_document(path=str(path), source_format=expected["format"], kind="resume").parsed, expected


def _roles(roles: list[dict]) -> list[tuple[str, str]]:
    return [(norm(r["title"]), norm(r["company"])) for r in roles]


def test_every_document_keeps_its_provenance_and_only_permitted_files_are_committed():
    found = cases()
    assert len(found) >= 40
    committed = {p.name for p in (HERE / "files").iterdir() if p.is_file()}
    for _, expected in found:
        source = expected["source"]
        assert source["repo"].count("/") == 1 and len(source["commit"]) == 40 and source["path"]
        assert source["committed"] == source["licence"].startswith(COMMITTED_LICENCES)
        assert (expected["file"] in committed) == source["committed"], expected["file"]
    layouts = {e["layout"] for _, e in found}
    for split in ("tune", "holdout"):
        assert {e["layout"] for _, e in found if e["split"] == split} == layouts


RENDERCV_THEMES = ["Classic", "Sb2nov", "Moderncv", "Harvard", "Engineeringresumes", "Engineeringclassic", "Ink",
                   "Opal", "Ember"]  # Ember's "◆" bullets are bullets, not a sixth role's title


@pytest.mark.parametrize("theme", RENDERCV_THEMES)
def test_rendercv_theme_reads_the_roles_of_its_yaml(theme):
    """Title over employer with dates flush right (sb2nov), "Employer, Title" with the dates beside the
    first bullet (classic), dates first (moderncv): the same five roles from every theme."""
    parsed, expected = _read("rendercv/rendercv", f"examples/John_Doe_{theme}Theme_CV.pdf")
    assert parsed["name"] == "John Doe" and parsed["email"] == "john.doe@email.com"
    assert parsed["phone"] is None  # the publications' DOIs ("10.1234/neurips.2023.1234") are no phone
    assert _roles(parsed["roles"]) == _roles(expected["roles"])


@pytest.mark.parametrize("source_path", ["OpenFonts/deedy_resume-openfont.pdf", "MacFonts/deedy_resume.pdf"])
def test_deedy_two_column_resume(source_path):
    """The name in large type over a two-column page; roles as "EMPLOYER | Title" over "dates | places"."""
    parsed, expected = _read("deedy/Deedy-Resume", source_path)
    assert parsed["name"] == "Debarghya Das"
    assert parsed["email"] == "deedy@fb.com" and norm_phone(parsed["phone"]) == "6073795733"
    assert _roles(parsed["roles"]) == _roles(expected["roles"])


def test_word_resume_with_em_dash_one_liners():
    parsed, _ = _read("7Brooksby/Resume_Brooksby", "resume.docx")
    assert parsed["name"] == "Seven Brooksby" and parsed["email"] == "7brooksby@gmail.com"
    assert {("sales representative", "moxie pest control"), ("business development representative", "squeeze media"),
            ("sales representative", "proof. pest control")} <= set(_roles(parsed["roles"]))


# The layout of LinkedIn's "Save to PDF" export, as its text comes out of the parser: sidebar first,
# addresses wrapped by the narrow column, employer / title / dates (duration) / place, an employer
# with two titles under one name and a total duration, a page break inside a role. Written here:
# the real exports in the set are not ours to commit.
LINKEDIN_EXPORT = """Contact
0712345678 (Home)
maria.ostrowska-kowalczyk@gmail.c
om

www.linkedin.com/in/
mariaostrowska (LinkedIn)

Top Skills
System Monitoring
Site Reliability Engineering
Grafana

Maria Ostrowska
Platform Engineer at Northwind
Nairobi County, Kenya

Summary
I keep services up and help teams ship with confidence.

Experience

Northwind
3 years 2 months
Platform Engineer
March 2023 - Present (2 years 10 months)
Nairobi County, Kenya
Ran the monitoring stack and the on-call rota.

Site Reliability Intern
October 2022 - February 2023 (5 months)

Page 1 of 2

Tidewater Analytics
Junior Data Analyst
2021 - 2022 (1 year)
Built the weekly reporting pipeline and kept the team's dashboards
honest.

Education
University of Nairobi
Bachelor of Science - BS, Electrical and Electronics Engineering
"""


def test_linkedin_export_layout_reads_employer_title_and_dates_by_position():
    parsed = extract_resume(LINKEDIN_EXPORT)
    assert parsed["name"] == "Maria Ostrowska"
    assert parsed["email"] == "maria.ostrowska-kowalczyk@gmail.com"
    assert parsed["phone"] == "0712345678"
    assert [(r["title"], r["company"], r["start"], r["end"]) for r in parsed["roles"]] == [
        ("Platform Engineer", "Northwind", "2023-03", None),
        ("Site Reliability Intern", "Northwind", "2022-10", "2023-02"),
        ("Junior Data Analyst", "Tidewater Analytics", "2021-01", "2022-12"),
    ]


def _words_without_spaces(pdf, width, height):
    """Words placed one by one with no space characters between them, as LaTeX and Typst write PDFs."""
    pdf.setFont("Helvetica", 10)
    for y, words in ((780, ["Dunamu", "Inc.", "Seoul,", "S.Korea"]), (766, ["Site", "Reliability", "Engineer"])):
        x = 60.0
        for word in words:
            pdf.drawString(x, y, word)
            x += pdf.stringWidth(word, "Helvetica", 10) + 2.2  # 0.22 em: a justified LaTeX word space


def test_pdf_without_space_characters_is_read_as_words(tmp_path):
    path = tmp_path / "latex.pdf"
    path.write_bytes(pdf_bytes(_words_without_spaces))
    lines = parse_pdf(str(path), max_pages=5).text.splitlines()
    assert lines[:2] == ["Dunamu Inc. Seoul, S.Korea", "Site Reliability Engineer"]
    assert fix_glyphs("Sep. 2023\u00adMar. 2024") == "Sep. 2023-Mar. 2024"  # LaTeX fonts' hyphen is U+00AD


def test_real_layout_details():
    assert find_phone("doi: 10.1234/neurips.2023.1234") is None
    assert heading_key("skills.") is None and heading_key("Skills") == ("skills", "")
    assert is_place("Boston MA") and is_place("Santa Clara, CA") and is_place("Palo Alto, CA & Ithaca, NY")
    assert not is_place("Salsify")
    parsed = extract_resume(
        "Ron Example\nron@example.com\n\nEXPERIENCE\n\n"
        "2018-2023\tSalsify ------------------------------------------ Boston MA\n"
        "2003-2007\tHP (Autonomy) ---------------------------------- Cambridge MA\n"
    )
    assert [r["company"] for r in parsed["roles"]] == ["Salsify", "HP (Autonomy)"]
