"""System checks of the site's configuration."""

from django.conf import settings
from django.core.checks import Warning, register

from . import conf


@register()
def check_settings_keys(app_configs, **kwargs):
    return [
        Warning(
            f"{conf.SETTING} has an unknown key “{key}”.",
            hint=f"The keys are: {', '.join(sorted(conf.DEFAULTS))} (docs/settings.md).",
            id="wagtail_charte.W001",
        )
        for key in conf.unknown_keys()
    ]


@register()
def check_proxy_https(app_configs, **kwargs):
    """Behind a proxy that terminates TLS, Django must be told the request was HTTPS."""
    trusts_https = any(origin.startswith("https://") for origin in settings.CSRF_TRUSTED_ORIGINS)
    if not trusts_https or settings.SECURE_PROXY_SSL_HEADER or settings.DEBUG:
        return []
    return [
        Warning(
            "CSRF_TRUSTED_ORIGINS lists HTTPS origins, but SECURE_PROXY_SSL_HEADER is not set.",
            hint=(
                "If a proxy terminates TLS, set SECURE_PROXY_SSL_HEADER so that Django sees "
                "HTTPS requests as such. Until then the consent endpoint trusts these origins, "
                "but nothing else in Django knows the site is on HTTPS (docs/banner.md)."
            ),
            id="wagtail_charte.W003",
        )
    ]
