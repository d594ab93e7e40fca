from django.apps import apps
from django.conf import settings
from django.urls import re_path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

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
    viewsets = [AskAgainViewSet(), ConsentLogViewSet(), ConsentStatisticsViewSet()]
    # A site in one language has nothing to translate: no report says otherwise.
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        viewsets.append(TranslationStatusViewSet())
    return [*viewsets, register_transfer_viewset]


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
