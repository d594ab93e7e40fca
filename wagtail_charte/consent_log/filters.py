"""The consent log's filters, and the statistics' period."""

import datetime

import django_filters
from django.conf import settings
from django.db.models.fields.json import KeyTransform
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_filters.fields import DateRangeField
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from ..models import ConsentMethod, ConsentRecord
from .categories import refusable_categories

# Dates are clamped to these: no record predates the epoch, and 0001-01-01 or 9999-12-31 would
# overflow once shifted to UTC.
EARLIEST, LATEST = datetime.date(1970, 1, 1), datetime.date(2100, 12, 31)

# "<slug>:<1|0>": one choice per category and answer, e.g. "statistics:0" for refusals.
ALLOWED, REFUSED = "1", "0"


def choice_options():
    states = (
        (ALLOWED, pgettext("consent state", "accepted")),
        (REFUSED, pgettext("consent state", "refused")),
    )
    return [
        (f"{category.slug}:{value}", f"{category.name}: {state}")
        for category in refusable_categories()
        for value, state in states
    ]


def choice_values(slugs):
    """Aliases `choice_<i>`: each slug's value in a record's choices, to filter on.

    Key transforms, not `choices__<slug>` lookups: a slug may contain "__".
    """
    return {f"choice_{i}": KeyTransform(slug, "choices") for i, slug in enumerate(slugs)}


def clamped(day):
    """`day` within EARLIEST and LATEST; None stays None (an open end)."""
    return day and min(max(day, EARLIEST), LATEST)


class ClampedDateRangeField(DateRangeField):
    """A range of dates, each clamped to EARLIEST and LATEST."""

    def compress(self, data_list):
        return super().compress([clamped(day) for day in data_list] if data_list else data_list)


class ClampedDateRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = ClampedDateRangeField


class ConsentRecordFilterSet(WagtailFilterSet):
    received_at = ClampedDateRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    version = django_filters.NumberFilter(label=_("Consent version"), min_value=0)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=lambda: settings.LANGUAGES)
    method = django_filters.ChoiceFilter(label=_("How it was made"), choices=ConsentMethod.choices)
    choice = django_filters.ChoiceFilter(
        label=_("Choice"), choices=choice_options, method="filter_choice"
    )

    class Meta:
        model = ConsentRecord
        fields = []

    def filter_choice(self, queryset, name, value):
        slug, _, allowed = value.rpartition(":")
        return queryset.alias(**choice_values([slug])).filter(choice_0=allowed == ALLOWED)


class PeriodFilterSet(WagtailFilterSet):
    period = ClampedDateRangeFilter(label=_("Period"), widget=DateRangePickerWidget, method="keep")

    class Meta:
        model = ConsentRecord
        fields = []

    def keep(self, queryset, name, value):
        return queryset  # The statistics read the period themselves, snapped to weeks.
