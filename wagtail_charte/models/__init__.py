from .audit import AuditFinding, AuditMode, AuditRun, FindingKind, Phase, Tracker
from .banner import BannerLayout, BannerTheme, BannerWording, CookieBannerSettings
from .consent_log import ConsentMethod, ConsentRecord, ConsentSnapshot
from .kinds import ConsentBasis, Party
from .lifetime import LifetimeUnit
from .page import CookiePolicyPage
from .register import Cookie, CookieCategory, CookieProvider
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
