"""A file's bytes into a `Document`, whatever its format."""

from django.utils.translation import gettext as _

from .files import decode, detect_format
from .jsonfile import parse_json
from .tables import parse_csv, read_table
from .xlsx import read_rows


def parse(data, filename="", format=None):
    """A `Document` from a CSV, XLSX or JSON file (`format`, else by extension or content)."""
    format = format or detect_format(data, filename)
    if format == "xlsx":
        return read_table(read_rows(data), _("Row %(number)d"))
    if format == "json":
        return parse_json(decode(data))
    return parse_csv(decode(data))
