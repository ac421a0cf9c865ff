"""A classification for a lawyer at a terminal (text), a pull-request comment (Markdown) or a
program (JSON). Every output leads with the verdict, then lists, per category, the evidence: the
section, what changed (deleted and inserted words in place), and the rule that fired.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from policy.classify.model import Classification, Evidence
from policy.diff.model import Span
from policy.diff.render.common import (
    MARKDOWN_MARKS,
    TEXT_MARKS,
    Marks,
    marked_excerpt,
    path_label,
    side_label,
)
from policy.diff.render.markdown import escape
from policy.diff.render.text import DELETED, INSERTED, RESET
from policy.diff.words import word_spans
from policy.versions.levels import Level

FORMATS = ("text", "markdown", "json")
CONTEXT_WORDS = 8
"""Unchanged words kept on each side of a change in an evidence excerpt."""

_MEANING = {
    Level.MAJOR: "users must be told before it takes effect (section 8 of the policy)",
    Level.MINOR: "a change in wording outside the major-change list",
    Level.EDITORIAL: "no change in meaning",
    Level.NONE: "the two versions say the same thing",
}


def render(classification: Classification, fmt: str, color: bool = False) -> str:
    """`color` (text only): deleted words red and struck through, inserted green and
    underlined, instead of the `[-…-]{+…+}` marks."""
    if fmt == "json":
        return json.dumps(classification.to_json(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(classification)
    if fmt == "text":
        return _text(classification, COLOR_MARKS if color else TEXT_MARKS)
    raise ValueError(f"unknown classification format {fmt!r} (use one of: {', '.join(FORMATS)})")


def verdict_line(classification: Classification) -> str:
    """`MAJOR change: users must be told ...`: the sentence every output starts with."""
    level = classification.level
    if level is Level.NONE:
        return f"No change: {_MEANING[level]}."
    return f"{level.label.upper()} change: {_MEANING[level]}."


def _override_lines(classification: Classification) -> list[str]:
    override = classification.override
    if override is None:
        return []
    automatic = classification.automatic_level.label
    found = ", ".join(c.id for c in classification.automatic_categories)
    reason = f": “{override.reason}”" if override.reason else ""
    return [
        f"Set by a person: {override.by or 'unknown'} ({override.source}){reason}.",
        f"The classifier's own verdict: {automatic}" + (f" ({found})." if found else "."),
    ]


COLOR_MARKS: Marks = (DELETED, RESET, INSERTED, RESET)
"""On a terminal: deleted and inserted words in `policy diff`'s colours."""


def excerpt(
    evidence: Evidence, marks: Marks = TEXT_MARKS, escape_text: Callable[[str], str] | None = None
) -> str:
    """The change in place: deleted and inserted words marked (the spans the diff found), a
    few words of context kept; a whole paragraph added or removed is shortened."""
    delete_open, delete_close, insert_open, insert_close = marks
    escape_text = escape_text or (lambda text: text)
    before, after = evidence.before or "", evidence.after or ""
    if not before or not after:
        words = " ".join((before or after).split()).split(" ")
        text = " ".join(words[: 3 * CONTEXT_WORDS]) + (
            " …" if len(words) > 3 * CONTEXT_WORDS else ""
        )
        if after:
            return f"{insert_open}{escape_text(text)}{insert_close}"
        return f"{delete_open}{escape_text(text)}{delete_close}"
    # A question, or evidence built outside `sources.with_spans`, has no spans of the diff:
    # align the two texts here, or the excerpt would show no word of the change.
    spans = evidence.spans or (
        word_spans(before, after) if before != after else (Span("equal", after),)
    )
    return marked_excerpt(spans, marks, escape_text, CONTEXT_WORDS)


def grouped(evidence: tuple[Evidence, ...]) -> list[list[Evidence]]:
    """Evidence of one change together (one excerpt, one reason per item), in order; the
    same reason twice is said once."""
    groups: dict[tuple, list[Evidence]] = {}
    for item in evidence:
        group = groups.setdefault((item.section, item.before, item.after, item.kind), [])
        if all(e.reason != item.reason for e in group):
            group.append(item)
    return list(groups.values())


def _where(evidence: Evidence) -> str:
    section = path_label(evidence.section) if evidence.section else "(front matter or preamble)"
    return section


def _noun(evidence: Evidence) -> str:
    return {"added": "added", "removed": "removed", "changed": "changed", "moved": "moved"}.get(
        evidence.kind, evidence.kind
    )


# -- text ---------------------------------------------------------------------------------------


DECISION = "Needs a lawyer's decision"


def _decision_lines(classification: Classification) -> list[str]:
    """The lead when the classifier asks: what to do, in one sentence."""
    if not classification.needs_decision:
        return []
    count = len(classification.questions)
    return [
        f"{DECISION}: {count} change{'s' if count != 1 else ''} the classifier could not judge "
        "(questions below). The level below is the automatic one; record the decision as "
        "commit trailers `Policy-Change: LEVEL` and `Policy-Change-Reason: WHY`, or "
        '`policy release --level LEVEL --reason "..."`.'
    ]


def _question_where(question) -> str:
    return path_label(question.section) if question.section else "(front matter or preamble)"


def _question_kind(question, mark: str = "`") -> str:
    """The category a question asks about, or "any category" (a policy not in English)."""
    return f"{mark}{question.category}{mark}" if question.category else "any category"


def _question_excerpt(question, marks: Marks = TEXT_MARKS, escape_text=lambda t: t) -> str:
    return excerpt(
        Evidence(question.section, "", "changed", question.before, question.after, ""),
        marks,
        escape_text,
    )


def _text(classification: Classification, marks: Marks = TEXT_MARKS) -> str:
    lines = [
        _title(classification),
        *_decision_lines(classification),
        verdict_line(classification),
        *_override_lines(classification),
    ]
    if classification.questions:
        lines += ["", "Questions for a lawyer"]
        for n, question in enumerate(classification.questions, 1):
            lines += [
                f"  {n}. {_question_where(question)} ({_question_kind(question, mark='')})",
                f"     {_question_excerpt(question, marks)}",
                f"     Question: {question.question}",
            ]
    if classification.categories:
        titles = "; ".join(f"{c.title} ({c.id})" for c in classification.categories)
        lines.append(f"Major-change categories: {titles}.")
    for category in classification.categories:
        lines += ["", f"{category.title} ({category.id})"]
        if not category.evidence:
            lines.append("  No evidence found by the classifier: set by a person (see above).")
        for n, group in enumerate(grouped(category.evidence), 1):
            lines += [
                f"  {n}. {_where(group[0])} ({_noun(group[0])})",
                f"     {excerpt(group[0], marks)}",
            ]
            lines += [f"     Why: {evidence.reason}" for evidence in group]
    rest = _rest(classification)
    if rest:
        lines += ["", rest]
    return "\n".join(lines) + "\n"


def _title(classification: Classification) -> str:
    diff = classification.diff
    if diff is None:
        return "Classification"
    return f"{side_label(diff.old)} → {side_label(diff.new)}"


def _rest(classification: Classification) -> str:
    minor, editorial = len(classification.minor_evidence), len(classification.editorial_evidence)
    parts = []
    if minor:
        parts.append(f"{minor} other change{'s' if minor != 1 else ''} in wording (minor)")
    if editorial:
        parts.append(
            f"{editorial} editorial change{'s' if editorial != 1 else ''} "
            "(typos, formatting, moves, headings, dates)"
        )
    if not parts:
        return "" if classification.changes else "No changes."
    return "Also: " + ", ".join(parts) + "."


# -- markdown -----------------------------------------------------------------------------------


def _markdown(classification: Classification) -> str:
    level = classification.level.label
    lines = []
    decision = _decision_lines(classification)
    if decision:
        lines += [f"### {DECISION}", "", f"> {escape(decision[0])}", ""]
    lines += [f"### Verdict: **{level}** change", "", escape(verdict_line(classification))]
    override = _override_lines(classification)
    if override:
        lines += ["", *(f"> {escape(line)}" for line in override)]
    if classification.categories:
        lines += ["", "| Category | Evidence |", "| --- | --- |"]
        lines += [
            f"| {escape(c.title)} (`{c.id}`) | {len(c.evidence)} |"
            for c in classification.categories
        ]
    if classification.questions:
        lines += ["", "#### Questions for a lawyer", ""]
        for question in classification.questions:
            text = _question_excerpt(question, MARKDOWN_MARKS, escape)
            lines.append(
                f"- **{escape(_question_where(question))}** ({_question_kind(question)}): "
                f"{text}  \n  *Question:* {escape(question.question)}"
            )
    for category in classification.categories:
        lines += ["", f"#### {escape(category.title)} (`{category.id}`)", ""]
        if not category.evidence:
            lines.append("- No evidence found by the classifier: set by a person (see above).")
        for group in grouped(category.evidence):
            text = excerpt(group[0], MARKDOWN_MARKS, escape)
            why = "  \n".join(f"  *Why:* {escape(e.reason)}" for e in group)
            lines.append(f"- **{escape(_where(group[0]))}** ({_noun(group[0])}): {text}  \n{why}")
    rest = _rest(classification)
    if rest:
        lines += ["", escape(rest)]
    return "\n".join(lines) + "\n"
