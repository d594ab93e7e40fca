from .register import ConsentBasis, Cookie, CookieCategory, CookieProvider, LifetimeUnit, Party

__all__ = [
    "ConsentBasis",
    "Cookie",
    "CookieCategory",
    "CookieProvider",
    "LifetimeUnit",
    "Party",
]
