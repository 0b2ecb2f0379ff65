"""`python manage.py add_member <slug> <username> --role admin|recruiter|reviewer [--password PW] [--email EMAIL]`."""

from django.core.management.base import BaseCommand, CommandError

from organizations.models import Membership
from organizations.services import OrganizationError, member_add


class Command(BaseCommand):
    help = "Add a member to an organisation with a role, creating the user if missing."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Membership.Role.values)
        parser.add_argument("--password", default=None)
        parser.add_argument("--email", default="")

    def handle(self, *args, slug: str, username: str, role: str, password: str | None, email: str, **options):
        try:
            membership, created = member_add(slug=slug, username=username, role=role, password=password, email=email)
        except OrganizationError as exc:
            raise CommandError(f"{exc.message} ({exc.code})") from None
        made = " (new user)" if created else ""
        self.stdout.write(self.style.SUCCESS(
            f"{membership.user.username}{made} is now {membership.role} of {membership.organization.slug!r}."
        ))
