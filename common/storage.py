"""File storages every app may use, and what becomes of a file a row no longer names."""

import os
from functools import partial

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateFileStorage(FileSystemStorage):
    """Files only some people may read: kept outside MEDIA_ROOT, served by a view that checks.

    The folder is read from settings each time, so PRIVATE_MEDIA_ROOT can change
    (in tests, say) after the model is loaded.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def delete_replaced_files(*, stored, saved) -> None:
    """Once the transaction commits, delete from storage each file that `stored` (the row
    as it was, read under its lock) names and `saved` (the same row, as now saved) no
    longer does: a logo replaced or cleared. A rollback keeps them, and no other row
    names them (storage gives every upload a name of its own)."""
    for field in stored._meta.concrete_fields:
        if not isinstance(field, models.FileField):
            continue
        old = getattr(stored, field.attname)
        if old.name and old.name != getattr(saved, field.attname).name:
            transaction.on_commit(partial(old.storage.delete, old.name))
