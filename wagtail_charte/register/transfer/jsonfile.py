"""JSON files: the whole register (categories, providers, cookies), as the export writes it."""

import json

from django.utils.translation import gettext as _

from .columns import COLUMNS
from .errors import Problems, TransferError, Unreadable, located
from .files import Document, Entry, text_problem

CATEGORY_KEYS = ("slug", "name", "description", "basis", "order")
PROVIDER_KEYS = ("name", "privacy_policy_url")


def parse_json(text):
    data = load(text)
    check_top_level(data)
    problems = Problems()
    document = Document(
        locale=data.get("locale", ""),
        categories=entries(data, "categories", CATEGORY_KEYS, _("Category %(index)d"), problems),
        providers=entries(data, "providers", PROVIDER_KEYS, _("Provider %(index)d"), problems),
        cookies=entries(data, "cookies", COLUMNS, _("Cookie %(index)d"), problems),
    )
    problems.raise_any()
    return document


def load(text):
    try:
        return json.loads(text, object_pairs_hook=unique_keys, parse_int=parse_int)
    except json.JSONDecodeError as error:
        raise TransferError(
            _("Line %(line)d: malformed JSON (%(reason)s).")
            % {"line": error.lineno, "reason": error.msg}
        ) from error
    except RecursionError as error:
        raise TransferError(_("Malformed JSON: nested too deeply.")) from error


def parse_int(digits):
    # Python refuses to read integers of thousands of digits; the entry reports it.
    try:
        return int(digits)
    except ValueError:
        return Unreadable(_("this number has too many digits."))


def unique_keys(pairs):
    # json keeps the last of two equal keys; a file saying two things is refused instead.
    data = dict(pairs)
    if len(data) != len(pairs):
        key = next(k for i, (k, _v) in enumerate(pairs) if k in dict(pairs[:i]))
        raise TransferError(_("Duplicate key in the JSON file: “%(key)s”.") % {"key": key})
    return data


def check_top_level(data):
    if not isinstance(data, dict) or "cookies" not in data:
        raise TransferError(
            _("The JSON file must be an object with a “cookies” list, as the export writes it.")
        )
    unknown = set(data) - {"locale", "categories", "providers", "cookies"}
    if unknown:
        raise TransferError(
            _("Unknown key in the JSON file: “%(key)s”.") % {"key": sorted(unknown)[0]}
        )
    locale = data.get("locale", "")
    if not isinstance(locale, str) or text_problem(locale):
        raise TransferError(_("“locale” must be a language code, e.g. “fr”."))


def entries(data, key, keys, label, problems):
    items = data.get(key, [])
    if not isinstance(items, list):
        raise TransferError(_("“%(key)s” must be a list.") % {"key": key})
    found = []
    for index, item in enumerate(items, start=1):
        try:
            found.append(entry(label % {"index": index}, item, keys))
        except TransferError as error:
            problems.add(*error.messages)
    return found


def entry(where, item, keys):
    if not isinstance(item, dict):
        raise TransferError(located(where, "", _("expected an object.")))
    messages = [
        located(where, name, _("this field is missing.")) for name in keys if name not in item
    ]
    messages += [located(where, name, _("unknown field.")) for name in item if name not in keys]
    values = {}
    for name in keys:
        if name not in item:
            continue
        try:
            values[name] = field_value(name, item[name])
        except ValueError as error:
            messages.append(located(where, name, str(error)))
    if messages:
        raise TransferError(*messages)
    return Entry(where, values)


def field_value(name, value):
    """The value of field `name`; raises ValueError with the reason when it cannot be one."""
    if isinstance(value, Unreadable):
        raise ValueError(value.message)
    if name == "order":
        # bool is an int in Python, but `true` is no order.
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(_("expected a whole number."))
        return value
    if not isinstance(value, str):
        raise ValueError(_("expected text."))
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value.strip()
