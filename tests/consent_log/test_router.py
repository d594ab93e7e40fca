"""The router and checks behind CONSENT_LOG_DATABASE (the log in a database of its own)."""

from wagtail_charte.checks import check_consent_log_database
from wagtail_charte.consent_log.router import ConsentLogRouter
from wagtail_charte.models import ConsentRecord, ConsentSnapshot, Cookie


def test_the_router_sends_only_the_log_to_its_database(settings):
    router = ConsentLogRouter()
    assert router.db_for_write(ConsentRecord) == "default"
    settings.WAGTAIL_CHARTE = {"CONSENT_LOG_DATABASE": "consent_log"}
    assert (
        router.db_for_read(ConsentRecord) == router.db_for_write(ConsentSnapshot) == "consent_log"
    )
    assert router.db_for_read(Cookie) is None
    migrate = router.allow_migrate
    assert migrate("consent_log", "wagtail_charte", "consentrecord") is True
    assert migrate("default", "wagtail_charte", "consentsnapshot") is False
    assert migrate("consent_log", "wagtail_charte", "cookie") is False
    assert migrate("consent_log", "wagtailcore", "page") is False
    assert migrate("default", "wagtail_charte", "cookie") is None


def test_system_checks_catch_a_log_database_without_alias_or_router(settings):
    assert check_consent_log_database(None) == []
    settings.WAGTAIL_CHARTE = {"CONSENT_LOG_DATABASE": "logs"}
    settings.DATABASE_ROUTERS = []
    assert [e.id for e in check_consent_log_database(None)] == [
        "wagtail_charte.E001",
        "wagtail_charte.E002",
    ]
