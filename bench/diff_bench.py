"""Benchmark `policy diff`: in-process, as a whole CLI call, and against `redlines`.

Run by hand (not a test): `.venv/bin/python bench/diff_bench.py [--runs N]`. Prints medians;
compare ratios to a bare `python -c pass` on the same machine, since machines are shared.
The `redlines` comparison needs `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "policies" / "privacy-policy.md"
VOCABULARY = ("personal", "data", "Stripe", "processor", "shall", "transfer", "rights", "consent")


def heavily_edited(text: str, seed: int = 7) -> str:
    """The policy with a third of its paragraphs reworded, some dropped, added and moved."""
    rng = random.Random(seed)
    chunks = text.split("\n\n")
    head, body = chunks[:1], chunks[1:]
    for i, chunk in enumerate(body):
        roll = rng.random()
        if roll < 0.33:
            words = chunk.split(" ")
            for _ in range(max(1, len(words) // 8)):
                words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
            body[i] = " ".join(words)
        elif roll < 0.40:
            body[i] = ""
    body = [c for c in body if c]
    for _ in range(8):
        new = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(6, 30)))
        body.insert(rng.randrange(len(body)), rng.choice(["", "- "]) + new.capitalize() + ".")
    moved = body.pop(rng.randrange(len(body)))
    body.insert(rng.randrange(len(body)), moved)
    return "\n\n".join(head + body)


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(cmd: list[str], cwd: Path | None = None) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=cwd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    from policy.diff.engine import compare
    from policy.diff.render import render
    from policy.document import parse_document

    old_text = BASE.read_text(encoding="utf-8")
    new_text = heavily_edited(old_text)
    tmp = Path(tempfile.mkdtemp(prefix="policy-bench-"))
    old_file, new_file = tmp / "old.md", tmp / "new.md"
    old_file.write_text(old_text, encoding="utf-8")
    new_file.write_text(new_text, encoding="utf-8")

    def in_process() -> None:
        render(compare(parse_document(old_text), parse_document(new_text)), "json")

    in_process()  # warm caches (markdown-it, deepdiff imports) once, as a long-lived process
    result = compare(parse_document(old_text), parse_document(new_text))
    counts = {k: v for k, v in result.counts().items() if v}
    print(f"pair: bundled policy vs heavily edited copy; changes: {counts}")

    policy = shutil.which("policy", path=str(Path(sys.executable).parent)) or "policy"
    repo = tmp / "repo"
    (repo / "policies").mkdir(parents=True)
    (repo / "policies" / "privacy-policy.md").write_text(old_text, encoding="utf-8")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    run([*git, "init", "-q"], repo)
    run([*git, "add", "-A"], repo)
    run([*git, "commit", "-qm", "v1"], repo)
    run([*git, "tag", "-a", "privacy-policy/v1.0.0", "-m", "v1"], repo)
    (repo / "policies" / "privacy-policy.md").write_text(new_text, encoding="utf-8")

    rows = [
        ("python -c pass", median_seconds(lambda: run([sys.executable, "-c", "pass"]), args.runs)),
        ("policy --help", median_seconds(lambda: run([policy, "--help"]), args.runs)),
        ("in-process parse+diff+json", median_seconds(in_process, args.runs)),
        (
            "CLI diff --old-file/--new-file (json)",
            median_seconds(
                lambda: run(
                    [
                        policy,
                        "diff",
                        "--old-file",
                        str(old_file),
                        "--new-file",
                        str(new_file),
                        "--format",
                        "json",
                    ]
                ),
                args.runs,
            ),
        ),
        (
            "CLI diff in git: v1.0.0 vs working tree (json)",
            median_seconds(
                lambda: run([policy, "--repo", str(repo), "diff", "--format", "json"]), args.runs
            ),
        ),
    ]
    try:
        from redlines import Redlines
    except ImportError:
        rows.append(("redlines (not installed: pip install -e '.[bench]')", float("nan")))
    else:
        rows.append(
            (
                "redlines in-process (markdown output)",
                median_seconds(
                    lambda: Redlines(old_text, new_text).output_markdown, max(3, args.runs // 3)
                ),
            )
        )
    bare = rows[0][1]
    print(f"{'measure':<50} {'median':>10} {'x bare python':>14}")
    for name, seconds in rows:
        print(f"{name:<50} {seconds * 1000:>8.1f}ms {seconds / bare:>13.1f}x")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
