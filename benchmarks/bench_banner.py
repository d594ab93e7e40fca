"""The banner's weight and cost: gzipped JS+CSS, and a page with the banner against without.

`python benchmarks/run.py banner`, or `python benchmarks/bench_banner.py`.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATIC = HERE.parent / "wagtail_charte" / "static" / "wagtail_charte"
ASSETS = ["consent.js", "banner.js", "banner.css"]  # what the default theme loads
SIZE_GOAL = 6 * 1024
RATIO_GOAL = 1.05
OTHER_HOST = "nobanner.charte.test"


def second_site_without_banner():
    """The same pages served on another host, whose banner is off: the same page without it."""
    from wagtail.models import Site

    from wagtail_charte.models import CookieBannerSettings

    default = Site.objects.get(is_default_site=True)
    site, _ = Site.objects.get_or_create(
        hostname=OTHER_HOST, port=80, defaults={"root_page": default.root_page}
    )
    CookieBannerSettings.objects.update_or_create(site=site, defaults={"enabled": False})
    return site


def run():
    from common import count_queries, gzipped_size, interleaved_medians, report
    from django.test import Client

    files = {name: (STATIC / name).read_bytes() for name in ASSETS}
    sizes = {name: gzipped_size(data) for name, data in files.items()}
    # Served as three files, each gzipped on its own: the sum is what a visitor downloads.
    total = sum(sizes.values())
    rows = [(f"{name} (gzip)", f"{size} B") for name, size in sizes.items()]
    verdict = "ok" if total <= SIZE_GOAL else "OVER"
    rows.append(("JS+CSS, sum of the files (gzip)", f"{total} B (goal ≤ {SIZE_GOAL} B: {verdict})"))
    rows.append(("JS+CSS, one stream (gzip)", f"{gzipped_size(b''.join(files.values()))} B"))
    report("Banner assets (default theme; the DSFR theme loads no CSS)", rows)

    other_site = second_site_without_banner()
    client = Client()

    def with_banner():
        return client.get("/fr/")

    def without_banner():
        return client.get("/fr/", HTTP_HOST=OTHER_HOST)

    assert b"data-charte-banner" in with_banner().content
    assert b"data-charte-banner" not in without_banner().content
    medians = interleaved_medians({"with": with_banner, "without": without_banner})
    ratio = medians["with"] / medians["without"]
    queries_with, queries_without = count_queries(with_banner), count_queries(without_banner)
    verdict = "ok" if ratio <= RATIO_GOAL else "OVER"
    report(
        "Page /fr/ with the banner and without it (warm, interleaved medians)",
        [
            ("with banner", f"{medians['with'] * 1000:.2f} ms"),
            ("without banner", f"{medians['without'] * 1000:.2f} ms"),
            ("ratio", f"{ratio:.3f} (goal ≤ {RATIO_GOAL}: {verdict})"),
            ("queries with banner", queries_with),
            ("queries without banner", queries_without),
            ("extra queries", queries_with - queries_without),
        ],
    )
    other_site.delete()  # leave the demo as the other benchmarks expect it


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from common import setup_django

    setup_django()
    run()
