from django.apps import apps
from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .banner.admin_views import AskAgainView, BannerWordingViewSet
from .consent_log.report import ConsentStatisticsView
from .consent_log.views import ConsentLogViewSet, can_view_log
from .register.deletion import refuse_deleting_what_drafts_name
from .register.import_views import RegisterExportView, RegisterImportView
from .register.views import CookieRegisterViewSetGroup, SubmitRegisterTranslationView
from .reports import TranslationStatusView, user_may_see_report

register_snippet(CookieRegisterViewSetGroup)
hooks.register("before_delete_snippet", refuse_deleting_what_drafts_name)


# Ahead of simple_translation's own URL for the same path, so that its form checks relations.
@hooks.register("register_admin_urls", order=-1)
def register_translation_url():
    if not apps.is_installed("wagtail.contrib.simple_translation"):
        return []
    return [
        re_path(
            r"^translation/submit/snippet/(?P<app_label>wagtail_charte)/"
            r"(?P<model_name>cookie|cookiecategory|cookieprovider)/(?P<pk>[^/]+)/$",
            SubmitRegisterTranslationView.as_view(),
            name="wagtail_charte_submit_translation",
        )
    ]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path(
            "charte/register/import/",
            RegisterImportView.as_view(),
            name="wagtail_charte_register_import",
        ),
        path(
            "charte/register/export/",
            RegisterExportView.as_view(),
            name="wagtail_charte_register_export",
        ),
    ]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/charte-translations/",
            TranslationStatusView.as_view(),
            name="wagtail_charte_translation_status",
        ),
        path(
            "reports/charte-translations/results/",
            TranslationStatusView.as_view(results_only=True),
            name="wagtail_charte_translation_status_results",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("wagtail_charte_translation_status"),
        icon_name="globe",
        order=900,
    )


# The consent banner ---------------------------------------------------------------------


register_snippet(BannerWordingViewSet)


@hooks.register("register_admin_urls")
def register_ask_again_url():
    return [
        path(
            "charte/banner/<int:pk>/ask-again/",
            AskAgainView.as_view(),
            name="wagtail_charte_ask_again",
        )
    ]


# Proof of consent -----------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_consent_log_viewset():
    return ConsentLogViewSet()


@hooks.register("register_admin_urls")
def register_consent_statistics_urls():
    return [
        path(
            "reports/charte-consent-statistics/",
            ConsentStatisticsView.as_view(),
            name="wagtail_charte_consent_statistics",
        ),
        path(
            "reports/charte-consent-statistics/results/",
            ConsentStatisticsView.as_view(results_only=True),
            name="wagtail_charte_consent_statistics_results",
        ),
    ]


class ConsentStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_log(request.user)


@hooks.register("register_reports_menu_item")
def register_consent_statistics_menu_item():
    return ConsentStatisticsMenuItem(
        _("Consent statistics"),
        reverse("wagtail_charte_consent_statistics"),
        icon_name="table",
        order=920,
    )
