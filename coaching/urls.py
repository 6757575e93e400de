"""The organizers' coaching pages, under their group's own page."""

from django.urls import path

from coaching import views

app_name = "coaching"

urlpatterns = [
    path(
        "my/groups/<slug:slug>/actions/<int:pk>/done/",
        views.action_done,
        name="action_done",
    ),
    path(
        "my/groups/<slug:slug>/actions/<int:pk>/open-again/",
        views.action_open_again,
        name="action_reopen",
    ),
    path("my/groups/<slug:slug>/reports/", views.report_list, name="reports"),
    # The period by the ISO date it starts on: 2025-01-01.
    path(
        "my/groups/<slug:slug>/reports/<str:period_start>/",
        views.report_page,
        name="report",
    ),
]
