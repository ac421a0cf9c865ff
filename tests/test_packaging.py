"""The installed project is one import package, `policy`, with its data files.

Built as pip would build it, offline, from this checkout: what lands in site-packages is what
a user's `pip install` gets, so a stray top-level module (`cli`, `settings`) would break
their other packages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_installs_one_top_level_package_with_its_templates(tmp_path):
    source = tmp_path / "source"  # setuptools builds in the tree: keep the checkout clean
    skip = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "site")
    shutil.copytree(ROOT, source, ignore=skip)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--wheel-dir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("policy-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"policy"}
    assert "policy/cli.py" in names and "policy/__init__.py" in names
    assert "policy/publish/templates/style.css" in names
    assert "policy/notifier/templates/en/body.html.j2" in names
    assert "policy/notifier/templates/fr/_macros.j2" in names
    assert "policy/init/templates/policy.toml" in names  # policy init
    assert "policy/policies/privacy-policy.md" in names  # policy demo's story
    assert "policy/policy.toml" in names
    assert "policy/init/templates/workflows/policy-release.yml" in names
    assert "policy/classify/vocab/forms.toml" in names  # the classifier's vocabularies
    assert "policy/classify/vocab/dpv/pd_core.csv" in names
    assert "policy/classify/vocab/dpv/LICENSE.md" in names  # travels with the DPV files
    assert not [n for n in names if n.startswith(("policy/tests/", "policy/bench/"))]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "policy = policy.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
