// The JS side of the consent contract; the Python side is tests/test_consent.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import C from "../../wagtail_charte/static/wagtail_charte/consent.js";

const patterns = JSON.parse(
  readFileSync(new URL("../data/cookie_patterns.json", import.meta.url), "utf8")
).cases;
const contract = JSON.parse(
  readFileSync(new URL("../data/consent_values.json", import.meta.url), "utf8")
);

for (const c of patterns) {
  test(`glob ${JSON.stringify(c.pattern)} ~ ${JSON.stringify(c.name)}`, () => {
    assert.equal(C.matches(c.pattern, c.name), c.matches);
  });
}

const good = { v: 2, ts: 1700000000, id: "0123456789abcdef0123456789abcdef", c: { statistics: true } };

test("serialise then parse gives the choice back", () => {
  assert.deepEqual(C.parse(C.serialise(good)), good);
});

test("serialise is URL-encoded compact JSON, as Python writes it", () => {
  assert.equal(C.serialise(good), contract.serialised);
});

for (const [label, raw] of Object.entries(contract.invalid)) {
  test(`parse refuses ${label}`, () => {
    assert.equal(C.parse(raw), null);
  });
}

test("parse refuses a value over 2 KB once encoded", () => {
  const big = { ...good, c: {} };
  for (let i = 0; i < 49; i++) big.c["category-with-a-long-slug-number-" + i] = true;
  const raw = C.serialise(big);
  assert.ok(raw.length > 2048);
  assert.equal(C.parse(raw), null);
});

test("isCurrent: version, future and expiry", () => {
  const now = good.ts + 10;
  assert.equal(C.isCurrent(good, 2, 182, now), true);
  assert.equal(C.isCurrent(good, 3, 182, now), false, "stale version");
  assert.equal(C.isCurrent(good, 1, 182, now), false, "a version above the page's is forged");
  assert.equal(C.isCurrent({ ...good, ts: now + 86400 + 1 }, 2, 182, now), false, "future");
  assert.equal(C.isCurrent({ ...good, ts: now + 3600 }, 2, 182, now), true, "clock skew");
  assert.equal(C.isCurrent(good, 2, 1, good.ts + 86400), false, "expired");
  assert.equal(C.isCurrent(good, 2, 1, good.ts + 86399), true);
  assert.equal(C.isCurrent(null, 1, 182, now), false);
});

test("allows: necessary always, consent missing refused, exempt missing allowed", () => {
  const choice = { ...good, c: { statistics: true, ads: false } };
  assert.equal(C.allows(choice, { slug: "necessary", basis: "necessary" }), true);
  assert.equal(C.allows(null, { slug: "necessary", basis: "necessary" }), true);
  assert.equal(C.allows(choice, { slug: "statistics", basis: "consent" }), true);
  assert.equal(C.allows(choice, { slug: "ads", basis: "consent" }), false);
  assert.equal(C.allows(choice, { slug: "video", basis: "consent" }), false);
  assert.equal(C.allows(null, { slug: "statistics", basis: "consent" }), false);
  assert.equal(C.allows(choice, { slug: "audience", basis: "exempt" }), true);
  assert.equal(C.allows({ ...good, c: { audience: false } }, { slug: "audience", basis: "exempt" }), false);
  assert.equal(C.allows(choice, null), false);
});

test("cookies lists every cookie, twins included", () => {
  assert.deepEqual(C.cookies("a=1; cookies_preferences=x; b=2;cookies_preferences=y=z"), [
    ["a", "1"], ["cookies_preferences", "x"], ["b", "2"], ["cookies_preferences", "y=z"],
  ]);
  assert.deepEqual(C.cookies(""), []);
});

test("a slug named like an Object method cannot break allows", () => {
  const ch = { ...good, c: { hasOwnProperty: true, statistics: true } };
  assert.deepEqual(C.parse(C.serialise(ch)), ch);
  assert.equal(C.allows(ch, { slug: "statistics", basis: "consent" }), true);
  assert.equal(C.allows(ch, { slug: "__proto__", basis: "consent" }), false);
});

test("newId is 32 hex characters from getRandomValues", () => {
  const id = C.newId(globalThis.crypto);
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.notEqual(id, C.newId(globalThis.crypto));
});

test("parentDomains lists the host and its parents, not the TLD nor IPs", () => {
  assert.deepEqual(C.parentDomains("www.charte.test"), ["www.charte.test", "charte.test"]);
  assert.deepEqual(C.parentDomains("127.0.0.1"), []);
  assert.deepEqual(C.parentDomains("localhost"), []);
});

for (const [label, raw] of Object.entries(contract.valid)) {
  test(`parse accepts ${label}`, () => {
    assert.notEqual(C.parse(raw), null);
  });
}

test("fifty categories is the cap, well under the size limit", () => {
  assert.equal(Object.keys(C.parse(contract.valid["50 categories"]).c).length, 50);
  assert.ok(contract.invalid["51 categories"].length < 2048);
});

for (const c of contract.headers.cases) {
  test(`current: ${c.label}`, () => {
    const ch = C.current(c.header, "cookies_preferences", 2, 182, 1700000100);
    assert.deepEqual(ch && { ts: ch.ts, c: ch.c }, c.expected);
  });
}

// A name that counts the substring searches made on it.
function countingName(text) {
  const name = new String(text);
  name.searches = 0;
  for (const method of ["indexOf", "startsWith", "endsWith"]) {
    name[method] = (...args) => { name.searches += 1; return String.prototype[method].apply(text, args); };
  }
  return name;
}

for (const stars of [1, 8, 40]) {
  test(`matches searches each piece once: ${stars} stars`, () => {
    const pattern = "*_".repeat(stars) + "X";
    for (const text of ["_".repeat(60), "_".repeat(4000), "_".repeat(4000) + "X"]) {
      const name = countingName(text);
      C.matches(pattern, name);
      assert.ok(name.searches >= 1 && name.searches <= stars + 2, `${name.searches} searches`);
    }
  });
}
