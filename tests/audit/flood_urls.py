"""The sandbox, whose English charte page sets 10,000 cookies that no register declares."""

from django.http import HttpResponse
from django.urls import path

from sandbox.urls import urlpatterns as sandbox_urlpatterns

COOKIES = 10_000


def ten_thousand_cookies(request):
    response = HttpResponse("<p>Crumbs.</p>")
    for i in range(COOKIES):
        response.set_cookie(f"crumb_{i:05}", "1", max_age=3600)
    return response


urlpatterns = [path("en/cookie-policy/", ten_thousand_cookies), *sandbox_urlpatterns]
