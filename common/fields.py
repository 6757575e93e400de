"""Model and form fields every app may use."""

from django import forms
from django.conf import settings
from django.db import models

from common.images import reencoded_image, too_large


class SafeImageFormField(forms.FileField):
    """An image upload, re-encoded under the pixel cap (common.images.reencoded_image)."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        error = too_large(upload, settings.IMAGE_MAX_BYTES)
        if error:
            raise error
        image, _content_type = reencoded_image(upload, max_pixels=settings.IMAGE_MAX_PIXELS)
        return image


class SafeImageField(models.ImageField):
    """An ImageField whose every form (the organizers' and the admin's) re-encodes the file."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})
