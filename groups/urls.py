from django.urls import path

from groups import microgrant_views, views

app_name = "groups"

urlpatterns = [
    path("", views.home, name="home"),
    path("national-groups/", views.NationalGroupListView.as_view(), name="national_group_list"),
    path(
        "national-groups/<slug:slug>/",
        views.NationalGroupDetailView.as_view(),
        name="national_group_detail",
    ),
    path("communities/", views.CommunityListView.as_view(), name="community_list"),
    path("my/groups/<slug:slug>/", views.group_manage, name="group_manage"),
    path("my/groups/<slug:slug>/profile/", views.group_profile_edit, name="group_profile_edit"),
    path("my/groups/<slug:slug>/communities/add/", views.community_edit, name="community_add"),
    path(
        "my/groups/<slug:slug>/communities/<int:pk>/",
        views.community_edit,
        name="community_edit",
    ),
    path(
        "my/groups/<slug:slug>/invitations/",
        views.invitation_create_view,
        name="invitation_create",
    ),
    path("my/groups/<slug:slug>/public-name/", views.public_name_edit, name="public_name_edit"),
    path(
        "my/groups/<slug:slug>/organizers/<int:pk>/remove/",
        views.membership_remove_view,
        name="membership_remove",
    ),
    path(
        "my/groups/<slug:slug>/organizers/<int:pk>/role/",
        views.membership_role_view,
        name="membership_role",
    ),
    path("invitations/<uuid:token>/", views.invitation_accept_view, name="invitation_accept"),
    # Microgrants: the public rules, then a group's requests for its organizers.
    path("microgrants/", microgrant_views.rules, name="microgrant_rules"),
    path(
        "my/groups/<slug:slug>/microgrants/",
        microgrant_views.grant_list,
        name="microgrant_list",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/new/",
        microgrant_views.grant_create,
        name="microgrant_create",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/",
        microgrant_views.grant_detail,
        name="microgrant_detail",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/edit/",
        microgrant_views.grant_edit,
        name="microgrant_edit",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/withdraw/",
        microgrant_views.grant_withdraw,
        name="microgrant_withdraw",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/submit/",
        microgrant_views.grant_submit,
        name="microgrant_submit",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/letter/",
        microgrant_views.grant_letter,
        name="microgrant_letter",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/files/",
        microgrant_views.grant_file_upload,
        name="microgrant_file_upload",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/files/<int:file_pk>/",
        microgrant_views.grant_file_download,
        name="microgrant_file_download",
    ),
    path(
        "my/groups/<slug:slug>/microgrants/<int:pk>/report/",
        microgrant_views.grant_report,
        name="microgrant_report",
    ),
]
