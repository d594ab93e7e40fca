"""charte_export and charte_import, driven through call_command as an integrator would."""

import io
import json

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.db import OperationalError
from django.utils import translation
from wagtail.models import Locale, Revision

from wagtail_charte.models import Cookie, CookieCategory, CookieProvider
from wagtail_charte.register.transfer import formats
from wagtail_charte.register.transfer.export import export_csv, export_json
from wagtail_charte.register.transfer.plan import Planner

from .helpers import register_state

HEADER = "category,provider,service,name,purpose,party,lifetime,locale"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def fr(demo):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def en(demo):
    return Locale.objects.get(language_code="en")


def export(locale="fr", fmt="csv"):
    out = io.StringIO()
    call_command("charte_export", "--locale", locale, "--format", fmt, stdout=out)
    return out.getvalue()


def run_import(tmp_path, content, *args, name="register.csv", locale="fr"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = io.StringIO()
    call_command("charte_import", str(path), "--locale", locale, *args, stdout=out, stderr=out)
    return out.getvalue()


def revisions_of(obj):
    return Revision.objects.for_instance(obj).count()


def set_domains(name, domains):
    """Gives the French provider `name` these domains, and so its translations."""
    provider = CookieProvider.objects.get(locale__language_code="fr", name=name)
    provider.domains = domains
    provider.save()


def fr_cookie(name):
    return Cookie.objects.get(locale__language_code="fr", name=name)


# Export


def test_csv_export_lists_the_published_cookies_of_the_locale(fr):
    lines = export().splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 8
    assert (
        "statistics,Matomo,Mesure d'audience (front office),_pk_id.*,"
        "Distinguer les visiteurs pour établir des statistiques de fréquentation.,"
        "first,13 months,fr"
    ) in lines
    assert any(
        line.endswith(
            ",sessionid,Reconnaître la personne connectée d'une page à l'autre.,first,14 days,fr"
        )
        for line in lines
    )
    assert any(",django_language," in line and line.endswith(",session,fr") for line in lines)


def test_json_export_is_complete(en):
    data = json.loads(export("en", "json"))
    assert data["locale"] == "en"
    assert data["categories"][1] == {
        "slug": "statistics",
        "name": "Audience measurement",
        "description": "Help us learn which pages are read, so that we can improve the "
        "site. Set only if you accept them.",
        "basis": "consent",
        "order": 20,
    }
    assert {
        "name": "Matomo",
        "privacy_policy_url": "https://matomo.org/privacy-policy/",
        "domains": [],
    } in data["providers"]
    cookie = next(c for c in data["cookies"] if c["name"] == "_pk_id.*")
    assert cookie == {
        "category": "statistics",
        "provider": "Matomo",
        "service": "Audience measurement (front office)",
        "name": "_pk_id.*",
        "purpose": "Tells visitors apart to produce visit statistics.",
        "party": "first",
        "lifetime": "13 months",
    }


def test_export_shows_the_published_register_not_drafts(fr):
    cookie = fr_cookie("sessionid")
    cookie.purpose = "Brouillon non publié."
    cookie.save_revision()  # a draft: the row keeps the published text
    draft_only = Cookie(
        locale=fr,
        name="draft_only",
        provider=cookie.provider,
        category=cookie.category,
        purpose="Jamais publié.",
        live=False,
    )
    draft_only.save()
    text = export()
    assert "Brouillon" not in text
    assert "draft_only" not in text
    assert "Reconnaître la personne connectée" in text


def test_export_writes_a_file_and_refuses_an_unknown_locale(fr, tmp_path):
    path = tmp_path / "out.json"
    call_command("charte_export", "--locale", "fr", "--format", "json", "--output", str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["cookies"]
    with pytest.raises(CommandError, match="Unknown locale “de”"):
        export("de")
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("charte_export", "--locale", "fr", "--output", str(tmp_path / "no" / "x"))


# Round trips


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_reimporting_an_export_changes_nothing(fr, tmp_path, fmt):
    set_domains("Matomo", "matomo.cloud\ncdn.matomo.cloud")
    before = register_state()
    output = run_import(tmp_path, export(fmt=fmt), name=f"register.{fmt}")
    assert "Cookies: 0 created, 0 updated, 7 unchanged, 0 deleted." in output
    assert register_state() == before


def test_csv_round_trips_after_deleting_the_cookies_and_providers(fr, tmp_path):
    exported = export()
    Cookie.objects.filter(locale=fr).delete()
    CookieProvider.objects.filter(locale=fr).delete()
    output = run_import(tmp_path, exported)
    assert "Cookies: 7 created" in output
    assert "Cookie providers: 3 created" in output
    assert export() == exported
    cookie = fr_cookie("_pk_id.*")
    assert cookie.live and cookie.provider.live and revisions_of(cookie) == 1


def test_json_round_trips_into_an_empty_register(fr, tmp_path):
    set_domains("Matomo", "matomo.cloud\ncdn.matomo.cloud")
    exported = export(fmt="json")
    assert json.loads(exported)["providers"][0]["domains"] == ["matomo.cloud", "cdn.matomo.cloud"]
    Cookie.objects.all().delete()
    CookieProvider.objects.all().delete()
    CookieCategory.objects.all().delete()
    run_import(tmp_path, exported, name="register.json")
    assert export(fmt="json") == exported
    matomo = CookieProvider.objects.get(name="Matomo")
    assert matomo.privacy_policy_url.startswith("https://")
    assert matomo.domains == "matomo.cloud\ncdn.matomo.cloud"
    before = register_state()
    run_import(tmp_path, exported, name="register.json")
    assert register_state() == before


# Import into the default locale


def test_changed_rows_are_published_with_a_revision_and_the_rest_left_alone(fr, tmp_path):
    session, csrf = fr_cookie("sessionid"), fr_cookie("csrftoken")
    session_revisions, csrf_revisions = revisions_of(session), revisions_of(csrf)
    text = export().replace("14 days", "15 days")
    output = run_import(tmp_path, text)
    assert "Cookies: 0 created, 1 updated, 6 unchanged, 0 deleted." in output
    session.refresh_from_db()
    assert (session.lifetime_value, session.lifetime_unit) == (15, "days")
    assert session.live and not session.has_unpublished_changes
    assert revisions_of(session) == session_revisions + 1
    assert session.live_revision == session.latest_revision
    assert revisions_of(csrf) == csrf_revisions
    # The lifetime is synced: the English translation follows its source.
    assert session.get_translation(Locale.objects.get(language_code="en")).lifetime_value == 15


def test_unknown_provider_is_created_and_published(fr, tmp_path):
    text = export() + "statistics,Acme Analytics,Mesure,_acme,Compter les visites.,third,1 year\n"
    run_import(tmp_path, text)
    cookie = fr_cookie("_acme")
    assert cookie.provider.name == "Acme Analytics"
    assert cookie.provider.locale == fr and cookie.provider.live
    assert revisions_of(cookie.provider) == 1
    assert cookie.live and cookie.party == "third"
    assert (cookie.lifetime_value, cookie.lifetime_unit) == (1, "years")
    assert cookie.category.slug == "statistics"


def test_a_draft_entry_listed_in_the_file_gets_published(fr, tmp_path):
    cookie = fr_cookie("csrftoken")
    cookie.unpublish()
    assert ",csrftoken," not in export()
    row = formats.file_values(cookie)
    run_import(tmp_path, HEADER + "\n" + ",".join(f'"{row[c]}"' for c in formats.COLUMNS))
    cookie.refresh_from_db()
    assert cookie.live and cookie.live_revision == cookie.latest_revision
    assert ",csrftoken," in export()


def test_delete_missing_deletes_only_what_the_file_omits_in_that_locale(fr, en, tmp_path):
    text = "\n".join(line for line in export().splitlines() if ",csrftoken," not in line)
    run_import(tmp_path, text)
    assert Cookie.objects.filter(locale=fr, name="csrftoken").exists()
    output = run_import(tmp_path, text, "--delete-missing")
    assert "1 deleted" in output
    assert "1 translation of a deleted cookie remains in another locale" in output
    assert not Cookie.objects.filter(locale=fr, name="csrftoken").exists()
    assert Cookie.objects.filter(locale=fr).count() == 6
    assert Cookie.objects.filter(locale=en, name="csrftoken").exists()
    en_text = "\n".join(line for line in export("en").splitlines() if ",csrftoken," not in line)
    output = run_import(tmp_path, en_text, "--delete-missing", locale="en")
    assert "Cookies: 0 created, 0 updated, 6 unchanged, 1 deleted." in output
    assert "remain" not in output
    assert not Cookie.objects.filter(name="csrftoken").exists()


def test_json_import_updates_a_category_and_a_provider_url(fr, tmp_path):
    data = json.loads(export(fmt="json"))
    data["categories"][0]["description"] = "Nouvelle description."
    (opendatasoft,) = [p for p in data["providers"] if p["name"] == "Opendatasoft"]
    opendatasoft["privacy_policy_url"] = "https://example.com/privacy"
    run_import(tmp_path, json.dumps(data), name="register.json")
    category = CookieCategory.objects.get(locale=fr, slug="necessary")
    assert category.description == "Nouvelle description."
    assert category.live_revision == category.latest_revision
    provider = CookieProvider.objects.get(locale=fr, name="Opendatasoft")
    assert provider.privacy_policy_url == "https://example.com/privacy"


@pytest.mark.parametrize(
    "domains", [["matomo.cloud", "https://cdn.matomo.cloud/"], "matomo.cloud, cdn.matomo.cloud"]
)
def test_json_import_reads_a_providers_domains_as_a_list_or_as_text(fr, en, tmp_path, domains):
    data = json.loads(export(fmt="json"))
    data["providers"][0]["domains"] = domains
    output = run_import(tmp_path, json.dumps(data), name="register.json")
    assert "Cookie providers: 0 created, 1 updated, 3 unchanged" in output
    provider = CookieProvider.objects.get(locale=fr, name="Matomo")
    assert provider.domains == "matomo.cloud\ncdn.matomo.cloud"
    assert provider.live_revision == provider.latest_revision
    # A synced field: the translation follows.
    assert CookieProvider.objects.get(locale=en, name="Matomo").domains == provider.domains


def test_a_json_provider_without_domains_keeps_its_own(fr, tmp_path):
    set_domains("Matomo", "matomo.cloud")
    data = json.loads(export(fmt="json"))
    for provider in data["providers"]:
        del provider["domains"]
    before = register_state()
    run_import(tmp_path, json.dumps(data), name="register.json")
    assert register_state() == before


def test_a_csv_import_leaves_the_providers_domains_alone(fr, tmp_path):
    set_domains("Matomo", "matomo.cloud")
    exported = export()
    Cookie.objects.filter(locale=fr, provider__name="Matomo").delete()
    run_import(tmp_path, exported)
    assert CookieProvider.objects.get(locale=fr, name="Matomo").domains == "matomo.cloud"


def test_utf8_with_bom_and_json_detected_by_content(fr, tmp_path):
    before = register_state()
    run_import(tmp_path, b"\xef\xbb\xbf" + export().encode())
    run_import(tmp_path, export(fmt="json"), name="register.txt")
    assert register_state() == before


# Import into a translation


def test_importing_a_translation_takes_its_wording(fr, en, tmp_path):
    text = export("en").replace("Keeps the language the visitor chose.", "Keeps your language.")
    run_import(tmp_path, text, locale="en")
    assert Cookie.objects.get(locale=en, name="django_language").purpose == "Keeps your language."
    assert fr_cookie("django_language").purpose == "Garder la langue choisie par le visiteur."


def test_importing_a_translation_creates_missing_translations_of_sources(fr, en, tmp_path):
    text = export("en")
    Cookie.objects.get(locale=en, name="_pk_id.*").delete()
    run_import(tmp_path, text, locale="en")
    created = Cookie.objects.get(locale=en, name="_pk_id.*")
    source = fr_cookie("_pk_id.*")
    assert created.translation_key == source.translation_key
    assert created.category.locale == en and created.provider.locale == en
    assert created.live and created.purpose.startswith("Tells visitors apart")
    assert export("en") == text


@pytest.mark.parametrize(
    "old, new, field",
    [
        (",first,13 months", ",first,12 months", "lifetime"),
        (",first,13 months", ",third,13 months", "party"),
        ("statistics,Matomo", "necessary,Matomo", "category"),
    ],
)
def test_a_translation_cannot_change_synced_fields(en, tmp_path, old, new, field):
    text = export("en").replace(old, new)
    before = register_state()
    with pytest.raises(
        CommandError, match=f"Line 6, field “{field}”: differs from the Français version"
    ):
        run_import(tmp_path, text, locale="en")
    assert register_state() == before


def test_a_translation_json_carries_the_source_domains_and_cannot_change_them(en, tmp_path):
    set_domains("Matomo", "matomo.cloud")
    before = register_state()
    exported = export("en", "json")
    run_import(tmp_path, exported, name="en.json", locale="en")
    assert register_state() == before
    data = json.loads(exported)
    data["providers"][0]["domains"] = ["matomo.cloud", "matomo.org"]
    with pytest.raises(
        CommandError, match="Provider 1, field “domains”: differs from the Français version"
    ):
        run_import(tmp_path, json.dumps(data), name="en.json", locale="en")
    assert register_state() == before


def test_a_translation_refuses_entries_without_a_source(en, tmp_path):
    before = register_state()
    row = "necessary,Opendatasoft,Test,new_cookie,Something.,first,session"
    with pytest.raises(CommandError, match="Line 9, field “name”: “new_cookie” does not exist"):
        run_import(tmp_path, export("en") + row + "\n", locale="en")
    row = "necessary,Nobody,Test,sessionid,Something.,first,session"
    with pytest.raises(CommandError, match="Line 9, field “provider”: no provider named"):
        run_import(tmp_path, export("en") + row + "\n", locale="en")
    assert register_state() == before


# Failed imports: a clear error naming the line and the field, and nothing changed


def with_row(row, line_2_change=True):
    """An export whose first cookie is changed (so a rollback is needed) plus a bad row."""
    lines = export_csv(Locale.objects.get(language_code="fr")).splitlines()
    if line_2_change:
        lines[1] = lines[1].replace("Se souvenir", "Retenir")
    return "\n".join([*lines, row]) + "\n"


GOOD_ROW = "necessary,Opendatasoft,Test,new_cookie,Something.,first,session"


@pytest.mark.parametrize(
    "row, message",
    [
        (GOOD_ROW.replace("necessary", "marketing"), "Line 9, field “category”: no category"),
        (GOOD_ROW.replace("new_cookie", ""), "Line 9, field “name”: This field cannot be blank"),
        (GOOD_ROW.replace("first", "both"), "Line 9, field “party”: Value 'both' is not"),
        (GOOD_ROW.replace("session", "13 moons"), "Line 9, field “lifetime”: cannot read"),
        (GOOD_ROW.replace("session", ""), "Line 9, field “lifetime”: cannot read"),
        (GOOD_ROW.replace("session", "0 days"), "Line 9, field “lifetime”: cannot read"),
        (GOOD_ROW.replace("new_cookie", "bad name"), "Line 9, field “name”: Use the characters"),
        (GOOD_ROW.replace("new_cookie", "a;b"), "Line 9, field “name”: Use the characters"),
        (GOOD_ROW.replace("Something.", ""), "Line 9, field “purpose”: This field cannot be"),
        (GOOD_ROW.replace("Opendatasoft", ""), "Line 9, field “provider”: This field cannot be"),
        (GOOD_ROW.replace("Opendatasoft", "x" * 121), "Line 9, field “provider”: Ensure"),
        (GOOD_ROW + ",fr,extra", "Line 9: expected 8 fields, found 9"),
        (
            'necessary,"Opendatasoft"x,a,b,c,first,session',
            "Line 9: malformed CSV: a value in double quotes",
        ),
        (
            'necessary,Opendatasoft,"unterminated,b,c,first,session',
            "Line 9: malformed CSV: a value opens a double quote",
        ),
    ],
)
def test_a_bad_row_aborts_the_whole_import(fr, tmp_path, row, message):
    before = register_state()
    with pytest.raises(CommandError, match=message):
        run_import(tmp_path, with_row(row), "--delete-missing")
    assert register_state() == before


def test_a_duplicate_row_is_refused(fr, tmp_path):
    before = register_state()
    lines = export().splitlines()
    with pytest.raises(CommandError, match=r"Line 9, field “name”: duplicate of .*\(Line 3\)"):
        run_import(tmp_path, "\n".join([*lines, lines[2]]))
    assert register_state() == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The file is empty"),
        (b"\n\n", "The file is empty"),
        (b"category,provider,service,name,purpose,party\n", "Line 1: the column “lifetime” is"),
        (b"category|provider|service|name|purpose|party|lifetime\n", "Line 1: the first row"),
        (GOOD_ROW.encode() + b"\n", "Line 1: the first row must name the columns"),
        (
            f"{HEADER}\n{GOOD_ROW}\nnecessary,Op\xe9,a,b,c,first,session\n".encode("latin-1"),
            "Line 3: the file is not valid UTF-8",
        ),
        (f"{HEADER}\n{GOOD_ROW}\x00\n".encode(), "Line 2: the file contains a NUL"),
    ],
)
def test_a_bad_csv_file_is_refused(fr, tmp_path, content, message):
    before = register_state()
    with pytest.raises(CommandError, match=message):
        run_import(tmp_path, content, "--delete-missing")
    assert register_state() == before


def json_with(change):
    data = json.loads(export_json(Locale.objects.get(language_code="fr")))
    data["cookies"][0]["purpose"] = "Changé avant l'erreur."
    change(data)
    return json.dumps(data, indent=2)


def set_item(key, index, field, value):
    return lambda data: data[key][index].__setitem__(field, value)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"cookies": [}', "Line 1, column 14: malformed JSON: a value is expected here"),
        # A trailing comma: Python 3.13 names the comma's line, earlier versions the next one.
        ('{\n  "cookies": [\n    1,\n  ]\n}', "Line [34], column [0-9]+: malformed JSON: a"),
        ("[]", "must be an object with a “cookies” list"),
        ('{"categories": []}', "must be an object with a “cookies” list"),
        ('{"cookies": {}}', "“cookies” must be a list"),
        ('{"cookies": [], "extra": 1}', "Unknown key in the JSON file: “extra”"),
        ("[" * 100000 + "]" * 100000, "must be an object|nested too deeply"),
        (set_item("cookies", 2, "party", "both"), "Cookie 3, field “party”"),
        (set_item("cookies", 2, "name", None), "Cookie 3, field “name”: expected text"),
        (set_item("cookies", 2, "lifetime", "forever"), "Cookie 3, field “lifetime”"),
        (lambda d: d["cookies"][1].pop("service"), "Cookie 2, field “service”: this"),
        (set_item("cookies", 0, "colour", "red"), "Cookie 1, field “colour”: unknown"),
        (set_item("categories", 1, "basis", "maybe"), "Category 2, field “basis”"),
        (set_item("categories", 1, "order", "1"), "Category 2, field “order”"),
        (set_item("categories", 1, "order", True), "Category 2, field “order”"),
        (set_item("categories", 1, "slug", "Not a slug"), "Category 2, field “slug”"),
        (set_item("categories", 1, "slug", "necessary"), "Category 2, field “slug”: du"),
        (
            (set_item("providers", 0, "privacy_policy_url", "javascript:alert(1)")),
            "Provider 1, field “privacy_policy_url”: Enter a valid URL",
        ),
        (
            set_item("providers", 1, "domains", ["youtube.com", "localhost"]),
            "Provider 2, field “domains”: “localhost” is not a domain, such as youtube.com",
        ),
        (
            set_item("providers", 1, "domains", ["youtube.com", 1]),
            "Provider 2, field “domains”: expected a list of domains, or text",
        ),
        (
            set_item("providers", 1, "domains", {"youtube.com": True}),
            "Provider 2, field “domains”: expected a list of domains, or text",
        ),
        (set_item("providers", 1, "domains", ["a\x00.com"]), "Provider 2, field “domains”: con"),
        (lambda d: d["cookies"].append("x"), "Cookie 8: expected an object"),
        (set_item("categories", 0, "order", 10**30), "Category 1, field “order”: Ensure"),
        ('{"cookies": [], "cookies": []}', "Duplicate key in the JSON file: “cookies”"),
    ],
)
def test_a_bad_json_file_is_refused(fr, tmp_path, content, message):
    if callable(content):
        content = json_with(content)
    before = register_state()
    with pytest.raises(CommandError, match=message):
        run_import(tmp_path, content, "--delete-missing", name="register.json")
    assert register_state() == before


def test_unreadable_and_oversized_files_are_refused(fr, tmp_path, monkeypatch):
    before = register_state()
    with pytest.raises(CommandError, match="Cannot read .*missing.csv: there is no such file.$"):
        call_command("charte_import", str(tmp_path / "missing.csv"), "--locale", "fr")
    with pytest.raises(CommandError, match="Cannot read .*: it is a folder.$"):
        call_command("charte_import", str(tmp_path), "--locale", "fr")
    monkeypatch.setattr(formats, "MAX_IMPORT_BYTES", 100)
    with pytest.raises(CommandError, match="is larger than"):
        run_import(tmp_path, export())
    with pytest.raises(CommandError, match="Unknown locale"):
        run_import(tmp_path, export(), locale="de")
    assert register_state() == before


def test_errors_are_translated(fr, tmp_path):
    with translation.override("fr"), pytest.raises(CommandError, match="Ligne 9, champ"):
        run_import(tmp_path, with_row(GOOD_ROW.replace("session", "13 moons")))


def test_a_locked_entry_is_not_changed(fr, tmp_path, django_user_model):
    user = django_user_model.objects.create_user("editor")
    cookie = fr_cookie("sessionid")
    cookie.locked, cookie.locked_by = True, user
    cookie.save()
    before = register_state()
    run_import(tmp_path, export())  # unchanged: a lock is no obstacle
    with pytest.raises(CommandError, match="Line 5: “sessionid” is locked"):
        run_import(tmp_path, export().replace("14 days", "15 days"))
    without = "\n".join(line for line in export().splitlines() if ",sessionid," not in line)
    with pytest.raises(CommandError, match="Not in the file: “sessionid” is locked"):
        run_import(tmp_path, without, "--delete-missing")
    assert register_state() == before


@pytest.mark.parametrize("name", ["charte_export", "charte_import"])
def test_help_renders_in_both_languages(name):
    command = load_command_class("wagtail_charte", name)
    with translation.override("fr"):
        assert "registre des cookies" in command.create_parser("manage.py", name).format_help()
    assert "cookie register" in command.create_parser("manage.py", name).format_help()


def test_a_translation_json_takes_category_wording_and_checks_the_rest(fr, en, tmp_path):
    exported = export("en", "json")
    Cookie.objects.get(locale=en, name="_pk_id.*").delete()
    CookieCategory.objects.get(locale=en, slug="statistics").delete()
    data = json.loads(exported)
    data["categories"][0]["description"] = "Needed, full stop."
    run_import(tmp_path, json.dumps(data), name="en.json", locale="en")
    assert CookieCategory.objects.get(locale=en, slug="necessary").description == (
        "Needed, full stop."
    )
    created = CookieCategory.objects.get(locale=en, slug="statistics")
    assert (
        created.translation_key
        == CookieCategory.objects.get(locale=fr, slug="statistics").translation_key
    )
    assert created.live and created.name == "Audience measurement"
    assert Cookie.objects.get(locale=en, name="_pk_id.*").category == created
    assert CookieCategory.objects.get(locale=fr, slug="necessary").description.startswith("Indis")

    data["categories"][1]["basis"] = "exempt"
    before = register_state()
    with pytest.raises(CommandError, match="Category 2, field “basis”: differs from the Français"):
        run_import(tmp_path, json.dumps(data), name="en.json", locale="en")
    data["categories"][1]["basis"] = "consent"
    data["categories"].append({**data["categories"][1], "slug": "ads"})
    position = len(data["categories"])
    with pytest.raises(
        CommandError, match=f"Category {position}, field “slug”: “ads” does not exist in Fr"
    ):
        run_import(tmp_path, json.dumps(data), name="en.json", locale="en")
    assert register_state() == before


TRICKY = 'Première ligne, avec « guillemets » et "quotes";\nseconde ligne <script>alert(1)</script>'


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_commas_quotes_newlines_and_html_round_trip(fr, tmp_path, fmt):
    cookie = fr_cookie("sessionid")
    cookie.purpose = TRICKY
    cookie.service = "=1+1, @here"
    cookie.save_revision().publish()
    exported = export(fmt=fmt)
    cookie.purpose = "Autre chose."
    cookie.save_revision().publish()
    run_import(tmp_path, exported, name=f"register.{fmt}")
    cookie.refresh_from_db()
    assert cookie.purpose == TRICKY and cookie.service == "=1+1, @here"
    assert export(fmt=fmt) == exported
    before = register_state()
    run_import(tmp_path, exported, name=f"register.{fmt}")
    assert register_state() == before


def test_line_numbers_count_the_lines_of_multiline_values(fr, tmp_path):
    text = f'{HEADER}\r\nnecessary,Opendatasoft,a,multi,"one\r\ntwo\r\nthree",first,session\r\n\r\n'
    text += GOOD_ROW.replace("session", "never") + "\r\n"
    with pytest.raises(CommandError, match="Line 6, field “lifetime”"):
        run_import(tmp_path, text)
    assert not Cookie.objects.filter(name="multi").exists()


def test_a_locked_database_is_a_sentence_for_the_command(fr, tmp_path, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Planner, "run", locked)
    for args in ([], ["--dry-run"]):
        with pytest.raises(CommandError) as caught:
            run_import(tmp_path, export().encode(), *args)
        assert str(caught.value) == (
            "The database was busy or too slow to answer, so nothing was imported. Try again "
            "in a moment."
        )
