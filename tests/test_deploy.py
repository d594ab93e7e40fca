"""What docs/deploy.md promises: its settings pass `check --deploy`, a per-process cache is
reported, and the consent endpoint works behind a TLS-terminating proxy."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from .banner.choices import choice, post_choice

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "sandbox" / "settings_production.py"
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "sandbox.settings_production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "www.example.org",
    "WAGTAILADMIN_BASE_URL": "https://www.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DATABASE_URL": "sqlite:///:memory:",
}


def check(*args, **env):
    """`manage.py check` in a new process, as an integrator runs it."""
    # Nothing of the test run's own: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, say.
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"
    }
    return subprocess.run(
        [sys.executable, "sandbox/manage.py", "check", *args],
        cwd=REPO,
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_production_example_passes_the_deployment_checks():
    done = check("--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_documented_example_is_the_checked_one():
    guide = (REPO / "docs" / "deploy.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", guide, re.DOTALL)
    assert EXAMPLE.read_text() in blocks


def test_the_sandbox_without_debug_is_warned_of_its_per_process_cache():
    warned = check(DJANGO_DEBUG="0")
    assert "wagtail_charte.W002" in warned.stderr + warned.stdout
    assert "LocMemCache" in warned.stderr + warned.stdout
    shared = check(DJANGO_DEBUG="0", REDIS_URL="redis://127.0.0.1:6379/0")
    assert shared.returncode == 0
    assert "wagtail_charte.W002" not in shared.stderr + shared.stdout


@pytest.mark.parametrize(
    "proxy_setting, status",
    [(("HTTP_X_FORWARDED_PROTO", "https"), 204), (None, 403)],
    ids=["SECURE_PROXY_SSL_HEADER set", "not set"],
)
def test_consent_behind_a_tls_proxy_needs_the_proxy_header_setting(
    demo, client, proxy_setting, status
):
    """The browser posts from https://…; the proxy forwards plain HTTP with X-Forwarded-Proto."""
    with override_settings(SECURE_PROXY_SSL_HEADER=proxy_setting):
        response = post_choice(
            client,
            choice(),
            HTTP_HOST="testserver",  # passed on by the proxy
            HTTP_ORIGIN="https://testserver",
            HTTP_X_FORWARDED_PROTO="https",
        )
    assert response.status_code == status, response.content
    if status == 204:
        assert response.cookies["cookies_preferences"]["secure"]
