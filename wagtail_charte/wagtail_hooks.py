from django.apps import apps
from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .audit.admin_views import (
    AuditIndexView,
    AuditRunView,
    DraftFromFindingView,
    RunNowView,
    user_can_audit,
)
from .banner.admin_views import AskAgainViewSet, BannerWordingViewSet
from .consent_log.admin_views import ConsentLogViewSet, ConsentStatisticsViewSet
from .register.admin_views import CookieRegisterViewSetGroup, SubmitRegisterTranslationView
from .register.deletion import refuse_deleting_what_drafts_name
from .register.transfer.admin_views import register_transfer_viewset
from .translation_report import TranslationStatusViewSet

register_snippet(CookieRegisterViewSetGroup)
register_snippet(BannerWordingViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        TranslationStatusViewSet(),
        AskAgainViewSet(),
        ConsentLogViewSet(),
        ConsentStatisticsViewSet(),
        register_transfer_viewset,
    ]


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


# The cookie audit ------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("reports/charte-audit/", AuditIndexView.as_view(), name="wagtail_charte_audit"),
        path(
            "reports/charte-audit/run/", RunNowView.as_view(), name="wagtail_charte_audit_run_now"
        ),
        path(
            "reports/charte-audit/<int:pk>/",
            AuditRunView.as_view(),
            name="wagtail_charte_audit_run",
        ),
        path(
            "reports/charte-audit/finding/<int:pk>/draft/",
            DraftFromFindingView.as_view(),
            name="wagtail_charte_audit_draft",
        ),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_audit(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        _("Cookie audit"), reverse("wagtail_charte_audit"), icon_name="search", order=910
    )
