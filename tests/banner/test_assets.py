"""The banner's served files: built from the readable sources, and not stale."""

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "wagtail_charte" / "static" / "wagtail_charte"
BUILT = ("charte.min.js", "banner.min.css")


@pytest.mark.skipif(
    not (REPO / "node_modules" / ".bin" / "esbuild").exists() or not shutil.which("make"),
    reason="needs make and esbuild (npm ci)",
)
def test_the_committed_build_matches_the_sources(tmp_path):
    """Run `make assets` after changing consent.js, banner.js or banner.css."""
    subprocess.run(
        ["make", "-s", "--no-print-directory", "assets", f"ASSETS_OUT={tmp_path}"],
        cwd=REPO,
        check=True,
    )
    for name in BUILT:
        assert (tmp_path / name).read_bytes() == (STATIC / name).read_bytes(), name
