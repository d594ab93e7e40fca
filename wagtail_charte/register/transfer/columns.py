"""The columns of CSV and XLSX files: their keys, and their names in every language."""

import unicodedata

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext_lazy

COLUMNS = ("category", "provider", "service", "name", "purpose", "party", "lifetime")
# Which register the file was exported from; may be left empty in rows added by hand.
LOCALE = "locale"
TABLE_COLUMNS = (*COLUMNS, LOCALE)

HEADINGS = {
    "category": pgettext_lazy("file column", "category"),
    "provider": pgettext_lazy("file column", "provider"),
    "service": pgettext_lazy("file column", "service"),
    "name": pgettext_lazy("file column", "name"),
    "purpose": pgettext_lazy("file column", "purpose"),
    "party": pgettext_lazy("file column", "party"),
    "lifetime": pgettext_lazy("file column", "lifetime"),
    LOCALE: pgettext_lazy("file column", "locale"),
}


def headings():
    """The header row in the active language."""
    return [str(HEADINGS[key]) for key in TABLE_COLUMNS]


def normalise(text):
    """Header text as compared: case, accents and spacing do not matter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def known_headings():
    """{normalised heading: key}, in every language of the site, and the keys themselves."""
    known = {key: key for key in TABLE_COLUMNS}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            known.update({normalise(str(HEADINGS[key])): key for key in TABLE_COLUMNS})
    return known
