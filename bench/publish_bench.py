"""Benchmark `policy publish` on a repository with 200 releases of the bundled privacy policy.

Run by hand (not a test): `.venv/bin/python bench/publish_bench.py [--releases N] [--runs N]`.
Prints medians of: a full publish into an empty folder, a re-run with nothing changed, and a
re-run after one more release (the cache spares the 200 others), each in-process and, for the
re-run, as a whole `policy publish` command. Targets: full <= 5 s, unchanged re-run <= 0.5 s.
Machines are shared: compare with a bare `python -c pass`, printed first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gitrepo import make_repo, open_repo, tag_release, write_and_commit  # noqa: E402

BASE = (ROOT / "policies" / "privacy-policy.md").read_text(encoding="utf-8")
WORDS = ("personal", "data", "Stripe", "processor", "transfer", "rights", "consent", "partner")


def build_repository(path: Path, releases: int) -> None:
    """`releases` versions, each a few words changed in one paragraph, effective a week apart;
    the last one takes effect in the future."""
    rng = random.Random(5)
    repo = make_repo(path)
    text = BASE
    start = dt.date(2026, 1, 1)
    for number in range(releases):
        effective = start + dt.timedelta(days=7 * number)
        if number == releases - 1:
            effective = dt.date(2099, 1, 1)
        paragraphs = text.split("\n\n")
        index = rng.randrange(2, len(paragraphs))
        words = paragraphs[index].split(" ")
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        paragraphs[index] = " ".join(words)
        text = "\n\n".join(paragraphs)
        text = text.replace(text.split("effective_date: ")[1][:10], effective.isoformat(), 1)
        stamp = f"{start + dt.timedelta(days=7 * number - 20)} 12:00:00 +0000"
        write_and_commit(repo, "policies/privacy-policy.md", text, f"Release {number}", stamp)
        version = f"1.{number}.0"
        tag_release(repo, "privacy-policy", version, "minor", effective.isoformat(),
                    f"Change number {number}.", date=stamp)  # fmt: skip
    repo.close()


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from policy.publish.site import publish
    from policy.versions.repository import PolicyRepository

    python = [sys.executable, "-c", "pass"]
    bare = statistics.median(timed(lambda: subprocess.run(python, check=True)) for _ in range(5))
    print(f"python -c pass: {bare * 1000:.0f} ms")
    work = Path(tempfile.mkdtemp(prefix="publish-bench-"))
    try:
        repo_dir = work / "repo"
        build_repository(repo_dir, args.releases)
        today = dt.date(2026, 6, 1)

        def run(out: Path) -> None:
            repository = PolicyRepository.open(repo_dir)
            try:
                publish(repository, out, today, repository.settings.site.base_url)
            finally:
                repository.close()

        full = []
        for number in range(max(1, args.runs // 2)):
            out = work / f"full-{number}"
            full.append(timed(lambda out=out: run(out)))
        out = work / "full-0"
        unchanged = [timed(lambda: run(out)) for _ in range(args.runs)]
        command = [str(Path(sys.executable).with_name("policy")), "--repo", str(repo_dir)]
        command += ["publish", "--out", str(out), "--as-of", today.isoformat()]
        cli = [timed(lambda: subprocess.run(command, check=True, capture_output=True))]
        cli += [timed(lambda: subprocess.run(command, check=True, capture_output=True))
                for _ in range(args.runs - 1)]  # fmt: skip

        repo = open_repo(repo_dir)
        write_and_commit(
            repo, "policies/privacy-policy.md", BASE, "One more", "2026-12-01 12:00:00 +0000"
        )
        tag_release(repo, "privacy-policy", "2.0.0", "major", "2099-06-01", "One more.")
        repo.close()
        one_more = timed(lambda: run(out))

        print(f"{args.releases} releases, {len(list(out.rglob('*.html')))} pages")
        print(f"full publish (empty folder):     median {statistics.median(full):.2f} s")
        print(f"re-run, nothing changed:         median {statistics.median(unchanged):.3f} s")
        print(f"re-run as `policy publish`:      median {statistics.median(cli):.3f} s")
        print(f"re-run after one more release:   {one_more:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
