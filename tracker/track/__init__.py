"""Tracking one document: from a fetched page to a recorded version (or a reason not to).

- :mod:`~tracker.track.context`    what recording needs (database, settings, clock, hooks),
  the per-document result, the extraction fingerprint
- :mod:`~tracker.track.prepare`    sync the document row, read the validators, fetch once
- :mod:`~tracker.track.decide`     the pure decision: verified / suspect / failed / changed /
  re-derive, from loaded facts (no database)
- :mod:`~tracker.track.record`     one transaction per document carrying the decision out:
  blob, extraction, re-derivation, guards, version, clauses, diff, changes
- :mod:`~tracker.track.screening`  the guards fed from the database (recent fetches, versions)
- :mod:`~tracker.track.accept`     ``tracker accept``: an operator records a suspect fetch

The run that drives these for many documents at once is :mod:`tracker.run`.
"""
