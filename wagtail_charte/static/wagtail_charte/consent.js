/* wagtail-charte consent cookie: the rules of consent.py. Browser global and CommonJS. */
(function (root, factory) {
if (typeof module === "object" && module.exports) module.exports = factory();
else root.wagtailCharteConsent = factory();
})(typeof self !== "undefined" ? self : this, function () {
"use strict";
var ID = /^[0-9a-f]{32}$/, SLUG = /^[-a-zA-Z0-9_]{1,50}$/;

function isInt(x, max) { return typeof x === "number" && x % 1 === 0 && x >= 0 && x < max; }
function isObject(x) { return x && typeof x === "object" && !Array.isArray(x); }

function validate(d) {
  if (!isObject(d) || Object.keys(d).sort().join() !== "c,id,ts,v") return null;
  if (!isInt(d.v, 2147483648) || !isInt(d.ts, 1099511627776)) return null;
  if (typeof d.id !== "string" || !ID.test(d.id) || !isObject(d.c)) return null;
  var slugs = Object.keys(d.c);
  if (slugs.length > 50) return null;
  for (var i = 0; i < slugs.length; i++) {
    if (!SLUG.test(slugs[i]) || typeof d.c[slugs[i]] !== "boolean") return null;
  }
  return { v: d.v, ts: d.ts, id: d.id, c: d.c };
}

function parse(raw) {
  if (!raw || raw.length > 2048) return null;
  try { return validate(JSON.parse(decodeURIComponent(raw))); } catch (e) { return null; }
}

function serialise(ch) {
  return encodeURIComponent(JSON.stringify({ v: ch.v, ts: ch.ts, id: ch.id, c: ch.c }));
}

function isCurrent(ch, version, days, now) {
  if (now === undefined) now = Date.now() / 1000;
  return !!ch && ch.v >= version && ch.ts <= now + 86400 && ch.ts + days * 86400 > now;
}

function allows(ch, cat) {
  if (!cat) return false;
  if (cat.basis === "necessary") return true;
  var c = ch ? ch.c : {};
  var own = Object.prototype.hasOwnProperty.call(c, cat.slug); // the slug "hasOwnProperty" is valid
  return own ? c[cat.slug] === true : cat.basis === "exempt";
}

function matches(pattern, name) {
  var parts = String(pattern).split("*").map(function (p) {
    return p.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  });
  return new RegExp("^" + parts.join("[\\s\\S]*") + "$").test(name);
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
  validate: validate, parse: parse, serialise: serialise, isCurrent: isCurrent, allows: allows,
  matches: matches, cookies: cookies, newId: newId, parentDomains: parentDomains
};
});
