"""XLSX workbooks: the rows of the first sheet as text, and a sheet written as text.

As in CSV, a leading `'` marks a neutralised cell (`spreadsheet.py`): one is removed on reading.
"""

import datetime
import io
import warnings
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ...spreadsheet import restore
from .errors import TransferError, Unreadable
from .files import MAX_IMPORT_BYTES, text_problem

# Excel's own limit; a row number beyond it comes from a broken or hostile file.
MAX_ROWS = 1_048_576
# The file has eight columns; cells far to the right of them are not read.
MAX_COLUMNS = 64
# A workbook is compressed XML: this bounds what a small file may unpack to.
MAX_UNPACKED_BYTES = 10 * MAX_IMPORT_BYTES


def read_rows(data):
    """(row number, cells) of the first sheet's non-blank rows; a cell is text or `Unreadable`."""
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it ignores: nothing the editor must fix.
        warnings.simplefilter("ignore")
        workbook = open_workbook(data)
        try:
            sheets = workbook.worksheets
            rows = sheets[0].iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS) if sheets else []
            yield from sheet_rows(rows)
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
                "The file cannot be read as an Excel workbook (%(reason)s). Save it again as "
                ".xlsx, or as CSV UTF-8."
            )
            % {"reason": error.__class__.__name__}
        ) from error


def sheet_rows(rows):
    number = 0
    rows = iter(rows)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:  # openpyxl parses each row as it is read; see above.
            raise TransferError(
                _("Below row %(row)d: a cell cannot be read (%(reason)s).")
                % {"row": number, "reason": error}
            ) from error
        number += 1
        cells = [cell_text(cell) for cell in row]
        if any(not isinstance(cell, str) or cell for cell in cells):
            yield number, cells


def cell_text(cell):
    """The text a cell holds, or `Unreadable` for what a register value cannot be."""
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
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = restore(str(value).strip())
    return Unreadable(text_problem(text)) if text_problem(text) else text


def write_rows(title, rows):
    """An XLSX workbook of one sheet whose cells are all text, never formulas."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(text_cell(sheet, value) for value in row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def text_cell(sheet, value):
    # openpyxl cannot write control characters; the admin's forms let them through.
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    # openpyxl reads a string starting with "=" as a formula: it is text.
    cell.data_type = "s"
    return cell
