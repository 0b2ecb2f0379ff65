"""The OpenAPI document against the live server: real Daphne, a Celery worker, PostgreSQL and Redis.

schemathesis (a property-based OpenAPI fuzzer) reads `/api/v1/schema/` and sends every operation what the
document allows and what it does not, then follows the document's links (upload -> document, start or
import -> interview, report, decision...). Every check it has runs: server errors, status codes,
content types, response schemas and headers, positive and negative data, auth that is ignored, and our
own (tests/schemathesis_hooks.py: each error's code is one its operation documents for that status).
It runs as a recruiter with a token, then as an anonymous caller; any failure fails the test.
Settings: tests/schemathesis.toml. README, "Fuzzing the API", has the same run by hand.
"""

import os
import re
import subprocess
import time

import httpx2
import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token

from analysis.tests.imported_transcripts import labelled_text

from . import live
from .conftest import require_real_services
from .test_end_to_end import JD_TEXT, _wait_ready

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

CONFIG = live.ROOT / "tests" / "schemathesis.toml"
RESUME_TEXT = """Jordan Rivera
jordan.rivera@example.com

Experience
Backend Engineer, Acme (2019-01 - present): Python, Django, PostgreSQL, REST APIs, Celery, Redis.
"""


@pytest.fixture
def api_stack(transactional_db, tmp_path):
    """Daphne and the application's worker on the test database (no sandbox worker: no coding tasks)."""
    require_real_services()
    env = live.process_env(settings.DATABASES["default"], tmp_path / "media")
    port = live.free_port()
    with (
        live.running(live.worker_args(concurrency=1), env, tmp_path / "worker.log"),
        live.running(live.daphne_args(port), env, tmp_path / "web.log", port=port),
    ):
        yield f"http://127.0.0.1:{port}"


def _error_shape(response: httpx2.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers.get("content-type") == "application/json", response.headers
    assert response.json()["error"]["code"] == code and response.json()["error"]["message"]


def test_requests_refused_before_any_view_runs_answer_in_the_contract_shape(api_stack, recruiter):
    token = Token.objects.create(user=recruiter)
    client = httpx2.Client(base_url=api_stack, headers={"Authorization": f"Token {token.key}"}, timeout=20)
    upload = "/api/v1/documents/upload/jd"

    # A multipart body with no parts: the web server used to answer a bare 400, no body, no Content-Type.
    empty = client.post(upload, content=b"--b0undary--\r\n",
                        headers={"Content-Type": "multipart/form-data; boundary=b0undary"})
    _error_shape(empty, 400, "missing_file")
    _error_shape(client.post(upload, content=b"garbage", headers={"Content-Type": "multipart/form-data"}),
                 400, "malformed_request")
    _error_shape(client.post("/api/v1/interview/start", content=b'{"jd_id": 1,',
                             headers={"Content-Type": "application/json"}), 400, "malformed_request")
    _error_shape(client.post("/api/v1/interview/start", content=b"jd_id=1", headers={"Content-Type": "text/csv"}),
                 415, "unsupported_media_type")
    _error_shape(client.get("/api/v1/interview/-1"), 404, "not_found")  # no route matches a negative id
    _error_shape(httpx2.post(api_stack + upload, content=b"{}", headers={"Content-Type": "application/json"}),
                 401, "not_authenticated")
    # Unknown Host: Django refuses it before routing.
    _error_shape(client.get("/api/v1/interview/1", headers={"Host": "evil.example"}), 400, "bad_request")


def _seed(base_url: str, token: str) -> dict[str, list[int]]:
    """A ready JD and resume, a scheduled interview and an imported (ended, reported) one, for the fuzzer
    to find behind the ids it tries: otherwise nearly every id it draws names nothing."""
    client = httpx2.Client(base_url=base_url, headers={"Authorization": f"Token {token}"}, timeout=30)
    jd = client.post("/api/v1/documents/upload/jd", json={"text": JD_TEXT, "title": "Senior Backend Engineer"})
    resume = client.post("/api/v1/documents/upload/resume", data={"jd_id": str(jd.json()["id"])},
                         files={"file": ("jordan.txt", RESUME_TEXT.encode(), "text/plain")})
    assert (jd.status_code, resume.status_code) == (202, 202), (jd.text, resume.text)
    jd_id, resume_id = jd.json()["id"], resume.json()["id"]
    assert _wait_ready(client, jd_id)["status"] == _wait_ready(client, resume_id)["status"] == "ready"
    started = client.post("/api/v1/interview/start", json={"jd_id": jd_id, "resume_id": resume_id})
    imported = client.post("/api/v1/transcripts", json={"jd_id": jd_id, "resume_id": resume_id,
                                                        "text": labelled_text()})
    assert (started.status_code, imported.status_code) == (201, 202), (started.text, imported.text)
    report_url = imported.json()["report_url"]
    deadline = time.monotonic() + 90
    while client.get(report_url).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    return {"documents": [jd_id, resume_id], "jds": [jd_id],
            "interviews": [started.json()["id"], imported.json()["id"]]}


def _config(tmp_path, ids: dict[str, list[int]]):
    """tests/schemathesis.toml plus the seeded ids, drawn for a path parameter half of the time."""
    lines = [CONFIG.read_text(), ""]
    for name, values in ids.items():
        lines += [f"[dictionaries.{name}]", f"values = {values}", ""]
    lines += ["[parameters]",
              '"path.document_id" = { dictionary = "documents", probability = 0.5 }',
              '"path.jd_id" = { dictionary = "jds", probability = 0.5 }',
              '"path.interview_id" = { dictionary = "interviews", probability = 0.5 }']
    path = tmp_path / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def _schemathesis(base_url: str, config, *options: str) -> tuple[int, str, float]:
    args = [str(live.BIN / "st"), "--no-color", "--config-file", str(config), "run", f"{base_url}/api/v1/schema/",
            *options]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.schemathesis_hooks", "PYTHONPATH": str(live.ROOT)}
    started = time.monotonic()
    done = subprocess.run(args, cwd=live.ROOT, env=env, capture_output=True, text=True, timeout=420)
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


def test_the_api_keeps_what_its_openapi_document_says(api_stack, recruiter, tmp_path):
    token = Token.objects.create(user=recruiter).key
    config = _config(tmp_path, _seed(api_stack, token))

    # Anonymous, every operation answers 401 before reading anything: fewer examples find what there is.
    for who, options in (("recruiter", ["-H", f"Authorization: Token {token}"]), ("anonymous", ["-n", "10"])):
        code, output, seconds = _schemathesis(api_stack, config, *options)
        generated = re.search(r"(\d+) generated", output)
        print(f"schemathesis as {who}: {generated.group(0) if generated else '?'} in {seconds:.0f} s")
        assert code == 0 and generated, f"schemathesis as {who} found mismatches:\n{output[-20000:]}"
