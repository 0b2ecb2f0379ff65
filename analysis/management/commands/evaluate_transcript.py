"""`python manage.py evaluate_transcript FILE --jd ID [--resume ID] [--json]` (PROTOCOL.md).

Stores the transcript in FILE (JSON `{"turns": [...]}` or a list of turns, or labelled text) as an
imported interview, exactly as `POST /api/v1/transcripts` does, writes its report here with the
same task the worker runs, and prints it: readable, or with `--json` the report object the API serves.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.utils.encoders import JSONEncoder

from analysis.selectors import report_latest_for_interview
from analysis.serializers import ReportSerializer
from analysis.tasks import report_generate_task
from interview_site.api import ApiError
from interviews.imports import interview_import, transcript_from_file

MAX_FILE_BYTES = 4 * 1024 * 1024  # the character limit (TRANSCRIPT_MAX_CHARS) is checked on the turns


class Command(BaseCommand):
    help = "Evaluate a transcript held elsewhere against a JD (and resume) and print the report."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON turns ({'turns': [...]} or a list) or 'Interviewer:'/'Candidate:' text")
        parser.add_argument("--jd", type=int, required=True, help="id of a ready JD document")
        parser.add_argument("--resume", type=int, default=None, help="id of a ready resume document (optional)")
        parser.add_argument("--candidate-name", default="", help="names the candidate when there is no resume")
        parser.add_argument("--json", action="store_true", help="print the report object as the API returns it")

    def handle(self, *args, **options):
        turns = self._read(Path(options["file"]))
        try:
            interview = interview_import(jd_id=options["jd"], resume_id=options["resume"], turns=turns,
                                         candidate_name=options["candidate_name"], queue_report=False)
        except ApiError as error:
            raise CommandError(f"{error.code}: {error.message}") from None
        report_generate_task.apply(args=[interview.pk])  # the worker's own task, run here
        data = ReportSerializer(report_latest_for_interview(interview_id=interview.pk)).data
        if options["json"]:
            self.stdout.write(json.dumps(data, cls=JSONEncoder, ensure_ascii=False, indent=2))
            return
        self.stdout.write(render_report(data, interview_id=interview.pk))

    def _read(self, path: Path) -> list[dict]:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        try:
            content = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.") from None
        try:
            parsed = transcript_from_file(content)
        except ApiError as error:
            raise CommandError(f"{error.code}: {error.message}") from None
        return [{"speaker": t.speaker, "text": t.text} for t in parsed]


def _score(value) -> str:
    return "not enough evidence" if value is None else f"{value:g} / 5"


def render_report(data: dict, *, interview_id: int) -> str:
    """The report as a recruiter reads it in a terminal: headline, competencies with quotes, notes."""
    if data.get("status") == "failed":
        return f"Interview {interview_id}: the report failed: {(data.get('error') or {}).get('message', '')}"
    overall = data.get("overall_score")
    lines = [f"Interview {interview_id} (imported transcript)",
             f"Overall: {_score(overall)}    Recommendation (advisory): {data.get('recommendation') or 'none'}"
             f"    Confidence: {data.get('confidence')}"]
    if data.get("recommendation_note"):
        lines.append(data["recommendation_note"])
    if data.get("engine"):
        lines.append(f"Judged by: {data['engine']}")
    if data.get("engine_note"):  # offline: a stand-in, and the advice to configure a model
        lines.append(data["engine_note"])
    lines.append("")
    for competency in data.get("competencies") or []:
        lines.append(f"{competency['name']}: {_score(competency.get('score'))}")
        lines += [f"    turn {e['seq']}: \u201c{e['quote']}\u201d" for e in competency.get("evidence") or []]
    for title in ("strengths", "concerns"):
        if data.get(title):
            lines += ["", title.capitalize() + ":"] + [f"  - {item}" for item in data[title]]
    if data.get("summary"):
        lines += ["", data["summary"]]
    return "\n".join(lines) + "\n"
