"""A visitor of the sandbox's demo site, in either theme and either language.

The DSFR theme runs with DSFR's own stylesheet in `<head>`, as `make run THEME=dsfr` serves it.
"""

import json
import time
from urllib.parse import quote, unquote

from django.core.cache import cache
from wagtail.models import Locale

from sandbox.home.demo_register import ensure_source
from wagtail_charte.models import (
    ConsentBasis,
    Cookie,
    CookieBannerSettings,
    CookieCategory,
    CookieProvider,
)

from ..helpers import wait_for_requests

BANNER = "[data-charte-banner]"
DIALOG = "[data-charte-dialog]"
NOTICE = "[data-charte-gpc]"
COOKIE = "cookies_preferences"
# Each theme and each language, in two runs; the full matrix where words or looks matter.
PAIRS = [("default", "fr"), ("dsfr", "en")]
MATRIX = [(theme, lang) for theme in ("default", "dsfr") for lang in ("fr", "en")]
DSFR_LOADED = (
    "[...document.styleSheets].some(s => (s.href || '').endsWith('/dsfr.min.css')"
    " && s.cssRules.length > 100)"
)
POLICY = {"fr": "/fr/charte-cookies/", "en": "/en/cookie-policy/"}
WORDS = {
    "fr": {
        "accept-all": "Tout accepter",
        "refuse-all": "Tout refuser",
        "customize": "Personnaliser",
        "save": "Confirmer mes choix",
        "saved": "Vos choix ont été enregistrés.",
        "settings": "Gestion des cookies",
        "statistics": "Mesure d'audience",
        "external": "Contenus externes",
    },
    "en": {
        "accept-all": "Accept all",
        "refuse-all": "Refuse all",
        "customize": "Customize",
        "save": "Confirm my choices",
        "saved": "Your choices have been saved.",
        "settings": "Cookie settings",
        "statistics": "Audience measurement",
        "external": "External content",
    },
}


def use_theme(settings, theme, **fields):
    CookieBannerSettings.objects.update(theme=theme, **fields)
    settings.DEMO_THEME = theme
    cache.clear()


class Visitor:
    """One browser context: a page, and what the visitor has stored."""

    def __init__(self, page, base, theme, lang):
        self.page, self.base, self.theme, self.lang = page, base, theme, lang
        self.words = WORDS[lang]

    def url(self, path=""):
        """`path` from the site's root when it starts with "/", else from the language's."""
        return self.base + path if path.startswith("/") else f"{self.base}/{self.lang}/{path}"

    def visit(self, path=""):
        self.page.goto(self.url(path))
        self.page.wait_for_function("window.wagtailCharte !== undefined")
        if self.theme == "dsfr":
            assert self.page.evaluate(DSFR_LOADED)

    def click(self, where, action):
        self.page.click(f'{where} [data-charte-action="{action}"]')

    def open_preferences(self):
        self.page.click("footer [data-charte-open]")
        self.dialog_open()

    def dialog_open(self):
        self.page.wait_for_selector(DIALOG, state="visible")
        # DSFR fades the modal in: focus may take a moment to move into it.
        self.page.wait_for_function("document.activeElement.closest('[data-charte-dialog]')")

    def choose(self, slug, allowed):
        """Clicks the label, as a visitor does (DSFR hides the radio itself)."""
        value = "true" if allowed else "false"
        radio = self.page.locator(f'[data-charte-category="{slug}"][value="{value}"]')
        self.page.click(f'label[for="{radio.get_attribute("id")}"]')

    def forget(self):
        """Clears the cookies once no choice is in flight: its answer would set one again."""
        assert wait_for_requests(self.page) == []
        self.page.context.clear_cookies()

    def cookies(self):
        return {c["name"]: c for c in self.page.context.cookies()}

    def choice(self):
        raw = self.cookies().get(COOKIE)
        return json.loads(unquote(raw["value"])) if raw else None

    def stats_cookies(self):
        return sorted(name for name in self.cookies() if name.startswith("_pk_id"))

    def set_choice(self, c, age_days=0, v=1):
        value = {"v": v, "ts": int(time.time() - age_days * 86400), "id": "a" * 32, "c": c}
        self.page.context.add_cookies(
            [{"name": COOKIE, "value": quote(json.dumps(value)), "url": self.base}]
        )

    def stats_ran(self):
        return self.page.locator("html[data-demo-stats]").count() == 1

    def live_text(self):
        return self.page.locator("[data-charte-live]").text_content()

    def wait_announced(self, text):
        self.page.wait_for_function(
            "t => document.querySelector('[data-charte-live]').textContent.startsWith(t)", arg=text
        )

    def focused(self):
        """What has focus: its action, category, id, or tag."""
        return self.page.evaluate(
            "(() => { const e = document.activeElement; return e.getAttribute('data-charte-action')"
            " || e.getAttribute('data-charte-category') || e.id || e.tagName; })()"
        )


EXEMPT_SCRIPT = (
    '<script type="text/plain" data-charte-category="audience">'
    "document.cookie = '_audience_id=1; Path=/; Max-Age=86400';"
    "document.documentElement.setAttribute('data-audience-ran', '');</script>"
)


def exempt_audience_category():
    """An exempt category with a first-party cookie, published in French (English falls back)."""
    fr = Locale.objects.get(language_code="fr")
    category = ensure_source(
        CookieCategory,
        fr,
        {"slug": "audience"},
        {"name": "Mesure d'audience exemptée", "basis": ConsentBasis.EXEMPT, "sort_order": 25},
    )
    values = {
        "category": category,
        "purpose": "Compter les visites.",
        "lifetime_value": 13,
        "lifetime_unit": "months",
    }
    provider = CookieProvider.objects.get(locale=fr, name="Matomo")
    ensure_source(Cookie, fr, {"name": "_audience_id", "provider": provider}, values)


def with_exempt_script(route):
    response = route.fetch()
    body = response.text().replace("</main>", EXEMPT_SCRIPT + "</main>")
    route.fulfill(response=response, body=body)
