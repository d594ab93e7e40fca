"""The register as a charte page shows it: what is published, in the page's locale.

An entry with no live translation in the page's locale is taken from the default locale
and marked with that locale's language (`fallback_lang`): a cookie is never hidden.
The whole register costs one query per model, whatever its size, and is read as values:
model instances would cost more than the page.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant

from ..models.register import Cookie, CookieCategory, CookieProvider

# What the page shows, and what picking a translation needs: nothing else is loaded.
CATEGORY_FIELDS = ("name", "slug", "description", "basis", "sort_order")
PROVIDER_FIELDS = ("name", "privacy_policy_url")
COOKIE_FIELDS = (
    *("name", "service", "purpose", "party", "lifetime_value", "lifetime_unit"),
    *("provider_id", "category_id"),
)
# Keys are compared, never used as UUIDs: text spares building a UUID for every row.
KEY = Cast("translation_key", CharField())


@dataclass
class CategoryGroup:
    """A category and its live cookies; no category for cookies whose category is not live."""

    category: SimpleNamespace | None
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


def _pick_translations(rows, locale_pk, fallback_lang):
    """One entry per translation key: the locale's own, else the default locale's, marked."""
    picked = {}
    for row in rows:
        if row.locale_id == locale_pk:
            row.fallback_lang = None
            picked[row.key] = row
        elif row.key not in picked:
            row.fallback_lang = fallback_lang
            picked[row.key] = row
    return picked


def _entries(model, in_locales, fields, **annotations):
    """Every category or provider of the locales, live or not: few, and cookies point to them."""
    queryset = model.objects.filter(in_locales).order_by()
    columns = ("id", "locale_id", "live", "last_published_at", *fields)
    rows = queryset.values(*columns, key=KEY, **annotations)
    return [SimpleNamespace(**values) for values in rows]


def _live_cookies(in_locales, locale_id):
    """The locale's live cookies, and the default locale's that have no live translation."""
    live = Cookie.objects.filter(in_locales, live=True).order_by()
    translated = live.filter(locale_id=locale_id, translation_key=OuterRef("translation_key"))
    shown = live.filter(Q(locale_id=locale_id) | ~Exists(translated))
    columns = ("id", "locale_id", *COOKIE_FIELDS)
    return live, [SimpleNamespace(**values) for values in shown.values(*columns, key=KEY)]


def _group(categories, providers_by_id, cookies, locale_pk, fallback_lang):
    """Cookies under their live category, in order; those of no live category last."""
    categories_by_id = {row.id: row for row in categories}
    live = _pick_translations([c for c in categories if c.live], locale_pk, fallback_lang)
    live_providers = _pick_translations(
        [p for p in providers_by_id.values() if p.live], locale_pk, fallback_lang
    )
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
    """Published categories, providers and cookies for one locale, grouped for display."""

    def __init__(self, locale_id):
        # The default locale by its language, as Locale.get_default() finds it, in the same
        # queries: the register costs three queries and no lookup of locales.
        default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        in_locales = Q(locale_id=locale_id) | Q(locale__language_code=default_language)
        live_cookies, cookies = _live_cookies(in_locales, locale_id)
        latest_cookie = live_cookies.order_by(F("last_published_at").desc(nulls_last=True))
        categories = _entries(
            CookieCategory,
            in_locales,
            CATEGORY_FIELDS,
            cookies_published_at=Subquery(latest_cookie.values("last_published_at")[:1]),
        )
        providers = _entries(CookieProvider, in_locales, PROVIDER_FIELDS)
        # A publication in the default locale counts too: it may change synced fields here.
        dates = [row.last_published_at for row in (*categories, *providers) if row.live]
        dates += [row.cookies_published_at for row in categories[:1]]
        self.last_published_at = max((date for date in dates if date), default=None)
        self.groups = _group(
            categories,
            {row.id: row for row in providers},
            _pick_translations(cookies, locale_id, default_language).values(),
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
