"""Write the classifier's full JSON for every labelled corpus pair, to compare two trees.

Run by hand (not a test): `.venv/bin/python bench/classify_snapshot.py OUT.json`, before and
after a change that must not alter any verdict (a speed-up), then `diff` the two files. Each
pair's JSON is what `policy classify --format json` prints: level, categories with their
evidence, minor and editorial evidence, questions for a lawyer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "corpora"


def snapshot() -> dict[str, object]:
    from policy.classify.engine import classify_diff
    from policy.diff.sources import diff_files

    found: dict[str, object] = {}
    for label in sorted(CORPORA.glob("**/label.json")):
        case = label.parent
        diff = diff_files(case / "before.md", case / "after.md")
        found[str(case.relative_to(CORPORA))] = classify_diff(diff).to_json()
    return found


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: classify_snapshot.py OUT.json")
    text = json.dumps(snapshot(), indent=1, ensure_ascii=False, sort_keys=True)
    Path(sys.argv[1]).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
