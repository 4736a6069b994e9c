"""``tracker import-ota REPO --service NAME``: an Open Terms Archive versions repository.

Open Terms Archive publishes each service's documents as a git repository of Markdown files,
``<Service>/<Terms type>.md``, one commit per recorded version (see
../shared/ota-sample/README.md). Every commit that touches a registered document of the
service becomes a sighting of that document dated by the commit (its author date), source
``imported``, in commit order:

- ``First record of ...`` and ``Record new changes of ...``: the document as recorded then;
- ``Apply technical or declaration upgrade on ...`` (``Refilter ...`` in older repositories):
  the archive re-extracted its own snapshot; a *technical* version, never reported;
- the commit's snapshot reference(s) and ``X-engine-version`` are kept as its provenance.

A registered document belongs to the service when its service name is NAME (case aside) or its
slug starts with NAME as a slug; its type names the file (``Terms of Service`` ->
``Terms of Service.md``). REPO is a clone (a working tree or a bare repository) or a git
bundle file. Importing the same repository again adds nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from tracker.errors import InputError, UsageError
from tracker.fetch import FetchedPage
from tracker.importers import ImportedItem, ImportListener, ImportReport
from tracker.registry import DocumentSpec
from tracker.store.clause_search import index_new_clauses
from tracker.track.context import TrackContext
from tracker.track.history import Sighting, record_sighting
from tracker.vocabulary import Source

#: Commit subjects of the archive's re-extractions (never a change of the document).
TECHNICAL_SUBJECTS = ("Apply technical or declaration upgrade", "Refilter")
_SNAPSHOT = re.compile(r"https?://\S+/commit/[0-9a-f]{7,40}")
_ENGINE = re.compile(r"^X-engine-version:\s*(\S+)", re.MULTILINE)
_RECORD, _FIELD = "\x1e", "\x1f"
GIT_TIMEOUT = 300


@dataclass(frozen=True, slots=True)
class OtaCommit:
    """One commit of the versions repository, with the documents it touched."""

    sha: str
    authored: datetime
    subject: str
    body: str
    #: (status letter, path) of each file it touched under the service's folder
    changes: tuple[tuple[str, str], ...] = field(default=())

    @property
    def technical(self) -> bool:
        return self.subject.startswith(TECHNICAL_SUBJECTS)

    @property
    def snapshots(self) -> list[str]:
        return _SNAPSHOT.findall(self.body)

    @property
    def engine(self) -> str | None:
        found = _ENGINE.search(self.body)
        return found.group(1) if found else None


def service_documents(documents: Sequence[DocumentSpec], service: str) -> dict[str, DocumentSpec]:
    """The registered documents of ``service``, by the file name the archive gives them."""
    wanted = service.casefold()
    prefix = re.sub(r"[^a-z0-9]+", "-", wanted).strip("-") + "/"
    return {
        f"{spec.type}.md".casefold(): spec
        for spec in documents
        if spec.service.casefold() == wanted or spec.slug.startswith(prefix)
    }


def import_ota(
    context: TrackContext,
    documents: Sequence[DocumentSpec],
    repository: Path,
    service: str,
    *,
    listener: ImportListener | None = None,
) -> ImportReport:
    """Place every commit of ``repository`` touching a registered document of ``service`` in
    that document's history (one transaction per commit and document)."""
    registered = service_documents(documents, service)
    if not registered:
        raise UsageError(f"no registered document of the service {service!r}")
    report = ImportReport()
    with opened_repository(repository) as git_dir:
        commits = service_commits(git_dir, service)
        if not commits:
            raise UsageError(f"{repository}: no commit touches the folder {service!r}/")
        unmatched: set[str] = set()
        for commit in commits:
            for status, path in commit.changes:
                spec = registered.get(PurePosixPath(path).name.casefold())
                if spec is None:
                    unmatched.add(path)
                    continue
                if status.startswith("D"):
                    report.skipped.append(f"{path} at {commit.sha[:12]}: deleted from the archive")
                    continue
                sighting = commit_sighting(git_dir, commit, path, spec)
                result = record_sighting(context, spec, sighting)
                name = f"{commit.sha[:12]} {path}"
                report.add(ImportedItem(spec.slug, name, commit.authored, result), listener)
        report.skipped += [f"{path}: not a registered document" for path in sorted(unmatched)]
    index_new_clauses(context.db)
    return report


def commit_sighting(git_dir: Path, commit: OtaCommit, path: str, spec: DocumentSpec) -> Sighting:
    body = git(git_dir, "cat-file", "blob", f"{commit.sha}:{path}")
    page = FetchedPage(
        url=spec.url,
        final_url=spec.url,
        status=200,
        content_type="text/markdown; charset=utf-8",
        etag=None,
        last_modified=None,
        body=body,
        duration_ms=0,
        fetcher="git",
    )
    provenance: dict[str, object] = {
        "importer": "ota",
        "commit": commit.sha,
        "message": commit.subject,
        "path": path,
        "snapshots": commit.snapshots,
        "engine": commit.engine,
        "description": f"Open Terms Archive commit {commit.sha[:12]} ({commit.subject})"
        + (f", from snapshot {commit.snapshots[0]}" if commit.snapshots else ""),
    }
    return Sighting(
        page=page,
        observed_at=commit.authored,
        source=Source.IMPORTED,
        provenance=provenance,
        technical=commit.technical,
    )


def service_commits(git_dir: Path, service: str) -> list[OtaCommit]:
    """The commits touching ``<service>/``, oldest first, with the files each touched."""
    fields = _FIELD.join(("%H", "%aI", "%s", "%b"))
    out = git(
        git_dir,
        "-c",
        "core.quotePath=false",
        "log",
        "--reverse",
        "--no-renames",
        f"--format={_RECORD}{fields}{_FIELD}",
        "--name-status",
        "--",
        f"{service}/",
    ).decode("utf-8", "replace")
    commits = []
    for chunk in out.split(_RECORD)[1:]:
        sha, authored, subject, body, files = chunk.split(_FIELD, 4)
        changes = tuple(
            (status, path)
            for status, _, path in (line.partition("\t") for line in files.splitlines())
            if path
        )
        commits.append(
            OtaCommit(
                sha=sha,
                authored=datetime.fromisoformat(authored).astimezone(UTC),
                subject=subject.strip(),
                body=body,
                changes=changes,
            )
        )
    return commits


@contextmanager
def opened_repository(repository: Path) -> Iterator[Path]:
    """A git directory to read ``repository`` from: itself, or a bare clone of a bundle."""
    if repository.is_dir():
        yield repository
        return
    if not repository.is_file():
        raise UsageError(f"{repository}: no such repository or bundle")
    scratch = Path(tempfile.mkdtemp(prefix="tracker-ota-"))
    try:
        target = scratch / "repository.git"
        git(scratch, "clone", "--quiet", "--bare", str(repository.resolve()), str(target))
        yield target
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def git(where: Path, *args: str) -> bytes:
    """Run git in ``where``; a failure is one line (InputError), git missing a UsageError."""
    executable = shutil.which("git")
    if executable is None:
        raise UsageError("git is not installed (apt-get install git)")
    # never a repository above ``where`` (a folder inside some other clone is not one)
    ceiling = {"GIT_CEILING_DIRECTORIES": str(where.resolve().parent)}
    completed = subprocess.run(  # noqa: S603 - a fixed executable, arguments as a list
        [executable, "-C", str(where), *args],
        capture_output=True,
        timeout=GIT_TIMEOUT,
        check=False,
        env={**os.environ, **ceiling},
    )
    if completed.returncode != 0:
        verb = next(a for a in args if not a.startswith("-") and "=" not in a)
        reason = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {verb} failed in {where}: {reason[-1] if reason else '?'}")
    return completed.stdout
