"""Private files, downloaded: always an attachment, never sniffed, never cached."""

from django.http import FileResponse, Http404


def private_attachment(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download named `filename` (whose extension matches its type).

    Receipts carry names and bank details: no shared cache keeps a copy, and no
    browser renders one in the site's origin, whatever its bytes look like.
    """
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
