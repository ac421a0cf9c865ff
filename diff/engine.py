"""Compare two parsed policies section by section, block by block, word by word.

Steps, in order:
1. front matter: DeepDiff over the two metadata mappings gives one change per key;
2. sections: a section that kept its heading path (the key) keeps its partner; the rest are
   paired by title, then by title without its number, then by content (scored against the
   sections sharing rare word pairs with it, `candidates`), so a renamed heading is a rename
   and a re-numbered one is not lost;
3. order: sections that left the longest in-order run of paired sections (weighted by size)
   are moves; a section whose parent changed only because of heading levels is not;
4. blocks: inside each pair of sections, blocks are aligned by normalised text (`align`:
   difflib, or unique anchors in very long sections); equal texts with different Markdown are
   formatting changes; replaced runs are paired by similarity;
5. moves of blocks: a block removed in one place and added in another (any section, added
   sections included) is one move, not a removal and an addition; only pairs whose words
   overlap enough are scored (`candidates`);
6. what is left is added or removed; a section that is wholly new or gone is one change.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from policy.diff.align import opcodes
from policy.diff.candidates import overlapping, sharing_parts, sharing_rare_pairs
from policy.diff.model import Change, DocumentDiff, Side
from policy.diff.words import similarity, word_spans
from policy.document.model import Block, Document, Section
from policy.document.text import normalize

PAIR_THRESHOLD = 0.5
"""Two blocks in the same place are one changed block when at least half their words match."""
MOVE_THRESHOLD = 0.85
"""A removed and an added block elsewhere are one moved block when this much matches."""
MOVE_MIN_WORDS = 6
"""Short blocks ("Email:", "Yes") are only moves when they match exactly."""
ALL_PAIRS = 400
"""Up to this many pairs of unpaired sections (old × new), every pair is scored by content."""


@dataclass
class _Sec:
    section: Section
    order: int
    key: str
    parent: _Sec | None
    size: int = 1
    partner: _Sec | None = None
    moved: bool = False
    children: list[_Sec] = field(default_factory=list)


@dataclass
class _Loose:
    """A block without a partner yet: removed (old side) or added (new side)."""

    sec: _Sec
    block: Block
    position: tuple[int, int]
    """Where a removal is reported: (new line before which it stood, order within)."""
    taken: bool = False


def compare(
    old: Document, new: Document, old_side: Side | None = None, new_side: Side | None = None
) -> DocumentDiff:
    """The changes that turn `old` into `new`, in reading order of the new version."""
    old_side = old_side or Side("old")
    new_side = new_side or Side("new")
    changes: list[tuple[tuple[int, int], Change]] = []
    changes += [((0, 1), change) for change in _metadata_changes(old.meta, new.meta)]

    olds, news = _flatten(old), _flatten(new)
    _pair_sections(olds, news)
    _mark_moves(olds, news)

    removed: list[_Loose] = []
    added: list[_Loose] = []
    removal_at = _removal_positions(olds)
    for sec in news:
        if sec.partner is not None:
            changes += _section_pair_changes(sec.partner, sec, removed, added)
        else:
            added += [_Loose(sec, b, (b.line, 0)) for b in sec.section.blocks]
    for sec in olds:
        if sec.partner is None:
            removed += [_Loose(sec, b, removal_at[sec.order]) for b in sec.section.blocks]

    changes += _block_moves(removed, added)
    changes += _whole_sections(olds, news, removed, added, removal_at)
    for loose in removed:
        if not loose.taken and loose.sec.partner is not None:
            changes.append(
                (loose.position, _block_change("removed", loose.sec.partner, loose.block, None))
            )
    for loose in added:
        if not loose.taken and loose.sec.partner is not None:
            changes.append(
                ((loose.block.line, 1), _block_change("added", loose.sec, None, loose.block))
            )
    changes.sort(key=lambda item: item[0])
    return DocumentDiff(old_side, new_side, tuple(c for _, c in changes), old, new)


# -- metadata ----------------------------------------------------------------------------------


def _metadata_changes(old: dict, new: dict) -> list[Change]:
    if old == new:
        return []
    from deepdiff import DeepDiff

    result = DeepDiff(_plain(old), _plain(new), view="tree", verbose_level=2)
    keys: dict[str, None] = {}
    for levels in result.values():
        for level in levels:
            path = level.path(output_format="list")
            if path:
                keys[str(path[0])] = None
    changes = []
    for key in sorted(keys, key=lambda k: (k not in new, k)):
        before = f"{key}: {_show(old[key])}" if key in old else None
        after = f"{key}: {_show(new[key])}" if key in new else None
        kind = "changed" if before and after else ("added" if after else "removed")
        spans = word_spans(before, after) if before and after else ()
        changes.append(
            Change(kind, "metadata", ("front matter",), "", before, after, spans, detail=key)
        )
    return changes


def _plain(value):
    """JSON-like copy (dates as ISO text) so DeepDiff compares values, not Python types."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _show(value) -> str:
    import json

    plain = _plain(value)
    return plain if isinstance(plain, str) else json.dumps(plain, ensure_ascii=False)


# -- sections ----------------------------------------------------------------------------------


def _flatten(document: Document) -> list[_Sec]:
    flat: list[_Sec] = []
    seen: dict[str, int] = {}

    def visit(section: Section, parent: _Sec | None) -> _Sec:
        base = " › ".join(section.path)
        seen[base] = seen.get(base, 0) + 1
        key = base if seen[base] == 1 else f"{base} #{seen[base]}"
        sec = _Sec(section, len(flat), key, parent, size=1 + len(section.blocks))
        flat.append(sec)
        if parent is not None:
            parent.children.append(sec)
        for child in section.children:
            visit(child, sec)
        return sec

    visit(document.root, None)
    return flat


def _pair_sections(olds: list[_Sec], news: list[_Sec]) -> None:
    """Pair sections: same heading path, then same title, number-less title, then content."""
    by_key = {s.key: s for s in news}
    for sec in olds:
        if sec.key in by_key:
            _link(sec, by_key[sec.key])

    for normalise in (_title, _bare_title):
        _pair_unique(olds, news, normalise)
    _pair_by_content(olds, news)
    _pair_by_children(olds)


def _pair_by_children(olds: list[_Sec]) -> None:
    """A section with no text of its own (only subsections) whose heading was reworded ("Your
    Rights and Choices" → "Your Choices and Rights") has no words to be paired by: it is
    paired with the section that holds the partners of most of its subsections, when that
    one has no partner either. Without this, the rename is one section removed and another
    added, heading only."""
    for sec in olds:
        if sec.partner is not None or sec.section.blocks or not sec.children:
            continue
        parents: dict[int, tuple[int, _Sec]] = {}
        for child in sec.children:
            new_parent = child.partner.parent if child.partner is not None else None
            if new_parent is not None and new_parent.partner is None:
                count, _ = parents.get(id(new_parent), (0, new_parent))
                parents[id(new_parent)] = (count + 1, new_parent)
        if not parents:
            continue
        count, best = max(parents.values(), key=lambda entry: entry[0])
        if 2 * count > len(sec.children) and not best.section.blocks:
            _link(sec, best)


def _link(old: _Sec, new: _Sec) -> None:
    old.partner, new.partner = new, old


def _title(sec: _Sec) -> str:
    return sec.section.title.casefold()


_NUMBERING = re.compile(r"^\s*(?:(?:[0-9]+|[A-Za-z]|[IVXLC]+)[.)]?)(?:[.][0-9]+)*[.)]?\s+")


def _bare_title(sec: _Sec) -> str:
    """The title without its section number: `3.2 Sharing` and `3.3 Sharing` are one section."""
    return _NUMBERING.sub("", sec.section.title).casefold()


def _pair_unique(olds: list[_Sec], news: list[_Sec], normalise) -> None:
    def unique(secs: list[_Sec]) -> dict[str, _Sec]:
        groups: dict[str, list[_Sec]] = {}
        for sec in secs:
            if sec.partner is None and sec.section.level:
                groups.setdefault(normalise(sec), []).append(sec)
        return {name: group[0] for name, group in groups.items() if len(group) == 1 and name}

    old_names, new_names = unique(olds), unique(news)
    for name, sec in old_names.items():
        if name in new_names:
            _link(sec, new_names[name])


def _pair_by_content(olds: list[_Sec], news: list[_Sec]) -> None:
    """Unpaired sections with at least half their words in common, best pairs first.

    Few of them are all scored against each other. More (every heading renamed) are scored
    only against candidates (`diff.candidates`): the sections with which they share a paragraph
    found once on each side, and for those still without a partner, the sections with which
    they share a rare word pair.
    """
    lonely_old = [s for s in olds if s.partner is None and s.section.blocks]
    lonely_new = [s for s in news if s.partner is None and s.section.blocks]
    old_texts = [" ".join(b.text for b in s.section.blocks) for s in lonely_old]
    new_texts = [" ".join(b.text for b in s.section.blocks) for s in lonely_new]
    candidates: list[tuple[float, int, int, _Sec, _Sec]] = []

    def score(choices: dict[int, set[int]]) -> None:
        for number, others in sorted(choices.items()):
            old = lonely_old[number]
            for other in sorted(others):
                new = lonely_new[other]
                value = similarity(old_texts[number], new_texts[other], PAIR_THRESHOLD)
                if value >= PAIR_THRESHOLD:
                    candidates.append((-value, old.order, new.order, old, new))

    if len(lonely_old) * len(lonely_new) <= ALL_PAIRS:
        every = set(range(len(lonely_new)))
        score(dict.fromkeys(range(len(lonely_old)), every))
    else:
        parts = sharing_parts(
            [[b.text for b in s.section.blocks] for s in lonely_old],
            [[b.text for b in s.section.blocks] for s in lonely_new],
        )
        score(dict(enumerate(parts)))
        paired_old = {id(c[3]) for c in candidates}
        paired_new = {id(c[4]) for c in candidates}
        rest_old = [n for n, s in enumerate(lonely_old) if id(s) not in paired_old]
        rest_new = [n for n, s in enumerate(lonely_new) if id(s) not in paired_new]
        rare = sharing_rare_pairs(
            [old_texts[n] for n in rest_old], [new_texts[n] for n in rest_new]
        )
        score({rest_old[i]: {rest_new[j] for j in found} for i, found in enumerate(rare)})
    for _, _, _, old, new in sorted(candidates, key=lambda c: c[:3]):
        if old.partner is None and new.partner is None:
            _link(old, new)


def _mark_moves(olds: list[_Sec], news: list[_Sec]) -> None:
    """Paired sections outside the heaviest in-order run are moves (their children go along)."""
    pairs = [(sec.partner.order, sec) for sec in news if sec.partner is not None]
    kept = _heaviest_increasing(pairs)
    for _, sec in pairs:
        if sec.order not in kept and not _parent_moved(sec):
            sec.moved = True


def _parent_moved(sec: _Sec) -> bool:
    parent = sec.parent
    while parent is not None:
        if parent.moved:
            return True
        parent = parent.parent
    return False


def _heaviest_increasing(pairs: list[tuple[int, _Sec]]) -> set[int]:
    """New-side orders of the heaviest subsequence whose old orders increase.

    Each pair extends the heaviest earlier chain ending below its old order (the first such
    chain on ties), found in a Fenwick tree of (weight, -position) maxima: O(n log n).
    """
    if not pairs:
        return set()
    # A pair weighs what both sides hold, so swapping OLD and NEW keeps the same run.
    weight = [sec.size + sec.partner.size for _, sec in pairs]  # type: ignore[union-attr]
    size = max(old for old, _ in pairs) + 2
    tree: list[tuple[int, int]] = [(0, 1)] * (size + 1)  # (best weight, -index); (0, 1): none
    best = [0] * len(pairs)
    back = [-1] * len(pairs)
    for i, (old_i, _) in enumerate(pairs):
        found, slot = (0, 1), old_i  # the best chain ending at an old order below old_i
        while slot > 0:
            found = max(found, tree[slot])
            slot -= slot & -slot
        best[i] = found[0] + weight[i]
        back[i] = -found[1] if found[0] else -1
        slot = old_i + 1
        while slot <= size:
            tree[slot] = max(tree[slot], (best[i], -i))
            slot += slot & -slot
    index = max(range(len(pairs)), key=best.__getitem__)
    kept = set()
    while index >= 0:
        kept.add(pairs[index][1].order)
        index = back[index]
    return kept


def _removal_positions(olds: list[_Sec]) -> list[tuple[int, int]]:
    """Where each old section would be reported as removed: after the last paired section
    before it (the end of its partner), in one pass."""
    out = []
    where = (0, 2)
    for sec in olds:
        out.append(where)
        if sec.partner is not None:
            last = sec.partner.section
            where = (last.blocks[-1].line if last.blocks else last.line, 2)
    return out


# -- changes inside paired sections ------------------------------------------------------------


def _section_pair_changes(
    old: _Sec, new: _Sec, removed: list[_Loose], added: list[_Loose]
) -> list[tuple[tuple[int, int], Change]]:
    out: list[tuple[tuple[int, int], Change]] = []
    o, n = old.section, new.section
    where = (n.line, 0)
    if new.moved:
        out.append(
            (
                where,
                Change(
                    "moved",
                    "section",
                    n.path,
                    n.anchor,
                    o.title,
                    n.title,
                    block_kind="heading",
                    old_section=o.path,
                    old_lines=(o.line,),
                    new_lines=(n.line,),
                ),
            )
        )
    if o.level and o.title != n.title:
        out.append(
            (
                where,
                Change(
                    "renamed",
                    "section",
                    n.path,
                    n.anchor,
                    o.title,
                    n.title,
                    word_spans(o.title, n.title),
                    "heading",
                    o.path,
                    (o.line,),
                    (n.line,),
                ),
            )
        )
    elif o.level and (o.source.strip() != n.source.strip() or o.level != n.level):
        detail = (
            f"heading level {o.level} → {n.level}"
            if o.level != n.level
            else _formatting_detail(o.source, n.source)
        )
        out.append(
            (
                where,
                Change(
                    "formatting",
                    "section",
                    n.path,
                    n.anchor,
                    o.title,
                    n.title,
                    (),
                    "heading",
                    o.path,
                    (o.line,),
                    (n.line,),
                    detail,
                ),
            )
        )

    a, b = o.blocks, n.blocks
    last_line = n.line
    old_texts, new_texts = [x.text for x in a], [y.text for y in b]
    # Most sections of a revised policy keep every block's words: difflib would only find the
    # one equal run, so it is not asked (the same opcode, without building its tables).
    same = old_texts == new_texts
    ops = [("equal", 0, len(a), 0, len(b))] if same and a else opcodes(old_texts, new_texts)
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                if x.source != y.source or x.kind != y.kind or x.links != y.links:
                    change = _block_change("formatting", new, x, y)
                    out.append(((y.line, 1), change))
            last_line = b[j2 - 1].line
            continue
        for was, now in _pair_blocks(a[i1:i2], b[j1:j2]):
            if was is not None and now is not None:
                out.append(((now.line, 1), _block_change("changed", new, was, now)))
                last_line = now.line
            elif was is not None:
                removed.append(_Loose(old, was, (last_line, 2)))
            elif now is not None:
                added.append(_Loose(new, now, (now.line, 1)))
                last_line = now.line
    return out


def _pair_blocks(
    a: tuple[Block, ...], b: tuple[Block, ...]
) -> list[tuple[Block | None, Block | None]]:
    """Order-keeping pairing of replaced blocks by similarity (a small weighted alignment)."""
    if not a or not b:
        return [(x, None) for x in a] + [(None, y) for y in b]
    if len(a) * len(b) > 2500:  # a wholesale rewrite: pair in place, no search
        pairs: list[tuple[Block | None, Block | None]] = []
        for x, y in zip(a, b, strict=False):
            ok = similarity(x.text, y.text, PAIR_THRESHOLD) >= PAIR_THRESHOLD
            pairs += [(x, y)] if ok else [(x, None), (None, y)]
        pairs += [(x, None) for x in a[len(b) :]] + [(None, y) for y in b[len(a) :]]
        return pairs
    score = [[similarity(x.text, y.text, PAIR_THRESHOLD) for y in b] for x in a]
    rows, cols = len(a), len(b)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            take = score[i][j] + best[i + 1][j + 1] if score[i][j] >= PAIR_THRESHOLD else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs = []
    i = j = 0
    while i < rows and j < cols:
        if score[i][j] >= PAIR_THRESHOLD and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            pairs.append((a[i], b[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((a[i], None))
            i += 1
        else:
            pairs.append((None, b[j]))
            j += 1
    pairs += [(x, None) for x in a[i:]] + [(None, y) for y in b[j:]]
    return pairs


def _block_change(
    kind: str, sec: _Sec, old: Block | None, new: Block | None, old_sec: _Sec | None = None
) -> Change:
    section = sec.section
    before = old.text if old else None
    after = new.text if new else None
    spans = (
        word_spans(before, after)
        if before is not None and after is not None and before != after
        else ()
    )
    detail = ""
    if kind == "changed" and old and new and old.kind != new.kind and _words(old) == _words(new):
        kind, spans = "formatting", ()  # a list item turned into a table row, same words
    if kind == "formatting" and old and new:
        detail = _block_formatting_detail(old, new)
    origin = (old_sec or sec.partner or sec).section.path if old else ()
    return Change(
        kind=kind,
        target="block",
        section=section.path,
        anchor=section.anchor,
        before=before,
        after=after,
        spans=spans,
        block_kind=(new or old).kind,  # type: ignore[union-attr]
        old_section=origin if origin != section.path else (),
        old_lines=(old.line,) if old else (),
        new_lines=(new.line,) if new else (),
        detail=detail,
    )


def _words(block: Block) -> list[str]:
    return re.findall(r"\w+", block.text.casefold())


_MARKER = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)", re.MULTILINE)


def _block_formatting_detail(old: Block, new: Block) -> str:
    if old.kind != new.kind:
        return f"{old.kind} → {new.kind}"
    parts = []
    if old.marker != new.marker:
        numbered = old.marker[:1].isdigit() and new.marker[:1].isdigit()
        parts.append("list numbering" if numbered else "list marker")
    if old.links != new.links:
        parts.append("link target")
    rest = _formatting_detail(_MARKER.sub(r"\1", old.source), _MARKER.sub(r"\1", new.source))
    if rest and (rest != "markup" or not parts):
        parts.append(rest)
    return ", ".join(parts) or "markup"


def _formatting_detail(old_source: str, new_source: str) -> str:
    if old_source == new_source:
        return ""
    if old_source.split() == new_source.split():
        return "line wrapping" if old_source.count("\n") != new_source.count("\n") else "whitespace"
    if normalize(old_source) == normalize(new_source):
        return "whitespace"  # no-break and other odd spaces
    return "markup"


# -- moves and whole sections ------------------------------------------------------------------


def _block_moves(
    removed: list[_Loose], added: list[_Loose]
) -> list[tuple[tuple[int, int], Change]]:
    out: list[tuple[tuple[int, int], Change]] = []
    # Copies in wholly added or removed sections are tried first, on both sides alike, so
    # that swapping OLD and NEW explains the same blocks as moves.
    removed = sorted(removed, key=lambda loose: loose.sec.partner is not None)
    added = sorted(added, key=lambda loose: loose.sec.partner is not None)
    by_text: dict[str, deque[_Loose]] = {}
    for loose in removed:
        by_text.setdefault(loose.block.text, deque()).append(loose)
    for new in added:  # exact moves first
        same = by_text.get(new.block.text)
        if same and new.block.text:
            _take_move(same.popleft(), new, out)
    # Then moves with small edits: each added block is scored against the removed blocks
    # whose words overlap enough to reach the threshold (an exact filter), in list order.
    olds = [x for x in removed if not x.taken and len(x.block.text.split()) >= MOVE_MIN_WORDS]
    news = [y for y in added if not y.taken and len(y.block.text.split()) >= MOVE_MIN_WORDS]
    near = overlapping([y.block.text for y in news], [x.block.text for x in olds], MOVE_THRESHOLD)
    for new, choices in zip(news, near, strict=True):
        best, best_score = None, MOVE_THRESHOLD
        for old in (olds[number] for number in sorted(choices)):
            if old.taken:
                continue
            score = similarity(old.block.text, new.block.text, best_score)
            if score >= best_score:
                best, best_score = old, score
        if best is not None:
            _take_move(best, new, out)
    return out


def _take_move(old: _Loose, new: _Loose, out: list) -> None:
    old.taken = new.taken = True
    change = _block_change("moved", new.sec, old.block, new.block, old_sec=old.sec)
    out.append(((new.block.line, 1), change))


def _whole_sections(
    olds: list[_Sec],
    news: list[_Sec],
    removed: list[_Loose],
    added: list[_Loose],
    removal_at: list[tuple[int, int]],
) -> list[tuple[tuple[int, int], Change]]:
    """One change per section added or removed as a whole, its unpaired subsections folded in."""
    out = []
    left_old = {id(x.block) for x in removed if not x.taken}
    left_new = {id(x.block) for x in added if not x.taken}
    for sec in news:
        if sec.partner is None and (sec.parent is None or sec.parent.partner is not None):
            lines, texts = _section_units(sec, left_new)
            out.append(
                (
                    (sec.section.line, 0),
                    Change(
                        "added",
                        "section",
                        sec.section.path,
                        sec.section.anchor,
                        None,
                        "\n".join(texts),
                        new_lines=tuple(lines),
                    ),
                )
            )
    for sec in olds:
        if sec.partner is None and (sec.parent is None or sec.parent.partner is not None):
            lines, texts = _section_units(sec, left_old)
            out.append(
                (
                    removal_at[sec.order],
                    Change(
                        "removed",
                        "section",
                        sec.section.path,
                        sec.section.anchor,
                        "\n".join(texts),
                        None,
                        old_lines=tuple(lines),
                    ),
                )
            )
    return out


def _section_units(sec: _Sec, left: set[int]) -> tuple[list[int], list[str]]:
    """Heading and still-unexplained blocks of a section and its unpaired subsections."""
    lines, texts = [sec.section.line], [sec.section.title]
    for block in sec.section.blocks:
        if id(block) in left:
            lines.append(block.line)
            texts.append(block.text)
    for child in sec.children:
        if child.partner is None:
            sub_lines, sub_texts = _section_units(child, left)
            lines += sub_lines
            texts += sub_texts
    return lines, texts
