"""The consent cookie: the only Python code that reads, checks and writes it.

The value is URL-encoded JSON, ``{"v": int, "ts": int, "id": "<32 hex>", "c": {slug: bool}}``.
`static/wagtail_charte/consent.js` follows the same contract; see docs/banner.md. This module
is the contract alone: no model, no setting, no request (`reading.read_consent` reads one).
"""

import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

# Past this size (encoded) a value is ignored: no legitimate choice comes near it.
MAX_ENCODED_LENGTH = 2048
# A choice dated at most this far ahead of our clock is still believed.
CLOCK_SKEW = 86400
DAY = 86400

# What is trimmed around a cookie's name and value, as consent.js trims it: RFC 6265's
# optional whitespace, not str.strip's (NBSP, ...) nor String.trim's (BOM, ...).
OWS = " \t"

# Used with fullmatch: `$` would also accept a trailing newline, which the script refuses.
_ID = re.compile(r"[0-9a-f]{32}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
MAX_CATEGORIES = 50
# The bases of a category as the contract reads them: `models.kinds.ConsentBasis`'s values.
NECESSARY, EXEMPT, CONSENT = "necessary", "exempt", "consent"


class InvalidChoice(ValueError):
    """A value that is not a consent choice; the message says why."""


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _reject_constant(name):
    raise InvalidChoice(f"{name} is not JSON")


def _no_duplicates(pairs):
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise InvalidChoice("duplicate key")
    return dict(pairs)


def validate(data) -> dict:
    """The choice in `data` (decoded JSON), normalised; raises InvalidChoice otherwise."""
    if not isinstance(data, dict):
        raise InvalidChoice("not an object")
    if set(data) != {"v", "ts", "id", "c"}:
        raise InvalidChoice("keys must be exactly v, ts, id and c")
    if not _is_int(data["v"]) or not 0 <= data["v"] < 2**31:
        raise InvalidChoice("v must be a non-negative integer")
    if not _is_int(data["ts"]) or not 0 <= data["ts"] < 2**40:
        raise InvalidChoice("ts must be a non-negative integer")
    if not isinstance(data["id"], str) or not _ID.fullmatch(data["id"]):
        raise InvalidChoice("id must be 32 lowercase hex characters")
    choices = data["c"]
    if not isinstance(choices, dict) or len(choices) > MAX_CATEGORIES:
        raise InvalidChoice(f"c must be an object of at most {MAX_CATEGORIES} categories")
    for slug, allowed in choices.items():
        if not _SLUG.fullmatch(slug) or not isinstance(allowed, bool):
            raise InvalidChoice("c must map category slugs to true or false")
    return {"v": data["v"], "ts": data["ts"], "id": data["id"], "c": dict(choices)}


def decode(text: str):
    """Strict JSON: no NaN or Infinity, no duplicate keys."""
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError) as error:
        raise InvalidChoice(
            str(error) if isinstance(error, InvalidChoice) else "bad JSON"
        ) from None


def loads(text: str) -> dict:
    """The choice in `text`: strict JSON (`decode`), then `validate`."""
    return validate(decode(text))


def parse(raw: str | None) -> dict | None:
    """The choice in a raw (URL-encoded) cookie value, or None when it is not one."""
    if not raw or len(raw) > MAX_ENCODED_LENGTH:
        return None
    try:
        return loads(unquote(raw, errors="strict"))
    except (InvalidChoice, UnicodeDecodeError):
        return None


def serialise(choice: dict) -> str:
    """The cookie value: compact JSON, URL-encoded like JS's encodeURIComponent."""
    text = json.dumps(
        {"v": choice["v"], "ts": choice["ts"], "id": choice["id"], "c": choice["c"]},
        separators=(",", ":"),
    )
    return quote(text, safe="-_.!~*'()")


def is_current(choice: dict | None, version: int, lifetime_days: int, now=None) -> bool:
    """Made under this very version (a higher one is forged), not in the future, not expired."""
    if choice is None:
        return False
    now = time.time() if now is None else now
    return (
        choice["v"] == version
        and choice["ts"] <= now + CLOCK_SKEW
        and choice["ts"] + lifetime_days * DAY > now
    )


def cookie_values(header: str, name: str) -> list[str]:
    """The values of every cookie called `name` in a raw Cookie header, in header order.

    A host cookie and a parent-domain one (or another app's) may share the name. Only spaces
    and tabs are trimmed (`OWS`).
    """
    pairs = (pair.partition("=") for pair in (header or "").split(";"))
    return [value.strip(OWS) for key, _, value in pairs if key.strip(OWS) == name]


def current_choice(header: str, name: str, version: int, lifetime_days: int, now=None):
    """The choice a raw Cookie header carries: of its current values, the latest made.

    The same rule as consent.js's `current`, so that the server and the script agree
    whatever the browser sends; on equal times the first in the header wins.
    """
    current = [
        choice
        for choice in map(parse, cookie_values(header, name))
        if is_current(choice, version, lifetime_days, now)
    ]
    return max(current, key=lambda choice: choice["ts"], default=None)


@dataclass(frozen=True)
class Consent:
    """A visitor's consent as the server sees it. `bases` maps each category slug to its basis."""

    choice: dict | None
    is_current: bool
    bases: dict = field(default_factory=dict)

    def allows(self, slug: str) -> bool:
        basis = self.bases.get(slug)
        if basis == NECESSARY:
            return True
        if basis not in (EXEMPT, CONSENT):
            return False  # Not a category of the register: nothing is known to allow it.
        choices = self.choice["c"] if self.is_current else {}
        return choices.get(slug, basis == EXEMPT) is True


def read_choices(choice: dict, bases: dict) -> dict:
    """{slug: allowed} for every refusable category of `bases` ({slug: basis}), as `choice`
    reads."""
    reading = Consent(choice=choice, is_current=True, bases=bases)
    return {slug: reading.allows(slug) for slug, basis in bases.items() if basis != NECESSARY}
