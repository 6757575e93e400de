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
]
