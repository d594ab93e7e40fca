/* wagtail-charte banner, dialog and gating. Needs consent.js. Contract: docs/banner.md */
(function () {
"use strict";
var C = window.wagtailCharteConsent, node = document.getElementById("charte-config"), cfg;
if (!C || !node) return;
try { cfg = JSON.parse(node.textContent); } catch (e) { return; }
var cats = cfg.categories || [], t = cfg.i18n || {};
function $(sel, root) { return (root || document).querySelector(sel); }
function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
var banner = $("[data-charte-banner]"), dialog = $("[data-charte-dialog]");
var live = $("[data-charte-live]"), gpcNotice = $("[data-charte-gpc]");
var bars = [banner, gpcNotice].filter(Boolean);
var opener = null, choice = read();

function read() { return C.current(document.cookie, cfg.cookie, cfg.version, cfg.lifetime); }
function category(slug) { return cats.filter(function (c) { return c.slug === slug; })[0]; }
function allows(slug) { return C.allows(choice, category(slug)); }
function fmt(text, params) {
  return String(text || "").replace(/%\((\w+)\)s/g, function (m, k) { return params[k]; });
}
function optional() { return cats.filter(function (c) { return c.basis !== "necessary"; }); }
function choices(value) {
  var c = {};
  optional().forEach(function (cat) { c[cat.slug] = value === undefined ? C.allows(choice, cat) : value; });
  return c;
}

// Consent Mode: push the `arguments` object, not an array.
function gtag() { (window.dataLayer = window.dataLayer || []).push(arguments); }
function pushConsent(kind) {
  var map = cfg.consentMode, state = {};
  if (!map) return;
  ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"].forEach(function (s) {
    state[s] = kind !== "default" && map[s] && allows(map[s]) ? "granted" : "denied";
  });
  gtag("consent", kind, state);
}

function activate() {
  $$('script[type="text/plain"][data-charte-category]').forEach(function (old) {
    if (!allows(old.getAttribute("data-charte-category"))) return;
    var s = document.createElement("script"), src = old.getAttribute("data-charte-src");
    Array.prototype.forEach.call(old.attributes, function (a) {
      if (!/^(type|nonce|data-charte-src)$/.test(a.name)) s.setAttribute(a.name, a.value);
    });
    if (old.nonce) s.nonce = old.nonce; // for a strict CSP
    s.async = false; // keep the order of the page
    if (src) s.src = src; else s.text = old.text;
    old.parentNode.replaceChild(s, old);
  });
  $$("iframe[data-charte-src][data-charte-category], img[data-charte-src][data-charte-category]").forEach(gateEmbed);
}

function gateEmbed(el) {
  var slug = el.getAttribute("data-charte-category"), src = el.getAttribute("data-charte-src");
  var holder = el.previousElementSibling, name = (category(slug) || { name: slug }).name;
  if (holder && !holder.hasAttribute("data-charte-placeholder")) holder = null;
  el.hidden = !allows(slug);
  if (!el.hidden) {
    if (holder) holder.parentNode.removeChild(holder);
    if (el.getAttribute("src") !== src) el.setAttribute("src", src);
  } else if (!holder) {
    holder = document.createElement("div");
    holder.className = "charte-placeholder fr-consent-placeholder";
    holder.setAttribute("data-charte-placeholder", "");
    var p = holder.appendChild(document.createElement("p"));
    p.textContent = fmt(t.placeholder, { title: el.title || el.alt || "", category: name });
    var b = holder.appendChild(document.createElement("button"));
    b.type = "button";
    b.className = "charte-btn fr-btn";
    b.textContent = fmt(t.allow, { category: name });
    b.addEventListener("click", function () { var c = choices(); c[slug] = true; save(c, b, "custom"); });
    el.parentNode.insertBefore(holder, el);
  }
}

function status() {
  var text = optional().map(function (cat) {
    return fmt(t.status, { category: cat.name, state: allows(cat.slug) ? t.allowed : t.refused });
  }).join(" ; ");
  $$("[data-charte-status]").forEach(function (el) { el.textContent = text; });
  $$("[data-charte-id]").forEach(function (el) { // the id to quote about one's consent
    el.hidden = !choice;
    $("code", el).textContent = choice ? choice.id : "";
  });
}

function writeCookie(value, maxAge, domain) {
  document.cookie = value + "; Path=/; Max-Age=" + maxAge + (domain ? "; Domain=" + domain : "") +
    "; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
}

function deleteCookies(cat) {
  C.cookies(document.cookie).forEach(function (p) {
    if (!(cat.cookies || []).some(function (pattern) { return C.matches(pattern, p[0]); })) return;
    writeCookie(p[0] + "=", 0);
    C.parentDomains(location.hostname).forEach(function (d) { writeCookie(p[0] + "=", 0, d); });
  });
}

// method: how the choice was made, for the consent log (docs/consent-log.md); note: said after
// the confirmation.
function save(c, from, method, note) {
  var before = choice, said = note ? t.saved + " " + note : t.saved, ts = Math.floor(Date.now() / 1000);
  // A later choice has a later ts: the consent log tells two choices apart by id and ts.
  if (before && before.ts >= ts) ts = before.ts + 1;
  choice = { v: cfg.version, ts: ts, id: before ? before.id : C.newId(crypto), c: c };
  writeCookie(cfg.cookie + "=" + C.serialise(choice), cfg.lifetime * 86400);
  var withdrawn = optional().filter(function (cat) { return C.allows(before, cat) && !C.allows(choice, cat); });
  // Safari caps script-written cookies at 7 days: the server sets it again, and logs the
  // choice with the banner it answered.
  if (cfg.endpoint && window.fetch) {
    fetch(cfg.endpoint, {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ v: choice.v, ts: choice.ts, id: choice.id, c: choice.c,
        snapshot: cfg.snapshot, method: withdrawn.length ? "withdrawal" : method })
    }).then(function (r) {
      if (!r.ok) console.warn("wagtail-charte: the consent endpoint refused the choice", r.status);
    }, function () {});
  }
  // Refused now: its cookies go, even those left by a lapsed choice.
  var refused = optional().filter(function (cat) { return !C.allows(choice, cat); });
  refused.forEach(deleteCookies);
  pushConsent("update");
  document.dispatchEvent(new CustomEvent("charte:consent", { detail: api.get() }));
  if (withdrawn.length) {
    // Scripts that already ran must stop. After the reload: focus and confirmation, by history
    // state rather than a storage key the register would have to declare.
    history.replaceState(Object.assign({}, history.state, {
      charte: { opener: $$("[data-charte-open]").indexOf(opener), said: said }
    }), "");
    return location.reload();
  }
  activate();
  status();
  bars.forEach(function (bar) { bar.hidden = true; });
  room();
  closeDialog(from);
  announce(said);
}

function announce(text) {
  if (!live) return;
  live.textContent = ""; // emptied, so the same text is announced again
  setTimeout(function () { live.textContent = text; }, 100);
}

function shown(el) {
  return el && document.contains(el) && !(banner && banner.contains(el)) && el.getClientRects().length;
}

function refocus(from) {
  var target = shown(opener) ? opener : shown(from) ? from : $("main") || document.body;
  opener = null;
  if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: target.tagName === "MAIN" });
}

function open(from) {
  if (!dialog) return;
  opener = from || document.activeElement;
  var c = choices();
  $$("[data-charte-category]", dialog).forEach(function (input) {
    var slug = input.getAttribute("data-charte-category"), value = c[slug];
    if (value === undefined) return;
    input.checked = input.type === "checkbox" ? value : answered(category(slug)) && (input.value === "true") === value;
  });
  dialog.classList.add("fr-modal--opened");
  if (!dialog.open) dialog.showModal ? dialog.showModal() : dialog.setAttribute("open", "");
  focusDialog();
  setTimeout(focusDialog, 350); // DSFR fades in: focus may fail at first
}

// Exempt purposes are on until refused; the others are unanswered until the visitor answers.
function answered(cat) {
  return cat.basis === "exempt" || !!choice && Object.prototype.hasOwnProperty.call(choice.c, cat.slug);
}

function focusDialog() {
  var first = $("button, input:not([disabled]), a[href]", dialog);
  if (dialog.open && first && !dialog.contains(document.activeElement)) first.focus();
}

function closeDialog(from) {
  if (dialog && dialog.open) {
    dialog.classList.remove("fr-modal--opened");
    dialog.close ? dialog.close() : dialog.removeAttribute("open");
  } else if (!from) return;
  refocus(from);
}

// Closing with no choice yet means refusing.
function dismiss() { if (choice) closeDialog(); else save(choices(false), null, "refuse_all"); }

// Saves the dialog's choices. An unanswered purpose stays refused (see `answered`), and the
// confirmation says so.
function saveDialog(from) {
  var c = choices(), unanswered = optional().filter(function (cat) {
    var sel = '[data-charte-category="' + cat.slug + '"]';
    return $(sel + '[type="radio"]', dialog) && !$(sel + ":checked", dialog);
  }).map(function (cat) { return cat.name; });
  $$("[data-charte-category]", dialog).forEach(function (input) {
    var slug = input.getAttribute("data-charte-category");
    if (!(slug in c)) return;
    if (input.type === "checkbox") c[slug] = input.checked;
    else if (input.checked) c[slug] = input.value === "true";
  });
  save(c, from, "custom", unanswered.length ? fmt(t.unanswered, { categories: unanswered.join(", ") }) : "");
}

document.addEventListener("click", function (e) {
  var el = e.target.closest && e.target.closest("[data-charte-action], [data-charte-open], [data-charte-dismiss]");
  if (!el) return;
  var action = el.getAttribute("data-charte-action");
  if (el.hasAttribute("data-charte-open") || action === "customize") { e.preventDefault(); open(el); }
  else if (el.hasAttribute("data-charte-dismiss")) { gpcNotice.hidden = true; room(); }
  else if (action === "accept-all") save(choices(true), el, "accept_all");
  else if (action === "refuse-all") save(choices(false), el, "refuse_all");
  else if (action === "save") saveDialog(el);
  else if (action === "close") dismiss();
});

if (dialog) {
  dialog.addEventListener("cancel", function (e) { e.preventDefault(); dismiss(); });
  // Tab stays in the dialog, not in the browser's toolbar.
  dialog.addEventListener("keydown", function (e) {
    if (e.key !== "Tab") return;
    var items = $$("a[href], button, input:not([disabled])", dialog).filter(function (el) {
      return el.getClientRects().length && !(el.type === "radio" && !el.checked && $('input[name="' + el.name + '"]:checked', dialog));
    });
    var edge = items[e.shiftKey ? 0 : items.length - 1];
    if (document.activeElement === edge) {
      e.preventDefault();
      items[e.shiftKey ? items.length - 1 : 0].focus();
    }
  });
}

// The banner and the GPC notice must not hide the element that has focus (WCAG 2.4.11). A fixed
// one (DSFR's) gets room below the page, so that the end of the page can scroll clear of it.
function room() {
  var h = 0;
  bars.forEach(function (bar) {
    if (!bar.hidden && getComputedStyle(bar).position === "fixed") h = Math.max(h, bar.offsetHeight);
  });
  document.body.style.paddingBottom = h ? h + "px" : "";
}
document.addEventListener("focusin", function (e) {
  bars.forEach(function (bar) {
    var b = bar.getBoundingClientRect(), a = e.target.getBoundingClientRect();
    if (bar.hidden || bar.contains(e.target) || dialog && dialog.open || b.top <= 0) return;
    if (a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right) scrollBy(0, a.bottom - b.top + 8);
  });
});

var api = window.wagtailCharte = {
  get: function () { return choice ? JSON.parse(JSON.stringify(choice)) : null; },
  allows: allows,
  open: function () { open(); },
  acceptAll: function () { save(choices(true), null, "accept_all"); },
  refuseAll: function () { save(choices(false), null, "refuse_all"); }
};

pushConsent("default");
if (choice) pushConsent("update");
var back = history.state && history.state.charte;
if (back) {
  history.replaceState(Object.assign({}, history.state, { charte: null }), "");
  refocus($$("[data-charte-open]")[back.opener]);
  announce(back.said);
}
if (!choice && cfg.gpc && navigator.globalPrivacyControl === true) {
  var c = choices(false);
  optional().forEach(function (cat) { if (cat.basis === "exempt") delete c[cat.slug]; });
  save(c, null, "gpc");
  if (gpcNotice) gpcNotice.hidden = false;
  room();
} else {
  activate();
  status();
  if (!choice && banner) {
    banner.hidden = false;
    room();
    banner.focus({ preventScroll: true });
  }
}
})();
