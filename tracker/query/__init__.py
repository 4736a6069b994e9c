"""Querying the stored history: the library behind ``history``, ``show``, ``diff``, ``log``,
``search``, ``quote``, ``clause``, ``verify``, ``export`` and ``export-evidence``.

Every function takes an open :class:`~sqlalchemy.orm.Session` and returns frozen value objects
(:mod:`tracker.query.model`); nothing here prints. Rendering lives in :mod:`tracker.render`.

- :mod:`~tracker.query.model`     shared value objects (document, version, fetch, provenance)
- :mod:`~tracker.query.text`      the match form of texts, LIKE patterns (pure)
- :mod:`~tracker.query.dates`     parsing dates given on the command line (day or instant)
- :mod:`~tracker.query.lookup`    documents and versions by slug, number or date (as-of rule)
- :mod:`~tracker.query.history`   a document's versions, newest first, with change summaries
- :mod:`~tracker.query.asof`      a document as it stood at a date, with the fetches proving it
- :mod:`~tracker.query.versiondiff` the clause diff between any two versions
- :mod:`~tracker.query.changelog` changes across documents, newest first, filtered
- :mod:`~tracker.query.search`    where a phrase appears, and since / until when
- :mod:`~tracker.query.quote`     is a quotation really in a document, or what is closest
- :mod:`~tracker.query.lineage`   one clause's wordings across versions
- :mod:`~tracker.query.verify`    recompute every stored hash
- :mod:`~tracker.query.export`    the whole history as JSON Lines, CSV or a folder
- :mod:`~tracker.query.evidence`  a deterministic zip proving one version
"""
