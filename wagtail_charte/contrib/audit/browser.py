"""The browser audit: headless Chromium before any choice, after "accept all", after "refuse all".

Each pass is a fresh browser context, a visitor with empty storage. Playwright is an optional
extra (`wagtail-charte[audit]`).
"""

import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from django.utils.translation import gettext as _

from wagtail_charte.models.domains import host_of

from .chromium import CHROMIUM, CHROMIUM_ARGS
from .crawl import Fetched, crawl
from .models import PageError, Phase, Tracker
from .observations import Crawl, Observation, observe_set_cookies, party

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

ACCEPT_ALL = '[data-charte-action="accept-all"]'
REFUSE_ALL = '[data-charte-action="refuse-all"]'
# banner.js is deferred: by the load event it has shown the banner, or never will.
BANNER_SECONDS = 5
# Scripts that set cookies once the page has loaded get this long to do it.
SETTLE_SECONDS = 2
# Where the banner posts a choice: its config's endpoint, as banner.js resolves it.
ENDPOINT = """() => {
  const config = document.getElementById("charte-config");
  const endpoint = config && JSON.parse(config.textContent).endpoint;
  return endpoint ? new URL(endpoint, location.href).href : null;
}"""
STORAGE_KEYS = """() => {
  const keys = (storage) => { try { return Object.keys(storage); } catch (e) { return []; } };
  return [keys(window.localStorage), keys(window.sessionStorage)];
}"""


class BrowserUnavailable(Exception):
    """Playwright or Chromium is missing or would not start; the message says which."""


def run_browser(urls, budget, follow_links, executable=None, extra_args=()):
    """The three passes over `urls` (and same-origin links when `follow_links`): a Crawl."""
    if sync_playwright is None:
        raise BrowserUnavailable(
            _("The browser audit needs Playwright: pip install “wagtail-charte[audit]”.")
        )
    executable = executable or (CHROMIUM if Path(CHROMIUM).exists() else None)
    # Playwright's sync API runs an event loop. In a thread of its own it meets neither a loop
    # of the caller's nor Django's refusal of database queries next to one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        job = pool.submit(_run, urls, budget, follow_links, executable, [*extra_args])
        return job.result()


def _run(urls, budget, follow_links, executable, extra_args):
    seen = Crawl()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=[*CHROMIUM_ARGS, *extra_args]
            )
            try:
                visited = Visitor(browser, seen, budget, Phase.BEFORE).first_visit(
                    urls, follow_links
                )
                for action, phase in ((ACCEPT_ALL, Phase.ACCEPTED), (REFUSE_ALL, Phase.REFUSED)):
                    if not Visitor(browser, seen, budget, phase).choose_then_visit(visited, action):
                        break
            finally:
                browser.close()
    except PlaywrightError as error:
        raise BrowserUnavailable(
            _("Chromium failed (%(path)s): %(error)s")
            % {"path": executable or "Playwright", "error": str(error).splitlines()[0]}
        ) from error
    return seen


def answer_choice(route):
    route.fulfill(status=204, headers={"Cache-Control": "no-store"})


class Visitor:
    """One browser context. Until `phase` is reached, what happens there is not recorded."""

    def __init__(self, browser, crawl, budget, phase):
        self.crawl, self.budget, self.target_phase = crawl, budget, phase
        self.phase = phase if phase == Phase.BEFORE else None
        self.page_url = None
        self.known = set()
        self.context = browser.new_context()
        self.context.on("request", self.on_request)
        self.context.on("response", self.on_response)
        self.page = self.context.new_page()

    def first_visit(self, urls, follow_links):
        """Visits `urls` before any choice, and returns the pages loaded, for the next passes."""
        try:
            crawl(self.fetch, urls, self.budget, follow_links, result=self.crawl)
        finally:
            self.context.close()
        return [page["url"] for page in self.crawl.pages]

    def fetch(self, url, seconds):
        # Set-Cookie is recorded as responses arrive; Chromium follows redirects itself.
        status, html, error = self.visit(url)
        return Fetched(status=status, html=html, error=error)

    def choose_then_visit(self, urls, action):
        """Clicks `action` on the first page that offers it, then visits `urls` again.

        False when no page has the banner: then there is no choice to test.
        """
        try:
            if not self.click_on_first_banner(urls, action):
                self.crawl.banner_missing = True
                return False
            for url in urls:
                if self.budget.remaining <= 0:
                    self.crawl.truncated = True
                    break
                self.visit(url)
            return True
        finally:
            self.context.close()

    def click_on_first_banner(self, urls, action):
        for url in urls:
            if self.budget.remaining <= 0:
                return False
            self.visit(url)
            button = self.page.locator(action).first
            if not button.count():
                continue
            try:
                button.wait_for(state="visible", timeout=self.ms(BANNER_SECONDS))
                self.keep_choice_from_the_log()
                self.phase = self.target_phase
                button.click(timeout=self.ms(BANNER_SECONDS))
            except PlaywrightError:
                self.phase = None
                continue
            self.settle()
            self.observe()
            return True
        return False

    def keep_choice_from_the_log(self):
        """Answers the banner's POST of its choice in the browser, as the endpoint would (the
        endpoint takes nothing else).

        The audit's "accept all" and "refuse all" are no visitor's: sent on, they would enter
        the site's consent log and statistics, production's legal record with --url. The
        cookie the choice sets is still seen: banner.js writes it before it posts.
        """
        endpoint = self.page.evaluate(ENDPOINT)
        if endpoint:
            self.context.route(lambda url: url == endpoint, answer_choice)

    def ms(self, seconds=None):
        """Playwright's timeout for a step of `seconds` (a page's by default), within the run's:
        never 0, which Playwright reads as no timeout at all."""
        return max(round(self.budget.page_time(seconds) * 1000), 1)

    def visit(self, url):
        """(status, HTML, PageError) of the page; status 0 when it did not load."""
        self.page_url = url
        try:
            response = self.page.goto(url, wait_until="load", timeout=self.ms())
        except PlaywrightTimeout:
            return 0, None, PageError.TIMEOUT
        except PlaywrightError:
            return 0, None, PageError.CONNECTION
        self.settle()
        self.observe()
        if response is None:
            return 0, None, PageError.CONNECTION
        html = None
        if (response.header_value("content-type") or "").startswith("text/html"):
            try:
                html = response.text()
            except PlaywrightError:
                html = None
        return response.status, html, ""

    def settle(self):
        with suppress(PlaywrightError):
            self.page.wait_for_load_state("networkidle", timeout=self.ms(SETTLE_SECONDS))

    def on_request(self, request):
        if self.phase:
            self.crawl.requests.append((request.url, self.page_url, self.phase))

    def on_response(self, response):
        if not self.phase:
            return
        try:
            headers = response.headers_array()
        except PlaywrightError:
            return
        values = [h["value"] for h in headers if h["name"].lower() == "set-cookie"]
        observe_set_cookies(self.crawl, values, response.url, self.page_url, self.phase)

    def observe(self):
        """Records what the cookie jar and the page's storage hold that is new."""
        now = time.time()
        found = [
            (Tracker.COOKIE, c["name"], c["domain"].lstrip("."), c["value"], c["expires"])
            for c in self.context.cookies()
        ]
        try:
            local, session = self.page.evaluate(STORAGE_KEYS)
        except PlaywrightError:
            local, session = [], []
        host = host_of(self.page.url)
        found += [(Tracker.LOCAL, key, host, None, -1) for key in local]
        found += [(Tracker.SESSION, key, host, None, -1) for key in session]
        for tracker, name, domain, value, expires in found:
            # A cookie written again has a new expiry, even with the same value: it counts.
            key = (tracker, name, domain, value, expires)
            if key in self.known:
                continue
            self.known.add(key)
            if self.phase:
                self.crawl.observations.append(
                    Observation(
                        name=name,
                        tracker=tracker,
                        domain=domain,
                        party=party(domain, self.page_url),
                        lifetime_seconds=int(expires - now) if expires > 0 else None,
                        url=self.page_url,
                        phase=self.phase,
                    )
                )
