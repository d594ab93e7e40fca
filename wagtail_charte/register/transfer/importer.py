"""Import: a `Document` planned against one locale's register, then applied all-or-nothing.

Planning reads and never writes: it is the preview, and the import applies the same plan in
the same transaction. The models' `full_clean` decides what is valid, so the rules live in
one place.
"""

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from .errors import TransferError
from .planner import Planner


class PlanChanged(Exception):
    """The register changed between the preview and the confirmation; `plan` is the new one."""

    def __init__(self, plan):
        super().__init__()
        self.plan = plan


def check_locale(document, locale, allow_mismatch=False):
    """A file exported from one locale is not imported into another unless asked for."""
    if document.locale and document.locale != locale.language_code and not allow_mismatch:
        raise TransferError(
            _(
                "This file comes from the “%(file)s” register, not “%(target)s”: importing it "
                "would write one language over another. Import it into “%(file)s”, or allow "
                "another locale if the file really is in %(language)s."
            )
            % {
                "file": document.locale,
                "target": locale.language_code,
                "language": locale.get_display_name(),
            }
        )


def plan_import(
    document, locale, delete_missing=False, allow_locale_mismatch=False, drafts=frozenset()
):
    """What importing `document` into `locale` would do; writes nothing.

    Changes to the models in `drafts` are saved as drafts rather than published.
    """
    check_locale(document, locale, allow_locale_mismatch)
    return Planner(locale, drafts).run(document, delete_missing=delete_missing)


def import_register(document, locale, user=None, fingerprint=None, check=None, **options):
    """Plans and applies `document` in one transaction, as `user`; returns the applied `Plan`.

    With `fingerprint` (a previewed plan's), raises `PlanChanged` and writes nothing if the
    plan is no longer the one previewed. `check(plan)` may return more errors, such as
    missing permissions.
    """
    try:
        with transaction.atomic():
            plan = plan_import(document, locale, **options)
            if fingerprint is not None and plan.fingerprint() != fingerprint:
                raise PlanChanged(plan)
            plan.errors.extend(check(plan) if check else [])
            plan.apply(user)
    except DatabaseError as error:
        # Such as an entry saved by someone else meanwhile: the transaction is rolled back.
        raise TransferError(
            _("The database refused a change (%(reason)s), so nothing was imported.")
            % {"reason": error}
        ) from error
    return plan
