"""The banner's config: what it shows and how it behaves, per site and language, cached.

Built apart from its markup (`build.py`): the consent endpoint and `read_consent` read the
config and never render a template. Wagtail caches settings per request only, and
`for_site()` may write on a GET: neither is read on the page path.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site

from .. import cache
from ..consent_log import snapshots
from ..consent_log.snapshots import StoredSnapshot
from ..models import BannerTheme, ConsentBasis, CookieBannerSettings, Party
from ..models.banner import CONSENT_MODE_SIGNALS
from ..models.live import LiveRegister


@dataclass(frozen=True, slots=True)
class BannerCategory:
    """A live category as the banner shows it, with the names of its first-party cookies."""

    slug: str
    basis: str
    name: str
    description: str
    lang: str
    cookies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EmbedProvider:
    """A live provider that lists domains, and the category its embeds need ("": the default)."""

    name: str
    domains: tuple[str, ...]
    category: str


@dataclass(frozen=True)
class BannerConfig:
    """The banner of one site in one language. Only an enabled one has a snapshot and texts."""

    enabled: bool
    version: int
    lifetime: int
    gpc: bool
    # (signal, the slug that grants it or "") for every Consent Mode signal; None when off.
    consent_mode: tuple[tuple[str, str], ...] | None
    categories: tuple[BannerCategory, ...]
    theme: str = BannerTheme.DEFAULT
    layout: str = ""
    wording: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    policy_url: str = ""
    snapshot: StoredSnapshot | None = None
    embed_providers: tuple[EmbedProvider, ...] = ()
    # What an embed no provider claims needs: "" when no category needs consent.
    embed_category: str = ""

    @property
    def bases(self):
        """{slug: basis}, as the consent contract reads a choice."""
        return {category.slug: category.basis for category in self.categories}


def active_content_language():
    """The active language as one of the site's content languages, the default one if none.

    "en-us" (Django's default LANGUAGE_CODE) and a page in "en" show one banner and one
    snapshot; a visitor's language the site has no content in gets the site's own.
    """
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def get_banner_config(request) -> BannerConfig:
    """The config of the request's site in the active content language."""
    return banner_config(Site.find_for_request(request), active_content_language())


def banner_config(site, language) -> BannerConfig:
    """The config of `site` (None: no site matched) in `language`, from the cache if it is there."""
    parts = ("config", site.pk if site else None, language)
    return cache.cached(cache.BANNERS, parts, lambda: build_banner_config(site, language))


def build_banner_config(site, language) -> BannerConfig:
    """Reads settings, wording and register, and stores the snapshot: the cache-miss path."""
    with translation.override(language):
        # An unsaved instance carries the models' defaults for a site that has no settings.
        banner_settings = (
            CookieBannerSettings.objects.filter(site=site).select_related("wording").first()
            or CookieBannerSettings()
        )
        locale = _locale_for(language)
        register = LiveRegister(locale.pk)
        behaviour = {
            "enabled": banner_settings.enabled,
            "version": banner_settings.version,
            "lifetime": banner_settings.lifetime_days,
            "gpc": banner_settings.honour_gpc,
            "consent_mode": _consent_mode(banner_settings),
            "categories": _categories(register, locale),
        }
        if not banner_settings.enabled:
            return BannerConfig(**behaviour)
        policy_page = _policy_page(banner_settings, locale)
        content = {
            "theme": banner_settings.theme
            if banner_settings.theme in BannerTheme.values
            else BannerTheme.DEFAULT,
            "wording": _wording(banner_settings, locale),
            "texts": _texts(behaviour["categories"]),
            "policy_url": (policy_page.get_url() or "") if policy_page else "",
        }
        snapshot = snapshots.get_or_create(
            snapshots.banner_content(
                site=site,
                language=language,
                settings=banner_settings,
                categories=behaviour["categories"],
                policy_page=policy_page,
                **content,
            )
        )
        return BannerConfig(
            **behaviour,
            **content,
            layout=banner_settings.layout,
            snapshot=snapshot,
            embed_providers=_embed_providers(register),
            embed_category=default_embed_category(banner_settings, behaviour["categories"]),
        )


def _locale_for(language):
    try:
        return Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return Locale.get_default()


def _categories(register, locale):
    """The live categories as the policy page shows them, with their first-party cookies."""
    return tuple(
        BannerCategory(
            slug=group.slug,
            basis=group.category.basis,
            name=group.name,
            description=group.description,
            lang=group.lang or locale.language_code,
            cookies=tuple(sorted({c.name for c in group.cookies if c.party == Party.FIRST})),
        )
        for group in register.groups
        if group.category
    )


def _embed_providers(register):
    """Each live provider that lists domains, with the category its embeds need."""
    needs = providers_categories(register)
    return tuple(
        EmbedProvider(provider.name, tuple(provider.domains.split()), needs.get(provider.key, ""))
        for provider in register.providers
        if provider.domains
    )


def providers_categories(register):
    """{provider key: slug of the first category of its live cookies that needs consent}: what
    its embeds set. A provider with no such cookie is left out."""
    needs = {}
    for group in register.groups:
        if group.category and group.category.basis == ConsentBasis.CONSENT:
            for cookie in group.cookies:
                needs.setdefault(cookie.provider.key, group.slug)
    return needs


def default_embed_category(banner_settings, categories):
    """The settings' category for embeds no provider claims, else the first of `categories`
    that needs consent; "" when none does."""
    consented = [c.slug for c in categories if c.basis == ConsentBasis.CONSENT]
    if banner_settings.embed_category in consented:
        return banner_settings.embed_category
    return consented[0] if consented else ""


def _consent_mode(banner_settings):
    if not banner_settings.consent_mode:
        return None
    granted_by = banner_settings.consent_mode_map()
    return tuple((signal, granted_by.get(signal, "")) for signal in CONSENT_MODE_SIGNALS)


def _wording(banner_settings, locale):
    wording = None
    chosen = banner_settings.wording
    if chosen is not None:
        wording = (
            type(chosen)
            .objects.filter(translation_key=chosen.translation_key, locale=locale, live=True)
            .first()
        )
    defaults = {
        "title": gettext("Cookies on this site"),
        "text": gettext("With your consent, we use cookies for the purposes below."),
        "accept_all_label": pgettext("cookie banner button", "Accept all"),
        "refuse_all_label": pgettext("cookie banner button", "Refuse all"),
        "customize_label": pgettext("cookie banner button", "Customize"),
        "save_label": pgettext("cookie banner button", "Confirm my choices"),
    }
    return {name: (getattr(wording, name, "") or default) for name, default in defaults.items()}


def _texts(categories):
    """The sentences the banner shows around the wording: in the snapshot as on screen."""
    texts = {
        "purposes": gettext("Purposes:"),
        "refusing": gettext("Refusing changes nothing in what you can read or do here."),
        "change_mind": gettext(
            "You can change your mind at any time with the cookie settings link at the "
            "bottom of every page."
        ),
        "read_policy": gettext("Read the cookie policy"),
        "dialog_title": gettext("Cookie settings"),
        "dialog_text": gettext(
            "Choose, for each purpose, whether you accept its cookies. Refusing has no effect "
            "on what you can read or do on this site."
        ),
        "always_on": gettext("Always on: the site cannot work without them."),
        "accept": gettext("Accept"),
        "refuse": gettext("Refuse"),
        "close": gettext("Close"),
        "ok": gettext("OK"),
        "gpc": gettext(
            "Your browser asks sites not to share your data (Global Privacy Control): "
            "we recorded a refusal. You can still change it in the cookie settings."
        ),
        # An embed's placeholder (banner/embeds.py).
        "embed_notice": gettext(
            "It comes from %(provider)s, which may set cookies on your device or read it: it "
            "is shown here once you accept “%(category)s”."
        ),
        "embed_unavailable": gettext(
            "It comes from %(provider)s, which may set cookies on your device or read it: it "
            "is not shown here."
        ),
        "embed_allow": gettext("Accept “%(category)s” and show it"),
        "embed_link": gettext("Open “%(title)s” on %(provider)s"),
        "embed_link_untitled": gettext("Open it on %(provider)s"),
        "embed_noscript": gettext("Accepting needs JavaScript, which does not run here."),
    }
    if any(category.basis == ConsentBasis.EXEMPT for category in categories):
        # Named apart from the purposes that need consent (and only then in the snapshot).
        texts["exempt"] = gettext(
            "Without consent, as the law allows (you can refuse them all the same):"
        )
    return texts


def _policy_page(banner_settings, locale):
    """The live policy page in the locale, else in its own language; None when not live."""
    page = banner_settings.policy_page
    if page is None:
        return None
    translated = page.get_translation_or_none(locale)
    if translated is not None and translated.live:
        page = translated
    return page if page.live else None
