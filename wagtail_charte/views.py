from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, LocaleColumn, UpdatedAtColumn
from wagtail.contrib.simple_translation.views import SubmitSnippetTranslationView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import consent
from .banner import get_banner_config
from .filters import CookieFilterSet
from .forms import RegisterTranslationForm
from .models import CharteSection, Cookie, CookieCategory, CookieProvider


class CookieViewSet(SnippetViewSet):
    model = Cookie
    icon = "clipboard-list"
    menu_label = _("Cookies")
    list_display = [
        "name",
        LocaleColumn(),
        "provider",
        "category",
        "party",
        Column("lifetime", label=_("Lifetime")),
        LiveStatusTagColumn(),
    ]
    filterset_class = CookieFilterSet
    ordering = ["category__sort_order", "name"]
    list_per_page = 50
    list_export = [
        "name",
        "locale",
        "provider",
        "service",
        "purpose",
        "category",
        "party",
        "lifetime",
    ]
    export_headings = {"lifetime": _("Lifetime")}
    export_filename = "cookies"


class CookieCategoryViewSet(SnippetViewSet):
    model = CookieCategory
    icon = "tag"
    menu_label = _("Categories")
    list_display = [
        "name",
        LocaleColumn(),
        "slug",
        "basis",
        "sort_order",
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    list_filter = ["basis"]
    ordering = ["sort_order", "name"]
    list_export = ["name", "slug", "description", "basis", "sort_order"]
    export_filename = "cookie-categories"


class CookieProviderViewSet(SnippetViewSet):
    model = CookieProvider
    icon = "site"
    menu_label = _("Providers")
    list_display = [
        "name",
        LocaleColumn(),
        "privacy_policy_url",
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    ordering = ["name"]
    list_export = ["name", "privacy_policy_url"]
    export_filename = "cookie-providers"


class CharteSectionViewSet(SnippetViewSet):
    model = CharteSection
    icon = "doc-full"
    menu_label = _("Reusable sections")
    list_display = ["title", UpdatedAtColumn(), LiveStatusTagColumn()]
    ordering = ["title"]


class CookieRegisterViewSetGroup(SnippetViewSetGroup):
    items = (CookieViewSet, CookieCategoryViewSet, CookieProviderViewSet, CharteSectionViewSet)
    menu_label = _("Cookies")
    menu_icon = "clipboard-list"
    menu_name = "cookie-register"


class SubmitRegisterTranslationView(SubmitSnippetTranslationView):
    """simple_translation's view, refusing locales the related entries lack."""

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return RegisterTranslationForm(self.object, data)


# The consent endpoint ------------------------------------------------------------------

# A choice is about 150 bytes; anything much larger is not one.
MAX_CONSENT_BODY = 4096


def _consent_error(status, reason):
    response = JsonResponse({"error": reason}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _same_origin(request):
    """True for a same-origin request: Origin matches, or Sec-Fetch-Site says so."""
    origin = request.headers.get("Origin")
    if origin:
        return origin == f"{request.scheme}://{request.get_host()}"
    site = request.headers.get("Sec-Fetch-Site")
    return site == "same-origin"


@method_decorator(csrf_exempt, name="dispatch")
class ConsentView(View):
    """Re-sets the consent cookie with Set-Cookie (Safari caps script-written cookies at 7 days).

    No CSRF token: pages are cached. Only a strict JSON choice from the same origin is accepted.
    """

    http_method_names = ["post", "options"]

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = _consent_error(405, "only POST is accepted")
        response["Allow"] = "POST"
        return response

    def options(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request)

    def post(self, request):
        if not _same_origin(request):
            return _consent_error(403, "cross-origin requests are refused")
        content_type = request.content_type or ""
        if content_type != "application/json":
            return _consent_error(415, "the body must be application/json")
        try:
            length = int(request.headers.get("Content-Length") or 0)
        except ValueError:
            return _consent_error(400, "bad Content-Length")
        if length > MAX_CONSENT_BODY:
            return _consent_error(413, "the body is too large")
        body = request.read(MAX_CONSENT_BODY + 1)
        if len(body) > MAX_CONSENT_BODY:
            return _consent_error(413, "the body is too large")
        try:
            choice = consent.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            return _consent_error(400, "the body is not UTF-8")
        except consent.InvalidChoice as error:
            return _consent_error(400, f"not a consent choice: {error}")
        config = get_banner_config(request)
        known = {c["slug"] for c in config["categories"] if c["basis"] != consent.NECESSARY}
        unknown = set(choice["c"]) - known
        if unknown:
            return _consent_error(400, f"unknown or fixed categories: {', '.join(sorted(unknown))}")
        if not consent.is_current(choice, config["version"], config["lifetime"]):
            return _consent_error(400, "the choice is stale, expired or dated in the future")
        value = consent.serialise(choice)
        if len(value) > consent.MAX_ENCODED_LENGTH:
            return _consent_error(413, "the choice is too large")
        response = HttpResponse(status=204)
        response["Cache-Control"] = "no-store"
        response.set_cookie(
            consent.cookie_name(),
            value,
            max_age=config["lifetime"] * consent.DAY,
            path="/",
            secure=request.is_secure(),
            httponly=False,  # the banner's script reads it
            samesite="Lax",
        )
        return response
