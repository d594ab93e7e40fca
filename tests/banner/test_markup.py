"""The persistent preferences link, gated embeds, and the helper that checks every page."""

import pytest
from django.db import connection
from django.template import engines
from django.template.backends.jinja2 import Jinja2
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from wagtail_charte.banner import markup
from wagtail_charte.testing import pages_without_preferences_link

LINK = '{% load wagtail_charte_tags %}{% charte_preferences_link css_class="footer-link" %}'
EMBED = '{% load wagtail_charte_tags %}{% charte_embed "video" src title 640 360 %}'


def site_request():
    request = RequestFactory().get("/")
    request._wagtail_site = Site.objects.get(is_default_site=True)
    return request


def jinja2():
    options = {"extensions": ["wagtail_charte.jinja2tags.charte"]}
    return Jinja2({"APP_DIRS": False, "DIRS": [], "NAME": "jinja2", "OPTIONS": options})


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Gestion des cookies"), ("en", "Cookie settings")]
)
def test_preferences_link_in_both_engines(banner, language, label):
    request = site_request()
    with translation.override(language):
        html = engines["django"].from_string(LINK).render({}, request)
        same = jinja2().from_string('{{ charte_preferences_link(css_class="footer-link") }}')
        assert same.render({}, request) == html
    assert html.strip() == (
        f'<button type="button" class="footer-link" data-charte-open>{label}</button>'
    )


def test_no_preferences_link_when_the_banner_is_off(banner):
    banner.enabled = False
    banner.save()
    assert engines["django"].from_string(LINK).render({}, site_request()).strip() == ""


def test_without_a_request_both_engines_show_no_banner_and_no_link(banner):
    """A template rendered outside a request (an email, say): nothing, and no query."""
    django_tags = "{% load wagtail_charte_tags %}{% charte_banner %}{% charte_preferences_link %}"
    jinja2_tags = "{{ charte_banner() }}{{ charte_preferences_link() }}"
    with CaptureQueriesContext(connection) as queries:
        assert engines["django"].from_string(django_tags).render({}) == ""
        assert jinja2().from_string(jinja2_tags).render({}) == ""
    assert len(queries) == 0, [query["sql"] for query in queries]


def test_gated_embed_is_hidden_and_says_what_it_is_without_javascript():
    context = {"src": "https://video.example/embed/1?a=1&b=2", "title": 'Our "film" <b>'}
    with translation.override("en"):
        html = engines["django"].from_string(EMBED).render(context)
        assert (
            jinja2()
            .from_string('{{ charte_embed("video", src, title, 640, 360) }}')
            .render(context)
            == html
        )
    assert (
        '<iframe title="Our &quot;film&quot; &lt;b&gt;" data-charte-category="video" '
        'data-charte-src="https://video.example/embed/1?a=1&amp;b=2" width="640" height="360" '
        "hidden></iframe>"
    ) in html
    assert "<noscript>" in html and "<b>" not in html
    assert '<a href="https://video.example/embed/1?a=1&amp;b=2">' in html
    assert "Open “Our &quot;film&quot; &lt;b&gt;” on the site that hosts it" in html


def test_every_page_of_the_demo_has_the_persistent_link(banner, client):
    assert pages_without_preferences_link(client) == []


def test_the_helper_names_the_pages_that_lost_it(banner, client, monkeypatch):
    monkeypatch.setattr(markup, "render_to_string", lambda name, context: "")
    # The charte pages keep their consent preferences block, which reopens the dialog too.
    assert sorted(pages_without_preferences_link(client, urls=["/fr/"])) == [
        "/en/",
        "/fr/",
        "/fr/",
    ]
    banner.enabled = False
    banner.save()
    assert pages_without_preferences_link(client) == []
