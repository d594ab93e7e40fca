"""The planner: a `Document` against one locale's register, read and checked, never written."""

from django.utils.translation import gettext as _
from wagtail.models import Locale

from ...models import Cookie, CookieCategory, CookieProvider
from ...models.lifetime import parse_lifetime
from .errors import MAX_ERRORS, TransferError, located
from .plan import (
    CREATE,
    DELETE,
    LEFT_DRAFT,
    PUBLISH,
    UNCHANGED,
    UPDATE,
    Change,
    Plan,
    as_in_file,
)
from .validation import check_synced, check_unlocked, locked_message, validate

# Model fields as the file names them, for error messages.
COLUMN_OF = {
    Cookie: {"lifetime_value": "lifetime", "lifetime_unit": "lifetime"},
    CookieCategory: {"sort_order": "order"},
    CookieProvider: {},
}


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
        # Entries this plan leaves as drafts, by id(): new entries have no key yet.
        self.drafted = set()
        self.default_locale = Locale.get_default()
        self.is_source_locale = locale.pk == self.default_locale.pk
        self.plan = Plan(locale, drafts)
        # Entries as the plan leaves them, by the file's identity for them.
        self.categories = {}
        self.providers = {}
        self.kept = set()

    @property
    def language(self):
        return self.locale.get_display_name()

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
            raise TransferError(
                entry.locate(
                    column,
                    _("several providers are named “%(name)s”: rename one in the admin first.")
                    % {"name": name},
                )
            )
        return found[0] if found else None

    def new_provider(self, entry, name, column):
        if not self.is_source_locale:
            # A provider's name is wording: nothing links a new name to a source provider.
            raise TransferError(
                entry.locate(
                    column,
                    _(
                        "no provider named “%(name)s” in %(language)s: translate the "
                        "provider in the admin first."
                    )
                    % {"name": name, "language": self.language},
                )
            )
        return CookieProvider(locale=self.locale)

    def plan_cookie(self, entry):
        fields = self.cookie_fields(entry)
        provider, name = fields["provider"], fields["name"]
        waits = {id(provider), id(fields["category"])} & self.drafted
        draft = Cookie in self.plan.drafts or bool(waits)
        cookie = None
        if provider.pk is not None:
            cookie = Cookie.objects.filter(locale=self.locale, provider=provider, name=name).first()
        if cookie is None:
            source_lookup = {"provider__translation_key": provider.translation_key, "name": name}
            cookie = self.new_entry(Cookie, entry, "name", **source_lookup)
        self.kept.add(self.plan_entry(entry, cookie, fields, draft=draft).pk)

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
        lifetime_value, lifetime_unit = found["lifetime"]
        return {
            "category": found["category"],
            "provider": found["provider"],
            "service": values["service"],
            "name": values["name"],
            "purpose": values["purpose"],
            "party": values["party"],
            "lifetime_value": lifetime_value,
            "lifetime_unit": lifetime_unit,
        }

    def category_for_cookie(self, entry, slug):
        category = self.categories.get(slug)
        if category is None:
            category = CookieCategory.objects.filter(locale=self.locale, slug=slug).first()
        if category is None:
            raise TransferError(
                entry.locate(
                    "category",
                    _("no category with the slug “%(slug)s” in %(language)s.")
                    % {"slug": slug, "language": self.language},
                )
            )
        return category

    def provider_for_cookie(self, entry, name):
        """The provider of this locale with that name, created in the default locale."""
        if name not in self.providers:
            provider = self.existing_provider(entry, name, "provider")
            if provider is None:
                provider = self.new_provider(entry, name, "provider")
                self.plan_entry(entry, provider, {"name": name}, column_of={"name": "provider"})
            self.providers[name] = provider
        return self.providers[name]

    def lifetime(self, entry, text):
        try:
            return parse_lifetime(text)
        except ValueError:
            raise TransferError(
                entry.locate(
                    "lifetime",
                    _(
                        "cannot read “%(value)s”: write “session”, or a number and a unit "
                        "(hours, days, months or years), e.g. “13 months”."
                    )
                    % {"value": text},
                )
            ) from None

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

    def plan_entry(self, entry, obj, values, column_of=None, draft=None):
        """Sets `values` on `obj` (in memory), checks it and adds what it needs to the plan.

        Returns the entry as planned: for a draft, the latest draft, which the file is
        compared with so that importing a file twice saves one draft.
        """
        model = type(obj)
        draft = model in self.plan.drafts if draft is None else draft
        if draft and obj.pk:
            obj = obj.get_latest_revision_as_object()
        column_of = {**COLUMN_OF[model], **(column_of or {})}
        attnames = [model._meta.get_field(name).attname for name in values]
        before = [getattr(obj, name) for name in attnames] if obj.pk else None
        shown_before = as_in_file(obj) if obj.pk else {}
        for name, value in values.items():
            setattr(obj, name, value)
        validate(entry, obj, values, column_of)
        check_synced(entry, obj, column_of)
        shown_after = as_in_file(obj)
        fields = [
            (key, shown_before.get(key, ""), shown_after[key])
            for key in shown_after
            if shown_before.get(key, "") != shown_after[key]
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
            check_unlocked(obj, entry.locate("", locked_message(obj)))
        if draft and action != UNCHANGED:
            self.drafted.add(id(obj))
        self.plan.changes.append(Change(action, obj, entry.where, fields, draft=draft))
        return obj

    def plan_deletions(self):
        """Deletes this locale's cookies that the file does not list."""
        missing = Cookie.objects.filter(locale=self.locale).exclude(pk__in=self.kept)
        for cookie in missing.select_related("provider").order_by("name", "pk"):
            where = _("Not in the file")
            check_unlocked(
                cookie,
                located(
                    where,
                    "",
                    _("“%(entry)s” is locked in the admin: unlock it, or keep it in the file.")
                    % {"entry": cookie},
                ),
            )
            self.plan.changes.append(
                Change(DELETE, cookie, where, [(k, v, "") for k, v in as_in_file(cookie).items()])
            )
            # Their translations stay (this import is about one locale) but now lead themselves.
            translations = Cookie.objects.filter(translation_key=cookie.translation_key)
            self.plan.orphans += translations.exclude(pk=cookie.pk).count()
