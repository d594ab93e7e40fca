/* wagtail-charte banner, dialog and gating. Contract: docs/banner.md. The second half of
   charte.min.js: make assets wraps consent.js and this file in one function, so consent.js's
   functions (current, allows, serialise...) are in scope, and `return` leaves the script. */
let cfg;
try {
  cfg = JSON.parse(document.getElementById("charte-config").textContent);
} catch {
  return; // no config, or a broken one: nothing to do on this page
}
const cats = cfg.categories, t = cfg.i18n;
const optional = cats.filter((cat) => cat.basis !== "necessary");
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const banner = $("[data-charte-banner]"), dialog = $("[data-charte-dialog]");
const live = $("[data-charte-live]"), gpcNotice = $("[data-charte-gpc]");
const bars = [banner, gpcNotice].filter(Boolean);
const FOCUSABLE = "a[href],button,input:enabled";
let opener = null, choice = current(document.cookie, cfg.cookie, cfg.version, cfg.lifetime);

const category = (slug) => cats.find((cat) => cat.slug === slug);
const isAllowed = (slug) => allows(choice, category(slug));
const fmt = (text, params) => text.replace(/%\((\w+)\)s/g, (m, key) => params[key]);
// Each of `among` (the optional categories by default) set to `value`, or as the choice has it.
const choices = (value, among = optional) =>
  Object.fromEntries(among.map((cat) => [cat.slug, value ?? allows(choice, cat)]));

// Consent Mode: push the `arguments` object, not an array.
function gtag() {
  (window.dataLayer ||= []).push(arguments);
}
// cfg.consentMode: [signal, the slug that grants it or ""], for every signal.
function pushConsent(kind) {
  if (!cfg.consentMode) return;
  gtag("consent", kind, Object.fromEntries(cfg.consentMode.map(([signal, slug]) => [
    signal, kind !== "default" && isAllowed(slug) ? "granted" : "denied",
  ])));
}

function activate() {
  for (const old of $$('script[type="text/plain"][data-charte-category]')) {
    if (!isAllowed(old.dataset.charteCategory)) continue;
    // A copy keeps every attribute, the text and the nonce (for a strict CSP); unlike the
    // original, it runs once inserted, as it never was a script the browser could start.
    const s = old.cloneNode(true), src = old.dataset.charteSrc;
    s.type = ""; // no type: JavaScript
    if (src) s.src = src;
    s.async = false; // keep the order of the page
    old.replaceWith(s);
  }
  $$(":is(iframe,img)[data-charte-src][data-charte-category]").forEach(gateEmbed);
  // Wagtail's embeds (banner/embeds.py): their markup waits in a <template>, whose copy loads
  // and runs once in the page.
  for (const tpl of $$("[data-charte-gate]>template")) {
    const copy = tpl.content.cloneNode(true);
    if (isAllowed(tpl.dataset.charteCategory)) swap(tpl.parentNode, copy.firstElementChild, copy);
  }
  for (const b of $$("[data-charte-allow]")) b.hidden = false; // of no use without the script
}

// A placeholder gives way to `nodes`; focus on it moves to `target`, what it was holding.
function swap(old, target, ...nodes) {
  const focused = old?.contains(document.activeElement);
  old?.replaceWith(...nodes);
  if (focused && target) {
    if (target.tabIndex < 0) target.tabIndex = -1;
    target.focus();
  }
}

function gateEmbed(el) {
  const slug = el.dataset.charteCategory;
  // Its placeholder, right before it (from an earlier call), if any.
  const holder = el.previousElementSibling?.closest("[data-charte-placeholder]");
  el.hidden = !isAllowed(slug);
  if (!el.hidden) {
    swap(holder, el);
    el.src = el.dataset.charteSrc;
    delete el.dataset.charteSrc; // gated no more: the next activate() leaves it alone
  } else if (!holder) {
    // The markup comes with the banner's (scripts.html): the script only fills it in.
    const made = $("#charte-placeholder").content.firstElementChild.cloneNode(true);
    const [p, b] = made.children, name = category(slug)?.name ?? slug;
    p.textContent = fmt(t.placeholder, { title: el.title || el.alt || "", category: name });
    b.textContent = fmt(t.allow, { category: name });
    b.dataset.charteAllow = slug;
    el.before(made);
  }
}

function status() {
  // Each category's line, as the server wrote it, is keyed "true" (allowed), "false", and
  // "null" before any choice.
  for (const el of $$("[data-charte-status]")) {
    el.textContent = optional.map((cat) => cat.status[choice && allows(choice, cat)]).join(t.sep);
  }
  for (const el of $$("[data-charte-id]")) { // the id to quote about one's consent
    el.hidden = !choice;
    $("code", el).textContent = choice ? choice.id : "";
  }
}

function writeCookie(value, maxAge, domain) {
  document.cookie = `${value}; Path=/; Max-Age=${maxAge}${domain ? "; Domain=" + domain : ""}; SameSite=Lax` +
    (location.protocol === "https:" ? "; Secure" : "");
}

function deleteCookies(cat) {
  for (const [name] of cookies(document.cookie)) {
    if (!cat.cookies.some((pattern) => matches(pattern, name))) continue;
    for (const domain of ["", ...parentDomains(location.hostname)]) writeCookie(name + "=", 0, domain);
  }
}

// method: how the choice was made, for the consent log (docs/consent-log.md); note: said after
// the confirmation.
function save(c, from, method, note) {
  const before = choice, said = note ? `${t.saved} ${note}` : t.saved;
  // A later choice has a later ts: the consent log tells two choices apart by id and ts.
  const ts = Math.max(Math.floor(Date.now() / 1000), before ? before.ts + 1 : 0);
  choice = { v: cfg.version, ts, id: before ? before.id : newId(crypto), c };
  writeCookie(`${cfg.cookie}=${serialise(choice)}`, cfg.lifetime * 86400);
  const withdrawn = optional.some((cat) => allows(before, cat) && !allows(choice, cat));
  // Safari caps script-written cookies at 7 days: the server sets it again, and logs the
  // choice with the banner it answered. Fetch sends the cookies of the same origin by default;
  // the endpoint's refusals show in the network panel (and its log, for a foreign origin).
  if (cfg.endpoint) {
    fetch(cfg.endpoint, {
      method: "POST", keepalive: true, headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...choice, snapshot: cfg.snapshot, method: withdrawn ? "withdrawal" : method }),
    }).catch(() => {}); // offline: the cookie the script wrote holds the choice
  }
  // Refused now: its cookies go, even those left by a lapsed choice.
  optional.filter((cat) => !allows(choice, cat)).forEach(deleteCookies);
  pushConsent("update");
  document.dispatchEvent(new CustomEvent("charte:consent", { detail: publicApi.get() }));
  if (withdrawn) {
    // Scripts that already ran must stop. After the reload: focus and confirmation, by history
    // state rather than a storage key the register would have to declare.
    remember({ opener: $$("[data-charte-open]").indexOf(opener), said });
    return location.reload();
  }
  activate();
  status();
  for (const bar of bars) bar.hidden = true;
  room();
  closeDialog(from);
  announce(said);
}

// What to do after the reload that a withdrawal needs, kept in the page's history entry.
const remember = (charte) => history.replaceState({ ...history.state, charte }, "");

const all = (allowed, from) => save(choices(allowed), from, allowed ? "accept_all" : "refuse_all");

function announce(text) {
  if (!live) return;
  live.textContent = ""; // emptied, so the same text is announced again
  setTimeout(() => (live.textContent = text), 100);
}

// Laid out (so in the page) and not in the banner, which hides once a choice is made.
const shown = (el) => el && !banner?.contains(el) && el.getClientRects().length;

function refocus(from) {
  const target = shown(opener) ? opener : shown(from) ? from : $("main") || document.body;
  opener = null;
  if (target.tabIndex < 0) target.tabIndex = -1; // main or body: focusable by script only
  target.focus({ preventScroll: target.tagName === "MAIN" });
}

function open(from) {
  if (!dialog) return;
  opener = from || document.activeElement;
  for (const cat of optional) {
    const value = allows(choice, cat);
    for (const input of inputsOf(cat)) {
      input.checked = input.type === "checkbox" ? value : answered(cat) && input.value === String(value);
    }
  }
  dialog.classList.add("fr-modal--opened");
  if (!dialog.open) dialog.showModal();
  focusDialog();
  setTimeout(focusDialog, 350); // DSFR fades in: focus may fail at first
}

// A checkbox (checked: allowed), or radios valued "true" and "false".
const inputsOf = (cat) => $$(`[data-charte-category="${cat.slug}"]`, dialog);

// Exempt purposes are on until refused; the others are unanswered until the visitor answers.
const answered = (cat) => cat.basis === "exempt" || !!choice && Object.hasOwn(choice.c, cat.slug);

function focusDialog() {
  if (dialog.open && !dialog.contains(document.activeElement)) $(FOCUSABLE, dialog)?.focus();
}

function closeDialog(from) {
  if (dialog?.open) {
    dialog.classList.remove("fr-modal--opened");
    dialog.close();
  } else if (!from) return;
  refocus(from);
}

// Closing with no choice yet means refusing.
const dismiss = () => (choice ? closeDialog() : all(false));

// Saves the dialog's choices. An unanswered purpose stays refused (see `answered`), and the
// confirmation says so.
function saveDialog(from) {
  const c = choices(), unanswered = [];
  for (const cat of optional) {
    const inputs = inputsOf(cat), picked = inputs.find((input) => input.checked);
    if (inputs[0]?.type === "checkbox") c[cat.slug] = inputs[0].checked;
    else if (picked) c[cat.slug] = picked.value === "true";
    else if (inputs[0]) unanswered.push(cat.name);
  }
  save(c, from, "custom", unanswered.length ? fmt(t.unanswered, { categories: unanswered.join(", ") }) : "");
}

document.addEventListener("click", (e) => {
  const el = e.target.closest?.("[data-charte-action],[data-charte-open],[data-charte-allow]");
  if (!el) return;
  const action = el.dataset.charteAction, slug = el.dataset.charteAllow;
  if ("charteOpen" in el.dataset || action === "customize") {
    e.preventDefault();
    open(el);
  } else if (action === "dismiss") {
    gpcNotice.hidden = true;
    room();
  } else if (action === "accept-all" || action === "refuse-all") all(action === "accept-all", el);
  else if (action === "save") saveDialog(el);
  else if (action === "close") dismiss();
  // A placeholder's button: that category too, and focus stays with what it shows.
  else if (slug) save({ ...choices(), [slug]: true }, null, "embed");
});

if (dialog) {
  dialog.addEventListener("cancel", (e) => {
    e.preventDefault();
    dismiss();
  });
  // Tab stays in the dialog, not in the browser's toolbar. Both ends are buttons (close and
  // save), never a disabled, hidden or unchecked element.
  dialog.addEventListener("keydown", (e) => {
    if (e.key !== "Tab") return;
    const items = $$(FOCUSABLE, dialog);
    if (e.shiftKey) items.reverse(); // in the order Tab goes
    if (document.activeElement === items.at(-1)) {
      e.preventDefault();
      items[0].focus();
    }
  });
}

// The banner and the GPC notice, fixed to the bottom of the window, must hide neither the end
// of the page (it gets room below) nor the element that has focus (WCAG 2.4.11: the page
// scrolls it clear, even one taller than the space left above them).
let covered = 0; // the height they cover at the bottom of the window
function room() {
  covered = Math.max(0, ...bars.map((bar) => !bar.hidden && innerHeight - bar.getBoundingClientRect().top));
  document.body.style.paddingBottom = covered ? covered + "px" : "";
}
addEventListener("resize", room);
document.addEventListener("focusin", (e) => {
  const below = e.target.getBoundingClientRect().bottom - innerHeight + covered;
  const clear = !covered || covered >= innerHeight || dialog?.open || bars.some((bar) => bar.contains(e.target));
  if (!clear && below > 0) scrollBy(0, below + 8);
});

const publicApi = window.wagtailCharte = {
  get: () => choice && JSON.parse(JSON.stringify(choice)),
  allows: isAllowed,
  open: () => open(),
  acceptAll: () => all(true),
  refuseAll: () => all(false),
};

pushConsent("default");
if (choice) pushConsent("update");
const back = history.state?.charte;
if (back) {
  remember(null);
  refocus($$("[data-charte-open]")[back.opener]);
  announce(back.said);
}
if (!choice && cfg.gpc && navigator.globalPrivacyControl) {
  save(choices(false, optional.filter((cat) => cat.basis === "consent")), null, "gpc");
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
