"""The visitors of the load benchmark (bench_load.py), one class per target.

Each visitor requests as fast as it is answered: the throughput measures the server.
"""

import json
import time
import uuid

from bench_banner import OTHER_HOST
from locust import FastHttpUser, constant, task


class Visitor(FastHttpUser):
    abstract = True
    wait_time = constant(0)


class PlainPage(Visitor):
    """The same page on a site whose banner is off (bench_banner.py makes it)."""

    @task
    def home_without_banner(self):
        self.client.get("/fr/", headers={"Host": OTHER_HOST}, name="plain page")


class BannerPage(Visitor):
    @task
    def home_with_banner(self):
        self.client.get("/fr/", name="page with the banner")


class ChartePage(Visitor):
    @task
    def charte(self):
        self.client.get("/fr/charte-cookies/", name="charte page")


class ConsentEndpoint(Visitor):
    """Posts a choice as the banner's script does: same origin, JSON, the demo's version."""

    @task
    def choose(self):
        choice = {
            "v": 1,
            "ts": int(time.time()),
            "id": uuid.uuid4().hex,
            "c": {"statistics": uuid.uuid4().int % 2 == 0, "external": False},
        }
        self.client.post(
            "/charte/consent/",
            data=json.dumps(choice),
            headers={"Content-Type": "application/json", "Origin": self.host},
            name="consent endpoint",
        )
