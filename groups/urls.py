from django.urls import path

from common.pagecache import cached
from groups.map_background import with_map_background
from groups.views import community_pages, group_pages, invitations, public, public_names

# The directory's search and filters, and the communities page's page number.
DIRECTORY = ("q", "country", "status", "page")

app_name = "groups"

urlpatterns = [
    # Public pages, built once per registry version (common/pagecache.py).
    path("", cached(public.home), name="home"),
    path(
        "national-groups/",
        cached(public.NationalGroupListView.as_view(), parameters=DIRECTORY),
        name="national_group_list",
    ),
    path(
        "national-groups/<slug:slug>/",
        cached(public.NationalGroupDetailView.as_view()),
        name="national_group_detail",
    ),
    path(
        "communities/",
        # The policy's change kept with the cached answer: with_map_background inside cached.
        cached(with_map_background(public.CommunityListView.as_view()), parameters=DIRECTORY),
        name="community_list",
    ),
    path("my/groups/<slug:slug>/", group_pages.group_manage, name="group_manage"),
    path(
        "my/groups/<slug:slug>/profile/", group_pages.group_profile_edit, name="group_profile_edit"
    ),
    path(
        "my/groups/<slug:slug>/communities/add/",
        with_map_background(community_pages.community_edit),
        name="community_add",
    ),
    path(
        "my/groups/<slug:slug>/communities/<int:pk>/",
        with_map_background(community_pages.community_edit),
        name="community_edit",
    ),
    path(
        "my/groups/<slug:slug>/communities/<int:pk>/organizers/",
        community_pages.community_manage,
        name="community_manage",
    ),
    path(
        "my/groups/<slug:slug>/communities/<int:pk>/organizers/invite/",
        community_pages.community_invitation_create_view,
        name="community_invitation_create",
    ),
    path(
        "my/groups/<slug:slug>/communities/<int:pk>/organizers/<int:organizer_pk>/remove/",
        community_pages.community_organizer_remove_view,
        name="community_organizer_remove",
    ),
    path(
        "my/groups/<slug:slug>/communities/<int:pk>/public-name/",
        public_names.public_name_edit,
        name="community_public_name_edit",
    ),
    path(
        "my/groups/<slug:slug>/invitations/",
        group_pages.invitation_create_view,
        name="invitation_create",
    ),
    path(
        "my/groups/<slug:slug>/public-name/", public_names.public_name_edit, name="public_name_edit"
    ),
    path(
        "my/groups/<slug:slug>/organizers/<int:pk>/remove/",
        group_pages.membership_remove_view,
        name="membership_remove",
    ),
    path(
        "my/groups/<slug:slug>/organizers/<int:pk>/role/",
        group_pages.membership_role_view,
        name="membership_role",
    ),
    path(
        "my/groups/<slug:slug>/invitations/<int:pk>/send-again/",
        invitations.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "my/groups/<slug:slug>/invitations/<int:pk>/cancel/",
        invitations.invitation_cancel_view,
        name="invitation_cancel",
    ),
    path("invitations/<uuid:token>/", invitations.invitation_accept_view, name="invitation_accept"),
]
