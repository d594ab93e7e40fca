"""System checks of the site's configuration."""

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
