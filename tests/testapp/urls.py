"""The sandbox's URLs, with two of its pages replaced by views that set cookies, and a page
with an ungated tracker."""

from django.urls import path

from sandbox.urls import urlpatterns as sandbox_urlpatterns

from . import views

urlpatterns = [
    # The audit crawls the live pages: these two answer in place of the charte pages.
    path("en/cookie-policy/", views.undeclared_cookie),
    path("fr/charte-cookies/", views.consent_cookie),
    path("tracker/", views.tracker_script),
    *sandbox_urlpatterns,
]
