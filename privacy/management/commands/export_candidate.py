from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from privacy.services import CandidateNotFound, export_candidate


class Command(BaseCommand):
    help = "Write everything held about a candidate to a zip: candidate.json, transcripts and the original file."

    def add_arguments(self, parser):
        parser.add_argument("resume_id", type=int)
        parser.add_argument("--out", required=True, help="the zip file to write")

    def handle(self, *args, resume_id: int, out: str, **options):
        target = Path(out)
        if not target.parent.is_dir():
            raise CommandError(f"no_such_directory: {target.parent} does not exist")
        try:
            data = export_candidate(resume_id)
        except CandidateNotFound:
            raise CommandError(f"resume_not_found: no resume {resume_id}") from None
        target.write_bytes(data)
        self.stdout.write(f"Wrote {target} ({len(data)} bytes)")
