"""Code evaluation: the task bank, the sandbox, static analysis and the agentic review."""

# Celery's autodiscovery imports `analysis.tasks` only; this package is imported with the models,
# so importing the sandbox task here registers it with every worker and producer.
from . import tasks  # noqa: F401
