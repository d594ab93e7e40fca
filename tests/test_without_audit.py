"""A site without the optional audit app: the core checks and tests without it."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Checks, then whether the models and their migrations agree (a core migration naming the
# audit's would not even load), then lists the management commands.
CHECKS = """
import django
from django.core.management import call_command, get_commands

django.setup()
call_command("check")
call_command("makemigrations", "--check", "--dry-run")
print(*sorted(get_commands()))
"""


def python(*args, tmp_path):
    """Runs Python in a fresh process, on the settings without the audit app."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_without_audit",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_core_works_without_the_audit_app(tmp_path):
    commands = python("-c", CHECKS, tmp_path=tmp_path).split()
    assert "charte_import" in commands
    assert "charte_audit" not in commands
    # The core's tests import without it.
    collected = python(
        "-m",
        "pytest",
        "--collect-only",
        "-q",
        "-p",
        "no:cacheprovider",
        "--ignore=tests/audit",
        tmp_path=tmp_path,
    )
    assert "tests/test_without_audit.py::test_the_core_works_without_the_audit_app" in collected
