"""Benchmark `policy release`: planning one release of the bundled policy, and `--all` over many.

Run by hand (not a test): `.venv/bin/python bench/release_bench.py [--runs N] [--policies N]`.
Prints medians; compare them with `python -c pass` on the same machine (machines are shared).
Each run plans in a fresh `PolicyRepository` (as one command does); the whole CLI call with
`--dry-run` is timed too, since start-up is part of what a person waits for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
BASE = ROOT / "policies" / "privacy-policy.md"
TODAY = dt.date(2026, 2, 1)


def build(where: Path, policies: int) -> None:
    from gitrepo import make_repo, tag_release, write

    repo = make_repo(where)
    text = BASE.read_text(encoding="utf-8")
    slugs = ["privacy-policy"] + [f"policy-{n:03}" for n in range(1, policies)]
    for slug in slugs:
        write(repo, f"policies/{slug}.md", text.replace("slug: privacy-policy", f"slug: {slug}"))
    repo.git.add("-A")
    repo.git.commit("-qm", "Policies")
    for slug in slugs:
        tag_release(repo, slug, "1.0.0", "none", "2026-01-01", "First release.")
    for slug in slugs:  # a major change in every policy: a new payment processor
        path = where / "policies" / f"{slug}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Paypal", "Stripe"), "utf-8")
    repo.git.commit("-qam", "Replace the payment processor")
    repo.close()


def median_seconds(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--policies", type=int, default=20)
    args = parser.parse_args()

    from policy.release.batch import plan_all
    from policy.release.plan import plan_release
    from policy.versions.repository import PolicyRepository

    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp) / "repo"
        build(where, args.policies)

        def one() -> None:
            repository = PolicyRepository.open(where)
            try:
                plan = plan_release(repository, "privacy-policy", TODAY)
                assert str(plan.version) == "2.0.0", plan.version
            finally:
                repository.close()

        def every() -> None:
            repository = PolicyRepository.open(where)
            try:
                plans, _ = plan_all(repository, TODAY)
                assert len(plans) == args.policies
            finally:
                repository.close()

        def cli() -> None:
            command = ["--repo", str(where), "release", "privacy-policy", "--dry-run"]
            subprocess.run([sys.executable, "-m", "policy.cli", *command], cwd=ROOT, check=True,
                           capture_output=True)  # fmt: skip

        def bare() -> None:
            subprocess.run([sys.executable, "-c", "pass"], check=True)

        print(
            f"plan one release (in-process):       {median_seconds(one, args.runs) * 1000:8.1f} ms"
        )
        per = median_seconds(every, max(3, args.runs // 3))
        print(
            f"plan --all, {args.policies} policies (in-process): {per * 1000:8.1f} ms "
            f"({per / args.policies * 1000:.1f} ms per policy)"
        )
        cli_s, bare_s = median_seconds(cli, args.runs), median_seconds(bare, args.runs)
        print(f"policy release --dry-run (CLI):      {cli_s * 1000:8.1f} ms")
        ratio = cli_s / bare_s
        print(f"python -c pass:                      {bare_s * 1000:8.1f} ms  (ratio {ratio:.1f}x)")


if __name__ == "__main__":
    main()
