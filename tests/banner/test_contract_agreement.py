"""consent.py and consent.js judge every value alike: thousands of forged values, both parsers.

The values are generated from a fixed seed, so a disagreement found once is found every time.
"""

import json
import random
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from wagtail_charte.banner import consent

CONSENT_JS = Path(consent.__file__).parents[1] / "static" / "wagtail_charte" / "consent.js"
GOOD = {"v": 2, "ts": 1700000000, "id": "0123456789abcdef0123456789abcdef", "c": {"a": True}}
NOW = 1700000100
# Fragments that parsers tend to treat differently.
FRAGMENTS = [
    *'{}[]:,"\\ -+.eE0129af\n\t\r',
    ".0",
    "e0",
    "E+1",
    "-0",
    "00",
    "1.5",
    "2e0",
    "true",
    "false",
    "null",
    "NaN",
    "Infinity",
    '"v":2,',
    '"c":{},',
    '"a":true,',
    '"a":false,',
    "\\u0076",
    "\\n",
    "\ufeff",
    "%",
    "%0A",
    "%E0%A4%A",
    "%zz",
    "\u00e9",
    "\ud800",
]
# Around names and values: what str.strip or String.trim would take, and the rule's two.
PADDING = [" ", "\t", "\u00a0", "\ufeff", "\u2000", "\u200a", "\u3000", "\x85", "\x1c"]
NODE_SCRIPT = """
const C = require(process.argv[1]);
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const {values, headers, now} = JSON.parse(input);
  const pick = (h) => C.current(h, "cookies_preferences", 2, 182, now);
  process.stdout.write(JSON.stringify({values: values.map(C.parse), headers: headers.map(pick)}));
});
"""


def encode(text):
    return quote(text, safe="-_.!~*'()", errors="surrogatepass")


def variants(rng):
    """Good choices written in many ways, then mutated a few fragments at a time."""
    bases = [
        json.dumps(GOOD, separators=(",", ":")),
        json.dumps(GOOD),
        json.dumps(dict(reversed(GOOD.items()))),
        json.dumps({**GOOD, "c": {f"s{i}": i % 2 == 0 for i in range(50)}}),
    ]
    for _ in range(4000):
        text = list(rng.choice(bases))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            action = rng.random()
            if action < 0.4:
                text.insert(at, rng.choice(FRAGMENTS))
            elif action < 0.7 and at < len(text):
                del text[at]
            elif at < len(text):
                text[at] = rng.choice(FRAGMENTS)
        text = "".join(text)
        yield encode(text) if rng.random() < 0.8 else text
    yield from bases


def headers(rng, values):
    """Cookie headers carrying several values under our name, in any order, padded."""
    choices = [
        consent.serialise(
            {**GOOD, "v": rng.choice([1, 2, 2, 3]), "ts": NOW - rng.randint(-90000, 9)}
        )
        for _ in range(200)
    ]

    def pad():
        return rng.choice(PADDING) if rng.random() < 0.1 else ""

    for _ in range(1500):
        pairs = [
            f"{pad()}{rng.choice(['cookies_preferences', 'cookies_preferences', 'other'])}{pad()}="
            f"{pad()}{rng.choice(choices + values[:50])}{pad()}"
            for _ in range(rng.randint(1, 4))
        ]
        yield rng.choice(["; ", ";", " ; "]).join(pairs)


@pytest.mark.skipif(not shutil.which("node"), reason="needs node")
def test_python_and_javascript_judge_every_forged_value_alike():
    rng = random.Random(20261130)
    values = list(variants(rng))
    cookie_headers = list(headers(rng, values))
    result = subprocess.run(
        ["node", "-e", NODE_SCRIPT, str(CONSENT_JS)],
        input=json.dumps({"values": values, "headers": cookie_headers, "now": NOW}),
        capture_output=True,
        text=True,
        check=True,
    )
    js = json.loads(result.stdout)
    parsed = [consent.parse(value) for value in values]
    disagreements = [
        (value, mine, theirs)
        for value, mine, theirs in zip(values, parsed, js["values"], strict=True)
        if mine != theirs
    ]
    assert disagreements == []
    picked = [
        consent.current_choice(header, "cookies_preferences", 2, 182, now=NOW)
        for header in cookie_headers
    ]
    assert picked == js["headers"]
    # The generator reaches both verdicts often, or agreeing would prove little.
    accepted = sum(choice is not None for choice in parsed)
    assert 100 < accepted < len(values) - 100
    assert 100 < sum(choice is not None for choice in picked) < len(picked) - 100
