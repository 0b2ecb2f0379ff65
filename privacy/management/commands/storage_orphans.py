from datetime import timedelta

from django.core.management.base import BaseCommand

from privacy.storage import orphan_files


class Command(BaseCommand):
    help = "List the stored files that no document row refers to; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="delete the orphans (default: list them)")
        parser.add_argument("--min-age-minutes", type=int, default=60,
                            help="skip younger files (an upload in progress); default 60")

    def handle(self, *args, delete: bool, min_age_minutes: int, **options):
        orphans = orphan_files(min_age=timedelta(minutes=min_age_minutes))
        for name in orphans:
            self.stdout.write(name)
        if delete:
            from django.core.files.storage import default_storage

            for name in orphans:
                default_storage.delete(name)
            self.stdout.write(f"Deleted {len(orphans)} orphan file(s)")
        else:
            self.stdout.write(f"{len(orphans)} orphan file(s)" + (" (run with --delete to remove)" if orphans else ""))
