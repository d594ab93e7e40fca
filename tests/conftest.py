import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def demo(db):
    """The sandbox's demo content, as `charte_demo` loads it."""
    call_command("charte_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CHARTE_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"CHARTE_REQUIRE_BROWSER is set but {CHROMIUM} does not exist")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
