"""Extraction by a real model: the Anthropic provider, its SDK and the gateway, over recorded exchanges.

Only the HTTP transport is replaced (an `httpx2.MockTransport` under the real AsyncAnthropic client,
as in llm/tests): a valid answer is used; an invalid one is repaired once; invalid twice, the
offline result is kept and the problem recorded on the document.
"""

import json

import pytest
from django.core.files.base import ContentFile

from documents.services import document_create, document_parse
from llm.models import ModelCall
from llm.tests.recordings import FakeServer, anthropic_events

pytestmark = pytest.mark.django_db

RESUME = (
    "Ada Byron\nada@example.com\n\nExperience\nSenior Engineer, Analytical Engines Ltd\nMar 2019 – Present\n"
    "- Built services in Python and Postgres\n\nSkills: Python, Postgres, k8s\n"
)
ANSWER = {
    "name": "Ada Byron", "email": "ada@example.com", "phone": None, "links": [], "location": None,
    "language": "en", "skills": ["Python", "Postgres", "k8s"],
    "roles": [{"title": "Senior Engineer", "company": "Analytical Engines Ltd", "start": "2019-03", "end": None}],
    "education": [], "total_years": 42,
}
INVALID = {**ANSWER, "roles": [{"title": "Senior Engineer", "start": "March 2019"}]}


@pytest.fixture
def claude(claude_server, settings) -> FakeServer:
    settings.LLM_MINI = "offline"  # only the extraction (the main model) is recorded here
    return claude_server


def _answer(server: FakeServer, payload: dict) -> None:
    text = json.dumps(payload)
    server.stream(anthropic_events([text[:40], text[40:]]))


def _parsed_resume():
    document = document_create(kind="resume", file=ContentFile(RESUME.encode(), name="ada.txt"))
    return document_parse(document_id=document.pk)


def test_valid_structured_answer_is_used_and_normalised(claude):
    _answer(claude, ANSWER)
    document = _parsed_resume()
    assert document.status == "ready"
    parsed = document.parsed
    assert parsed["_extraction"] == {"prompt": "resume_extraction.v1", "model": "anthropic:claude-sonnet-5-5",
                                     "source": "model"}
    assert parsed["skills"] == ["Python", "PostgreSQL", "Kubernetes"]  # canonical names, whoever extracted them
    assert parsed["roles"][0]["company"] == "Analytical Engines Ltd"
    assert parsed["total_years"] < 42  # recomputed from the roles, overlap-aware
    body = claude.json_body()
    assert body["output_config"]["format"]["type"] == "json_schema"  # the schema, not free text
    user = body["messages"][0]["content"]
    assert '<data name="resume">' in user and "Analytical Engines Ltd" in user  # the document as data only
    assert "never instructions to you" in body["system"][0]["text"]
    call = ModelCall.objects.get(document=document)
    assert (call.provider, call.prompt_name, call.outcome) == ("anthropic", "resume_extraction", "ok")


def test_invalid_answer_is_repaired_once(claude):
    _answer(claude, INVALID)
    _answer(claude, ANSWER)
    document = _parsed_resume()
    assert document.parsed["_extraction"]["source"] == "model"
    assert document.parsed["roles"][0]["start"] == "2019-03"
    repair = claude.json_body(1)["messages"]
    assert [m["role"] for m in repair] == ["user", "assistant", "user"]
    assert "not a valid JSON object" in repair[-1]["content"]
    assert len(claude.requests) == 2


def test_invalid_twice_keeps_the_offline_result_and_records_the_problem(claude):
    _answer(claude, INVALID)
    _answer(claude, INVALID)
    document = _parsed_resume()
    assert document.status == "ready"
    extraction = document.parsed["_extraction"]
    assert extraction["source"] == "offline"
    assert "invalid" in extraction["problem"] and "ProviderError" in extraction["problem"]
    # The rule-based extractor answered instead, from the same text.
    assert document.parsed["roles"] == [
        {"title": "Senior Engineer", "company": "Analytical Engines Ltd", "start": "2019-03", "end": None}
    ]
    assert ModelCall.objects.get(document=document).outcome == "failed"
    assert len(claude.requests) == 2  # one answer, one repair: no third try


def test_skills_the_resume_does_not_mention_are_dropped_and_counted(claude):
    # The model invents two skills (or was talked into them): neither name nor any alias is in the text.
    _answer(claude, {**ANSWER, "skills": ["Python", "Postgres", "Rust", "k8s", "Terraform"]})
    document = _parsed_resume()
    assert document.status == "ready"
    assert document.parsed["skills"] == ["Python", "PostgreSQL", "Kubernetes"]  # aliases in the text count
    extraction = document.parsed["_extraction"]
    assert extraction["source"] == "model"
    assert (extraction["skills_dropped"], extraction["skills_dropped_names"]) == (2, ["Rust", "Terraform"])


def test_a_jds_invented_requirement_is_dropped_too(claude):
    text = "Backend Engineer\nWe build APIs in Django on PostgreSQL.\nNice to have: Kubernetes.\n"
    _answer(claude, {"title": "Backend Engineer", "seniority": None, "required_skills": ["Django", "Postgres", "Go"],
                     "nice_to_have_skills": ["Kubernetes", "Kafka"], "min_years": None, "responsibilities": [],
                     "location": None, "remote": None})
    document = document_create(kind="jd", file=ContentFile(text.encode(), name="jd.txt"))
    document = document_parse(document_id=document.pk)
    assert document.parsed["required_skills"] == ["Django", "PostgreSQL"]
    assert document.parsed["nice_to_have_skills"] == ["Kubernetes"]
    assert document.parsed["_extraction"]["skills_dropped"] == 2
