"""Draw clauses to label with topics (the ``holdout3`` sample of tests/data/topics_gold.toml).

Three clauses per document (paragraphs, list items or table rows of at least eight words, not
already in the gold file) from each document's second-newest version, at random with seed
``SEED``. Printed for a reader, without the classifier's answer, as TOML tables with empty
``topics``: ``python -m bench.sample_topic_clauses``.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

from tracker.extract import extract_markdown

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "data" / "topics_gold.toml"
SEED = 20261201
PER_DOCUMENT = 3
MIN_WORDS = 8


def main() -> None:
    rng = random.Random(SEED)
    known = {c["text"] for c in tomllib.loads(GOLD.read_text(encoding="utf-8"))["clause"]}
    for folder in sorted(f for f in (CORPUS / "versions").iterdir() if f.is_dir()):
        files = sorted(folder.glob("*.md"))
        path = files[-2] if len(files) > 1 else files[-1]
        clauses = [
            c
            for c in extract_markdown(path.read_text(encoding="utf-8")).clauses
            if c.kind != "heading" and len(c.text.split()) >= MIN_WORDS and c.text not in known
        ]
        for clause in rng.sample(clauses, min(PER_DOCUMENT, len(clauses))):
            text = clause.text.replace("\\", "\\\\").replace('"', '\\"')
            print(
                f'[[clause]]\ndocument = "{folder.name}"\nfile = "{path.name}"\ntopics = []\n'
                f'sample = "holdout3"\ntext = "{text}"\n'
            )


if __name__ == "__main__":
    main()
