"""The charte page on the host's own base template, which has a `content` block in a bare
<main> and an `extra_css` head block, but neither `extra_head` nor `language_switcher`."""

import re

import pytest
from django.core import checks
from django.test import override_settings

from wagtail_charte.models import CookiePolicyPage

from .helpers import url_of

pytestmark = pytest.mark.django_db

STYLESHEET = '<link rel="stylesheet" href="/static/wagtail_charte/charte-page.css">'


def policy_pages():
    return list(CookiePolicyPage.objects.live().order_by("locale__language_code"))


def template_checks():
    return {message.id for message in checks.run_checks(tags=[checks.Tags.templates])}


def test_the_checks_name_the_blocks_the_base_template_lacks(host):
    assert template_checks() == {"wagtail_charte.W006", "wagtail_charte.W007"}
    settings = {"PAGE_HEAD_BLOCK": "extra_css", "PAGE_LANGUAGE_SWITCHER_BLOCK": None}
    with override_settings(WAGTAIL_CHARTE=settings):
        assert template_checks() == set()


def test_without_settings_the_page_keeps_its_stylesheets_hreflang_and_switcher(host, client):
    pages = policy_pages()
    for page in pages:
        response = client.get(url_of(page))
        head, body = response.text.split("</head>")
        main = body[body.index('<main id="main-content">') : body.index("</main>")]
        assert STYLESHEET not in head and STYLESHEET in main.split("<article")[0]
        assert 'rel="alternate"' not in response.text
        assert response["Link"].count('rel="alternate"') == len(pages)
        article = re.search(r"<article[^>]*>.*?</article>", main, re.DOTALL)[0]
        assert article.startswith('<article class="charte-page charte-container"')
        # A one-language site has no other language to offer.
        assert ('<nav class="charte-languages"' in article) == (len(pages) > 1)


def test_naming_the_host_s_head_block_puts_the_page_s_links_in_its_head(host, client):
    pages = policy_pages()
    with override_settings(WAGTAIL_CHARTE={"PAGE_HEAD_BLOCK": "extra_css"}):
        response = client.get(url_of(pages[0]))
    head = response.text.split("</head>")[0]
    assert head.index("host/site.css") < head.index(STYLESHEET)
    assert head.count('<link rel="alternate" hreflang=') == len(pages)
    assert not response.has_header("Link")
