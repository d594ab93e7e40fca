"""Cookie-name patterns: an exact name, or a glob where `*` is the only wildcard.

`static/wagtail_charte/consent.js` implements the same rule; both are tested against
`tests/data/cookie_patterns.json`.
"""

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)


def is_glob(pattern: str) -> bool:
    return "*" in pattern


def matches(pattern: str, name: str) -> bool:
    """Whether the observed cookie `name` is covered by the declared `pattern`."""
    return _compile(pattern).fullmatch(name) is not None
