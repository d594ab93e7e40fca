import json
from pathlib import Path

import pytest

from wagtail_charte.patterns import matches

CASES = json.loads((Path(__file__).parent / "data" / "cookie_patterns.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['pattern']!r}~{c['name']!r}" for c in CASES])
def test_cookie_name_matching(case):
    assert matches(case["pattern"], case["name"]) is case["matches"]
