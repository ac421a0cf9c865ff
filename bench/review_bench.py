"""Benchmark `policy review`: the pull-request comment for the bundled privacy policy.

Run by hand (not a test): `.venv/bin/python bench/review_bench.py [--runs N]`. Builds a
temporary repository whose branch edits the policy (one sentence: the usual pull request; a
third of the paragraphs reworded: a rewrite), then prints the median time of the whole
`policy review` command (a process, as the workflow runs it) and of `policy diff --format
markdown` on the same change, so the cost of the classifier and the composition shows as a ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from diff_bench import heavily_edited  # noqa: E402

POLICY = "policies/privacy-policy.md"
POLICY_BIN = str(Path(sys.executable).with_name("policy"))


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.invalid",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.invalid"}  # fmt: skip
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def repository(where: Path, edited: str) -> Path:
    (where / "policies").mkdir(parents=True)
    text = (ROOT / POLICY).read_text(encoding="utf-8")
    (where / POLICY).write_text(text, encoding="utf-8")
    git(where, "init", "-q", "-b", "main")
    git(where, "add", "-A")
    git(where, "commit", "-qm", "policy")
    git(where, "checkout", "-qb", "edit")
    (where / POLICY).write_text(edited, encoding="utf-8")
    git(where, "commit", "-qam", "edit")
    return where


def median_seconds(command: list[str], cwd: Path, runs: int) -> float:
    env = {**os.environ, "GITHUB_BASE_REF": "main"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    text = (ROOT / POLICY).read_text(encoding="utf-8")
    cases = {
        "one sentence": text.replace("(currently Paypal )", "(currently Stripe )", 1),
        "rewrite": heavily_edited(text),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, edited in cases.items():
            repo = repository(Path(tmp) / name.replace(" ", "-"), edited)
            review = median_seconds([POLICY_BIN, "review"], repo, runs)
            diff = median_seconds([POLICY_BIN, "diff", "--format", "markdown"], repo, runs)
            env = {**os.environ, "GITHUB_BASE_REF": "main"}
            done = subprocess.run(
                [POLICY_BIN, "review"],
                cwd=repo,
                check=True,
                capture_output=True,
                text=True,
                env=env,
            )
            size = len(done.stdout)
            print(f"{name:>12}: policy review {review:.2f} s (median of {runs}), "
                  f"policy diff --format markdown {diff:.2f} s, ratio {review / diff:.2f}; "
                  f"comment {size:,} characters")  # fmt: skip


if __name__ == "__main__":
    main()
