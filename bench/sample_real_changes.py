"""Draw the real changes to label for the severity evaluation (tests/data/severity_real.toml).

Run once to make the file; kept so the draw can be checked and repeated. For every pair of
consecutive Markdown versions in ../shared/corpus/versions, the clause diff's changes are listed;
up to ``PER_PAIR`` substantive ones (modified, added, removed) and, now and then, a cosmetic or
moved one are drawn at random (seed ``SEED``), skipping sides longer than ``MAX_CHARS``; then a
second draw (:func:`draw_enriched`) adds one change per pair among those that speak of data,
content, rights or remedies, so that high-impact changes are not too rare. A third
of the documents, drawn with the same seed, are *held out*: their changes are labelled like the
others but never looked at while the rules are tuned.

This prints each drawn change for a reader, *without* the classifier's answer (labels are
written by reading both texts first), and writes the TOML skeleton with empty labels:
``python -m bench.sample_real_changes --write tests/data/severity_real.toml``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.diff import JOIN, diff_clauses
from tracker.extract import extract_markdown
from tracker.model import Change
from tracker.render.compare import inline_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SEED = 20260913
ENRICHED_SEED = 20260914
PER_PAIR = 2
STRUCTURAL_RATE = 0.15
MAX_CHARS = 1500
HOLDOUT_SHARE = 1 / 3


@dataclass(frozen=True, slots=True)
class Drawn:
    id: str
    document: str
    old_file: str
    new_file: str
    split: str
    change: Change


#: The second draw keeps substantive changes whose text speaks of data, content, rights or
#: remedies (a word filter, not the classifier), so that high-impact changes are not too rare.
POLICY_WORDS = re.compile(
    r"\b(?:data|information|content|inputs?|outputs?|prompts?|shar\w*|sell\w*|sold|us(?:e|es|ed)"
    r"|train\w*|retain\w*|retention|delet\w*|stor(?:e|ed|es)|rights?|opt\w*|consent\w*"
    r"|licen[cs]\w*|arbitrat\w*|class|waive\w*|liab\w*|terminat\w*|notice|notify|refund\w*"
    r"|age|children|minors?)\b",
    re.IGNORECASE,
)


def pair_diffs(root: Path) -> Iterator[tuple[Path, Path, Path, tuple[Change, ...]]]:
    """Each document folder under ``root``, each pair of its consecutive Markdown versions and
    their clause diff's changes, in name order."""
    for folder in sorted(f for f in root.iterdir() if f.is_dir()):
        files = sorted(folder.glob("*.md"))
        for old_path, new_path in itertools.pairwise(files):
            old = extract_markdown(old_path.read_text(encoding="utf-8")).clauses
            new = extract_markdown(new_path.read_text(encoding="utf-8")).clauses
            yield folder, old_path, new_path, diff_clauses(old, new).changes


def holdout_documents(names: Sequence[str], rng: random.Random) -> set[str]:
    shuffled = sorted(names)
    rng.shuffle(shuffled)
    return set(shuffled[: round(len(shuffled) * HOLDOUT_SHARE)])


def draw(corpus: Path = CORPUS, seed: int = SEED) -> list[Drawn]:
    rng = random.Random(seed)
    folders = sorted(f for f in (corpus / "versions").iterdir() if f.is_dir())
    held = holdout_documents([f.name for f in folders], rng)
    drawn: list[Drawn] = []
    for folder, old_path, new_path, all_changes in pair_diffs(corpus / "versions"):
        changes = [c for c in all_changes if _short_enough(c)]
        substantive = [c for c in changes if c.kind in ("modified", "added", "removed")]
        structural = [c for c in changes if c.kind in ("cosmetic", "moved")]
        picked = rng.sample(substantive, min(PER_PAIR, len(substantive)))
        if structural and rng.random() < STRUCTURAL_RATE:
            picked.append(rng.choice(structural))
        for change in picked:
            drawn.append(
                Drawn(
                    id=f"r{len(drawn) + 1:03d}",
                    document=folder.name,
                    old_file=old_path.name,
                    new_file=new_path.name,
                    split="holdout" if folder.name in held else "dev",
                    change=change,
                )
            )
    return drawn


def draw_enriched(
    already: Sequence[Drawn], corpus: Path = CORPUS, seed: int = ENRICHED_SEED
) -> list[Drawn]:
    """The second draw: one more substantive change per pair among those whose old or new text
    matches :data:`POLICY_WORDS`, not drawn before; ids go on from ``already``."""
    rng = random.Random(seed)
    held = {d.document for d in already if d.split == "holdout"}
    taken = {(d.document, d.new_file, _side(d.change.old), _side(d.change.new)) for d in already}
    drawn: list[Drawn] = []
    for folder, old_path, new_path, changes in pair_diffs(corpus / "versions"):
        candidates = [
            c
            for c in changes
            if c.kind in ("modified", "added", "removed")
            and _short_enough(c)
            and POLICY_WORDS.search(_side(c.old) + " " + _side(c.new))
            and (folder.name, new_path.name, _side(c.old), _side(c.new)) not in taken
        ]
        if not candidates:
            continue
        drawn.append(
            Drawn(
                id=f"r{len(already) + len(drawn) + 1:03d}",
                document=folder.name,
                old_file=old_path.name,
                new_file=new_path.name,
                split="holdout" if folder.name in held else "dev",
                change=rng.choice(candidates),
            )
        )
    return drawn


def draw_all(
    folder_of_documents: Path,
    prefix: str = "u",
    split: str = "unseen",
    max_chars: int = MAX_CHARS,
    left_out: list[Change] | None = None,
) -> list[Drawn]:
    """Every substantive change (and every moved one) of every pair of consecutive versions in
    ``folder_of_documents/<document>/*.md``: for documents kept apart from the corpus
    (``tests/data/unseen``, ``tests/data/fresh``), labelled whole rather than sampled.

    A change with a side longer than ``max_chars`` (0: no limit) is left out, and appended to
    ``left_out`` when given, so that the reader knows what the set does not hold: a long
    licence paragraph is often the change that matters most."""
    drawn: list[Drawn] = []
    for folder, old_path, new_path, changes in pair_diffs(folder_of_documents):
        for change in changes:
            if change.kind == "cosmetic":
                continue
            if not _short_enough(change, max_chars):
                if left_out is not None:
                    left_out.append(change)
                continue
            drawn.append(
                Drawn(
                    id=f"{prefix}{len(drawn) + 1:03d}",
                    document=folder.name,
                    old_file=old_path.name,
                    new_file=new_path.name,
                    split=split,
                    change=change,
                )
            )
    return drawn


def _short_enough(change: Change, max_chars: int = MAX_CHARS) -> bool:
    return max_chars <= 0 or all(len(_side(s)) <= max_chars for s in (change.old, change.new))


def _side(clauses: Sequence[object]) -> str:
    return JOIN.join(getattr(c, "display_text", "") for c in clauses)


def show(item: Drawn) -> str:
    change = item.change
    where = " › ".join((change.new or change.old)[0].path)
    head = f"== {item.id} [{item.split}] {item.document} {item.old_file} -> {item.new_file}"
    lines = [head, f"   {change.kind}{f' ({change.detail})' if change.detail else ''} in {where}"]
    if change.kind == "modified" or (change.inline and change.kind == "cosmetic"):
        lines.append("   " + inline_text(change.inline, color=False))
    elif change.kind == "added":
        lines.append("   + " + _side(change.new))
    else:
        lines.append("   - " + _side(change.old))
    return "\n".join(lines)


def toml_skeleton(items: Sequence[Drawn]) -> str:
    out = []
    for item in items:
        change = item.change
        out += [
            "[[change]]",
            f'id = "{item.id}"',
            f'document = "{item.document}"',
            f'old_file = "{item.old_file}"',
            f'new_file = "{item.new_file}"',
            f'split = "{item.split}"',
            f'kind = "{change.kind}"',
            "path = ["
            + ", ".join(_toml_string(p) for p in (change.new or change.old)[0].path)
            + "]",
            f"old = {_toml_string(_side(change.old))}",
            f"new = {_toml_string(_side(change.new))}",
            'severity = ""',
            'direction = ""',
            'note = ""',
            "",
        ]
    return "\n".join(out)


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sample_real_changes")
    parser.add_argument("--write", type=Path, help="write the TOML skeleton here")
    parser.add_argument(
        "--unseen", type=Path, help="list every change of the documents in this folder instead"
    )
    parser.add_argument(
        "--split",
        default="unseen",
        help="with --unseen: the split name written for each change; its first letter prefixes"
        " the ids (unseen: u001..., fresh: f001...) unless --prefix is given",
    )
    parser.add_argument(
        "--prefix",
        help="with --unseen: the letters that prefix the ids (one or more), when the split's"
        " first letter is taken (fresh2: g001..., fresh25: aa001...)",
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=MAX_CHARS,
        help=f"with --unseen: leave out changes with a side longer than this (default {MAX_CHARS},"
        " as every set so far was drawn; 0 or less: no limit); what is left out is counted",
    )
    args = parser.parse_args(argv)
    left_out: list[Change] = []
    if args.unseen:
        prefix = args.prefix or args.split[:1]
        items = draw_all(args.unseen, prefix, args.split, args.max_chars, left_out)
    else:
        items = draw()
        items += draw_enriched(items)
    for item in items:
        print(show(item) + "\n")
    held = sum(i.split == "holdout" for i in items)
    print(f"{len(items)} changes" + ("" if args.unseen else f", {held} held out"))
    if args.unseen and left_out:
        longest = max(max(len(_side(c.old)), len(_side(c.new))) for c in left_out)
        print(
            f"{len(left_out)} longer than {args.max_chars} characters left out (the longest"
            f" {longest}); --max-chars 0 lists them too"
        )
    if args.write:
        args.write.write_text(toml_skeleton(items), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
