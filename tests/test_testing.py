"""`wagtail_charte.testing`, the helpers for a site's own tests, on a site laid out as real ones
are: Django's default LANGUAGE_CODE, and pages that do not load."""

import pytest

from wagtail_charte.banner import markup
from wagtail_charte.testing import PagesNotLoaded, pages_without_preferences_link


def test_under_en_us_every_page_is_checked_at_its_own_url(demo, client, settings, monkeypatch):
    # Wagtail would build `/en-us/…` for the English pages: a 404 the helper must not skip.
    settings.LANGUAGE_CODE = "en-us"
    assert pages_without_preferences_link(client) == []
    monkeypatch.setattr(markup, "render_to_string", lambda name, context: "")
    # The charte pages keep their consent preferences block, which reopens the dialog too.
    # "/" redirects to a home page, where it is checked.
    assert sorted(pages_without_preferences_link(client, urls=["/"])) == ["/", "/en/", "/fr/"]


def test_a_page_that_does_not_load_is_named_not_skipped(demo, client):
    with pytest.raises(PagesNotLoaded) as error:
        # "/" redirects to "/fr/": checked there.
        pages_without_preferences_link(client, urls=["/fr/nowhere/", "/", "/fr/"])
    assert error.value.failed == [("/fr/nowhere/", 404)]
    assert "/fr/nowhere/ (404)" in str(error.value)
