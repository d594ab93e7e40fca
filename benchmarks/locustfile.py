"""The visitors of the load benchmark (bench_load.py), one class per target.

Each visitor requests as fast as it is answered: the throughput measures the server. A page
that lacks what it should show counts as an error, as a failed request does. Visitors of the
consent log are paced instead, so that its latency measures the endpoint, not a queue.
"""

import itertools
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

    name = "consent endpoint"
    # What the site's proxy would say of the client (X-Forwarded-For): None, nothing.
    address = None

    def on_start(self):
        page = self.client.get(PLAIN, name="page read for its banner").text
        config = page.split('id="charte-config" type="application/json">', 1)[1]
        config = json.loads(config.split("</script>", 1)[0])
        self.snapshot, self.endpoint = config["snapshot"], config["endpoint"]

    def consent_id(self):
        return uuid.uuid4().hex

    @task
    def choose(self):
        choice = {
            "v": 1,
            "ts": int(time.time()),
            "id": self.consent_id(),
            "c": {"statistics": uuid.uuid4().int % 2 == 0, "external": False},
            "snapshot": self.snapshot,
            "method": "custom",
        }
        headers = {"Content-Type": "application/json", "Origin": self.host}
        if self.address:
            headers["X-Forwarded-For"] = self.address
        # The query names the client in the access log; the endpoint reads only `lang`.
        with self.client.post(
            f"{self.endpoint}&client={self.name.replace(' ', '-')}",
            data=json.dumps(choice),
            headers=headers,
            name=self.name,
            catch_response=True,
        ) as response:
            if response.status_code == 429 and self.flooding:
                response.success()  # the limit holding, as it should

    flooding = False


class ConsentLog(ConsentEndpoint):
    """A visitor who posts CHOICES_PER_SECOND choices a second on average, at random moments:
    visitors do not all choose in the same instant."""

    wait_time = between(0, 2 / CHOICES_PER_SECOND)

    def on_start(self):
        super().on_start()
        self.wait()  # arriving at a random moment too


# The flood benchmark (bench_flood.py): two flooders beside honest visitors, each from an
# address of its own as the site's proxy reports it.
class HonestVisitor(ConsentLog):
    name = "honest visitor"
    count = itertools.count(1)

    def on_start(self):
        number = next(HonestVisitor.count)
        self.address = f"82.0.{number // 250}.{number % 250 + 1}"
        super().on_start()


class OneClient(ConsentEndpoint):
    """Posts as fast as it is answered, a new consent id each time."""

    fixed_count = 1
    name = "flood one client"
    address = "81.0.0.1"
    flooding = True


class FiftyIds(OneClient):
    """Posts as fast as it is answered from one address, under 50 consent ids in turn."""

    name = "flood 50 ids"
    address = "81.0.0.2"

    def on_start(self):
        super().on_start()
        self.ids = itertools.cycle([uuid.uuid4().hex for _ in range(50)])

    def consent_id(self):
        return next(self.ids)
