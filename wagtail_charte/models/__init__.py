from .banner import BannerLayout, BannerTheme, BannerWording, CookieBannerSettings
from .consent_log import ConsentMethod, ConsentRecord, ConsentSnapshot
from .kinds import ConsentBasis, Party
from .lifetime import LifetimeUnit
from .page import CookiePolicyPage
from .register import Cookie, CookieCategory, CookieProvider
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
