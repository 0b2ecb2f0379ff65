"""Create the demo recruiter and demo data (a sample JD and two resumes) when none exist."""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction

from documents.models import Document
from documents.services import document_create
from organizations.models import Membership, default_organization_id

SAMPLES = Path(settings.BASE_DIR) / "documents" / "samples"


class Command(BaseCommand):
    help = "Create a demo recruiter account and, if there are no documents yet, a sample JD and two resumes."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEMO_USERNAME", "demo"))
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "demo-interviewer"))

    def handle(self, *args, username: str, password: str, **options):
        user = self._recruiter(username, password)
        if Document.objects.exists():
            self.stdout.write("Documents exist already; no demo data added.")
            return
        with transaction.atomic():
            jd = self._create(user, Document.Kind.JD, _sample_jd(), title="")
            for path in sorted(SAMPLES.glob("resume_*")):
                if path.suffix.lower() in _DOCUMENT_SUFFIXES:
                    self._create(user, Document.Kind.RESUME, path, jd_id=jd.pk)
        self.stdout.write(self.style.SUCCESS("Demo data added: 1 job description, 2 resumes (parsing in the worker)."))

    def _recruiter(self, username: str, password: str):
        users = get_user_model()
        user, created = users.objects.get_or_create(
            # Superuser too, so that the operator's admin (/admin/) opens for the demo; the product's pages
            # need only the membership below.
            username=username, defaults={"is_staff": True, "is_superuser": True, "email": f"{username}@example.com"}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Created the demo recruiter {username!r}.")
        # The demo user is the default organisation's admin (the existing data's organisation).
        Membership.objects.get_or_create(
            user=user, organization_id=default_organization_id(), defaults={"role": Membership.Role.ADMIN}
        )
        return user

    def _create(self, user, kind: str, path: Path, **fields) -> Document:
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            return document_create(kind=kind, user=user, file=upload, original_name=path.name, **fields)


_DOCUMENT_SUFFIXES = {".pdf", ".docx", ".txt", ".md"}


def _sample_jd() -> Path:
    """The one sample that is not a resume."""
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix.lower() in _DOCUMENT_SUFFIXES and not path.name.startswith("resume_"):
            return path
    raise FileNotFoundError(f"no sample job description in {SAMPLES}")
