"""Export: the published register of one locale as plain data, JSON or CSV."""

import csv
import io
import json

from django.db.models import Q

from ...models import Cookie, CookieCategory, CookieProvider
from ..lifetime import serialize_lifetime
from .files import COLUMNS


def category_entry(category):
    return {
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "basis": category.basis,
        "order": category.sort_order,
    }


def provider_entry(provider):
    return {"name": provider.name, "privacy_policy_url": provider.privacy_policy_url}


def cookie_entry(cookie):
    return {
        "category": cookie.category.slug,
        "provider": cookie.provider.name,
        "service": cookie.service,
        "name": cookie.name,
        "purpose": cookie.purpose,
        "party": cookie.party,
        "lifetime": serialize_lifetime(cookie.lifetime_value, cookie.lifetime_unit),
    }


def published_register(locale):
    """The live entries of `locale` as plain data, in a stable order so exports can be diffed.

    The rows of live entries hold their published content (drafts live in revisions).
    Categories and providers that a live cookie points to are included even when they
    are drafts, so that the file can always be imported back.
    """
    cookies = list(
        Cookie.objects.filter(locale=locale, live=True)
        .select_related("category", "provider")
        .order_by("category__sort_order", "category__slug", "provider__name", "name", "pk")
    )
    categories = CookieCategory.objects.filter(
        Q(live=True) | Q(pk__in={c.category_id for c in cookies}), locale=locale
    ).order_by("sort_order", "slug")
    providers = CookieProvider.objects.filter(
        Q(live=True) | Q(pk__in={c.provider_id for c in cookies}), locale=locale
    ).order_by("name", "pk")
    return {
        "locale": locale.language_code,
        "categories": [category_entry(c) for c in categories],
        "providers": [provider_entry(p) for p in providers],
        "cookies": [cookie_entry(c) for c in cookies],
    }


def export_json(locale):
    return json.dumps(published_register(locale), ensure_ascii=False, indent=2) + "\n"


def export_csv(locale):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(published_register(locale)["cookies"])
    return output.getvalue()
