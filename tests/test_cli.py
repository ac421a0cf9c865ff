"""The `policy` command: exact stdout, stderr and exit code of each command and each mistake."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, sha, snapshot, tag_release, write, write_and_commit

from policy.cli import main

ROOT = Path(__file__).resolve().parent.parent
SLUG = "privacy-policy"
PATH = "policies/privacy-policy.md"
V1 = policy_text(SLUG, "2026-01-01", "# Privacy\n\nWe keep your data.\n")
V2 = policy_text(SLUG, "2026-03-01", "# Privacy\n\nWe keep your data safe.\n")
NOT_A_REPO = (
    "Error: {}: is not inside a git repository; run the command in your policy repository "
    "or pass --repo PATH\n"
)


def run(*args: str):
    """The command as a user types it; help is wrapped at 80 columns whatever $COLUMNS says."""
    return CliRunner().invoke(main, list(args), prog_name="policy", terminal_width=80)


@pytest.fixture
def released(tmp_path):
    """privacy-policy 1.0.0 (in effect from 2026-01-01) and 2.0.0 (from 2026-03-01), a second
    policy without releases, and uncommitted work on the first one."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, V1, "First version", date="2025-12-01 09:00:00 +0000")
    tag_release(
        repo,
        SLUG,
        "1.0.0",
        "major",
        "2026-01-01",
        "First release",
        date="2025-12-02 09:00:00 +0000",
        categories=("sharing", "rights"),
    )
    write_and_commit(repo, PATH, V2, "Say safe", date="2026-01-10 09:00:00 +0000")
    tag_release(
        repo, SLUG, "2.0.0", "minor", "2026-03-01", "Say safe", date="2026-01-11 09:00:00 +0000"
    )
    write_and_commit(
        repo, "policies/terms.md", policy_text("terms", "2026-01-01", "# Terms\n\nBe nice.\n"), "T"
    )
    write(repo, PATH, V2 + "\nDraft sentence.\n")
    return repo


# -- help and version -------------------------------------------------------------------------


def test_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith(
        "Usage: policy [OPTIONS] COMMAND [ARGS]...\n\n"
        "  Version, compare and check the Markdown policies kept in a git repository.\n"
    )
    commands = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in commands] == sorted(main.commands)
    assert "  check      Find problems in policy files: front matter, anchors, empty..." in commands
    assert {"check", "show", "versions"} <= set(main.commands)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: policy {command} [OPTIONS]")
    assert main.commands[command].help
    assert result.stderr == ""


def test_show_help():
    result = run("show", "-h")
    assert result.exit_code == 0
    assert result.stdout == (
        "Usage: policy show [OPTIONS] SLUG [VERSION]\n\n"
        "  Print a policy as it reads at a release (default: the one in effect today).\n\n"
        "  VERSION may be a version (2.0.0 or v2.0.0), a tag, any git revision, or\n"
        "  WORKTREE. At a release, the front matter's effective_date is the date the\n"
        "  release recorded.\n\n"
        "Options:\n"
        "  --as-of YYYY-MM-DD  Take this day as today when deciding which release is in\n"
        "                      effect.\n"
        "  --repo PATH         Git repository holding the policies (default: the one\n"
        "                      containing the current directory).\n"
        "  -h, --help          Show this message and exit.\n"
    )


def test_version():
    result = run("--version")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "policy, version 0.1.0\n", "")


def test_unknown_command():
    result = run("publish-everything")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith("Error: No such command 'publish-everything'.\n")


# -- check ------------------------------------------------------------------------------------


def test_check_the_bundled_policy():
    result = run("--repo", str(ROOT), "check")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "1 policy checked: no problems found.\n"


def test_check_with_findings(tmp_path):
    repo = make_repo(tmp_path)
    write(repo, PATH, V1 + "\n## Empty\n")
    write(repo, "policies/terms.md", "# Terms\n\nSee [scope](#scope).\n")
    write(repo, "policies/cookies.md", policy_text("cookies", "2026-01-01", "# C\n\nText.\n"))
    result = run("--repo", str(tmp_path), "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "policies/privacy-policy.md:11: section `Empty` is empty; add its text or remove the "
        "heading\n"
        "policies/terms.md:1: no front matter; start the file with `---`, `title:`, `slug:`, "
        "`effective_date:` and `---` lines\n"
        "policies/terms.md:3: link to #scope has no matching heading in this document; fix the "
        "link or the heading\n"
    )
    assert result.stderr == "3 problem(s) in 3 policies.\n"


def test_check_named_slugs_only(tmp_path):
    repo = make_repo(tmp_path)
    write(repo, PATH, V1)
    write(repo, "policies/terms.md", "# Terms\n")
    result = run("--repo", str(tmp_path), "check", SLUG)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "1 policy checked: no problems found.\n"


def test_check_unknown_slug(tmp_path):
    repo = make_repo(tmp_path)
    write(repo, PATH, V1)
    result = run("--repo", str(tmp_path), "check", "terms")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: unknown policy `terms`; policies in policies/: privacy-policy (a policy's slug "
        "is its file name without .md)\n"
    )


def test_check_non_utf8_and_binary_files(tmp_path):
    repo = make_repo(tmp_path)
    write(repo, PATH, V1.replace("data", "d\xe4ta").encode("latin-1"))
    write(repo, "policies/terms.md", b"\x00\x01")
    result = run("--repo", str(tmp_path), "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "policies/privacy-policy.md:9: is not UTF-8 text; save the file with UTF-8 encoding\n"
        "policies/terms.md:1: is a binary file, not Markdown text; keep only .md text files in "
        "the policies folder\n"
    )
    assert result.stderr == "2 problem(s) in 2 policies.\n"


def test_check_in_the_current_directory(tmp_path, monkeypatch):
    repo = make_repo(tmp_path)
    write(repo, PATH, V1)
    monkeypatch.chdir(tmp_path / "policies")
    result = run("check")
    assert (result.exit_code, result.stderr) == (0, "1 policy checked: no problems found.\n")


# -- versions ---------------------------------------------------------------------------------


def test_versions_text(released):
    result = run("--repo", released.working_tree_dir, "versions", "--as-of", "2026-02-01")
    one, two = sha(released, "HEAD~2")[:7], sha(released, "HEAD~1")[:7]
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        "privacy-policy: 2 releases\n"
        "  VERSION  STATUS     EFFECTIVE   LEVEL  CATEGORIES      TAGGED      COMMIT   "
        "TAG                    "
        "SUMMARY\n"
        f"  1.0.0    in effect  2026-01-01  major  sharing,rights  2025-12-02  {one}  "
        "privacy-policy/v1.0.0  "
        "First release\n"
        f"  2.0.0    upcoming   2026-03-01  minor  -               2026-01-11  {two}  "
        "privacy-policy/v2.0.0  "
        "Say safe\n"
        "\n"
        "terms: no releases yet\n"
    )


def test_versions_of_one_policy_later(released):
    result = run("--repo", released.working_tree_dir, "versions", SLUG, "--as-of", "2026-03-01")
    one, two = sha(released, "HEAD~2")[:7], sha(released, "HEAD~1")[:7]
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "privacy-policy: 2 releases\n"
        "  VERSION  STATUS     EFFECTIVE   LEVEL  CATEGORIES      TAGGED      COMMIT   "
        "TAG                    "
        "SUMMARY\n"
        f"  1.0.0    past       2026-01-01  major  sharing,rights  2025-12-02  {one}  "
        "privacy-policy/v1.0.0  "
        "First release\n"
        f"  2.0.0    in effect  2026-03-01  minor  -               2026-01-11  {two}  "
        "privacy-policy/v2.0.0  "
        "Say safe\n"
    )


def test_versions_json(released):
    result = run(
        "--repo", released.working_tree_dir, "versions", SLUG, "--format", "json",
        "--as-of", "2026-02-01",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "policies": [
            {
                "slug": "privacy-policy",
                "in_effect": "1.0.0",
                "releases": [
                    {
                        "slug": "privacy-policy",
                        "version": "1.0.0",
                        "tag": "privacy-policy/v1.0.0",
                        "commit": sha(released, "HEAD~2"),
                        "released": "2025-12-02T09:00:00+00:00",
                        "effective_date": "2026-01-01",
                        "level": "major",
                        "categories": ["sharing", "rights"],
                        "summary": "First release",
                        "override": None,
                        "short_notice_reason": None,
                        "problems": [],
                        "status": "in effect",
                    },
                    {
                        "slug": "privacy-policy",
                        "version": "2.0.0",
                        "tag": "privacy-policy/v2.0.0",
                        "commit": sha(released, "HEAD~1"),
                        "released": "2026-01-11T09:00:00+00:00",
                        "effective_date": "2026-03-01",
                        "level": "minor",
                        "categories": [],
                        "summary": "Say safe",
                        "override": None,
                        "short_notice_reason": None,
                        "problems": [],
                        "status": "upcoming",
                    },
                ],
            }
        ]
    }
    assert result.stdout.startswith('{\n  "policies": [\n')


def test_versions_json_without_releases(released):
    result = run("--repo", released.working_tree_dir, "versions", "terms", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        '{\n  "policies": [\n    {\n      "slug": "terms",\n      "in_effect": null,\n'
        '      "releases": []\n    }\n  ]\n}\n'
    )


def test_versions_unknown_slug(released):
    result = run("--repo", released.working_tree_dir, "versions", "cookies")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: unknown policy `cookies`; policies in policies/: privacy-policy, terms (a "
        "policy's slug is its file name without .md)\n"
    )


def test_versions_bad_format_and_bad_date(released):
    result = run("--repo", released.working_tree_dir, "versions", "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json'.\n"
    )
    result = run("--repo", released.working_tree_dir, "versions", "--as-of", "1 March")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: policy versions [OPTIONS] [SLUG]\n"
        "Try 'policy versions --help' for help.\n\n"
        "Error: Invalid value for '--as-of': '1 March' is not a date; use YYYY-MM-DD\n"
    )


# -- show -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "text"),
    [("2026-01-01", V1), ("2026-02-28", V1), ("2026-03-01", V2), ("2030-01-01", V2)],
)
def test_show_the_release_in_effect(released, as_of, text):
    result = run("--repo", released.working_tree_dir, "show", SLUG, "--as-of", as_of)
    assert (result.exit_code, result.stdout, result.stderr) == (0, text, "")


def test_show_in_effect_today(tmp_path):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, V1, "One")
    tag_release(repo, SLUG, "1.0.0", "major", "2000-01-01", "Long ago")
    write_and_commit(repo, PATH, V2, "Two")
    result = run("--repo", str(tmp_path), "show", SLUG)
    # The file says 2026-01-01; the release recorded 2000-01-01, the date shown.
    shown = V1.replace("effective_date: 2026-01-01", "effective_date: 2000-01-01")
    assert (result.exit_code, result.stdout, result.stderr) == (0, shown, "")


@pytest.mark.parametrize(
    ("version", "text"),
    [
        ("1.0.0", V1),
        ("v2.0.0", V2),
        ("privacy-policy/v1.0.0", V1),
        ("HEAD~2", V1),
        ("main", V2),
        ("WORKTREE", V2 + "\nDraft sentence.\n"),
    ],
)
def test_show_an_explicit_version(released, version, text):
    result = run("--repo", released.working_tree_dir, "show", SLUG, version)
    assert (result.exit_code, result.stdout, result.stderr) == (0, text, "")


def test_show_when_no_release_is_in_effect_yet(released):
    result = run("--repo", released.working_tree_dir, "show", SLUG, "--as-of", "2025-12-31")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: no release of privacy-policy is in effect on 2025-12-31 (the first, 1.0.0, "
        "takes effect 2026-01-01); name a version or use --as-of\n"
    )


def test_show_a_policy_without_releases(released):
    result = run("--repo", released.working_tree_dir, "show", "terms")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: terms has no release yet; name a revision to show, e.g. WORKTREE or HEAD\n"
    )


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (
            "3.0.0",
            "privacy-policy has no release 3.0.0 (releases: 1.0.0, 2.0.0); see "
            "`policy versions privacy-policy`",
        ),
        (
            "latest",
            "`latest` is not a version, tag or git revision of this repository; use e.g. 2.0.0, "
            "a branch, a commit or WORKTREE",
        ),
    ],
)
def test_show_an_unknown_version(released, version, message):
    result = run("--repo", released.working_tree_dir, "show", SLUG, version)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


def test_show_an_option_like_version(released):
    result = run("--repo", released.working_tree_dir, "show", SLUG, "--", "-x")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: `-x` is not a version, tag or git revision\n"


def test_show_unknown_slug(released):
    result = run("--repo", released.working_tree_dir, "show", "cookies", "1.0.0")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: unknown policy `cookies`; policies in policies/: ")


def test_show_a_non_utf8_policy(tmp_path):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, V1.replace("data", "d\xe4ta").encode("latin-1"), "Latin-1")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "First")
    for version, name in (("WORKTREE", PATH), ("1.0.0", f"{PATH} at v1.0.0")):
        result = run("--repo", str(tmp_path), "show", SLUG, version)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"Error: {name}: line 9: is not UTF-8 text; save the file with UTF-8 encoding\n"
        )


def test_show_a_binary_policy(tmp_path):
    repo = make_repo(tmp_path)
    write(repo, PATH, b"PK\x03\x04\x00\x00")
    result = run("--repo", str(tmp_path), "show", SLUG, "WORKTREE")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: policies/privacy-policy.md: is a binary file, not Markdown text; keep only .md "
        "text files in the policies folder\n"
    )


# -- the repository and its configuration -----------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["versions"], ["show", SLUG]])
def test_repo_that_is_not_a_git_repository(tmp_path, command):
    result = run("--repo", str(tmp_path), *command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == NOT_A_REPO.format(tmp_path)


def test_current_directory_that_is_not_a_git_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("versions")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == NOT_A_REPO.format(tmp_path)


def test_repo_that_does_not_exist(tmp_path):
    result = run("--repo", str(tmp_path / "missing"), "check")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {tmp_path}/missing: no such folder; give --repo the path of a git repository\n"
    )


def test_repo_that_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    result = run("--repo", str(tmp_path / "file"), "check")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '--repo': Directory '{tmp_path}/file' is a file.\n"
    )


@pytest.mark.parametrize("command", [["check"], ["versions"], ["show", SLUG, "WORKTREE"]])
def test_bad_policy_toml(released, command):
    write(released, "policy.toml", "[site]\nbase_url = 'soocas.com'\n")
    result = run("--repo", released.working_tree_dir, *command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: policy.toml: `site.base_url` = 'soocas.com' is not allowed: must start with "
        "https:// or http://\n"
    )


def test_invalid_toml(released):
    write(released, "policy.toml", "notice_days = [\n")
    result = run("--repo", released.working_tree_dir, "check")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == "Error: policy.toml: is not valid TOML: Invalid value (at end of document)\n"
    )


def test_policies_dir_from_policy_toml(tmp_path):
    repo = make_repo(tmp_path)
    write(repo, "policy.toml", 'policies_dir = "legal"\n')
    write(repo, "legal/privacy-policy.md", V1)
    write(repo, PATH, "# Ignored: not in legal/\n")
    result = run("--repo", str(tmp_path), "check")
    assert (result.exit_code, result.stderr) == (0, "1 policy checked: no problems found.\n")


def test_read_only_commands_change_nothing(released):
    before = snapshot(released)
    where = released.working_tree_dir
    for args in (
        ["check"],
        ["versions", "--format", "json"],
        ["show", SLUG, "--as-of", "2026-01-01"],
        ["show", SLUG, "WORKTREE"],
        ["show", SLUG, "HEAD~1"],
        ["show", SLUG, "nope"],
    ):
        run("--repo", where, *args)
    assert snapshot(released) == before
    assert before[0] == " M policies/privacy-policy.md"


# -- startup ----------------------------------------------------------------------------------

HEAVY = ("git", "gitdb", "deepdiff", "jinja2", "nh3", "sendgrid", "pydantic", "yaml", "markdown_it")
HEAVY += ("sqlalchemy", "email_validator", "python_http_client", "psycopg", "cryptography")
NOTIFY_COMMANDS = ("notify", "audit", "webhook")
PROBE = """
import sys
from policy import cli
code = cli.main({args!r}, prog_name="policy", standalone_mode=False)
print("EXIT", code)
print("MODULES", " ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["show", "--help"],
        ["release", "--help"],
        ["--version"],
        *[[c, "--help"] for c in NOTIFY_COMMANDS],
    ],
)
def test_startup_imports_nothing_heavy_and_reads_no_config(tmp_path, args):
    repo = make_repo(tmp_path)
    write(repo, "policy.toml", "this is not toml\n")  # --help must not read it
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert "EXIT 0" in lines
    modules = set(lines[-1].removeprefix("MODULES ").split())
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert loaded == []
    assert (
        not {"policy.settings.loader", "policy.settings.schema", "policy.versions.repository"}
        & modules
    )
    assert "click" in modules and "policy.cli" in modules  # the probe did look


def _probe(args: list[str], cwd) -> tuple[list[str], set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    return lines, set(lines[-1].removeprefix("MODULES ").split())


def test_classify_of_two_plain_files_outside_git_needs_neither_git_nor_the_settings(tmp_path):
    """Two files in a folder outside any checkout and without policy.toml: the built-in
    defaults, without importing GitPython or the settings' schema (pydantic), which were most
    of such a command's start-up."""
    (tmp_path / "old.md").write_text("# Sharing\n\nWe share data with Acme.\n", encoding="utf-8")
    (tmp_path / "new.md").write_text("# Sharing\n\nWe share data with Beta.\n", encoding="utf-8")
    args = ["classify", "--old-file", "old.md", "--new-file", "new.md"]
    lines, modules = _probe(args, tmp_path)
    assert lines[:2] == [
        "old.md → new.md",
        "MAJOR change: users must be told before it takes effect (section 8 of the policy).",
    ]
    assert "EXIT None" in lines
    assert not {"git", "pydantic", "policy.settings.schema"} & modules
    assert "policy.classify.engine" in modules  # it did classify

    (tmp_path / "policy.toml").write_text("this is not toml\n", encoding="utf-8")
    old, new = str(tmp_path / "old.md"), str(tmp_path / "new.md")
    broken = run("--repo", str(tmp_path), "classify", "--old-file", old, "--new-file", new)
    assert broken.exit_code == 1
    assert broken.stderr.startswith("Error: policy.toml: is not valid TOML")


def test_versions_of_a_hand_made_lightweight_tag(tmp_path):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, "# Privacy\n\nNo front matter.\n", "One")
    repo.git.tag(f"{SLUG}/v1.0.0")
    result = run("--repo", str(tmp_path), "versions", "--as-of", "2026-01-01")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "privacy-policy: 1 release\n"
        "  VERSION  STATUS   EFFECTIVE  LEVEL  CATEGORIES  TAGGED      COMMIT   TAG"
        "                    SUMMARY\n"
        f"  1.0.0    unknown  -          -      -           2026-01-05  {sha(repo, 'HEAD')[:7]}  "
        "privacy-policy/v1.0.0  -\n"
    )


def test_a_secret_never_reaches_the_terminal(released, monkeypatch):
    monkeypatch.setenv("SENDGRID_API_KEY", "SG.secret-value")
    result = run("--repo", released.working_tree_dir, "versions", "SG.secret-value")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown policy `<SENDGRID_API_KEY>`; ")
    assert "secret-value" not in result.output


def test_a_secret_named_by_api_key_env_never_reaches_the_terminal(released, monkeypatch):
    write(released, "policy.toml", '[notify]\napi_key_env = "MAIL_KEY"\n')
    monkeypatch.setenv("MAIL_KEY", "SG.renamed-secret")
    monkeypatch.setenv("SENDGRID_API_KEY", "SG.old-name-secret")
    for value, name in (
        ("SG.renamed-secret", "MAIL_KEY"),
        ("SG.old-name-secret", "SENDGRID_API_KEY"),
    ):
        result = run("--repo", released.working_tree_dir, "versions", value)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"Error: unknown policy `<{name}>`; ")
        assert "secret" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["versions"],
        ["diff", "--old-file", "../old.md", "--new-file", "../new.md"],
        ["classify", "--old-file", "../old.md", "--new-file", "../new.md"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_broken_policy_toml_is_reported_the_same_by_every_command(released, monkeypatch, command):
    """Run from a subfolder: the repository's policy.toml applies to commands on plain files
    too, and its error is the same line everywhere."""
    root = Path(released.working_tree_dir)
    write(released, "old.md", V1)
    write(released, "new.md", V2)
    write(released, "policy.toml", "notice_days = -1\n")
    monkeypatch.chdir(root / "policies")
    result = run(*command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: policy.toml: `notice_days` = -1 is not allowed: Input should be greater than "
        "or equal to 0\n"
    )


def test_commands_on_plain_files_outside_git_take_the_default_settings(tmp_path, monkeypatch):
    (tmp_path / "old.md").write_text(V1, encoding="utf-8")
    (tmp_path / "new.md").write_text(V2, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("classify", "--old-file", "old.md", "--new-file", "new.md", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["level"] == "minor"
