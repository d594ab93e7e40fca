"""The charte page against a plain Wagtail page holding the same text, for growing registers.

`python benchmarks/run.py page`. "Cold" is the first request after a register change: the
whole body renders again. Simplicity wins there; the warm path is what visitors meet.
"""

import uuid
from functools import partial

from common import Measure, count_queries, interleaved_medians

SIZES = (10, 100, 1000)
ROUNDS = {10: 200, 100: 200, 1000: 40}


def fill_register(start, stop):
    """Adds cookies `start`..`stop` to the register, published in French and in English."""
    from django.utils import timezone
    from wagtail.models import Locale

    from wagtail_charte.models import Cookie, CookieCategory, CookieProvider

    now = timezone.now()
    rows = []
    for code in ("fr", "en"):
        locale = Locale.objects.get(language_code=code)
        provider = CookieProvider.objects.get(locale=locale, name="Opendatasoft")
        category = CookieCategory.objects.get(locale=locale, slug="necessary")
        rows += [
            Cookie(
                locale=locale,
                translation_key=uuid.UUID(int=index + 1),
                name=f"bench_{index}",
                provider=provider,
                category=category,
                service=f"Service {index} ({code})",
                purpose=f"Purpose of cookie {index}, in {code}.",
                live=True,
                last_published_at=now,
            )
            for index in range(start, stop)
        ]
    Cookie.objects.bulk_create(rows)


def plain_page_with_the_same_text(charte_html):
    """A sandbox HomePage whose rich text is the visible text of the charte page's main."""
    import re

    from wagtail.models import Locale

    from sandbox.home.models import HomePage

    main = re.search(r"<main[^>]*>(.*)</main>", charte_html, re.DOTALL)[1]
    paragraphs = [
        text.strip() for text in re.split(r"<[^>]+>", main) if text.strip() and "{" not in text
    ]
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="en"), depth=2)
    page = HomePage.objects.child_of(home).filter(slug="bench-plain").first()
    if page is None:
        page = home.add_child(instance=HomePage(title="Plain", slug="bench-plain", body=body))
    page.body = body
    page.save_revision().publish()
    return page.url


class Client:
    """Requests through the whole middleware stack, without the test client.

    The test client records the context of every template rendered, which would weigh more
    on the page with more templates and distort the comparison.
    """

    def __init__(self):
        from django.core.handlers.base import BaseHandler
        from django.test import RequestFactory

        self.factory = RequestFactory()
        self.handler = BaseHandler()
        self.handler.load_middleware()

    def get(self, url):
        response = self.handler.get_response(self.factory.get(url))
        response.content  # noqa: B018 (a streaming or lazy response renders here)
        return response


def cold(client, url):
    """A request right after a register change: the page's body is not cached."""
    from wagtail_charte import cache

    def get():
        cache.invalidate(cache.PAGES)  # what a register change does to the page
        return client.get(url)

    return get


COLD_GOALS = {100: 3.0, 1000: 5.0}
WARM_GOAL = 1.1


def run():
    from wagtail_charte.models import CookiePolicyPage

    client = Client()
    charte_url = CookiePolicyPage.objects.get(locale__language_code="en").url
    measures = []
    filled = 0
    for size in SIZES:
        fill_register(filled, size)
        filled = size
        charte = cold(client, charte_url)()
        assert charte.status_code == 200 and f"bench_{size - 1}".encode() in charte.content
        plain = partial(client.get, plain_page_with_the_same_text(charte.content.decode()))
        warm = partial(client.get, charte_url)
        medians = interleaved_medians(
            {"warm": warm, "cold": cold(client, charte_url), "plain": plain},
            rounds=ROUNDS[size],
            warmup=5,
        )
        queries = {"cold": count_queries(cold(client, charte_url)), "warm": count_queries(warm)}
        queries["plain"] = count_queries(plain)
        ratios = {name: medians[name] / medians["plain"] for name in ("warm", "cold")}
        goal = COLD_GOALS.get(size)
        measures += [
            Measure(
                f"charte page, {size} cookies: queries cold / warm / plain page",
                f"{queries['cold']} / {queries['warm']} / {queries['plain']}",
                "warm = plain",
                queries["warm"] <= queries["plain"],
            ),
            Measure(
                f"charte page, {size} cookies: time warm / plain page",
                f"{ratios['warm']:.2f} ({medians['warm'] * 1000:.1f} ms / "
                f"{medians['plain'] * 1000:.1f} ms)",
                f"≤ {WARM_GOAL}",
                ratios["warm"] <= WARM_GOAL,
            ),
            Measure(
                f"charte page, {size} cookies: time cold / plain page",
                f"{ratios['cold']:.2f} ({medians['cold'] * 1000:.1f} ms)",
                f"≤ {goal}" if goal else "",
                ratios["cold"] <= goal if goal else None,
            ),
        ]
    return measures
