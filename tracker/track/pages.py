"""What extracting a page and diffing it needs from the pipeline, without its database: the
address a page's links resolve against, and the type of the change classifier hook.
:mod:`tracker.track.extraction` runs in the extraction pool's processes, which load no
database library (see :mod:`tracker.run.extraction_pool`); :mod:`tracker.track.context`
gives both to the rest of the pipeline."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from tracker.model import ClauseDiff

#: The pipeline's hook that classifies a diff's changes (topics, severity).
ChangeClassifier = Callable[[ClauseDiff], ClauseDiff]


def page_address(registered_url: str, final_url: str) -> str:
    """The address to resolve links and fragments against: the final URL after redirects,
    keeping the registered URL's ``#fragment`` (never sent to the server), which tells the
    extractor which part of a many-document page is the one registered."""
    fragment = urlsplit(registered_url).fragment
    if not fragment or urlsplit(final_url).fragment:
        return final_url
    return f"{final_url}#{fragment}"
