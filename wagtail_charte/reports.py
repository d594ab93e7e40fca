"""The translation status report: what has no live translation, per language."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permissions import page_permission_policy

from .spreadsheet import NeutralisedCSVExportMixin

# Who may see the report, its results and its export: those who keep the register.
REPORT_PERMISSION = "wagtail_charte.change_cookie"


def user_may_see_report(user):
    return user.has_perm(REPORT_PERMISSION)


@dataclass
class UntranslatedEntry:
    language: str
    kind: str
    title: str
    status: str
    url: str | None


def translate_url(source):
    """simple_translation's or wagtail-localize's "translate" view for `source`, if any."""
    if isinstance(source, Page):
        candidates = [("simple_translation:submit_page_translation", [source.pk])]
        candidates.append(("wagtail_localize:submit_page_translation", [source.pk]))
    else:
        meta = source._meta
        candidates = [
            (name, [meta.app_label, meta.model_name, source.pk])
            for name in (
                "simple_translation:submit_snippet_translation",
                "wagtail_localize:submit_snippet_translation",
            )
        ]
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


class TranslationStatusView(NeutralisedCSVExportMixin, ReportView):
    page_title = _("Translation status")
    header_icon = "globe"
    index_url_name = "wagtail_charte_translation_status"
    index_results_url_name = "wagtail_charte_translation_status_results"
    paginate_by = 100
    list_export = ["language", "kind", "title", "status"]
    export_headings = {
        "language": _("Language"),
        "kind": _("Type"),
        "title": _("Title"),
        "status": _("Status"),
    }
    export_filename = "translation-status"

    columns = [
        Column("language", label=_("Language")),
        Column("kind", label=_("Type")),
        TitleColumn("title", label=_("Title"), get_url=lambda entry: entry.url),
        Column("status", label=_("Status")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not user_may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def translatable_models(self):
        models = [
            model
            for model in apps.get_app_config("wagtail_charte").get_models()
            if issubclass(model, TranslatableMixin)
        ]
        return [model for model in models if self.user_may_translate(model)]

    def user_may_translate(self, model):
        user = self.request.user
        if issubclass(model, Page):
            return page_permission_policy.user_has_any_permission(user, ["change", "publish"])
        return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")

    def get_queryset(self):
        default = Locale.get_default()
        targets = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
        finder = AdminURLFinder(self.request.user)
        rows = []
        for model in self.translatable_models:
            sources = list(model.objects.filter(locale=default, live=True))
            for locale in targets:
                translations = {
                    obj.translation_key: obj
                    for obj in model.objects.filter(
                        locale=locale, translation_key__in=[s.translation_key for s in sources]
                    )
                }
                for source in sources:
                    translation = translations.get(source.translation_key)
                    if translation is not None and translation.live:
                        continue
                    rows.append(
                        UntranslatedEntry(
                            language=locale.get_display_name(),
                            kind=str(model._meta.verbose_name).capitalize(),
                            title=str(source),
                            status=gettext("Draft") if translation else gettext("Missing"),
                            url=finder.get_edit_url(translation)
                            if translation
                            else translate_url(source),
                        )
                    )
        return rows
