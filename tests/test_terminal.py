"""Terminal conventions, as git has them: a pager for output to a terminal, `-C PATH`, `--repo`
after the command, marks that do not rely on colour, tables that fit the terminal, and
progress counts a person can read."""

from __future__ import annotations

import contextlib
import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, write_and_commit
from publishing import SLUG, three_releases

from policy.cli import main

TODAY = "2026-06-01"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), prog_name="policy", env=env)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("terminal") / "repo"
    three_releases(path).close()
    return path


# -- --repo after the command, and -C ----------------------------------------------------------


def test_repo_after_the_command_is_the_same_as_before_it(repo):
    before = run("--repo", str(repo), "versions", "--as-of", TODAY)
    after = run("versions", "--as-of", TODAY, "--repo", str(repo))
    assert (after.exit_code, after.stderr) == (0, "")
    assert after.stdout == before.stdout
    assert after.stdout.startswith("privacy-policy: 3 releases\n")


def test_the_repo_given_after_the_command_wins(repo, tmp_path):
    done = run("--repo", str(tmp_path), "show", SLUG, "1.0.0", "--repo", str(repo))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("---\ntitle: Privacy Policy\n")


def test_dash_c_runs_as_if_started_there(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # restored after the test: -C changes the process's folder
    done = run("-C", str(repo.parent), "-C", repo.name, "versions", "--as-of", TODAY)
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout.startswith("privacy-policy: 3 releases\n")
    assert Path.cwd() == repo


def test_dash_c_to_a_missing_folder_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = run("-C", "nowhere", "versions")
    assert (done.exit_code, done.stdout) == (2, "")
    assert done.stderr.endswith(
        "Error: Invalid value for '-C': cannot change to 'nowhere': No such file or directory\n"
    )


# -- the pager ---------------------------------------------------------------------------------

RECORDER = """
import os, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("LESS=" + os.environ.get("LESS", "(unset)") + "\\n")
    out.write(sys.stdin.read())
"""


def on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run `policy ARGS` with stdout on a pseudo-terminal; what the terminal received."""
    master, slave = pty.openpty()
    command = [sys.executable, "-m", "policy.cli", *args]
    unset = ("PAGER", "POLICY_PAGER", "LESS")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    done = subprocess.run(command, env={**environment, **env}, stdout=slave,
                          stderr=subprocess.PIPE, timeout=60, check=False)  # fmt: skip
    os.close(slave)
    seen = b""
    with contextlib.suppress(OSError):
        while chunk := os.read(master, 65536):
            seen += chunk
    os.close(master)
    assert done.returncode == 0, done.stderr
    return seen.decode().replace("\r\n", "\n")


@pytest.fixture
def pager(tmp_path) -> tuple[str, Path]:
    """A pager that records its LESS variable and what it was given."""
    script = tmp_path / "pager.py"
    script.write_text(RECORDER, encoding="utf-8")
    return f"{sys.executable} {script} {tmp_path / 'paged.txt'}", tmp_path / "paged.txt"


def test_output_to_a_terminal_goes_through_the_pager_with_less_set_as_git_sets_it(repo, pager):
    command, paged = pager
    shown = on_a_terminal(["--repo", str(repo), "show", SLUG, "1.0.0"], {"PAGER": command})
    assert shown == ""
    assert paged.read_text(encoding="utf-8").startswith("LESS=FRX\n---\ntitle: Privacy Policy\n")


def test_policy_pager_comes_first_and_a_less_the_user_set_is_kept(repo, pager):
    command, paged = pager
    env = {"POLICY_PAGER": command, "PAGER": "cat", "LESS": "-R"}
    assert on_a_terminal(["--repo", str(repo), "versions", "--as-of", TODAY], env) == ""
    assert paged.read_text(encoding="utf-8").startswith("LESS=-R\nprivacy-policy: 3 releases\n")


@pytest.mark.parametrize("how", ["--no-pager", "PAGER=cat", "PAGER="])
def test_no_pager(repo, pager, how):
    command, paged = pager
    args, env = ["--repo", str(repo)], {"PAGER": command}
    if how == "--no-pager":
        args.insert(0, how)
    else:
        env["PAGER"] = how.split("=", 1)[1]
    shown = on_a_terminal([*args, "show", SLUG, "1.0.0"], env)
    assert shown.startswith("---\ntitle: Privacy Policy\n")
    assert not paged.exists()


def test_no_pager_when_the_output_is_not_a_terminal(repo, pager):
    command, paged = pager
    done = run("--repo", str(repo), "show", SLUG, "1.0.0", env={"PAGER": command})
    assert done.stdout.startswith("---\ntitle: Privacy Policy\n")
    assert not paged.exists()


# -- words marked without colour ---------------------------------------------------------------

OLD = (
    "# P\n\n## Sharing\n\nWe share data with Paypal to take payments. "
    "Write to info@example.com today.\n"
)
NEW = OLD.replace("Paypal", "Stripe and Adyen").replace("info@example.com today", "dpo@example.com")


@pytest.fixture
def files(tmp_path) -> list[str]:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(policy_text("p", "2026-01-01", OLD), encoding="utf-8")
    new.write_text(policy_text("p", "2026-01-01", NEW), encoding="utf-8")
    return ["--old-file", str(old), "--new-file", str(new)]


def test_without_colour_words_are_marked_like_git_word_diff_plain(files):
    done = run("diff", *files)
    assert done.stdout.splitlines()[-1] == (
        "    ~ We share data with [-Paypal-]{+Stripe and Adyen+} to take payments. "
        "Write to [-info-]{+dpo+}@example.com [-today-]."
    )


def test_with_colour_deleted_words_are_struck_through_and_inserted_ones_underlined(files):
    done = run("diff", *files, "--color", "always")
    assert done.stdout.splitlines()[-1] == (
        "    ~ We share data with \x1b[31;9mPaypal\x1b[m\x1b[32;4mStripe and Adyen\x1b[m to take "
        "payments. Write to \x1b[31;9minfo\x1b[m\x1b[32;4mdpo\x1b[m@example.com "
        "\x1b[31;9mtoday\x1b[m."
    )
    classified = run("classify", *files, "--color", "always")
    assert "with \x1b[31;9mPaypal\x1b[m\x1b[32;4mStripe and Adyen\x1b[m to" in classified.stdout
    plain = run("classify", *files, "--color", "auto", env={"NO_COLOR": "1"})
    assert "with [-Paypal-]{+Stripe and Adyen+} to" in plain.stdout
    assert "\x1b" not in plain.stdout


# -- tables that fit ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_summaries(tmp_path_factory) -> Path:
    from gitrepo import tag_release

    path = tmp_path_factory.mktemp("wide") / "repo"
    repo = make_repo(path)
    body = "# Privacy Policy\n\nText.\n"
    write_and_commit(repo, f"policies/{SLUG}.md", policy_text(SLUG, "2026-01-01", body), "v1")
    summary = ("A new payment processor, a data protection officer and a new right to object "
               "to profiling, agreed with the board on 3 February.")  # fmt: skip
    tag_release(repo, SLUG, "1.0.0", "major", "2026-03-01", summary,
                categories=("purposes", "sharing", "rights", "contacts"))  # fmt: skip
    repo.close()
    return path


@pytest.mark.parametrize("columns", [120, 100, 80])
def test_the_versions_table_fits_the_terminal(long_summaries, columns):
    done = run("--repo", str(long_summaries), "versions", "--as-of", "2026-02-01",
               env={"COLUMNS": str(columns)})  # fmt: skip
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    assert max(map(len, lines)) <= columns, "\n" + done.stdout
    assert "TAG " not in lines[1]  # the tag is SLUG/vVERSION: the first thing to go
    words = " ".join(done.stdout.split())
    assert "profiling, agreed with the board on 3 February." in words  # wrapped, not cut
    assert lines[2].startswith("  1.0.0    upcoming  2026-03-01  major  purposes,")


def test_the_120_column_table_exactly(long_summaries):
    done = run("--repo", str(long_summaries), "versions", "--as-of", "2026-02-01",
               env={"COLUMNS": "120"})  # fmt: skip
    commit = done.stdout.splitlines()[2].split()[6]
    pad = " " * 80
    assert done.stdout == (
        "privacy-policy: 1 release\n"
        "  VERSION  STATUS    EFFECTIVE   LEVEL  CATEGORIES         TAGGED      COMMIT   SUMMARY\n"
        f"  1.0.0    upcoming  2026-03-01  major  purposes,sharing,  2026-01-05  {commit}  "
        "A new payment processor, a data\n"
        "                                        rights,contacts                         "
        "protection officer and a new right to\n"
        f"{pad}object to profiling, agreed with the\n"
        f"{pad}board on 3 February.\n"
    )


def test_without_a_terminal_or_columns_the_table_keeps_whole_lines(long_summaries):
    done = run("--repo", str(long_summaries), "versions", "--as-of", TODAY)
    assert len(done.stdout.splitlines()) == 3
    assert done.stdout.splitlines()[2].endswith("on 3 February.")


# -- progress counts ---------------------------------------------------------------------------


def test_the_notify_progress_bar_shows_counts_with_thousands_separators():
    from rich.console import Console
    from rich.progress import Progress

    from policy.notifier.sender import _Progress

    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=False, color_system=None)
    with Progress(*_Progress.columns(), console=console, auto_refresh=False) as bar:
        task = bar.add_task("Sending", total=50_000)
        bar.advance(task, 12_000)
        bar.refresh()
    assert "Sending" in out.getvalue()
    assert "12,000/50,000" in out.getvalue()
    assert "24%" in out.getvalue()
