"""`parse_document` prints what the API would return, and fails clearly on bad files."""

import json

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document

from .factories import SAMPLES

pytestmark = pytest.mark.django_db


def test_json_output_matches_the_api_shape(capsys, api_client):
    call_command("parse_document", str(SAMPLES / "resume_strong_fit.pdf"), "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["id"] is None and printed["status"] == "ready" and printed["error"] is None
    assert printed["parsed"]["email"] == "lucia.fernandez@example.com"
    assert Document.objects.count() == 0  # nothing saved

    # The same keys as GET /api/v1/documents/{id} for the same file.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.tasks import document_parse_task

    content = (SAMPLES / "resume_strong_fit.pdf").read_bytes()
    response = api_client.post(
        "/api/v1/documents/upload/resume", {"file": SimpleUploadedFile("resume_strong_fit.pdf", content)}
    )
    document_parse_task(response.json()["id"])
    from_api = api_client.get(f"/api/v1/documents/{response.json()['id']}").json()
    assert set(printed) == set(from_api)
    for key in ("text", "flags", "flag_details", "language", "pages", "kind", "original_name", "source_format"):
        assert printed[key] == from_api[key], key
    assert printed["parsed"] == from_api["parsed"]


def test_readable_summary_for_a_jd(capsys):
    call_command("parse_document", str(SAMPLES / "senior_backend_engineer.txt"), "--kind", "jd")
    out = capsys.readouterr().out
    assert "jd, ready" in out
    assert "flags: none" in out
    assert "min_years: 5.0" in out
    assert "Senior Backend Engineer" in out


def test_bad_file_is_a_clear_error(tmp_path, capsys):
    fake = tmp_path / "cv.pdf"
    fake.write_bytes(b"MZ\x90\x00 not really a pdf")
    with pytest.raises(
        CommandError, match="unsupported_type: The file is named .pdf but its content is a Windows executable"
    ):
        call_command("parse_document", str(fake), "--json")
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "unsupported_type"
    with pytest.raises(CommandError, match="No such file"):
        call_command("parse_document", str(tmp_path / "missing.pdf"))
