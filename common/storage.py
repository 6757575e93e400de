"""File storages every app may use."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
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
