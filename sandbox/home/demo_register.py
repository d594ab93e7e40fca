"""The demo register, built from the facts of the seed policy page."""

from wagtail_charte.models import ConsentBasis, Cookie, CookieCategory, CookieProvider, Party

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
    {
        # What the demo's embeds need (demo_embeds.py), and the banner's category for embeds
        # from providers the register does not list.
        "slug": "external",
        "basis": ConsentBasis.CONSENT,
        "sort_order": 30,
        "fr": {
            "name": "Contenus externes",
            "description": "Vidéos et cartes hébergées par d'autres sites, qui peuvent déposer "
            "leurs propres cookies. Affichés seulement si vous les acceptez.",
        },
        "en": {
            "name": "External content",
            "description": "Videos and maps hosted by other sites, which may set their own "
            "cookies. Shown only if you accept them.",
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
    # The providers of the demo's embeds: an embed from one of their domains needs the
    # category of their cookies, or the banner's own for embeds when they list none.
    {
        "key": "youtube",
        "domains": "youtube.com\nyoutu.be\nyoutube-nocookie.com\nytimg.com\ngooglevideo.com",
        "fr": {
            "name": "YouTube",
            "privacy_policy_url": "https://policies.google.com/privacy?hl=fr",
        },
        "en": {
            "name": "YouTube",
            "privacy_policy_url": "https://policies.google.com/privacy?hl=en",
        },
    },
    {
        "key": "openstreetmap",
        "domains": "openstreetmap.org\nopenstreetmap.fr",
        "fr": {
            "name": "OpenStreetMap",
            "privacy_policy_url": "https://osmfoundation.org/wiki/Privacy_Policy",
        },
        "en": {
            "name": "OpenStreetMap",
            "privacy_policy_url": "https://osmfoundation.org/wiki/Privacy_Policy",
        },
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
    {
        "name": "YSC",
        "provider": "youtube",
        "category": "external",
        "party": Party.THIRD,
        "lifetime_value": None,
        "lifetime_unit": "session",
        "fr": {
            "service": "Vidéos YouTube intégrées (front office)",
            "purpose": "Distinguer une séance de visionnage d'une autre, pour les statistiques "
            "de YouTube et la lutte contre les abus.",
        },
        "en": {
            "service": "Embedded YouTube videos (front office)",
            "purpose": "Tells one viewing session from another, for YouTube's statistics and "
            "to fight abuse.",
        },
    },
    {
        "name": "VISITOR_INFO1_LIVE",
        "provider": "youtube",
        "category": "external",
        "party": Party.THIRD,
        "lifetime_value": 6,
        "lifetime_unit": "months",
        "fr": {
            "service": "Vidéos YouTube intégrées (front office)",
            "purpose": "Estimer le débit de votre connexion et retenir vos réglages du lecteur, "
            "pour adapter les vidéos que YouTube vous montre et vous recommande.",
        },
        "en": {
            "service": "Embedded YouTube videos (front office)",
            "purpose": "Estimates your connection's bandwidth and remembers your player "
            "settings, to adapt the videos YouTube shows and recommends to you.",
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
        fr_values = {**spec["fr"], "domains": spec.get("domains", "")}
        name = fr_values.pop("name")
        providers[spec["key"]] = ensure_source(CookieProvider, fr, {"name": name}, fr_values)
        ensure_translated(providers[spec["key"]], en, spec["en"])
    for spec in COOKIES:
        lookup = {"name": spec["name"], "provider": providers[spec["provider"]]}
        values = {
            "category": categories[spec["category"]],
            "lifetime_value": spec["lifetime_value"],
            "lifetime_unit": spec["lifetime_unit"],
            "party": spec.get("party", Party.FIRST),
            **spec["fr"],
        }
        ensure_translated(ensure_source(Cookie, fr, lookup, values), en, spec["en"])
