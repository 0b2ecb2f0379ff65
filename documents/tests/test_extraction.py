"""The rule-based extractor on the demo samples and on the formats resumes really use."""

from datetime import date

import pytest

from documents.extraction import extract_jd, extract_resume
from documents.extraction.dates import find_range, total_years
from documents.extraction.language import detect_language
from documents.parsing.runner import parse_in_child
from documents.schemas import JobDescriptionFields, ResumeFields

from .factories import SAMPLES


def _sample_text(name: str) -> str:
    fmt = name.rsplit(".", 1)[-1]
    return parse_in_child(str(SAMPLES / name), fmt, timeout_s=20, memory_mb=1024, max_pages=30).text


@pytest.fixture(scope="module")
def strong() -> dict:
    return extract_resume(_sample_text("resume_strong_fit.pdf"))


@pytest.fixture(scope="module")
def weaker() -> dict:
    return extract_resume(_sample_text("resume_weaker_fit.docx"))


@pytest.fixture(scope="module")
def jd() -> dict:
    return extract_jd((SAMPLES / "senior_backend_engineer.txt").read_text())


def test_strong_resume_contacts(strong):
    assert strong["name"] == "Lucía Fernández"
    assert strong["email"] == "lucia.fernandez@example.com"
    assert strong["phone"] == "+34 612 345 678"
    assert strong["links"] == ["github.com/luciafdz", "linkedin.com/in/lucia-fernandez"]
    assert strong["location"] == "Berlin, Germany"
    assert strong["language"] == "en"
    ResumeFields.model_validate(strong)


def test_strong_resume_roles_and_education(strong):
    assert strong["roles"][:2] == [
        {"title": "Senior Backend Engineer", "company": "Clinicly GmbH", "start": "2021-03", "end": None},
        {"title": "Backend Developer", "company": "Rutas Logística S.L.", "start": "2017-01", "end": "2021-02"},
    ]
    assert strong["roles"][2]["start"] == "2015-09" and strong["roles"][2]["end"] == "2017-06"
    assert strong["education"] == [
        {"degree": "MSc Computer Science", "institution": "Universidad de Granada", "year": 2014},
        {"degree": "BSc Computer Engineering", "institution": "Universidad de Granada", "year": 2012},
    ]


def test_strong_resume_years_count_overlaps_once(strong):
    today = date.today()
    # 2015-09 to now in one stretch: the part-time role overlaps the 2017 job and is not added twice.
    expected = round(((today.year * 12 + today.month - 1) - (2015 * 12 + 8) + 1) / 12, 1)
    assert strong["total_years"] == expected


def test_strong_resume_skills_are_canonical(strong):
    for skill in (
        "Python",
        "Django",
        "Django REST Framework",
        "PostgreSQL",
        "Kubernetes",
        "Amazon Web Services",
        "CI/CD",
    ):
        assert skill in strong["skills"]
    # Spoken languages are the resume's languages, never its skills (issue 11).
    assert strong["languages"] == ["Spanish", "English", "German"]
    assert not {"Spanish", "English", "German"} & set(strong["skills"])


def test_weaker_resume_from_docx_table_and_header(weaker):
    assert weaker["name"] == "Tom Becker"
    assert weaker["email"] == "tom.becker@example.org"
    assert weaker["phone"] == "+49 (0)30 1234 5678"
    assert weaker["location"] == "Hamburg, Germany"
    assert weaker["roles"] == [
        {"title": "Frontend Developer", "company": "Pixelhaus Agentur GmbH", "start": "2022-08", "end": None},
        {"title": "Freelance Web Developer", "company": "Self-employed", "start": "2021-01", "end": "2022-12"},
        {"title": "Junior Full-Stack Developer", "company": "Shoply Online AG", "start": "2020-09", "end": "2022-07"},
    ]
    assert weaker["education"][0]["institution"].startswith("Hochschule")
    assert "Django" not in weaker["skills"] and "React" in weaker["skills"]


def test_jd_sample(jd):
    assert jd["title"] == "Senior Backend Engineer (Python/Django)"
    assert jd["seniority"] == "senior"
    assert jd["min_years"] == 5
    assert {"Python", "Django", "Django REST Framework", "PostgreSQL", "Celery", "Docker"} <= set(jd["required_skills"])
    assert {"Kubernetes", "Terraform", "Amazon Web Services"} <= set(jd["nice_to_have_skills"])
    assert jd["languages"] == ["English"] and jd["nice_to_have_languages"] == ["German"]
    assert not {"English", "German"} & set(jd["required_skills"] + jd["nice_to_have_skills"])
    assert not set(jd["required_skills"]) & set(jd["nice_to_have_skills"])
    assert jd["responsibilities"][0].startswith("Design, build and operate REST APIs")
    assert len(jd["responsibilities"]) == 7
    assert jd["location"] == "Berlin, Germany"
    assert jd["remote"] is False and jd["work_mode"] == "hybrid"
    JobDescriptionFields.model_validate(jd)


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Jan 2019 – Present", "2019-01", None),
        ("March 2017 - Dec 2018", "2017-03", "2018-12"),
        ("03/2015 – 02/2017", "2015-03", "2017-02"),
        ("2019-03 to 2021-11", "2019-03", "2021-11"),
        ("seit 03/2020", "2020-03", None),
        ("10.2018 – heute", "2018-10", None),
        ("Ene. 2018 – actualidad", "2018-01", None),
        ("juin 2014 à août 2016", "2014-06", "2016-08"),
        ("Set 2019 – Out 2020", "2019-09", "2020-10"),
        ("2012 - 2015", "2012-01", "2015-12"),
        ("Senior Engineer, Acme (Feb 2020 – Current)", "2020-02", None),
        ("Mar ’19 – Present", "2019-03", None),
        ("jan/2019 – atual", "2019-01", None),
        ("nov. 2022 – la actualidad", "2022-11", None),
        ("avr. 2023 – ce jour", "2023-04", None),
        ("Depuis mars 2019", "2019-03", None),
        ("3/2019 – 5/2021", "2019-03", "2021-05"),
        ("Oktober 2023 bis Februar 2025", "2023-10", "2025-02"),
    ],
)
def test_date_ranges(line, start, end):
    span = find_range(line)
    assert (span.start, span.end) == (start, end)


def test_total_years_merges_overlaps():
    today = date(2024, 6, 1)
    spans = [("2015-01", "2016-12"), ("2016-06", "2018-12"), ("2020-01", "2020-12"), ("2020-06", "2020-08")]
    assert total_years(spans, today=today) == 5.0  # 48 months + 12 months, not 71
    assert total_years([("2023-01", None)], today=today) == 1.5  # Jan 2023 to Jun 2024, inclusive


@pytest.mark.parametrize(
    "text",
    [
        "Berufserfahrung\nSoftwareentwickler bei Müller GmbH\n01/2018 – heute\nWebanwendungen mit Python",
        "Experiencia\nDesarrollador Backend en Acme S.L.\nEne 2018 – Actualidad\nDesarrollo de servicios con Django",
    ],
)
def test_roles_in_other_languages(text):
    role = extract_resume(text)["roles"][0]
    assert role["start"] == "2018-01" and role["end"] is None
    assert "Softwareentwickler" in role["title"] or "Desarrollador" in role["title"]
    assert "GmbH" in role["company"] or "Acme" in role["company"]


def test_title_above_company_and_dates():
    text = "EXPERIENCE\nAcme Corp, Berlin\nData Analyst\nJune 2016 - May 2019\n- SQL reports"
    assert extract_resume(text)["roles"] == [
        {"title": "Data Analyst", "company": "Acme Corp", "start": "2016-06", "end": "2019-05"}
    ]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (  # a promotion: two titles under one employer heading
            "EXPERIENCE\nAmazon\tSeattle\nSupply Chain Analyst\tOct 2021 – Present\n• Planned routes\n"
            "Warehouse Supervisor\tMay 2018 – Jun 2021\n• Ran a team",
            [("Supply Chain Analyst", "Amazon"), ("Warehouse Supervisor", "Amazon")],
        ),
        (  # legal forms after a comma, employment types in parentheses
            "Experience\nSoftware Engineer, Northwind Software, Inc. (Contract)  01/2019 – 03/2021",
            [("Software Engineer", "Northwind Software, Inc.")],
        ),
        ("Experience\nBrasserie Le Zinc, Maître d'hôtel  mars 2020 – ce jour",
         [("Maître d'hôtel", "Brasserie Le Zinc")]),
        ("Experience\nScrum Master (Stackline Technologies)\tJune 2017 – January 2020", [("Scrum Master",
                                                                                           "Stackline Technologies")]),
        ("Erfahrung\nGrafikdesigner – Studio Kranich GmbH\t03.2018 – 05.2020", [("Grafikdesigner",
                                                                                     "Studio Kranich GmbH")]),
    ],
)
def test_role_layouts(text, roles):
    found = [(r["title"], r["company"]) for r in extract_resume(text)["roles"]]
    assert found == roles


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("OLIVIA WHITFIELD\nolivia@example.com", "Olivia Whitfield"),
        ("CONTACT\nana@example.com\nSKILLS\nSpring Boot\nMicrosoft Excel\nAna de Souza\nData Analyst\n",
         "Ana de Souza"),
        ("Marcus O'Brien — Curriculum Vitae\nMarcus O'Brien\nTeacher", "Marcus O'Brien"),
        ("Thiago Costa Lima\nEnfermeira\n", "Thiago Costa Lima"),
        ("王小明\n软件工程师\nwang@example.com", "王小明"),
        ("Иван Петров\nинженер", "Иван Петров"),
    ],
)
def test_names(text, name):
    assert extract_resume(text)["name"] == name


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I have worked with the team and our customers for five years, and I am proud of what we built.", "en"),
        (
            "Tengo cinco años de experiencia como desarrolladora con los equipos de producto y también con clientes.",
            "es",
        ),
        (
            "J'ai travaillé avec des équipes pour les clients, et nous avons construit des produits.",
            "fr",
        ),
        ("Ich habe fünf Jahre Erfahrung mit dem Team und wir sind für die Kunden auch im Ausland tätig gewesen.", "de"),
        ("Tenho experiência com as equipes e também com os clientes, você sabe que são muitos anos de trabalho.", "pt"),
        ("Ho lavorato con gli sviluppatori della società e anche nella gestione dei clienti per molti anni.", "it"),
        ("Ik heb vijf jaar ervaring met het team en ook met de klanten van het bedrijf dat wij hebben gebouwd.", "nl"),
        ("Иван Петров, инженер-программист с опытом работы пять лет", "ru"),
        ("Олександр Шевченко, інженер з досвідом роботи", "uk"),
        ("田中太郎 ソフトウェアエンジニア 経験五年", "ja"),
        ("王小明 软件工程师 五年经验", "zh"),
        ("김민수 소프트웨어 엔지니어", "ko"),
        ("Γιώργος Παπαδόπουλος, μηχανικός λογισμικού", "el"),
        ("Jan Kowalski, inżynier oprogramowania z 5 lat doświadczenia w pracy w zespole i nie tylko", "pl"),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language


def test_the_company_blurb_before_the_headings_adds_no_required_skill():
    jd = extract_jd(
        "Senior Backend Engineer\n\nWe are building the hiring platform that sales teams and nurses love.\n\n"
        "Requirements\n- Strong Python and Django\n- PostgreSQL\n"
    )
    assert {"Python", "Django", "PostgreSQL"} <= set(jd["required_skills"])
    assert not {"Hiring", "Sales", "Nursing"} & set(jd["required_skills"])


def test_an_unstructured_jd_still_yields_its_skills():
    jd = extract_jd("Backend developer wanted. You know Python, Django and PostgreSQL well.")
    assert {"Python", "Django", "PostgreSQL"} <= set(jd["required_skills"])
