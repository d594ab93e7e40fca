"""A cookie's lifetime: a number and a unit, or the browser session."""

import re
from math import ceil

from django.db import models
from django.utils.translation import ngettext, pgettext, pgettext_lazy


class LifetimeUnit(models.TextChoices):
    SESSION = "session", pgettext_lazy("cookie lifetime", "Session")
    HOURS = "hours", pgettext_lazy("cookie lifetime unit", "Hours")
    DAYS = "days", pgettext_lazy("cookie lifetime unit", "Days")
    MONTHS = "months", pgettext_lazy("cookie lifetime unit", "Months")
    YEARS = "years", pgettext_lazy("cookie lifetime unit", "Years")


def format_lifetime(value: int | None, unit: str) -> str:
    """The lifetime as visitors read it, with the plural of the active language."""
    if unit == LifetimeUnit.SESSION:
        return pgettext("cookie lifetime", "Session")
    if unit == LifetimeUnit.HOURS:
        text = ngettext("%(count)s hour", "%(count)s hours", value)
    elif unit == LifetimeUnit.DAYS:
        text = ngettext("%(count)s day", "%(count)s days", value)
    elif unit == LifetimeUnit.MONTHS:
        text = ngettext("%(count)s month", "%(count)s months", value)
    else:
        text = ngettext("%(count)s year", "%(count)s years", value)
    return text % {"count": value}


def serialize_lifetime(value: int | None, unit: str) -> str:
    """The language-neutral form used in CSV and JSON files: `session`, `1 day`, `13 months`."""
    if unit == LifetimeUnit.SESSION:
        return unit
    return f"{value} {unit.removesuffix('s') if value == 1 else unit}"


_SERIALIZED = re.compile(r"^\s*(\d{1,5})\s*([a-z]+?)s?\s*$")


def parse_lifetime(text: str) -> tuple[int | None, str]:
    """Reads `serialize_lifetime`'s output (singular units too); raises ValueError otherwise."""
    if text.strip().lower() == LifetimeUnit.SESSION:
        return None, LifetimeUnit.SESSION
    match = _SERIALIZED.match(text.lower())
    unit = f"{match[2]}s" if match else ""
    if not match or unit not in LifetimeUnit.values or int(match[1]) < 1:
        raise ValueError(text)
    return int(match[1]), unit


HOUR = 3600
DAY = 24 * HOUR
# The shortest and the longest reading of one unit, in seconds. A month is 28 to 31 days; a
# year 360 to 366, so that Django's 52-week CSRF cookie reads as a year. A declared lifetime
# is held to its longest reading; an observed one reads in the largest unit that fits.
UNIT_SECONDS = {
    LifetimeUnit.YEARS: (360 * DAY, 366 * DAY),
    LifetimeUnit.MONTHS: (28 * DAY, 31 * DAY),
    # A little under a day, for a lifetime measured some time after the cookie was set.
    LifetimeUnit.DAYS: (22 * HOUR, DAY),
    LifetimeUnit.HOURS: (HOUR, HOUR),
}


def longest_seconds(value: int | None, unit: str) -> int:
    """The longest a declared lifetime can be read as; 0 for the browser session."""
    if unit == LifetimeUnit.SESSION:
        return 0
    return value * UNIT_SECONDS[unit][1]


def lifetime_from_seconds(seconds: int | None) -> tuple[int | None, str]:
    """An observed lifetime (None: the session) as the fewest whole units that cover it."""
    if seconds is None:
        return None, LifetimeUnit.SESSION
    for unit in (LifetimeUnit.YEARS, LifetimeUnit.MONTHS, LifetimeUnit.DAYS):
        shortest, longest = UNIT_SECONDS[unit]
        count = ceil(seconds / longest)
        if count and count * shortest <= seconds:
            return count, unit
    return max(1, ceil(seconds / HOUR)), LifetimeUnit.HOURS
