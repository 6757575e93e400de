"""Receipts and report attachments: only the file types a reader opens safely, under
the size and count limits, while the request takes files."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from common.images import reencoded_image, safe_stem
from common.workflow import locked
from microgrants.models import (
    MicrograntFile,
)
from microgrants.permissions import may_attach_files
from microgrants.services.rules import (
    MicrograntError,
)

ALLOWED_FILE_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def detected_file_type(upload) -> str | None:
    """The file's type from its first bytes, whatever its name says."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in ALLOWED_FILE_TYPES.items():
        if head.startswith(signature):
            return content_type
    return None


@transaction.atomic
def microgrant_attach_file(*, microgrant, user, kind: str, upload) -> MicrograntFile:
    """Keep a receipt or report attachment: PDF, PNG or JPEG, up to the size limit."""
    microgrant = locked(microgrant)
    if kind not in MicrograntFile.Kind.values:
        raise MicrograntError(_("Say whether the file is a receipt or a report attachment."))
    if not may_attach_files(user, microgrant):
        raise MicrograntError(
            _(
                "Files can be added by the requester and the group's leads, once the grant "
                "letter is accepted and until the report is accepted."
            )
        )
    limit = settings.MICROGRANT_FILE_MAX_BYTES
    if upload.size > limit:
        raise MicrograntError(
            _("A file may be at most %(size)s.") % {"size": filesizeformat(limit)}
        )
    most = settings.MICROGRANT_FILES_PER_REQUEST
    if microgrant.files.count() >= most:
        raise MicrograntError(
            _(
                "This request already has %(count)d files, the most it can hold. Put several "
                "receipts in one PDF, or ask the oversight team."
            )
            % {"count": most}
        )
    content_type = detected_file_type(upload)
    if content_type is None:
        raise MicrograntError(_("Upload a PDF, PNG or JPEG file."))
    if content_type == "application/pdf":
        stored = ContentFile(upload.read(), name=f"{safe_stem(upload.name, default=kind)}.pdf")
    else:
        # An image is only its picture: re-encoded, as logos are.
        try:
            stored, content_type = reencoded_image(
                upload,
                max_pixels=settings.IMAGE_MAX_PIXELS,
                formats=("PNG", "JPEG"),
                default_name=kind,
            )
        except ValidationError as refusal:
            raise MicrograntError(" ".join(refusal.messages)) from None
    display_name = stored.name
    # Stored under a name of our own; shown and downloaded under the original's stem
    # with the extension of what the file is.
    stored.name = f"{uuid.uuid4().hex}{Path(display_name).suffix}"
    return MicrograntFile.objects.create(
        request=microgrant,
        kind=kind,
        file=stored,
        original_name=display_name,
        content_type=content_type,
        uploaded_by=user,
    )
