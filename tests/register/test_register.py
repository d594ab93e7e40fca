"""The register's rules: lifetimes, slugs, and what translations share."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from wagtail_charte.models import ConsentBasis, Cookie, CookieCategory, CookieProvider
from wagtail_charte.models.exceptions import MissingTranslation
from wagtail_charte.models.lifetime import format_lifetime, parse_lifetime, serialize_lifetime


@pytest.mark.parametrize(
    ("value", "unit", "fr", "en"),
    [
        (1, "days", "1 jour", "1 day"),
        (14, "days", "14 jours", "14 days"),
        (13, "months", "13 mois", "13 months"),
        (1, "years", "1 an", "1 year"),
        (2, "years", "2 ans", "2 years"),
        (1, "hours", "1 heure", "1 hour"),
        (None, "session", "Session", "Session"),
    ],
)
def test_lifetime_renders_with_the_plural_of_each_language(value, unit, fr, en):
    with translation.override("fr"):
        assert format_lifetime(value, unit) == fr
    with translation.override("en"):
        assert format_lifetime(value, unit) == en


@pytest.mark.parametrize("text", ["session", "13 months", "1 day", "1 year", "36 hours"])
def test_lifetime_serialisation_round_trips(text):
    value, unit = parse_lifetime(text)
    assert serialize_lifetime(value, unit) == text


@pytest.mark.parametrize("text", ["", "13", "months", "0 days", "-1 days", "3 weeks", "1.5 days"])
def test_unreadable_lifetimes_are_refused(text):
    with pytest.raises(ValueError):
        parse_lifetime(text)


def test_cookie_needs_a_number_unless_it_lasts_a_session(demo):
    cookie = Cookie.objects.get(name="csrftoken", locale__language_code="fr")
    cookie.lifetime_value = None
    with pytest.raises(ValidationError) as error:
        cookie.full_clean()
    assert "lifetime_value" in error.value.message_dict
    cookie.lifetime_unit = "session"
    cookie.lifetime_value = 3
    cookie.full_clean()
    assert cookie.lifetime_value is None


def test_category_slugs_are_unique_per_locale(demo):
    fr = Locale.objects.get(language_code="fr")
    duplicate = CookieCategory(locale=fr, name="Autre", slug="statistics")
    with pytest.raises(ValidationError) as error, translation.override("en"):
        duplicate.full_clean()
    assert "A category with this slug already exists." in str(error.value)
    de = Locale.objects.create(language_code="de")
    CookieCategory(locale=de, name="Statistik", slug="statistics").full_clean()


@pytest.mark.parametrize("name", ["<script>", "a b", "a;b", "é"])
def test_cookie_names_are_limited_to_cookie_characters(demo, name):
    cookie = Cookie.objects.get(name="csrftoken", locale__language_code="fr")
    cookie.name = name
    with pytest.raises(ValidationError) as error:
        cookie.full_clean()
    assert "name" in error.value.message_dict


def test_source_changes_reach_translations_and_point_at_their_locale(demo):
    fr_cookie = Cookie.objects.get(name="_pk_id.*", locale__language_code="fr")
    fr_necessary = CookieCategory.objects.get(slug="necessary", locale__language_code="fr")
    fr_cookie.category = fr_necessary
    fr_cookie.lifetime_value = 6
    fr_cookie.save()
    en_cookie = Cookie.objects.get(
        translation_key=fr_cookie.translation_key, locale__language_code="en"
    )
    assert en_cookie.lifetime_value == 6
    assert en_cookie.category.locale.language_code == "en"
    assert en_cookie.category.slug == "necessary"
    assert en_cookie.purpose == "Tells visitors apart to produce visit statistics."


def test_translations_cannot_drift_from_the_source(demo):
    en_category = CookieCategory.objects.get(slug="statistics", locale__language_code="en")
    en_category.slug = "stats"
    en_category.basis = ConsentBasis.NECESSARY
    en_category.name = "Visit statistics"
    en_category.save()
    en_category.refresh_from_db()
    assert (en_category.slug, en_category.basis) == ("statistics", ConsentBasis.CONSENT)
    assert en_category.name == "Visit statistics"


def test_copy_for_translation_makes_a_draft_pointing_at_translated_relations(demo):
    de = Locale.objects.create(language_code="de")
    fr_category = CookieCategory.objects.get(slug="statistics", locale__language_code="fr")
    fr_provider = CookieProvider.objects.get(name="Matomo", locale__language_code="fr")
    de_category = fr_category.copy_for_translation(de)
    de_category.save()
    de_provider = fr_provider.copy_for_translation(de)
    de_provider.save()
    fr_cookie = Cookie.objects.get(name="_pk_id.*", locale__language_code="fr")

    de_cookie = fr_cookie.copy_for_translation(de)
    de_cookie.save()

    de_cookie.refresh_from_db()
    assert not de_cookie.live
    assert de_category.live is False
    assert de_cookie.category == de_category
    assert de_cookie.provider == de_provider


def test_copy_for_translation_refuses_when_the_category_is_not_translated(demo):
    de = Locale.objects.create(language_code="de")
    fr_cookie = Cookie.objects.get(name="_pk_id.*", locale__language_code="fr")
    with pytest.raises(MissingTranslation, match="Mesure d'audience"):
        fr_cookie.copy_for_translation(de)
    assert not Cookie.objects.filter(locale=de).exists()
