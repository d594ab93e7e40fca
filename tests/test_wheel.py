"""What users get from `pip install`: the wheel's contents and its compiled catalogues."""

import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, REPO], check=True
    )
    return next(out.glob("wagtail_charte-*.whl"))


def test_wheel_ships_catalogues_templates_static_files_and_type_marker(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "wagtail_charte/py.typed" in names
    assert "wagtail_charte/locale/fr/LC_MESSAGES/django.mo" in names
    assert "wagtail_charte/locale/en/LC_MESSAGES/django.mo" in names
    assert any(n.startswith("wagtail_charte/templates/") for n in names)
    assert any(n.startswith("wagtail_charte/static/") for n in names)


def test_french_renders_from_the_installed_wheel(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel],
        check=True,
    )
    # Its dependencies come from this venv, after the wheel: a path in a .pth file is added
    # as it is, without the .pth files there (this venv's editable install of the checkout).
    # The bare venv runs this same Python, so its site-packages follows the same scheme.
    env_site_packages = sysconfig.get_path("purelib", vars={"base": env_dir, "platbase": env_dir})
    (Path(env_site_packages) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    script = textwrap.dedent(
        """
        import django
        from django.conf import settings
        settings.configure(
            INSTALLED_APPS=[
                "wagtail_charte", "wagtail.contrib.settings", "wagtail.snippets",
                "wagtail.admin", "wagtail.users", "wagtail.images", "wagtail.documents",
                "wagtail", "modelcluster", "taggit", "django.contrib.auth",
                "django.contrib.contenttypes", "django.contrib.sessions",
                "django.contrib.messages", "django.contrib.staticfiles",
            ],
            USE_I18N=True, LANGUAGE_CODE="fr", STATIC_URL="/static/",
        )
        django.setup()
        import wagtail_charte
        from django.utils import translation
        from wagtail_charte.models import Cookie
        with translation.override("fr"):
            print(wagtail_charte.__file__)
            print(Cookie._meta.get_field("service").verbose_name)
        """
    )
    result = subprocess.run([python, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    location, label = result.stdout.splitlines()
    assert str(env_dir) in location, "the wheel, not the checkout, was imported"
    assert label == "service et emplacement"
