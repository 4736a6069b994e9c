"""The pipeline's change classifier hook, :class:`DiffClassifier`: :func:`classify_diff` under
one rule set, as a value.

It lives apart from :mod:`tracker.classify.severity` so that building one (every ``tracker
run`` does, in :class:`tracker.facts.RuleClassifier`) imports none of the severity, meaning and
statement modules and their compiled patterns: they are imported on the first diff classified,
and a night with nothing new classifies none (issue 14).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.classify.rules import RuleSet
    from tracker.model import ClauseDiff


@dataclass(frozen=True, slots=True)
class DiffClassifier:
    """:func:`~tracker.classify.severity.classify_diff` under one rule set, as a value: the
    pipeline's change classifier hook (:class:`tracker.facts.RuleClassifier` gives it). It
    pickles as the rule set and this module alone, so an extraction pool's process that
    unpickles it loads no database library (a method of the RuleClassifier pickled as that
    object, whose module loads SQLAlchemy: 0.4-0.5 s of CPU at the start of each night's
    pool); the pool's fork server imports the severity modules before it forks."""

    rules: RuleSet

    def __call__(self, diff: ClauseDiff) -> ClauseDiff:
        """Topics (from old and new text) and severity for every change of ``diff``."""
        from tracker.classify.severity import classify_diff

        return classify_diff(diff, self.rules)
