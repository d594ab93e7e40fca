/* wagtail-charte: the consent cookie contract (same rules as wagtail_charte/consent.py).
   A browser script (window.wagtailCharteConsent) and a CommonJS module for node tests. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.wagtailCharteConsent = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var MAX = 2048, SKEW = 86400, DAY = 86400;
  var ID = /^[0-9a-f]{32}$/, SLUG = /^[-a-zA-Z0-9_]{1,50}$/;

  function isInt(x, max) {
    return typeof x === "number" && Math.floor(x) === x && x >= 0 && x < max;
  }

  // The checked choice, or null: same checks as consent.validate().
  function validate(d) {
    if (!d || typeof d !== "object" || Array.isArray(d)) return null;
    var keys = Object.keys(d).sort().join();
    if (keys !== "c,id,ts,v") return null;
    if (!isInt(d.v, 2147483648) || !isInt(d.ts, 1099511627776)) return null;
    if (typeof d.id !== "string" || !ID.test(d.id)) return null;
    var c = d.c;
    if (!c || typeof c !== "object" || Array.isArray(c)) return null;
    var slugs = Object.keys(c);
    if (slugs.length > 50) return null;
    for (var i = 0; i < slugs.length; i++) {
      if (!SLUG.test(slugs[i]) || typeof c[slugs[i]] !== "boolean") return null;
    }
    return { v: d.v, ts: d.ts, id: d.id, c: c };
  }

  function parse(raw) {
    if (!raw || raw.length > MAX) return null;
    try {
      return validate(JSON.parse(decodeURIComponent(raw)));
    } catch (e) {
      return null;
    }
  }

  function serialise(choice) {
    return encodeURIComponent(
      JSON.stringify({ v: choice.v, ts: choice.ts, id: choice.id, c: choice.c })
    );
  }

  function isCurrent(choice, version, lifetimeDays, now) {
    if (!choice) return false;
    if (now === undefined) now = Date.now() / 1000;
    return choice.v >= version && choice.ts <= now + SKEW && choice.ts + lifetimeDays * DAY > now;
  }

  // `category` is {slug, basis}; `choice` is a current choice or null.
  function allows(choice, category) {
    if (!category) return false;
    if (category.basis === "necessary") return true;
    var c = choice ? choice.c : {};
    if (Object.prototype.hasOwnProperty.call(c, category.slug)) return c[category.slug] === true;
    return category.basis === "exempt";
  }

  function matches(pattern, name) {
    var parts = String(pattern).split("*").map(function (p) {
      return p.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    });
    return new RegExp("^" + parts.join("[\\s\\S]*") + "$").test(name);
  }

  // Raw values of every cookie called `name` (a host and a parent-domain one may coexist).
  function readCookies(cookieString, name) {
    var found = [];
    String(cookieString || "").split(";").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) return;
      if (pair.slice(0, at).trim() === name) found.push(pair.slice(at + 1).trim());
    });
    return found;
  }

  function cookieNames(cookieString) {
    return String(cookieString || "").split(";").map(function (pair) {
      var at = pair.indexOf("=");
      return (at < 0 ? pair : pair.slice(0, at)).trim();
    }).filter(Boolean);
  }

  function newId(cryptoObj) {
    var bytes = new Uint8Array(16);
    cryptoObj.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  // Domains a cookie seen here may have been set on: the host and each parent (not the TLD).
  function parentDomains(hostname) {
    var labels = String(hostname).split("."), out = [];
    if (/^[\d.]+$/.test(hostname) || labels.length < 2) return out;
    for (var i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join("."));
    return out;
  }

  return {
    MAX_LENGTH: MAX, validate: validate, parse: parse, serialise: serialise,
    isCurrent: isCurrent, allows: allows, matches: matches, readCookies: readCookies,
    cookieNames: cookieNames, newId: newId, parentDomains: parentDomains
  };
});
