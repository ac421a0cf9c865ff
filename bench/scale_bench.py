"""Benchmark how the diff grows: size sweeps that double, and the 250k-word classify.

Run by hand (not a test): `.venv/bin/python bench/scale_bench.py [--quick] [--limit SECONDS]`.

Five tables, each size twice the one before, so a growth factor near 2 per row is linear and
near 4 is quadratic:

1. document length (words), a third of the paragraphs reworded, some dropped, added, moved:
   parse and compare times;
2. one paragraph of 1 KB ... 512 KB with a word changed every ~40 words (a pasted appendix
   without blank lines): the whole `compare` of two one-paragraph documents;
3. number of sections, the same edit with and without every heading renamed ("Part N" →
   "Chapter N", "N.M Title" → "Article N.M Title"), and the ratio between the two;
4. the classify step alone (`classify_diff` on a ready diff), document length 8k ... 256k
   words with the same edit density as table 1: its time and time per change;
5. `policy classify --old-file A --new-file B` on a 250,000-word policy with a third of its
   paragraphs edited, as a whole command, against a bare `python -c pass`, with the in-process
   share of each step (parse, compare, classify, render).

Every measurement runs in a fresh process that is stopped after `--limit` seconds (the row says
`> limit` and the sweep stops), so a super-linear step cannot hang the benchmark. Times are CPU
times (user + system), medians of several runs, so that other work on a shared machine
disturbs them less than wall-clock times; the classify table shows wall-clock times too. Texts are
generated from the bundled policy's words plus a Zipf-distributed tail of made-up words, so
sections differ from each other as they do in a real long policy.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "policies" / "privacy-policy.md"
VOCABULARY = ("personal", "data", "Stripe", "processor", "shall", "transfer", "rights", "consent")

# -- generated policies -------------------------------------------------------------------------


class Words:
    """A Zipf-like word source: the bundled policy's words first, then made-up rarer ones."""

    def __init__(self, seed: int, tail: int = 20000) -> None:
        seen: Counter[str] = Counter()
        for word in BASE.read_text(encoding="utf-8").split():
            word = word.strip("*#|()[]`>:;,.!?\"'").lower()
            if word.isalpha():
                seen[word] += 1
        made_up = random.Random(1)
        syllables = ("ka", "lo", "ri", "ven", "sta", "mi", "dor", "pel", "qua", "tis", "ne", "bru")
        tail_words = {
            "".join(made_up.choice(syllables) for _ in range(made_up.randint(2, 4)))
            for _ in range(tail)
        }
        self.words = [w for w, _ in seen.most_common()] + sorted(tail_words - set(seen))
        weights = [1.0 / (rank + 1) for rank in range(len(self.words))]
        self.cumulative = list(_accumulate(weights))
        self.rng = random.Random(seed)

    def sentence(self) -> str:
        count = self.rng.randint(8, 25)
        picked = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        return " ".join(picked).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))

    def title(self) -> str:
        picked = self.rng.choices(self.words, cum_weights=self.cumulative, k=3)
        return " ".join(picked).capitalize()


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def generated_policy(sections: int, seed: int = 11) -> str:
    """A policy of `sections` subsections (~100 words each) grouped eight to a part."""
    words = Words(seed)
    out = ["---", "title: Generated policy", "effective_date: 2026-01-01", "---", ""]
    for index in range(sections):
        part, sub = divmod(index, 8)
        if sub == 0:
            out += [f"# Part {part + 1}", ""]
        out += [f"## {part + 1}.{sub + 1} {words.title()}", ""]
        for _ in range(words.rng.randint(1, 3)):
            out += [words.paragraph(), ""]
        if words.rng.random() < 0.3:
            out += [f"- {words.sentence()}" for _ in range(words.rng.randint(2, 4))] + [""]
    return "\n".join(out)


def edited(text: str, seed: int = 7) -> str:
    """A third of the paragraphs reworded (a word in eight), 5% dropped, 5% added, 2% moved."""
    rng = random.Random(seed)
    chunks = text.split("\n\n")
    body = [i for i, c in enumerate(chunks) if c and not c.startswith(("#", "---"))]
    for i in body:
        roll = rng.random()
        if roll < 0.33:
            words = chunks[i].split(" ")
            for _ in range(max(1, len(words) // 8)):
                words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
            chunks[i] = " ".join(words)
        elif roll < 0.38:
            chunks[i] = ""
        elif roll < 0.43:
            extra = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(6, 30)))
            chunks[i] += "\n\n" + extra.capitalize() + "."
    for _ in range(max(1, len(body) // 50)):
        a, b = rng.randrange(1, len(chunks)), rng.randrange(1, len(chunks))
        if chunks[a] and not chunks[a].startswith(("#", "---")):
            chunks.insert(b, chunks.pop(a))
    return "\n\n".join(c for c in chunks if c)


def renamed(text: str) -> str:
    """Every heading reworded: `# Part N` → `# Chapter N`, `## N.M T` → `## Article N.M T`."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("# Part "):
            line = "# Chapter " + line[len("# Part ") :]
        elif line.startswith("## "):
            line = "## Article " + line[3:]
        lines.append(line)
    return "\n".join(lines)


def sections_for_words(words: int) -> int:
    return max(1, round(words / 100))


def long_paragraph(kilobytes: float, seed: int = 3) -> tuple[str, str]:
    """One paragraph of about this size, and a copy with a word changed every ~40 words."""
    words = Words(seed)
    parts, size = [], 0
    while size < kilobytes * 1024:
        sentence = words.sentence()
        parts.append(sentence)
        size += len(sentence) + 1
    old = " ".join(parts)
    rng = random.Random(seed)
    tokens = old.split(" ")
    for _ in range(max(1, len(tokens) // 40)):
        tokens[rng.randrange(len(tokens))] = rng.choice(VOCABULARY)
    return old, " ".join(tokens)


# -- one measurement, in its own process ----------------------------------------------------------


def measure(kind: str, size: float, runs: int) -> dict[str, float]:
    from policy.diff.engine import compare
    from policy.document import parse_document

    if kind in ("words", "classify"):
        old = generated_policy(sections_for_words(int(size)))
        new = edited(old)
    elif kind == "paragraph":
        old, new = long_paragraph(size)
    else:  # sections, plain or renamed
        old = generated_policy(int(size))
        new = edited(old)
        if kind == "renamed":
            new = renamed(new)
    if kind == "classify":
        return measure_classify(old, new, runs)
    parse_times, compare_times = [], []
    compare(parse_document("# a\n\nwarm up\n"), parse_document("# a\n\nwarm up now\n"))
    for _ in range(runs):
        start = time.process_time()
        a, b = parse_document(old), parse_document(new)
        middle = time.process_time()
        compare(a, b)
        end = time.process_time()
        parse_times.append(middle - start)
        compare_times.append(end - middle)
    return {
        "parse": statistics.median(parse_times),
        "compare": statistics.median(compare_times),
        "words": len(old.split()),
    }


def measure_classify(old: str, new: str, runs: int) -> dict[str, float]:
    """The classify step alone, on a diff computed once (vocabularies loaded beforehand)."""
    from policy.classify.engine import classify_diff
    from policy.diff.engine import compare
    from policy.document import parse_document

    diff = compare(parse_document(old), parse_document(new))
    classify_diff(compare(parse_document("# a\n\nwarm up\n"), parse_document("# a\n\nnow\n")))
    times = []
    for _ in range(runs):
        start = time.process_time()
        classify_diff(diff)
        times.append(time.process_time() - start)
    return {
        "classify": statistics.median(times),
        "changes": len(diff.changes),
        "words": len(old.split()),
    }


def in_child(kind: str, size: float, runs: int, limit: float) -> dict[str, float] | None:
    """`measure` in a fresh process; None when it takes longer than `limit` seconds."""
    cmd = [sys.executable, __file__, "--measure", kind, str(size), "--runs", str(runs)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout)


def runs_for(step: int) -> int:
    return max(1, 7 - step)


# -- the tables ----------------------------------------------------------------------------------


def growth(previous: float | None, current: float) -> str:
    return f"{current / previous:>7.2f}x" if previous else f"{'':>8}"


def sweep_words(sizes: list[int], limit: float) -> None:
    print("\n1. Document length: parse + compare, a third of the paragraphs edited")
    print(f"{'words':>8} {'parse':>10} {'compare':>10} {'growth':>8} {'compare/1k words':>17}")
    previous = None
    for step, size in enumerate(sizes):
        result = in_child("words", size, runs_for(step), limit)
        if result is None:
            print(f"{size:>8} {'':>10} {'> ' + str(int(limit)) + ' s':>10}")
            break
        seconds = result["compare"]
        print(
            f"{int(result['words']):>8} {result['parse'] * 1000:>8.0f}ms {seconds * 1000:>8.0f}ms"
            f" {growth(previous, seconds)} {seconds * 1e6 / result['words']:>15.0f}ms"
        )
        previous = seconds


def sweep_paragraph(sizes: list[float], limit: float) -> None:
    print("\n2. One paragraph, a word changed every ~40 words: compare of two one-block documents")
    print(f"{'KB':>8} {'words':>8} {'compare':>10} {'growth':>8}")
    previous = None
    for step, size in enumerate(sizes):
        result = in_child("paragraph", size, runs_for(step), limit)
        if result is None:
            print(f"{size:>8g} {'':>8} {'> ' + str(int(limit)) + ' s':>10}")
            break
        seconds = result["compare"]
        print(
            f"{size:>8g} {int(result['words']):>8} {seconds * 1000:>8.0f}ms"
            f" {growth(previous, seconds)}"
        )
        previous = seconds


def sweep_sections(sizes: list[int], limit: float) -> None:
    print("\n3. Number of sections (~100 words each): the same edit without and with every")
    print("   heading renamed")
    print(
        f"{'sections':>8} {'words':>8} {'plain':>10} {'growth':>8} {'renamed':>10}"
        f" {'growth':>8} {'renamed/plain':>14}"
    )
    previous: tuple[float, float] | None = None
    for step, size in enumerate(sizes):
        plain = in_child("plain", size, runs_for(step), limit)
        renamed_result = in_child("renamed", size, runs_for(step), limit) if plain else None
        if plain is None or renamed_result is None:
            shown = f"{plain['compare'] * 1000:>8.0f}ms" if plain else f"> {int(limit)} s"
            print(f"{size:>8} {'':>8} {shown:>10} {'':>8} {'> ' + str(int(limit)) + ' s':>10}")
            break
        a, b = plain["compare"], renamed_result["compare"]
        print(
            f"{size:>8} {int(plain['words']):>8} {a * 1000:>8.0f}ms"
            f" {growth(previous and previous[0], a)} {b * 1000:>8.0f}ms"
            f" {growth(previous and previous[1], b)} {b / a:>13.2f}x"
        )
        previous = (a, b)


def sweep_classify(sizes: list[int], limit: float) -> None:
    print("\n4. Document length: the classify step alone, a third of the paragraphs edited")
    print(f"{'words':>8} {'changes':>8} {'classify':>10} {'growth':>8} {'per change':>11}")
    previous = None
    for step, size in enumerate(sizes):
        result = in_child("classify", size, max(1, 5 - step), limit)
        if result is None:
            print(f"{size:>8} {'':>8} {'> ' + str(int(limit)) + ' s':>10}")
            break
        seconds = result["classify"]
        print(
            f"{int(result['words']):>8} {int(result['changes']):>8} {seconds * 1000:>8.0f}ms"
            f" {growth(previous, seconds)} {seconds * 1e6 / result['changes']:>9.0f}us"
        )
        previous = seconds


def median_seconds(cmd: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median CPU time (user + system, the command and its children) and wall time."""
    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def classify_ratio(words: int, runs: int) -> None:
    print(f"\n5. policy classify --old-file A --new-file B, {words:,}-word policy, a third edited")
    old = generated_policy(sections_for_words(words))
    new = edited(old)
    tmp = Path(tempfile.mkdtemp(prefix="policy-scale-"))
    (tmp / "a.md").write_text(old, encoding="utf-8")
    (tmp / "b.md").write_text(new, encoding="utf-8")
    policy = Path(sys.executable).parent / "policy"
    bare, bare_wall = median_seconds([sys.executable, "-c", "pass"], 11, tmp)
    whole, whole_wall = median_seconds(
        [str(policy), "classify", "--old-file", "a.md", "--new-file", "b.md"], runs, tmp
    )
    print(f"{'':<36} {'cpu':>9} {'x bare':>7} {'wall':>11} {'x bare':>7}")
    for name, cpu, wall in (
        ("python -c pass", bare, bare_wall),
        ("policy classify (whole command)", whole, whole_wall),
    ):
        print(
            f"{name:<36} {cpu * 1000:>7.0f}ms {cpu / bare:>6.1f}x"
            f" {wall * 1000:>9.0f}ms {wall / bare_wall:>6.1f}x"
        )

    from policy.classify.engine import classify_diff
    from policy.classify.render import render
    from policy.diff.engine import compare
    from policy.document import parse_document

    steps: dict[str, list[float]] = {"parse": [], "compare": [], "classify": [], "render": []}
    for _ in range(runs):
        t0 = time.process_time()
        a, b = parse_document(old), parse_document(new)
        t1 = time.process_time()
        diff = compare(a, b)
        t2 = time.process_time()
        result = classify_diff(diff)
        t3 = time.process_time()
        render(result, "text")
        render(result, "markdown")
        t4 = time.process_time()
        for name, seconds in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            steps[name].append(seconds)
    medians = {name: statistics.median(times) for name, times in steps.items()}
    total = sum(medians.values())
    print("in-process steps (median CPU time):")
    for name, seconds in medians.items():
        print(f"  {name:<42} {seconds * 1000:>9.1f}ms {seconds / total:>8.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3, help="runs of the classify command")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per measurement")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a first look")
    parser.add_argument(
        "--only",
        choices=["words", "paragraph", "sections", "classify-sweep", "classify"],
        action="append",
    )
    args = parser.parse_args()
    if args.measure:
        kind, size = args.measure
        print(json.dumps(measure(kind, float(size), args.runs)))
        return
    only = set(args.only or ["words", "paragraph", "sections", "classify-sweep", "classify"])
    top = 5 if args.quick else 7
    if "words" in only:
        sweep_words([4000 * 2**i for i in range(top)], args.limit)
    if "paragraph" in only:
        sweep_paragraph([2**i for i in range(top + 3)], args.limit)
    if "sections" in only:
        sweep_sections([64 * 2**i for i in range(top - 1)], args.limit)
    if "classify-sweep" in only:
        sweep_classify([8000 * 2**i for i in range(top - 1)], args.limit)
    if "classify" in only:
        classify_ratio(62_500 if args.quick else 250_000, args.runs)


if __name__ == "__main__":
    main()
