"""The package's public views: the consent endpoint, same-origin only and without a CSRF token."""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.http import is_same_domain
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site

from . import conf, outages, throttle
from .banner import consent
from .banner.config import active_content_language, banner_config
from .consent_log import records, snapshots
from .models import ConsentBasis, ConsentMethod

# A choice is about 250 bytes; anything much larger is not one.
MAX_CONSENT_BODY = 4096
# Browsers keep cookies with these prefixes only when they are Secure.
SECURE_PREFIXES = ("__Host-", "__Secure-")

# The body: the cookie's choice, the hash of the banner it answers, and how it was made.
BODY_KEYS = {"v", "ts", "id", "c", "snapshot", "method"}
_DIGEST = re.compile(r"^[0-9a-f]{64}$")

logger = logging.getLogger(__name__)


class Refusal(Exception):
    """A request the endpoint answers with a 4xx and a reason."""

    def __init__(self, status, reason, retry_after=None):
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.retry_after = retry_after

    def response(self):
        response = JsonResponse({"error": self.reason}, status=self.status)
        response["Cache-Control"] = "no-store"
        if self.retry_after is not None:
            response["Retry-After"] = str(self.retry_after)
        return response


class NotRecorded(Exception):
    """The log's database failed: the choice is set in the cookie all the same."""


@method_decorator(csrf_exempt, name="dispatch")
class ConsentView(View):
    """Re-sets the consent cookie with Set-Cookie (Safari caps script-written cookies at 7 days).

    No CSRF token: pages are cached. Only a strict JSON choice from the same origin is accepted.
    """

    http_method_names = ["post", "options"]

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = Refusal(405, "only POST is accepted").response()
        response["Allow"] = "POST"
        return response

    def options(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request)

    def post(self, request):
        try:
            check_request(request)
            limit(throttle.check_address, request)
            choice, digest, method = read_body(request)
            site = Site.find_for_request(request)
            language = choice_language(request)
            config = banner_config(site, language)
            check_choice(choice, config)
            value = consent.serialise(choice)
            if len(value) > consent.MAX_ENCODED_LENGTH:
                raise Refusal(413, "the choice is too large")
            limit(throttle.check_consent_id, choice["id"])
            if conf.get("CONSENT_LOG"):
                record_choice(choice, digest, method, config, site, language)
            response = HttpResponse(status=204)
        except Refusal as refusal:
            return refusal.response()
        except NotRecorded:
            response = JsonResponse(
                {"error": "the choice is set but could not be recorded"}, status=503
            )
        response["Cache-Control"] = "no-store"
        response.set_cookie(
            conf.get("COOKIE_NAME"),
            value,
            max_age=config.lifetime * consent.DAY,
            path="/",
            secure=is_secure(request),
            httponly=False,  # the banner's script reads it
            samesite="Lax",
        )
        return response


def limit(check, subject):
    """Runs one of `throttle`'s checks: past its limit, a 429 with `Retry-After`."""
    try:
        check(subject)
    except throttle.Throttled as throttled:
        raise Refusal(429, "too many choices", throttled.retry_after) from None


def check_request(request):
    """Same origin, JSON, and a body small enough to be a choice."""
    if not is_same_origin(request):
        # Logged: behind a proxy that hides HTTPS, every choice would be refused silently.
        logger.warning(
            "Consent refused: origin %r is neither %s nor in CSRF_TRUSTED_ORIGINS",
            request.headers.get("Origin") or request.headers.get("Sec-Fetch-Site"),
            own_origin(request),
        )
        raise Refusal(403, "cross-origin requests are refused")
    if (request.content_type or "") != "application/json":
        raise Refusal(415, "the body must be application/json")
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        raise Refusal(400, "bad Content-Length") from None
    if length > MAX_CONSENT_BODY:
        raise Refusal(413, "the body is too large")


def own_origin(request):
    return f"{request.scheme}://{request.get_host()}"


def is_same_origin(request):
    """Origin is this site's, or one Django's CSRF check trusts; else Sec-Fetch-Site says so.

    A proxy that terminates TLS without `SECURE_PROXY_SSL_HEADER` makes the site's own https
    origin look foreign: `CSRF_TRUSTED_ORIGINS` names it, as Django's CSRF check needs too.
    """
    origin = request.headers.get("Origin")
    if origin:
        return origin == own_origin(request) or is_trusted_origin(origin)
    return request.headers.get("Sec-Fetch-Site") == "same-origin"


def is_trusted_origin(origin):
    """Django's own rule for `CSRF_TRUSTED_ORIGINS`: exact, or `scheme://*.domain`."""
    try:
        parts = urlsplit(origin)
    except ValueError:  # "http://[" and other hosts no browser sends
        return False
    return any(
        trusted.scheme == parts.scheme
        and (
            trusted.netloc == parts.netloc
            or ("*" in trusted.netloc and is_same_domain(parts.netloc, trusted.netloc[1:]))
        )
        for trusted in map(urlsplit, settings.CSRF_TRUSTED_ORIGINS)
    )


def is_secure(request):
    """Secure when the page is on HTTPS, as its Origin shows even behind a proxy."""
    origin = request.headers.get("Origin") or ""
    return (
        request.is_secure()
        or origin.startswith("https://")
        or conf.get("COOKIE_NAME").startswith(SECURE_PREFIXES)
    )


def read_body(request):
    """(choice, snapshot hash, method) from a strict JSON body; no other key is accepted."""
    body = request.read(MAX_CONSENT_BODY + 1)
    if len(body) > MAX_CONSENT_BODY:
        raise Refusal(413, "the body is too large")
    try:
        data = consent.decode(body.decode("utf-8"))
        if not isinstance(data, dict) or set(data) != BODY_KEYS:
            raise consent.InvalidChoice(f"keys must be exactly {', '.join(sorted(BODY_KEYS))}")
        digest, method = data.pop("snapshot"), data.pop("method")
        choice = consent.validate(data)
    except UnicodeDecodeError:
        raise Refusal(400, "the body is not UTF-8") from None
    except consent.InvalidChoice as error:
        raise Refusal(400, f"not a consent choice: {error}") from None
    if not isinstance(digest, str) or not _DIGEST.match(digest):
        raise Refusal(400, "snapshot must be 64 lowercase hex characters")
    if method not in ConsentMethod.values:
        raise Refusal(400, f"method must be one of {', '.join(ConsentMethod.values)}")
    return choice, digest, method


def choice_language(request):
    """The content language of the page the choice was made on, as the script names it
    (`?lang=`); else the request's."""
    named = request.GET.get("lang")
    if named is None:
        return active_content_language()
    try:
        return get_supported_content_language_variant(named)
    except LookupError:
        raise Refusal(400, "unknown language") from None


def record_choice(choice, digest, method, config, site, language):
    """Writes the choice to the log against the banner it names, which this very request's
    site and language showed, in the choice's version (a superseded one too: a CDN kept it)."""
    try:
        snapshot = snapshots.find(digest, config.snapshot)
        if snapshot is None:
            raise Refusal(400, "unknown snapshot")
        if (snapshot.site, snapshot.language, snapshot.version) != (
            site.hostname if site else "",
            language,
            choice["v"],
        ):
            raise Refusal(400, "the snapshot is of another site, language or version")
        records.record(choice, method, snapshot, consent.read_choices(choice, config.bases))
    except records.UnknownSnapshot:
        raise Refusal(400, "unknown snapshot") from None
    except records.Superseded:
        raise Refusal(409, "a later choice of this visitor is recorded") from None
    except DatabaseError as error:
        outages.report(outages.LOG_DATABASE, error)
        records.log_lost(choice, digest, method, error)
        raise NotRecorded from None


def check_choice(choice, config):
    """The choice is about this banner's refusable categories, and current."""
    known = {c.slug for c in config.categories if c.basis != ConsentBasis.NECESSARY}
    unknown = set(choice["c"]) - known
    if unknown:
        raise Refusal(400, f"unknown or fixed categories: {', '.join(sorted(unknown))}")
    if not consent.is_current(choice, config.version, config.lifetime):
        raise Refusal(400, "the choice is stale, expired or dated in the future")
