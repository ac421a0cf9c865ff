"""Files written outside git: whole or not at all; the tool's state never shows in git."""

from __future__ import annotations

import pytest
from gitrepo import make_repo

from policy.files import state_dir, write_atomic


def test_write_atomic_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "deep" / "report.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_write_atomic_that_fails_keeps_the_old_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "report.json"
    write_atomic(target, b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_the_state_folder_is_ignored_by_git(tmp_path):
    repo = make_repo(tmp_path)
    folder = state_dir(tmp_path)
    (folder / "ledger.sqlite3").write_bytes(b"x")
    assert state_dir(tmp_path) == folder == tmp_path / ".policy"
    assert repo.git.status("--porcelain", "--untracked-files=all") == ""
    repo.close()
