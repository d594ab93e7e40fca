from .banner import BannerLayout, BannerTheme, BannerWording, CookieBannerSettings
from .consent_log import ConsentMethod, ConsentRecord, ConsentSnapshot
from .page import CookiePolicyPage
from .register import ConsentBasis, Cookie, CookieCategory, CookieProvider, LifetimeUnit, Party
from .section import CharteSection

__all__ = [
    "BannerLayout",
    "BannerTheme",
    "BannerWording",
    "CharteSection",
    "ConsentBasis",
    "ConsentMethod",
    "ConsentRecord",
    "ConsentSnapshot",
    "Cookie",
    "CookieBannerSettings",
    "CookieCategory",
    "CookiePolicyPage",
    "CookieProvider",
    "LifetimeUnit",
    "Party",
]
