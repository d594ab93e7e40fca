"""The URLs of a project's live public pages, each built in its page's own language."""

from django.utils import translation
from wagtail.models import Locale, Page


def live_page_urls(locales=None):
    """Full URLs of the live public pages of `locales` (all when None), shallowest first.

    Wagtail prefixes a page's URL with the active language when it is a variant of the page's:
    `/en-us/` for an `en` page under Django's default LANGUAGE_CODE, a prefix that
    `i18n_patterns` does not serve when LANGUAGES names `en`. Each URL is built in its
    page's language instead, as a visitor following the site's links would meet it.
    """
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("depth", "path")
    if locales:
        pages = pages.filter(locale__in=locales)
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    urls = []
    for page in pages.specific(defer=True):
        with translation.override(languages[page.locale_id]):
            _, root_url, path = page.get_url_parts() or (None, None, None)
        if root_url is not None and path is not None:
            urls.append(root_url + path)
    return urls
