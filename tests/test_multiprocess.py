"""Several gunicorn workers on Redis and PostgreSQL: a change made in the admin reaches them all.

The servers are real (sandbox/servers.py); the admin is driven over HTTP as a browser would,
with its session cookie and CSRF token. After each change, every one of the next 30 requests,
spread over every worker, must show it.
"""

import json
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, build_opener

import pytest
from django.http import QueryDict
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from sandbox import servers
from wagtail_charte.blocks import ALL_CATEGORIES

pytestmark = pytest.mark.multiprocess

WORKERS = 3
REQUESTS = 30
CLIENTS = 6  # concurrent visitors: enough that every worker serves some of the requests
HOME = "/fr/"
EDITOR_FORM = "w-editor-form"  # Wagtail's snippet and settings edit forms
PAGE_FORM = "page-edit-form"


@pytest.fixture(scope="module")
def served():
    try:
        with servers.production_like(workers=WORKERS) as served:
            yield served
    except servers.Unavailable as missing:
        pytest.skip(str(missing))


class KeepRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # an admin POST answers with a redirect when it succeeds: keep it


class Browser:
    """An HTTP client with a cookie jar, as a browser is to the admin."""

    def __init__(self, base):
        self.base = base
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), KeepRedirects())

    def request(self, path, data=None):
        """(status, body, location) of a GET, or of a POST when `data` is given."""
        if data is not None:
            data = (data.urlencode() if isinstance(data, QueryDict) else urlencode(data)).encode()
        try:
            with self.opener.open(self.base + path, data, timeout=60) as response:
                return response.status, response.read().decode(), None
        except HTTPError as answer:
            return answer.code, answer.read().decode(), answer.headers.get("Location")

    def get(self, path):
        status, body, location = self.request(path)
        assert status == 200, f"GET {path}: {status} {location or ''}"
        return body

    def submit(self, path, form_id, changes):
        """Posts the form as the page shows it, with `changes`; the admin must accept it.

        Returns where the admin then redirects.
        """
        html = self.get(path)
        data = form_data(html, form_id) if form_id else QueryDict(mutable=True)
        for name, value in changes.items():
            data.setlist(name, value if isinstance(value, list) else [value])
        data["csrfmiddlewaretoken"] = csrf_token(html)
        status, body, location = self.request(path, data)
        errors = re.findall(r'class="error-message"[^>]*>\s*<span>([^<]*)', body)
        assert status == 302, f"POST {path}: {status} {errors}"
        return location


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def form_data(html, form_id):
    """What a browser would post of the form, before any change."""
    data = querydict_from_html(html, form_id=form_id)
    form = WagtailTestUtils.get_soup(html).find("form", id=form_id)
    # Django's boolean checkboxes have no value attribute: a browser sends "on".
    for box in form.select("input[type=checkbox][checked]:not([value])"):
        data[box["name"]] = "on"
    # A browser drops the newline that Django writes after <textarea>.
    for area in form.find_all("textarea", attrs={"name": True}):
        data[area["name"]] = area.get_text().removeprefix("\n")
    return data


@pytest.fixture(scope="module")
def admin(served):
    browser = Browser(served.url)
    login = browser.get("/admin/login/")
    status, _, _ = browser.request(
        "/admin/login/",
        {"username": "admin", "password": "changeme", "csrfmiddlewaretoken": csrf_token(login)},
    )
    assert status == 302
    return browser


def visit(served, paths):
    """Each path fetched by a new anonymous visitor, CLIENTS at a time: the pages, and the
    workers that served them."""
    query = f"visit={uuid.uuid4().hex}"  # tells these requests apart in the access log

    def get(path):
        return Browser(served.url).get(f"{path}?{query}")

    with ThreadPoolExecutor(CLIENTS) as pool:
        pages = list(pool.map(get, paths))
    deadline = time.monotonic() + 10
    while True:
        workers = [pid for pid, *_, logged in served.served_by() if logged == query]
        if len(workers) == len(paths) or time.monotonic() > deadline:
            return pages, set(workers)
        time.sleep(0.05)


def every_worker_shows(served, path, shows):
    """The next REQUESTS requests of `path` all pass `shows`, and every worker served some."""
    pages, workers = visit(served, [path] * REQUESTS)
    seen = sum(1 for page in pages if shows(page))
    assert (seen, len(workers)) == (REQUESTS, WORKERS), f"{path}: {seen} of {REQUESTS}"


def banner(page):
    """The banner's config as the page carries it, or None without a banner."""
    found = re.search(r'<script id="charte-config" type="application/json">(.*?)</script>', page)
    return found and json.loads(found[1])


def warm(served, path, shows):
    """Every worker has served `path`, so has cached what it shows, and it `shows` it."""
    workers = set()
    for _ in range(10):
        pages, served_by = visit(served, [path] * 2 * CLIENTS)
        assert all(shows(page) for page in pages), f"{path} does not show it before the change"
        workers |= served_by
        if len(workers) == WORKERS:
            return
    raise AssertionError(f"{path} reached only {len(workers)} of {WORKERS} workers")


@pytest.fixture(scope="module")
def settings_url(admin):
    """The default site's banner settings, where the listing sends the admin."""
    status, _, location = admin.request("/admin/settings/wagtail_charte/cookiebannersettings/")
    assert status == 302
    return location


def charte_page(admin, settings_url):
    """The edit URL and the public path of the policy page, a child of the French home page."""
    edit = f"/admin/pages/{form_data(admin.get(settings_url), EDITOR_FORM)['policy_page']}/edit/"
    return edit, f"{HOME}{form_data(admin.get(edit), PAGE_FORM)['slug']}/"


def links(path):
    return lambda page: f'href="{path}"' in page


def switch_banner(admin, settings_url, enabled):
    admin.submit(settings_url, EDITOR_FORM, {"enabled": "on"} if enabled else {"enabled": []})


def test_switching_the_banner_off_then_on_reaches_every_worker(served, admin, settings_url):
    warm(served, HOME, lambda page: banner(page) is not None)
    switch_banner(admin, settings_url, enabled=False)
    every_worker_shows(served, HOME, lambda page: banner(page) is None)
    switch_banner(admin, settings_url, enabled=True)
    every_worker_shows(served, HOME, lambda page: banner(page) is not None)


def test_raising_the_consent_version_reaches_every_worker(served, admin, settings_url):
    version = banner(Browser(served.url).get(HOME))["version"]
    warm(served, HOME, lambda page: banner(page)["version"] == version)
    ask_again = re.search(r"/admin/charte/banner/\d+/ask-again/", admin.get(settings_url))[0]
    assert admin.submit(ask_again, None, {}) == settings_url
    every_worker_shows(served, HOME, lambda page: banner(page)["version"] == version + 1)


def test_publishing_a_register_change_reaches_every_worker(served, admin, settings_url):
    _, charte = charte_page(admin, settings_url)
    listing = admin.get("/admin/snippets/wagtail_charte/cookie/?locale=fr")
    cookie = re.search(r'href="(/admin/snippets/wagtail_charte/cookie/edit/\d+/)"', listing)[1]
    purpose = f"A purpose written in the admin ({uuid.uuid4().hex})."
    warm(served, charte, lambda page: purpose not in page)
    admin.submit(cookie, EDITOR_FORM, {"purpose": purpose, "action-publish": "action-publish"})
    every_worker_shows(served, charte, lambda page: purpose in page)


def test_publishing_the_charte_page_reaches_every_worker(served, admin, settings_url):
    """Under a new slug: the banner of every page links the policy page."""
    edit, old = charte_page(admin, settings_url)
    warm(served, HOME, links(old))
    slug = f"charte-{uuid.uuid4().hex[:8]}"
    text = f"Published in the admin as {slug}."
    body = streamfield(
        [
            ("paragraph", rich_text(f"<p>{text}</p>")),
            ("cookie_table", {"categories": ALL_CATEGORIES, "heading_level": "h3"}),
            ("consent_preferences", ""),
        ]
    )
    changes = {"slug": slug, "action-publish": "action-publish", **nested_form_data({"body": body})}
    admin.submit(edit, PAGE_FORM, changes)
    new = f"{HOME}{slug}/"
    every_worker_shows(served, HOME, lambda page: links(new)(page) and not links(old)(page))
    every_worker_shows(served, new, lambda page: text in page)
