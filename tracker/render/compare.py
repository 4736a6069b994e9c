"""Rendering a clause diff for ``tracker compare``: JSON, terminal text and HTML (pure).

- :func:`diff_to_json_dict` is the JSON contract of ``tracker compare --format json`` (see
  README, *Comparing versions*). A side with several clauses (a split or a merge) is one object:
  ids joined with ``+``, the first clause's path, texts joined with a newline.
- :func:`render_diff_text` is for a terminal: clause text is stripped of escape and control
  sequences first, then coloured (or marked ``[-deleted-]`` / ``{+inserted+}`` without colour).
- :func:`render_diff_html` fills ``templates/compare.html.j2``; the inline markup lives in the
  macros of ``templates/_diff_macros.html.j2``, shared with the digest. Autoescaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from tracker.diff import JOIN
from tracker.model import Change, Clause, ClauseDiff, InlineOp
from tracker.render.terminal import STYLES, strip_control, styled

#: Digits kept of a similarity in JSON (stable golden files, no false precision).
SIMILARITY_DIGITS = 4
PATH_SEPARATOR = " › "
_MARKS = {"modified": "~", "added": "+", "removed": "-", "moved": ">", "cosmetic": "="}


# -- JSON ------------------------------------------------------------------------------------


def diff_to_json_dict(diff: ClauseDiff) -> dict[str, Any]:
    """The JSON form of a diff: ``{"summary": {...}, "changes": [...]}``."""
    return {"summary": diff.summary(), "changes": [change_to_json_dict(c) for c in diff.changes]}


def change_to_json_dict(change: Change) -> dict[str, Any]:
    similarity = None if change.similarity is None else round(change.similarity, SIMILARITY_DIGITS)
    return {
        "kind": change.kind,
        "old": _side(change.old),
        "new": _side(change.new),
        "similarity": similarity,
        "inline": [[op.tag, op.text] for op in change.inline],
        "topics": list(change.topics),
        "severity": change.severity,
        "direction": change.direction,
        "reason": change.reason,
    }


def _side(clauses: Sequence[Clause]) -> dict[str, Any] | None:
    if not clauses:
        return None
    return {
        "id": "+".join(c.id for c in clauses),
        "path": list(clauses[0].path),
        "text": JOIN.join(c.display_text for c in clauses),
    }


# -- terminal text ---------------------------------------------------------------------------


def render_diff_text(
    diff: ClauseDiff,
    color: bool,
    old_name: str | None = None,
    new_name: str | None = None,
    *,
    width: int | None = None,
) -> str:
    """The diff for a terminal: a summary line, then each change with its place and words
    (``width``: a terminal's columns; the changes' lines are wrapped at word boundaries to
    fit, continuation lines indented)."""
    lines: list[str] = []
    if old_name is not None and new_name is not None:
        lines += [
            styled(f"--- {strip_control(old_name)}", "removed", color),
            styled(f"+++ {strip_control(new_name)}", "added", color),
        ]
    lines.extend(wrapped(summary_line(diff), width, ""))
    for change in diff.changes:
        lines.append("")
        lines.extend(wrapped(_change_header(change, color), width, ""))
        if is_classified(change):
            lines.extend(wrapped(judgement_text(change, color), width, "    "))
        for line in _change_body(change, color).split("\n"):
            lines.extend(wrapped(line, width, "    "))
    return "\n".join(lines) + "\n"


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
CONTINUATION = "  "  # continuation lines: two more spaces than the line they continue


def visible_length(text: str) -> int:
    """The columns ``text`` takes on a terminal (its colour codes take none)."""
    return len(_ANSI.sub("", text))


def wrapped(line: str, width: int | None, indent: str) -> list[str]:
    """``indent + line``, wrapped at spaces to ``width`` columns when given, continuation
    lines indented two more; a word longer than a line stays whole on its own line."""
    if width is None or visible_length(indent + line) <= width:
        return [indent + line]
    out: list[str] = []
    current = indent
    for word in line.split(" "):
        start = current in (indent, indent + CONTINUATION)
        candidate = current + word if start else f"{current} {word}"
        if start or visible_length(candidate) <= width:
            current = candidate
        else:
            out.append(current)
            current = indent + CONTINUATION + word
    out.append(current)
    return out


def summary_line(diff: ClauseDiff) -> str:
    """``"12 unchanged, 3 modified, 1 added, 0 removed, 1 moved, 2 cosmetic"``."""
    return ", ".join(f"{count} {kind}" for kind, count in diff.summary().items())


def _change_header(change: Change, color: bool) -> str:
    title = change.kind + (f" ({change.detail})" if change.detail else "")
    parts = [styled(f"{_MARKS[change.kind]} {title}", "heading", color)]
    old_path = _path_text(change.old)
    new_path = _path_text(change.new)
    if change.old and change.new and old_path.casefold() != new_path.casefold():
        parts.append(f"from {old_path or '(top)'} to {new_path or '(top)'}")
    elif old_path or new_path:
        parts.append(f"in {new_path or old_path}")
    if change.similarity is not None and change.kind != "moved":
        parts.append(styled(f"similarity {change.similarity:.2f}", "dim", color))
    return "  ".join(parts)


def is_classified(change: Change) -> bool:
    """Whether the classifier has been over ``change`` (it always gives a reason)."""
    return change.reason is not None or bool(change.topics)


def judgement_text(change: Change, color: bool) -> str:
    """``high, expands: retention period lengthened: 30 days -> 3 years [retention]``."""
    verdict = str(change.severity)
    if change.direction != "neutral":
        verdict += f", {change.direction}"
    line = styled(verdict, str(change.severity), color) if change.severity in STYLES else verdict
    if change.reason:
        line += ": " + strip_control(change.reason)
    if change.topics:
        line += styled(f" [{', '.join(change.topics)}]", "dim", color)
    return line


def _path_text(clauses: Sequence[Clause]) -> str:
    return PATH_SEPARATOR.join(strip_control(p) for p in clauses[0].path) if clauses else ""


def _change_body(change: Change, color: bool) -> str:
    if change.inline and not (change.kind == "moved" and change.detail is None):
        return inline_text(change.inline, color)
    if change.kind == "added":
        return styled(_texts(change.new), "added", color) if color else _texts(change.new)
    if change.kind == "removed":
        return styled(_texts(change.old), "removed", color) if color else _texts(change.old)
    return _texts(change.new or change.old)


def _texts(clauses: Sequence[Clause]) -> str:
    return strip_control(JOIN.join(c.display_text for c in clauses))


def inline_text(ops: Sequence[InlineOp], color: bool) -> str:
    """Inline operations as terminal text: coloured, or ``[-deleted-]{+inserted+}`` marks."""
    out: list[str] = []
    for op in ops:
        text = strip_control(op.text)
        if op.tag == "equal":
            out.append(text)
        elif color:
            out.append(styled(text, op.tag, color))
        else:
            out.append(f"[-{text}-]" if op.tag == "delete" else f"{{+{text}+}}")
    return "".join(out)


# -- HTML ------------------------------------------------------------------------------------


def render_diff_html(
    diff: ClauseDiff, old_name: str, new_name: str, title: str | None = None
) -> str:
    """A standalone HTML page of the diff (every clause text autoescaped)."""
    from tracker.render.environment import template_environment  # Jinja2: only for HTML

    template = template_environment().get_template("compare.html.j2")
    return template.render(
        diff=diff,
        summary=diff.summary(),
        old_name=old_name,
        new_name=new_name,
        title=title or f"{old_name} → {new_name}",
    )
