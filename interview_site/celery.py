"""The Celery app (`celery -A interview_site worker`). Configuration comes from Django settings."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")

app = Celery("interview_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The application worker reads the sandbox worker's outcomes and heartbeats (data, not tasks).
from analysis.code.results import SandboxResults  # noqa: E402

app.steps["worker"].add(SandboxResults)
