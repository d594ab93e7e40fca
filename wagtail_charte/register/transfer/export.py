"""Export: the published register of one locale as JSON, CSV or XLSX, as the import reads it."""

from django.db.models import Q
from django.utils.translation import gettext as _

from ...models import Cookie, CookieCategory, CookieProvider
from ...spreadsheet import neutralise
from .formats import (
    COLUMNS,
    HEADINGS,
    TABLE_COLUMNS,
    file_values,
    write_csv,
    write_json,
    write_xlsx,
)


def export_data(locale):
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
        "categories": [file_values(c) for c in categories],
        "providers": [file_values(p) for p in providers],
        "cookies": [file_values(c) for c in cookies],
    }


def table_rows(locale):
    """The header, then each cookie with the locale it comes from, as CSV and XLSX hold them.

    Cells are neutralised in both: a spreadsheet program opening one file and saving it as
    the other keeps the mark, which the import removes from either.
    """
    data = export_data(locale)
    header = [str(HEADINGS[key]) for key in TABLE_COLUMNS]
    cookies = ([cookie[key] for key in COLUMNS] + [data["locale"]] for cookie in data["cookies"])
    return [[neutralise(value) for value in row] for row in [header, *cookies]]


def export_json(locale):
    return write_json(export_data(locale))


def export_csv(locale):
    return write_csv(table_rows(locale))


def export_xlsx(locale):
    return write_xlsx(_("Cookies"), table_rows(locale))


EXPORTERS = {"csv": export_csv, "xlsx": export_xlsx, "json": export_json}
