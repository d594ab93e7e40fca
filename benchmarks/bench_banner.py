"""The banner's weight and cost: what the default theme downloads, against two peers measured
in the same run, and a page with the banner against the same page without it: a page of text,
and the home page, whose five embeds the banner gates.

`python benchmarks/run.py banner`.
"""

from pathlib import Path

from common import Measure, count_queries, gzipped_size, interleaved_medians

HERE = Path(__file__).resolve().parent
STATIC = HERE.parent / "wagtail_charte" / "static" / "wagtail_charte"
NODE_MODULES = HERE.parent / "node_modules"
# What each banner needs on a page, as its own documentation tells to load it.
PEERS = {
    "cookieconsent v3": [
        "vanilla-cookieconsent/dist/cookieconsent.umd.js",
        "vanilla-cookieconsent/dist/cookieconsent.css",
    ],
    "tarteaucitron (core, French)": [
        "tarteaucitronjs/tarteaucitron.min.js",
        "tarteaucitronjs/css/tarteaucitron.min.css",
        "tarteaucitronjs/lang/tarteaucitron.fr.min.js",
    ],
}
SIZE_GOAL = 4608
REQUESTS_GOAL = 2
RATIO_GOAL = 1.02
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


def assets_of(html, theme):
    """The scripts and stylesheets of ours that the banner's markup loads."""
    import re

    found = re.findall(r'(?:src|href)="/static/wagtail_charte/([^"]+)"', html)
    assert found, f"no asset in the {theme} theme's markup"
    return found


def downloads():
    """Gzipped bytes and requests of our banner in both themes, and of the peers."""
    from django.test import Client

    from wagtail_charte import cache
    from wagtail_charte.models import CookieBannerSettings

    client = Client()
    measures = []
    for theme in ("default", "dsfr"):
        CookieBannerSettings.objects.update(theme=theme)
        cache.invalidate()  # update() sends no signal
        names = assets_of(client.get("/fr/").content.decode(), theme)
        size = sum(gzipped_size((STATIC / name).read_bytes()) for name in names)
        measures.append(
            Measure(
                f"banner, {theme} theme: JS+CSS gzipped, requests",
                f"{size} B, {len(names)} ({', '.join(names)})",
                f"≤ {SIZE_GOAL} B, ≤ {REQUESTS_GOAL}",
                size <= SIZE_GOAL and len(names) <= REQUESTS_GOAL,
            )
        )
    CookieBannerSettings.objects.update(theme="default")
    cache.invalidate()
    for peer, files in PEERS.items():
        size = sum(gzipped_size((NODE_MODULES / name).read_bytes()) for name in files)
        measures.append(Measure(f"peer: {peer}, gzipped, requests", f"{size} B, {len(files)}"))
    return measures


def page_without_embeds():
    """A page of text under the French home page, whose own five embeds the banner gates."""
    from wagtail.models import Page

    from sandbox.home.models import HomePage

    home = Page.objects.get(locale__language_code="fr", depth=2)
    page = HomePage(title="Texte", slug="texte", body="<p>Une page de texte seul.</p>")
    home.add_child(instance=page)
    return page


def with_and_without_banner(client, path):
    """Medians and queries of `path` served with the banner, and on the host without it."""

    def with_banner():
        return client.get(path)

    def without_banner():
        return client.get(path, HTTP_HOST=OTHER_HOST)

    assert b"data-charte-banner" in with_banner().content
    assert b"data-charte-banner" not in without_banner().content
    medians = interleaved_medians({"with": with_banner, "without": without_banner})
    ratio = medians["with"] / medians["without"]
    value = f"{ratio:.3f} ({medians['with'] * 1000:.2f} ms / {medians['without'] * 1000:.2f} ms)"
    return ratio, value, count_queries(with_banner) - count_queries(without_banner)


def run():
    from django.test import Client

    measures = downloads()
    other_site = second_site_without_banner()
    text_page = page_without_embeds()
    client = Client()
    ratio, value, extra = with_and_without_banner(client, "/fr/texte/")
    measures += [
        Measure(
            "page with the banner / without, warm", value, f"≤ {RATIO_GOAL}", ratio <= RATIO_GOAL
        ),
        Measure("queries added by the banner, warm", extra, "0", extra == 0),
    ]
    # The home page's five embeds, gated behind placeholders or as Wagtail writes them.
    assert client.get("/fr/").content.count(b"data-charte-gate") == 5
    ratio, value, extra = with_and_without_banner(client, "/fr/")
    measures += [
        Measure("page with 5 embeds, with the banner (gated) / without, warm", value),
        Measure("queries added by the banner and the gates, warm", extra, "0", extra == 0),
    ]
    text_page.delete()  # leave the demo as the other benchmarks expect it
    other_site.delete()
    return measures
