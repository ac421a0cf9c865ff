"""Benchmark `policy demo`: the whole first-run story (three releases, classify, diff, the site,
the email as a dry run) as the README's first command runs it.

Run by hand (not a test): `.venv/bin/python bench/demo_bench.py [--runs N]`. Prints the median
wall time of the command and of `python -c pass` on the same machine, and their ratio (machines
are shared: compare ratios, not seconds).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POLICY = Path(sys.executable).with_name("policy")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    bare = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(runs))
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            times.append(
                timed([str(POLICY), "demo", "--out", f"{tmp}/demo", "--as-of", "2026-06-01"])
            )
    demo = statistics.median(times)
    print(f"python -c pass   median {bare * 1000:8.1f} ms")
    print(f"policy demo      median {demo * 1000:8.1f} ms  ({demo / bare:.0f}x python -c pass)")


if __name__ == "__main__":
    main()
