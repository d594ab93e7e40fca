"""A provider's embeds in its edit form, in Chromium, in both languages; axe on the form."""

import os

import pytest
from wagtail.embeds.models import Embed

from wagtail_charte.models import CookieProvider

from ..helpers import admin_log_in, axe_violations
from .helpers import YOUTUBE_IFRAME, provider_with_domains, stored_embed, url

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("CHARTE_SCREENSHOTS")
HEADINGS = {"en-GB": "Embeds on its domains", "fr-FR": "Contenus intégrés sur ses domaines"}


@pytest.mark.parametrize("language", ["fr-FR", "en-GB"])
def test_the_edit_form_shows_the_embeds_of_its_domains(demo_server, new_context, language):
    Embed.objects.all().delete()  # the demo's own are on YouTube's domains too
    youtube = provider_with_domains()
    for number, title in enumerate(["Visite de la médiathèque", "L'atelier en 2 minutes"]):
        address = f"https://www.youtube.com/watch?v={number}"
        stored_embed(address, YOUTUBE_IFRAME.format(number, title), title, "YouTube")
    stored_embed("https://vimeo.com/1", '<iframe src="https://player.vimeo.com/video/1"></iframe>')
    page = new_context(locale=language).new_page()
    admin_log_in(page, demo_server)

    page.goto(demo_server.url + url(CookieProvider, "edit", youtube.pk))
    panel = page.get_by_role("region", name=HEADINGS[language])
    assert panel.get_by_role("row").count() == 3
    assert panel.get_by_role("link", name="https://www.youtube.com/watch?v=1").is_visible()
    assert "“Mesure d'audience”" in panel.inner_text() or "« Mesure d'audience »" in (
        panel.inner_text()
    )
    # Wagtail's snippet forms have no h1 of their own: the rest of the page is checked.
    assert axe_violations(page, rules={"page-has-heading-one": {"enabled": False}}) == []
    if SCREENSHOTS:
        panel.scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(SCREENSHOTS, f"provider-embeds-{language}.png"))
