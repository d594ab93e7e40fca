"""`make run THEME=dsfr` waits for the DSFR's terms of use to be accepted; it never accepts them."""

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def dsfr_terms(project, **env):
    return subprocess.run(
        ["make", "-s", "--no-print-directory", "dsfr-terms", f"DSFR_PROJECT={project}"],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **env},
        check=False,
    )


def test_the_dsfr_theme_waits_for_its_terms_to_be_accepted(tmp_path):
    refused = dsfr_terms(tmp_path)
    assert refused.returncode != 0
    assert "reserved to the State's own websites" in refused.stdout
    assert not (tmp_path / ".dsfr.yml").exists()
    acceptance = re.search(r'write "(accept-license: [^"]+)" in \.dsfr\.yml', refused.stderr)
    (tmp_path / ".dsfr.yml").write_text(acceptance.group(1) + "\n")
    assert dsfr_terms(tmp_path).returncode == 0


def test_the_dsfr_s_own_variable_accepts_them_too(tmp_path):
    assert dsfr_terms(tmp_path, DSFR_ACCEPT_LICENSE="1").returncode == 0
