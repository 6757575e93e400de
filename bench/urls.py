"""The site's URLs, and /__bench__/bare/<page>: the bytes of a page, served by Django
through the same middleware without the view's work, to compare the page with."""

from django.urls import path

from bench import views
from pauseai.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("__bench__/bare/<slug:name>", views.bare_page, name="bench_bare_page"),
    *site_urlpatterns,
]
