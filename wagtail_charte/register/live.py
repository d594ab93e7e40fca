"""The register as a charte page shows it: what is published, in the page's locale.

An entry with no live translation in the page's locale is taken from the default locale
and marked with that locale's language (`fallback_lang`): a cookie is never hidden.
The whole register costs one query per model, whatever its size.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ..models.register import Cookie, CookieCategory, CookieProvider

# What the page shows, and what picking a translation needs: nothing else is loaded.
COMMON_FIELDS = ("translation_key", "locale_id", "last_published_at")
CATEGORY_FIELDS = ("name", "slug", "description", "basis", "sort_order")
COOKIE_FIELDS = (
    *("name", "service", "purpose", "party", "lifetime_value", "lifetime_unit"),
    *("provider_id", "category_id"),
)


@dataclass
class CategoryGroup:
    """A category and its live cookies; no category for cookies whose category is not live."""

    category: CookieCategory | None
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
            picked[row.translation_key] = row
        elif row.translation_key not in picked:
            row.fallback_lang = fallback_lang
            picked[row.translation_key] = row
    return picked


class LiveRegister:
    """Published categories, providers and cookies for one locale, grouped for display."""

    def __init__(self, locale):
        default = Locale.get_default()
        self.locale = locale
        locale_ids = {locale.pk, default.pk}
        fallback_lang = default.language_code if default.pk != locale.pk else None

        def live(model, *fields):
            queryset = model.objects.filter(live=True, locale_id__in=locale_ids).order_by()
            return queryset.only(*COMMON_FIELDS, *fields)

        rows = {
            model: list(queryset)
            for model, queryset in (
                (CookieCategory, live(CookieCategory, *CATEGORY_FIELDS)),
                (CookieProvider, live(CookieProvider, "name", "privacy_policy_url")),
                (
                    Cookie,
                    live(Cookie, *COOKIE_FIELDS).annotate(
                        category_key=F("category__translation_key"),
                        provider_key=F("provider__translation_key"),
                    ),
                ),
            )
        }
        categories, providers, cookies = (
            _pick_translations(rows[model], locale.pk, fallback_lang)
            for model in (CookieCategory, CookieProvider, Cookie)
        )
        # A publication in the default locale counts too: it may change synced fields here.
        self.last_published_at = max(
            (row.last_published_at for group in rows.values() for row in group),
            default=None,
            key=lambda date: date or datetime.min.replace(tzinfo=UTC),
        )

        ordered = sorted(categories.values(), key=lambda c: (c.sort_order, c.name.casefold()))
        groups = {c.translation_key: CategoryGroup(c) for c in ordered}
        orphans = CategoryGroup(None)
        # A provider that is live in neither locale still has a name: the cookie's own one.
        missing = {c.provider_id for c in cookies.values() if c.provider_key not in providers}
        own_providers = CookieProvider.objects.in_bulk(missing) if missing else {}
        for cookie in sorted(cookies.values(), key=lambda c: (c.name.casefold(), c.pk)):
            cookie.provider = (
                providers.get(cookie.provider_key) or own_providers[cookie.provider_id]
            )
            group = groups.get(cookie.category_key, orphans)
            if group.category:
                cookie.category = group.category
            group.cookies.append(cookie)
        self.groups = [*groups.values(), *([orphans] if orphans.cookies else [])]

    @property
    def categories(self):
        return [group.category for group in self.groups if group.category]

    def groups_for(self, slugs):
        """The groups to show for the slugs a table block stores; None means all of them."""
        if slugs is None:
            return self.groups
        return [group for group in self.groups if group.slug in slugs]
