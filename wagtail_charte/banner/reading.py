"""`read_consent(request)`: the consent a request's cookie carries, for a site's own views.

Using it per visitor makes the response depend on a cookie: such a page must not be cached
by a CDN or Wagtail's frontend cache (or must vary on the cookie).
"""

from .. import conf
from .config import BannerConfig, get_banner_config
from .consent import Consent, current_choice
from .gpc import gpc_choice


def read_consent(request, config: BannerConfig | None = None) -> Consent:
    """The consent the request's cookie carries, checked against the banner config.

    `config` defaults to the banner config of the request's site and language (cached).
    """
    if config is None:
        config = get_banner_config(request)
    header = request.META.get("HTTP_COOKIE", "")
    choice = current_choice(header, conf.get("COOKIE_NAME"), config.version, config.lifetime)
    if choice is None:
        choice = gpc_choice(request, config)  # what banner.js records for a GPC browser
    return Consent(choice=choice, is_current=choice is not None, bases=config.bases)
