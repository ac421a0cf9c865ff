"""`policy init` on fresh repositories: what it writes, what it refuses, and workflows that pass
actionlint and zizmor (and are, for review and release, this repository's own)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
import yaml
from click.testing import CliRunner
from gitrepo import make_repo, write_and_commit
from tools import require

from policy.cli import main
from policy.init import tool
from policy.init.setup import workflow
from policy.versions.authoring import https_url

ROOT = Path(__file__).resolve().parent.parent
PIN = "policy @ git+https://github.com/acme/policy@0123456789abcdef0123456789abcdef01234567"
FILES = [
    "policies/privacy-policy.md",
    "policy.toml",
    ".github/workflows/policy-review.yml",
    ".github/workflows/policy-release.yml",
    ".github/workflows/policy-check.yml",
    ".gitignore",
]


def init(repo: Path, *args: str):
    return CliRunner().invoke(
        main,
        ["--repo", str(repo), "init", "--install", PIN, "--as-of", "2026-03-01", *args],
        prog_name="policy",
    )


def listing(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and ".git/" not in
        str(p.relative_to(root)) + "/"
    )  # fmt: skip


@pytest.fixture
def fresh(tmp_path) -> Path:
    """A new repository on branch `trunk`, nothing committed."""
    git.Repo.init(tmp_path / "legal", initial_branch="trunk").close()
    return tmp_path / "legal"


def test_a_fresh_repository_gets_a_policy_settings_workflows_and_ignores(fresh):
    done = init(fresh)
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout.splitlines()[:8] == [
        f"policy init set up {fresh}:",
        "  create        policies/privacy-policy.md            a starter policy",
        "  create        policy.toml                           settings, each key explained",
        "  create        .github/workflows/policy-review.yml   pull requests: check, redline, "
        "verdict comment and label",
        "  create        .github/workflows/policy-release.yml  merges: release tags, GitHub "
        "Releases, website, emails",
        "  create        .github/workflows/policy-check.yml    every push that changes a policy: "
        "policy check",
        "  create        .gitignore                            site/, .policy/",
        f"The workflows install: {PIN}",
    ]
    assert "Next:" in done.stdout
    assert listing(fresh) == sorted(FILES)
    starter = (fresh / "policies/privacy-policy.md").read_text(encoding="utf-8")
    assert starter.startswith("---\ntitle: Privacy Policy\nslug: privacy-policy\n"
                              "effective_date: 2026-03-01\n---\n")  # fmt: skip
    assert (fresh / ".gitignore").read_text(encoding="utf-8").endswith("site/\n.policy/\n")
    for name in ("policy-review.yml", "policy-release.yml", "policy-check.yml"):
        flow = yaml.safe_load((fresh / ".github/workflows" / name).read_text(encoding="utf-8"))
        assert flow["env"] == {"POLICY_TOOL": PIN}  # installed pinned, not from this repository
        installs = [s["run"] for j in flow["jobs"].values() for s in j.get("steps", [])
                    if s.get("name") == "Install policy"]  # fmt: skip
        assert installs and all('pip install -q --disable-pip-version-check "$POLICY_TOOL"' in r
                                and "-e ." not in r for r in installs)  # fmt: skip
    release = yaml.safe_load((fresh / ".github/workflows/policy-release.yml").read_text())
    assert release[True]["push"]["branches"] == ["trunk"]  # the repository's own branch

    checked = CliRunner().invoke(main, ["--repo", str(fresh), "check"], prog_name="policy")
    assert (checked.exit_code, checked.stderr) == (0, "1 policy checked: no problems found.\n")


def test_the_workflows_it_writes_pass_actionlint_and_zizmor(fresh):
    assert init(fresh).exit_code == 0
    actionlint, shellcheck, zizmor = map(require, ("actionlint", "shellcheck", "zizmor"))
    linted = subprocess.run([actionlint, "-shellcheck", shellcheck], cwd=fresh,
                            capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert (linted.returncode, linted.stdout) == (0, ""), linted.stdout
    audited = subprocess.run([zizmor, "--offline", "--no-progress", ".github/workflows"],
                             cwd=fresh, capture_output=True, text=True, timeout=120,
                             check=False)  # fmt: skip
    assert audited.returncode == 0, audited.stdout + audited.stderr
    assert "No findings to report." in audited.stdout


def test_this_repositorys_review_and_release_workflows_are_what_init_writes():
    """One source for both: this repository installs its own checkout (`.`)."""
    for name in ("policy-review.yml", "policy-release.yml"):
        ours = (ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8")
        assert ours == workflow(name, ".", "main"), f"{name}: regenerate it from the template"


def test_the_check_workflow_runs_on_the_set_up_repository(fresh, tmp_path):
    assert init(fresh).exit_code == 0
    flow = yaml.safe_load((fresh / ".github/workflows/policy-check.yml").read_text())
    assert flow[True] == {"push": {"paths": ["policies/**", "policy.toml"]}}
    (fresh / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    for step in flow["jobs"]["check"]["steps"]:
        if "run" in step and step["name"] != "Install policy":
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                                   step["run"]], cwd=fresh, capture_output=True, text=True,
                                  timeout=120, check=False)  # fmt: skip
            assert done.returncode == 0, done.stderr


def test_dry_run_writes_nothing_and_says_what_it_would(fresh):
    done = init(fresh, "--dry-run")
    assert (done.exit_code, done.stderr) == (0, "")
    assert listing(fresh) == []
    lines = done.stdout.splitlines()
    assert lines[0] == f"policy init would set up {fresh}:"
    assert lines[1] == "  would create  policies/privacy-policy.md            a starter policy"
    assert lines[-1] == "Nothing written (--dry-run)."


def test_it_refuses_to_overwrite_and_writes_nothing(fresh):
    (fresh / "policy.toml").write_text("notice_days = 10\n", encoding="utf-8")
    done = init(fresh)
    assert (done.exit_code, done.stdout) == (1, "")
    assert done.stderr == (
        "Error: policy.toml exists already; policy init never overwrites a file: move it away, "
        "or set up the rest by hand\n"
    )
    assert listing(fresh) == ["policy.toml"]
    assert (fresh / "policy.toml").read_text(encoding="utf-8") == "notice_days = 10\n"


def test_your_own_policy_gets_front_matter_and_the_gitignore_only_what_it_lacks(fresh, tmp_path):
    mine = tmp_path / "Terms of Service.md"
    mine.write_text("# Terms of Service\r\n\r\nBe nice.\r\n", encoding="utf-8")
    (fresh / ".gitignore").write_text("*.pyc\n/site/", encoding="utf-8")
    done = init(fresh, "--policy", str(mine))
    assert done.exit_code == 0, done.stderr
    assert "  create        policies/terms-of-service.md" in done.stdout
    assert "  append        .gitignore" in done.stdout
    assert not (fresh / "policies/privacy-policy.md").exists()
    assert (fresh / "policies/terms-of-service.md").read_text(encoding="utf-8") == (
        '---\ntitle: "Terms of Service"\nslug: terms-of-service\neffective_date: 2026-03-01\n'
        "---\n\n# Terms of Service\n\nBe nice.\n"
    )
    assert (fresh / ".gitignore").read_text(encoding="utf-8") == (
        "*.pyc\n/site/\n\n# policy: the website `policy publish` builds, the ledger of "
        "`policy notify`\n.policy/\n"
    )
    checked = CliRunner().invoke(main, ["--repo", str(fresh), "check"], prog_name="policy")
    assert checked.exit_code == 0, checked.stdout


def test_a_repository_with_policies_gets_no_starter(tmp_path):
    repo = make_repo(tmp_path / "legal")
    write_and_commit(repo, "policies/cookies.md", "---\ntitle: C\n---\n# C\n\nText.\n", "C")
    done = init(tmp_path / "legal")
    assert done.exit_code == 0, done.stderr
    assert "policies/" not in done.stdout.split("policy.toml")[0]


def test_outside_a_git_repository(tmp_path):
    done = init(tmp_path)
    assert (done.exit_code, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {tmp_path}: is not inside a git repository; run `git init` first, or pass "
        "--repo PATH\n"
    )


def test_an_install_requirement_that_could_break_the_workflow_is_refused(fresh):
    done = CliRunner().invoke(main, ["--repo", str(fresh), "init", "--install", 'x" && evil'])
    assert done.exit_code == 2
    assert done.stderr.startswith("Error: --install 'x\" && evil' cannot be used; ")
    assert listing(fresh) == []


# -- the default pin ---------------------------------------------------------------------------


class Installed:
    def __init__(self, direct_url: dict | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return json.dumps(self.direct_url) if self.direct_url is not None else None


def test_installed_from_git_the_pin_is_that_commit(monkeypatch):
    commit = "89abcdef0123456789abcdef0123456789abcdef"
    recorded = {"url": "https://github.com/acme/policy", "vcs_info": {"vcs": "git",
                "commit_id": commit, "requested_revision": "main"}}  # fmt: skip
    monkeypatch.setattr("importlib.metadata.distribution", lambda _name: Installed(recorded))
    assert tool.requirement() == f"policy @ git+https://github.com/acme/policy@{commit}"


def test_installed_from_a_clone_the_pin_is_its_origin_and_head(monkeypatch, tmp_path):
    clone = make_repo(tmp_path / "policy-tool")
    head = write_and_commit(clone, "README.md", "tool\n", "Tool")
    clone.create_remote("origin", "git@github.com:acme/policy.git")
    recorded = {"url": (tmp_path / "policy-tool").as_uri(), "dir_info": {"editable": True}}
    monkeypatch.setattr("importlib.metadata.distribution", lambda _name: Installed(recorded))
    assert tool.requirement() == f"policy @ git+https://github.com/acme/policy@{head}"


def test_without_a_known_origin_init_asks_for_install(monkeypatch, fresh):
    monkeypatch.setattr("importlib.metadata.distribution", lambda _name: Installed(None))
    done = CliRunner().invoke(main, ["--repo", str(fresh), "init"], prog_name="policy")
    assert done.exit_code == 2
    assert done.stderr == (
        "Error: cannot tell which repository and commit this copy of policy comes from (it was "
        "not installed from a git clone with an `origin`); give --install "
        "'policy @ git+https://github.com/OWNER/REPO@COMMIT'\n"
    )


@pytest.mark.parametrize(
    ("url", "https"),
    [
        ("git@github.com:acme/policy.git", "https://github.com/acme/policy"),
        ("https://github.com/acme/policy.git", "https://github.com/acme/policy"),
        (
            "ssh://git@gitlab.example.com/legal/policy.git",
            "https://gitlab.example.com/legal/policy",
        ),
        ("/srv/git/policy.git", ""),
        ("file:///srv/git/policy.git", ""),
    ],
)
def test_remote_urls_pip_can_fetch(url, https):
    assert https_url(url) == https


def test_nothing_outside_the_repository_is_touched(fresh, tmp_path):
    before = sorted(os.listdir(tmp_path))
    assert init(fresh).exit_code == 0
    assert sorted(os.listdir(tmp_path)) == before
