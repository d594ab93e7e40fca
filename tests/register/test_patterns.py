import json
from pathlib import Path

import pytest

from wagtail_charte.register.patterns import matches

DATA = Path(__file__).parents[1] / "data"
CASES = json.loads((DATA / "cookie_patterns.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['pattern']!r}~{c['name']!r}" for c in CASES])
def test_cookie_name_matching(case):
    assert matches(case["pattern"], case["name"]) is case["matches"]


class CountingName(str):
    """A cookie name that counts the substring searches made on it."""

    searches = 0

    def find(self, *args):
        CountingName.searches += 1
        return super().find(*args)

    def startswith(self, *args):
        CountingName.searches += 1
        return super().startswith(*args)

    def endswith(self, *args):
        CountingName.searches += 1
        return super().endswith(*args)


@pytest.mark.parametrize("stars", [1, 8, 40])
def test_matching_searches_each_piece_once_whatever_the_name(stars):
    """A backtracking matcher makes exponentially many attempts on these; this one, one each."""
    pattern = "*_" * stars + "X"
    for name in ("_" * 60, "_" * 4000, "_" * 4000 + "X"):
        CountingName.searches = 0
        matches(pattern, CountingName(name))
        assert 1 <= CountingName.searches <= stars + 2
