"""Word-level inline diff of two texts, and the word tokens similarity is measured on.

Texts are cut into words, runs of whitespace and single punctuation marks, so a changed comma
shows as a comma and a changed word as a word. Words and marks are aligned with difflib (after
trimming the common ends, which is most of a long clause); whitespace is not aligned itself:
the text between two aligned marks is equal or changed as a whole, less the whitespace both
sides begin and end with. Runs of the same tag are merged, and inside a changed stretch all
deletions come before all insertions, so concatenating the ``equal`` and ``delete`` runs gives
the old text back and ``equal`` and ``insert`` runs the new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from tracker.model import InlineOp, InlineTag

#: A link target as extraction writes it after a link's text (``<https://...>``) is one token, so
#: a changed address shows as the old address deleted and the new one inserted.
_LINK_TARGET = r"<(?:https?|mailto|ftp):[^\s<>]*>"
_INLINE_TOKEN = re.compile(rf"{_LINK_TARGET}|\w+|\s+|[^\w\s]")
_WORD = re.compile(r"\w+")

Opcode = tuple[str, int, int, int, int]


def inline_tokens(text: str) -> list[str]:
    """Words, whitespace runs and single punctuation marks; their concatenation is ``text``."""
    return _INLINE_TOKEN.findall(text)


def word_tokens(text: str) -> list[str]:
    """The words of ``text``, case-folded: what clause similarity is measured on."""
    return _WORD.findall(text.casefold())


def words_of(text: str) -> list[str]:
    """The words of ``text`` as written (no case folding)."""
    return _WORD.findall(text)


def word_diff(old_text: str, new_text: str) -> tuple[InlineOp, ...]:
    """Inline operations turning ``old_text`` into ``new_text``, word by word."""
    return inline_diff(old_text, new_text)[0]


def inline_diff(old_text: str, new_text: str) -> tuple[tuple[InlineOp, ...], float]:
    """The inline operations, and the similarity: difflib's ratio over words and marks."""
    if old_text == new_text:
        return ((InlineOp("equal", old_text),) if old_text else ()), 1.0
    lead_a, a, space_a = _units(old_text)
    lead_b, b, space_b = _units(new_text)
    runs: list[tuple[InlineTag, str]] = []
    same: list[str] = []  # equal text not yet added to runs
    gone, came = lead_a, lead_b  # text between the last two aligned marks, on each side
    matched = 0
    for tag, i1, i2, j1, j2 in _core_opcodes(a, b):
        if tag != "equal":
            gone += _spell(a, space_a, i1, i2)
            came += _spell(b, space_b, j1, j2)
            continue
        matched += i2 - i1
        for k in range(i2 - i1):
            if gone == came:
                same.append(gone)
            else:
                runs.append(("equal", "".join(same)))
                runs.extend(_stretch(gone, came))
                same = []
            same.append(a[i1 + k])
            gone, came = space_a[i1 + k], space_b[j1 + k]
    runs.append(("equal", "".join(same)))
    runs.extend(_stretch(gone, came))
    total = len(a) + len(b)
    ratio = 1.0 if total == 0 else 2.0 * matched / total
    return tuple(InlineOp(tag, text) for tag, text in _merge_runs(runs)), ratio


def _stretch(gone: str, came: str) -> list[tuple[InlineTag, str]]:
    """The text between two aligned marks: equal, or deleted and inserted, with the whitespace
    both sides start and end with left equal (so a dropped comma is just the comma)."""
    if gone == came:
        return [("equal", gone)]
    head = _common_space(gone, came)
    gone, came = gone[len(head) :], came[len(head) :]
    tail = _common_space(gone[::-1], came[::-1])[::-1]
    gone, came = gone[: len(gone) - len(tail)], came[: len(came) - len(tail)]
    return [("equal", head), ("delete", gone), ("insert", came), ("equal", tail)]


def _common_space(a: str, b: str) -> str:
    """The longest common prefix of ``a`` and ``b`` made only of whitespace."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n] and a[n].isspace():
        n += 1
    return a[:n]


def _units(text: str) -> tuple[str, list[str], list[str]]:
    """Leading whitespace, the words and marks, and the whitespace after each of them."""
    tokens = inline_tokens(text)
    lead = tokens.pop(0) if tokens and tokens[0].isspace() else ""
    cores: list[str] = []
    spaces: list[str] = []
    for token in tokens:
        if token.isspace():
            spaces[-1] = token
        else:
            cores.append(token)
            spaces.append("")
    return lead, cores, spaces


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """Lengths of the common prefix and of the (non-overlapping) common suffix."""
    limit = min(len(a), len(b))
    head = 0
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


def _core_opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib opcodes over words and marks, computed on the middle left by the common ends."""
    head, tail = _common_ends(a, b)
    ops: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    matcher = SequenceMatcher(
        None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False
    )
    ops.extend(
        (tag, head + i1, head + i2, head + j1, head + j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def _spell(cores: list[str], spaces: list[str], start: int, stop: int) -> str:
    return "".join(cores[k] + spaces[k] for k in range(start, stop))


def _merge_runs(runs: Iterable[tuple[InlineTag, str]]) -> list[tuple[InlineTag, str]]:
    """Merge each stretch of changes into one delete run then one insert run."""
    out: list[tuple[InlineTag, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def emit(tag: InlineTag, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == tag:
            out[-1] = (tag, out[-1][1] + text)
        else:
            out.append((tag, text))

    def flush() -> None:
        emit("delete", "".join(deleted))
        emit("insert", "".join(inserted))
        deleted.clear()
        inserted.clear()

    for tag, text in runs:
        if tag == "delete":
            deleted.append(text)
        elif tag == "insert":
            inserted.append(text)
        elif text:
            flush()
            emit("equal", text)
    flush()
    return out


def old_text_of(ops: Iterable[InlineOp]) -> str:
    """The old text an inline diff was made from (equal and delete runs)."""
    return "".join(op.text for op in ops if op.tag != "insert")


def new_text_of(ops: Iterable[InlineOp]) -> str:
    """The new text an inline diff was made from (equal and insert runs)."""
    return "".join(op.text for op in ops if op.tag != "delete")
