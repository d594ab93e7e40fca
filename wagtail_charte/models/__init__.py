from .audit import AuditFinding, AuditMode, AuditRun, FindingKind, Phase, Tracker
from .banner import BannerLayout, BannerTheme, BannerWording, CookieBannerSettings
from .consent_log import ConsentMethod, ConsentRecord, ConsentSnapshot
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
    "ConsentMethod",
    "ConsentRecord",
    "ConsentSnapshot",
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
