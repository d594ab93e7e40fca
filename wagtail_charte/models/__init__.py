from .banner import BannerLayout, BannerTheme, BannerWording, CookieBannerSettings
from .page import CookiePolicyPage
from .register import ConsentBasis, Cookie, CookieCategory, CookieProvider, LifetimeUnit, Party
from .section import CharteSection

__all__ = [
    "BannerLayout",
    "BannerTheme",
    "BannerWording",
    "CharteSection",
    "ConsentBasis",
    "Cookie",
    "CookieBannerSettings",
    "CookieCategory",
    "CookiePolicyPage",
    "CookieProvider",
    "LifetimeUnit",
    "Party",
]
