"""Uploaded images, decoded and written anew: what is stored is only the picture.

A file that claims to be an image can carry more (HTML after a GIF, a script in
its metadata, the place a photo was taken), and a few kilobytes can describe a
picture that takes gigabytes to decode. So an image is measured from its header
first, refused above a pixel cap, then decoded and re-encoded without metadata,
turned upright, and named from what it is. An image a page shows (a logo, a photo)
is kept at the largest size a page shows it, and a JPEG is decoded no larger than
that needs: a 25-megapixel photo would otherwise take some 200 MB of a worker's memory.
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
# The largest a page shows an uploaded image is the group dashboard's logo, 6rem (96
# CSS pixels; static/css/site.css, .group-logo); kept at three times that for the
# sharpest phone screens, on its longer side.
SHOWN_IMAGE_MAX_SIDE = 3 * 96

# Pillow decodes a WebP whole and holds about twice what it holds of a PNG, or of a JPEG
# decoded whole (a 25-megapixel WebP took 390 MB of a worker's memory, a PNG 200 MB), so
# a WebP may have half the pixels.
PIXEL_CAP_DIVISOR = {"WEBP": 2}

MODES = {
    "PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"},
    "JPEG": {"L", "RGB", "CMYK"},
    "WEBP": {"RGB", "RGBA"},
}


def safe_stem(name: str, *, default: str) -> str:
    """The file name without its extension, as plain characters (no controls, no path)."""
    return slugify(Path(name or "").stem, allow_unicode=True)[:60] or default


def too_many_pixels(max_pixels: int, size: str) -> ValidationError:
    return ValidationError(
        _("An image may have at most %(megapixels)d megapixels; this one has %(size)s.")
        % {"megapixels": max_pixels // 1_000_000, "size": size},
        code="too_many_pixels",
    )


def fitted(image: Image.Image, max_side: int) -> Image.Image:
    """The image within `max_side` × `max_side`, its proportions kept. A JPEG is decoded at
    the smallest scale its format offers (1/2, 1/4, 1/8) that is still at least that
    large (Image.draft), so its whole size is never in memory."""
    if max(image.size) <= max_side:
        return image
    image.draft(None, (max_side, max_side))
    if image.mode in ("1", "P"):
        # Scaled smoothly, not pixel by pixel as a palette would be.
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    image.thumbnail((max_side, max_side))
    return image


def reencoded_image(
    upload,
    *,
    max_pixels: int,
    max_side: int | None = None,
    formats=tuple(STORED_AS),
    default_name: str = "image",
) -> tuple[ContentFile, str]:
    """The upload as a new image file named <stem>.<its type>, and its content type; with
    `max_side`, made to fit max_side × max_side (fitted).

    Raises ValidationError for a file that is not one of `formats`, or holds
    more than `max_pixels` (a WebP half that: PIXEL_CAP_DIVISOR).
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns of large images at open; the cap below is ours to apply.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header, not the pixels
        width, height = image.size
        cap = max_pixels // PIXEL_CAP_DIVISOR.get(image.format, 1)
        if width * height > cap:
            raise too_many_pixels(cap, f"{width} × {height}")
        if image.format not in formats:
            raise ValidationError(
                _("Upload the image as %(formats)s.") % {"formats": ", ".join(formats)},
                code="format",
            )
        pillow_format, extension, content_type = STORED_AS[image.format]
        image.seek(0)
        if max_side is not None:
            image = fitted(image, max_side)
        upright = ImageOps.exif_transpose(image)  # decodes the pixels, unless fitted has
        if upright.mode not in MODES[pillow_format]:
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
            if upright.mode not in MODES[pillow_format]:
                upright = upright.convert("RGB")
        buffer = io.BytesIO()
        options = {"quality": 90} if pillow_format in ("JPEG", "WEBP") else {"optimize": True}
        upright.save(buffer, format=pillow_format, **options)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Beyond twice Pillow's own limit it refuses to open the image, without its size
        # (its warning, below that, is silenced above: the cap there says the size).
        raise too_many_pixels(
            max_pixels,
            _("more than %(megapixels)d megapixels")
            % {"megapixels": 2 * Image.MAX_IMAGE_PIXELS // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
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
