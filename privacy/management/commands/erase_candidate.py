from django.core.management.base import BaseCommand, CommandError

from privacy.services import CandidateNotFound, erase_candidate


class Command(BaseCommand):
    help = ("Remove every trace of a candidate (their resume, file, interviews, transcripts, code, signals, "
            "reports, overrides, decisions, model-call records, Celery results); prints what was removed.")

    def add_arguments(self, parser):
        parser.add_argument("resume_id", type=int)

    def handle(self, *args, resume_id: int, **options):
        try:
            counts = erase_candidate(resume_id)
        except CandidateNotFound:
            raise CommandError(f"resume_not_found: no resume {resume_id}") from None
        self.stdout.write(f"Erased the candidate of resume {resume_id}:")
        for key, value in counts.items():
            self.stdout.write(f"  {key}: {value}")
