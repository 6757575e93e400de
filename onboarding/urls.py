from django.urls import path

from accounts import views as account_views
from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("my/", views.my_overview, name="my_overview"),
    # The account's full name (accounts/views.py), under the name it always had.
    path("my/name/", account_views.my_name, name="my_name"),
    path(
        "my/applications/<int:pk>/answer/",
        views.application_answer_view,
        name="application_answer",
    ),
    path("my/groups/<slug:slug>/setup/", views.group_setup, name="group_setup"),
    path(
        "my/applications/<int:pk>/withdraw/",
        views.application_withdraw_view,
        name="application_withdraw",
    ),
]
