"""Refresh the vendored DPV modules from a local clone of w3c/dpv (run by hand, never at run time).

Usage: `python -m policy.classify.vocab.refresh_dpv CLONE VERSION`, e.g. `... ~/src/dpv 2.3`.
Copies each module this package uses from `CLONE/VERSION/...` to `dpv/` under its flattened
name, checks that the columns the classifier reads are still there, and prints what changed.
Working from a clone (not a download) keeps the source commit explicit: write it in
`dpv/README.md`.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "dpv"
MODULES = {
    "pd_core.csv": "pd/modules/core.csv",
    "pd_extended.csv": "pd/modules/extended.csv",
    "dpv_purposes.csv": "dpv/modules/purposes.csv",
    "dpv_rights.csv": "dpv/modules/rights.csv",
    "legal_eu_gdpr_rights.csv": "legal/eu/gdpr/modules/rights.csv",
    "dpv_entities_legalrole.csv": "dpv/modules/entities_legalrole.csv",
    "dpv_entities_organisation.csv": "dpv/modules/entities_organisation.csv",
    "dpv_entities_authority.csv": "dpv/modules/entities_authority.csv",
    "legal_eu_gdpr_data_transfers.csv": "legal/eu/gdpr/modules/data_transfers.csv",
}
COLUMNS = {"term", "type", "label"}


def refresh(clone: Path, version: str, target: Path = HERE) -> list[str]:
    """Copy the modules; return one line per file saying how many terms came and went."""
    report = []
    for name, relative in MODULES.items():
        source = clone / version / relative
        if not source.is_file():
            raise SystemExit(f"{source}: not found; is {clone} a clone of w3c/dpv at {version}?")
        text = source.read_text(encoding="utf-8")
        header = set(next(csv.reader(io.StringIO(text))))
        if not header >= COLUMNS:
            missing = ", ".join(sorted(COLUMNS - header))
            raise SystemExit(f"{source}: columns {missing} missing; the loader needs them")
        new_terms = {row["term"] for row in csv.DictReader(io.StringIO(text))}
        old_file = target / name
        old_terms = set()
        if old_file.is_file():
            old_terms = {row["term"] for row in csv.DictReader(io.StringIO(old_file.read_text()))}
        old_file.write_text(text, encoding="utf-8")
        report.append(
            f"{name}: {len(new_terms)} terms, {len(new_terms - old_terms)} new, "
            f"{len(old_terms - new_terms)} gone"
        )
    return report


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    for line in refresh(Path(args[0]), args[1]):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
