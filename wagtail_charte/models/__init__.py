from .audit import AuditFinding, AuditMode, AuditRun, FindingKind, Phase, Tracker
from .banner import BannerLayout, BannerTheme, BannerWording, CookieBannerSettings
from .page import CookiePolicyPage
from .register import ConsentBasis, Cookie, CookieCategory, CookieProvider, LifetimeUnit, Party
from .section import CharteSection

__all__ = [
    "AuditFinding",
    "AuditMode",
    "AuditRun",
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
    "FindingKind",
    "LifetimeUnit",
    "Party",
    "Phase",
    "Tracker",
]
