"""The demo charte page, in French and English, covering what the seed policy page covers."""

import uuid

from wagtail_charte.models import CharteSection, CookiePolicyPage

BROWSER_SECTION = {
    "fr": {
        "title": "Paramétrer votre navigateur",
        "body": (
            "<h3>Paramétrer votre navigateur</h3>"
            "<p>Indépendamment de vos choix sur ce site, votre navigateur vous permet de "
            "consulter les cookies enregistrés, de les supprimer et de bloquer ceux des sites "
            "tiers. Ces réglages se trouvent en général dans la rubrique « Confidentialité » "
            "ou « Vie privée » de ses paramètres.</p>"
            "<p>Bloquer tous les cookies peut empêcher certains services de fonctionner, "
            "par exemple la connexion à votre compte.</p>"
        ),
    },
    "en": {
        "title": "Setting up your browser",
        "body": (
            "<h3>Setting up your browser</h3>"
            "<p>Whatever you choose on this site, your browser lets you see the cookies it "
            "keeps, delete them and block those of third-party sites. These settings are "
            "usually found under “Privacy” in its preferences.</p>"
            "<p>Blocking every cookie may stop some services from working, such as signing "
            "in to your account.</p>"
        ),
    },
}

PAGES = {
    "fr": {
        "title": "Charte cookies",
        "slug": "charte-cookies",
        "intro": (
            "<p>Pour fonctionner correctement et vous rendre le meilleur service possible, "
            "ce site dépose quelques cookies sur votre appareil. Cette page explique "
            "lesquels, à quoi ils servent et comment garder la main sur eux.</p>"
        ),
        "what_heading": "Qu'est-ce qu'un cookie ?",
        "what": (
            "<p>Un cookie est un petit fichier texte, identifié par un nom, qu'un site web "
            "demande à votre navigateur de conserver. Le navigateur le garde pendant une durée "
            "déterminée et le renvoie au site à chacune de vos visites suivantes.</p>"
            "<p>Les cookies ont de nombreux usages : retenir que vous êtes connecté ou ce que "
            "contient votre panier, ou encore vous reconnaître d'une visite à l'autre pour "
            "établir des statistiques ou afficher de la publicité.</p>"
        ),
        "kinds_heading": "Les différents types de cookies",
        "kinds": (
            "<ul>"
            "<li><b>Les cookies nécessaires</b> sont déposés par le site lui-même. Ils "
            "conservent des informations d'une page ou d'une visite à l'autre sur le même "
            "appareil : votre connexion, votre panier, vos préférences d'affichage. Le site ne "
            "peut pas s'en passer, ils ne demandent donc pas votre accord.</li>"
            "<li><b>Les cookies statistiques</b> mesurent la façon dont les visiteurs "
            "utilisent un site. Quand les statistiques produites sont anonymes et ne "
            "permettent pas de vous identifier, votre consentement n'est pas exigé.</li>"
            "<li><b>Les cookies internes</b> (« first-party ») sont déposés par le site que "
            "vous consultez. En plus des cookies nécessaires, ils peuvent servir à recueillir "
            "des données personnelles, à observer votre comportement ou à des fins "
            "publicitaires.</li>"
            "<li><b>Les cookies tiers</b> (« third-party ») sont déposés par un autre site, "
            "souvent une régie publicitaire, à travers le site que vous visitez. Cet autre "
            "site peut ainsi savoir quelles pages vous avez vues et recueillir des "
            "informations sur vous.</li>"
            "</ul>"
        ),
        "categories_heading": "Les catégories de cookies de ce site",
        "used_heading": "Les cookies utilisés sur ce site",
        "used": (
            "<p>Les tableaux qui suivent sont tirés directement de notre registre des "
            "cookies : ils sont donc toujours à jour.</p>"
        ),
        "choice_heading": "Modifier vos choix",
        "choice": (
            "<p>Vous pouvez changer d'avis à tout moment ; votre nouveau choix s'applique "
            "aussitôt. Refuser les cookies facultatifs ne vous empêche jamais d'utiliser le "
            "site.</p>"
        ),
    },
    "en": {
        "title": "Cookie policy",
        "slug": "cookie-policy",
        "intro": (
            "<p>To work properly and serve you as well as it can, this site stores a few "
            "cookies on your device. This page explains which ones, what they are for and "
            "how you stay in control of them.</p>"
        ),
        "what_heading": "What is a cookie?",
        "what": (
            "<p>A cookie is a small text file, identified by a name, that a website asks your "
            "browser to keep. Your browser stores it for a set time and sends it back to the "
            "site each time you visit again.</p>"
            "<p>Cookies have many uses: remembering that you are signed in or what is in "
            "your basket, or recognising you from one visit to the next to produce "
            "statistics or show advertising.</p>"
        ),
        "kinds_heading": "The kinds of cookies",
        "kinds": (
            "<ul>"
            "<li><b>Necessary cookies</b> are set by the site itself. They keep information "
            "from one page or visit to the next on the same device: your sign-in, your "
            "basket, your display preferences. The site cannot work without them, so they "
            "do not ask for your agreement.</li>"
            "<li><b>Statistics cookies</b> measure how visitors use a site. When the "
            "statistics they produce are anonymous and cannot identify you, your consent is "
            "not required.</li>"
            "<li><b>First-party cookies</b> are set by the site you are visiting. On top of "
            "the necessary ones, they can be used to collect personal data, watch how you "
            "behave or serve advertising.</li>"
            "<li><b>Third-party cookies</b> are set by another site, often an advertising "
            "network, through the site you are visiting. That other site can then tell which "
            "pages you read and gather information about you.</li>"
            "</ul>"
        ),
        "categories_heading": "The categories of cookies on this site",
        "used_heading": "The cookies this site uses",
        "used": (
            "<p>The tables below come straight from our cookie register, so they are always "
            "up to date.</p>"
        ),
        "choice_heading": "Changing your choice",
        "choice": (
            "<p>You can change your mind at any time, and your new choice applies at once. "
            "Refusing optional cookies never stops you from using the site.</p>"
        ),
    },
}


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def page_body(text, section):
    def heading(key, level="h2"):
        return _block("heading", {"text": text[key], "level": level})

    def table(slug):
        return _block(
            "cookie_table", {"categories": [slug], "show_lifetime": True, "heading_level": "h3"}
        )

    return [
        _block("paragraph", text["intro"]),
        heading("what_heading"),
        _block("paragraph", text["what"]),
        heading("kinds_heading"),
        _block("paragraph", text["kinds"]),
        heading("categories_heading"),
        _block("category_list", None),
        heading("used_heading"),
        _block("paragraph", text["used"]),
        table("necessary"),
        table("statistics"),
        table("external"),
        heading("choice_heading"),
        _block("paragraph", text["choice"]),
        _block("consent_preferences", None),
        _block("section", section.pk),
    ]


def ensure_section(fr, en):
    section = CharteSection.objects.filter(locale=fr, title=BROWSER_SECTION["fr"]["title"]).first()
    if section is None:
        section = CharteSection(locale=fr, **BROWSER_SECTION["fr"])
        section.save()
        section.save_revision().publish()
    if section.get_translation_or_none(en) is None:
        translation = section.copy_for_translation(en)
        for field, value in BROWSER_SECTION["en"].items():
            setattr(translation, field, value)
        translation.save()
        translation.save_revision().publish()
    return section


def load_charte_page(fr_home, en_home):
    """The French charte page and its English translation, created once."""
    fr, en = fr_home.locale, en_home.locale
    section = ensure_section(fr, en)
    page = CookiePolicyPage.objects.child_of(fr_home).filter(slug=PAGES["fr"]["slug"]).first()
    if page is None:
        page = CookiePolicyPage(
            locale=fr,
            title=PAGES["fr"]["title"],
            slug=PAGES["fr"]["slug"],
            body=page_body(PAGES["fr"], section),
        )
        fr_home.add_child(instance=page)
        page.save_revision().publish()
    if page.get_translation_or_none(en) is None:
        translation = page.copy_for_translation(en, copy_parents=False)
        translation.title = PAGES["en"]["title"]
        translation.slug = PAGES["en"]["slug"]
        translation.body = page_body(PAGES["en"], section)
        translation.save_revision().publish()
    return page
