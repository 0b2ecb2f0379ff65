"""`python manage.py evaluate_transcript FILE --jd ID [--resume ID] [--json]` on transcript files."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from analysis.models import EvaluationReport
from interviews.models import Interview, Turn

from .imported_transcripts import CONVERSATION, SUBSTANTIVE_SEQS, TESTING_ANSWER, json_turns, labelled_text


def run(*args) -> str:
    out = StringIO()
    call_command("evaluate_transcript", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def transcript_file(tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes(labelled_text(newline="\r\n").encode("utf-8"))  # a Windows export
    return path


def test_the_readable_report_shows_headline_competencies_and_quotes(jd, resume, taxonomy, transcript_file):
    printed = run(transcript_file, "--jd", jd.pk, "--resume", resume.pk)
    interview = Interview.objects.get()
    assert interview.end_reason == "imported" and interview.turns.count() == len(CONVERSATION)
    report = interview.reports.get()
    assert report.status == EvaluationReport.Status.READY
    assert f"Interview {interview.pk} (imported transcript)" in printed
    assert f"Overall: {report.overall_score:g} / 5" in printed
    assert f"Recommendation (advisory): {report.recommendation}" in printed
    assert report.data["engine"] == "offline" and report.data["engine_note"] in printed  # says it is a stand-in
    assert "configure a model" in printed
    for competency in report.data["competencies"]:
        score = "not enough evidence" if competency["score"] is None else f"{competency['score']:g} / 5"
        assert f"{competency['name']}: {score}" in printed
        for item in competency["evidence"]:
            assert f"turn {item['seq']}: \u201c{item['quote']}\u201d" in printed
    ad_hoc_answer = next(seq for seq, (_, text, _) in enumerate(CONVERSATION, start=1) if text == TESTING_ANSWER)
    assert f"turn {ad_hoc_answer}: " in printed  # the answer to a question no planned topic matched is quoted too


def test_json_prints_the_report_exactly_as_the_api_serves_it(api_client, jd, taxonomy, tmp_path):
    path = tmp_path / "turns.json"
    path.write_text(json.dumps({"turns": json_turns()}), encoding="utf-8")
    printed = json.loads(run(path, "--jd", jd.pk, "--json"))
    interview = Interview.objects.get()
    assert printed == api_client.get(f"/api/v1/interview/{interview.pk}/report").json()
    cited = {e["seq"] for c in printed["competencies"] for e in c["evidence"]}
    assert set(SUBSTANTIVE_SEQS) <= cited


def test_a_labelled_text_file_gives_the_same_turns_as_json(jd, taxonomy, transcript_file):
    run(transcript_file, "--jd", jd.pk, "--json")
    stored = [(t.role, " ".join(t.text.split())) for t in Turn.objects.order_by("seq")]
    assert stored == [(speaker, " ".join(text.split())) for speaker, text, _ in CONVERSATION]


def test_bad_input_is_a_command_error_and_writes_nothing(jd, resume, tmp_path):
    unlabelled = tmp_path / "notes.txt"
    unlabelled.write_text("Notes from the call\nInterviewer: Why?\nCandidate: Because.", encoding="utf-8")
    binary = tmp_path / "call.bin"
    binary.write_bytes(b"\xff\xfe\x00I\x00n")
    one_sided = tmp_path / "one.json"
    one_sided.write_text(json.dumps([{"speaker": "interviewer", "text": "Why?"}]), encoding="utf-8")
    cases = [
        ((tmp_path / "missing.txt", "--jd", jd.pk), "No such file"),
        ((unlabelled, "--jd", jd.pk), "unlabelled_text"),
        ((binary, "--jd", jd.pk), "not UTF-8"),
        ((one_sided, "--jd", jd.pk), "no_candidate_turn"),
        ((unlabelled.with_name("ok.txt"), "--jd", jd.pk + 1000), "jd_not_found"),
        ((unlabelled.with_name("ok.txt"), "--jd", jd.pk, "--resume", jd.pk), "resume_not_found"),
    ]
    unlabelled.with_name("ok.txt").write_text("Interviewer: Why?\nCandidate: Because it scales.", encoding="utf-8")
    for args, message in cases:
        with pytest.raises(CommandError, match=message):
            run(*args)
    assert not Interview.objects.exists() and not EvaluationReport.objects.exists()
