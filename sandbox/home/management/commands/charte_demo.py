from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from sandbox.home.demo_banner import load_banner
from sandbox.home.demo_embeds import HOME_BODY, HOME_EMBEDS, SHORT_VIDEO_URL, load_embeds
from sandbox.home.demo_page import load_charte_page
from sandbox.home.demo_register import load_register
from sandbox.home.models import HomePage

HOME_PAGES = {
    "fr": {
        "title": "Accueil",
        "slug": "accueil",
        "body": HOME_BODY["fr"],
        "embeds": HOME_EMBEDS,
        "video_url": SHORT_VIDEO_URL,
    },
    "en": {
        "title": "Home",
        "slug": "home",
        "body": HOME_BODY["en"],
        "embeds": HOME_EMBEDS,
        "video_url": SHORT_VIDEO_URL,
    },
}


class Command(BaseCommand):
    help = "Loads the demo content. Running it again changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in HOME_PAGES}
        load_embeds()
        homes = self.ensure_home_pages(locales)
        load_register(locales["fr"], locales["en"])
        load_charte_page(homes["fr"], homes["en"])
        load_banner(locales["fr"])
        self.ensure_admin()
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {', '.join(homes)} home pages."))

    def ensure_home_pages(self, locales):
        # Wagtail's migrations make the root, but a flush between live-server tests deletes it.
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locales["fr"])
        )
        fr_home = HomePage.objects.filter(locale=locales["fr"]).first()
        if fr_home is None:
            fr_home = root.add_child(instance=HomePage(locale=locales["fr"], **HOME_PAGES["fr"]))
            fr_home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=fr_home, is_default_site=True
            )
        elif site.root_page_id != fr_home.pk:
            site.root_page = fr_home
            site.save()
        # Wagtail's migrations create a placeholder welcome page; the demo replaces it.
        Page.objects.filter(depth=2).exclude(translation_key=fr_home.translation_key).not_type(
            HomePage
        ).delete()
        en_home = fr_home.get_translation_or_none(locales["en"])
        if en_home is None:
            en_home = fr_home.copy_for_translation(locales["en"])
            for field, value in HOME_PAGES["en"].items():
                setattr(en_home, field, value)
            en_home.save_revision().publish()
        homes = {"fr": fr_home, "en": en_home}
        for code, home in homes.items():
            if not home.embeds:  # a sandbox's database from before the demo had embeds
                for field, value in HOME_PAGES[code].items():
                    setattr(home, field, value)
                home.save_revision().publish()
        return homes

    def ensure_admin(self):
        user_model = get_user_model()
        if not user_model.objects.filter(username="admin").exists():
            user_model.objects.create_superuser("admin", "admin@example.invalid", "changeme")
