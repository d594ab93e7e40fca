"""The charte page: the cookie policy visitors read, kept in step with the register."""

import re
from html import unescape

from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from .. import cache, conf, page_template
from ..blocks import CharteStreamBlock
from ..starter import starter_body
from .banner import BannerTheme, CookieBannerSettings
from .live import LiveRegister

# Saved in the admin, a paragraph gets Draftail's key, and loses the catalogue's entities.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def banner_state(site):
    """(shown, theme) of `site`'s banner: the page hides the button that opens the banner
    when it is off, and takes DSFR's classes in its theme."""
    found = CookieBannerSettings.objects.filter(site=site).values_list("enabled", "theme").first()
    return found or (False, BannerTheme.DEFAULT)


def theme_container(theme):
    """The article's container when PAGE_CONTAINER_CLASS is None: the theme's own."""
    return "fr-container" if theme == BannerTheme.DSFR else "charte-container"


def comparable(body):
    """A body's blocks, without what saving it in the admin changes: ids and Draftail's marks."""
    return [
        (block["type"], unescape(BLOCK_KEY.sub("", block["value"])))
        if isinstance(block["value"], str)
        else (block["type"], block["value"])
        for block in body
    ]


def latest(dates):
    """The latest of `dates`, to the second: HTML's <time> takes at most three decimals."""
    found = max((date for date in dates if date), default=None)
    return found and found.replace(microsecond=0)


class CookiePolicyPageForm(WagtailAdminPageForm):
    """Starts a new page from the standard structure, written in its locale's language."""

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and instance.pk is None and not instance.body:
            instance.body = starter_body(instance.locale if instance.locale_id else None)
        super().__init__(*args, instance=instance, **kwargs)


class CookiePolicyPage(Page):
    body = StreamField(CharteStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    base_form_class = CookiePolicyPageForm
    template = "wagtail_charte/pages/cookie_policy_page.html"

    class Meta:
        verbose_name = _("Cookie policy")
        verbose_name_plural = _("Cookie policies")

    @cached_property
    def _live_sections(self):
        return {}

    def live_section(self, section):
        """`section` as this page shows it, resolved once per rendering."""
        if section.pk not in self._live_sections:
            self._live_sections[section.pk] = section.live_translation_for(self.locale)
        return self._live_sections[section.pk]

    def section_ids(self):
        """Ids of the reusable sections the body points to, read without loading them."""
        return {block["value"] for block in self.body.raw_data if block["type"] == "section"}

    def own_last_published_at(self):
        """The latest publication of the page and of the reusable sections it shows."""
        dates = [self.last_published_at]
        for block in self.body:
            if block.block_type == "section" and block.value:
                section = self.live_section(block.value)
                dates.append(section and section.last_published_at)
        return latest(dates)

    def has_standard_body(self):
        """The body is still the standard text of the page's language."""
        return comparable(self.body.raw_data) == comparable(starter_body(self.locale))

    def copy(self, *args, update_attrs=None, **kwargs):
        """A translation of a page that still has the standard text gets the standard text of
        its own language, which the catalogue has; an edited body is copied as it is."""
        locale = (update_attrs or {}).get("locale")
        if locale is not None and locale != self.locale and self.has_standard_body():
            update_attrs = {**update_attrs, "body": starter_body(locale)}
        return super().copy(*args, update_attrs=update_attrs, **kwargs)

    def live_translations(self, request=None):
        """This page in each language it is live in, for the switcher and `hreflang`."""
        pages = self.get_translations(inclusive=True).live().select_related("locale")
        translations = [
            {
                "lang": page.locale.language_code,
                "name": page.locale.get_display_name(),
                "url": page.get_url(request),
                "full_url": page.get_full_url(request),
                "current": page.pk == self.pk,
            }
            for page in sorted(pages, key=lambda p: p.locale.language_code)
        ]
        # A translation outside any site's tree has no URL to offer.
        return [item for item in translations if item["full_url"]]

    def get_context(self, request, *args, rendering=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rendering = rendering or self.render(request)
        blocks = page_template.host_blocks()
        container = conf.get("PAGE_CONTAINER_CLASS")
        context.update(
            rendering,
            base_template=conf.get("PAGE_BASE_TEMPLATE"),
            charte_base=page_template.adapter(tuple(blocks.items())),
            host_blocks=blocks,
            container_class=theme_container(rendering["theme"]) if container is None else container,
        )
        return context

    def render(self, request):
        """The body's HTML in the page's language, the language, the last update (of the page,
        its reusable sections and the register), the live translations, and the site's banner
        (shown or not, and its theme)."""
        language = self.locale.language_code
        banner_shown, theme = banner_state(Site.find_for_request(request))
        with translation.override(language):
            # Passed to the blocks rather than kept on the page: the page lives on in reference
            # cycles until the garbage collector finds it, and would keep every cookie with it.
            register = LiveRegister(self.locale_id)
            body = self.body.render_as_block(
                {
                    "page": self,
                    "request": request,
                    "live_register": register,
                    "banner_shown": banner_shown,
                    "theme": theme,
                }
            )
        return {
            "banner_shown": banner_shown,
            "theme": theme,
            "charte_body": body,
            "language": language,
            "last_updated": latest([self.own_last_published_at(), register.last_published_at]),
            "translations": self.live_translations(request),
        }

    def cached_render(self, request):
        """`render`, cached until the register, a reusable section, a site, a locale or the
        banner's settings change (`signal_handlers`). Links in rich text depend on the site the
        request is for."""
        parts = ("page", self.pk, self.live_revision_id, request.get_host(), self.locale_id)
        return cache.cached(cache.PAGES, parts, lambda: self.render(request))

    def serve(self, request, *args, **kwargs):
        rendering = self.cached_render(request)
        # The page's own language, even on a site whose URLs do not activate it.
        with translation.override(rendering["language"]):
            response = super().serve(request, *args, rendering=rendering, **kwargs)
            if hasattr(response, "render"):
                response.render()
        if not page_template.host_blocks()["head"] and rendering["translations"]:
            # Without a head block, `hreflang` goes where search engines read it outside <head>.
            response["Link"] = ", ".join(
                f'<{iri_to_uri(item["full_url"])}>; rel="alternate"; hreflang="{item["lang"]}"'
                for item in rendering["translations"]
            )
        return response
