"""Uploaded images, decoded and written anew: what is stored is only the picture.

A file that claims to be an image can carry more (HTML after a GIF, a script in
its metadata, the place a photo was taken), and a few kilobytes can describe a
picture that takes gigabytes to decode. So an image is measured from its header
first, refused above a pixel cap, then decoded and re-encoded without metadata,
turned upright, and named from what it is.
"""

import io
import warnings
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# What each accepted format is stored as: (Pillow format, extension, content type).
STORED_AS = {
    "PNG": ("PNG", "png", "image/png"),
    "JPEG": ("JPEG", "jpg", "image/jpeg"),
    "WEBP": ("WEBP", "webp", "image/webp"),
    "GIF": ("PNG", "png", "image/png"),  # the first frame, without the GIF palette's limits
}
MODES = {
    "PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"},
    "JPEG": {"L", "RGB", "CMYK"},
    "WEBP": {"RGB", "RGBA"},
}


def safe_stem(name: str, *, default: str) -> str:
    """The file name without its extension, as plain characters (no controls, no path)."""
    return slugify(Path(name or "").stem, allow_unicode=True)[:60] or default


def reencoded_image(
    upload, *, max_pixels: int, formats=tuple(STORED_AS), default_name: str = "image"
) -> tuple[ContentFile, str]:
    """The upload as a new image file named <stem>.<its type>, and its content type.

    Raises ValidationError for a file that is not one of `formats`, or holds
    more than `max_pixels`.
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns of large images at open; the cap below is ours to apply.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header, not the pixels
        width, height = image.size
        if width * height > max_pixels:
            raise ValidationError(
                _("An image may have at most %(megapixels)d megapixels; this one has %(size)s.")
                % {"megapixels": max_pixels // 1_000_000, "size": f"{width} × {height}"},
                code="too_many_pixels",
            )
        if image.format not in formats:
            raise ValidationError(
                _("Upload the image as %(formats)s.") % {"formats": ", ".join(formats)},
                code="format",
            )
        pillow_format, extension, content_type = STORED_AS[image.format]
        image.seek(0)
        upright = ImageOps.exif_transpose(image)  # decodes the pixels
        if upright.mode not in MODES[pillow_format]:
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
            if upright.mode not in MODES[pillow_format]:
                upright = upright.convert("RGB")
        buffer = io.BytesIO()
        options = {"quality": 90} if pillow_format in ("JPEG", "WEBP") else {"optimize": True}
        upright.save(buffer, format=pillow_format, **options)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _(
                "Upload a valid image. The file you uploaded was either not an image or a "
                "corrupted image."
            ),
            code="invalid_image",
        ) from None
    name = f"{safe_stem(getattr(upload, 'name', ''), default=default_name)}.{extension}"
    return ContentFile(buffer.getvalue(), name=name), content_type


def too_large(upload, max_bytes: int) -> ValidationError | None:
    if upload.size > max_bytes:
        return ValidationError(
            _("The file may be at most %(size)s.") % {"size": filesizeformat(max_bytes)},
            code="too_large",
        )
    return None
