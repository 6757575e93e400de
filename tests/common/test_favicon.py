"""/favicon.ico, which browsers ask of every site whatever its pages link (the admin's,
the API's, a PDF's tab): the site's icon, not a 404."""

import pytest
from django.test import Client
from PIL import Image


def test_favicon_ico_answers_with_the_sites_icon(tmp_path):
    response = Client().get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    icon = tmp_path / "favicon.ico"
    icon.write_bytes(b"".join(response.streaming_content))
    assert Image.open(icon).info["sizes"] == {(16, 16), (32, 32), (48, 48)}


@pytest.mark.django_db
def test_the_admin_names_the_sites_icon_too(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("stan", is_staff=True))

    html = client.get("/admin/").content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
