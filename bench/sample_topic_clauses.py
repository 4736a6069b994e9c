"""Draw clauses to label with topics (held-out samples of tests/data/topics_gold.toml).

A few clauses per document (paragraphs, list items or table rows of at least eight words, not
already in the gold file) from one version of each document, at random. Printed for a reader,
without the classifier's answer, as TOML tables with empty ``topics``:

    python -m bench.sample_topic_clauses        # holdout3: 3 per document, second-newest
    python -m bench.sample_topic_clauses --sample holdout4 --seed 20261203 \
        --version 1 --per-document 2
    python -m bench.sample_topic_clauses --sample unseen --seed 20261202 --version -1 \
        --per-document 12 --folder tests/data/unseen
    python -m bench.sample_topic_clauses --sample holdout5 --seed 20261205 --version -1 \
        --per-document 20 --folder tests/data/fresh2
    python -m bench.sample_topic_clauses --sample holdout6 --seed 20261206 --version -1 \
        --per-document 20 --folder tests/data/holdout6
"""

from __future__ import annotations

import argparse
import random
import tomllib
from collections.abc import Iterable
from pathlib import Path

from tracker.extract import extract_markdown
from tracker.model import Clause

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "data" / "topics_gold.toml"
SEED = 20261201
PER_DOCUMENT = 3
MIN_WORDS = 8


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sample_topic_clauses")
    parser.add_argument("--sample", default="holdout3")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--version", type=int, default=-2, help="index of the version (-2: second-newest)"
    )
    parser.add_argument("--per-document", type=int, default=PER_DOCUMENT)
    parser.add_argument(
        "--folder",
        type=Path,
        default=CORPUS / "versions",
        help="documents to draw from (one folder of dated versions each; tests/data/unseen)",
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    known = {c["text"] for c in tomllib.loads(GOLD.read_text(encoding="utf-8"))["clause"]}
    for folder in sorted(f for f in args.folder.iterdir() if f.is_dir()):
        files = sorted(folder.glob("*.md"))
        path = files[args.version] if -len(files) <= args.version < len(files) else files[-1]
        clauses = _distinct(
            c
            for c in extract_markdown(path.read_text(encoding="utf-8")).clauses
            if c.kind != "heading" and len(c.text.split()) >= MIN_WORDS and c.text not in known
        )
        for clause in rng.sample(clauses, min(args.per_document, len(clauses))):
            text = clause.text.replace("\\", "\\\\").replace('"', '\\"')
            print(
                f'[[clause]]\ndocument = "{folder.name}"\nfile = "{path.name}"\ntopics = []\n'
                f'sample = "{args.sample}"\ntext = "{text}"\n'
            )


def _distinct(clauses: Iterable[Clause]) -> list[Clause]:
    """The clauses in document order, each text once (a page that repeats its whole text, as
    Le Chat's usage policy does, gives each clause one chance to be drawn, not two)."""
    seen: set[str] = set()
    kept: list[Clause] = []
    for clause in clauses:
        if clause.text not in seen:
            seen.add(clause.text)
            kept.append(clause)
    return kept


if __name__ == "__main__":
    main()
