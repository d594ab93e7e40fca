"""The test settings, with the consent log in a database of its own (tests/consent_log/database).

The log's test database gets the log's tables and nothing else, as `migrate --database`
gives a site: the router decides when pytest-django creates it.
"""

from .settings import *  # noqa: F403
from .settings import DATABASES, WAGTAIL_CHARTE

DATABASES = {
    **DATABASES,
    "consent_log": {**DATABASES["default"], "NAME": f"{DATABASES['default']['NAME']}_log"},
}
if "TEST" in DATABASES["default"]:
    DATABASES["consent_log"]["TEST"] = {"NAME": f"{DATABASES['default']['TEST']['NAME']}_log"}
WAGTAIL_CHARTE = {**WAGTAIL_CHARTE, "CONSENT_LOG_DATABASE": "consent_log"}
