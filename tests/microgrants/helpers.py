"""What the microgrant tests build and post: requests as a browser posts them, files,
and the admin's review buttons as the change page offers them."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from common.versioning import EDIT_FORM_FIELDS
from microgrants.models import MicrograntFile


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def receipt_for(microgrant, *, content=b"%PDF-1.4 the printer's invoice", name="invoice.pdf"):
    return MicrograntFile.objects.create(
        request=microgrant,
        kind=MicrograntFile.Kind.RECEIPT,
        file=ContentFile(content, name=name),
        original_name=name,
        content_type="application/pdf",
        uploaded_by=microgrant.requested_by,
    )


def request_data(*lines, line_ids=(), **changes):
    """The request form as a browser posts it; lines are (item, amount) pairs."""
    lines = lines or (("Printing", "400.00"), ("Tape", "50.50"))
    data = {
        "title": "Flyers for Ghent",
        "activity_kind": "flyers",
        "description": "Five thousand flyers about the pause.",
        "deliverables": "Flyers handed out at three stations.",
        "start_date": in_days(30).isoformat(),
        "end_date": in_days(60).isoformat(),
        "currency": "EUR",
        "amount_requested": "450.50",
        "payment_method": "advance",
        "payee_details": "Ann Requester, BE71 0961 2345 6769",
        "budget-TOTAL_FORMS": str(len(lines)),
        "budget-INITIAL_FORMS": str(len(line_ids)),
        "action": "save",
    }
    for index, (item, amount) in enumerate(lines):
        data[f"budget-{index}-item"] = item
        data[f"budget-{index}-amount"] = amount
    for index, line_id in enumerate(line_ids):
        data[f"budget-{index}-id"] = str(line_id)
    return {**data, **changes}


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (12, 12), "orange").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (12, 12), "orange").save(buffer, format="JPEG")
    return buffer.getvalue()


CHANGELIST = "/admin/microgrants/micrograntrequest/"


BUDGET = f"{CHANGELIST}budget/"


BUDGET_CSV = f"{CHANGELIST}budget/csv/"


PDF = b"%PDF-1.4 a receipt"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def receipt(microgrant):
    return MicrograntFile.objects.create(
        request=microgrant,
        kind=MicrograntFile.Kind.RECEIPT,
        file=ContentFile(PDF, name="receipt.pdf"),
        original_name="venue-invoice.pdf",
        content_type="application/pdf",
        uploaded_by=microgrant.requested_by,
    )


def review(client, microgrant, decision, **data):
    """A decision as the change page posts it, with the version the page shows."""
    return client.post(
        f"{CHANGELIST}{microgrant.pk}/review/",
        {"decision": decision, **version_shown(client, microgrant), **data},
        follow=True,
    )


def version_shown(client, microgrant) -> dict:
    form = client.get(f"{CHANGELIST}{microgrant.pk}/change/").context.get("review_form")
    if form is None:  # no decision offered to this visitor
        return {}
    return {name: form[name].value() for name in EDIT_FORM_FIELDS}


def status_of(microgrant):
    microgrant.refresh_from_db()
    return microgrant.status


def page(response):
    assert response.status_code == 200
    return response.content.decode()
