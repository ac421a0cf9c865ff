"""`policy publish` killed mid-write (SIGKILL): the next run removes the temporary files left
beside the pages and leaves the site as a run that was never interrupted would."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from publishing import TODAY, three_releases

from policy.files import remove_leftovers

# A real `policy publish` process that kills itself with SIGKILL just before its Nth rename of a
# written temporary file: the state a kill at that moment leaves, every time.
KILLED_AT = """
import os, signal, sys
rename, left = os.replace, int(sys.argv[1])
def replace(src, dst):
    global left
    if left == 0:
        os.kill(os.getpid(), signal.SIGKILL)
    left -= 1
    rename(src, dst)
os.replace = replace
from policy.cli import main
sys.exit(main(sys.argv[2:], prog_name="policy"))
"""


def publish(repo_dir: Path, out: Path, kill_at: int | None = None) -> subprocess.CompletedProcess:
    args = ["--repo", str(repo_dir), "publish", "--out", str(out), "--as-of", TODAY.isoformat()]
    if kill_at is None:
        command = [str(Path(sys.executable).with_name("policy")), *args]
    else:
        command = [sys.executable, "-c", KILLED_AT, str(kill_at), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".policy-publish" not in p.parts
    }


def temporaries(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.tmp"))


@pytest.fixture(scope="module")
def repo_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("killed") / "repo"
    three_releases(path).close()
    return path


@pytest.fixture(scope="module")
def expected(repo_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean") / "site"
    assert publish(repo_dir, out).returncode == 0
    return files(out)


@pytest.mark.parametrize("kill_at", [0, 4, 20])
def test_a_run_after_a_sigkill_removes_the_leftovers_and_completes_the_site(
    repo_dir, expected, tmp_path, kill_at
):
    out = tmp_path / "site"
    killed = publish(repo_dir, out, kill_at)
    assert killed.returncode == -signal.SIGKILL
    left = temporaries(out)
    assert left, "the kill left no temporary file"
    assert all(Path(name).name.startswith(".") for name in left)
    again = publish(repo_dir, out)
    assert again.returncode == 0, again.stderr
    assert temporaries(out) == []
    assert files(out) == expected


def test_a_killed_run_into_a_published_site_is_repaired(repo_dir, expected, tmp_path):
    out = tmp_path / "site"
    assert publish(repo_dir, out).returncode == 0
    (out / "privacy-policy" / "index.html").write_text("edited by hand\n")  # forces a rewrite
    assert publish(repo_dir, out, kill_at=0).returncode == -signal.SIGKILL
    (left,) = temporaries(out)  # the page being replaced, named with the killed run's pid
    assert re.fullmatch(r"privacy-policy/\.index\.html\.[0-9]+-[a-z0-9_]{8}\.tmp", left)
    assert publish(repo_dir, out).returncode == 0
    assert temporaries(out) == []
    assert files(out) == expected


def test_a_temporary_file_of_a_run_still_writing_is_kept(tmp_path):
    """Two runs may write into one folder: only a dead writer's files are leftovers."""
    out = tmp_path / "site"
    out.mkdir()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
    dead = int(finished.stdout)
    live = os.getppid()  # the process running the tests' runner: alive
    names = [
        f".index.html.{dead}-abcd1234.tmp",
        ".feed.xml.zyxw9876.tmp",  # an older version's name, without a pid
        f".index.html.{live}-efgh5678.tmp",
        ".notes.tmp",  # not a name write_atomic makes
        "draft.tmp",
    ]
    for name in names:
        (out / name).write_text("x")
    assert remove_leftovers(out) == sorted(names[:2])
    assert sorted(p.name for p in out.iterdir()) == sorted(names[2:])
