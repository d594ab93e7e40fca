"""The demo register, built from the facts of the seed policy page."""

from wagtail_charte.models import ConsentBasis, Cookie, CookieCategory, CookieProvider

CATEGORIES = [
    {
        "slug": "necessary",
        "basis": ConsentBasis.NECESSARY,
        "sort_order": 10,
        "fr": {
            "name": "Cookies nécessaires",
            "description": "Indispensables au fonctionnement du site : connexion, langue, "
            "sécurité des formulaires et mémorisation de vos choix. Ils ne peuvent pas être "
            "désactivés.",
        },
        "en": {
            "name": "Necessary cookies",
            "description": "Needed for the site to work: signing in, language, form security "
            "and remembering your choices. They cannot be switched off.",
        },
    },
    {
        "slug": "statistics",
        "basis": ConsentBasis.CONSENT,
        "sort_order": 20,
        "fr": {
            "name": "Mesure d'audience",
            "description": "Nous aident à savoir quelles pages sont consultées, afin "
            "d'améliorer le site. Déposés seulement si vous les acceptez.",
        },
        "en": {
            "name": "Audience measurement",
            "description": "Help us learn which pages are read, so that we can improve the "
            "site. Set only if you accept them.",
        },
    },
]

PROVIDERS = [
    {"key": "opendatasoft", "fr": {"name": "Opendatasoft"}, "en": {"name": "Opendatasoft"}},
    {
        "key": "matomo",
        "fr": {"name": "Matomo", "privacy_policy_url": "https://matomo.org/privacy-policy/"},
        "en": {"name": "Matomo", "privacy_policy_url": "https://matomo.org/privacy-policy/"},
    },
]

COOKIES = [
    {
        "name": "sessionid",
        "provider": "opendatasoft",
        "category": "necessary",
        "lifetime_value": 14,
        "lifetime_unit": "days",
        "fr": {
            "service": "Authentification (front et back office)",
            "purpose": "Reconnaître la personne connectée d'une page à l'autre.",
        },
        "en": {
            "service": "Authentication (front and back office)",
            "purpose": "Recognises the signed-in person from one page to the next.",
        },
    },
    {
        "name": "django_language",
        "provider": "opendatasoft",
        "category": "necessary",
        "lifetime_value": None,
        "lifetime_unit": "session",
        "fr": {
            "service": "Sélection de la langue (front et back office)",
            "purpose": "Garder la langue choisie par le visiteur.",
        },
        "en": {
            "service": "Language selection (front and back office)",
            "purpose": "Keeps the language the visitor chose.",
        },
    },
    {
        "name": "csrftoken",
        "provider": "opendatasoft",
        "category": "necessary",
        "lifetime_value": 1,
        "lifetime_unit": "years",
        "fr": {
            "service": "API (CSRF) (front et back office)",
            "purpose": "Protéger les formulaires et les appels à l'API contre les requêtes "
            "forgées par un autre site.",
        },
        "en": {
            "service": "API (CSRF) (front and back office)",
            "purpose": "Protects forms and API calls against requests forged by another site.",
        },
    },
    {
        "name": "cookies_preferences",
        "provider": "opendatasoft",
        "category": "necessary",
        "lifetime_value": 6,
        "lifetime_unit": "months",
        "fr": {
            "service": "Bandeau cookies (front office)",
            "purpose": "Se souvenir de vos choix concernant les cookies.",
        },
        "en": {
            "service": "Cookie banner (front office)",
            "purpose": "Remembers your choices about cookies.",
        },
    },
    {
        "name": "_pk_id.*",
        "provider": "matomo",
        "category": "statistics",
        "lifetime_value": 13,
        "lifetime_unit": "months",
        "fr": {
            "service": "Mesure d'audience (front office)",
            "purpose": "Distinguer les visiteurs pour établir des statistiques de fréquentation.",
        },
        "en": {
            "service": "Audience measurement (front office)",
            "purpose": "Tells visitors apart to produce visit statistics.",
        },
    },
]


def ensure_translated(obj, locale, wording):
    """`obj`'s live translation in `locale`, created and published with `wording`."""
    translation = obj.get_translation_or_none(locale)
    if translation is None:
        translation = obj.copy_for_translation(locale)
        for field, value in wording.items():
            setattr(translation, field, value)
        translation.save()
        translation.save_revision().publish()
    return translation


def ensure_source(model, locale, lookup, values):
    obj = model.objects.filter(locale=locale, **lookup).first()
    if obj is None:
        obj = model(locale=locale, **lookup, **values)
        obj.save()
        obj.save_revision().publish()
    return obj


def load_register(fr, en):
    categories, providers = {}, {}
    for spec in CATEGORIES:
        values = {"basis": spec["basis"], "sort_order": spec["sort_order"], **spec["fr"]}
        categories[spec["slug"]] = ensure_source(CookieCategory, fr, {"slug": spec["slug"]}, values)
        ensure_translated(categories[spec["slug"]], en, spec["en"])
    for spec in PROVIDERS:
        fr_values = dict(spec["fr"])
        name = fr_values.pop("name")
        providers[spec["key"]] = ensure_source(CookieProvider, fr, {"name": name}, fr_values)
        ensure_translated(providers[spec["key"]], en, spec["en"])
    for spec in COOKIES:
        lookup = {"name": spec["name"], "provider": providers[spec["provider"]]}
        values = {
            "category": categories[spec["category"]],
            "lifetime_value": spec["lifetime_value"],
            "lifetime_unit": spec["lifetime_unit"],
            **spec["fr"],
        }
        ensure_translated(ensure_source(Cookie, fr, lookup, values), en, spec["en"])
