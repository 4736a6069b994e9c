"""Command-line interface: a thin layer over the library, one module per command.

Each command is a module of this package defining ``command`` (a click command or group),
registered by one line in :data:`COMMANDS`: its name, its module and the one-line summary
``tracker --help`` shows. Modules are imported only when their command runs (or its own
``--help`` is asked for), so ``tracker --version`` and ``tracker --help`` import no database,
HTML or network library.
"""

from __future__ import annotations

from tracker.cli.app import cli, main

#: name -> (module, summary). Adding a command: write ``tracker/cli/<name>.py`` and one line.
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("add", "Register a document: validate, fetch once, add it to the registry."),
    "accept": ("accept", "Record the latest suspect fetch of a document as its next version."),
    "backfill": ("backfill", "Fill in a document's history from the Wayback Machine."),
    "check-claims": ("check_claims", "Check a third party's quotes, citations and facts."),
    "clause": ("clause", "The lineage of one clause: first seen, every change, hashes."),
    "compare": ("compare", "Compare two local files clause by clause."),
    "db": ("db", "Database maintenance (upgrade, current)."),
    "demo": ("demo", "Replay real archived Together AI pages night by night, offline."),
    "diff": ("diff", "Diff two versions of a document, clause by clause."),
    "digest": ("digest", "Send each subscription the changes it has not received yet."),
    "documents": ("documents", "List the registered documents (and validate the registry)."),
    "export": ("export", "Export every version (with clauses, hashes and changes)."),
    "export-evidence": ("export_evidence", "Write the evidence of one version (zip or WARC)."),
    "extract": ("extract", "Extract the clauses of an HTML, Markdown, text or PDF file or URL."),
    "facts": ("facts", "The key facts of each document's latest version, with evidence."),
    "feed": ("feed", "Write an Atom feed: one entry per new version."),
    "history": ("history", "The versions of a document: first seen, last verified, hash."),
    "import": ("import_folder", "Import a folder of dated files as a document's history."),
    "import-ota": ("import_ota", "Import the history of a service from Open Terms Archive."),
    "import-warc": ("import_warc", "Import registered pages found in a WARC file as history."),
    "log": ("log", "List changes across documents, newest first."),
    "quote": ("quote", "Check a quotation against every version of a document."),
    "run": ("run", "Fetch each active document, record new versions, send the messages."),
    "schedule": ("schedule", "Stay in the foreground and run on TRACKER_SCHEDULE."),
    "status": ("status", "Each document's last check, last change and failures; next run."),
    "search": ("search", "Find a phrase in every stored version, and since when."),
    "serve": ("serve", "Browse the history in a web browser (and a JSON API), read-only."),
    "show": ("show", "Print a document as of a date (or version), with proof."),
    "subscriptions": ("subscriptions", "List the subscriptions (and validate them)."),
    "verify": ("verify", "Re-hash every stored blob, text and clause."),
}

cli.register(COMMANDS, __name__)

__all__ = ["COMMANDS", "cli", "main"]
