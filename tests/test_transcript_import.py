"""A transcript held elsewhere, end to end: real Daphne, a real Celery worker, PostgreSQL and Redis.

The recruiter uploads the JD, posts a labelled transcript without a resume, and reads the report
the worker writes, as for any interview.
"""

import time

import httpx2
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from analysis.tests.imported_transcripts import CONVERSATION, SUBSTANTIVE_SEQS, labelled_text
from organizations.models import Membership, default_organization_id

from .test_end_to_end import JD_TEXT, _wait_ready


def _wait_report(client: httpx2.Client, url: str, timeout_s: float = 90) -> dict | None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        answer = client.get(url)
        assert answer.status_code in (200, 202), answer.text
        if answer.status_code == 200 and answer.json()["status"] == "ready":
            return answer.json()
        time.sleep(0.5)
    return None


def test_post_a_transcript_and_read_its_report(live_stack):
    user = get_user_model().objects.create_user("importer", password="x-pass-123")
    Membership.objects.create(user=user, organization_id=default_organization_id(), role="recruiter")
    token = Token.objects.create(user=user)
    client = httpx2.Client(base_url=live_stack.base_url, headers={"Authorization": f"Token {token.key}"}, timeout=30)
    jd = client.post("/api/v1/documents/upload/jd", data={"text": JD_TEXT, "title": "Senior Backend Engineer"})
    assert jd.status_code == 202, jd.text
    assert _wait_ready(client, jd.json()["id"])["status"] == "ready", live_stack.log("worker")

    refused = client.post("/api/v1/transcripts", json={"jd_id": jd.json()["id"], "text": "Candidate: Hello."})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "no_interviewer_turn"

    posted = client.post("/api/v1/transcripts", json={"jd_id": jd.json()["id"], "candidate_name": "Alice Johnson",
                                                      "text": labelled_text(newline="\r\n")})
    assert posted.status_code == 202, posted.text
    report = _wait_report(client, posted.json()["report_url"])
    assert report is not None, live_stack.log("worker")

    detail = client.get(f"/api/v1/interview/{posted.json()['id']}").json()
    assert (detail["status"], detail["end_reason"]) == ("ended", "imported")
    assert [t["role"] for t in detail["turns"]] == [speaker for speaker, _, _ in CONVERSATION]
    text = {t["seq"]: " ".join(t["text"].split()) for t in detail["turns"]}
    cited = {e["seq"] for c in report["competencies"] for e in c["evidence"]}
    assert set(SUBSTANTIVE_SEQS) <= cited, report
    for competency in report["competencies"]:
        for item in competency["evidence"]:
            assert " ".join(item["quote"].split()) in text[item["seq"]]
    assert "Alice Johnson" not in str(report)  # the name given for the stand-in candidate is redacted
