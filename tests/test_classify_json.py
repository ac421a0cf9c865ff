"""A classification's JSON gives the classification back: what a release records is what
publish and notify read, so every field must survive the trip (the diff is not recorded)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from policy.classify.model import CategoryFinding, Classification, Evidence
from policy.classify.sources import classify_files
from policy.diff.model import KINDS, Span
from policy.settings import CATEGORY_IDS
from policy.versions.levels import Level
from policy.versions.releases import Override

TEXT = st.text(max_size=30)
LEVELS = st.sampled_from(list(Level))
IDS = st.lists(st.sampled_from(CATEGORY_IDS), unique=True, max_size=3).map(tuple)

EVIDENCE = st.builds(
    Evidence,
    section=st.lists(TEXT, max_size=3).map(tuple),
    anchor=TEXT,
    kind=st.sampled_from(KINDS),
    before=st.none() | TEXT,
    after=st.none() | TEXT,
    reason=TEXT,
    rule=TEXT,
    spans=st.lists(
        st.builds(Span, st.sampled_from(["equal", "delete", "insert"]), TEXT), max_size=4
    ).map(tuple),
)
FINDINGS = st.lists(
    st.builds(
        CategoryFinding,
        st.sampled_from(CATEGORY_IDS),
        TEXT,
        st.lists(EVIDENCE, max_size=3).map(tuple),
    ),
    max_size=3,
).map(tuple)
OVERRIDES = st.none() | st.builds(Override, LEVELS, IDS, TEXT, TEXT, TEXT, LEVELS, IDS)
CLASSIFICATIONS = st.builds(
    Classification,
    level=LEVELS,
    categories=FINDINGS,
    changes=st.integers(0, 10_000),
    automatic_level=LEVELS,
    automatic_categories=FINDINGS,
    override=OVERRIDES,
    minor_evidence=st.lists(EVIDENCE, max_size=3).map(tuple),
    editorial_evidence=st.lists(EVIDENCE, max_size=3).map(tuple),
)


@given(CLASSIFICATIONS)
def test_from_json_gives_back_what_to_json_wrote(classification):
    written = json.dumps(classification.to_json(), ensure_ascii=False)
    assert Classification.from_json(json.loads(written)) == classification


def test_a_real_classification_survives_with_its_spans(tmp_path: Path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# P\n\n## Sharing\n\nWe use a payment processor (Paypal).\n", "utf-8")
    new.write_text("# P\n\n## Sharing\n\nWe use a payment processor (Stripe).\n", "utf-8")
    result = classify_files(old, new)
    assert result.level is Level.MAJOR
    evidence = result.categories[0].evidence  # Stripe added and Paypal removed: one change
    assert {e.item for e in evidence} == {"Stripe", "Paypal"}
    for each in evidence:
        assert [s.op for s in each.spans] == ["equal", "delete", "insert", "equal"]
    again = Classification.from_json(json.loads(json.dumps(result.to_json())))
    assert again == result
    assert again.diff is None  # the diff is not part of the record


def test_fields_it_does_not_know_are_ignored_and_missing_ones_take_defaults():
    """A record written by an older or a newer version of the tool still reads."""
    data = {
        "level": "minor",
        "categories": [],
        "changes": 1,
        "override": None,
        "questions": ["Is the new retention period lawful?"],  # a later version's field
        "minor_evidence": [
            {
                "section": ["P"],
                "anchor": "p",
                "kind": "changed",
                "before": "a",
                "after": "b",
                "reason": "Changed wording.",
                "confidence": 0.5,
            }
        ],
    }
    result = Classification.from_json(data)
    assert (result.level, result.automatic_level, result.automatic_categories) == (
        Level.MINOR,
        Level.MINOR,
        (),
    )
    assert result.minor_evidence == (
        Evidence(("P",), "p", "changed", "a", "b", "Changed wording."),
    )
