"""Uploads are what they claim: images are decoded and re-encoded under a pixel cap and
named from what they are; receipts download as attachments named from their type."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from common.images import SHOWN_IMAGE_MAX_SIDE
from groups.models import NationalGroup, OversightTeamMember
from microgrants.models import MicrograntFile
from tests.factories import (
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
    UserFactory,
)
from tests.groups.test_self_service import links_data

pytestmark = pytest.mark.django_db

PROFILE = "/en/my/groups/belgium/profile/"
HTML = b"<html><script>alert(document.cookie)</script></html>"


def image_bytes(size=(10, 10), image_format="PNG", mode="RGB", **save):
    buffer = io.BytesIO()
    Image.new(mode, size, "orange").save(buffer, format=image_format, **save)
    return buffer.getvalue()


def gif_html_polyglot() -> bytes:
    """A real GIF that a browser sniffing the bytes could also run as HTML."""
    return image_bytes(image_format="GIF") + HTML


@pytest.fixture
def group(client):
    group = NationalGroupFactory(slug="belgium", country="BE")
    client.force_login(MembershipFactory(group=group, role="national_lead").user)
    return group


def upload_logo(client, name, content):
    return client.post(
        PROFILE, {"logo": SimpleUploadedFile(name, content, "application/pdf"), **links_data()}
    )


def test_a_gif_html_polyglot_named_pdf_is_stored_as_a_clean_image_named_for_it(client, group):
    response = upload_logo(client, "logo.pdf", gif_html_polyglot())

    assert response.status_code == 302
    logo = NationalGroup.objects.get(pk=group.pk).logo
    stored = logo.read()
    assert logo.name.endswith(".png") and ".pdf" not in logo.name
    assert stored.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<script" not in stored
    assert Image.open(io.BytesIO(stored)).size == (10, 10)


def test_an_image_of_144_megapixels_is_refused_before_it_is_decoded(client, group):
    # A few kilobytes that would take 432 MB to decode.
    huge = image_bytes(size=(12000, 12000), mode="1")

    response = upload_logo(client, "logo.png", huge)

    assert len(huge) < 100_000
    assert response.status_code == 400
    assert "at most 25 megapixels" in " ".join(response.context["form"].errors["logo"])
    assert not NationalGroup.objects.get(pk=group.pk).logo


def test_a_photo_loses_its_metadata_and_keeps_its_look(client, group):
    exif = Image.Exif()
    exif[0x010F] = "The camera's maker"
    exif[0x0131] = "The phone's software"
    exif[0x0112] = 6  # taken rotated: shown turned a quarter
    jpeg = image_bytes(size=(40, 20), image_format="JPEG", exif=exif.tobytes())

    response = upload_logo(client, "photo.jpeg", jpeg)

    assert response.status_code == 302
    stored = Image.open(NationalGroup.objects.get(pk=group.pk).logo)
    assert stored.format == "JPEG"
    assert stored.size == (20, 40)  # turned upright as the camera meant
    assert not stored.getexif()


def test_the_oversight_teams_photos_are_held_to_the_same_rule(oversight_client):
    member = OversightTeamMember.objects.create(user=UserFactory(), display_name="Rik")
    url = f"/admin/groups/oversightteammember/{member.pk}/change/"
    data = {
        "user": member.user.pk,
        "display_name": "Rik",
        "title_en": "",
        "title_nl": "",
        "bio_en": "",
        "bio_nl": "",
        "is_public": "on",
        "is_active": "on",
        "photo": SimpleUploadedFile("me.html", gif_html_polyglot(), "text/html"),
    }

    response = oversight_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    member.refresh_from_db()
    assert member.photo.name.endswith(".png")
    assert b"<script" not in member.photo.read()


# Receipts -------------------------------------------------------------------------


def test_a_pdf_uploaded_as_html_downloads_as_a_pdf_attachment(client, group):
    requester = MembershipFactory(group=group, role="member").user
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    client.force_login(requester)
    base = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/files/"

    client.post(
        base,
        {
            "kind": "receipt",
            "upload": SimpleUploadedFile("receipt.html", b"%PDF-1.4 " + HTML, "text/html"),
        },
    )
    microgrant_file = microgrant.files.get()
    response = client.get(f"{base}{microgrant_file.pk}/")

    assert microgrant_file.original_name == "receipt.pdf"
    assert microgrant_file.file.name.endswith(".pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="receipt.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_an_image_receipt_is_reencoded_too(client, group):
    requester = MembershipFactory(group=group, role="member").user
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    client.force_login(requester)

    client.post(
        f"/en/my/groups/belgium/microgrants/{microgrant.pk}/files/",
        {
            "kind": "receipt",
            "upload": SimpleUploadedFile(
                "scan.png", image_bytes(image_format="PNG") + HTML, "image/png"
            ),
        },
    )

    microgrant_file = microgrant.files.get()
    assert microgrant_file.content_type == "image/png"
    assert b"<script" not in microgrant_file.file.read()


def test_the_admin_download_is_an_attachment_with_nosniff(oversight_client):
    group = NationalGroupFactory()
    requester = MembershipFactory(group=group, role="member").user
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    from tests.microgrants.helpers import receipt_for

    receipt = receipt_for(microgrant)

    response = oversight_client.get(
        f"/admin/microgrants/micrograntrequest/{microgrant.pk}/files/{receipt.pk}/"
    )

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_a_microgrant_holds_at_most_30_files_and_the_form_says_so(client, group, settings):
    requester = MembershipFactory(group=group, role="member").user
    microgrant = MicrograntRequestFactory(group=group, requested_by=requester, status="paid")
    from tests.microgrants.helpers import receipt_for

    for _ in range(30):
        receipt_for(microgrant)
    client.force_login(requester)
    url = f"/en/my/groups/belgium/microgrants/{microgrant.pk}/"

    page = client.get(url).content.decode()
    response = client.post(
        f"{url}files/",
        {"kind": "receipt", "upload": SimpleUploadedFile("one-more.pdf", b"%PDF-1.4 x")},
    )

    assert "At most 30 files per request" in page
    assert response.status_code == 400
    assert "This request already has 30 files" in response.content.decode()
    assert MicrograntFile.objects.filter(request=microgrant).count() == 30


# What a logo costs to decode, and what is kept of it ------------------------------


def test_a_decompression_bomb_is_refused_for_its_pixels(client, group):
    # 180 million pixels, beyond what Pillow itself opens: 26 kilobytes of PNG.
    bomb = image_bytes(size=(15000, 12000), mode="1")

    response = upload_logo(client, "logo.png", bomb)

    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["logo"])
    assert "at most 25 megapixels" in errors and "valid image" not in errors


def test_a_large_photo_is_stored_at_the_largest_size_a_page_shows(client, group):
    exif = Image.Exif()
    exif[0x0112] = 6  # taken on its side
    photo = image_bytes(size=(3000, 2000), image_format="JPEG", exif=exif.tobytes())

    response = upload_logo(client, "photo.jpg", photo)

    assert response.status_code == 302
    stored = Image.open(NationalGroup.objects.get(pk=group.pk).logo)
    assert stored.format == "JPEG"
    assert stored.size == (SHOWN_IMAGE_MAX_SIDE * 2 // 3, SHOWN_IMAGE_MAX_SIDE)  # upright


def test_a_webp_which_pillow_decodes_whole_may_have_half_the_pixels(client, group):
    # 16 megapixels: within the cap as a JPEG, which is decoded at a fraction of its size.
    as_webp = upload_logo(client, "logo.webp", image_bytes(size=(4000, 4000), image_format="WEBP"))
    as_jpeg = upload_logo(client, "logo.jpg", image_bytes(size=(4000, 4000), image_format="JPEG"))

    assert as_webp.status_code == 400
    assert "at most 12 megapixels; this one has 4000 × 4000" in " ".join(
        as_webp.context["form"].errors["logo"]
    )
    assert as_jpeg.status_code == 302


def test_a_logo_smaller_than_the_page_shows_it_keeps_its_size(client, group):
    response = upload_logo(client, "logo.png", image_bytes(size=(120, 80), mode="RGBA"))

    assert response.status_code == 302
    assert Image.open(NationalGroup.objects.get(pk=group.pk).logo).size == (120, 80)


# The logo's form field reads the upload given, in a process of its own, and prints how
# much the process's peak resident memory grew, in kilobytes. VmHWM, not getrusage's
# ru_maxrss, which a process started from a large one (pytest) starts with at its size.
MEASURE = """
import re, sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from common.fields import SafeImageFormField

def peak():
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))

upload = SimpleUploadedFile("photo.jpg", open(sys.argv[1], "rb").read(), "image/jpeg")
field = SafeImageFormField()
before = peak()
field.clean(upload)
print(peak() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmHWM")
def test_a_25_megapixel_jpeg_is_decoded_at_the_scale_the_page_needs(tmp_path):
    photo = tmp_path / "photo.jpg"
    gradient = Image.linear_gradient("L").resize((6000, 4166)).convert("RGB")
    gradient.save(photo, "JPEG", quality=80)
    del gradient
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(photo)],
        cwd=Path(__file__).resolve().parent.parent.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "pauseai.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    assert photo.stat().st_size < 2 * 1024 * 1024  # within the cap
    grown_megabytes = int(measured.stdout.split()[-1]) / 1024
    # Decoded whole it is 75 MB of pixels, and copies of them: about 200 MB.
    assert grown_megabytes < 30, f"{grown_megabytes:.0f} MB"


# A replaced logo or photo leaves storage once the change commits ---------------------


def stored_files(settings) -> set[str]:
    root = settings.MEDIA_ROOT
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def test_a_replaced_logo_is_deleted_once_the_change_commits(
    client, group, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_logo(client, "first.png", image_bytes())
    first = NationalGroup.objects.get(pk=group.pk).logo.name

    with django_capture_on_commit_callbacks(execute=True):
        response = upload_logo(client, "second.png", image_bytes())

    assert response.status_code == 302
    second = NationalGroup.objects.get(pk=group.pk).logo.name
    assert first != second
    assert stored_files(settings) == {second}


def test_a_cleared_logo_is_deleted_and_an_unchanged_one_kept(
    client, group, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_logo(client, "first.png", image_bytes())
    logo = NationalGroup.objects.get(pk=group.pk).logo.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROFILE, {"description_en": "Only words changed.", **links_data()})
    kept = stored_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROFILE, {"logo-clear": "on", **links_data()})

    assert kept == {logo}
    assert not NationalGroup.objects.get(pk=group.pk).logo
    assert stored_files(settings) == set()


def test_a_logo_is_kept_while_the_change_that_replaces_it_has_not_committed(client, group):
    upload_logo(client, "first.png", image_bytes())
    first = NationalGroup.objects.get(pk=group.pk).logo

    # Inside the test's own transaction nothing commits: the replaced file stays.
    upload_logo(client, "second.png", image_bytes())

    assert first.storage.exists(first.name)


def test_the_admin_deletes_a_replaced_logo_and_a_cleared_photo(
    oversight_client, settings, django_capture_on_commit_callbacks
):
    from tests.admin_forms import admin_form_data

    group = NationalGroupFactory()
    group_url = f"/admin/groups/nationalgroup/{group.pk}/change/"
    member = OversightTeamMember.objects.create(user=UserFactory(), display_name="Rik")
    member_url = f"/admin/groups/oversightteammember/{member.pk}/change/"

    def post(url, **changes):
        data = {**admin_form_data(oversight_client.get(url)), **changes}
        with django_capture_on_commit_callbacks(execute=True):
            response = oversight_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors

    post(group_url, logo=SimpleUploadedFile("first.png", image_bytes(), "image/png"))
    post(group_url, logo=SimpleUploadedFile("second.png", image_bytes(), "image/png"))
    post(member_url, photo=SimpleUploadedFile("rik.png", image_bytes(), "image/png"))
    photo = OversightTeamMember.objects.get(pk=member.pk).photo.name
    with_photo = stored_files(settings)
    post(member_url, **{"photo-clear": "on"})

    logo = NationalGroup.objects.get(pk=group.pk).logo.name
    assert with_photo == {logo, photo}
    assert stored_files(settings) == {logo}
