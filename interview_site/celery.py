"""The Celery app (`celery -A interview_site worker`). Configuration comes from Django settings."""
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")

app = Celery("interview_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The application worker reads the sandbox worker's outcomes and heartbeats (data, not tasks).
from analysis.code.results import SandboxResults  # noqa: E402

app.steps["worker"].add(SandboxResults)


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _redact_worker_logs(logger, **kwargs) -> None:
    """The worker replaces the root logger's handlers with its own: they get the same redaction."""
    from .log_redaction import RedactSecrets

    for handler in logger.handlers:
        handler.addFilter(RedactSecrets())
