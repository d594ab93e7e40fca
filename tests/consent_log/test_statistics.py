"""The "Consent statistics" report: right figures, constant queries, for the log's readers only."""

import datetime
import re

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail_charte.consent_log.categories import Category
from wagtail_charte.consent_log.statistics import MAX_WEEKS, charts, monday, period_weeks
from wagtail_charte.models import ConsentRecord, ConsentSnapshot

from ..banner.choices import served_snapshot
from .helpers import new_id, post

REPORT = "wagtail_charte_consent_statistics:index"
CATEGORIES = [Category("statistics", "Statistics"), Category("external", "External")]


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def record(n, day, method="custom", hour=12, **choices):
    """A record as the endpoint stores it, received on `day`."""
    snapshot = served_snapshot()
    return ConsentRecord.objects.create(
        consent_id=new_id(n),
        version=1,
        ts=1_700_000_000 + n * 1000 + hour,
        choices=choices,
        language="fr",
        method=method,
        snapshot=ConsentSnapshot.objects.get(digest=snapshot),
        received_at=at(day, hour),
    )


def test_weeks_of_a_period():
    wednesday = datetime.date(2026, 3, 4)
    assert monday(wednesday) == datetime.date(2026, 3, 2)
    weeks = period_weeks(today=wednesday)
    assert len(weeks) == 12 and weeks[-1] == datetime.date(2026, 3, 2)
    assert period_weeks(datetime.date(2026, 3, 20), wednesday) == [
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 16),
    ]


def test_each_visitor_counts_once_a_week_with_their_last_choice(banner):
    week = monday(timezone.localdate()) - datetime.timedelta(days=7)
    record(1, week, "accept_all", hour=9, statistics=True, external=True)
    record(1, week + datetime.timedelta(days=2), "withdrawal", statistics=False, external=True)
    record(2, week, "refuse_all", statistics=False, external=False)
    record(3, week, "gpc", statistics=False, external=False)
    record(4, week + datetime.timedelta(days=7), "accept_all", statistics=True, external=True)
    stats, external, methods = charts([week], CATEGORIES)
    (bar,) = stats.bars
    assert bar.start == week
    assert bar.total == 3  # visitors 1, 2 and 3; visitor 4 chose the week after
    accepted, refused = bar.segments
    assert (accepted.count, refused.count) == (0, 3)
    assert (refused.percent, refused.width) == (100, "100.00")
    accepted, refused = external.bars[0].segments
    assert (accepted.count, refused.count, accepted.percent) == (1, 2, 33)
    assert refused.x == "33.33"
    (bar,) = methods.bars
    assert bar.total == 4  # every choice
    counts = {segment.key: segment.count for segment in bar.segments}
    assert counts == {
        "accept_all": 1,
        "refuse_all": 1,
        "custom": 0,
        "withdrawal": 1,
        "gpc": 1,
        "embed": 0,
    }


def test_the_report_costs_the_same_queries_whatever_the_log_size(banner, auditor_client):
    url = reverse(REPORT)
    day = timezone.localdate()

    def queries():
        with CaptureQueriesContext(connections["default"]) as captured:
            assert auditor_client.get(url).status_code == 200
        return len(captured.captured_queries)

    record(1, day, statistics=True)
    few = queries()
    for n in range(2, 40):
        record(n, day - datetime.timedelta(days=n), statistics=n % 2 == 0)
    assert queries() == few


def test_the_report_shows_a_chart_and_its_table(banner, client, auditor_client):
    post(client, consent_id=new_id(1), method="accept_all", c={"statistics": True})
    post(client, consent_id=new_id(2), method="refuse_all", c={"statistics": False})
    response = auditor_client.get(reverse(REPORT))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mesure d&#x27;audience" in html
    assert '<svg class="charte-chart__bar"' in html
    assert 'width="50.00"' in html  # one visitor in two accepted
    assert "<table" in html and "<caption>" in html
    assert "50\u202f%" in html  # French: a narrow no-break space before %
    assert "navigateurs des visiteurs ont transmis" in html  # anyone can post a choice
    results = auditor_client.get(reverse(f"{REPORT}_results"))
    assert results.status_code == 200 and "charte-chart__bar" in results.content.decode()


def test_the_period_filter(banner, auditor_client):
    record(1, datetime.date(2025, 1, 8), statistics=True)
    query = "?period_from=2025-01-01&period_to=2025-01-31"
    html = auditor_client.get(reverse(REPORT) + query).content.decode()
    assert html.count('class="charte-chart__row"') == 3 * 5  # 5 weeks, 3 charts
    assert 'width="100.00"' in html
    empty = auditor_client.get(reverse(REPORT) + "?period_from=2024-01-01&period_to=2024-01-31")
    assert "charte-chart__bar" not in empty.content.decode()
    for query in ("?period_from=nope", "?period_from=2025-02-01&period_to=2025-01-01"):
        assert auditor_client.get(reverse(REPORT) + query).status_code == 200


def test_no_week_after_this_one_is_shown():
    wednesday = datetime.date(2026, 3, 4)
    assert period_weeks(wednesday, datetime.date(2100, 1, 1), today=wednesday) == [
        datetime.date(2026, 3, 2)
    ]
    assert period_weeks(datetime.date(2100, 1, 1), today=wednesday) == [datetime.date(2026, 3, 2)]


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01", "9999-12-31"), ("1700-01-01", "2026-12-31"), ("1970-01-01", "")],
)
def test_a_long_period_shows_its_last_weeks_and_says_so(banner, auditor_client, start, end):
    this_week = monday(timezone.localdate())
    record(1, this_week, statistics=True)
    record(2, this_week - MAX_WEEKS * datetime.timedelta(days=7), statistics=False)
    response = auditor_client.get(reverse(REPORT) + f"?period_from={start}&period_to={end}")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="charte-chart__row"') == 3 * MAX_WEEKS
    assert re.search(rf'<div class="help-block help-warning">.*\b{MAX_WEEKS}\b', html, re.DOTALL)
    assert 'width="100.00"' in html  # this week's visitor
    assert len(response.content) < 1_000_000


def test_a_period_within_the_cap_shows_no_such_message(banner, auditor_client):
    start = monday(timezone.localdate()) - (MAX_WEEKS - 1) * datetime.timedelta(days=7)
    record(1, start, statistics=True)
    html = auditor_client.get(reverse(REPORT) + f"?period_from={start}").content.decode()
    assert html.count('class="charte-chart__row"') == 3 * MAX_WEEKS
    assert "help-warning" not in html


@pytest.mark.parametrize("view", [REPORT, f"{REPORT}_results"])
def test_an_editor_without_the_log_permission_cannot_open_the_statistics(
    banner, editor_client, view
):
    response = editor_client.get(reverse(view))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    home = editor_client.get(response["Location"]).content.decode()
    assert reverse(REPORT) not in home
