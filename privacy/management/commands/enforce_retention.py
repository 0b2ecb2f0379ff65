from django.core.management.base import BaseCommand

from privacy.retention import retention_enforce


class Command(BaseCommand):
    help = "Erase candidate data past each organisation's retention period now (the beat task does it regularly)."

    def handle(self, *args, **options):
        counts = retention_enforce()
        self.stdout.write(f"Erased {counts.get('candidates', 0)} candidate(s)")
        for key, value in counts.items():
            if value and key != "candidates":
                self.stdout.write(f"  {key}: {value}")
