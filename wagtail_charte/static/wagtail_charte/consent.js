/* wagtail-charte consent cookie: the rules of consent.py. CommonJS module, and the first half
   of charte.min.js, where banner.js runs in the same scope (make assets). Written for strict
   mode, without the directive: its bytes count in the banner's budget. */
// A choice as JSON.stringify writes it (see `pick`): integers, 32 hex digits, and at most 50
// slugs to booleans. Any other value, or no object at all, fails it or throws in `pick`.
const CHOICE = /^\{"v":\d+,"ts":\d+,"id":"[0-9a-f]{32}","c":\{("[-\w]{1,50}":(true|false),?){0,50}\}\}$/;
const STRING = /"(?:[^"\\]|\\.)*"/g;

const pick = (ch) => ({ v: ch.v, ts: ch.ts, id: ch.id, c: ch.c });

// JSON.parse takes 1.0, 1e0 and repeated keys (or keys that `pick` drops), which consent.py
// refuses: so does this, on the text with every string emptied (a key is then `"":`).
function strict(text, ch) {
  const bare = text.replace(STRING, '""'), keys = bare.split(/""\s*:/).length - 1;
  return !/\d[.eE]/.test(bare) && keys === 4 + Object.keys(ch.c).length;
}

// The choice in a raw cookie value, or null: anything else, or over 2 KB once encoded.
function parse(raw) {
  try {
    const text = decodeURIComponent(raw), ch = pick(JSON.parse(text));
    const valid = raw.length <= 2048 && CHOICE.test(JSON.stringify(ch)) && ch.v < 2 ** 31 && ch.ts < 2 ** 40;
    return valid && strict(text, ch) ? ch : null;
  } catch {
    return null;
  }
}

function serialise(ch) {
  return encodeURIComponent(JSON.stringify(pick(ch)));
}

function isCurrent(ch, version, days, now = Date.now() / 1000) {
  return ch?.v === version && ch.ts <= now + 86400 && ch.ts + days * 86400 > now;
}

// Of the current values under `name` in a raw cookie string, the latest made (the first on a
// tie): consent.py's current_choice, so that the server and the script agree.
function current(str, name, version, days, now) {
  return cookies(str).reduce((best, [key, value]) => {
    const ch = key === name ? parse(value) : null;
    return isCurrent(ch, version, days, now) && (!best || ch.ts > best.ts) ? ch : best;
  }, null);
}

function allows(ch, cat) {
  if (cat?.basis === "necessary") return true;
  // Own keys only: "hasOwnProperty" and "__proto__" are valid slugs.
  return !!cat && (ch && Object.hasOwn(ch.c, cat.slug) ? ch.c[cat.slug] === true : cat.basis === "exempt");
}

// Linear: each piece between stars is searched for once, left to right (a RegExp backtracks).
function matches(pattern, name) {
  const pieces = pattern.split("*"), last = pieces.pop(), end = name.length - last.length;
  let at = 0;
  for (const [i, piece] of pieces.entries()) {
    at = i ? name.indexOf(piece, at) : name.startsWith(piece) ? 0 : -1;
    if (at < 0) return false;
    at += piece.length;
  }
  // No star: the whole name; else the last piece after all the others.
  return (pieces.length ? end >= at : end === 0) && name.endsWith(last);
}

// Spaces and tabs only, as consent.py's OWS: String.trim would also take NBSP, BOM and more.
const trim = (s) => s.replace(/^[ \t]+|[ \t]+$/g, "");

// [[name, value]]: a host and a parent-domain cookie may share a name.
function cookies(str) {
  return str
    .split(";")
    .map((pair) => {
      const [name, ...value] = pair.split("=");
      return [trim(name), trim(value.join("="))];
    })
    .filter(([name]) => name);
}

function newId(crypto) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => (b + 256).toString(16).slice(1)).join(""); // 2 digits each
}

function parentDomains(host) {
  if (/^[\d.]+$/.test(host)) return [];
  const labels = host.split(".");
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join("."));
}

const api = {
  parse, serialise, isCurrent, current, allows, matches, cookies, newId, parentDomains,
};
if (typeof module === "object" && module.exports) module.exports = api;
else window.wagtailCharteConsent = api;
