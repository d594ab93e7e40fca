"""The charte page on a site's own base template: the blocks the settings name, what it does
without them, its container, the DSFR theme, and the system checks that say what is missing."""

import re

import pytest
from django.core import checks
from django.test import override_settings

from ..helpers import needs_vnu, w3c_errors

URLS = {"fr": "/fr/charte-cookies/", "en": "/en/cookie-policy/"}
STYLESHEETS = [
    '<link rel="stylesheet" href="/static/wagtail_charte/charte.css">',
    '<link rel="stylesheet" href="/static/wagtail_charte/charte-page.css">',
]
# The bakery demo's shape: a head block of its own name, no switcher block.
HOST = {"PAGE_BASE_TEMPLATE": "testapp/host_base.html"}


def host(**settings):
    return override_settings(WAGTAIL_CHARTE={**HOST, **settings})


def head_and_body(response):
    content = response.content.decode()
    return content.split("</head>")


def article(content):
    return re.search(r"<article[^>]*>.*?</article>", content, re.DOTALL)[0]


def page_warnings():
    return {message.id: message for message in checks.run_checks(tags=[checks.Tags.templates])}


def test_the_sandbox_base_template_has_every_block(demo, client):
    assert page_warnings() == {}
    head, body = head_and_body(client.get(URLS["en"]))
    assert all(link in head for link in STYLESHEETS)
    assert '<link rel="alternate" hreflang="fr" href="http://localhost/fr/charte-cookies/">' in head
    assert '<nav class="charte-languages"' not in article(body)


def test_without_a_head_block_the_stylesheets_go_into_the_content(demo, client):
    with host():
        response = client.get(URLS["en"])
        warnings = page_warnings()
    head, body = head_and_body(response)
    assert not any(link in head for link in STYLESHEETS)
    main = body[body.index("<main>") : body.index("<article")]
    assert all(link in main for link in STYLESHEETS)
    assert "“extra_head”" in warnings["wagtail_charte.W006"].msg
    assert "PAGE_HEAD_BLOCK" in warnings["wagtail_charte.W006"].hint


def test_without_a_head_block_hreflang_goes_into_an_http_link_header(demo, client):
    """`<link rel="alternate">` is not allowed in <body>, and search engines read the header."""
    with host():
        response = client.get(URLS["fr"])
    assert 'rel="alternate"' not in response.content.decode()
    assert response["Link"] == (
        '<http://localhost/en/cookie-policy/>; rel="alternate"; hreflang="en", '
        '<http://localhost/fr/charte-cookies/>; rel="alternate"; hreflang="fr"'
    )
    assert not client.get(URLS["fr"]).has_header("Link")


def test_without_a_switcher_block_the_languages_are_in_the_article(demo, client):
    with host():
        response = client.get(URLS["fr"])
        warnings = page_warnings()
    switcher = re.search(
        r'<nav class="charte-languages".*?</nav>', article(response.content.decode()), re.DOTALL
    )
    assert 'href="/en/cookie-policy/" lang="en" hreflang="en"' in switcher[0]
    assert "“language_switcher”" in warnings["wagtail_charte.W007"].msg
    assert "PAGE_LANGUAGE_SWITCHER_BLOCK" in warnings["wagtail_charte.W007"].hint


def test_the_settings_name_the_site_s_own_blocks(demo, client):
    """Sites Faciles calls its head block `extra_css`; a level between counts as well."""
    settings = {
        "PAGE_BASE_TEMPLATE": "testapp/host_page.html",
        "PAGE_HEAD_BLOCK": "extra_css",
        "PAGE_CONTENT_BLOCK": "main",
        "PAGE_LANGUAGE_SWITCHER_BLOCK": None,
    }
    with override_settings(WAGTAIL_CHARTE=settings):
        response = client.get(URLS["en"])
        warnings = page_warnings()
    assert warnings == {}
    head, body = head_and_body(response)
    # The site's own head block keeps what it held, before the page's.
    assert head.index('href="/static/host.css"') < head.index(STYLESHEETS[0])
    assert '<link rel="alternate" hreflang="fr"' in head
    assert not response.has_header("Link")
    assert re.search(
        r'<div class="container">\s*<article class="charte-page charte-container"', body
    )
    assert '<nav class="charte-languages"' in article(body)


def test_without_its_content_block_the_page_warns_that_nothing_would_show(demo):
    with host(PAGE_CONTENT_BLOCK="main"):
        warning = page_warnings()["wagtail_charte.W005"]
    assert "“main”" in warning.msg and "PAGE_CONTENT_BLOCK" in warning.hint


def test_a_base_template_that_does_not_exist_is_said(demo):
    with host(PAGE_BASE_TEMPLATE="missing.html"):
        warnings = page_warnings()
    assert list(warnings) == ["wagtail_charte.W004"]
    assert "missing.html" in warnings["wagtail_charte.W004"].msg


@pytest.mark.parametrize(
    ("container", "theme", "classes"),
    [
        (None, "default", "charte-page charte-container"),
        (None, "dsfr", "charte-page fr-container"),
        ("container", "dsfr", "charte-page container"),
        ("", "default", "charte-page"),
    ],
)
def test_the_article_has_a_container(banner, client, container, theme, classes):
    banner.theme = theme
    banner.save()
    with override_settings(WAGTAIL_CHARTE={"PAGE_CONTAINER_CLASS": container}):
        content = client.get(URLS["en"]).content.decode()
    assert f'<article class="{classes}" lang="en">' in content


def test_the_dsfr_theme_uses_dsfr_s_tables_and_buttons(banner, client):
    banner.theme = "dsfr"
    banner.save()
    content = client.get(URLS["fr"]).content.decode()
    assert "charte-table-scroll" not in content and 'class="charte-table' not in content
    frames = re.findall(
        r'<div class="fr-table fr-table--bordered fr-table--no-caption">'
        r'<div class="fr-table__wrapper"><div class="fr-table__container">'
        r'<div class="fr-table__content" role="region" tabindex="0" aria-label="[^"]+">\s*'
        r'<table class="charte-cookie-table">',
        content,
    )
    assert len(frames) == content.count("<table")
    assert 'class="charte-preferences-button fr-btn fr-btn--secondary" data-charte-open' in content


def test_no_preferences_button_while_the_site_s_banner_is_off(banner, client):
    assert "data-charte-open" in article(client.get(URLS["en"]).content.decode())
    banner.enabled = False
    banner.save()
    content = article(client.get(URLS["en"]).content.decode())
    assert "data-charte-open" not in content and "charte-preferences" not in content
    banner.enabled = True
    banner.save()
    assert "data-charte-open" in article(client.get(URLS["en"]).content.decode())


@needs_vnu
def test_the_fallbacks_are_valid_html(demo, client):
    with host():
        content = client.get(URLS["fr"]).content
    assert w3c_errors(content) == []


def test_a_base_template_with_an_error_is_said_without_stopping_the_checks(demo):
    with host(PAGE_BASE_TEMPLATE="testapp/broken_base.html"):
        warnings = page_warnings()
    assert "has an error" in warnings["wagtail_charte.W004"].msg
