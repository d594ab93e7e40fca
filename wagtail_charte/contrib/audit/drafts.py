"""A register entry drafted from an undeclared finding, for an editor to complete and publish."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from wagtail_charte.models import (
    ConsentBasis,
    Cookie,
    CookieCategory,
    CookieProvider,
    Party,
)
from wagtail_charte.models.lifetime import lifetime_from_seconds

from .models import Tracker


class CannotDraft(Exception):
    """The finding cannot become a register entry; the message says why."""


def default_category(locale):
    """The first category that needs consent: an unknown cookie is held to the strictest basis
    until an editor says otherwise."""
    categories = CookieCategory.objects.filter(locale=locale).order_by("-live", "sort_order", "pk")
    return categories.filter(basis=ConsentBasis.CONSENT).first() or categories.first()


def default_provider(locale, party):
    """The provider of most cookies of that party, else the first by name."""
    providers = CookieProvider.objects.filter(locale=locale)
    usual = providers.filter(cookies__party=party).annotate(count=Count("cookies"))
    return usual.order_by("-count", "name").first() or providers.order_by("name").first()


@transaction.atomic
def draft_from_finding(finding, user):
    """(the draft Cookie, True), or (the entry of that name already in the register, False).

    The draft is in the default locale, with the name, party and lifetime observed.
    """
    locale = Locale.get_default()
    existing = Cookie.objects.filter(locale=locale, name=finding.name).first()
    if existing is not None:
        return existing, False
    try:
        Cookie._meta.get_field("name").run_validators(finding.name)
    except ValidationError as error:
        raise CannotDraft(
            _("“%(name)s” cannot be a name in the register: %(reason)s")
            % {"name": finding.name, "reason": " ".join(error.messages)}
        ) from error
    party = finding.party or Party.FIRST
    category, provider = default_category(locale), default_provider(locale, party)
    if category is None or provider is None:
        raise CannotDraft(_("Add a category and a provider to the register first."))
    lifetime = finding.lifetime_seconds if finding.tracker == Tracker.COOKIE else None
    value, unit = lifetime_from_seconds(lifetime)
    cookie = Cookie(
        locale=locale,
        name=finding.name,
        provider=provider,
        category=category,
        party=party,
        lifetime_value=value,
        lifetime_unit=unit,
        live=False,
    )
    cookie.save()
    # The purpose is left for the editor: the edit form asks for it before publishing.
    revision = cookie.save_revision(user=user, clean=False)
    log(cookie, "wagtail.create", user=user, revision=revision, content_changed=True)
    finding.cookie = cookie
    finding.save(update_fields=["cookie"])
    return cookie, True
