"""The register's admin: one menu of snippet viewsets, and the checked translation view."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, LocaleColumn, UpdatedAtColumn
from wagtail.contrib.simple_translation.views import SubmitSnippetTranslationView
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from ..models import CharteSection, Cookie, CookieCategory, CookieProvider
from ..spreadsheet import NeutralisedCSVExportMixin
from .filters import CookieFilterSet
from .forms import RegisterTranslationForm
from .panels import GovernedEmbedsPanel
from .transfer.admin_views import register_transfer_viewset


class RegisterIndexView(NeutralisedCSVExportMixin, IndexView):
    """Wagtail's snippet listing, whose CSV export no spreadsheet runs as formulas.

    Its locale column shows only where Wagtail's own listings show one: with i18n on.
    """

    @cached_property
    def columns(self):
        columns = super().columns
        if self.i18n_enabled:
            return columns
        return [column for column in columns if not isinstance(column, LocaleColumn)]


class CookieViewSet(SnippetViewSet):
    index_view_class = RegisterIndexView
    model = Cookie
    icon = "clipboard-list"
    menu_label = _("Cookies")
    list_display = [
        "name",
        LocaleColumn(),
        "provider",
        "category",
        "party",
        Column("lifetime", label=_("Lifetime")),
        LiveStatusTagColumn(),
    ]
    filterset_class = CookieFilterSet
    ordering = ["category__sort_order", "name"]
    list_per_page = 50
    list_export = [
        "name",
        "locale",
        "provider",
        "service",
        "purpose",
        "category",
        "party",
        "lifetime",
    ]
    export_headings = {"lifetime": _("Lifetime")}
    export_filename = "cookies"


class CookieCategoryViewSet(SnippetViewSet):
    index_view_class = RegisterIndexView
    model = CookieCategory
    icon = "tag"
    menu_label = _("Categories")
    list_display = [
        "name",
        LocaleColumn(),
        "slug",
        "basis",
        "sort_order",
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    list_filter = ["basis"]
    ordering = ["sort_order", "name"]
    list_export = ["name", "slug", "description", "basis", "sort_order"]
    export_filename = "cookie-categories"


class CookieProviderViewSet(SnippetViewSet):
    index_view_class = RegisterIndexView
    model = CookieProvider
    icon = "site"
    menu_label = _("Providers")
    list_display = [
        "name",
        LocaleColumn(),
        "privacy_policy_url",
        Column("domains", label=_("Domains"), accessor=lambda p: ", ".join(p.domains.split())),
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    ordering = ["name"]
    list_export = ["name", "privacy_policy_url", "domains"]
    # The form's fields, then what its domains govern: admin only, so not the model's panels.
    panels = [*CookieProvider.panels, GovernedEmbedsPanel(heading=_("Embeds on its domains"))]
    export_filename = "cookie-providers"


class CharteSectionViewSet(SnippetViewSet):
    model = CharteSection
    icon = "doc-full"
    menu_label = _("Reusable sections")
    list_display = ["title", UpdatedAtColumn(), LiveStatusTagColumn()]
    ordering = ["title"]


class CookieRegisterViewSetGroup(SnippetViewSetGroup):
    items = (CookieViewSet, CookieCategoryViewSet, CookieProviderViewSet, CharteSectionViewSet)
    menu_label = _("Cookies")
    menu_icon = "clipboard-list"
    menu_name = "cookie-register"

    def get_submenu_items(self):
        # Wagtail 7.0's groups have no `submenu_hook`: the import joins the menu here.
        return [*super().get_submenu_items(), register_transfer_viewset.get_menu_item()]


class SubmitRegisterTranslationView(SubmitSnippetTranslationView):
    """simple_translation's view, refusing locales the related entries lack."""

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return RegisterTranslationForm(self.object, data)
