"""Banner admin: the wording snippets, and "ask everyone again" (bump the version, then
offer to purge the site's pages) with a viewset of its own, reached from the banner settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .. import cache
from ..models import BannerWording, CookieBannerSettings
from ..permissions import banner_settings_policy
from ..purge import frontend_cache_configured, purge_site


class BannerWordingViewSet(SnippetViewSet):
    model = BannerWording
    icon = "doc-full"
    menu_label = gettext_lazy("Banner wording")
    add_to_settings_menu = True
    list_display = ["__str__", "locale", LiveStatusTagColumn()]


class AskAgainView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """For those who may change the banner settings of the site concerned."""

    template_name = "wagtail_charte/admin/ask_again.html"
    page_title = gettext_lazy("Ask everyone again")
    header_icon = "cog"

    @cached_property
    def permission_policy(self):
        return banner_settings_policy()

    def dispatch(self, request, pk):
        self.object = get_object_or_404(CookieBannerSettings.objects.select_related("site"), pk=pk)
        if not self.user_has_permission_for_instance("change", self.object):
            raise PermissionDenied
        return super().dispatch(request)

    def get_edit_url(self):
        return reverse(
            "wagtailsettings:edit",
            args=["wagtail_charte", "cookiebannersettings", self.object.site_id],
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.get_edit_url(), "label": CookieBannerSettings._meta.verbose_name},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "can_purge": frontend_cache_configured(),
            "edit_url": self.get_edit_url(),
        }

    def post(self, request):
        CookieBannerSettings.objects.filter(pk=self.object.pk).update(version=F("version") + 1)
        self.object.refresh_from_db(fields=["version"])
        cache.invalidate(cache.BANNERS)
        messages.success(
            request,
            _("Consent version is now %(version)s: every visitor will be asked again.")
            % {"version": self.object.version},
        )
        if request.POST.get("purge") and frontend_cache_configured():
            purge_site(self.object.site)
            messages.success(request, _("The site's pages were purged from the frontend cache."))
        return redirect(self.get_edit_url())


class AskAgainViewSet(ViewSet):
    """No menu item: the banner settings' panel links to it."""

    name = "wagtail_charte_banner"
    url_prefix = "charte/banner"

    def get_urlpatterns(self):
        return [path("<int:pk>/ask-again/", AskAgainView.as_view(), name="ask_again")]
