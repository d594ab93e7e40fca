"""Who may do what in the package's admin: Wagtail permission policies, one per concern."""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import ConsentRecord, Cookie, CookieBannerSettings, CookieCategory, CookieProvider

REGISTER_MODELS = (CookieCategory, CookieProvider, Cookie)

# The register: each model has its own, as its snippet viewset does.
register_policies = {model: ModelPermissionPolicy(model) for model in REGISTER_MODELS}
# Importing, exporting and the translation report are for those who keep the cookies.
cookie_policy = register_policies[Cookie]
# The consent log and its statistics: a "view" permission of their own.
consent_log_policy = ModelPermissionPolicy(ConsentRecord)


def banner_settings_policy():
    """Per site where Wagtail has it (8.x), per model otherwise (7.x)."""
    if hasattr(CookieBannerSettings, "get_permission_policy"):
        return CookieBannerSettings.get_permission_policy()
    return ModelPermissionPolicy(CookieBannerSettings)
