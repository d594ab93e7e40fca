"""The sandbox's URLs, with two of its pages replaced by views that set cookies, pages
with ungated trackers and embeds, and a page under a host's dark stylesheet."""

from django.urls import path

from sandbox.urls import urlpatterns as sandbox_urlpatterns

from . import views

urlpatterns = [
    # The audit crawls the live pages: these two answer in place of the charte pages.
    path("en/cookie-policy/", views.undeclared_cookie),
    path("fr/charte-cookies/", views.consent_cookie),
    path("tracker/", views.tracker_script),
    path("tracker/ungated/", views.ungated_script),
    path("tracker/storage/", views.storage_and_pixel),
    path("tracker/pixel/", views.pixel),
    path("tracker/embeds/", views.embeds),
    path("host/dark/", views.dark_host),
    *sandbox_urlpatterns,
]
