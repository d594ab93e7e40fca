"""Translating the register with wagtail-localize (run with --ds=tests.settings_localize)."""

import pytest
from django.conf import settings
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import translate_object

from tests.helpers import load_demo
from wagtail_charte.models import (
    BannerWording,
    CharteSection,
    Cookie,
    CookieCategory,
    CookiePolicyPage,
    CookieProvider,
)

pytestmark = pytest.mark.skipif(
    "wagtail_localize" not in settings.INSTALLED_APPS, reason="needs tests.settings_localize"
)

ENGLISH = {
    "Mesure d'audience": "Audience measurement",
    "Mesurer la fréquentation.": "Measures visits.",
    "Matomo (auto-hébergé)": "Matomo (self-hosted)",
    "Statistiques (front office)": "Statistics (front office)",
    "Distinguer les visiteurs.": "Tells visitors apart.",
}


@pytest.fixture
def french_register(db):
    fr = Locale.objects.get(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    category = CookieCategory(
        locale=fr,
        slug="statistics",
        basis="consent",
        name="Mesure d'audience",
        description="Mesurer la fréquentation.",
    )
    provider = CookieProvider(
        locale=fr, name="Matomo (auto-hébergé)", domains="matomo.cloud\nmatomo.example"
    )
    for entry in (category, provider):
        entry.save()
        entry.save_revision().publish()
    cookie = Cookie(
        locale=fr,
        name="_pk_id.*",
        category=category,
        provider=provider,
        service="Statistiques (front office)",
        purpose="Distinguer les visiteurs.",
        lifetime_value=13,
        lifetime_unit="months",
    )
    cookie.save()
    cookie.save_revision().publish()
    return cookie


def translate_everything_into(locale, translate):
    """Gives every string offered for translation its `translate`d text, then publishes."""
    for segment in StringSegment.objects.select_related("string", "context"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translate(segment.string.data), "translation_type": "manual"},
        )
    for translation in Translation.objects.filter(target_locale=locale):
        translation.save_target(publish=True)


def test_translations_start_as_drafts_and_keep_what_is_not_wording(french_register):
    en = Locale.objects.get(language_code="en")
    translate_object(french_register, [en])

    drafts = [m.objects.get(locale=en) for m in (Cookie, CookieCategory, CookieProvider)]
    assert [d.live for d in drafts] == [False, False, False]

    translate_everything_into(en, ENGLISH.__getitem__)

    cookie = Cookie.objects.get(locale=en)
    assert cookie.live
    assert (cookie.name, cookie.lifetime_value, cookie.lifetime_unit) == ("_pk_id.*", 13, "months")
    assert cookie.purpose == "Tells visitors apart."
    assert cookie.category.locale == en and cookie.provider.locale == en
    assert (cookie.category.slug, cookie.category.basis) == ("statistics", "consent")
    assert cookie.category.name == "Audience measurement"
    assert cookie.provider.name == "Matomo (self-hosted)"
    assert cookie.provider.domains == "matomo.cloud\nmatomo.example"


def test_names_slugs_and_domains_are_not_offered_for_translation(french_register):
    translate_object(french_register, [Locale.objects.get(language_code="en")])
    offered = set(StringSegment.objects.values_list("string__data", flat=True))
    assert offered == set(ENGLISH)


def delete_english_content():
    en = Locale.objects.get(language_code="en")
    for page in Page.objects.filter(locale=en, depth=2):
        page.delete()
    for model in (Cookie, CookieCategory, CookieProvider, CharteSection):
        model.objects.filter(locale=en).delete()


def test_french_page_and_register_translate_into_english(
    db, client, django_capture_on_commit_callbacks
):
    load_demo()
    delete_english_content()
    en = Locale.objects.get(language_code="en")
    fr_page = CookiePolicyPage.objects.get(locale__language_code="fr")
    for cookie in Cookie.objects.filter(locale__language_code="fr"):
        translate_object(cookie, [en])
    translate_object(fr_page, [en])
    # wagtail-localize publishes pages once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translate_everything_into(en, lambda text: f"[en] {text}")

    en_page = CookiePolicyPage.objects.get(locale=en)
    html = client.get(en_page.get_url()).content.decode()
    assert '<html lang="en"' in html
    fr_cookies = Cookie.objects.filter(locale__language_code="fr")
    for fr_cookie in fr_cookies:
        en_cookie = fr_cookie.get_translation(en)
        assert en_cookie.live
        assert en_cookie.name == fr_cookie.name
        assert en_cookie.category.slug == fr_cookie.category.slug
        english, french = escape(f"[en] {fr_cookie.purpose}"), escape(fr_cookie.purpose)
        assert english in html
        assert french not in html.replace(english, "")


def test_wording_and_sections_translate_as_drafts_then_publish(
    db, django_capture_on_commit_callbacks
):
    fr = Locale.objects.get(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    wording = BannerWording(locale=fr, title="Vos choix", accept_all_label="J'accepte")
    section = CharteSection(locale=fr, title="Navigateur", body="<p>Réglez votre navigateur.</p>")
    for entry in (wording, section):
        entry.save()
        entry.save_revision().publish()
        translate_object(entry, [en])
        assert entry.get_translation(en).live is False

    with django_capture_on_commit_callbacks(execute=True):
        translate_everything_into(en, lambda text: f"[en] {text}")

    en_wording = wording.get_translation(en)
    assert en_wording.live
    assert (en_wording.title, en_wording.accept_all_label) == ("[en] Vos choix", "[en] J'accepte")
    en_section = section.get_translation(en)
    assert en_section.live and "[en] Réglez votre navigateur." in en_section.body
