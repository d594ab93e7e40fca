from django.apps import AppConfig


class HostHomeConfig(AppConfig):
    name = "tests.host.home"
    label = "home"
    default_auto_field = "django.db.models.AutoField"
