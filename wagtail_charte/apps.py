from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailCharteAppConfig(AppConfig):
    name = "wagtail_charte"
    label = "wagtail_charte"
    verbose_name = _("Cookie policy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import banner_signals, signal_handlers  # noqa: F401
