"""System checks of the site's configuration."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Error, Tags, Warning, register

from . import conf

# Each process keeps its own: a change dropped in one is still served by the others.
PER_PROCESS_CACHES = (LocMemCache, DummyCache)


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


@register(Tags.caches)
def check_cache(app_configs, **kwargs):
    alias = conf.get("CACHE")
    if alias not in settings.CACHES:
        return [
            Error(
                f"{conf.SETTING}[“CACHE”] is “{alias}”, which is not in CACHES.",
                hint=f"Name one of: {', '.join(settings.CACHES)}.",
                id="wagtail_charte.E001",
            )
        ]
    backend = caches[alias]
    if settings.DEBUG or not isinstance(backend, PER_PROCESS_CACHES):
        return []
    return [
        Warning(
            f"The cache “{alias}”, where wagtail-charte keeps charte pages and banners, "
            f"is per process ({type(backend).__name__}): with several workers, a change "
            "made in the admin is seen by one worker only, until the cache times out.",
            hint=(
                "Use a cache that every process shares, such as Django's RedisCache, for "
                f"CACHES[“{alias}”] or for another alias named by {conf.SETTING}[“CACHE”] "
                "(docs/deploy.md)."
            ),
            id="wagtail_charte.W002",
        )
    ]
