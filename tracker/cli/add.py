"""``tracker add``: register a document from the command line.

The new ``[[documents]]`` table is appended with tomlkit, so the registry keeps its comments
and layout; the result is validated as a whole (the registry's own checks) and the page is
fetched and extracted once, as ``tracker run`` would, before anything is written.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import click

from tracker.cli.app import AppContext, pass_app
from tracker.errors import RegistryError, UsageError

#: A slug part: what the registry accepts between and around the slash.
_PART = re.compile(r"[^a-z0-9]+")
#: How many clauses are shown of what would be extracted.
SHOWN_CLAUSES = 3


@click.command("add")
@click.argument("url")
@click.option("--slug", help="service/type [default: from the URL's host and last path part].")
@click.option("--service", help="Display name of the company or product [default: from the host].")
@click.option("--type", "kind", help="Kind of document [default: from the URL's last path part].")
@click.option(
    "--select", multiple=True, metavar="CSS", help="Keep only what this matches (repeatable)."
)
@click.option("--remove", multiple=True, metavar="CSS", help="Drop what this matches (repeatable).")
@pass_app
def command(
    app: AppContext,
    url: str,
    slug: str | None,
    service: str | None,
    kind: str | None,
    select: tuple[str, ...],
    remove: tuple[str, ...],
) -> None:
    """Register the document at URL: validate it, fetch it once to show what would be
    extracted, then add it to the registry (its comments and layout kept)."""
    from tracker.cli.terminal import strip_control
    from tracker.extract import extract_bytes
    from tracker.fetch.http import build_client, fetch_page
    from tracker.registry import parse_registry
    from tracker.render.tables import clean_line

    path = app.settings.registry_path
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"invalid URL {url!r}: an http(s) address is expected")
    service_part, type_part = slug_parts(url)
    slug = slug or f"{service_part}/{type_part}"
    entry = {
        "slug": slug,
        "service": service or service_part.replace("-", " ").title(),
        "type": kind or type_part.replace("-", " ").capitalize(),
        "url": url,
        **({"select": list(select)} if select else {}),
        **({"remove": list(remove)} if remove else {}),
    }
    old_text = read_registry_text(path)
    new_text = with_document(old_text, entry)
    spec = parse_registry(new_text, path).get(slug)  # every check of the registry, and ours
    if spec is None:  # the entry just appended is there, or the registry said why not
        raise RegistryError(f"{path}: {slug!r} was not added")
    with build_client(app.settings) as client:
        page = fetch_page(
            client, url, max_bytes=app.settings.max_body_bytes, deadline=app.settings.fetch_deadline
        )
    document = extract_bytes(
        page.body,
        content_type=page.content_type,
        name=page.final_url,
        rules=spec.rules,
        base_url=page.final_url,
    )
    click.echo(f"{slug}: {clean_line(document.title or '(no title)', 100)}")
    click.echo(f"  {len(document.clauses)} clauses, text sha256 {document.text_sha256[:16]}")
    for clause in document.clauses[:SHOWN_CLAUSES]:
        click.echo(f"  | {clean_line(strip_control(clause.text), 96)}")
    write_atomically(path, new_text)
    click.echo(f"added {slug} to {path}")


def slug_parts(url: str) -> tuple[str, str]:
    """(service, type) slug parts of ``url``: the host's name below its top-level domain,
    and the last part of the path (``www.together.ai/terms-of-service`` ->
    ``together``, ``terms-of-service``); an IP address is a name as a whole
    (``127.0.0.1`` -> ``127-0-0-1``, not its third number)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    labels = [x for x in host.split(".") if x]
    name = labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")
    if _is_ip_address(host):
        name = host
    segments = [s for s in parts.path.split("/") if s]
    last = re.sub(r"\.(html?|php|aspx?)$", "", segments[-1]) if segments else "home"
    return _PART.sub("-", name.lower()).strip("-"), _PART.sub("-", last.lower()).strip("-")


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def read_registry_text(path: Path) -> str:
    """The registry's text; a new registry starts empty (its folder must exist)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise RegistryError(f"{path}: registry file not found, nor its folder") from None
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read registry: {exc}") from None


def with_document(text: str, entry: Mapping[str, object]) -> str:
    """``text`` with one more ``[[documents]]`` table at its end, the rest unchanged."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise RegistryError(f"cannot read the registry: {exc}") from None
    table = tomlkit.table()
    for key, value in entry.items():
        table.add(key, value)
    if text.strip() and not text.endswith("\n\n"):  # a blank line before it, as between tables
        table.trivia.indent = "\n" if text.endswith("\n") else "\n\n"
    documents = document.get("documents")
    if documents is None:
        documents = tomlkit.aot()
        document.append("documents", documents)
    if not isinstance(documents, tomlkit.items.AoT):
        raise RegistryError("'documents' must be an array of tables ([[documents]])")
    documents.append(table)
    return tomlkit.dumps(document)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (a crash leaves the old file or the new)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        if path.exists():
            Path(temporary).chmod(path.stat().st_mode & 0o777)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
