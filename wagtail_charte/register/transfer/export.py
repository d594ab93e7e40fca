"""Export: the published register of one locale as plain data, JSON, CSV or XLSX."""

import csv
import io
import json

from django.db.models import Q
from django.utils.translation import gettext as _

from ...models import Cookie, CookieCategory, CookieProvider
from ...models.lifetime import serialize_lifetime
from ...spreadsheet import neutralise
from .columns import COLUMNS, headings
from .xlsx import write_rows


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


def table_rows(locale):
    """The header, then each cookie with the locale it comes from, as CSV and XLSX hold them.

    Cells are neutralised in both: a spreadsheet program opening one file and saving it as
    the other keeps the mark, which the import removes from either.
    """
    register = published_register(locale)
    cookies = (
        [cookie[key] for key in COLUMNS] + [register["locale"]] for cookie in register["cookies"]
    )
    return [[neutralise(value) for value in row] for row in [headings(), *cookies]]


def export_csv(locale):
    output = io.StringIO()
    csv.writer(output, lineterminator="\n").writerows(table_rows(locale))
    return output.getvalue()


def export_xlsx(locale):
    return write_rows(_("Cookies"), table_rows(locale))


EXPORTERS = {"csv": export_csv, "xlsx": export_xlsx, "json": export_json}
