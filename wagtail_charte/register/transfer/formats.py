"""The register's files: CSV, XLSX and JSON read into a `Document`, and written.

CSV and XLSX hold cookies, one a row under a header naming the columns; JSON holds the
whole register as the export writes it. A cell that a spreadsheet would run as a formula
is written neutralised in both table formats (`spreadsheet.py`) and restored on reading.
"""

import codecs
import csv
import datetime
import io
import json
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ...models import Cookie, CookieCategory
from ...models.lifetime import serialize_lifetime
from ...spreadsheet import restore
from .errors import Problems, TransferError, Unreadable, located, too_many_entries

FORMATS = ("csv", "xlsx", "json")
# A register of thousands of cookies fits in well under this; more is a mistake or an attack.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
# Excel's own limit; a row number beyond it comes from a broken or hostile file.
MAX_ROWS = 1_048_576
# The file has eight columns; cells far to the right of them are not read.
MAX_COLUMNS = 64
# A workbook is compressed XML: this bounds what a small file may unpack to.
MAX_UNPACKED_BYTES = 10 * MAX_IMPORT_BYTES
ZIP_MAGIC = b"PK\x03\x04"
# Old binary Office files (.xls) start with this.
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# The largest integer every smaller one of which a float (a spreadsheet's number) holds exactly.
EXACT_INTEGERS = 2**53
DELIMITERS = (",", ";", "\t")
# NUL and other control characters (tab and line breaks aside) are refused by databases or
# by XLSX files, and a lone surrogate cannot be encoded: none belongs in a register.
INVALID_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

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
# The entries of a JSON file: their keys, and how an error names one.
JSON_KINDS = {
    "categories": (
        ("slug", "name", "description", "basis", "order"),
        gettext_lazy("Category %(index)d"),
    ),
    "providers": (("name", "privacy_policy_url", "domains"), gettext_lazy("Provider %(index)d")),
    "cookies": (COLUMNS, gettext_lazy("Cookie %(index)d")),
}
# Keys an entry may leave out, keeping what the register holds: files written before
# providers had domains have none.
OPTIONAL_KEYS = {"domains"}


@dataclass
class Entry:
    """One category, provider or cookie of a file, with where it was found.

    `headings` names the file's columns as the file writes them, for error messages.
    """

    where: str
    values: dict
    headings: dict = field(default_factory=dict)

    def locate(self, column, message):
        return located(self.where, self.headings.get(column, column), message)


@dataclass
class Document:
    """What a file says; `locale` is the language code of the register it came from, if any."""

    categories: list = field(default_factory=list)
    providers: list = field(default_factory=list)
    cookies: list = field(default_factory=list)
    locale: str = ""

    def to_data(self):
        """Plain data, to carry a previewed document to its confirmation."""
        entries = {
            kind: [[e.where, e.values, e.headings] for e in getattr(self, kind)]
            for kind in JSON_KINDS
        }
        return {"locale": self.locale, **entries}

    @classmethod
    def from_data(cls, data):
        entries = {kind: [Entry(*item) for item in data[kind]] for kind in JSON_KINDS}
        return cls(locale=data["locale"], **entries)


def file_values(obj):
    """A category, provider or cookie as a file writes it, by key."""
    if isinstance(obj, Cookie):
        return {
            "category": obj.category.slug,
            "provider": obj.provider.name,
            "service": obj.service,
            "name": obj.name,
            "purpose": obj.purpose,
            "party": obj.party,
            "lifetime": serialize_lifetime(obj.lifetime_value, obj.lifetime_unit),
        }
    if isinstance(obj, CookieCategory):
        return {
            "slug": obj.slug,
            "name": obj.name,
            "description": obj.description,
            "basis": obj.basis,
            "order": obj.sort_order,
        }
    return {
        "name": obj.name,
        "privacy_policy_url": obj.privacy_policy_url,
        "domains": obj.domains.split(),
    }


# The editor's sentence for each of the `json` module's messages (English, for programmers).
JSON_PROBLEMS = {
    "Expecting value": gettext_lazy(
        "a value is expected here: text in double quotes, a number, a list or an object."
    ),
    "Expecting property name": gettext_lazy("a key in double quotes is expected here."),
    "Expecting ':'": gettext_lazy("a colon (:) is expected here, after the key."),
    "Expecting ','": gettext_lazy("a comma (,) is expected here, between two items."),
    "Illegal trailing comma": gettext_lazy("a comma before a closing bracket: remove it."),
    "Unterminated string": gettext_lazy(
        'a text starts here but its double quote (") is never closed.'
    ),
    "Invalid control character": gettext_lazy(
        "a text holds a line break or a tab: write it as \\n or \\t."
    ),
    "Invalid \\uXXXX": gettext_lazy("“\\u” must be followed by four hexadecimal digits."),
    "Invalid \\escape": gettext_lazy(
        "a backslash (\\) starts an unknown escape: write a backslash as \\\\."
    ),
    "Extra data": gettext_lazy("the file goes on after its end: remove what follows."),
}


# Reading


def read_path(path):
    """The bytes of `path`, refusing what is not a readable file of a sane size."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError as error:
        raise TransferError(
            _("Cannot read %(path)s: there is no such file.") % {"path": path}
        ) from error
    except IsADirectoryError as error:
        raise TransferError(_("Cannot read %(path)s: it is a folder.") % {"path": path}) from error
    except PermissionError as error:
        message = _("Cannot read %(path)s: this user may not read it.")
        raise TransferError(message % {"path": path}) from error
    except OSError as error:
        raise TransferError(_("Cannot read %(path)s.") % {"path": path}) from error
    check_size(len(data), path)
    return data


def check_size(size, name):
    if size > MAX_IMPORT_BYTES:
        raise TransferError(
            _("%(path)s is larger than %(limit)d MB: split it or check that it is the right file.")
            % {"path": name, "limit": MAX_IMPORT_BYTES // (1024 * 1024)}
        )


def read_document(data, filename="", format=None, max_entries=None):
    """A `Document` from a CSV, XLSX or JSON file (`format`, else by extension or content).

    A file of more than `max_entries` entries is refused as soon as that is known.
    """
    format = format or detect_format(data, filename)
    if format == "xlsx":
        return read_table(workbook_rows(data), _("Row %(number)d"), max_entries)
    if format == "json":
        return read_json(decode(data), max_entries)
    text = decode(data)
    return read_table(csv_rows(text, sniff(text)), _("Line %(number)d"), max_entries)


def detect_format(data, filename):
    """ "csv", "xlsx" or "json": by the file's extension, else by its content."""
    if data.startswith(OLE_MAGIC):
        raise TransferError(
            _("This is an old Excel file (.xls): save it as an Excel workbook (.xlsx) or as CSV.")
        )
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1] in (b"{", b"["):
        return "json"
    return "csv"


def decode(data):
    """The text of a CSV or JSON file: UTF-8, with or without a byte order mark."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TransferError(
            _(
                "The file is UTF-16 text (“Unicode text”). Save it as UTF-8: “CSV UTF-8” in "
                "Excel, the “Unicode (UTF-8)” character set in LibreOffice."
            )
        )
    try:
        # utf-8-sig drops the byte order mark that spreadsheet software likes to add.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TransferError(
            _(
                "Line %(line)d: the file is not valid UTF-8 text (it may be Windows-1252 or "
                "another encoding). Save it as UTF-8: “CSV UTF-8” in Excel, the “Unicode "
                "(UTF-8)” character set in LibreOffice."
            )
            % {"line": line}
        ) from error
    if "\x00" in text:
        # Databases refuse NUL in text, and no register entry needs one.
        line = text[: text.index("\x00")].count("\n") + 1
        raise TransferError(_("Line %(line)d: the file contains a NUL character.") % {"line": line})
    return text


def text_problem(value):
    """Why a text value from a file cannot be stored, or None."""
    match = INVALID_CHARACTER.search(value)
    if match is None:
        return None
    return _("contains an invalid character (U+%(code)04X).") % {"code": ord(match[0])}


def cell_value(text):
    """A table cell as a register value: trimmed, its neutralising mark removed."""
    text = restore(text.strip())
    problem = text_problem(text)
    return Unreadable(problem) if problem else text


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


def sniff(text):
    """The delimiter under which the first row names the most known columns (`,` on a tie)."""
    known = known_headings()

    def score(delimiter):
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next((row for row in rows if any(cell.strip() for cell in row)), [])
        except csv.Error:
            return 0
        return sum(normalise(cell) in known for cell in header)

    return max(DELIMITERS, key=score)


def csv_rows(text, delimiter):
    """(line, cells) of each row of a CSV file that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        # A quoted value may span lines: the entry starts on the line after the last one read.
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise TransferError(csv_problem(line, str(error), delimiter)) from error
        if any(cell.strip() for cell in row):
            yield line, [cell_value(cell) for cell in row]


def csv_problem(line, reason, delimiter):
    """The editor's sentence for the `csv` module's `reason` (English, for programmers)."""
    if reason.startswith("field larger than field limit"):
        problem = _("a value is longer than %(limit)d characters.") % {
            "limit": csv.field_size_limit()
        }
    elif reason.startswith("unexpected end of data"):
        problem = _('a value opens a double quote (") that is never closed.')
    elif reason.endswith("expected after '\"'"):
        problem = _(
            'a value in double quotes (") is followed by other characters before the next '
            "“%(delimiter)s”: put the whole value in double quotes, and double each double "
            "quote inside it."
        ) % {"delimiter": delimiter}
    else:
        problem = _("this line is not valid CSV.")
    return _("Line %(line)d: malformed CSV: %(problem)s") % {"line": line, "problem": problem}


def workbook_rows(data):
    """(row number, cells) of the first sheet's rows that are not blank."""
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it ignores: nothing the editor must fix.
        warnings.simplefilter("ignore")
        workbook = open_workbook(data)
        try:
            sheets = workbook.worksheets
            rows = iter(
                sheets[0].iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS) if sheets else []
            )
            number = 0
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except Exception as error:  # openpyxl parses each row as it is read.
                    # Such as a number of thousands of digits, which Python refuses to read.
                    raise TransferError(
                        _(
                            "Row %(row)d: a cell cannot be read: it holds a number of too many "
                            "digits, or it is damaged. Type the value as text, or save the "
                            "workbook again."
                        )
                        % {"row": number + 1}
                    ) from error
                number += 1
                cells = [workbook_cell(cell) for cell in row]
                if any(not isinstance(cell, str) or cell for cell in cells):
                    yield number, cells
        finally:
            workbook.close()


def open_workbook(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise TransferError(_("The workbook is too large once unpacked."))
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except TransferError:
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds on a broken file.
        raise TransferError(
            _(
                "The file cannot be read as an Excel workbook: it is damaged, or it is not one. "
                "Save it again as .xlsx, or as CSV UTF-8."
            )
        ) from error


def workbook_cell(cell):
    """The text a workbook cell holds, or `Unreadable` for what a register value cannot be."""
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f":
        return Unreadable(
            _("the cell holds a formula: replace it with its value (copy, paste values only).")
        )
    if cell.data_type == "e":
        return Unreadable(_("the cell holds the error %(error)s.") % {"error": value})
    if isinstance(value, bool):
        return Unreadable(_("the cell holds TRUE or FALSE: type text."))
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return Unreadable(
            _("the cell holds a date or a time: format the column as text, then type the value.")
        )
    if isinstance(value, int | float) and not exact_number(value):
        return Unreadable(
            _(
                "the cell holds a number too large for a spreadsheet to keep exactly: format "
                "the column as text, then type the value."
            )
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell_value(str(value))


def exact_number(value):
    """Whether a spreadsheet holds `value` as the editor typed it: a float holds integers
    up to 2**53 exactly, and beyond that rounds them (and Excel keeps 15 digits)."""
    # Infinities and NaN fail the comparison too.
    return abs(value) <= EXACT_INTEGERS


def read_table(rows, label, max_entries=None):
    """A `Document` of cookies from (number, cells) rows, the first one being the header.

    Columns may come in any order and be named in any of the site's languages. A row may
    leave out trailing empty cells, as spreadsheets do.
    """
    first = next(rows, None)
    if first is None:
        raise TransferError(
            _("The file is empty: it needs at least a header row naming the columns %(columns)s.")
            % {"columns": ", ".join(TABLE_COLUMNS)}
        )
    number, header = first
    columns = header_columns(label % {"number": number}, header)
    headings = {key: text for key, text in zip(columns, header, strict=False) if key}
    document, problems, locales = Document(), Problems(), {}
    for count, (number, cells) in enumerate(rows, start=1):
        if max_entries is not None and count > max_entries:
            raise too_many_entries(max_entries)
        entry = Entry(label % {"number": number}, {}, headings)
        named = list(zip(columns, cells, strict=False))
        row_problems = [
            entry.locate(key, cell.message)
            for key, cell in named
            if key and isinstance(cell, Unreadable)
        ]
        if any(cells[len(columns) :]) or any(cell for key, cell in named if not key):
            found = {"expected": len([key for key in columns if key]), "found": len(cells)}
            row_problems.append(
                entry.locate("", _("expected %(expected)d fields, found %(found)d.") % found)
            )
        if row_problems:
            problems.add(*row_problems)
            continue
        values = dict(zip(columns, [*cells, *[""] * len(columns)], strict=False))
        code = values.pop(LOCALE, "")
        if code:
            locales.setdefault(code, entry.where)
            if len(locales) > 1:
                (first, where), (code, _where) = list(locales.items())[:2]
                message = _(
                    "“%(code)s”, where %(where)s says “%(first)s”: a file holds one locale."
                ) % {"code": code, "first": first, "where": where}
                problems.add(entry.locate(LOCALE, message))
                continue
        entry.values = {key: values[key] for key in COLUMNS}
        document.cookies.append(entry)
    problems.raise_any()
    document.locale = next(iter(locales), "")
    return document


def header_columns(where, header):
    """The column key of each header cell (None for an empty one); refuses a bad header."""
    unreadable = [cell for cell in header if isinstance(cell, Unreadable)]
    if unreadable:
        raise TransferError(located(where, "", unreadable[0].message))
    known = known_headings()
    columns = [known.get(normalise(cell)) if cell else None for cell in header]
    names = {"columns": ", ".join(TABLE_COLUMNS)}
    if not any(columns):
        message = _(
            "the first row must name the columns %(columns)s (in English or French, "
            "separated by commas, semicolons or tabs)."
        )
        raise TransferError(located(where, "", message % names))
    problems = [
        _("unknown column “%(column)s”. The columns are %(columns)s.") % {"column": cell, **names}
        for cell, key in zip(header, columns, strict=True)
        if cell and key is None
    ]
    problems += [
        _("the column “%(column)s” appears twice.") % {"column": key}
        for key in TABLE_COLUMNS
        if columns.count(key) > 1
    ]
    problems += [
        _("the column “%(column)s” is missing.") % {"column": key}
        for key in COLUMNS
        if key not in columns
    ]
    if problems:
        raise TransferError(*(located(where, "", problem) for problem in problems))
    return columns


def read_json(text, max_entries=None):
    """A `Document` of a JSON file, as the export writes it."""
    try:
        data = json.loads(text, object_pairs_hook=unique_keys, parse_int=parse_int)
    except json.JSONDecodeError as error:
        problem = next(
            (problem for start, problem in JSON_PROBLEMS.items() if error.msg.startswith(start)),
            _("this is not valid JSON."),
        )
        raise TransferError(
            _("Line %(line)d, column %(column)d: malformed JSON: %(problem)s")
            % {"line": error.lineno, "column": error.colno, "problem": problem}
        ) from error
    except RecursionError as error:
        raise TransferError(_("Malformed JSON: nested too deeply.")) from error
    if not isinstance(data, dict) or "cookies" not in data:
        raise TransferError(
            _("The JSON file must be an object with a “cookies” list, as the export writes it.")
        )
    unknown = set(data) - {LOCALE, *JSON_KINDS}
    if unknown:
        raise TransferError(
            _("Unknown key in the JSON file: “%(key)s”.") % {"key": sorted(unknown)[0]}
        )
    locale = data.get(LOCALE, "")
    if not isinstance(locale, str) or text_problem(locale):
        raise TransferError(_("“locale” must be a language code, e.g. “fr”."))
    lists = {kind: data.get(kind, []) for kind in JSON_KINDS}
    for kind, items in lists.items():
        if not isinstance(items, list):
            raise TransferError(_("“%(key)s” must be a list.") % {"key": kind})
    if max_entries is not None and sum(map(len, lists.values())) > max_entries:
        raise too_many_entries(max_entries)
    document, problems = Document(locale=locale), Problems()
    for kind, (keys, label) in JSON_KINDS.items():
        items = lists[kind]
        for index, item in enumerate(items, start=1):
            try:
                getattr(document, kind).append(json_entry(label % {"index": index}, item, keys))
            except TransferError as error:
                problems.add(*error.messages)
    problems.raise_any()
    return document


def parse_int(digits):
    # Python refuses to read integers of thousands of digits; the entry reports it.
    try:
        return int(digits)
    except ValueError:
        return Unreadable(_("this number has too many digits."))


def unique_keys(pairs):
    # json keeps the last of two equal keys; a file saying two things is refused instead.
    data = dict(pairs)
    if len(data) != len(pairs):
        key = next(k for i, (k, _v) in enumerate(pairs) if k in dict(pairs[:i]))
        raise TransferError(_("Duplicate key in the JSON file: “%(key)s”.") % {"key": key})
    return data


def json_entry(where, item, keys):
    if not isinstance(item, dict):
        raise TransferError(located(where, "", _("expected an object.")))
    messages = [
        located(where, name, _("this field is missing."))
        for name in keys
        if name not in item and name not in OPTIONAL_KEYS
    ]
    messages += [located(where, name, _("unknown field.")) for name in item if name not in keys]
    values = {}
    for name in (name for name in keys if name in item):
        value = item[name]
        if isinstance(value, Unreadable):
            problem = value.message
        elif name == "order":
            # bool is an int in Python, but `true` is no order.
            valid = isinstance(value, int) and not isinstance(value, bool)
            problem = None if valid else _("expected a whole number.")
        elif name == "domains":
            value, problem = domains_text(value)
        else:
            valid = isinstance(value, str)
            problem = text_problem(value) if valid else _("expected text.")
        if problem:
            messages.append(located(where, name, problem))
        else:
            values[name] = value.strip() if isinstance(value, str) else value
    if messages:
        raise TransferError(*messages)
    return Entry(where, {name: values[name] for name in keys if name in values})


def domains_text(value):
    """(a provider's domains as its field holds them, why they cannot be read or None), from a
    list of domains or from text as the admin's field takes it; the model checks each domain."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None, _("expected a list of domains, or text.")
    return "\n".join(value), next(filter(None, map(text_problem, value)), None)


# Writing


def write_csv(rows):
    output = io.StringIO()
    csv.writer(output, lineterminator="\n").writerows(rows)
    return output.getvalue()


def write_xlsx(title, rows):
    """An XLSX workbook of one sheet whose cells are all text, never formulas."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        cells = []
        for value in row:
            # openpyxl cannot write control characters; the admin's forms let them through.
            cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
            # openpyxl reads a string starting with "=" as a formula: it is text.
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def write_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
