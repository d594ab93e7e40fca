import json
from pathlib import Path

import pytest

from wagtail_charte.register.patterns import matches

DATA = Path(__file__).parents[1] / "data"
CASES = json.loads((DATA / "cookie_patterns.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['pattern']!r}~{c['name']!r}" for c in CASES])
def test_cookie_name_matching(case):
    assert matches(case["pattern"], case["name"]) is case["matches"]
