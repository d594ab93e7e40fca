"""A plan: what an import would create, change and delete, shown as a preview, then applied.

The planner (`importer.py`) computes it without writing; `Plan.apply` writes it and
nothing else, so that what was previewed is what gets written.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ...models import Cookie, CookieCategory, CookieProvider
from .errors import TransferError
from .export import category_entry, cookie_entry, provider_entry

CREATE, UPDATE, PUBLISH, UNCHANGED, DELETE = "create", "update", "publish", "unchanged", "delete"
# A draft the file confirms, for a user who may not publish it: nothing to write.
LEFT_DRAFT = "left_draft"
MODELS = (CookieCategory, CookieProvider, Cookie)
# Each entry as its file writes it: changes are shown, field by field, in the file's terms.
AS_IN_FILE = {Cookie: cookie_entry, CookieCategory: category_entry, CookieProvider: provider_entry}


def as_in_file(obj):
    return AS_IN_FILE[type(obj)](obj)


@dataclass
class Change:
    """One entry's fate. `fields` lists (key, before, after) of what the file changes.

    A `draft` change is saved as a draft, for someone who may publish to review.
    """

    action: str
    obj: object
    where: str
    fields: list = field(default_factory=list)
    draft: bool = False

    @property
    def model(self):
        return type(self.obj)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


COUNTED_AS = {CREATE: "created", UPDATE: "updated", PUBLISH: "updated"}
COUNTED_AS |= {UNCHANGED: "unchanged", LEFT_DRAFT: "unchanged", DELETE: "deleted"}
# What a change writes: the others leave the register as it is.
WRITES = {CREATE, UPDATE, PUBLISH, DELETE}


@dataclass
class Plan:
    locale: object
    # The models whose changes are drafts: those the user may not publish.
    drafts: frozenset = frozenset()
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    # Translations of deleted cookies, left in other locales.
    orphans: int = 0

    def counts(self):
        counts = {model: Counts() for model in MODELS}
        for change in self.changes:
            count = counts[change.model]
            name = COUNTED_AS[change.action]
            setattr(count, name, getattr(count, name) + 1)
        return counts

    def visible_changes(self):
        return [change for change in self.changes if change.action != UNCHANGED]

    def writes(self):
        return any(change.action in WRITES for change in self.changes)

    def drafts_saved(self):
        return sum(change.draft and change.action in WRITES for change in self.changes)

    def fingerprint(self):
        """A digest of everything the plan would do: equal digests, equal imports."""
        summary = [
            [c.action, c.model._meta.label, c.obj.pk, c.where, c.fields, c.draft]
            for c in self.changes
        ]
        data = json.dumps([self.locale.pk, summary, self.errors], default=str, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()

    def raise_errors(self):
        if self.errors:
            raise TransferError(*self.errors)

    def apply(self, user=None):
        """Writes the plan: each change a revision by `user`, logged as theirs, and published
        unless it is a draft, as the admin's "Save draft" and "Publish" do.

        Call inside the transaction that computed the plan.
        """
        self.raise_errors()
        for change in self.changes:
            obj = change.obj
            if change.action == DELETE:
                log(instance=obj, action="wagtail.delete", user=user)
                obj.delete()
            elif change.action in WRITES:
                if change.draft and change.action == CREATE:
                    obj.live = False
                if change.draft and obj.live:
                    # The row keeps the published values; the draft is the revision only.
                    take_related_keys(obj)
                else:
                    # Django takes the keys of related entries the plan created before this one.
                    obj.save()
                if change.action == CREATE:
                    log(instance=obj, action="wagtail.create", user=user)
                revision = obj.save_revision(user=user, log_action=change.action == UPDATE)
                if not change.draft:
                    revision.publish(user=user)


def take_related_keys(obj):
    """Sets the keys of the related entries the plan created before `obj`, which is not saved
    (saving would take them), so that its revision points to them."""
    for model_field in obj._meta.concrete_fields:
        related = model_field.many_to_one and model_field.get_cached_value(obj, default=None)
        if related:
            setattr(obj, model_field.attname, related.pk)


def summary(plan):
    """One line a model: what the plan does, for the command's output."""
    lines = []
    for model, count in plan.counts().items():
        if model is not Cookie and not any(vars(count).values()):
            continue
        lines.append(
            _(
                "%(entries)s: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(deleted)d deleted."
            )
            % {"entries": str(model._meta.verbose_name_plural).capitalize(), **vars(count)}
        )
    return lines
