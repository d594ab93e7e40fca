"""Reports → Translation status: what has no live translation, per language."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy

from .permissions import cookie_policy
from .report_viewset import ReportViewSet
from .spreadsheet import NeutralisedCSVExportMixin


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
        return ModelPermissionPolicy(model).user_has_permission(user, "change")

    def get_queryset(self):
        default = Locale.get_default()
        # A locale left over from a language the site no longer serves has nothing to do here.
        targets = list(
            Locale.objects.exclude(pk=default.pk)
            .filter(language_code__in=list(get_content_languages()))
            .order_by("language_code")
        )
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


class TranslationStatusViewSet(ReportViewSet):
    """For those who keep the register: each entry is listed only to who may translate it."""

    name = "wagtail_charte_translation_status"
    url_prefix = "reports/charte-translations"
    view_class = TranslationStatusView
    permission_policy = cookie_policy
    permission_required = "change"
    icon = "globe"
    menu_label = _("Translation status")
    menu_name = "charte-translation-status"
    menu_order = 900
