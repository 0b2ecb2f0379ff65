"""The skill taxonomy: size, aliases, families, and matching that respects words."""

import pytest

from documents.skills import _taxonomy, all_skills, extract_skills, normalize_skill, related_skills


def test_taxonomy_is_large_and_unambiguous():
    skills = all_skills()
    assert len(skills) >= 1500
    assert sum(1 for kind in skills.values() if kind == "general") >= 400  # nursing, sales, teaching...
    clashes = {key: {a.canonical for a in aliases} for key, aliases in _taxonomy().aliases.items()}
    assert {key: names for key, names in clashes.items() if len(names) > 1} == {}


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("Postgres", "PostgreSQL"),
        ("postgresql", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("JS", "JavaScript"),
        ("golang", "Go"),
        ("go", "Go"),
        ("React.js", "React"),
        ("sklearn", "scikit-learn"),
        ("DRF", "Django REST Framework"),
        ("MS Excel", "Microsoft Excel"),
        ("IV therapy", "Intravenous therapy"),
        ("FP&A", "Financial planning and analysis"),
        ("c#", "C#"),
        ("C++", "C++"),
        ("scikit learn", "scikit-learn"),
        ("Unknownium", None),
    ],
)
def test_normalize(alias, canonical):
    assert normalize_skill(alias) == canonical


def test_related_skills_are_the_graphs_practitioner_links():
    # Relation was "same family" (Django ~ Celery, Caching ~ Frontend development); now the graph's links.
    assert {"Flask", "FastAPI"} <= related_skills("Django") and "Celery" not in related_skills("Django")
    assert "Django" not in related_skills("Django")
    assert {"MySQL", "SQLite"} <= related_skills("postgres")
    assert "Wound care" in related_skills("Patient care")
    assert related_skills("Unknownium") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Skills: Python, Go, Rust, C, C++, C#, R", ["Python", "Go", "Rust", "C", "C++", "C#", "R"]),
        ("I wrote services in Go and Python with Postgres and k8s.", ["Go", "Python", "PostgreSQL", "Kubernetes"]),
        ("We go to the office. Let's go! C-level stakeholders. R&D budget.", []),
        ("Spring Boot services; spring cleaning in spring.", ["Spring Boot"]),
        ("Experience with AWS (ECS, S3)", ["Amazon Web Services", "Amazon ECS", "Amazon S3"]),
        ("Worked closely with Sales and Marketing.", []),
        ("Fluent in German; Spanish (native).", ["German", "Spanish"]),
        ("CI/CD with GitHub Actions, A/B testing, Node.js.", ["CI/CD", "GitHub Actions", "A/B testing", "Node.js"]),
        (
            "Registered nurse: patient care, wound care, IV therapy, BLS and ACLS.",
            [
                "Patient care",
                "Wound care",
                "Intravenous therapy",
                "Basic Life Support",
                "Advanced Cardiac Life Support",
            ],
        ),
        ("Objective-C and .NET Core; T-SQL", ["Objective-C", ".NET", "T-SQL"]),
    ],
)
def test_extract_skills(text, expected):
    assert extract_skills(text) == expected


def test_skills_section_counts_everyday_words():
    text = "Summary\nI like to go hiking.\n\nSKILLS\nSales\nNegotiation\nExcel"
    assert extract_skills(text) == ["Sales", "Negotiation", "Microsoft Excel"]
