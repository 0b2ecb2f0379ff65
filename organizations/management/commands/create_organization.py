"""`python manage.py create_organization <slug> [--name NAME]`."""

from django.core.management.base import BaseCommand, CommandError

from organizations.services import OrganizationError, organization_create


class Command(BaseCommand):
    help = "Create an organisation (a hiring team with its own documents, interviews and members)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", default="")

    def handle(self, *args, slug: str, name: str, **options):
        try:
            organization = organization_create(slug=slug, name=name)
        except OrganizationError as exc:
            raise CommandError(f"{exc.message} ({exc.code})") from None
        self.stdout.write(self.style.SUCCESS(f"Created organisation {organization.slug!r} ({organization.name})."))
