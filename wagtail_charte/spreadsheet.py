"""Cells that a spreadsheet would run as a formula, neutralised in every CSV we write
and in the register's XLSX export (whose cells a spreadsheet may save as CSV).

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel and LibreOffice (`=HYPERLINK(...)` leaks data when clicked). Such a cell is written
with a leading `'`, which spreadsheets show as text. A value that already starts with `'`
gets one too, so that `restore` can remove exactly one and a round trip changes nothing.
"""

QUOTE = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", QUOTE)


def neutralise(value):
    """`value` as a CSV cell a spreadsheet shows as text; non-text values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return QUOTE + value
    return value


def restore(text):
    """The value `neutralise` wrote as `text`."""
    return text.removeprefix(QUOTE)


class NeutralisedCSVExportMixin:
    """For Wagtail's spreadsheet exports (`list_export`): CSV cells neutralised.

    Wagtail's XLSX export already types such cells as text, so it needs nothing.
    """

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
