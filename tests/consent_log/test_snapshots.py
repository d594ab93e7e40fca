"""Snapshots: what a visitor was shown, stored once per hash before any choice names it."""

import hashlib
import json
import re

import pytest
from django.core.cache import cache
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.utils.html import escape

from wagtail_charte.banner.build import build_banner
from wagtail_charte.banner.config import banner_config
from wagtail_charte.consent_log.admin_views import SnapshotDisplay
from wagtail_charte.models import (
    BannerTheme,
    ConsentBasis,
    ConsentRecord,
    ConsentSnapshot,
    CookieCategory,
)

from .helpers import change_wording


def served(client, url="/fr/"):
    html = client.get(url).content.decode()
    raw = html.split('<script id="charte-config" type="application/json">', 1)[1]
    return json.loads(raw.split("</script>", 1)[0])


def test_the_served_config_names_a_stored_snapshot_of_what_it_shows(banner, client):
    config = served(client)
    snapshot = ConsentSnapshot.objects.get()
    assert config["snapshot"] == snapshot.digest
    assert hashlib.sha256(snapshot.canonical.encode()).hexdigest() == snapshot.digest
    content = json.loads(snapshot.canonical)
    assert content["language"] == "fr" and snapshot.language == "fr"
    assert content["version"] == banner.version == snapshot.version
    assert content["lifetime_days"] == 182
    assert content["theme"] == "default"
    assert content["wording"]["accept_all_label"] == "Tout accepter"
    assert content["texts"]["refusing"].startswith("Refuser ne change rien")
    categories = {c["slug"]: c for c in content["categories"]}
    assert categories["statistics"]["basis"] == "consent"
    assert categories["statistics"]["name"] == "Mesure d'audience"
    assert categories["statistics"]["description"].startswith("Nous aident")
    assert categories["necessary"]["basis"] == "necessary"
    policy = banner.policy_page.specific
    assert content["policy"] == {
        "url": "/fr/charte-cookies/",
        "page": policy.pk,
        "revision": policy.live_revision_id,
    }


def test_the_canonical_json_is_sorted_and_compact(banner, client):
    served(client)
    text = ConsentSnapshot.objects.get().canonical
    assert text == json.dumps(
        json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert "Mesure d'audience" in text  # UTF-8, not \\u escapes


def test_one_snapshot_per_hash_however_often_the_banner_is_built(banner, client):
    first = served(client)["snapshot"]
    for _ in range(3):
        cache.clear()  # every page view misses the cache and builds the banner again
        assert served(client)["snapshot"] == first
    assert ConsentSnapshot.objects.count() == 1


def test_each_language_and_each_change_has_its_own_snapshot(banner, client):
    fr = served(client)["snapshot"]
    en = served(client, "/en/")["snapshot"]
    assert fr != en
    assert ConsentSnapshot.objects.get(digest=en).language == "en"
    change_wording(banner, "Nos cookies")
    changed = served(client)["snapshot"]
    assert changed not in (fr, en)
    assert (
        json.loads(ConsentSnapshot.objects.get(digest=changed).canonical)["wording"]["title"]
        == "Nos cookies"
    )
    banner.lifetime_days = 30
    banner.save()
    assert served(client)["snapshot"] != changed
    assert ConsentSnapshot.objects.count() == 4


def make_statistics_exempt():
    for category in CookieCategory.objects.filter(slug="statistics"):
        category.basis = ConsentBasis.EXEMPT
        category.save_revision().publish()


@pytest.mark.parametrize("exempt", [False, True])
@pytest.mark.parametrize("theme", BannerTheme.values)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_text_of_the_snapshot_is_on_screen(banner, theme, language, exempt):
    """The snapshot says what the markup shows: one source for both."""
    banner.theme = theme
    banner.save()
    if exempt:  # the first layer names exempt purposes apart, with a sentence of their own
        make_statistics_exempt()
    html = build_banner(banner.site, language)
    digest = banner_config(banner.site, language).snapshot.digest
    content = json.loads(ConsentSnapshot.objects.get(digest=digest).canonical)
    # An embed's placeholder shows the embed_ texts (tests/banner/test_embeds.py).
    texts = [text for key, text in content["texts"].items() if not key.startswith("embed_")]
    texts += content["wording"].values()
    if theme == BannerTheme.DSFR:
        # DSFR shows a necessary category as accepted, its refusal disabled, with no sentence.
        texts.remove(content["texts"]["always_on"])
    texts += [c["name"] for c in content["categories"]]
    texts += [c["description"] for c in content["categories"]]
    for text in texts:
        assert escape(text) in html, text


def test_a_snapshot_is_never_edited_nor_deleted_while_a_record_names_it(banner, client):
    served(client)
    snapshot = ConsentSnapshot.objects.get()
    snapshot.canonical = "{}"
    with pytest.raises(ValueError):
        snapshot.save()
    ConsentRecord.objects.create(
        consent_id="0" * 32,
        version=1,
        choices={},
        ts=1,
        language="fr",
        method="custom",
        snapshot=snapshot,
    )
    with pytest.raises(ProtectedError):
        snapshot.delete()
    assert ConsentSnapshot.objects.get().canonical != "{}"


def test_a_disabled_banner_stores_no_snapshot(banner, client):
    banner.enabled = False
    banner.save()
    client.get("/fr/")
    assert not ConsentSnapshot.objects.exists()


@pytest.mark.parametrize(
    ("exempt", "first_layer"),
    [
        (False, ["Purposes: Audience measurement, External content."]),
        (
            True,
            [
                "Purposes: External content.",
                "Without consent, as the law allows (you can refuse them all the same): "
                "Audience measurement.",
            ],
        ),
    ],
)
def test_the_log_shows_the_first_layer_as_the_visitor_saw_it(banner, exempt, first_layer):
    if exempt:
        make_statistics_exempt()
    digest = banner_config(banner.site, "en").snapshot.digest
    display = SnapshotDisplay.of(ConsentSnapshot.objects.get(digest=digest))
    html = render_to_string(
        "wagtail_charte/consent_log/banner_as_shown.html", {"snapshot_display": display}
    )
    paragraphs = [
        re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<p>(.*?)</p>", html, re.S)
    ]
    assert [p for p in paragraphs if p.startswith(("Purposes", "Without"))] == first_layer
