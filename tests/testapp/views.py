"""Test-only views that set what the sandbox's register does not allow."""

import base64

from django.http import HttpResponse
from django.shortcuts import render

PAGE = "<!DOCTYPE html><html lang='en'><title>{0}</title><p>{0}</p></html>"
YEAR = 365 * 24 * 3600
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def undeclared_cookie(request):
    """Sets a cookie that no register entry declares."""
    response = HttpResponse(PAGE.format("A page with an undeclared cookie"))
    response.set_cookie("_hjSessionUser_1", "1", max_age=YEAR)
    return response


def consent_cookie(request):
    """Sets, from the server, a cookie declared under a category that needs consent."""
    response = HttpResponse(PAGE.format("A page with a statistics cookie"))
    response.set_cookie("_pk_id.1.server", "1", max_age=3600)
    return response


def tracker_script(request):
    """The sandbox's layout, with the banner, and a script the banner does not gate."""
    return render(request, "testapp/tracker.html")


def ungated_script(request):
    """The sandbox's layout, whose statistics script the banner gates, loaded once more
    without the gate."""
    return render(request, "testapp/ungated.html")


def storage_and_pixel(request):
    """The sandbox's layout, with a script that writes web storage and a pixel from another
    host, which sets a cookie of its own."""
    pixel = f"http://127.0.0.1:{request.get_port()}/tracker/pixel/"
    return render(request, "testapp/storage.html", {"pixel": pixel})


def pixel(request):
    """A third party's pixel: a GIF (Chromium blocks an empty answer to an <img> before its
    headers are reported) that sets a cookie."""
    response = HttpResponse(GIF, content_type="image/gif")
    response.set_cookie("_3p_uid", "1", max_age=3600)
    return response


def dark_host(request):
    """The sandbox's layout under a host's stylesheet: dark background, white p, h2, a and
    label."""
    return render(request, "testapp/dark_host.html")
