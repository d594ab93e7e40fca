"""The gettext catalogues are complete, current, compiled and found."""

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

from wagtail_charte.apps import WagtailCharteAppConfig

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "wagtail_charte" / "locale"
LANGUAGES = ["fr", "en"]
needs_msgfmt = pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is not installed")


def catalogue(lang, path=LOCALE):
    return polib.pofile(str(path / lang / "LC_MESSAGES" / "django.po"))


def keys(po):
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def test_french_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = catalogue("fr")
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert "fuzzy" not in po.metadata_as_entry().flags


@needs_msgfmt
def test_catalogues_list_exactly_the_msgids_of_the_code(tmp_path):
    package = tmp_path / "wagtail_charte"
    shutil.copytree(REPO / "wagtail_charte", package, ignore=shutil.ignore_patterns("locale"))
    (package / "locale").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    args = [sys.executable, "-m", "django", "makemessages", "--no-location"]
    subprocess.run(
        [*args, *(f"-l{lang}" for lang in LANGUAGES)],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    for lang in LANGUAGES:
        extracted = keys(catalogue(lang, package / "locale"))
        committed = keys(catalogue(lang))
        assert sorted(extracted - committed, key=str) == [], f"run `make messages` ({lang})"
        assert sorted(committed - extracted, key=str) == [], f"stale msgids ({lang})"


@needs_msgfmt
@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_mo_files_are_compiled_from_the_po_files(tmp_path, lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", fresh, po], check=True)
    assert filecmp.cmp(fresh, po.with_suffix(".mo"), shallow=False), "run `make compilemessages`"


def test_french_string_renders_from_the_catalogue():
    with translation.override("fr"):
        assert str(WagtailCharteAppConfig.verbose_name) == "Charte cookies"
    with translation.override("en"):
        assert str(WagtailCharteAppConfig.verbose_name) == "Cookie policy"
