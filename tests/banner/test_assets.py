"""The banner's served files: built from the readable sources, not stale, and within budget."""

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "wagtail_charte" / "static" / "wagtail_charte"
BUILT = ("charte.min.js", "banner.min.css")
# Gzipped bytes of what the default theme loads, measured as `make benchmarks` does.
# 4 KB, and 512 B more for the gating of Wagtail's embeds (issue 21) and the refusal issue (22).
BUDGET = 4608


@pytest.mark.skipif(
    not all((REPO / "node_modules" / ".bin" / tool).exists() for tool in ("esbuild", "terser"))
    or not shutil.which("make"),
    reason="needs make, esbuild and terser (npm ci)",
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


def test_what_the_default_theme_loads_fits_in_4_5_kb():
    sizes = {name: len(gzip.compress((STATIC / name).read_bytes(), 9, mtime=0)) for name in BUILT}
    assert sum(sizes.values()) <= BUDGET, sizes
