"""History that cannot be rewritten: decisions, score overrides and ready report versions.

The application refuses (the models' `save`/`delete`, their querysets' `update`/`delete`), the admin
offers no change or delete, the API has no such method, and on PostgreSQL triggers refuse UPDATE and
DELETE from any client (migration privacy 0002). Erasure of a candidate is the one path that removes
them: inside `erasing()` the application allows it and the transaction sets `interviewer.erasing`,
which the triggers accept for that transaction only.
"""

import contextlib
import contextvars

from django.db import connection, models, transaction

_erasing = contextvars.ContextVar("erasing", default=False)


def rewriting_stored_rows():
    """For a data migration that must convert history stored in an older shape (and tests that make such
    rows): the same permission as erasure, under its own name."""
    return erasing()


class HistoryError(Exception):
    """An attempt to change or delete a decision, an override or a ready report version."""


def is_erasing() -> bool:
    return _erasing.get()


@contextlib.contextmanager
def erasing():
    """A transaction in which a candidate's history may be deleted (erasure and retention only)."""
    token = _erasing.set(True)
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('interviewer.erasing', 'on', true)")
            yield
    finally:
        _erasing.reset(token)


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if not is_erasing():
            raise HistoryError(f"{self.model._meta.verbose_name_plural} are history: never changed.")
        return super().update(**kwargs)

    def delete(self):
        if not is_erasing():
            raise HistoryError(f"{self.model._meta.verbose_name_plural} are history: only erasure removes them.")
        return super().delete()


class HistoryModelMixin:
    """For rows written once (decisions, overrides): no save of an existing row, no delete."""

    def save(self, *args, **kwargs):
        if not self._state.adding and not is_erasing():
            raise HistoryError(f"A {self._meta.verbose_name} is history: record a new one instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not is_erasing():
            raise HistoryError(f"A {self._meta.verbose_name} is history: only erasure removes it.")
        return super().delete(*args, **kwargs)


class ReportVersionMixin:
    """Reports are written by the evaluator (pending → ready or failed); a ready version never changes."""

    def delete(self, *args, **kwargs):
        if not is_erasing():
            raise HistoryError("A report version is history: only erasure removes it.")
        return super().delete(*args, **kwargs)


class ReportQuerySet(models.QuerySet):
    def delete(self):
        if not is_erasing():
            raise HistoryError("Report versions are history: only erasure removes them.")
        return super().delete()
