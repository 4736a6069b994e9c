"""Which tracked services and documents a page talks about (pure string matching).

- A *service* is named by its name as a whole phrase ("Together AI", any case), by its slug
  prefix ("together-ai"), or by the host of one of its documents' URLs ("together.ai").
- A *document* is named by its URL (scheme, ``www.``, query, fragment and a trailing slash
  ignored) or by its type as a whole phrase ("Privacy Policy"). A type shared by several
  services' documents names the one whose service the same text names, else all of them.

The scope of a check is the documents given (``--document``), else those of the service given
(``--service``), else those of the services the page names; a page naming none is checked
against every tracked document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from tracker.claims.model import KnownDocument
from tracker.classify.text import match_form
from tracker.errors import NotFoundError

_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def choose_scope(
    text: str,
    known: Sequence[KnownDocument],
    *,
    service: str | None = None,
    documents: Sequence[str] = (),
) -> list[KnownDocument]:
    """The documents a page's claims are checked against (see the module docstring).

    An unknown ``service`` or document slug is a :class:`NotFoundError`.
    """
    if documents:
        by_slug = {d.slug: d for d in known}
        missing = [slug for slug in documents if slug not in by_slug]
        if missing:
            raise NotFoundError(f"unknown document {missing[0]!r} (see `tracker documents`)")
        chosen = [by_slug[slug] for slug in dict.fromkeys(documents)]
        if service is not None and not any(_is_service(d, service) for d in chosen):
            raise NotFoundError(f"no document of service {service!r} among --document")
        return chosen
    if service is not None:
        chosen = [d for d in known if _is_service(d, service)]
        if not chosen:
            raise NotFoundError(f"unknown service {service!r} (see `tracker documents`)")
        return chosen
    named = services_named(text, known)
    return [d for d in known if d.service in named] if named else list(known)


def services_named(text: str, known: Iterable[KnownDocument]) -> list[str]:
    """The services ``text`` is about: the one of ``known`` it names most often, and any it
    names at least half as often (a summary of one vendor that mentions another in passing
    is about the first), most named first."""
    form = " " + match_form(text).casefold() + " "
    hosts = _hosts_in(text)
    counts: dict[str, int] = {}
    for document in known:
        if document.service in counts:
            continue
        count = sum(_count_phrase(form, name) for name in set(_service_names(document)))
        count += sum(1 for host in hosts if host == _host(document.url))
        if count:
            counts[document.service] = count
    if not counts:
        return []
    most = max(counts.values())
    return sorted((s for s, n in counts.items() if 2 * n >= most), key=lambda s: -counts[s])


def documents_named(
    text: str, candidates: Sequence[KnownDocument]
) -> list[tuple[KnownDocument, str]]:
    """The documents of ``candidates`` that ``text`` names, each with what named it."""
    urls = {_url_key(u): u for u in _URL.findall(text)}
    found: dict[str, tuple[KnownDocument, str]] = {}
    for document in candidates:
        if _url_key(document.url) in urls:
            found[document.slug] = (document, urls[_url_key(document.url)])
    form = " " + match_form(text).casefold() + " "
    by_type: dict[str, list[KnownDocument]] = {}
    for document in candidates:
        by_type.setdefault(document.type.casefold(), []).append(document)
    for type_name, documents in by_type.items():
        if any(d.slug in found for d in documents) or _find_phrase(form, type_name) < 0:
            continue
        if len(documents) > 1:
            named = [
                d for d in documents if any(_find_phrase(form, n) >= 0 for n in _service_names(d))
            ]
            documents = named or documents
        for document in documents:
            found[document.slug] = (document, document.type)
    return list(found.values())


def _is_service(document: KnownDocument, wanted: str) -> bool:
    return wanted.strip().casefold() in _service_names(document)


def _service_names(document: KnownDocument) -> tuple[str, ...]:
    name = " ".join(match_form(document.service).casefold().split())
    return (name, _NOT_SLUG.sub("-", name).strip("-"), document.slug.split("/", 1)[0])


def _find_phrase(form: str, phrase: str) -> int:
    """Where ``phrase`` occurs in ``form`` as whole words, or -1."""
    if not phrase:
        return -1
    match = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", form)
    return match.start() if match else -1


def _count_phrase(form: str, phrase: str) -> int:
    if not phrase:
        return 0
    return len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", form))


def _hosts_in(text: str) -> list[str]:
    return [_host(url) for url in _URL.findall(text)]


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").casefold()
    return host[4:] if host.startswith("www.") else host


def _url_key(url: str) -> str:
    """A URL compared without scheme, ``www.``, query, fragment or trailing slash."""
    parts = urlsplit(url.rstrip(".,;:"))
    return _host(url.rstrip(".,;:")) + (parts.path.rstrip("/") or "")
