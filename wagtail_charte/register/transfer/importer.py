"""Import: a `Document` applied to one locale's register, all-or-nothing.

The first bad entry raises `TransferError`, so the caller's transaction leaves the register as
it was. The models' `full_clean` decides what is valid, so the rules live in one place.
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from ...models import Cookie, CookieCategory, CookieProvider
from ..lifetime import parse_lifetime
from .errors import TransferError, located

# Model fields as the file names them, for error messages.
COLUMN_OF = {
    Cookie: {"lifetime_value": "lifetime", "lifetime_unit": "lifetime"},
    CookieCategory: {"sort_order": "order"},
    CookieProvider: {},
}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


class Importer:
    """Applies a `Document` to one locale's register; call inside `transaction.atomic`.

    In another locale, entries are translations: what is not wording (synced fields) comes
    from the default-locale source, so the file must agree with it; only wording is taken.
    """

    def __init__(self, locale):
        self.locale = locale
        self.default_locale = Locale.get_default()
        self.is_source_locale = locale.pk == self.default_locale.pk
        self.counts = {model: Counts() for model in (CookieCategory, CookieProvider, Cookie)}
        self.providers = {}
        self.orphans = 0

    @property
    def language(self):
        return self.locale.get_display_name()

    def run(self, document, delete_missing=False):
        self.check_unique(document.categories, ("slug",))
        self.check_unique(document.providers, ("name",))
        self.check_unique(document.cookies, ("provider", "name"))
        for entry in document.categories:
            self.import_category(entry)
        for entry in document.providers:
            self.import_provider(entry)
        kept = {self.import_cookie(entry).pk for entry in document.cookies}
        if delete_missing:
            self.delete_missing(kept)

    def check_unique(self, entries, key):
        """Two entries for one identity would make the outcome depend on their order."""
        seen = {}
        for entry in entries:
            identity = tuple(entry.values[name] for name in key)
            if identity in seen:
                raise TransferError(
                    located(
                        entry.where,
                        key[-1],
                        _("duplicate of an earlier entry (%(where)s).") % {"where": seen[identity]},
                    )
                )
            seen[identity] = entry.where

    def import_category(self, entry):
        values = dict(entry.values)
        values["sort_order"] = values.pop("order")
        slug = values["slug"]
        category = CookieCategory.objects.filter(locale=self.locale, slug=slug).first()
        if category is None:
            category = self.new_entry(CookieCategory, entry, "slug", slug=slug)
        self.apply(entry, category, values)

    def import_provider(self, entry):
        name = entry.values["name"]
        provider = self.existing_provider(entry, name, "name")
        if provider is None:
            provider = self.new_provider(entry, name, "name")
        self.providers[name] = self.apply(entry, provider, entry.values)

    def existing_provider(self, entry, name, column):
        found = list(CookieProvider.objects.filter(locale=self.locale, name=name)[:2])
        if len(found) > 1:
            raise TransferError(
                located(
                    entry.where,
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
                located(
                    entry.where,
                    column,
                    _(
                        "no provider named “%(name)s” in %(language)s: translate the "
                        "provider in the admin first."
                    )
                    % {"name": name, "language": self.language},
                )
            )
        return CookieProvider(locale=self.locale)

    def import_cookie(self, entry):
        fields = self.cookie_fields(entry)
        provider, name = fields["provider"], fields["name"]
        cookie = Cookie.objects.filter(locale=self.locale, provider=provider, name=name).first()
        if cookie is None:
            source_lookup = {"provider__translation_key": provider.translation_key, "name": name}
            cookie = self.new_entry(Cookie, entry, "name", **source_lookup)
        return self.apply(entry, cookie, fields)

    def cookie_fields(self, entry):
        """The model fields of a cookie entry, with its category and provider looked up."""
        values = entry.values
        category = self.category_for_cookie(entry, values["category"])
        provider = self.provider_for_cookie(entry, values["provider"])
        lifetime_value, lifetime_unit = self.lifetime(entry, values["lifetime"])
        return {
            "category": category,
            "provider": provider,
            "service": values["service"],
            "name": values["name"],
            "purpose": values["purpose"],
            "party": values["party"],
            "lifetime_value": lifetime_value,
            "lifetime_unit": lifetime_unit,
        }

    def category_for_cookie(self, entry, slug):
        category = CookieCategory.objects.filter(locale=self.locale, slug=slug).first()
        if category is None:
            raise TransferError(
                located(
                    entry.where,
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
                self.apply(entry, provider, {"name": name}, column_of={"name": "provider"})
            self.providers[name] = provider
        return self.providers[name]

    def lifetime(self, entry, text):
        try:
            return parse_lifetime(text)
        except ValueError:
            raise TransferError(
                located(
                    entry.where,
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
            raise TransferError(
                located(entry.where, column, self.no_source_message(entry.values[column]))
            )
        return model(locale=self.locale, translation_key=source.translation_key)

    def no_source_message(self, name):
        return _(
            "“%(name)s” does not exist in %(default)s; entries are created there, then translated."
        ) % {"name": name, "default": self.default_locale.get_display_name()}

    def apply(self, entry, obj, values, column_of=None):
        """Validates and saves `obj` with `values`; publishes it only if something changed."""
        model = type(obj)
        column_of = {**COLUMN_OF[model], **(column_of or {})}
        attnames = [model._meta.get_field(name).attname for name in values]
        before = [getattr(obj, name) for name in attnames] if obj.pk else None
        for name, value in values.items():
            setattr(obj, name, value)
        self.validate(entry, obj, column_of)
        self.check_synced(entry, obj, column_of)
        if before == [getattr(obj, name) for name in attnames] and obj.live:
            self.counts[model].unchanged += 1
        else:
            self.publish(obj, entry.where)
        return obj

    def validate(self, entry, obj, column_of):
        """The first error of `full_clean`, reported against the file's field."""
        try:
            obj.full_clean()
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            column = "" if name == NON_FIELD_ERRORS else column_of.get(name, name)
            raise TransferError(located(entry.where, column, " ".join(messages))) from None

    def check_synced(self, entry, obj, column_of):
        """On a translation, a synced value that differs from the source is an error.

        Saving would silently put the source's value back; the author should learn that
        this change belongs on the source.
        """
        source = obj.get_sync_source()
        if source is None:
            return
        expected = type(obj)(locale=self.locale)
        expected.copy_synced_fields(source)
        for name in obj.synced_fields:
            attname = obj._meta.get_field(name).attname
            if getattr(obj, attname) != getattr(expected, attname):
                raise TransferError(
                    located(
                        entry.where,
                        column_of.get(name, name),
                        _(
                            "differs from the %(language)s version, where this field is "
                            "edited. Change it there, or write the same value here."
                        )
                        % {"language": source.locale.get_display_name()},
                    )
                )

    def publish(self, obj, where):
        self.check_unlocked(obj, where)
        counts = self.counts[type(obj)]
        if obj.pk:
            counts.updated += 1
        else:
            counts.created += 1
        obj.save()
        obj.save_revision().publish()

    def check_unlocked(self, obj, where):
        """An editor's lock means "do not change this under my feet": the import stops."""
        if obj.pk and obj.locked:
            raise TransferError(
                located(
                    where,
                    "",
                    _("“%(entry)s” is locked in the admin; unlock it, or leave it unchanged.")
                    % {"entry": obj},
                )
            )

    def delete_missing(self, kept):
        """Deletes this locale's cookies that the file does not list."""
        for cookie in Cookie.objects.filter(locale=self.locale).exclude(pk__in=kept):
            self.check_unlocked(cookie, "--delete-missing")
            log(instance=cookie, action="wagtail.delete")
            cookie.delete()
            self.counts[Cookie].deleted += 1
            # Their translations stay (this import is about one locale) but now lead themselves.
            self.orphans += Cookie.objects.filter(translation_key=cookie.translation_key).count()


def import_register(document, locale, delete_missing=False):
    """Applies `document` to `locale` all-or-nothing; returns the finished `Importer`."""
    importer = Importer(locale)
    with transaction.atomic():
        importer.run(document, delete_missing=delete_missing)
    return importer
