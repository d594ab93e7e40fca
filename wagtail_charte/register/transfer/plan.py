"""A plan: what a `Document` would create, change and delete in one locale's register.

The `Planner` reads and checks, never writes: its plan is the preview. `Plan.apply` writes
that plan and nothing else, so that what was previewed is what gets written. The models'
`full_clean` decides what is valid, so the rules live in one place.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, TranslatableMixin

from ...models import Cookie, CookieCategory, CookieProvider
from ...models.lifetime import parse_lifetime
from .errors import MAX_ERRORS, TransferError, located
from .formats import file_values

CREATE, UPDATE, PUBLISH, UNCHANGED, DELETE = "create", "update", "publish", "unchanged", "delete"
# A draft the file confirms, for a user who may not publish it: nothing to write.
LEFT_DRAFT = "left_draft"
# What a change writes: the others leave the register as it is.
WRITES = {CREATE, UPDATE, PUBLISH, DELETE}
MODELS = (CookieCategory, CookieProvider, Cookie)
# Wagtail's, which the import never sets: checking that they exist costs a query each.
REVISION_FIELDS = ("latest_revision", "live_revision")
# Model fields as the file names them, for error messages.
FILE_KEY_OF_FIELD = {
    Cookie: {"lifetime_value": "lifetime", "lifetime_unit": "lifetime"},
    CookieCategory: {"sort_order": "order"},
    CookieProvider: {},
}


@dataclass
class Change:
    """One entry's fate. `fields` lists (key, before, after) of what the file changes.

    A `draft` change is saved as a draft, for someone who may publish to review.
    """

    action: str
    obj: models.Model
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


@dataclass
class Plan:
    locale: Locale
    # The models whose changes are drafts: those the user may not publish.
    drafts: frozenset = frozenset()
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    # Translations of deleted cookies, left in other locales.
    orphans: int = 0

    def counts(self):
        counts = {model: Counts() for model in MODELS}
        for change in self.changes:
            count, name = counts[change.model], COUNTED_AS[change.action]
            setattr(count, name, getattr(count, name) + 1)
        return counts

    def visible_changes(self):
        return [change for change in self.changes if change.action != UNCHANGED]

    def writes(self):
        """How many changes the plan writes."""
        return sum(change.action in WRITES for change in self.changes)

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


class Planner:
    """Plans a `Document` against one locale's register.

    In another locale, entries are translations: what is not wording (synced fields) comes
    from the default-locale source, so the file must agree with it; only wording is taken.

    The changes to the models in `drafts` (those the user may not publish) are drafts; so
    are a cookie's whose category or provider stays a draft, so that the site never shows
    a cookie before them.
    """

    def __init__(self, locale, drafts=frozenset()):
        self.locale = locale
        self.language = locale.get_display_name()
        self.default_locale = Locale.get_default()
        self.is_source_locale = locale.pk == self.default_locale.pk
        self.plan = Plan(locale, drafts)
        # Entries this plan leaves as drafts, by id(): new entries have no key yet.
        self.drafted = set()
        # Entries as the plan leaves them, by the file's identity for them.
        self.categories = {}
        self.providers = {}
        self.kept = set()
        # The locale's cookies by (provider's key, name), read in one query when first needed.
        self.cookies = None

    def run(self, document, delete_missing=False):
        steps = [
            (document.categories, ("slug",), self.plan_category),
            (document.providers, ("name",), self.plan_provider),
            (document.cookies, ("provider", "name"), self.plan_cookie),
        ]
        for entries, key, plan_entry in steps:
            for entry in self.unique(entries, key):
                self.attempt(plan_entry, entry)
        # A refused row would count as missing: deletions are planned for a clean file only.
        if delete_missing and not self.plan.errors:
            self.attempt(self.plan_deletions)
        return self.plan

    def attempt(self, step, *args):
        if len(self.plan.errors) >= MAX_ERRORS:
            return
        try:
            step(*args)
        except TransferError as error:
            self.plan.errors.extend(error.messages)

    def unique(self, entries, key):
        """The entries, less those repeating an earlier identity (reported as errors).

        Two entries for one identity would make the outcome depend on their order.
        """
        seen = {}
        for entry in entries:
            identity = tuple(entry.values[name] for name in key)
            if identity in seen:
                message = _("duplicate of an earlier entry (%(where)s).") % {
                    "where": seen[identity]
                }
                self.plan.errors.append(entry.locate(key[-1], message))
                continue
            seen[identity] = entry.where
            yield entry

    def plan_category(self, entry):
        values = dict(entry.values)
        values["sort_order"] = values.pop("order")
        slug = values["slug"]
        category = CookieCategory.objects.filter(locale=self.locale, slug=slug).first()
        if category is None:
            category = self.new_entry(CookieCategory, entry, "slug", slug=slug)
        self.categories[slug] = self.plan_entry(entry, category, values)

    def plan_provider(self, entry):
        name = entry.values["name"]
        provider = self.existing_provider(entry, name, "name")
        if provider is None:
            provider = self.new_provider(entry, name, "name")
        self.providers[name] = self.plan_entry(entry, provider, entry.values)

    def existing_provider(self, entry, name, column):
        found = list(CookieProvider.objects.filter(locale=self.locale, name=name)[:2])
        if len(found) > 1:
            message = _("several providers are named “%(name)s”: rename one in the admin first.")
            raise TransferError(entry.locate(column, message % {"name": name}))
        return found[0] if found else None

    def new_provider(self, entry, name, column):
        if not self.is_source_locale:
            # A provider's name is wording: nothing links a new name to a source provider.
            message = _(
                "no provider named “%(name)s” in %(language)s: translate the "
                "provider in the admin first."
            ) % {"name": name, "language": self.language}
            raise TransferError(entry.locate(column, message))
        return CookieProvider(locale=self.locale)

    def plan_cookie(self, entry):
        fields = self.cookie_fields(entry)
        provider, name = fields["provider"], fields["name"]
        waits = {id(provider), id(fields["category"])} & self.drafted
        draft = Cookie in self.plan.drafts or bool(waits)
        cookie = self.existing_cookie(provider, name)
        if cookie is None:
            source_lookup = {"provider__translation_key": provider.translation_key, "name": name}
            cookie = self.new_entry(Cookie, entry, "name", **source_lookup)
        self.kept.add(self.plan_entry(entry, cookie, fields, draft=draft).pk)

    def existing_cookie(self, provider, name):
        if self.cookies is None:
            # With what the preview shows of each: no query a row, nor a field.
            cookies = (
                Cookie.objects.filter(locale=self.locale)
                .order_by()
                .select_related("category", "provider")
            )
            self.cookies = {(cookie.provider_id, cookie.name): cookie for cookie in cookies}
        return self.cookies.get((provider.pk, name)) if provider.pk else None

    def cookie_fields(self, entry):
        """The model fields of a cookie entry, with its category and provider looked up."""
        values = entry.values
        found, messages = {}, []
        lookups = [
            ("category", self.category_for_cookie),
            ("provider", self.provider_for_cookie),
            ("lifetime", self.lifetime),
        ]
        for column, lookup in lookups:
            try:
                found[column] = lookup(entry, values[column])
            except TransferError as error:
                messages.extend(error.messages)
        if messages:
            raise TransferError(*messages)
        lifetime_value, lifetime_unit = found.pop("lifetime")
        wording = {key: values[key] for key in ("service", "name", "purpose", "party")}
        return {
            **found,
            **wording,
            "lifetime_value": lifetime_value,
            "lifetime_unit": lifetime_unit,
        }

    def category_for_cookie(self, entry, slug):
        if slug not in self.categories:
            # Looked up once: a table names the same few categories on every row.
            category = CookieCategory.objects.filter(locale=self.locale, slug=slug).first()
            if category is not None:
                self.categories[slug] = category
        category = self.categories.get(slug)
        if category is None:
            message = _("no category with the slug “%(slug)s” in %(language)s.")
            raise TransferError(
                entry.locate("category", message % {"slug": slug, "language": self.language})
            )
        return category

    def provider_for_cookie(self, entry, name):
        """The provider of this locale with that name, created in the default locale."""
        if name not in self.providers:
            provider = self.existing_provider(entry, name, "provider")
            if provider is None:
                provider = self.new_provider(entry, name, "provider")
                self.plan_entry(entry, provider, {"name": name}, file_keys={"name": "provider"})
            self.providers[name] = provider
        return self.providers[name]

    def lifetime(self, entry, text):
        try:
            return parse_lifetime(text)
        except ValueError:
            message = _(
                "cannot read “%(value)s”: write “session”, or a number and a unit "
                "(hours, days, months or years), e.g. “13 months”."
            )
            raise TransferError(entry.locate("lifetime", message % {"value": text})) from None

    def new_entry(self, model, entry, column, **source_lookup):
        """An unsaved entry; in another locale, the translation of its default-locale source."""
        if self.is_source_locale:
            return model(locale=self.locale)
        source = model.objects.filter(locale=self.default_locale, **source_lookup).first()
        if source is None:
            message = _(
                "“%(name)s” does not exist in %(default)s; entries are created there, then "
                "translated."
            ) % {"name": entry.values[column], "default": self.default_locale.get_display_name()}
            raise TransferError(entry.locate(column, message))
        return model(locale=self.locale, translation_key=source.translation_key)

    def plan_entry(self, entry, obj, values, file_keys=None, draft=None):
        """Sets `values` on `obj` (in memory), checks it and adds what it needs to the plan.

        Returns the entry as planned: for a draft, the latest draft, which the file is
        compared with so that importing a file twice saves one draft.
        """
        model = type(obj)
        draft = model in self.plan.drafts if draft is None else draft
        if draft and obj.pk:
            obj = obj.get_latest_revision_as_object()
        file_keys = {**FILE_KEY_OF_FIELD[model], **(file_keys or {})}
        attnames = [model._meta.get_field(name).attname for name in values]
        before = [getattr(obj, name) for name in attnames] if obj.pk else None
        shown_before = file_values(obj) if obj.pk else None
        for name, value in values.items():
            setattr(obj, name, value)
        validate(entry, obj, values, file_keys)
        check_synced(entry, obj, file_keys)
        shown_after = file_values(obj)
        if shown_before is None:
            # What a new entry leaves empty is no change.
            shown_before = {k: [] if isinstance(v, list) else "" for k, v in shown_after.items()}
        fields = [
            (key, shown_before[key], shown_after[key])
            for key in shown_after
            if shown_before[key] != shown_after[key]
        ]
        if obj.pk is None:
            action = CREATE
        elif before != [getattr(obj, name) for name in attnames]:
            action = UPDATE
        elif draft:
            action = LEFT_DRAFT if obj.has_unpublished_changes or not obj.live else UNCHANGED
        else:
            action = UNCHANGED if obj.live else PUBLISH
        if action not in (UNCHANGED, LEFT_DRAFT):
            message = _("“%(entry)s” is locked in the admin; unlock it, or leave it unchanged.")
            check_unlocked(obj, entry.locate("", message % {"entry": obj}))
        if draft and action != UNCHANGED:
            self.drafted.add(id(obj))
        self.plan.changes.append(Change(action, obj, entry.where, fields, draft=draft))
        return obj

    def plan_deletions(self):
        """Deletes this locale's cookies that the file does not list."""
        missing = Cookie.objects.filter(locale=self.locale).exclude(pk__in=self.kept)
        where = _("Not in the file")
        for cookie in missing.select_related("category", "provider").order_by("name", "pk"):
            message = _("“%(entry)s” is locked in the admin: unlock it, or keep it in the file.")
            check_unlocked(cookie, located(where, "", message % {"entry": cookie}))
            fields = [(key, value, "") for key, value in file_values(cookie).items()]
            self.plan.changes.append(Change(DELETE, cookie, where, fields))
            # Their translations stay (this import is about one locale) but now lead themselves.
            translations = Cookie.objects.filter(translation_key=cookie.translation_key)
            self.plan.orphans += translations.exclude(pk=cookie.pk).count()


def validate(entry, obj, values, file_keys):
    """The errors of `full_clean`, reported against the file's fields.

    A related entry the plan creates has no key yet: its own checks stand for it.
    """
    unsaved = [
        name for name, value in values.items() if isinstance(value, models.Model) and not value.pk
    ]
    try:
        obj.full_clean(exclude=[*unsaved, *REVISION_FIELDS])
    except ValidationError as error:
        raise TransferError(
            *(
                entry.locate(
                    "" if name == NON_FIELD_ERRORS else file_keys.get(name, name),
                    " ".join(messages),
                )
                for name, messages in error.message_dict.items()
            )
        ) from None


def check_synced(entry, obj, file_keys):
    """On a translation, a synced value that differs from the source is an error.

    Saving would silently put the source's value back; the author should learn that
    this change belongs on the source. Related entries compare by translation key.
    """
    source = obj.get_sync_source()
    if source is None:
        return
    for name in obj.synced_fields:
        mine, theirs = getattr(obj, name), getattr(source, name)
        if isinstance(theirs, TranslatableMixin):
            mine, theirs = mine.translation_key, theirs.translation_key
        if mine != theirs:
            message = _(
                "differs from the %(language)s version, where this field is "
                "edited. Change it there, or write the same value here."
            ) % {"language": source.locale.get_display_name()}
            raise TransferError(entry.locate(file_keys.get(name, name), message))


def check_unlocked(obj, message):
    """An editor's lock means "do not change this under my feet": the import stops."""
    if obj.pk and obj.locked:
        raise TransferError(message)
