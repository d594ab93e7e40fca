"""Fixtures of the compliance tests: a visitor of the demo site (see visitor.py)."""

import pytest

from .visitor import Visitor, use_theme


@pytest.fixture
def visitor(new_context, site, settings):
    """`visitor(theme, lang, width=1280, height=800, gpc=False)`: a fresh visitor."""

    def make(theme, lang, width=1280, height=800, gpc=False, javascript=True):
        use_theme(settings, theme)
        context = new_context(
            locale="fr-FR" if lang == "fr" else "en-GB",
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
        )
        page = context.new_page()
        if gpc:
            page.add_init_script(
                "Object.defineProperty(navigator, 'globalPrivacyControl', {value: true})"
            )
        return Visitor(page, site.url, theme, lang)

    return make
