"""CNIL's conditions for audience measurement exempt from consent, checked when saving.

The banner runs an exempt category before any choice, so the register must not give that
basis to cookies CNIL would not exempt (deliberation 2020-091, art. 5, and its guidance on
audience measurement): third-party ones, and ones lasting over 13 months.
"""

from django.utils.translation import gettext as _

from .kinds import ConsentBasis, Party
from .lifetime import LifetimeUnit, format_lifetime

# 13 months in each unit, a month being 395 / 13 days as in the banner's longest lifetime.
LONGEST = {
    LifetimeUnit.HOURS: 395 * 24,
    LifetimeUnit.DAYS: 395,
    LifetimeUnit.MONTHS: 13,
    LifetimeUnit.YEARS: 1,
}


def conditions():
    return _(
        "CNIL exempts audience measurement from consent only when its cookies serve that "
        "purpose alone, are first-party, give no identifier shared with other sites, last at "
        "most 13 months without being extended on later visits, and its data are kept at most "
        "25 months. Otherwise, choose “Subject to consent”."
    )


def problem(cookie):
    """(field, reason) when `cookie` cannot be exempt audience measurement, else None."""
    if cookie.party == Party.THIRD:
        return "party", _("“%(cookie)s” is a third-party cookie.") % {"cookie": cookie.name}
    longest = LONGEST.get(cookie.lifetime_unit)
    if longest is not None and (cookie.lifetime_value or 0) > longest:
        lifetime = format_lifetime(cookie.lifetime_value, cookie.lifetime_unit)
        return "lifetime_value", _("“%(cookie)s” lasts %(lifetime)s, over 13 months.") % {
            "cookie": cookie.name,
            "lifetime": lifetime,
        }
    return None


def cookie_errors(cookie, category):
    """{field: message} for `cookie` in `category`; empty unless the category is exempt."""
    found = problem(cookie) if category.basis == ConsentBasis.EXEMPT else None
    return {found[0]: f"{found[1]} {conditions()}"} if found else {}


def category_errors(category, cookies):
    """{"basis": message} when `category` is exempt and holds a cookie CNIL would not exempt."""
    found = [problem(cookie) for cookie in cookies] if category.basis == ConsentBasis.EXEMPT else []
    reasons = [reason for _field, reason in filter(None, found)]
    return {"basis": " ".join([*reasons, conditions()])} if reasons else {}
