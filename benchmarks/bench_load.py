"""Throughput under load: the sandbox as in production, driven by locust on loopback.

Three gunicorn workers on Redis and PostgreSQL (sandbox/servers.py), then, for each target in
turn, USERS visitors for DURATION seconds, each requesting as fast as it is answered.
`python benchmarks/run.py load`, or `python benchmarks/bench_load.py`.
"""

import csv
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_banner import OTHER_HOST
from common import report

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


# Requested before measuring, so that every worker has served each page: first ones are slower.
WARM_UP = [("/fr/", "127.0.0.1"), ("/fr/", OTHER_HOST), ("/fr/charte-cookies/", "127.0.0.1")]


def warm_up(url, rounds=20):
    def get(page):
        path, host = page
        # Our own server on loopback: no other scheme can come in.
        request = urllib.request.Request(url + path, headers={"Host": host})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(get, WARM_UP * rounds))


def locust(url, user_class, csv_prefix):
    """Runs one target headless; returns its aggregated row of locust's statistics."""
    done = subprocess.run(
        [
            *(sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), user_class),
            *("--headless", "--only-summary", "--loglevel", "WARNING", "--host", url),
            *("--users", str(USERS), "--spawn-rate", str(USERS), "--run-time", f"{DURATION}s"),
            *("--csv", str(csv_prefix), "--exit-code-on-error", "0"),
        ],
        capture_output=True,
        text=True,
        timeout=DURATION + 60,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"locust failed on {user_class}:\n{done.stderr[-3000:]}")
    with open(f"{csv_prefix}_stats.csv", newline="") as stats:
        return next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")


def run():
    rows = []
    with servers.production_like(workers=3) as served, tempfile.TemporaryDirectory() as out:
        # The plain page: the same pages on another host, whose banner is off.
        served.manage(
            "shell",
            "-c",
            f"import sys; sys.path.insert(0, {str(HERE)!r}); "
            "from bench_banner import second_site_without_banner; second_site_without_banner()",
        )
        warm_up(served.url)
        results = {
            name: locust(served.url, user_class, Path(out) / user_class)
            for name, user_class in TARGETS.items()
        }
    plain = float(results["plain page"]["Requests/s"])
    for name, row in results.items():
        throughput = float(row["Requests/s"])
        ratio = throughput / plain
        goal = RATIO_GOALS.get(name)
        verdict = "" if goal is None else f" (goal ≥ {goal}: {'ok' if ratio >= goal else 'UNDER'})"
        errors = int(row["Failure Count"])
        rows += [
            (f"{name}: requests/s, ratio to plain", f"{throughput:.0f}, {ratio:.2f}{verdict}"),
            (f"{name}: p50 / p99", f"{row['50%']} ms / {row['99%']} ms"),
            (
                f"{name}: errors",
                f"{errors} of {row['Request Count']} ({'ok' if errors == 0 else 'goal: 0'})",
            ),
        ]
    report(
        f"Under load: {USERS} visitors for {DURATION} s per target, 3 gunicorn workers, "
        "Redis, PostgreSQL",
        rows,
    )


if __name__ == "__main__":
    run()
