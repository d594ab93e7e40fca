"""Test-only views that set what the sandbox's register does not allow."""

import base64

from django.http import HttpResponse
from django.shortcuts import render
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

PAGE = "<!DOCTYPE html><html lang='en'><title>{0}</title><p>{0}</p></html>"
YEAR = 365 * 24 * 3600
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
# A page body as editors build it, with raw HTML.
BODY = blocks.StreamBlock([("html", blocks.RawHTMLBlock()), ("embed", EmbedBlock())])
# Pasted by an editor: another site's video and widget, which no gate holds back.
RAW_HTML = (
    '<iframe src="https://www.youtube.com/embed/pasted" title="A pasted video"></iframe>'
    '<script src="https://widgets.example.net/widget.js"></script>'
)
# Wagtail's embeds, whose Embed rows the tests store: no finder is asked.
EMBED_URLS = ["https://www.youtube.com/watch?v=declared", "https://vimeo.com/76979871"]


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


def embeds(request):
    """The sandbox's layout around a page body: a raw HTML block with another site's iframe
    and script, then two of Wagtail's embed blocks, which the banner gates."""
    body = BODY.to_python(
        [{"type": "html", "value": RAW_HTML}]
        + [{"type": "embed", "value": url} for url in EMBED_URLS]
    )
    return render(request, "testapp/embeds.html", {"body": body})
