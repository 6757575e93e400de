from django.urls import path

from groups import views

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
]
