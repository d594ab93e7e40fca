"""The visitors of the load benchmark (bench_load.py), one class per target.

Each visitor requests as fast as it is answered: the throughput measures the server. A page
that lacks what it should show counts as an error, as a failed request does. Visitors of the
consent log are paced instead, so that its latency measures the endpoint, not a queue.
"""

import json
import os
import time
import uuid

from bench_banner import OTHER_HOST
from locust import FastHttpUser, between, constant, task

BANNER = "data-charte-banner"
# Set by bench_load.py: the charte page, a plain page that holds the same text, and the pace
# of the consent log's visitors.
CHARTE = os.environ["CHARTE_PAGE"]
PLAIN = os.environ["PLAIN_PAGE"]
CHOICES_PER_SECOND = float(os.environ["CHOICES_PER_SECOND"])


class Visitor(FastHttpUser):
    abstract = True
    wait_time = constant(0)

    def page(self, path, name, shows, lacks=None, **kwargs):
        with self.client.get(path, name=name, catch_response=True, **kwargs) as response:
            if shows and shows not in response.text:
                response.failure(f"{shows} missing")
            elif lacks and lacks in response.text:
                response.failure(f"{lacks} present")


class PlainPage(Visitor):
    """The plain page on a site whose banner is off (bench_banner.py makes it)."""

    @task
    def plain(self):
        self.page(PLAIN, "plain page", "</main>", BANNER, headers={"Host": OTHER_HOST})


class BannerPage(Visitor):
    """The same page with the banner."""

    @task
    def with_banner(self):
        self.page(PLAIN, "page with the banner", BANNER)


class ChartePage(Visitor):
    @task
    def charte(self):
        self.page(CHARTE, "charte page", "charte-cookie-tables")


class ConsentEndpoint(Visitor):
    """Posts a choice as the banner's script does: same origin, JSON, the demo's version, and
    the hash of the banner the page showed (read once from a page's config)."""

    def on_start(self):
        page = self.client.get(PLAIN, name="page read for its banner").text
        config = page.split('id="charte-config" type="application/json">', 1)[1]
        config = json.loads(config.split("</script>", 1)[0])
        self.snapshot, self.endpoint = config["snapshot"], config["endpoint"]

    @task
    def choose(self):
        choice = {
            "v": 1,
            "ts": int(time.time()),
            "id": uuid.uuid4().hex,
            "c": {"statistics": uuid.uuid4().int % 2 == 0, "external": False},
            "snapshot": self.snapshot,
            "method": "custom",
        }
        self.client.post(
            self.endpoint,
            data=json.dumps(choice),
            headers={"Content-Type": "application/json", "Origin": self.host},
            name="consent endpoint",
        )


class ConsentLog(ConsentEndpoint):
    """A visitor who posts CHOICES_PER_SECOND choices a second on average, at random moments:
    visitors do not all choose in the same instant."""

    wait_time = between(0, 2 / CHOICES_PER_SECOND)

    def on_start(self):
        super().on_start()
        self.wait()  # arriving at a random moment too
