"""The document API as a client sees it: codes, statuses and shapes from PROTOCOL.md."""

import codecs

import pytest
from rest_framework.test import APIClient

from documents.models import Document
from documents.tasks import document_parse_task

from .factories import SAMPLES, bomb_docx, docx_bytes, text_pdf, upload, zip_bytes

JD_URL = "/api/v1/documents/upload/jd"
RESUME_URL = "/api/v1/documents/upload/resume"
pytestmark = pytest.mark.django_db


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    return response.json()["error"]


def test_resume_upload_is_accepted_then_parsed(api_client, django_capture_on_commit_callbacks):
    content = (SAMPLES / "resume_strong_fit.pdf").read_bytes()
    with django_capture_on_commit_callbacks() as callbacks:
        response = api_client.post(RESUME_URL, {"file": upload("cv.pdf", content), "candidate_name": "Lucía"})
    assert response.status_code == 202
    body = response.json()
    assert body == {"id": body["id"], "kind": "resume", "status": "processing"}
    assert len(callbacks) == 1  # the parse is queued only once the upload is committed

    document = api_client.get(f"/api/v1/documents/{body['id']}").json()
    assert document["status"] == "processing" and document["error"] is None

    document_parse_task(body["id"])
    document = api_client.get(f"/api/v1/documents/{body['id']}").json()
    assert document["status"] == "ready"
    assert document["error"] is None
    assert "Clinicly GmbH" in document["text"]
    assert document["parsed"]["email"] == "lucia.fernandez@example.com"
    assert document["flags"] == []
    assert document["pages"] == 1 and document["language"] == "en"
    assert document["original_name"] == "cv.pdf"
    stored = Document.objects.get(pk=body["id"])
    assert "cv" not in stored.file.name  # stored under a random name
    assert len(stored.sha256) == 64


def test_jd_from_pasted_text(api_client):
    response = api_client.post(
        JD_URL, {"text": "Senior Python Engineer\n\nRequirements\n- Django, 5+ years", "title": "SPE"}
    )
    assert response.status_code == 202
    document_parse_task(response.json()["id"])
    document = api_client.get(f"/api/v1/documents/{response.json()['id']}").json()
    assert document["status"] == "ready"
    assert document["title"] == "SPE"
    assert document["parsed"]["min_years"] == 5
    assert "Django" in document["parsed"]["required_skills"]


def test_jd_upload_as_markdown_file(api_client):
    content = b"---\nlayout: job\n---\n# Data Engineer\n\n## Requirements\n- Python and Airflow\n"
    response = api_client.post(JD_URL, {"file": upload("jd.md", content)})
    assert response.status_code == 202
    document_parse_task(response.json()["id"])
    document = api_client.get(f"/api/v1/documents/{response.json()['id']}").json()
    assert document["text"].startswith("# Data Engineer")  # front matter dropped
    assert document["parsed"]["title"] == "Data Engineer"


@pytest.mark.parametrize("url", [JD_URL, RESUME_URL])
def test_missing_file(api_client, url):
    _error(api_client.post(url, {"title": "x"}), 400, "missing_file")


def test_empty_file(api_client):
    _error(api_client.post(RESUME_URL, {"file": upload("cv.pdf", b"")}), 400, "empty_file")


def test_too_large(api_client, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    error = _error(api_client.post(RESUME_URL, {"file": upload("cv.txt", b"x" * 2000)}), 413, "too_large")
    assert "limit" in error["message"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100),
        ("cv.pdf", b"MZ\x90\x00" + b"\x00" * 100),  # an executable renamed
        ("cv.pdf", b"<!DOCTYPE html><html><body>Hi</body></html>"),
        ("cv.docx", zip_bytes({"hello.txt": b"not a word document"})),
        ("cv.pdf", b"Just some plain text pretending to be a PDF.\n"),
        ("cv.docx", text_pdf("A PDF renamed to .docx")),
        ("cv.txt", b"\x00\x01\x02\x03binary\x00\x00\xff" * 20),
        ("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        ("cv.odt", b"whatever"),
        ("cv.docx", b"\x7fELF\x02\x01\x01" + b"\x00" * 50),
    ],
)
def test_unsupported_or_disguised_type(api_client, name, content):
    _error(api_client.post(RESUME_URL, {"file": upload(name, content)}), 415, "unsupported_type")


def test_truncated_pdf(api_client):
    content = text_pdf("Jane Doe", "Engineer")
    cut = content[: int(len(content) * 0.6)]
    _error(api_client.post(RESUME_URL, {"file": upload("cv.pdf", cut)}), 400, "truncated_file")


def test_archive_bomb_refused_at_upload(api_client):
    error = _error(api_client.post(RESUME_URL, {"file": upload("cv.docx", bomb_docx())}), 400, "archive_bomb")
    assert "compresses" in error["message"]


@pytest.mark.parametrize("jd_id", ["999999", "abc", "resume"])
def test_jd_not_found(api_client, jd_id):
    if jd_id == "resume":  # the id of a resume is not the id of a JD
        jd_id = str(Document.objects.create(kind="resume").pk)
    response = api_client.post(RESUME_URL, {"file": upload("cv.txt", b"Jane Doe"), "jd_id": jd_id})
    _error(response, 400, "jd_not_found")
    assert Document.objects.filter(original_name="cv.txt").count() == 0


def test_resume_attached_to_jd(api_client):
    jd = Document.objects.create(kind="jd", title="Backend")
    response = api_client.post(RESUME_URL, {"file": upload("cv.txt", b"Jane Doe"), "jd_id": str(jd.pk)})
    assert response.status_code == 202
    assert Document.objects.get(pk=response.json()["id"]).jd == jd


@pytest.mark.parametrize(
    "content",
    [codecs.BOM_UTF16_LE + "Jörg Müller, Entwickler".encode("utf-16-le"), "Señor Núñez".encode("cp1252")],
)
def test_text_encodings_accepted(api_client, content):
    response = api_client.post(RESUME_URL, {"file": upload("cv.txt", content)})
    assert response.status_code == 202
    document_parse_task(response.json()["id"])
    text = api_client.get(f"/api/v1/documents/{response.json()['id']}").json()["text"]
    assert "Müller" in text or "Núñez" in text


def test_docx_upload(api_client):
    content = docx_bytes(lambda d: d.add_paragraph("Jane Doe, Python developer"))
    response = api_client.post(RESUME_URL, {"file": upload("cv.docx", content)})
    assert response.status_code == 202


def test_document_not_found(api_client):
    _error(api_client.get("/api/v1/documents/424242"), 404, "not_found")


def test_recruiters_only(db, django_user_model):
    anonymous = APIClient()
    assert anonymous.post(RESUME_URL, {"file": upload("cv.txt", b"x")}).status_code in (401, 403)
    candidate = APIClient()
    candidate.force_authenticate(django_user_model.objects.create_user("cand", password="pw-12345-long"))
    document = Document.objects.create(kind="resume")
    response = candidate.get(f"/api/v1/documents/{document.pk}")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_failed_document_reports_its_error(api_client):
    content = (SAMPLES / "resume_strong_fit.pdf").read_bytes()
    response = api_client.post(RESUME_URL, {"file": upload("cv.pdf", content)})
    stored = Document.objects.get(pk=response.json()["id"])
    stored.file.storage.delete(stored.file.name)  # lost between upload and parse
    document_parse_task(stored.pk)
    document = api_client.get(f"/api/v1/documents/{stored.pk}").json()
    assert document["status"] == "failed"
    assert document["error"]["code"] == "file_missing"
