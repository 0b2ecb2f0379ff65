"""The skill graph: implication a practitioner would sign, relations that make sense, languages apart."""

import pytest

from documents.skill_graph import implications, implied_via, implies, is_generic, parse_graph, related, skill_graph
from documents.skills import all_skills, is_spoken_language, related_skills

# (a skill shown on a resume, a required skill that showing it shows)
IMPLIED = [
    ("Django REST Framework", "REST APIs"),
    ("Django REST Framework", "HTTP"),
    ("Django REST Framework", "Django"),
    ("Django REST Framework", "Python"),
    ("Django", "Python"),
    ("Django", "Web development"),
    ("Flask", "Python"),
    ("FastAPI", "Python"),
    ("FastAPI", "REST APIs"),
    ("Celery", "Message queues"),
    ("SQLAlchemy", "SQL"),
    ("pytest", "Unit testing"),
    ("PostgreSQL", "SQL"),
    ("MySQL", "SQL"),
    ("Microsoft SQL Server", "T-SQL"),
    ("Supabase", "PostgreSQL"),
    ("Amazon ElastiCache", "Caching"),
    ("Redis", "Caching"),
    ("React", "JavaScript"),
    ("Next.js", "React"),
    ("Next.js", "JavaScript"),
    ("TypeScript", "JavaScript"),
    ("Angular", "TypeScript"),
    ("Express.js", "Node.js"),
    ("NestJS", "JavaScript"),
    ("Vue.js", "Frontend development"),
    ("React Native", "Mobile app development"),
    ("SwiftUI", "iOS development"),
    ("Jetpack Compose", "Kotlin"),
    ("Flutter", "Dart"),
    ("Spring Boot", "Java"),
    ("Spring Boot", "REST APIs"),
    ("Ruby on Rails", "Ruby"),
    ("Laravel", "PHP"),
    ("ASP.NET", "C#"),
    ("Kubernetes", "Containerization"),
    ("Amazon EKS", "Kubernetes"),
    ("Amazon EKS", "Amazon Web Services"),
    ("Helm", "Containerization"),
    ("Docker Compose", "Docker"),
    ("AWS Lambda", "Serverless"),
    ("AWS Lambda", "Cloud computing"),
    ("Google BigQuery", "Google Cloud Platform"),
    ("Terraform", "Infrastructure as code"),
    ("GitHub Actions", "CI/CD"),
    ("GitHub Actions", "Git"),
    ("Grafana", "Monitoring and alerting"),
    ("OpenTelemetry", "Observability"),
    ("Ubuntu", "Linux"),
    ("Apache Airflow", "Data pipelines"),
    ("dbt", "SQL"),
    ("Databricks", "Apache Spark"),
    ("PyTorch", "Deep learning"),
    ("PyTorch", "Machine learning"),
    ("scikit-learn", "Machine learning"),
    ("LangChain", "Large language models"),
    ("Tableau", "Data visualization"),
    ("Power BI", "Business intelligence"),
    ("Figma", "UI design"),
    ("Figma", "UX design"),
    ("Adobe Photoshop", "Graphic design"),
    ("Revit", "BIM"),
    ("Scrum", "Agile"),
    ("Critical care", "Nursing"),
    ("Critical care", "Patient care"),
    ("Emergency nursing", "Triage"),
    ("Epic", "Electronic health records"),
    ("Advanced Cardiac Life Support", "CPR"),
    ("Wound care", "Patient care"),
    ("Enterprise sales", "B2B sales"),
    ("Cold calling", "Sales development"),
    ("Key account management", "Account management"),
    ("Google Ads", "Pay-per-click"),
    ("Mailchimp", "Email marketing"),
    ("Semrush", "Search engine optimization"),
    ("Discounted cash flow", "Valuation"),
    ("QuickBooks", "Bookkeeping"),
    ("QuickBooks", "Accounting"),
    ("IFRS", "Financial reporting"),
    ("Lesson planning", "Teaching"),
    ("Moodle", "Learning management systems"),
    ("Greenhouse", "Recruiting"),
    ("BambooHR", "HRIS"),
    ("Forklift operation", "Warehouse management"),
    ("Warehouse management", "Supply chain management"),
    ("Front desk", "Hospitality"),
    ("Contract drafting", "Contract management"),
    ("Privacy law", "GDPR"),
    ("Site supervision", "Construction management"),
    ("Structural engineering", "Civil engineering"),
]

# Pairs that must be neither implied (either way) nor related.
UNRELATED = [
    ("Caching", "Frontend development"),
    ("pytest", "Flask"),
    ("Celery", "Django"),
    ("Python", "Django"),  # Python does not show Django
    ("REST APIs", "Django REST Framework"),
    ("JavaScript", "React"),
    ("SQL", "PostgreSQL"),
    ("Kubernetes", "Amazon Web Services"),
    ("Nursing", "Critical care"),
    ("Sales", "B2B sales"),
]


def test_every_name_in_the_graph_is_a_known_skill():
    assert skill_graph().unknown == []


@pytest.mark.parametrize(("shown", "required"), IMPLIED)
def test_showing_a_skill_shows_what_it_implies(shown, required):
    assert implies(shown, required)


def test_the_table_covers_many_pairs_across_fields():
    assert len(IMPLIED) >= 50


@pytest.mark.parametrize(("one", "other"), UNRELATED)
def test_nonsense_links_are_gone(one, other):
    if (one, other) not in {("Python", "Django"), ("REST APIs", "Django REST Framework"), ("JavaScript", "React"),
                            ("SQL", "PostgreSQL"), ("Nursing", "Critical care"), ("Sales", "B2B sales")}:
        assert not implies(other, one)
    assert not implies(one, other)
    assert other not in related(one) and one not in related(other)
    assert other not in related_skills(one) and one not in related_skills(other)


def test_spoken_languages_are_related_to_no_skill_and_imply_nothing():
    for language in ("English", "Spanish", "German"):
        assert is_spoken_language(language)
        assert implications(language) == set()
        assert all(is_spoken_language(s) for s in related_skills(language))  # only each other
        assert related(language) == set()
    for skill in all_skills():
        if not is_spoken_language(skill):
            assert "English" not in implications(skill) | related(skill) | related_skills(skill)
    assert not is_spoken_language("Python") and not is_spoken_language("Go")
    assert not is_spoken_language("English as a second language")  # a teaching skill


def test_implication_is_transitive_and_tells_the_via():
    assert {"Django", "Python", "REST APIs", "HTTP"} <= implications("Django REST Framework")
    assert implied_via("REST APIs", ["Python", "Django REST Framework"]) == "Django REST Framework"
    assert implied_via("Kubernetes", ["Docker"]) is None


def test_relations_are_practitioner_level():
    assert {"Flask", "FastAPI"} <= related("Django")
    assert {"MySQL", "SQLite"} <= related("PostgreSQL")
    assert "Kubernetes" in related("Docker")
    assert "Wound care" in related("Patient care")


def test_generic_requirements():
    assert is_generic("Communication") and is_generic("Teamwork")
    assert not is_generic("Kubernetes")


def test_the_format_reads_every_kind_of_line():
    graph = parse_graph("# note\nDjango, Flask => Python\nPostgreSQL == Postgres\nrelated: Jest, Vitest\n"
                        "Docker ~ Kubernetes\ngeneric: Communication\nNot a skill => Python\n")
    assert graph.implies["Django"] == {"Python"} and graph.implies["Flask"] == {"Python"}
    assert graph.related["Jest"] == {"Vitest"} and graph.related["Kubernetes"] == {"Docker"}
    assert graph.generic == {"Communication"} and graph.unknown == ["Not a skill"]
    with pytest.raises(ValueError):
        parse_graph("Django implies Python")
