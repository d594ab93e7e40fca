/* wagtail-charte consent cookie: the rules of consent.py. Browser global and CommonJS. */
(function (root, factory) {
if (typeof module === "object" && module.exports) module.exports = factory();
else root.wagtailCharteConsent = factory();
})(typeof self !== "undefined" ? self : this, function () {
"use strict";
var ID = /^[0-9a-f]{32}$/, SLUG = /^[-a-zA-Z0-9_]{1,50}$/, MAX_CATEGORIES = 50;
var STRING = /"(?:[^"\\]|\\.)*"/g, KEY = /"(?:[^"\\]|\\.)*"\s*:/g;

function isInt(x, max) { return typeof x === "number" && x % 1 === 0 && x >= 0 && x < max; }
function isObject(x) { return x && typeof x === "object" && !Array.isArray(x); }

function validate(d) {
  if (!isObject(d) || Object.keys(d).sort().join() !== "c,id,ts,v") return null;
  if (!isInt(d.v, 2147483648) || !isInt(d.ts, 1099511627776)) return null;
  if (typeof d.id !== "string" || !ID.test(d.id) || !isObject(d.c)) return null;
  var slugs = Object.keys(d.c);
  if (slugs.length > MAX_CATEGORIES) return null;
  for (var i = 0; i < slugs.length; i++) {
    if (!SLUG.test(slugs[i]) || typeof d.c[slugs[i]] !== "boolean") return null;
  }
  return { v: d.v, ts: d.ts, id: d.id, c: d.c };
}

// JSON.parse takes 1.0, 1e0 and repeated keys, which consent.py refuses: so does this.
function strict(text, d) {
  var keys = (text.match(KEY) || []).length;
  return !/\d[.eE]/.test(text.replace(STRING, '""')) && keys === 4 + Object.keys(d.c).length;
}

function parse(raw) {
  if (!raw || raw.length > 2048) return null;
  try {
    var text = decodeURIComponent(raw), d = validate(JSON.parse(text));
    return d && strict(text, d) ? d : null;
  } catch (e) { return null; }
}

function serialise(ch) {
  return encodeURIComponent(JSON.stringify({ v: ch.v, ts: ch.ts, id: ch.id, c: ch.c }));
}

function isCurrent(ch, version, days, now) {
  if (now === undefined) now = Date.now() / 1000;
  return !!ch && ch.v === version && ch.ts <= now + 86400 && ch.ts + days * 86400 > now;
}

// Of the current values under `name` in a raw cookie string, the latest made (the first on a
// tie): consent.py's current_choice, so that the server and the script agree.
function current(str, name, version, days, now) {
  return cookies(str).reduce(function (best, p) {
    var ch = p[0] === name ? parse(p[1]) : null;
    return isCurrent(ch, version, days, now) && (!best || ch.ts > best.ts) ? ch : best;
  }, null);
}

function allows(ch, cat) {
  if (!cat) return false;
  if (cat.basis === "necessary") return true;
  var c = ch ? ch.c : {};
  var own = Object.prototype.hasOwnProperty.call(c, cat.slug); // the slug "hasOwnProperty" is valid
  return own ? c[cat.slug] === true : cat.basis === "exempt";
}

// Linear: each piece between stars is searched for once, left to right (a RegExp backtracks).
function matches(pattern, name) {
  var pieces = String(pattern).split("*"), first = pieces[0], last = pieces[pieces.length - 1];
  if (pieces.length === 1) return name.length === first.length && name.startsWith(first);
  if (name.length < first.length + last.length) return false;
  if (!name.startsWith(first) || !name.endsWith(last)) return false;
  var at = first.length, end = name.length - last.length;
  for (var i = 1; i < pieces.length - 1; i++) {
    at = name.indexOf(pieces[i], at);
    if (at < 0 || at + pieces[i].length > end) return false;
    at += pieces[i].length;
  }
  return true;
}

// [[name, value]]: a host and a parent-domain cookie may share a name.
function cookies(str) {
  return String(str || "").split(";").map(function (pair) {
    var at = pair.indexOf("=");
    return at < 0 ? [pair.trim(), ""] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
  }).filter(function (p) { return p[0]; });
}

function newId(crypto) {
  var bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
}

function parentDomains(host) {
  var labels = String(host).split("."), out = [];
  if (/^[\d.]+$/.test(host)) return out;
  for (var i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join("."));
  return out;
}

return {
  validate: validate, parse: parse, serialise: serialise, isCurrent: isCurrent, current: current,
  allows: allows, matches: matches, cookies: cookies, newId: newId, parentDomains: parentDomains
};
});
