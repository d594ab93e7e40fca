"""The register as a charte page shows it: what is published, in the page's locale.

An entry with no live translation in the page's locale is taken from the default locale
and marked with that locale's language (`fallback_lang`): a cookie is never hidden.
The whole register costs four queries, whatever its size, and is read as tuples into
slotted dataclasses: model instances would cost more than the page. Texts are made ready for
the cookie table's template, which fills a cell for each of them.
"""

import functools
import re
from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime

from django.conf import settings
from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant

from .domains import web_page
from .lifetime import format_lifetime
from .register import Cookie, CookieCategory, CookieProvider

# Keys are compared, never used as UUIDs: text spares building a UUID for every row.
KEY = Cast("translation_key", CharField())
# The characters that escaping for HTML changes (django.utils.html.escape).
HTML_SPECIAL = re.compile("[&<>\"']")


def mark_safe_if_plain(text):
    """`text`, marked safe when escaping would leave it unchanged: escaping costs Django as much
    as the rest of a table cell, and a large register fills thousands of cells. Text with
    something to escape stays as it is, and is escaped."""
    return text if HTML_SPECIAL.search(text) else SafeString(text)


@dataclass(slots=True)
class LiveEntry:
    """An entry as the live register reads it; `fallback_lang` marks one taken from the default
    locale."""

    id: int
    locale_id: int
    key: str
    fallback_lang: str | None = field(default=None, kw_only=True)

    # Django's templates look a name up as an item before they try it as an attribute:
    # answering the item lookup spares them an exception for each name in a cell.
    __getitem__ = object.__getattribute__


@dataclass(slots=True)
class ReferencedEntry(LiveEntry):
    """A category or a provider: read live or not, since cookies point to them."""

    live: bool
    last_published_at: datetime | None


@dataclass(slots=True)
class LiveCategory(ReferencedEntry):
    name: str
    slug: str
    description: str
    basis: str
    sort_order: int


@dataclass(slots=True)
class LiveProvider(ReferencedEntry):
    name: str
    privacy_policy_url: str
    domains: str

    @property
    def policy_link(self):
        """As `CookieProvider.policy_link`: the URL to link to, or ""."""
        return web_page(self.privacy_policy_url, mail=True)


@dataclass(slots=True)
class LiveCookie(LiveEntry):
    """A live cookie; `lifetime` is its text in the language active when the register was read."""

    name: str
    service: str
    purpose: str
    party: str
    lifetime_value: int | None
    lifetime_unit: str
    provider_id: int
    category_id: int
    lifetime: str = field(default="", kw_only=True)
    provider: LiveProvider | None = field(default=None, kw_only=True)
    category: LiveCategory | None = field(default=None, kw_only=True)


@functools.lru_cache(maxsize=256)
def _lifetime(value, unit, language):
    """Formatted once per language: a thousand cookies share a handful of lifetimes, and
    translating one costs more than the rest of its row."""
    with translation.override(language):
        return mark_safe_if_plain(format_lifetime(value, unit))


def _read(entry_class, queryset):
    """The queryset, reading the columns that `entry_class` requires, in its order."""
    read = [f.name for f in fields(entry_class) if f.default is MISSING]
    columns = [KEY if name == "key" else name for name in read]
    return queryset.order_by().values_list(*columns)


@functools.lru_cache(maxsize=64)
def _queries(locale_id, default_language):
    """The register's queries for a locale, built once per process (building one costs as much
    as running it); each use runs a fresh copy. The default locale is found by its language,
    as Locale.get_default() finds it, in the same queries."""
    in_locales = Q(locale_id=locale_id) | Q(locale__language_code=default_language)
    live_cookies = Cookie.objects.filter(in_locales, live=True)
    translated = Cookie.objects.filter(
        locale_id=locale_id, live=True, translation_key=OuterRef("translation_key")
    )
    shown_cookies = live_cookies.filter(Q(locale_id=locale_id) | ~Exists(translated))
    latest = live_cookies.order_by(F("last_published_at").desc(nulls_last=True))
    return (
        # Every category and provider, live or not (few, and cookies point to them): their
        # translations are picked here.
        _read(LiveCategory, CookieCategory.objects.filter(in_locales)),
        _read(LiveProvider, CookieProvider.objects.filter(in_locales)),
        # The locale's live cookies, and those of the default locale it has no live
        # translation of: picked by the database, not read twice to be picked here.
        _read(LiveCookie, shown_cookies),
        latest.values_list("last_published_at", flat=True)[:1],
    )


@dataclass
class CategoryGroup:
    """A category and its live cookies; no category for cookies whose category is not live."""

    category: LiveCategory | None
    cookies: list = field(default_factory=list)

    @property
    def slug(self):
        return self.category.slug if self.category else None

    @property
    def name(self):
        return self.category.name if self.category else _("Other cookies")

    @property
    def description(self):
        return self.category.description if self.category else ""

    @property
    def lang(self):
        return self.category.fallback_lang if self.category else None


def _pick_translations(entries, locale_pk, fallback_lang):
    """One entry per translation key: the locale's own, else the default locale's, marked."""
    picked = {}
    for entry in entries:
        if entry.locale_id == locale_pk:
            picked[entry.key] = entry
        elif entry.key not in picked:
            entry.fallback_lang = fallback_lang
            picked[entry.key] = entry
    return picked


def _group(categories, providers_by_id, live_providers, cookies, locale_pk, fallback_lang):
    """Cookies under their live category, in order; those of no live category last."""
    categories_by_id = {entry.id: entry for entry in categories}
    live = _pick_translations([c for c in categories if c.live], locale_pk, fallback_lang)
    ordered = sorted(live.values(), key=lambda c: (c.sort_order, c.name.casefold()))
    groups = {c.key: CategoryGroup(c) for c in ordered}
    orphans = CategoryGroup(None)
    for cookie in sorted(cookies, key=lambda c: (c.name.casefold(), c.id)):
        own_provider = providers_by_id[cookie.provider_id]
        # A provider that is live in neither locale still has a name: the cookie's own one.
        cookie.provider = live_providers.get(own_provider.key, own_provider)
        group = groups.get(categories_by_id[cookie.category_id].key, orphans)
        cookie.category = group.category
        group.cookies.append(cookie)
    return [*groups.values(), *([orphans] if orphans.cookies else [])]


class LiveRegister:
    """Published categories, providers and cookies for one locale, grouped for display;
    `providers`: the live ones, cookies or not."""

    def __init__(self, locale_id):
        default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        categories, providers, cookies, latest = _queries(locale_id, default_language)
        categories = [LiveCategory(*values) for values in categories.all()]
        providers = [LiveProvider(*values) for values in providers.all()]
        for provider in providers:
            provider.name = mark_safe_if_plain(provider.name)
            provider.privacy_policy_url = mark_safe_if_plain(provider.privacy_policy_url)
        cookies = [LiveCookie(*values) for values in cookies.all()]
        # A publication in the default locale counts too: it may change synced fields here.
        dates = [entry.last_published_at for entry in (*categories, *providers) if entry.live]
        dates += latest.all()
        self.last_published_at = max((date for date in dates if date), default=None)
        language = translation.get_language()
        for cookie in cookies:
            if cookie.locale_id != locale_id:
                cookie.fallback_lang = default_language
            cookie.name = mark_safe_if_plain(cookie.name)
            cookie.service = mark_safe_if_plain(cookie.service)
            cookie.purpose = mark_safe_if_plain(cookie.purpose)
            cookie.lifetime = _lifetime(cookie.lifetime_value, cookie.lifetime_unit, language)
        live_providers = _pick_translations(
            [p for p in providers if p.live], locale_id, default_language
        )
        self.providers = list(live_providers.values())
        self.groups = _group(
            categories,
            {entry.id: entry for entry in providers},
            live_providers,
            cookies,
            locale_id,
            default_language,
        )

    @property
    def categories(self):
        return [group.category for group in self.groups if group.category]

    def groups_for(self, slugs):
        """The groups to show for the slugs a table block stores; None means all of them."""
        if slugs is None:
            return self.groups
        return [group for group in self.groups if group.slug in slugs]
