"""The OpenAPI document says what the server does (tests/test_openapi_fuzzing.py holds the live server to it)."""

import pytest
from drf_spectacular.validation import validate_schema

from documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client) -> dict:
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    validate_schema(document)
    return document


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def test_every_error_is_documented_in_the_contracts_envelope_with_its_codes(schema):
    envelope = schema["components"]["schemas"]["Error"]
    assert envelope["required"] == ["error"]
    assert envelope["properties"]["error"] == {"$ref": "#/components/schemas/ErrorDetail"}
    for name, operation in _operations(schema):
        statuses = {int(s) for s in operation["responses"]}
        assert {401, 403, 406} <= statuses, name  # every operation is for signed-in recruiters
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            body = response["content"]["application/json"]
            assert body["schema"] == {"$ref": "#/components/schemas/Error"}, (name, status)
            codes = [e["value"]["error"]["code"] for e in body["examples"].values()]
            assert codes and all(f"`{code}`" in response["description"] for code in codes), (name, status)


def test_the_codes_views_raise_are_the_documented_ones(schema):
    regenerate = schema["paths"]["/api/v1/interview/{interview_id}/report/regenerate"]["post"]["responses"]
    assert "interview_not_ended" in regenerate["409"]["description"]
    decision = schema["paths"]["/api/v1/interview/{interview_id}/decision"]["post"]["responses"]
    assert {"invalid", "invalid_decision", "malformed_request"} <= {
        e["value"]["error"]["code"] for e in decision["400"]["content"]["application/json"]["examples"].values()
    }
    start = schema["paths"]["/api/v1/interview/start"]["post"]
    assert list(start["requestBody"]["content"]) == ["application/json"]  # a form cannot send null
    assert {"201", "400", "404", "409", "413", "415"} <= set(start["responses"])


def test_created_resources_link_to_their_reads(schema):
    started = schema["paths"]["/api/v1/interview/start"]["post"]["responses"]["201"]["links"]
    assert started["GetInterview"] == {"operationId": "interview_detail",
                                       "parameters": {"interview_id": "$response.body#/id"}}
    uploaded = schema["paths"]["/api/v1/documents/upload/jd"]["post"]["responses"]["202"]["links"]
    assert uploaded["GetDocument"]["operationId"] == "documents_retrieve"
    operation_ids = {op["operationId"] for _, op in _operations(schema)}
    for _, operation in _operations(schema):
        for response in operation["responses"].values():
            assert {link["operationId"] for link in response.get("links", {}).values()} <= operation_ids


def test_an_unknown_candidate_email_is_null_as_documented(schema, api_client):
    field = schema["components"]["schemas"]["DocumentOutput"]["properties"]["candidate_email"]
    assert field["nullable"] is True and field["format"] == "email"
    unknown = Document.objects.create(kind=Document.Kind.RESUME, status=Document.Status.READY)
    given = Document.objects.create(kind=Document.Kind.RESUME, candidate_email="ada@example.com")
    assert api_client.get(f"/api/v1/documents/{unknown.pk}").json()["candidate_email"] is None
    assert api_client.get(f"/api/v1/documents/{given.pk}").json()["candidate_email"] == "ada@example.com"


def test_a_number_is_not_a_string(api_client):
    response = api_client.post("/api/v1/documents/upload/jd", {"text": "A job.", "title": 0}, format="json")
    assert response.status_code == 400 and response.json()["error"]["fields"]["title"]
    assert not Document.objects.exists()
