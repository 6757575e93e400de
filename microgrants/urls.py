"""The microgrants' pages, at the same addresses as when they were part of groups."""

from django.urls import path

from common.pagecache import cached
from microgrants import views

app_name = "microgrants"

urlpatterns = [
    # Microgrants: the public rules, then a group's requests for its organizers.
    path("microgrants/", cached(views.rules), name="rules"),
    path(
        "my/groups/<slug:slug>/microgrants/",
        views.microgrant_list,
        name="list",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/new/",
        views.microgrant_create,
        name="create",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/",
        views.microgrant_detail,
        name="detail",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/edit/",
        views.microgrant_edit,
        name="edit",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/withdraw/",
        views.microgrant_withdraw_view,
        name="withdraw",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/submit/",
        views.microgrant_submit_view,
        name="submit",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/letter/",
        views.microgrant_letter,
        name="letter",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/files/",
        views.microgrant_file_upload,
        name="file_upload",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/files/<int:file_pk>/",
        views.microgrant_file_download,
        name="file_download",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/report/",
        views.microgrant_report,
        name="report",
    ),
]
