"""The cookie register to and from CSV and JSON files, one locale at a time.

Export writes the published register. Import is all-or-nothing: the first bad entry raises
`TransferError` and the caller's transaction leaves the register as it was. The models'
own validation (`full_clean`) decides what is valid, so the rules live in one place.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from .lifetime import parse_lifetime, serialize_lifetime
from .models import Cookie, CookieCategory, CookieProvider

COLUMNS = ("category", "provider", "service", "name", "purpose", "party", "lifetime")
CATEGORY_KEYS = ("slug", "name", "description", "basis", "order")
PROVIDER_KEYS = ("name", "privacy_policy_url")
# A register of thousands of cookies fits in well under this; more is a mistake or an attack.
MAX_IMPORT_BYTES = 5 * 1024 * 1024

# Model fields as the file names them, for error messages.
COLUMN_OF = {
    Cookie: {"lifetime_value": "lifetime", "lifetime_unit": "lifetime"},
    CookieCategory: {"sort_order": "order"},
    CookieProvider: {},
}


class TransferError(Exception):
    """A file or entry that cannot be imported; the message says where and why."""


def _located(where, column, message):
    if column:
        return _("%(where)s, field “%(field)s”: %(message)s") % {
            "where": where,
            "field": column,
            "message": message,
        }
    return _("%(where)s: %(message)s") % {"where": where, "message": message}


def get_locale(code):
    """The Wagtail locale of that language code."""
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        codes = Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        raise TransferError(
            _("Unknown locale “%(code)s”. Available: %(codes)s.")
            % {"code": code, "codes": ", ".join(codes)}
        )
    return locale


# Export


def category_entry(category):
    return {
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "basis": category.basis,
        "order": category.sort_order,
    }


def provider_entry(provider):
    return {"name": provider.name, "privacy_policy_url": provider.privacy_policy_url}


def cookie_entry(cookie):
    return {
        "category": cookie.category.slug,
        "provider": cookie.provider.name,
        "service": cookie.service,
        "name": cookie.name,
        "purpose": cookie.purpose,
        "party": cookie.party,
        "lifetime": serialize_lifetime(cookie.lifetime_value, cookie.lifetime_unit),
    }


def published_register(locale):
    """The live entries of `locale` as plain data, in a stable order so exports can be diffed.

    The rows of live entries hold their published content (drafts live in revisions).
    Categories and providers that a live cookie points to are included even when they
    are drafts, so that the file can always be imported back.
    """
    cookies = list(
        Cookie.objects.filter(locale=locale, live=True)
        .select_related("category", "provider")
        .order_by("category__sort_order", "category__slug", "provider__name", "name", "pk")
    )
    categories = CookieCategory.objects.filter(
        Q(live=True) | Q(pk__in={c.category_id for c in cookies}), locale=locale
    ).order_by("sort_order", "slug")
    providers = CookieProvider.objects.filter(
        Q(live=True) | Q(pk__in={c.provider_id for c in cookies}), locale=locale
    ).order_by("name", "pk")
    return {
        "locale": locale.language_code,
        "categories": [category_entry(c) for c in categories],
        "providers": [provider_entry(p) for p in providers],
        "cookies": [cookie_entry(c) for c in cookies],
    }


def export_json(locale):
    return json.dumps(published_register(locale), ensure_ascii=False, indent=2) + "\n"


def export_csv(locale):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(published_register(locale)["cookies"])
    return output.getvalue()


# Reading files


@dataclass
class Entry:
    """One category, provider or cookie of a file, with where it was found."""

    where: str
    values: dict


@dataclass
class Document:
    categories: list = field(default_factory=list)
    providers: list = field(default_factory=list)
    cookies: list = field(default_factory=list)


def read_file(path):
    """The bytes of `path`, refusing what is not a readable file of a sane size."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise TransferError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
        ) from error
    if len(data) > MAX_IMPORT_BYTES:
        raise TransferError(
            _("%(path)s is larger than %(limit)d MB: split it or check that it is the right file.")
            % {"path": path, "limit": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    return data


def parse(data, filename=""):
    """A `Document` from the bytes of a CSV or JSON file (by extension, else by content)."""
    try:
        # utf-8-sig drops the byte order mark that spreadsheet software likes to add.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TransferError(
            _("Line %(line)d: the file is not valid UTF-8 text.") % {"line": line}
        ) from error
    if "\x00" in text:
        # Databases refuse NUL in text, and no register entry needs one.
        line = text[: text.index("\x00")].count("\n") + 1
        raise TransferError(_("Line %(line)d: the file contains a NUL character.") % {"line": line})
    suffix = Path(filename).suffix.lower()
    if suffix == ".json" or (suffix != ".csv" and text.lstrip()[:1] in ("{", "[")):
        return parse_json(text)
    return parse_csv(text)


def parse_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    document = Document()
    header_seen = False
    while True:
        # A quoted value may span lines: the entry starts on the line after the last one read.
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise TransferError(
                _("Line %(line)d: malformed CSV (%(reason)s).") % {"line": line, "reason": error}
            ) from error
        if not any(cell.strip() for cell in row):
            continue
        if not header_seen:
            if tuple(cell.strip() for cell in row) != COLUMNS:
                raise TransferError(
                    _("Line %(line)d: the header must be exactly “%(header)s”.")
                    % {"line": line, "header": ",".join(COLUMNS)}
                )
            header_seen = True
            continue
        if len(row) != len(COLUMNS):
            raise TransferError(
                _("Line %(line)d: expected %(expected)d fields, found %(found)d.")
                % {"line": line, "expected": len(COLUMNS), "found": len(row)}
            )
        values = {column: cell.strip() for column, cell in zip(COLUMNS, row, strict=True)}
        document.cookies.append(Entry(_("Line %(line)d") % {"line": line}, values))
    if not header_seen:
        raise TransferError(
            _("The file is empty: it needs at least the header “%(header)s”.")
            % {"header": ",".join(COLUMNS)}
        )
    return document


def parse_json(text):
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise TransferError(
            _("Line %(line)d: malformed JSON (%(reason)s).")
            % {"line": error.lineno, "reason": error.msg}
        ) from error
    except RecursionError as error:
        raise TransferError(_("Malformed JSON: nested too deeply.")) from error
    if not isinstance(data, dict) or "cookies" not in data:
        raise TransferError(
            _("The JSON file must be an object with a “cookies” list, as the export writes it.")
        )
    unknown = set(data) - {"locale", "categories", "providers", "cookies"}
    if unknown:
        raise TransferError(
            _("Unknown key in the JSON file: “%(key)s”.") % {"key": sorted(unknown)[0]}
        )
    return Document(
        categories=_json_entries(data, "categories", CATEGORY_KEYS, _("Category %(index)d")),
        providers=_json_entries(data, "providers", PROVIDER_KEYS, _("Provider %(index)d")),
        cookies=_json_entries(data, "cookies", COLUMNS, _("Cookie %(index)d")),
    )


def _unique_keys(pairs):
    # json keeps the last of two equal keys; a file saying two things is refused instead.
    data = dict(pairs)
    if len(data) != len(pairs):
        key = next(k for i, (k, _v) in enumerate(pairs) if k in dict(pairs[:i]))
        raise TransferError(_("Duplicate key in the JSON file: “%(key)s”.") % {"key": key})
    return data


def _json_entries(data, key, keys, label):
    items = data.get(key, [])
    if not isinstance(items, list):
        raise TransferError(_("“%(key)s” must be a list.") % {"key": key})
    entries = []
    for index, item in enumerate(items, start=1):
        where = label % {"index": index}
        if not isinstance(item, dict):
            raise TransferError(_located(where, "", _("expected an object.")))
        for name in keys:
            if name not in item:
                raise TransferError(_located(where, name, _("this field is missing.")))
        for name in item:
            if name not in keys:
                raise TransferError(_located(where, name, _("unknown field.")))
        values = {}
        for name in keys:
            value = item[name]
            if name == "order":
                # bool is an int in Python, but `true` is no order.
                if not isinstance(value, int) or isinstance(value, bool):
                    raise TransferError(_located(where, name, _("expected a whole number.")))
            elif not isinstance(value, str):
                raise TransferError(_located(where, name, _("expected text.")))
            else:
                value = value.strip()
            values[name] = value
        entries.append(Entry(where, values))
    return entries


# Import


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


class Importer:
    """Applies a `Document` to one locale's register; call inside `transaction.atomic`.

    In the default locale, entries are created, updated and published. In another locale,
    entries are translations: what is not wording (synced fields) comes from the
    default-locale source, so the file must agree with it, and only wording is taken.
    """

    def __init__(self, locale):
        self.locale = locale
        self.default_locale = Locale.get_default()
        self.is_source_locale = locale.pk == self.default_locale.pk
        self.counts = {model: Counts() for model in (CookieCategory, CookieProvider, Cookie)}
        self.providers = {}
        self.orphans = 0

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
                    _located(
                        entry.where,
                        key[-1],
                        _("duplicate of an earlier entry (%(where)s).") % {"where": seen[identity]},
                    )
                )
            seen[identity] = entry.where

    def import_category(self, entry):
        values = dict(entry.values)
        slug = values["slug"]
        values["sort_order"] = values.pop("order")
        category = CookieCategory.objects.filter(locale=self.locale, slug=slug).first()
        if category is None:
            source = None
            if not self.is_source_locale:
                source = CookieCategory.objects.filter(
                    locale=self.default_locale, slug=slug
                ).first()
                if source is None:
                    raise TransferError(_located(entry.where, "slug", self.no_source_message(slug)))
            category = self.new_entry(CookieCategory, source)
        self.apply(entry, category, values)

    def import_provider(self, entry):
        name = entry.values["name"]
        provider = self.existing_provider(entry, name, "name")
        if provider is None:
            provider = self.new_provider(entry, name, "name")
        self.providers[name] = self.apply(entry, provider, entry.values)

    def import_cookie(self, entry):
        values = entry.values
        category = CookieCategory.objects.filter(
            locale=self.locale, slug=values["category"]
        ).first()
        if category is None:
            raise TransferError(
                _located(
                    entry.where,
                    "category",
                    _("no category with the slug “%(slug)s” in %(language)s.")
                    % {"slug": values["category"], "language": self.language},
                )
            )
        provider = self.provider_for_cookie(entry, values["provider"])
        try:
            lifetime_value, lifetime_unit = parse_lifetime(values["lifetime"])
        except ValueError:
            raise TransferError(
                _located(
                    entry.where,
                    "lifetime",
                    _(
                        "cannot read “%(value)s”: write “session”, or a number and a unit "
                        "(hours, days, months or years), e.g. “13 months”."
                    )
                    % {"value": values["lifetime"]},
                )
            ) from None
        cookie = Cookie.objects.filter(
            locale=self.locale, provider=provider, name=values["name"]
        ).first()
        if cookie is None:
            source = None
            if not self.is_source_locale:
                source = Cookie.objects.filter(
                    locale=self.default_locale,
                    provider__translation_key=provider.translation_key,
                    name=values["name"],
                ).first()
                if source is None:
                    raise TransferError(
                        _located(entry.where, "name", self.no_source_message(values["name"]))
                    )
            cookie = self.new_entry(Cookie, source)
        fields = {
            "category": category,
            "provider": provider,
            "service": values["service"],
            "name": values["name"],
            "purpose": values["purpose"],
            "party": values["party"],
            "lifetime_value": lifetime_value,
            "lifetime_unit": lifetime_unit,
        }
        return self.apply(entry, cookie, fields)

    def provider_for_cookie(self, entry, name):
        """The provider of this locale with that name, created in the default locale."""
        if name not in self.providers:
            provider = self.existing_provider(entry, name, "provider")
            if provider is None:
                provider = self.new_provider(entry, name, "provider")
                self.apply(entry, provider, {"name": name}, column_of={"name": "provider"})
            self.providers[name] = provider
        return self.providers[name]

    def existing_provider(self, entry, name, column):
        found = list(CookieProvider.objects.filter(locale=self.locale, name=name)[:2])
        if len(found) > 1:
            raise TransferError(
                _located(
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
                _located(
                    entry.where,
                    column,
                    _(
                        "no provider named “%(name)s” in %(language)s: translate the "
                        "provider in the admin first."
                    )
                    % {"name": name, "language": self.language},
                )
            )
        return self.new_entry(CookieProvider, None)

    def new_entry(self, model, source):
        """An unsaved entry; a translation of `source` when importing into another locale."""
        if source is None:
            return model(locale=self.locale)
        return model(locale=self.locale, translation_key=source.translation_key)

    def apply(self, entry, obj, values, column_of=None):
        """Validates and saves `obj` with `values`; publishes it only if something changed."""
        model = type(obj)
        column_of = {**COLUMN_OF[model], **(column_of or {})}
        attnames = [model._meta.get_field(name).attname for name in values]
        before = [getattr(obj, name) for name in attnames] if obj.pk else None
        for name, value in values.items():
            setattr(obj, name, value)
        try:
            obj.full_clean()
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            column = "" if name == NON_FIELD_ERRORS else column_of.get(name, name)
            raise TransferError(_located(entry.where, column, " ".join(messages))) from None
        self.check_synced(entry, obj, column_of)
        counts = self.counts[model]
        if before == [getattr(obj, name) for name in attnames] and obj.live:
            counts.unchanged += 1
            return obj
        self.check_unlocked(obj, entry.where)
        if obj.pk:
            counts.updated += 1
        else:
            counts.created += 1
        obj.save()
        obj.save_revision().publish()
        return obj

    def check_synced(self, entry, obj, column_of):
        """On a translation, a synced value that differs from the source is an error.

        Saving would silently put the source's value back; the file's author should learn
        that this change belongs on the source.
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
                    _located(
                        entry.where,
                        column_of.get(name, name),
                        _(
                            "differs from the %(language)s version, where this field is "
                            "edited. Change it there, or write the same value here."
                        )
                        % {"language": source.locale.get_display_name()},
                    )
                )

    def check_unlocked(self, obj, where):
        """An editor's lock means "do not change this under my feet": the import stops."""
        if obj.pk and obj.locked:
            raise TransferError(
                _located(
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

    def no_source_message(self, name):
        return _(
            "“%(name)s” does not exist in %(default)s; entries are created there, then translated."
        ) % {"name": name, "default": self.default_locale.get_display_name()}

    @property
    def language(self):
        return self.locale.get_display_name()


def import_register(document, locale, delete_missing=False):
    """Applies `document` to `locale` all-or-nothing; returns the finished `Importer`."""
    importer = Importer(locale)
    with transaction.atomic():
        importer.run(document, delete_missing=delete_missing)
    return importer
