"""Shared set-up for benchmarks: Django on a throw-away database, and measuring helpers."""

import gzip
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # benchmarks import the sandbox and its settings


def setup_django():
    """Configures Django with the test settings, migrates a fresh database and loads the demo."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    # Not setup_test_environment(): its template instrumentation would distort timings.
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    with open(os.devnull, "w") as devnull:
        call_command("charte_demo", stdout=devnull)


def count_queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        fn()
    return len(context.captured_queries)


def interleaved_medians(candidates, rounds=200, warmup=20):
    """Median seconds of each callable in `candidates`, run in turn so that drift hits all."""
    for _ in range(warmup):
        for fn in candidates.values():
            fn()
    samples = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, fn in candidates.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class Measure:
    """One line of the report: what was measured, its value, and its goal if it has one."""

    def __init__(self, name, value, goal="", met=None):
        self.name, self.value, self.goal = name, value, goal
        self.verdict = "" if met is None else ("ok" if met else "MISSED")


def print_table(measures):
    """One table for the whole run, as Markdown."""
    rows = [
        ("measure", "value", "goal", ""),
        *((m.name, m.value, m.goal, m.verdict) for m in measures),
    ]
    widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
    for index, row in enumerate(rows):
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
