"""Consent statistics per week, aggregated in the database: one query whatever the log's size.

A visitor is a consent id. Each week counts every visitor who chose that week once, with
their last choice of the week; how choices were made counts every choice.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import ConsentMethod, ConsentRecord
from .filters import choice_values

WEEK = datetime.timedelta(days=7)
DEFAULT_WEEKS = 12
# Two years: a longer chart is no longer read, and its page grows with every week.
MAX_WEEKS = 104


@dataclass
class Segment:
    """A part of a week's bar: `count` out of `total`, drawn from `offset` percent."""

    key: str
    label: str
    count: int
    total: int
    offset: float = 0

    @property
    def ratio(self):
        return 100 * self.count / self.total if self.total else 0

    @property
    def percent(self):
        return round(self.ratio)

    # SVG coordinates, unlocalised: "62.5", never "62,5".
    @property
    def x(self):
        return f"{self.offset:.2f}"

    @property
    def width(self):
        return f"{self.ratio:.2f}"


@dataclass
class WeekBar:
    """A week's bar: its total, split into segments."""

    start: datetime.date
    total: int
    segments: list

    @property
    def drawn(self):
        return [segment for segment in self.segments if segment.count]


@dataclass
class Chart:
    """One bar per week; its table has a row per week and a column per segment."""

    title: str
    total_label: str
    bars: list = field(default_factory=list)

    @property
    def keys(self):
        return [(segment.key, segment.label) for segment in self.bars[0].segments]


def local_date(value):
    """The date of a datetime in the current time zone."""
    return (timezone.localtime(value) if timezone.is_aware(value) else value).date()


def monday(day):
    return day - datetime.timedelta(days=day.weekday())


def period_weeks(start=None, end=None, today=None):
    """The Mondays of the weeks from `start` to `end` (dates), by default the last 12 weeks;
    none after this week, when no choice can have been received yet."""
    today = today or timezone.localdate()
    end = monday(min(end or today, today))
    start = monday(min(start, today)) if start else end - (DEFAULT_WEEKS - 1) * WEEK
    start, end = min(start, end), max(start, end)
    return [start + i * WEEK for i in range((end - start) // WEEK + 1)]


def _midnight(day):
    moment = datetime.datetime.combine(day, datetime.time.min)
    return timezone.make_aware(moment) if settings.USE_TZ else moment


def weekly_rows(weeks, categories):
    """{Monday: aggregates} for the weeks that have choices, in one query."""
    later = (
        ConsentRecord.objects.annotate(week=TruncWeek("received_at"))
        .filter(consent_id=OuterRef("consent_id"), week=OuterRef("week"), pk__gt=OuterRef("pk"))
        .values("pk")
    )
    last = Q(superseded=False)  # the visitor's last choice of the week
    aggregates = {"visitors": Count("pk", filter=last), "choices": Count("pk")}
    for i in range(len(categories)):
        aggregates[f"accepted_{i}"] = Count("pk", filter=last & Q(**{f"choice_{i}": True}))
        aggregates[f"refused_{i}"] = Count("pk", filter=last & Q(**{f"choice_{i}": False}))
    for method in ConsentMethod:
        aggregates[method.value] = Count("pk", filter=Q(method=method))
    rows = (
        ConsentRecord.objects.filter(
            received_at__gte=_midnight(weeks[0]), received_at__lt=_midnight(weeks[-1] + WEEK)
        )
        .alias(**choice_values(category.slug for category in categories))
        .annotate(week=TruncWeek("received_at"), superseded=Exists(later))
        .order_by()
        .values("week")
        .annotate(**aggregates)
    )
    return {local_date(row["week"]): row for row in rows}


def charts(weeks, categories):
    """A chart per category (visitors who accepted, refused) and one of how choices were made."""
    found = weekly_rows(weeks, categories)
    accepted = pgettext_lazy("consent state", "accepted")
    refused = pgettext_lazy("consent state", "refused")

    def category_chart(i, category):
        def segments(row, visitors):
            return [
                Segment("accepted", accepted, row.get(f"accepted_{i}", 0), visitors),
                Segment("refused", refused, row.get(f"refused_{i}", 0), visitors),
            ]

        return _chart(category.name, _("Visitors"), "visitors", weeks, found, segments)

    def method_segments(row, choices):
        return [Segment(m.value, m.label, row.get(m.value, 0), choices) for m in ConsentMethod]

    return [
        *(category_chart(i, category) for i, category in enumerate(categories)),
        _chart(_("How choices were made"), _("Choices"), "choices", weeks, found, method_segments),
    ]


def _chart(title, total_label, total_key, weeks, found, segments):
    chart = Chart(title, total_label)
    for start in weeks:
        row = found.get(start, {})
        total = row.get(total_key, 0)
        offset = 0
        parts = segments(row, total)
        for part in parts:
            part.offset = offset
            offset += part.ratio
        chart.bars.append(WeekBar(start, total, parts))
    return chart
