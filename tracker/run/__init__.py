"""One run over many documents: the lock, the shared work list, workers, limits, schedule.

- :mod:`~tracker.run.runner`         start or join a run, finish it, report it
- :mod:`~tracker.run.worker`         claim documents, fetch them concurrently, record them
- :mod:`~tracker.run.claims`         the run's work list in the database (SKIP LOCKED claims)
- :mod:`~tracker.run.lock`           the run lock: a lease row with a heartbeat
- :mod:`~tracker.run.concurrency`    per-host slots, delays and pauses
- :mod:`~tracker.run.due`            which documents are due (registry ``interval``)
- :mod:`~tracker.run.local_workers`  ``--workers N``: more ``tracker run --join`` processes
- :mod:`~tracker.run.scheduler`      ``tracker schedule``: a cron trigger, one run at a time

What happens to each document is :mod:`tracker.track`; the whole night (facts, run, digest,
feed) is :mod:`tracker.nightly`.
"""
