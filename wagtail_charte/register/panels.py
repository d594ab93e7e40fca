"""The provider's edit form: the embeds on the site that its domains claim, read only."""

from dataclasses import dataclass
from functools import reduce
from operator import or_
from uuid import UUID

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.admin.panels import Panel
from wagtail.models import Site

from ..banner.config import default_embed_category, providers_categories
from ..banner.embeds import sources
from ..models import CookieBannerSettings
from ..models.domains import on_domains, web_page
from ..models.live import LiveRegister

# Wagtail's embeds app holds the rows; without it there is nothing to list, nor a model to load.
EMBEDS_INSTALLED = apps.is_installed("wagtail.embeds")
if EMBEDS_INSTALLED:
    from wagtail.embeds.models import Embed

# A provider may govern thousands of embeds: the form lists this many.
SHOWN = 50


@dataclass(frozen=True)
class GovernedEmbed:
    title: str
    url: str
    provider_name: str

    @property
    def href(self):
        """The URL as a link, unless it is not a web page's."""
        return web_page(self.url)


def governed_embeds(domains):
    """(the first SHOWN embeds whose URL or markup's sources are on `domains`, by title, one
    per URL; how many more). Only the rows that mention a domain are read."""
    if not domains:
        return [], 0
    mentions = reduce(or_, (Q(url__icontains=d) | Q(html__icontains=d) for d in domains))
    rows = (
        Embed.objects.filter(mentions)
        .order_by("title", "url", "pk")
        .values_list("title", "url", "provider_name", "html")
    )
    found, urls = [], set()
    # Wagtail stores one row per URL and width: an embed shown at two widths is one embed.
    for title, url, provider_name, html in rows.iterator():
        if url in urls or not any(on_domains(u, domains) for u in sources(url, html)):
            continue
        urls.add(url)
        if len(found) < SHOWN:
            found.append(GovernedEmbed(title, url, provider_name))
    return found, len(urls) - len(found)


def needed_category(provider, site):
    """What the banner of `site` asks before showing the provider's embeds, as a sentence:
    the rule of the banner's config, on the published register."""
    banner_settings = (
        CookieBannerSettings.objects.filter(site=site).first() or CookieBannerSettings()
    )
    if not banner_settings.enabled:
        return _(
            "The banner is off on %(site)s: embeds are shown there as Wagtail renders them."
        ) % {"site": site.site_name or site.hostname}
    register = LiveRegister(provider.locale_id)
    names = {category.slug: category.name for category in register.categories}
    # Keys are text, which SQLite writes without hyphens.
    own = next(
        (
            slug
            for key, slug in providers_categories(register).items()
            if UUID(key) == provider.translation_key
        ),
        None,
    )
    if own:
        return _(
            "They need “%(category)s”: the first category of its published cookies that needs "
            "consent. Until a visitor accepts it, a placeholder stands in their place."
        ) % {"category": names[own]}
    default = default_embed_category(banner_settings, register.categories)
    if default:
        return _(
            "None of its published cookies is in a category that needs consent, so they need "
            "“%(category)s”, the category the banner settings give to other embeds. Until a "
            "visitor accepts it, a placeholder stands in their place."
        ) % {"category": names[default]}
    return _(
        "No published category needs consent: the site does not show them, only a placeholder "
        "with a link to the provider's site."
    )


class GovernedEmbedsPanel(Panel):
    """Read only: the embeds Wagtail has fetched for the site that are on the provider's
    domains, and the category they need. Shown once the provider exists, with Wagtail's
    embeds app."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_charte/admin/governed_embeds_panel.html"

        def is_shown(self):
            return EMBEDS_INSTALLED and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            provider = self.instance
            domains = provider.domains.split()
            embeds, more = governed_embeds(domains)
            context.update(
                domains=domains,
                embeds=embeds,
                more=more,
                category=needed_category(provider, Site.find_for_request(self.request)),
                # The site goes by the published version, which a draft may not match.
                draft=not provider.live or provider.has_unpublished_changes,
            )
            return context
