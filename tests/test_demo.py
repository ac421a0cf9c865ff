"""`policy demo`: the product on the bundled policy, in a scratch repository, offline, the same
output for the same day, and none of the user's repositories touched."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from gitrepo import make_repo, snapshot, write_and_commit
from test_diff_render import check_snapshot

from policy.cli import main

DAY = "2026-06-01"


def demo(out: Path, *args: str):
    return CliRunner().invoke(
        main, ["demo", "--out", str(out), "--as-of", DAY, *args], prog_name="policy"
    )


@pytest.fixture(scope="module")
def shown(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "out"
    done = demo(out)
    assert (done.exit_code, done.stderr) == (0, ""), done.stderr
    return out, done.stdout


def test_the_story_as_printed(shown):
    out, text = shown
    check_snapshot("demo.txt", text.replace(str(out), "DEMO").replace(out.as_uri(), "file://DEMO"))


def test_a_release_history_with_a_classified_major_change(shown):
    out, text = shown
    repo = git.Repo(out / "repo")
    assert repo.git.tag("--list").split() == [
        "privacy-policy/v1.0.0",
        "privacy-policy/v1.0.1",
        "privacy-policy/v2.0.0",
    ]
    assert "Level: major\nCategories: sharing, contacts\nEffective-Date: 2026-07-01" in (
        repo.git.for_each_ref("refs/tags/privacy-policy/v2.0.0", format="%(contents)")
    )
    repo.close()
    assert "  2.0.0    upcoming   2026-07-01  major      sharing,contacts  " in text
    assert "MAJOR change: users must be told before it takes effect" in text
    assert "(currently [-Paypal-]{+Stripe+} )" in text
    assert "Email: [-info-]{+dpo+}@soocas.com" in text


def test_the_site_and_the_email_are_in_the_folder_it_names(shown):
    out, text = shown
    changes = out / "site" / "privacy-policy" / "v2.0.0" / "changes.html"
    assert changes.is_file() and f"Open {changes.as_uri()} in a browser" in text
    assert f"$ policy --repo {out / 'repo'} serve --out {out / 'site'} --as-of {DAY}" in text
    assert "<del" in changes.read_text(encoding="utf-8")
    assert (
        (out / "email.txt")
        .read_text(encoding="utf-8")
        .startswith("Subject: Important changes to our Privacy Policy, effective 1 July 2026\n")
    )
    assert "dry run, nothing sent" in text and (out / "email.html").is_file()
    assert text.endswith(f"Everything is in {out}; delete the folder when you are done. To set "
                         "up your own repository: policy init --help\n")  # fmt: skip


def test_the_same_day_gives_the_same_output(shown, tmp_path):
    out, text = shown
    again = demo(tmp_path / "again")
    assert again.stdout.replace(str(tmp_path / "again"), str(out)) == text


def test_offline_and_leaves_the_current_repository_alone(tmp_path, monkeypatch):
    """Run from inside a user's repository with every network connection refused."""
    mine = make_repo(tmp_path / "mine")
    write_and_commit(mine, "policies/terms.md", "---\ntitle: T\n---\n# T\n\nText.\n", "T")
    before = snapshot(mine)
    monkeypatch.chdir(tmp_path / "mine")

    def refuse(*_args, **_kwargs):
        raise AssertionError("policy demo opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    done = demo(tmp_path / "out")
    assert done.exit_code == 0, done.stderr
    assert snapshot(mine) == before
    assert sorted(os.listdir(tmp_path / "mine")) == [".git", "policies"]


def test_an_out_folder_that_is_not_empty_is_refused(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    done = demo(tmp_path / "used")
    assert (done.exit_code, done.stdout) == (2, "")
    assert done.stderr == (
        f"Error: --out {tmp_path / 'used'}: is not an empty folder; give a new or empty one\n"
    )
    assert os.listdir(tmp_path / "used") == ["notes.txt"]
