"""System checks of the site's configuration."""

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Error, Tags, Warning, register
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template

from . import conf, page_template

ROUTER = "wagtail_charte.consent_log.router.ConsentLogRouter"
EMBED_GATE_MIDDLEWARE = "wagtail_charte.middleware.EmbedGateMiddleware"
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


@register()
def check_consent_log_database(app_configs, **kwargs):
    """A log kept in its own database needs that alias, and the router that sends it there."""
    alias = conf.get("CONSENT_LOG_DATABASE")
    if alias == DEFAULT_DB_ALIAS:
        return []
    errors = []
    if alias not in settings.DATABASES:
        errors.append(
            Error(
                f"CONSENT_LOG_DATABASE is “{alias}”, which is not in DATABASES.",
                hint="Add that database, or leave CONSENT_LOG_DATABASE at “default”.",
                id="wagtail_charte.E001",
            )
        )
    if ROUTER not in settings.DATABASE_ROUTERS:
        errors.append(
            Error(
                f"CONSENT_LOG_DATABASE is “{alias}”, but {ROUTER} is not in DATABASE_ROUTERS.",
                hint="Without the router the log stays in the default database.",
                id="wagtail_charte.E002",
            )
        )
    return errors


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


# What the charte page does without each block of the base template, and the check's id.
MISSING_BLOCK = {
    "content": (
        "the charte page's article would not show at all",
        "wagtail_charte.W005",
    ),
    "head": (
        "the page's stylesheets go at the top of its content and its hreflang links into an "
        "HTTP Link header",
        "wagtail_charte.W006",
    ),
    "language_switcher": (
        "the page's language links go at the top of its article",
        "wagtail_charte.W007",
    ),
}

FALLBACK = ", or None to keep what the page does without it"


@register(Tags.templates)
def check_page_template(app_configs, **kwargs):
    """The charte page extends the site's base template: it needs the blocks the settings name."""
    base = conf.get("PAGE_BASE_TEMPLATE")
    try:
        blocks = page_template.host_blocks()
    except (TemplateDoesNotExist, TemplateSyntaxError) as error:
        # A broken template must not stop `migrate` and the other commands that run checks.
        found = "has an error" if isinstance(error, TemplateSyntaxError) else "was not found"
        return [
            Warning(
                f"The charte page's base template “{base}” {found}.",
                hint=f"Name your site's base template in {conf.SETTING}[“PAGE_BASE_TEMPLATE”].",
                id="wagtail_charte.W004",
            )
        ]
    warnings = []
    for part, setting in page_template.PARTS.items():
        name = conf.get(setting)
        if name and not blocks[part]:
            without, check_id = MISSING_BLOCK[part]
            warnings.append(
                Warning(
                    f"The charte page's base template “{base}” has no block “{name}”: {without}.",
                    hint=(
                        f"Name the block of your base template that plays this part in "
                        f"{conf.SETTING}[“{setting}”]{'' if part == 'content' else FALLBACK} "
                        "(docs/page.md)."
                    ),
                    id=check_id,
                )
            )
    return warnings


@register(Tags.caches)
def check_cache(app_configs, **kwargs):
    alias = conf.get("CACHE")
    if alias not in settings.CACHES:
        return [
            Error(
                f"{conf.SETTING}[“CACHE”] is “{alias}”, which is not in CACHES.",
                hint=f"Name one of: {', '.join(settings.CACHES)}.",
                id="wagtail_charte.E003",
            )
        ]
    backend = caches[alias]
    if settings.DEBUG or not isinstance(backend, PER_PROCESS_CACHES):
        return []
    return [
        Warning(
            f"The cache “{alias}”, where wagtail-charte keeps charte pages and banners, "
            f"is per process ({type(backend).__name__}): with several workers, a change "
            "made in the admin is seen by one worker only, until the cache times out, and "
            "the consent endpoint's rate limits are off.",
            hint=(
                "Use a cache that every process shares, such as Django's RedisCache, for "
                f"CACHES[“{alias}”] or for another alias named by {conf.SETTING}[“CACHE”] "
                "(docs/deploy.md)."
            ),
            id="wagtail_charte.W002",
        )
    ]


@register(Tags.templates)
def check_embeds_gated(app_configs, **kwargs):
    """Wagtail's embeds reach the banner's gate through its template and the middleware."""
    if not apps.is_installed("wagtail.embeds"):
        return []
    missing = []
    if EMBED_GATE_MIDDLEWARE not in settings.MIDDLEWARE:
        missing.append(f"{EMBED_GATE_MIDDLEWARE} is not in MIDDLEWARE")
    try:
        template = get_template("wagtailembeds/embed_frontend.html").template
        gated = "charte_gate" in template.source
    except (TemplateDoesNotExist, TemplateSyntaxError, AttributeError):
        gated = False
    if not gated:
        missing.append("the template wagtailembeds/embed_frontend.html is not ours")
    if not missing:
        return []
    return [
        Warning(
            f"Wagtail's embeds are shown before consent: {' and '.join(missing)}.",
            hint=(
                f"Add {EMBED_GATE_MIDDLEWARE} to MIDDLEWARE, and list wagtail_charte before "
                "wagtail.embeds in INSTALLED_APPS, or wrap your own template's markup in "
                "{% charte_gate embed %} (docs/banner.md#embeds)."
            ),
            id="wagtail_charte.W008",
        )
    ]


@register(Tags.database)
def check_proof_is_kept(app_configs, databases=None, **kwargs):
    """`check --database <the log's alias>` says when choices cannot be recorded, and whether
    the cache answers: a health check for monitoring."""
    alias = conf.get("CONSENT_LOG_DATABASE")
    if alias not in (databases or ()) or alias not in settings.DATABASES:
        return []
    problems = []
    try:
        connections[alias].ensure_connection()
    except DatabaseError as error:
        problems.append(
            Error(
                f"The consent log's database “{alias}” is unreachable ({error}): choices are "
                "not recorded, proof of consent is being lost.",
                hint="Visitors' choices are still set in their cookie, and each lost record "
                "is logged by wagtail_charte.consent_log.records (docs/deploy.md#failures).",
                id="wagtail_charte.E004",
            )
        )
    try:
        caches[conf.get("CACHE")].get("wagtail_charte:health")
    except Exception as error:  # any backend's own error
        problems.append(
            Warning(
                f"The cache “{conf.get('CACHE')}” fails ({error}): charte pages and banners "
                "are rendered without it, and the consent endpoint's rate limits are off.",
                id="wagtail_charte.W009",
            )
        )
    return problems
