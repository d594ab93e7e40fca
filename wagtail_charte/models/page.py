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
from ..register.live import LiveRegister
from ..starter import starter_body


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
    def live_register(self):
        return LiveRegister(self.locale)

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

    def last_updated(self):
        """The latest of the page's own publication and any publication in the register."""
        dates = [self.last_published_at, self.live_register.last_published_at]
        for block in self.body:
            if block.block_type == "section" and block.value:
                section = self.live_section(block.value)
                dates.append(section and section.last_published_at)
        latest = max((date for date in dates if date), default=None)
        # HTML's <time> takes at most three digits of fractional seconds.
        return latest and latest.replace(microsecond=0)

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = conf.get("PAGE_BASE_TEMPLATE")
        context["translations"] = self.live_translations(request)
        context["charte_body"], context["last_updated"] = self.rendered_body(request)
        return context

    def rendered_body(self, request):
        """The body's HTML and the last update, cached until the page or the register changes.

        A preview shows unsaved content, so it is never cached.
        """

        def render():
            body = self.body.render_as_block({"page": self, "request": request})
            return body, self.last_updated()

        if getattr(request, "is_preview", False):
            return render()
        # Links in rich text depend on the site the request is for.
        parts = ("page", self.pk, self.live_revision_id, self.last_published_at, request.get_host())
        return cache.cached(cache.PAGES, (*parts, translation.get_language()), render)

    def serve(self, request, *args, **kwargs):
        # The page's own language, even on a site whose URLs do not activate it.
        with translation.override(self.locale.language_code):
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response
