from .page import CookiePolicyPage
from .register import ConsentBasis, Cookie, CookieCategory, CookieProvider, LifetimeUnit, Party
from .section import CharteSection

__all__ = [
    "CharteSection",
    "ConsentBasis",
    "Cookie",
    "CookieCategory",
    "CookiePolicyPage",
    "CookieProvider",
    "LifetimeUnit",
    "Party",
]
from .banner import BannerLayout, BannerTheme, BannerWording, CookieBannerSettings  # noqa: E402

__all__ += ["BannerLayout", "BannerTheme", "BannerWording", "CookieBannerSettings"]
