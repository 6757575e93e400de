"""Model and form fields every app may use."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import lazy
from django.utils.translation import gettext

from common.images import SHOWN_IMAGE_MAX_SIDE, reencoded_image, too_large
from common.money import format_count


def help_text_with_limit(help_text: str, max_length: int) -> str:
    """The help text, then "At most 5,000 characters.", in the reader's language."""
    limit = gettext("At most %(count)s characters.") % {"count": format_count(max_length)}
    return f"{help_text} {limit}" if help_text else limit


# Read when the form is shown, in the language of the page showing it.
help_text_with_limit_lazy = lazy(help_text_with_limit, str)


def limited_text_field(
    verbose_name, *, max_length: int, help_text="", validators=(), **options
) -> models.TextField:
    """A text of several lines and at most `max_length` characters. Its forms say so and
    refuse more (the textarea's maxlength, the form field's check); so does the model's
    validation, which TextField's max_length alone leaves out."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        help_text=help_text_with_limit_lazy(help_text, max_length),
        validators=[*validators, MaxLengthValidator(max_length)],
        **options,
    )


def length_constraints(
    prefix: str, field: str, max_length: int, *, translated: bool = False
) -> list[models.CheckConstraint]:
    """The database's hold on a text's limit, for what the public reads: a CHECK on the
    column's length in characters, and on each language's column of a translated field."""
    columns = [field]
    if translated:
        columns += [f"{field}_{code}" for code, _name in settings.LANGUAGES]
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(column), max_length),
            name=f"{prefix}_{column}_length",
        )
        for column in columns
    ]


class SafeImageFormField(forms.FileField):
    """An image a page shows, uploaded: re-encoded under the pixel cap at the largest size
    a page shows (common.images.reencoded_image)."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        error = too_large(upload, settings.IMAGE_MAX_BYTES)
        if error:
            raise error
        image, _content_type = reencoded_image(
            upload, max_pixels=settings.IMAGE_MAX_PIXELS, max_side=SHOWN_IMAGE_MAX_SIDE
        )
        return image


class SafeImageField(models.ImageField):
    """An ImageField whose every form (the organizers' and the admin's) re-encodes the file."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})
