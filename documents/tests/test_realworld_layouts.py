"""Layouts that the real-world held-out resumes showed in the second round (documents/evalset/realworld/).

The documents themselves are not ours to commit (except one MIT-licensed Word resume), so each layout
is written here as the parser's text of it, in the same shape, with made-up people and employers.
"""

import pytest

from documents.evalset.realworld import cases
from documents.evalset.scoring import norm
from documents.extraction import extract_resume
from documents.extraction.contacts import find_name, find_phone
from documents.extraction.dates import find_range
from documents.pipeline import extract_fields, read_document

pytestmark = pytest.mark.django_db


def _roles(text: str) -> list[tuple[str | None, str | None]]:
    return [(r["title"], r["company"]) for r in extract_resume(text)["roles"]]


def test_word_resume_with_em_dashes_without_spaces_reads_every_dated_role():
    """"Atom Logistic LLC -Amazon Driver —Alpharetta, Georgia — Aug 2023 - CURRENT": the em dash and
    the " -X" hyphen separate employer, title and place even where a space is missing."""
    path, expected = next((p, e) for p, e in cases() if e["source"]["repo"] == "7Brooksby/Resume_Brooksby")
    parsed = read_document(path=str(path), source_format=expected["format"], kind="resume").parsed
    assert [(norm(r["title"]), norm(r["company"])) for r in parsed["roles"]] == [
        ("amazon driver", "atom logistic llc"),
        ("sales representative", "moxie pest control"),
        ("business development representative", "squeeze media"),
        # "Nov. 2021 - May 2021" ends before it starts: no range, no role
        ("sales representative", "proof. pest control"),
        ("sales representative", "stephen wade chevrolet cadillac"),
    ]


def test_dated_extracurricular_and_honours_entries_are_not_jobs():
    text = (
        "Dana Whitfield\ndana@example.org\n\nExperience\n\n"
        "Harbor Freight Analytics Inc.\tBoston, MA\nData Engineer\tJan. 2020 - Present\n\n"
        "Extracurricular Activity\n\n"
        "Robotics Club (Student team)\tBoston, MA\nCore Member\tSep. 2015 - Jun. 2019\n\n"
        "Honors & Awards\n2018 Finalist, National Data Challenge\tBoston, MA\n"
    )
    assert _roles(text) == [("Data Engineer", "Harbor Freight Analytics Inc.")]


def test_a_bullet_that_states_the_role_in_a_sentence():
    text = (
        "Lucien Marchetti\nlucien@example.fr\n\nWORK EXPERIENCE\n\n"
        "* 1 year Professor at Ecole Supérieure du Numérique from 2015 to today\n\n"
        "* 2 years as Front-End Captain at Synthetix from 2014 to today\n\n"
        "* 9 years as Enthusiast Developer at Aerolux Systems From 2005 to 2014\n"
    )
    assert _roles(text) == [
        ("Professor", "Ecole Supérieure du Numérique"),
        ("Front-End Captain", "Synthetix"),
        ("Enthusiast Developer", "Aerolux Systems"),
    ]


def test_an_employer_wrapped_onto_the_line_under_its_dates():
    text = (
        "Imran Qureshi\nimran@example.pk\n\nPROFESSIONAL EXPERIENCE\n\n"
        "Port Qasim Thermal Power\tNov 2017 - Present\nStation\nHead Procurement\nStrategic Procurement Leadership:\n\n"
        "Led procurement strategies aligned with the plant's long-term operational goals and its budget.\n\n"
        "Port Qasim Thermal Power Station\tJan 2014 - Oct 2017\nIn-Charge Procurement\n"
    )
    assert _roles(text) == [
        ("Head Procurement", "Port Qasim Thermal Power Station"),
        ("In-Charge Procurement", "Port Qasim Thermal Power Station"),
    ]


def test_two_titles_joined_by_a_dash_and_a_title_with_commas_stay_whole():
    two_titles = (
        "Omar Benali\nomar@example.ma\n\nExperience\n\n"
        "NORTHWAVE\tRabat, Morocco\nSOLUTION DESIGNER - TECHNICAL LEADER\tMar. 2024 - Now\n\n"
        "NORTHWAVE\tRabat, Morocco\nSENIOR SOFTWARE ENGINEER\tMay. 2023 - May. 2024\n"
    )
    assert _roles(two_titles) == [
        ("SOLUTION DESIGNER - TECHNICAL LEADER", "NORTHWAVE"),
        ("SENIOR SOFTWARE ENGINEER", "NORTHWAVE"),
    ]
    commas = (
        "Priya Raman\npriya@example.in\n\nPROFESSIONAL EXPERIENCE\n\n"
        "Kestrel Technologies – SAP Mobility, API & Integration Consultant (Sep’14 – Mar’19)\n\n"
        "Brightline – Enterprise Mobility Engineer, Chennai (Jul’12 – Aug’14)\n"
    )
    assert _roles(commas) == [
        ("SAP Mobility, API & Integration Consultant", "Kestrel Technologies"),
        ("Enterprise Mobility Engineer", "Brightline"),  # a place after a comma is no part of the title
    ]


def test_month_comma_month_ranges_and_a_label_column():
    assert (find_range("March 2024, May 2024\tRio de Janeiro").start, find_range("March 2024, May 2024").end) == (
        "2024-03", "2024-05")
    # A range written the usual way still wins over a date list before it.
    span = find_range("Freelance Penetration Tester\tSep. 2013, Mar. 2011 - Oct. 2011")
    assert (span.start, span.end) == ("2011-03", "2011-10")
    text = (
        "Felipe Andrade\nfelipe@example.br\n\n"
        "Education\tUniversidade Federal Fluminense, Niterói, RJ\nBachelor, Computer Engineering, December 2021\n\n"
        "Experience\tSoftware Developer\tCentro Nacional de Energia\n"
        "March 2024, May 2024\tRio de Janeiro\n· Built data pipelines for sensors.\n\n"
        "Teacher assistant\tUFF\nFebruary 2021, October 2021\tRio de Janeiro\n"
        "• Operating Systems (February 2021, October 2021)\n"
        "• Graph Theory (November 2021, February 2022)\n\n"
        "Data Scientist Intern at Globovision\tUFF\nJanuary 2021, July 2021\tRio de Janeiro\n"
    )
    roles = extract_resume(text)["roles"]
    # the courses a teaching assistant taught, dated in brackets under the role, are no roles of their own
    assert [(r["title"], r["company"], r["start"], r["end"]) for r in roles] == [
        ("Software Developer", "Centro Nacional de Energia", "2024-03", "2024-05"),
        ("Teacher assistant", "UFF", "2021-02", "2021-10"),
        ("Data Scientist Intern", "Globovision", "2021-01", "2021-07"),
    ]


# LinkedIn's export as the parser gives it: a description of one line under the place of a role,
# a gap, then the next title at the same employer; an employer right on its title after a gap; a
# title longer than twelve words wrapped over two lines; an employer written in camel case; an
# employer's name wrapped after "of".
LINKEDIN_GROUPED = """Experience

Banco Atlântico
1 ano 3 meses

Analista de TI 3
dezembro de 2024 - Present (9 meses)
São Paulo, São Paulo, Brazil

Responsible for semantic and knowledge graph projects

Trainee
setembro de 2024 - dezembro de 2024 (4 meses)
São Paulo, Brasil

Lidora Elements
ERP & System Integration Expert | Priority + D365 | Data Migration | AI
+ IoT
June 2021 - July 2025 (4 years 2 months)
Tel Aviv, Israel

Built integrations and reports.

Saffra Consultoria

Business Analyst
maio de 2020 - setembro de 2020 (5 meses)
São Carlos, São Paulo, Brasil

iPhiLabs IT and Digital Solutions
Web Development Intern
July 2019 - November 2019 (5 months)
Philippines

LAND UFF - Laboratory for modeling, analysis and development of
networks and computing systems
Undergraduate Research Scholarship
abril de 2017 - março de 2018 (1 ano)
Rio de Janeiro e Região, Brasil
"""


def test_linkedin_descriptions_wrapped_titles_and_camel_case_employers():
    assert _roles(LINKEDIN_GROUPED) == [
        ("Analista de TI 3", "Banco Atlântico"),
        ("Trainee", "Banco Atlântico"),
        ("ERP & System Integration Expert | Priority + D365 | Data Migration | AI + IoT", "Lidora Elements"),
        ("Business Analyst", "Saffra Consultoria"),
        ("Web Development Intern", "iPhiLabs IT and Digital Solutions"),
        ("Undergraduate Research Scholarship",
         "LAND UFF - Laboratory for modeling, analysis and development of networks and computing systems"),
    ]


def test_roles_that_a_sidebar_cuts_off_from_the_experience_section():
    """A Word resume whose sidebar ("CERTIFICATIONS", "EDUCATION" boxes) is read between two jobs."""
    text = (
        "Victor Stanek\nvictor@example.com\n\nWORK EXPERIENCE\n"
        " Ridgeway Health, Pleasanton, CA |    12/2017 till date (6 years)\n"
        " https://ridgeway.example.org  |  Principal IT Engineer\n"
        "• Built the automation framework.\n CLOUD SERVICES\nMicrosoft Azure\nDocker\n"
        "CERTIFICATIONS\nOracle Certified Professional Java EE7 Application Developer\n"
        "EDUCATION\n MS Degree in Computer Science\n University of Illinois\n"
        " Corvex, Pleasanton, CA |  01/2014 – 12/2017 (4 years)\n"
        " http://www.corvex.example  |  Automation and SRE Architect\n"
        "• Built test systems.\n"
        " Hewlett Packard, Fremont, CA |  01/2010 – 12/2013 (4 years)\n"
        " https://www.hp.com  |    Java Developer \n"
    )
    parsed = extract_resume(text)
    assert [(r["title"], r["company"], r["start"]) for r in parsed["roles"]] == [
        ("Principal IT Engineer", "Ridgeway Health", "2017-12"),
        ("Automation and SRE Architect", "Corvex", "2014-01"),
        ("Java Developer", "Hewlett Packard", "2010-01"),
    ]
    assert parsed["education"][0]["institution"] == "University of Illinois"


def test_contacts_a_self_introduction_a_label_above_the_phone_and_no_name_from_a_wrapped_list():
    sidebar = ("Aarav walia\nProfile\nMy name is Aarav Walia and\nI am a sophomore.\n"
               "Contact\nPHONE:\n7986020318\nEMAIL:\n")
    assert find_name(sidebar) == "Aarav Walia"
    assert find_phone(sidebar) == "7986020318"
    assert find_phone("Graduated 2019\n7986020318") is None  # a bare number under no label is still no phone
    nameless = (
        "AI Content Evaluator • Data Annotation Specialist\nTucson, AZ | (520) 555-0100 | eval@example.com\n\n"
        "CORE SKILLS\nAI Evaluation: Model Response Grading, Fact-Checking, Prompt Testing,\nGuideline Adherence\n"
    )
    assert find_name(nameless) is None


PROSE_SKILLS = [
    "Python", "Java", "Go", "Rust", "TypeScript", "JavaScript", "Kotlin", "Swift", "Ruby", "PHP", "Scala", "Haskell",
    "Elixir", "Perl", "Docker", "Kubernetes", "Terraform", "Ansible", "Jenkins", "PostgreSQL", "MySQL", "MongoDB",
    "Redis", "Kafka", "RabbitMQ", "Elasticsearch", "React", "Angular", "Vue.js", "Django", "Flask", "FastAPI",
    "Spring Boot", "Node.js", "GraphQL", "AWS Lambda", "Amazon S3", "Microsoft Azure", "Google Cloud Platform",
    "Linux", "Git", "Jira", "Figma", "Tableau", "Power BI", "Snowflake", "Airflow", "Spark", "Hadoop", "Pandas",
    "NumPy", "TensorFlow", "PyTorch", "Keras", "OpenCV",
]


def test_a_long_resume_keeps_the_skills_its_skills_list_declares():
    """The answer holds at most 50 skills; 55 named in the summary must not push out the declared list."""
    text = (f"Noor Haddad\nnoor@example.com\n\nSummary\nOver ten years I used {', '.join(PROSE_SKILLS)}.\n\n"
            "Skills\nGensim, spaCy, NLTK\n")
    skills = extract_fields(kind="resume", text=text, document_id=None)["skills"]
    assert len(skills) == 50
    assert {"Gensim", "spaCy", "NLTK"} <= set(skills)


def test_awesome_cv_title_at_a_programme_under_its_employer_and_a_note_in_words():
    """Awesome-CV prints "Employer<tab>Place" over "Title<tab>Dates"; "at ..." in the title names a
    programme of that employer, and a bracketed note in words stays with the name it explains."""
    text = (
        "Minjun Park\nminjun@example.kr\n\nExperience\n\n"
        "KORVEX\tSeoul, S.Korea & LA, U.S.A\n"
        "Game Developer Intern at Global Internship Program\tJan. 2013 - Feb. 2013\n"
        "Developed game logic and designed game graphics.\n\n"
        "Software Maestro (funded by Korea Ministry of Knowledge and Economy)\tSeoul, S.Korea\n"
        "Software Engineer Trainee\tJul. 2012 - Jun. 2013\n"
    )
    assert _roles(text) == [
        ("Game Developer Intern at Global Internship Program", "KORVEX"),
        ("Software Engineer Trainee", "Software Maestro (funded by Korea Ministry of Knowledge and Economy)"),
    ]
