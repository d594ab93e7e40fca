"""The charte page against a plain Wagtail page holding the same text, for growing registers.

Run alone with `python benchmarks/bench_page.py`, or with the others through `run.py`.
"""

import sys
import uuid
from functools import partial
from pathlib import Path

from common import count_queries, interleaved_medians, report, setup_django

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
    """A request right after a register change: nothing of the register is cached."""
    from wagtail_charte import cache

    def get():
        cache.invalidate(cache.REGISTER)  # what a register change does
        return client.get(url)

    return get


def run():
    from wagtail_charte.models import CookiePolicyPage

    client = Client()
    charte_url = CookiePolicyPage.objects.get(locale__language_code="en").url
    rows = []
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
        rows += [
            (
                f"{size} cookies: SQL queries, cold / warm (plain page)",
                f"{count_queries(cold(client, charte_url))} / {count_queries(warm)} "
                f"({count_queries(plain)})",
            ),
            (
                f"{size} cookies: render time ratio to plain, warm",
                f"{medians['warm'] / medians['plain']:.2f} "
                f"({medians['warm'] * 1000:.1f} ms / {medians['plain'] * 1000:.1f} ms)",
            ),
            (
                f"{size} cookies: render time ratio to plain, cold",
                f"{medians['cold'] / medians['plain']:.2f} ({medians['cold'] * 1000:.1f} ms)",
            ),
        ]
    report("Charte page: queries and render time against a plain page", rows)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    setup_django()
    run()
