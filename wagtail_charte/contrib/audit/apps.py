from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailCharteAuditAppConfig(AppConfig):
    name = "wagtail_charte.contrib.audit"
    label = "wagtail_charte_audit"
    verbose_name = _("Cookie audit")
    default_auto_field = "django.db.models.BigAutoField"
