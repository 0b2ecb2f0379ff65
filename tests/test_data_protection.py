"""Across real processes (Daphne, the Celery worker, the sandbox worker): a whole interview leaves no
name, email or answer in any process's log; an admin's erasure then removes the candidate, file included."""

import asyncio
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from organizations.models import Membership, default_organization_id

from .test_end_to_end import ANSWER_FOR, ANSWERS, DOCX_TYPE, JD_TEXT, _hold_interview, _resume_docx, _wait_ready

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

NAME, EMAIL, PHONE = "Jordan Rivera", "jordan.rivera@example.com", "415 555 0134"


def _client(live_stack, username: str, role: str):
    import httpx2

    user = get_user_model().objects.create_user(username, password="x-pass-123")
    Membership.objects.create(user=user, organization_id=default_organization_id(), role=role)
    token = Token.objects.create(user=user)
    return httpx2.Client(base_url=live_stack.base_url, headers={"Authorization": f"Token {token.key}"}, timeout=20)


def test_a_whole_interview_logs_nothing_personal_and_erasure_removes_it(live_stack, tmp_path):
    recruiter = _client(live_stack, "rec", "recruiter")
    admin = _client(live_stack, "adm", "admin")
    jd = recruiter.post("/api/v1/documents/upload/jd", data={"text": JD_TEXT, "title": "Senior Backend Engineer"})
    resume = recruiter.post("/api/v1/documents/upload/resume",
                            data={"jd_id": str(jd.json()["id"]), "candidate_name": NAME, "candidate_email": EMAIL},
                            files={"file": ("jordan.docx", _resume_docx(), DOCX_TYPE)})
    assert resume.status_code == 202, resume.text
    resume_id = resume.json()["id"]
    assert _wait_ready(recruiter, jd.json()["id"])["status"] == "ready"
    assert _wait_ready(recruiter, resume_id)["status"] == "ready", live_stack.log("worker")

    started = recruiter.post("/api/v1/interview/start",
                             json={"jd_id": jd.json()["id"], "resume_id": resume_id, "duration_minutes": 15})
    assert started.status_code == 201, started.text
    interview = started.json()
    frames, _ = asyncio.run(_hold_interview(interview["ws_url"], live_stack.base_url))
    answered = [f["text"] for f in frames if f["type"] == "turn" and f["role"] == "candidate"]
    assert len(answered) >= 3 and frames[-1]["type"] == "ended"

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        report = recruiter.get(f"/api/v1/interview/{interview['id']}/report")
        if report.status_code == 200 and report.json().get("status", "ready") == "ready":
            break
        time.sleep(0.5)
    assert report.status_code == 200, live_stack.log("worker")
    decided = recruiter.post(f"/api/v1/interview/{interview['id']}/decision",
                             json={"decision": "advance", "note": f"{NAME} was clear"})
    assert decided.status_code == 201, decided.text
    # A request that fails validation: the error names the field, the log none of the input.
    bad = recruiter.post("/api/v1/transcripts", json={"jd_id": jd.json()["id"], "turns": [{"speaker": "x",
                                                                                            "text": EMAIL}]})
    assert bad.status_code == 400

    logs = {name: live_stack.log(name) for name in ("web", "worker", "sandbox")}
    assert "interview" in logs["web"] or "interview" in logs["worker"], "the logs must hold something to scan"
    answers = {text for text in answered} | set(ANSWERS) | {a for _, a in ANSWER_FOR}
    for process, text in logs.items():
        for personal in (NAME, EMAIL, PHONE, "Rivera", *(a[:40] for a in answers), *(a[-40:] for a in answers)):
            assert personal not in text, f"{process}.log holds {personal!r}"

    media = tmp_path / "media"
    stored = [p for p in media.rglob("*") if p.is_file() and "resume" in p.parts]
    assert len(stored) == 1, stored
    erased = admin.post(f"/api/v1/documents/{resume_id}/erase")
    assert erased.status_code == 200, erased.text
    assert erased.json()["erased"]["turns"] == len([f for f in frames if f["type"] == "turn"])
    assert erased.json()["erased"]["decisions"] == 1 and erased.json()["erased"]["model_calls"] >= 0
    assert not Path(stored[0]).exists(), "the resume file must be gone from disk"
    assert admin.get(f"/api/v1/documents/{resume_id}").status_code == 404
    assert recruiter.get(f"/api/v1/interview/{interview['id']}").status_code == 404
