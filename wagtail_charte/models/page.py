"""The charte page: the cookie policy visitors read, kept in step with the register."""

from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .. import cache, conf
from ..blocks import CharteStreamBlock
from ..starter import starter_body
from .live import LiveRegister


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
        context["base_template"] = conf.get("PAGE_BASE_TEMPLATE")
        context.update(rendering or self.render(request))
        return context

    def render(self, request):
        """The body's HTML in the page's language, the language, the last update (of the page,
        its reusable sections and the register) and the live translations."""
        language = self.locale.language_code
        with translation.override(language):
            # Passed to the blocks rather than kept on the page: the page lives on in reference
            # cycles until the garbage collector finds it, and would keep every cookie with it.
            register = LiveRegister(self.locale_id)
            body = self.body.render_as_block(
                {"page": self, "request": request, "live_register": register}
            )
        return {
            "charte_body": body,
            "language": language,
            "last_updated": latest([self.own_last_published_at(), register.last_published_at]),
            "translations": self.live_translations(request),
        }

    def cached_render(self, request):
        """`render`, cached until the register, a reusable section, a site or a locale change
        (`signal_handlers`). Links in rich text depend on the site the request is for."""
        parts = ("page", self.pk, self.live_revision_id, request.get_host(), self.locale_id)
        return cache.cached(cache.PAGES, parts, lambda: self.render(request))

    def serve(self, request, *args, **kwargs):
        rendering = self.cached_render(request)
        # The page's own language, even on a site whose URLs do not activate it.
        with translation.override(rendering["language"]):
            response = super().serve(request, *args, rendering=rendering, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response
