"""Reading: the bytes of a CSV or JSON file into a `Document` of entries, checked for shape."""

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import TransferError, located

COLUMNS = ("category", "provider", "service", "name", "purpose", "party", "lifetime")
CATEGORY_KEYS = ("slug", "name", "description", "basis", "order")
PROVIDER_KEYS = ("name", "privacy_policy_url")
# A register of thousands of cookies fits in well under this; more is a mistake or an attack.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@dataclass
class Entry:
    """One category, provider or cookie of a file, with where it was found."""

    where: str
    values: dict


@dataclass
class Document:
    categories: list = field(default_factory=list)
    providers: list = field(default_factory=list)
    cookies: list = field(default_factory=list)


def read_file(path):
    """The bytes of `path`, refusing what is not a readable file of a sane size."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise TransferError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
        ) from error
    if len(data) > MAX_IMPORT_BYTES:
        raise TransferError(
            _("%(path)s is larger than %(limit)d MB: split it or check that it is the right file.")
            % {"path": path, "limit": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    return data


def parse(data, filename=""):
    """A `Document` from the bytes of a CSV or JSON file (by extension, else by content)."""
    text = _decode(data)
    suffix = Path(filename).suffix.lower()
    if suffix == ".json" or (suffix != ".csv" and text.lstrip()[:1] in ("{", "[")):
        return parse_json(text)
    return parse_csv(text)


def _decode(data):
    try:
        # utf-8-sig drops the byte order mark that spreadsheet software likes to add.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TransferError(
            _("Line %(line)d: the file is not valid UTF-8 text.") % {"line": line}
        ) from error
    if "\x00" in text:
        # Databases refuse NUL in text, and no register entry needs one.
        line = text[: text.index("\x00")].count("\n") + 1
        raise TransferError(_("Line %(line)d: the file contains a NUL character.") % {"line": line})
    return text


def parse_csv(text):
    rows = _csv_rows(text)
    _check_header(next(rows, None))
    return Document(cookies=[_csv_entry(line, row) for line, row in rows])


def _csv_rows(text):
    """(line, cells) of each row that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        # A quoted value may span lines: the entry starts on the line after the last one read.
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise TransferError(
                _("Line %(line)d: malformed CSV (%(reason)s).") % {"line": line, "reason": error}
            ) from error
        if any(cell.strip() for cell in row):
            yield line, row


def _check_header(first_row):
    if first_row is None:
        raise TransferError(
            _("The file is empty: it needs at least the header “%(header)s”.")
            % {"header": ",".join(COLUMNS)}
        )
    line, row = first_row
    if tuple(cell.strip() for cell in row) != COLUMNS:
        raise TransferError(
            _("Line %(line)d: the header must be exactly “%(header)s”.")
            % {"line": line, "header": ",".join(COLUMNS)}
        )


def _csv_entry(line, row):
    if len(row) != len(COLUMNS):
        raise TransferError(
            _("Line %(line)d: expected %(expected)d fields, found %(found)d.")
            % {"line": line, "expected": len(COLUMNS), "found": len(row)}
        )
    values = {column: cell.strip() for column, cell in zip(COLUMNS, row, strict=True)}
    return Entry(_("Line %(line)d") % {"line": line}, values)


def parse_json(text):
    data = _load_json(text)
    _check_top_level(data)
    return Document(
        categories=_json_entries(data, "categories", CATEGORY_KEYS, _("Category %(index)d")),
        providers=_json_entries(data, "providers", PROVIDER_KEYS, _("Provider %(index)d")),
        cookies=_json_entries(data, "cookies", COLUMNS, _("Cookie %(index)d")),
    )


def _load_json(text):
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise TransferError(
            _("Line %(line)d: malformed JSON (%(reason)s).")
            % {"line": error.lineno, "reason": error.msg}
        ) from error
    except RecursionError as error:
        raise TransferError(_("Malformed JSON: nested too deeply.")) from error


def _unique_keys(pairs):
    # json keeps the last of two equal keys; a file saying two things is refused instead.
    data = dict(pairs)
    if len(data) != len(pairs):
        key = next(k for i, (k, _v) in enumerate(pairs) if k in dict(pairs[:i]))
        raise TransferError(_("Duplicate key in the JSON file: “%(key)s”.") % {"key": key})
    return data


def _check_top_level(data):
    if not isinstance(data, dict) or "cookies" not in data:
        raise TransferError(
            _("The JSON file must be an object with a “cookies” list, as the export writes it.")
        )
    unknown = set(data) - {"locale", "categories", "providers", "cookies"}
    if unknown:
        raise TransferError(
            _("Unknown key in the JSON file: “%(key)s”.") % {"key": sorted(unknown)[0]}
        )


def _json_entries(data, key, keys, label):
    items = data.get(key, [])
    if not isinstance(items, list):
        raise TransferError(_("“%(key)s” must be a list.") % {"key": key})
    return [
        _json_entry(label % {"index": index}, item, keys)
        for index, item in enumerate(items, start=1)
    ]


def _json_entry(where, item, keys):
    if not isinstance(item, dict):
        raise TransferError(located(where, "", _("expected an object.")))
    for name in keys:
        if name not in item:
            raise TransferError(located(where, name, _("this field is missing.")))
    for name in item:
        if name not in keys:
            raise TransferError(located(where, name, _("unknown field.")))
    return Entry(where, {name: _json_value(where, name, item[name]) for name in keys})


def _json_value(where, name, value):
    if name == "order":
        # bool is an int in Python, but `true` is no order.
        if not isinstance(value, int) or isinstance(value, bool):
            raise TransferError(located(where, name, _("expected a whole number.")))
        return value
    if not isinstance(value, str):
        raise TransferError(located(where, name, _("expected text.")))
    return value.strip()
