"""Reading: the bytes of a CSV, XLSX or JSON file into a `Document` of entries."""

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import TransferError, located

# A register of thousands of cookies fits in well under this; more is a mistake or an attack.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
FORMATS = ("csv", "xlsx", "json")
ZIP_MAGIC = b"PK\x03\x04"
# Old binary Office files (.xls) start with this.
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


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

    KINDS = ("categories", "providers", "cookies")

    def to_data(self):
        """Plain data, to carry a previewed document to its confirmation."""
        return {
            "locale": self.locale,
            **{
                kind: [[e.where, e.values, e.headings] for e in getattr(self, kind)]
                for kind in self.KINDS
            },
        }

    @classmethod
    def from_data(cls, data):
        return cls(
            locale=data["locale"],
            **{kind: [Entry(*item) for item in data[kind]] for kind in cls.KINDS},
        )


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
    check_size(len(data), path)
    return data


def check_size(size, name):
    if size > MAX_IMPORT_BYTES:
        raise TransferError(
            _("%(path)s is larger than %(limit)d MB: split it or check that it is the right file.")
            % {"path": name, "limit": MAX_IMPORT_BYTES // (1024 * 1024)}
        )


def detect_format(data, filename=""):
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


# NUL and other control characters (tab and line breaks aside) are refused by databases or
# by XLSX files, and a lone surrogate cannot be encoded: none belongs in a register.
INVALID_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def text_problem(value):
    """Why a text value from a file cannot be stored, or None."""
    match = INVALID_CHARACTER.search(value)
    if match is None:
        return None
    return _("contains an invalid character (U+%(code)04X).") % {"code": ord(match[0])}
