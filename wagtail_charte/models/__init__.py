from .register import ConsentBasis, Cookie, CookieCategory, CookieProvider, LifetimeUnit, Party

__all__ = [
    "ConsentBasis",
    "Cookie",
    "CookieCategory",
    "CookieProvider",
    "LifetimeUnit",
    "Party",
]
from .banner import BannerLayout, BannerTheme, BannerWording, CookieBannerSettings  # noqa: E402

__all__ += ["BannerLayout", "BannerTheme", "BannerWording", "CookieBannerSettings"]
