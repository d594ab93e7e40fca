"""CSV and XLSX files: a header row naming the columns, then one cookie a row."""

import csv
import io

from django.utils.translation import gettext as _

from ...spreadsheet import restore
from .columns import COLUMNS, LOCALE, TABLE_COLUMNS, known_headings, normalise
from .errors import Problems, TransferError, Unreadable, located
from .files import Document, Entry, text_problem

DELIMITERS = (",", ";", "\t")


def parse_csv(text):
    return read_table(csv_rows(text, sniff(text)), _("Line %(number)d"))


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
    """(line, cells) of each row that is not blank; cells trimmed, neutralised formulas restored.

    A cell that no register value may hold is `Unreadable`.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
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
            yield line, [csv_cell(cell) for cell in row]


def csv_cell(text):
    text = restore(text.strip())
    problem = text_problem(text)
    return Unreadable(problem) if problem else text


def read_table(rows, label):
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
    document = Document()
    problems = Problems()
    locales = {}
    for number, cells in rows:
        where = label % {"number": number}
        entry = Entry(where, {}, headings)
        row_problems = [
            entry.locate(key, cell.message)
            for key, cell in zip(columns, cells, strict=False)
            if key and isinstance(cell, Unreadable)
        ]
        extra = [cell for cell in cells[len(columns) :] if cell]
        unnamed = [cell for key, cell in zip(columns, cells, strict=False) if not key and cell]
        if extra or unnamed:
            row_problems.append(
                located(
                    where,
                    "",
                    _("expected %(expected)d fields, found %(found)d.")
                    % {"expected": len([key for key in columns if key]), "found": len(cells)},
                )
            )
        if row_problems:
            problems.add(*row_problems)
            continue
        values = dict(zip(columns, [*cells, *[""] * len(columns)], strict=False))
        code = values.pop(LOCALE, "")
        if code:
            locales.setdefault(code, where)
            if len(locales) > 1:
                problems.add(entry.locate(LOCALE, other_locale_message(locales)))
                continue
        entry.values = {key: values[key] for key in COLUMNS}
        document.cookies.append(entry)
    problems.raise_any()
    document.locale = next(iter(locales), "")
    return document


def other_locale_message(locales):
    (first, where), (code, _where) = list(locales.items())[:2]
    return _("“%(code)s”, where %(where)s says “%(first)s”: a file holds one locale.") % {
        "code": code,
        "first": first,
        "where": where,
    }


def header_columns(where, header):
    """The column key of each header cell (None for an empty one); refuses a bad header."""
    unreadable = [cell for cell in header if isinstance(cell, Unreadable)]
    if unreadable:
        raise TransferError(located(where, "", unreadable[0].message))
    known = known_headings()
    columns = [known.get(normalise(cell)) if cell else None for cell in header]
    if not any(columns):
        raise TransferError(
            located(
                where,
                "",
                _(
                    "the first row must name the columns %(columns)s (in English or French, "
                    "separated by commas, semicolons or tabs)."
                )
                % {"columns": ", ".join(TABLE_COLUMNS)},
            )
        )
    problems = []
    for cell, key in zip(header, columns, strict=True):
        if cell and key is None:
            problems.append(
                located(
                    where,
                    "",
                    _("unknown column “%(column)s”. The columns are %(columns)s.")
                    % {"column": cell, "columns": ", ".join(TABLE_COLUMNS)},
                )
            )
    for key in TABLE_COLUMNS:
        if columns.count(key) > 1:
            problems.append(
                located(where, "", _("the column “%(column)s” appears twice.") % {"column": key})
            )
    problems.extend(
        located(where, "", _("the column “%(column)s” is missing.") % {"column": key})
        for key in COLUMNS
        if key not in columns
    )
    if problems:
        raise TransferError(*problems)
    return columns
