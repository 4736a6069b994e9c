"""Preloaded first by the extraction pool's fork server: it dies with the tracker that started
it (see :mod:`tracker.run.parent_death`). Imports nothing heavy, so it takes effect at once."""

from __future__ import annotations

from tracker.run.parent_death import die_with_parent, expected_parent

die_with_parent(expected_parent())
