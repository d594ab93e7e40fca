"""Throughput under load: the sandbox as in production, driven by locust on loopback.

Three gunicorn workers on Redis and PostgreSQL (sandbox/servers.py), then, for each target in
turn, USERS visitors for DURATION seconds, each requesting as fast as it is answered. The
plain page holds the charte page's text (bench_page.py makes it), on a site without the
banner (bench_banner.py makes it); the page with the banner is the same on the main site.
The consent log is measured apart: USERS visitors who each post CHOICES_PER_SECOND choices a
second on average (50 a second, 180,000 an hour: many times a busy site's peak), so its p99 is the
endpoint's, not a queue's. The rows stored are then compared with the choices the server
answered with a 2xx, counted in its access log.
`python benchmarks/run.py load`, or `python benchmarks/bench_load.py`.
"""

import csv
import os
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from bench_banner import OTHER_HOST
from common import Measure

from sandbox import servers

HERE = Path(__file__).resolve().parent
USERS = 50
DURATION = 30
# The user class of benchmarks/locustfile.py for each target, the plain page first.
TARGETS = {
    "plain page": "PlainPage",
    "page with the banner": "BannerPage",
    "charte page": "ChartePage",
    "consent endpoint": "ConsentEndpoint",
}
RATIO_GOALS = {"page with the banner": 0.9, "charte page": 0.9}
CHOICES_PER_SECOND = 1
ENDPOINT = "/charte/consent/"


# Makes the plain page and the site without the banner; prints the two pages' paths.
SETUP = f"""
import sys
from urllib.parse import urlsplit
sys.path.insert(0, {str(HERE)!r})
from django.test import Client
from bench_banner import second_site_without_banner
from bench_page import plain_page_with_the_same_text
from wagtail_charte.models import CookiePolicyPage
charte = CookiePolicyPage.objects.get(locale__language_code="en").get_url_parts()[2]
plain = plain_page_with_the_same_text(Client().get(charte).content.decode())
second_site_without_banner()
print(charte, urlsplit(plain).path)
"""


def warm_up(url, pages, rounds=20):
    """Every worker serves each page before the measures: its first requests are slower."""

    def get(page):
        path, host = page
        # Our own server on loopback: no other scheme can come in.
        request = urllib.request.Request(url + path, headers={"Host": host})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(get, pages * rounds))


def locust(url, user_class, name, csv_prefix, pages, users=USERS, others=()):
    """Runs one target headless (with `others`, user classes beside it); returns locust's
    statistics of the requests named `name`, or of each name in `name` if it is a tuple.

    Stopped users finish the request they are in, so that every request sent is counted.
    """
    done = subprocess.run(
        [
            *(sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py")),
            *(user_class, *others),
            *("--headless", "--only-summary", "--loglevel", "WARNING", "--host", url),
            *("--users", str(users), "--spawn-rate", str(users), "--run-time", f"{DURATION}s"),
            *("--csv", str(csv_prefix), "--exit-code-on-error", "0", "--stop-timeout", "10"),
        ],
        env={**os.environ, **pages},
        capture_output=True,
        text=True,
        timeout=DURATION + 60,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"locust failed on {user_class}:\n{done.stderr[-3000:]}")
    with open(f"{csv_prefix}_stats.csv", newline="") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    return tuple(rows[n] for n in name) if isinstance(name, tuple) else rows[name]


# Counts the consent log's rows, once the endpoint's load is over.
COUNT_RECORDS = (
    "from wagtail_charte.models import ConsentRecord; print(ConsentRecord.objects.count())"
)


def run():
    with servers.production_like(workers=3) as served, tempfile.TemporaryDirectory() as out:
        charte, plain = served.manage("shell", "-c", SETUP).split()[-2:]
        host = urlsplit(served.url).netloc
        warm_up(served.url, [(plain, OTHER_HOST), (plain, host), (charte, host)])
        env = {
            "CHARTE_PAGE": charte,
            "PLAIN_PAGE": plain,
            "CHOICES_PER_SECOND": str(CHOICES_PER_SECOND),
        }
        results = {
            name: locust(served.url, user_class, name, Path(out) / user_class, env)
            for name, user_class in TARGETS.items()
        }
        paced = locust(served.url, "ConsentLog", "consent endpoint", Path(out) / "log", env)
        stored = int(served.manage("shell", "-c", COUNT_RECORDS).split()[-1])
        answered = sum(
            1
            for _, method, path, status, _ in served.served_by()
            if (method, path) == ("POST", ENDPOINT) and status.startswith("2")
        )
    return [*throughput_measures(results), *consent_log_measures(paced, stored, answered)]


def throughput_measures(results):
    plain = float(results["plain page"]["Requests/s"])
    measures = []
    for name, row in results.items():
        throughput = float(row["Requests/s"])
        ratio = throughput / plain
        goal = RATIO_GOALS.get(name)
        errors = int(row["Failure Count"])
        measures += [
            Measure(
                f"load, {name}: requests/s (ratio to the plain page)",
                f"{throughput:.0f} ({ratio:.2f})",
                f"≥ {goal}" if goal else "",
                ratio >= goal if goal else None,
            ),
            Measure(f"load, {name}: p50 / p99", f"{row['50%']} ms / {row['99%']} ms"),
            Measure(
                f"load, {name}: errors", f"{errors} of {row['Request Count']}", "0", errors == 0
            ),
        ]
    return measures


def consent_log_measures(paced, stored, answered):
    """Every choice the server accepted is a row of the consent log, and nothing else is."""
    errors = int(paced["Failure Count"])
    p99 = float(paced["99%"])
    return [
        Measure(
            "consent log: rows stored / choices answered 2xx (whole run)",
            f"{stored} / {answered}",
            "equal",
            stored == answered,
        ),
        Measure(
            f"consent log, {USERS} visitors, {USERS * CHOICES_PER_SECOND} choices/s: errors",
            f"{errors} of {paced['Request Count']}",
            "0",
            errors == 0,
        ),
        Measure(
            f"consent log, {USERS} visitors, {USERS * CHOICES_PER_SECOND} choices/s: p50 / p99",
            f"{paced['50%']} ms / {p99:.0f} ms",
            "p99 < 50 ms",
            p99 < 50,
        ),
    ]
