"""The consent endpoint flooded: its limits hold while honest visitors keep their pace.

Three gunicorn workers on Redis and PostgreSQL (sandbox/servers.py), the client's address
read from X-Forwarded-For as behind a proxy, driven by locust (locustfile.py) for DURATION
seconds, side by side:
- one client posting as fast as it is answered, a new consent id each time;
- one address posting as fast as it is answered under 50 consent ids in turn;
- 50 honest visitors, each from an address of its own, one choice a second on average.
The choices each flooder got accepted (204s in gunicorn's access log) are compared with
the limit, CONSENT_RATE_PER_ADDRESS a minute; the honest visitors' errors and p99 are
reported, against the same visitors alone first (the baseline).
`python benchmarks/run.py flood`, or `python benchmarks/bench_flood.py`.
"""

import tempfile
from pathlib import Path

from bench_load import DURATION, USERS, locust
from common import Measure

from sandbox import servers

LIMIT = 60  # the default CONSENT_RATE_PER_ADDRESS
FLOODERS = {"flood one client": "one client", "flood 50 ids": "50 ids from one address"}
HONEST = "honest visitor"


def run():
    env = {"CLIENT_ADDRESS_HEADER": "X-Forwarded-For"}
    pages = {"CHARTE_PAGE": "/fr/charte-cookies/", "PLAIN_PAGE": "/fr/", "CHOICES_PER_SECOND": "1"}
    with (
        servers.production_like(workers=3, env=env) as served,
        tempfile.TemporaryDirectory() as out,
    ):
        alone = locust(served.url, "HonestVisitor", HONEST, Path(out) / "alone", pages)
        rows = locust(
            served.url,
            "HonestVisitor",
            (HONEST, *FLOODERS),
            Path(out) / "flood",
            pages,
            users=USERS + len(FLOODERS),
            others=("OneClient", "FiftyIds"),
        )
        answered = served.served_by()
    return measures(alone, dict(zip((HONEST, *FLOODERS), rows, strict=True)), answered)


def measures(alone, rows, answered):
    # Counted per minute: a run can straddle two minutes, or more.
    most = LIMIT * (DURATION // 60 + 2)
    result = []
    for name, label in FLOODERS.items():
        client = f"client={name.replace(' ', '-')}"
        statuses = [status for *_, status, query in answered if client in query]
        accepted = statuses.count("204")
        result.append(
            Measure(
                f"flood, {label}: accepted / sent in {DURATION} s (429)",
                f"{accepted} / {len(statuses)} ({statuses.count('429')})",
                f"≤ {most}",
                accepted <= most,
            )
        )
    honest = rows[HONEST]
    errors = int(honest["Failure Count"])
    p99 = float(honest["99%"])
    return [
        Measure(
            f"flood, baseline: {USERS} honest visitors alone, p50 / p99",
            f"{alone['50%']} ms / {float(alone['99%']):.0f} ms",
        ),
        *result,
        Measure(
            f"flood, {USERS} honest visitors beside it: refused",
            f"{errors} of {honest['Request Count']}",
            "0",
            errors == 0,
        ),
        Measure(
            f"flood, {USERS} honest visitors beside it: p50 / p99",
            f"{honest['50%']} ms / {p99:.0f} ms",
            "p99 < 50 ms",
            p99 < 50,
        ),
        Measure(
            f"flood, {USERS} honest visitors: p99 beside it / alone",
            f"{p99 / float(alone['99%']):.2f}",
            "≤ 1.5",
            p99 <= 1.5 * float(alone["99%"]),
        ),
    ]


if __name__ == "__main__":
    from common import print_table

    print_table(run())
