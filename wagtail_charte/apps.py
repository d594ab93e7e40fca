from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class WagtailCharteAppConfig(AppConfig):
    name = "wagtail_charte"
    label = "wagtail_charte"
    verbose_name = _("Cookie policy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Once every app's models are loaded: checks register themselves on import.
        from . import checks  # noqa: F401
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

        if apps.is_installed("wagtail_localize"):
            from .register.localize import declare_translatable_fields

            declare_translatable_fields()
