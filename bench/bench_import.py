"""How fast history is imported: ``python -m bench import``.

Measures, in-process on fresh SQLite files (the whole pipeline per page: extraction, guards,
placement in time, diff, topics, severity, key facts, one transaction per page):

- ``import-ota`` of the real Open Terms Archive sample (../shared/ota-sample, 14 commits),
  then the same repository again (every page already known: nothing added);
- ``import`` of every Markdown versions folder of the corpus (../shared/corpus/versions),
  each as a document of its own, oldest first;
- interleaving: the OTA sample imported into a database that already holds the corpus's
  Together AI versions, so most commits land between stored versions (diffs recomputed).

It prints seconds and pages per second. Nothing is asserted: these are numbers to read.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tracker.clock import FixedClock
from tracker.importers import ImportReport, history_context
from tracker.importers.folder import import_folder
from tracker.importers.ota import import_ota
from tracker.model import ExtractionRules
from tracker.registry import DocumentSpec, load_registry
from tracker.settings import Settings, load_settings
from tracker.store.database import Database, open_database
from tracker.track.context import TrackContext

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BUNDLE = SHARED / "ota-sample" / "together-ai-versions.bundle"
VERSIONS = SHARED / "corpus" / "versions"
REGISTRY = load_registry(ROOT / "data" / "documents.toml")
NOW = FixedClock(datetime(2026, 12, 1, tzinfo=UTC))


def corpus_spec(folder: Path) -> DocumentSpec:
    """The registered document of a corpus folder, or one made up from its name."""
    slug = folder.name.replace("__", "/", 1)
    for spec in REGISTRY.documents:
        if spec.slug == slug:
            return spec
    service, _, kind = slug.partition("/")
    return DocumentSpec(
        slug=slug,
        service=service.replace("-", " ").title(),
        type=kind.replace("-", " ").title(),
        url=f"https://{service}.example/{kind}",
        rules=ExtractionRules(),
    )


def timed(label: str, run: Callable[[], ImportReport]) -> ImportReport:
    started = time.perf_counter()
    report = run()
    seconds = time.perf_counter() - started
    pages = len(report.items)
    rate = pages / seconds if seconds else 0.0
    print(f"{label:<44} {seconds:7.2f} s  {pages:4d} pages  {rate:6.1f} pages/s")
    print(f"{'':<44} {report.summary()}")
    return report


def fresh(work: Path, name: str) -> tuple[Database, TrackContext]:
    settings: Settings = load_settings(
        {"TRACKER_RULES": str(ROOT / "data" / "rules.toml")}, cwd=work
    )
    db = open_database(f"sqlite:///{work}/{name}.db", create=True)
    return db, history_context(db, settings, NOW)


def import_corpus_folders(context: TrackContext, folders: list[Path]) -> ImportReport:
    total = ImportReport()
    for folder in folders:
        report = import_folder(context, corpus_spec(folder), folder)
        total.items.extend(report.items)
    return total


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        clone = work / "ota"
        subprocess.run(["git", "clone", "--quiet", str(BUNDLE), str(clone)], check=True)
        documents = REGISTRY.documents

        db, context = fresh(work, "ota")
        timed(
            "import-ota sample (fresh database)",
            lambda: import_ota(context, documents, clone, "Together AI"),
        )
        timed(
            "import-ota sample again (all known)",
            lambda: import_ota(context, documents, clone, "Together AI"),
        )
        db.dispose()

        folders = sorted(p for p in VERSIONS.iterdir() if p.is_dir())
        db, context = fresh(work, "corpus")
        timed(
            f"import of {len(folders)} corpus versions folders",
            lambda: import_corpus_folders(context, folders),
        )
        db.dispose()

        together = [
            VERSIONS / "together-ai__privacy-policy",
            VERSIONS / "together-ai__terms-of-service",
        ]
        db, context = fresh(work, "interleave")
        import_corpus_folders(context, together)
        timed(
            "import-ota sample between stored versions",
            lambda: import_ota(context, documents, clone, "Together AI"),
        )
        db.dispose()


if __name__ == "__main__":
    main()
