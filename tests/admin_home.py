"""The admin's home page as the tile tests read it: a tile, and the changelist its link opens."""

import datetime

from django.urls import reverse
from django.utils import timezone

HOME = "/admin/"


def home(client, **headers):
    response = client.get(HOME, headers=headers)
    assert response.status_code == 200
    return response.context["home"]


def tile(client, name, *, mine=False):
    """The tile called `name` on the home page: in "My groups" with mine=True."""
    page = home(client)
    (reading,) = [each for each in (page.my_tiles if mine else page.tiles) if each.name == name]
    return reading


def changelist_behind(client, link):
    """What the changelist at `link` shows: its number of rows, and the rows' keys."""
    response = client.get(link)
    assert response.status_code == 200, link  # an unknown filter redirects with ?e=1
    changelist = response.context["cl"]
    return changelist.result_count, {row.pk for row in changelist.result_list}


def change_url(row):
    opts = row._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def date_days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)
