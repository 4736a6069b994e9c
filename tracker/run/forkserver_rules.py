"""Preloaded by the extraction pool's fork server, after the parsers: the rule set and the
change classifier of the pool that started it, with the rule set's topic finder built, so that
every pool process forked from it starts with them (each process used to build its own topic
finder on its first page: the required literals of every topic pattern and the trie of their
strings, about 0.15 s of CPU a process).

They come in the fork server's environment (:data:`RULES_VARIABLE`: pickled, compressed,
base64), set only while the fork server starts and taken out of its environment here, so no
other process inherits them. A pool process uses them only when they are what its own pool
sends it (:func:`preloaded`, by the SHA-256 of the pickle): a fork server started by an earlier
pool of the same process (another run of ``tracker schedule``, an edited rule file) has
another rule set or none, and the process then unpickles what it is sent, as before.

The guards' text patterns (compiled on first use, not as they are imported) are compiled here
too, once, for every process forked from it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import pickle
import zlib
from typing import Any

from tracker.guard.text import compile_patterns as compile_guard_patterns

#: The fork server's environment variable holding :func:`encode`'s text.
RULES_VARIABLE = "POLICY_TRACKER_POOL_RULES"
#: A larger payload is not sent this way (an environment string is limited to 128 kB).
MAX_ENCODED = 100_000


def key_of(payload: bytes) -> str:
    """What a pool process compares to tell the preloaded objects are the ones it is sent."""
    return hashlib.sha256(payload).hexdigest()


def encode(payload: bytes) -> str | None:
    """``payload`` as the environment carries it; None when it is too large to."""
    text = base64.b64encode(zlib.compress(payload)).decode("ascii")
    return text if len(text) <= MAX_ENCODED else None


def preloaded(key: str) -> Any | None:
    """The objects unpickled in the fork server, if their pickle's key is ``key``."""
    if _preloaded is not None and _preloaded[0] == key:
        return _preloaded[1]
    return None


def _preload() -> tuple[str, Any] | None:
    text = os.environ.pop(RULES_VARIABLE, None)
    if not text:
        return None
    try:
        payload = zlib.decompress(base64.b64decode(text))
        objects = pickle.loads(payload)  # noqa: S301 - pickled by the tracker that started us
        rules = objects[0]
        if rules is not None:
            from tracker.classify.topics import topics_of

            topics_of("", rules)  # builds the topic finder, kept in the rule set's memo
        return key_of(payload), objects
    except Exception:  # the processes unpickle what they are sent instead
        return None


_preloaded = _preload()
compile_guard_patterns()
