"""The import service: `RegisterImport`, one file's entries into one locale's register.

The admin's view and the `charte_import` command both go through it: `preview()` plans
without writing, `apply()` plans again and writes that plan, all or nothing.
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ... import conf
from ...permissions import register_policies
from .errors import TransferError
from .formats import read_document
from .plan import CREATE, DELETE, LEFT_DRAFT, MODELS, PUBLISH, UPDATE, Planner
from .preview import Preview

# What the admin asks for saving a draft or publishing, asked of an import as well.
PERMISSIONS = {
    CREATE: ("add", "publish"),
    UPDATE: ("change", "publish"),
    PUBLISH: ("change", "publish"),
    DELETE: ("delete",),
}
DRAFT_PERMISSIONS = {CREATE: ("add",), UPDATE: ("change",), LEFT_DRAFT: ()}
logger = logging.getLogger(__name__)
PERMISSION_LABELS = {
    "add": gettext_lazy("create"),
    "change": gettext_lazy("change"),
    "publish": gettext_lazy("publish"),
    "delete": gettext_lazy("delete"),
}


class PlanChanged(Exception):
    """The register changed between the preview and the confirmation."""

    def __init__(self, preview):
        super().__init__()
        self.preview = preview


@dataclass
class ImportOptions:
    # Delete the locale's cookies that the file does not list.
    delete_missing: bool = False
    # Import a file exported from another locale's register.
    allow_locale_mismatch: bool = False


class RegisterImport:
    """Importing a `Document` into `locale`'s register as `user`.

    Without a user (the command), every change is published and no permission is asked;
    with one, changes to what they may not publish are saved as drafts, and what they may
    not do at all is an error.
    """

    def __init__(self, document, locale, user=None, options=None):
        self.document = document
        self.locale = locale
        self.user = user
        self.options = options or ImportOptions()

    @classmethod
    def from_file(
        cls, data, filename, locale, user=None, options=None, format=None, max_entries=None
    ):
        """The import of a file's bytes, in `format` or the one its name or content says;
        a file of more than `max_entries` entries is refused."""
        return cls(read_document(data, filename, format, max_entries), locale, user, options)

    def plan(self):
        """What the import would do, errors included; writes nothing."""
        with import_transaction():
            return self.plan_in_transaction()

    def plan_in_transaction(self):
        self.check_locale()
        drafts = frozenset(model for model in MODELS if not self.may(model, "publish"))
        plan = Planner(self.locale, drafts).run(
            self.document, delete_missing=self.options.delete_missing
        )
        plan.errors.extend(self.permission_errors(plan))
        return plan

    def preview(self):
        return Preview(self.plan())

    def apply(self, fingerprint=None):
        """Plans and writes in one transaction; returns the applied `Plan`.

        With `fingerprint` (a previewed plan's), raises `PlanChanged` and writes nothing if
        the plan is no longer the one previewed.
        """
        with import_transaction():
            plan = self.plan_in_transaction()
            if fingerprint is not None and plan.fingerprint() != fingerprint:
                raise PlanChanged(Preview(plan))
            plan.apply(self.user)
        return plan

    def check_locale(self):
        """A file exported from one locale is not imported into another unless asked for."""
        code, target = self.document.locale, self.locale.language_code
        if code and code != target and not self.options.allow_locale_mismatch:
            raise TransferError(
                _(
                    "This file comes from the “%(file)s” register, not “%(target)s”: importing "
                    "it would write one language over another. Import it into “%(file)s”, or "
                    "allow another locale if the file really is in %(language)s."
                )
                % {"file": code, "target": target, "language": self.locale.get_display_name()}
            )

    def may(self, model, action):
        return self.user is None or register_policies[model].user_has_permission(self.user, action)

    def permission_errors(self, plan):
        """What the plan would do that the user may not do in the admin."""
        needed = {
            (change.model, action)
            for change in plan.visible_changes()
            for action in (DRAFT_PERMISSIONS if change.draft else PERMISSIONS)[change.action]
        }
        return [
            _("You may not %(action)s %(entries)s, and this import would.")
            % {"action": PERMISSION_LABELS[action], "entries": model._meta.verbose_name_plural}
            for model, action in sorted(needed, key=lambda n: (n[0]._meta.model_name, n[1]))
            if not self.may(model, action)
        ]


@contextmanager
def import_transaction():
    """A transaction whose every statement PostgreSQL cancels after `IMPORT_STATEMENT_TIMEOUT`
    seconds, and whose database errors are sentences for an editor (and the server's log)."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                milliseconds = round(conf.get("IMPORT_STATEMENT_TIMEOUT") * 1000)
                with connection.cursor() as cursor:
                    # set_config(…, true) is SET LOCAL: the transaction's end restores it.
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)", [str(milliseconds)]
                    )
            yield
    except IntegrityError as error:
        # Such as an entry saved by someone else meanwhile: the transaction is rolled back.
        logger.warning("Import refused by the database: %s", error)
        raise TransferError(
            _(
                "Someone changed the register while the file was being imported, so nothing "
                "was imported. Import the file again."
            )
        ) from error
    except DatabaseError as error:
        # A statement timeout, a locked database, a lost connection.
        logger.warning("Import stopped by the database: %s", error)
        raise TransferError(
            _(
                "The database was busy or too slow to answer, so nothing was imported. Try "
                "again in a moment."
            )
        ) from error
