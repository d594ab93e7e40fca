"""The consent log in the admin: read-only, behind its own permission, filtered and exported."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook

from wagtail_charte.models import ConsentRecord, ConsentSnapshot

from ..helpers import english_phrases, visible_text
from .helpers import new_id, post

INDEX = "wagtail_charte_consent_log:index"


def url(name, *args, **query):
    target = reverse(f"wagtail_charte_consent_log:{name}", args=args)
    return target + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def log(banner, client):
    """Four choices posted to the endpoint, the first one 40 days ago."""
    post(
        client, consent_id=new_id(1), method="accept_all", c={"statistics": True, "external": True}
    )
    post(
        client,
        consent_id=new_id(2),
        method="refuse_all",
        c={"statistics": False, "external": False},
    )
    post(client, consent_id=new_id(3), method="custom", c={"statistics": True, "external": False})
    post(client, consent_id=new_id(4), method="gpc", language="en", c={"statistics": False})
    ConsentRecord.objects.filter(consent_id=new_id(1)).update(
        received_at=timezone.now() - timedelta(days=40)
    )
    client.logout()
    return {r.consent_id: r for r in ConsentRecord.objects.all()}


def listed(client, **query):
    response = client.get(url("index", **query))
    assert response.status_code == 200
    html = response.content.decode()
    return sorted(n for n in range(1, 5) if new_id(n) in html)


def test_the_auditor_lists_every_choice(log, auditor_client):
    assert listed(auditor_client) == [1, 2, 3, 4]
    html = auditor_client.get(url("index")).content.decode()
    assert "external : refusé; statistics : accepté" in html  # the admin is in French


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"method": "refuse_all"}, [2]),
        ({"language": "en"}, [4]),
        ({"version": "1"}, [1, 2, 3, 4]),
        ({"version": "2"}, []),
        ({"choice": "statistics:1"}, [1, 3]),
        ({"choice": "statistics:0"}, [2, 4]),
        ({"choice": "external:0"}, [2, 3, 4]),
        ({"q": new_id(3)}, [3]),
        ({"q": new_id(3).upper() + "%20"}, [3]),
        ({"q": new_id(3)[:10]}, []),  # an exact id: a fragment finds nothing
    ],
)
def test_filters_and_search(log, auditor_client, query, expected):
    assert listed(auditor_client, **query) == expected


def test_date_range_filter(log, auditor_client):
    today = timezone.localdate()
    recent = {"received_at_from": (today - timedelta(days=7)).isoformat()}
    assert listed(auditor_client, **recent) == [2, 3, 4]
    old = {"received_at_to": (today - timedelta(days=30)).isoformat()}
    assert listed(auditor_client, **old) == [1]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("0001-01-01", "9999-12-31", [1, 2, 3, 4]),
        ("0001-01-01", "0001-01-01", []),
        ("9999-12-31", "9999-12-31", []),
        ("1700-01-01", None, [1, 2, 3, 4]),
    ],
)
def test_dates_out_of_range_are_clamped_not_a_crash(log, auditor_client, start, end, expected):
    """Clamped to 1970-2100: 0001-01-01 or 9999-12-31 shifted to UTC would overflow."""
    query = {"received_at_from": start, **({"received_at_to": end} if end else {})}
    assert listed(auditor_client, **query) == expected


def test_bad_filter_values_are_a_form_error_not_a_crash(log, auditor_client):
    for query in ({"version": "abc"}, {"received_at_from": "yesterday"}, {"choice": "x:1"}):
        assert auditor_client.get(url("index", **query)).status_code == 200


def test_a_record_shows_the_banner_it_answered(log, auditor_client):
    record = log[new_id(3)]
    response = auditor_client.get(url("inspect", record.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert new_id(3) in html
    assert "Tout accepter" in html and "Mesure d&#x27;audience" in html
    assert url("snapshot", record.snapshot_id) in html


def test_a_snapshot_shows_as_seen_and_downloads_as_the_hashed_bytes(log, auditor_client):
    snapshot = log[new_id(4)].snapshot
    html = auditor_client.get(url("snapshot", snapshot.pk)).content.decode()
    assert snapshot.digest in html
    assert "Accept all" in html and "Audience measurement" in html
    response = auditor_client.get(url("snapshot", snapshot.pk, format="json"))
    assert response["Content-Type"] == "application/json"
    assert response.content == snapshot.canonical.encode()
    assert json.loads(response.content)["language"] == "en"
    assert auditor_client.get(url("snapshot", 999999), follow=True).status_code == 404


def exported_csv(client, **query):
    response = client.get(url("index", export="csv", **query))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_and_xlsx_export(log, auditor_client):
    rows = exported_csv(auditor_client, method="custom")
    assert len(rows) == 2
    header, row = rows
    assert header[0] == "Identifiant de consentement"
    assert row[0] == new_id(3)
    assert "external : refusé; statistics : accepté" in row
    assert log[new_id(3)].snapshot.digest in row
    response = auditor_client.get(url("index", export="xlsx"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.max_row == 5
    assert {sheet.cell(row=r, column=1).value for r in range(2, 6)} == {
        new_id(n) for n in range(1, 5)
    }


def test_csv_export_neutralises_formulas(log, auditor_client):
    ConsentRecord.objects.filter(consent_id=new_id(2)).update(
        choices={"=HYPERLINK(1)": True}, language="@fr"
    )
    rows = exported_csv(auditor_client, method="refuse_all")
    cells = rows[1]
    assert "'=HYPERLINK(1) : accepté" in cells
    assert "'@fr" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_nobody_can_add_edit_or_delete_a_record(log, admin_client):
    record = log[new_id(2)]
    for name in ("add", "edit", "delete", "copy", "history", "usage"):
        with pytest.raises(NoReverseMatch):
            reverse(f"wagtail_charte_consent_log:{name}", args=[record.pk])
    prefix = url("index")
    for path in ("new/", f"edit/{record.pk}/", f"delete/{record.pk}/"):
        assert admin_client.get(prefix + path, follow=True).status_code == 404
        assert admin_client.post(prefix + path, {"consent_id": "x"}, follow=True).status_code == 404
    html = admin_client.get(url("index")).content.decode()
    assert prefix + "new/" not in html and "/edit/" not in html and "/delete/" not in html
    inspect = admin_client.get(url("inspect", record.pk)).content.decode()
    assert "/edit/" not in inspect and "/delete/" not in inspect
    assert ConsentRecord.objects.get(pk=record.pk).consent_id == new_id(2)


def test_an_editor_without_the_permission_sees_nothing(log, editor_client):
    record = log[new_id(3)]
    targets = [
        url("index"),
        url("index", export="csv"),
        url("index", export="xlsx"),
        url("index_results"),
        url("inspect", record.pk),
        url("snapshot", record.snapshot_id),
        url("snapshot", record.snapshot_id, format="json"),
    ]
    for target in targets:
        response = editor_client.get(target)
        assert response.status_code == 302, target
        assert response["Location"] == reverse("wagtailadmin_home")
        home = editor_client.get(response["Location"]).content.decode()
        assert new_id(3) not in home and record.snapshot.digest not in home
    assert url("index") not in editor_client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_menu_shows_the_log_to_those_who_may_see_it(log, auditor_client):
    home = auditor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert url("index") in home
    assert reverse("wagtail_charte_consent_statistics:index") in home


def test_the_log_is_titled_as_a_log_and_counts_records(log, auditor_client):
    index = visible_text(auditor_client.get(url("index")).content)
    assert "Journal des consentements" in index
    assert "4 enregistrements de consentement" in index
    record = log[new_id(3)]
    crumb = rf'<a[^>]+href="{re.escape(url("index"))}"[^>]*>\s*Journal des consentements'
    for screen in (url("inspect", record.pk), url("snapshot", record.snapshot_id)):
        assert re.search(crumb, auditor_client.get(screen).content.decode())


def test_the_view_permission_is_offered_in_the_group_editor(log, admin_client):
    html = admin_client.get(reverse("wagtailusers_groups:add")).content.decode()
    view = Permission.objects.get(codename="view_consentrecord")
    assert f'value="{view.pk}"' in html
    # There is no other permission on the log to give.
    log_models = [ContentType.objects.get_for_model(m) for m in (ConsentRecord, ConsentSnapshot)]
    assert list(Permission.objects.filter(content_type__in=log_models)) == [view]


def test_in_french_the_log_screens_show_none_of_our_english(log, admin_client):
    phrases = english_phrases()
    record = log[new_id(3)]  # a choice on the French banner
    screens = [
        url("index"),
        url("inspect", record.pk),
        url("snapshot", record.snapshot_id),
        reverse("wagtail_charte_consent_statistics:index"),
    ]
    leaks = {}
    for screen in screens:
        text = visible_text(admin_client.get(screen).content)
        found = sorted(p for p in phrases if re.search(rf"\b{re.escape(p)}\b", text))
        if found:
            leaks[screen] = found
    assert leaks == {}
