/* wagtail-charte: the banner, the preferences dialog, and the gating of scripts and embeds.
   Needs consent.js first. Config comes from <script id="charte-config" type="application/json">. */
(function () {
  "use strict";
  var C = window.wagtailCharteConsent;
  var node = document.getElementById("charte-config");
  if (!C || !node) return;
  var cfg;
  try { cfg = JSON.parse(node.textContent); } catch (e) { return; }
  var cats = cfg.categories || [], t = cfg.i18n || {};
  var SIGNALS = ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"];
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var banner = $("[data-charte-banner]"), dialog = $("[data-charte-dialog]");
  var live = $("[data-charte-live]"), gpcNotice = $("[data-charte-gpc]");
  var opener = null, choice = read();

  function read() {
    var values = C.readCookies(document.cookie, cfg.cookie);
    for (var i = 0; i < values.length; i++) {
      var found = C.parse(values[i]);
      if (C.isCurrent(found, cfg.version, cfg.lifetime)) return found;
    }
    return null;
  }
  function category(slug) {
    for (var i = 0; i < cats.length; i++) if (cats[i].slug === slug) return cats[i];
    return null;
  }
  function allows(slug) { return C.allows(choice, category(slug)); }
  function fmt(text, params) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (m, k) { return params[k]; });
  }
  function optional() { return cats.filter(function (c) { return c.basis !== "necessary"; }); }
  function all(value) {
    var c = {};
    optional().forEach(function (cat) { c[cat.slug] = value; });
    return c;
  }
  function current() {
    var c = {};
    optional().forEach(function (cat) { c[cat.slug] = C.allows(choice, cat); });
    return c;
  }

  // Google Consent Mode v2: gtag() must push its `arguments` object, not an array.
  function gtag() { window.dataLayer = window.dataLayer || []; window.dataLayer.push(arguments); }
  function pushConsent(kind) {
    var map = cfg.consentMode;
    if (!map) return;
    var state = {};
    SIGNALS.forEach(function (s) {
      state[s] = kind !== "default" && map[s] && allows(map[s]) ? "granted" : "denied";
    });
    gtag("consent", kind, state);
  }

  function activate() {
    $$('script[type="text/plain"][data-charte-category]').forEach(function (old) {
      if (!allows(old.getAttribute("data-charte-category"))) return;
      var s = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (a) {
        if (a.name !== "type" && a.name !== "data-charte-src" && a.name !== "nonce") {
          s.setAttribute(a.name, a.value);
        }
      });
      if (old.nonce) s.nonce = old.nonce;
      s.async = false; // keep the order of the page
      var src = old.getAttribute("data-charte-src");
      if (src) s.src = src; else s.text = old.text;
      old.parentNode.replaceChild(s, old);
    });
    $$("iframe[data-charte-src][data-charte-category], img[data-charte-src][data-charte-category]")
      .forEach(gateEmbed);
  }

  function gateEmbed(el) {
    var slug = el.getAttribute("data-charte-category"), cat = category(slug);
    var holder = el.previousElementSibling;
    if (!holder || !holder.hasAttribute("data-charte-placeholder")) holder = null;
    if (allows(slug)) {
      if (holder) holder.parentNode.removeChild(holder);
      el.hidden = false;
      if (el.getAttribute("src") !== el.getAttribute("data-charte-src")) {
        el.setAttribute("src", el.getAttribute("data-charte-src"));
      }
      return;
    }
    el.hidden = true;
    if (holder) return;
    var name = cat ? cat.name : slug;
    holder = document.createElement("div");
    holder.className = "charte-placeholder fr-consent-placeholder";
    holder.setAttribute("data-charte-placeholder", "");
    var p = document.createElement("p");
    p.textContent = fmt(t.placeholder, { title: el.title || el.alt || "", category: name });
    var b = document.createElement("button");
    b.type = "button";
    b.className = "charte-btn fr-btn";
    b.textContent = fmt(t.allow, { category: name });
    b.addEventListener("click", function () {
      var c = current();
      c[slug] = true;
      save(c, b);
    });
    holder.appendChild(p);
    holder.appendChild(b);
    el.parentNode.insertBefore(holder, el);
  }

  function status() {
    var text = optional().map(function (cat) {
      return fmt(t.status, { category: cat.name, state: allows(cat.slug) ? t.allowed : t.refused });
    }).join(" ; ");
    $$("[data-charte-status]").forEach(function (el) { el.textContent = text; });
  }

  function writeCookie(value, maxAge, domain) {
    document.cookie = value + "; Path=/; Max-Age=" + maxAge + (domain ? "; Domain=" + domain : "") +
      "; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
  }

  // Withdrawal: expire the category's declared cookies here and on every parent domain.
  function deleteCookies(cat) {
    var domains = C.parentDomains(location.hostname);
    C.cookieNames(document.cookie).forEach(function (name) {
      if (!(cat.cookies || []).some(function (p) { return C.matches(p, name); })) return;
      writeCookie(name + "=", 0);
      domains.forEach(function (d) { writeCookie(name + "=", 0, d); });
    });
  }

  function save(c, from) {
    var before = choice;
    choice = {
      v: cfg.version, ts: Math.floor(Date.now() / 1000),
      id: before ? before.id : C.newId(window.crypto), c: c
    };
    writeCookie(cfg.cookie + "=" + C.serialise(choice), cfg.lifetime * 86400);
    if (cfg.endpoint && window.fetch) {
      window.fetch(cfg.endpoint, {
        method: "POST", credentials: "same-origin", keepalive: true,
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(choice)
      }).catch(function () {});
    }
    var withdrawn = optional().filter(function (cat) {
      return C.allows(before, cat) && !C.allows(choice, cat);
    });
    pushConsent("update");
    document.dispatchEvent(new CustomEvent("charte:consent", { detail: api.get() }));
    if (withdrawn.length) {
      withdrawn.forEach(deleteCookies);
      location.reload(); // scripts that already ran must stop
      return;
    }
    activate();
    status();
    hideBanner();
    closeDialog(from);
    announce(t.saved);
  }

  function announce(text) {
    if (!live) return;
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 50);
  }

  function visible(el) {
    return el && document.contains(el) && !(banner && banner.contains(el)) && el.getClientRects().length;
  }

  function refocus(from) {
    var target = visible(opener) ? opener : visible(from) ? from : $("main") || document.body;
    opener = null;
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: target.tagName === "MAIN" });
  }

  function hideBanner() { if (banner) banner.hidden = true; }

  function showBanner() {
    if (!banner) return;
    banner.hidden = false;
    banner.focus({ preventScroll: true });
  }

  function open(from) {
    if (!dialog) return;
    opener = from || document.activeElement;
    var c = current();
    $$("[data-charte-category]", dialog).forEach(function (input) {
      var value = c[input.getAttribute("data-charte-category")];
      if (value === undefined) return;
      if (input.type === "checkbox") input.checked = value;
      else if (input.type === "radio") input.checked = (input.value === "true") === value;
    });
    dialog.classList.add("fr-modal--opened");
    if (dialog.showModal) { if (!dialog.open) dialog.showModal(); } else dialog.setAttribute("open", "");
    focusDialog();
    setTimeout(focusDialog, 350); // a theme that fades the dialog in may refuse focus at first
  }

  function focusDialog() {
    var first = $("button, input:not([disabled]), a[href]", dialog);
    if (dialog.open && first && !dialog.contains(document.activeElement)) first.focus();
  }

  function closeDialog(from) {
    if (!dialog || !dialog.hasAttribute("open")) { if (from) refocus(from); return; }
    dialog.classList.remove("fr-modal--opened");
    if (dialog.close) dialog.close(); else dialog.removeAttribute("open");
    refocus(from);
  }

  // Escape and "close": with no choice yet, closing means refusing.
  function dismiss() {
    if (choice) closeDialog();
    else save(all(false));
  }

  function fromDialog() {
    var c = current();
    $$("[data-charte-category]", dialog).forEach(function (input) {
      var slug = input.getAttribute("data-charte-category");
      if (!(slug in c)) return;
      if (input.type === "checkbox") c[slug] = input.checked;
      else if (input.type === "radio" && input.checked) c[slug] = input.value === "true";
    });
    return c;
  }

  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-charte-action], [data-charte-open], [data-charte-dismiss]");
    if (!el) return;
    if (el.hasAttribute("data-charte-open")) { e.preventDefault(); open(el); return; }
    if (el.hasAttribute("data-charte-dismiss")) {
      el.closest("[data-charte-gpc]").hidden = true;
      return;
    }
    var action = el.getAttribute("data-charte-action");
    if (action === "accept-all") save(all(true), el);
    else if (action === "refuse-all") save(all(false), el);
    else if (action === "customize") open(el);
    else if (action === "save") save(fromDialog(), el);
    else if (action === "close") dismiss();
  });
  if (dialog) {
    dialog.addEventListener("cancel", function (e) { e.preventDefault(); dismiss(); });
    // Keep Tab inside the dialog rather than letting it reach the browser's toolbar.
    dialog.addEventListener("keydown", function (e) {
      if (e.key !== "Tab") return;
      var items = $$("a[href], button, input, select, textarea", dialog).filter(function (el) {
        return !el.disabled && el.getClientRects().length &&
          !(el.type === "radio" && !el.checked && $$('input[name="' + el.name + '"]:checked', dialog).length);
      });
      var first = items[0], last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    });
  }

  // A sticky banner must not hide the element that has focus.
  document.addEventListener("focusin", function (e) {
    if (!banner || banner.hidden || banner.contains(e.target)) return;
    var overlap = e.target.getBoundingClientRect().bottom - banner.getBoundingClientRect().top;
    if (overlap > 0 && banner.getBoundingClientRect().top > 0) window.scrollBy(0, overlap + 8);
  });

  var api = {
    get: function () { return choice ? JSON.parse(JSON.stringify(choice)) : null; },
    allows: allows,
    open: function () { open(); },
    acceptAll: function () { save(all(true)); },
    refuseAll: function () { save(all(false)); }
  };
  window.wagtailCharte = api;

  pushConsent("default");
  if (choice) pushConsent("update");
  if (!choice && cfg.gpc && navigator.globalPrivacyControl === true) {
    var c = all(false);
    optional().forEach(function (cat) { if (cat.basis === "exempt") delete c[cat.slug]; });
    save(c);
    if (gpcNotice) gpcNotice.hidden = false;
  } else if (!choice) {
    activate();
    status();
    showBanner();
  } else {
    activate();
    status();
  }
})();
