from django.apps import apps
from django.urls import path, re_path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .banner_admin import AskAgainView, BannerWordingViewSet
from .views import CookieRegisterViewSetGroup, SubmitRegisterTranslationView

register_snippet(CookieRegisterViewSetGroup)


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
