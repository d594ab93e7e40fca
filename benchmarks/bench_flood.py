"""The consent endpoint flooded: its limits hold while honest visitors keep their pace.

Three gunicorn workers on Redis and PostgreSQL (sandbox/servers.py), the client's address
read from X-Forwarded-For as behind a proxy. For DURATION seconds, side by side:
- one client posts choices as fast as it is answered, each under a new consent id;
- one address posts as fast as it can under 50 consent ids in turn;
- 50 honest visitors, each from an address of its own, post one choice a second on average.
The rows stored per flooder are compared with the limit (CONSENT_RATE_PER_ADDRESS a minute),
and the honest visitors' answers and latency are reported.
`python benchmarks/run.py flood`, or `python benchmarks/bench_flood.py`.
"""

import http.client
import json
import random
import re
import statistics
import threading
import time
import uuid
from urllib.parse import urlsplit

from common import Measure

from sandbox import servers

DURATION = 20
HONEST = 50
LIMIT = 60  # the default CONSENT_RATE_PER_ADDRESS
FLOODER, SPRAYER = "81.0.0.1", "81.0.0.2"


class Client:
    """One keep-alive connection to the sandbox, posting choices from one address."""

    def __init__(self, url, config, address):
        self.connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=30)
        self.config, self.address, self.origin = config, address, url

    def choose(self, consent_id):
        """Posts a refusal; returns (status, seconds)."""
        body = {
            "v": self.config["version"],
            "ts": int(time.time()),
            "id": consent_id,
            "c": {"statistics": False, "external": False},
            "snapshot": self.config["snapshot"],
            "method": "refuse_all",
        }
        headers = {
            "Content-Type": "application/json",
            "Origin": self.origin,
            "X-Forwarded-For": self.address,
        }
        start = time.perf_counter()
        self.connection.request("POST", self.config["endpoint"], json.dumps(body), headers)
        response = self.connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - start


def flood(client, ids, until, statuses):
    while time.monotonic() < until:
        statuses.append(client.choose(next(ids))[0])


def honest(client, until, answers, rng):
    time.sleep(rng.uniform(0, 1))  # visitors do not all arrive in the same instant
    while time.monotonic() < until:
        answers.append(client.choose(uuid.uuid4().hex))
        time.sleep(rng.uniform(0, 2))


def cycle(ids):
    while True:
        yield from ids


def run():
    env = {"CLIENT_ADDRESS_HEADER": "X-Forwarded-For"}
    with servers.production_like(workers=3, env=env) as served:
        page = http.client.HTTPConnection(urlsplit(served.url).netloc, timeout=30)
        page.request("GET", "/fr/")
        html = page.getresponse().read().decode()
        config = json.loads(re.search(r'id="charte-config"[^>]*>(.*?)</script>', html)[1])
        until = time.monotonic() + DURATION
        flooded, sprayed, answers = [], [], []
        rng = random.Random(7)
        threads = [
            threading.Thread(
                target=flood,
                args=(
                    Client(served.url, config, FLOODER),
                    (uuid.uuid4().hex for _ in iter(int, 1)),
                    until,
                    flooded,
                ),
            ),
            threading.Thread(
                target=flood,
                args=(
                    Client(served.url, config, SPRAYER),
                    cycle([uuid.uuid4().hex for _ in range(50)]),
                    until,
                    sprayed,
                ),
            ),
            *(
                threading.Thread(
                    target=honest,
                    args=(
                        Client(served.url, config, f"82.0.{n // 250}.{n % 250 + 1}"),
                        until,
                        answers,
                        rng,
                    ),
                )
                for n in range(HONEST)
            ),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return measures(flooded, sprayed, answers)


def measures(flooded, sprayed, answers):
    # The windows are whole minutes: a run can straddle two.
    most = LIMIT * (DURATION // 60 + 2)
    honest_errors = sum(1 for status, _ in answers if status != 204)
    latencies = sorted(seconds * 1000 for _, seconds in answers)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    result = []
    for name, statuses in (("one client", flooded), ("50 ids from one address", sprayed)):
        accepted = statuses.count(204)
        result.append(
            Measure(
                f"flood, {name}: choices accepted / sent in {DURATION} s (429 refused)",
                f"{accepted} / {len(statuses)} ({statuses.count(429)})",
                f"≤ {most}",
                accepted <= most,
            )
        )
    return [
        *result,
        Measure(
            f"flood, {HONEST} honest visitors: choices refused",
            f"{honest_errors} of {len(answers)}",
            "0",
            honest_errors == 0,
        ),
        Measure(
            f"flood, {HONEST} honest visitors: p50 / p99",
            f"{statistics.median(latencies):.0f} ms / {p99:.0f} ms",
            "p99 < 50 ms",
            p99 < 50,
        ),
    ]


if __name__ == "__main__":
    from common import print_table

    print_table(run())
