"""A document's stored file lives as long as its row: deleting the row (any path: the admin, erasure,
retention, a queryset) or replacing its file deletes the file from storage once the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from documents.models import Document, JobDescription, Resume


def delete_stored_file(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _file_deleted(sender, instance: Document, **kwargs) -> None:
    if instance.file:
        delete_stored_file(instance.file.storage, instance.file.name)


def _file_replaced(sender, instance: Document, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw or instance._state.adding or not instance.pk or (update_fields is not None and "file" not in update_fields):
        return
    previous = Document.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    if previous and previous != (instance.file.name or ""):
        delete_stored_file(instance.file.storage, previous)


for _model in (Document, Resume, JobDescription):  # the admin deletes through the proxies
    receiver(post_delete, sender=_model, dispatch_uid=f"privacy-file-deleted-{_model.__name__}")(_file_deleted)
    receiver(pre_save, sender=_model, dispatch_uid=f"privacy-file-replaced-{_model.__name__}")(_file_replaced)
