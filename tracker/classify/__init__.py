"""Classification, the pure core's last step: topics, severity, key facts and contradictions.

Everything here is a function of its inputs and a :class:`RuleSet` read from the rule file
(``data/rules.toml``); nothing reads files except :func:`load_rules` and
:func:`read_rule_file`, which the caller invokes, and the list of rule files checked before
that a caller may give :func:`parse_rules` (``checked``).

    load_rules / parse_rules   rules.py           the rule file, validated into frozen values
    topics_of                  topics.py          topics of a text (tried only where the
                                                  literals.py test says a pattern can match)
    topics_fingerprint         topics.py          names the topics and their code (reads the
                                                  source of the modules that find topics)
    classify_change/_diff      severity.py        topics and severity of changes (grade_change
                                                  gives the reasons)
    DiffClassifier             diff_classifier.py classify_diff under one rule set: the hook
    answer_facts               facts.py           key facts of one document, with evidence
    facts_fingerprint          facts.py           names the fact rules answers were made with
    find_contradictions        contradictions.py  documents of a service that disagree

The names from severity.py and contradictions.py are imported on first use (PEP 562): a night
with nothing new classifies no change and compares no documents, and the severity, meaning and
statement modules with their compiled patterns were most of this package's import (issue 14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.classify.diff_classifier import DiffClassifier
from tracker.classify.facts import FactAnswer, answer_facts, facts_fingerprint
from tracker.classify.rules import (
    Answer,
    Fact,
    FactRule,
    RuleSet,
    SeverityRules,
    Signal,
    Term,
    Topic,
    checked_rules_file,
    load_rules,
    parse_rules,
    read_rule_file,
)
from tracker.classify.topics import topics_fingerprint, topics_of
from tracker.lazy import names_on_first_use

if TYPE_CHECKING:
    from tracker.classify.contradictions import Contradiction, find_contradictions
    from tracker.classify.severity import Grade, classify_change, classify_diff, grade_change

#: What this package hands on from the modules that grade changes and compare documents, each
#: imported when first asked for.
_ON_FIRST_USE: dict[str, str] = {
    "Contradiction": "tracker.classify.contradictions",
    "find_contradictions": "tracker.classify.contradictions",
    "Grade": "tracker.classify.severity",
    "classify_change": "tracker.classify.severity",
    "classify_diff": "tracker.classify.severity",
    "grade_change": "tracker.classify.severity",
}


# Hidden from type checkers, which take the names from the imports above: a module
# __getattr__ makes mypy accept any name of the package, a misspelt one too.
if not TYPE_CHECKING:
    __getattr__ = names_on_first_use(__name__, _ON_FIRST_USE, globals())


__all__ = [
    "Answer",
    "Contradiction",
    "DiffClassifier",
    "Fact",
    "FactAnswer",
    "FactRule",
    "Grade",
    "RuleSet",
    "SeverityRules",
    "Signal",
    "Term",
    "Topic",
    "answer_facts",
    "checked_rules_file",
    "classify_change",
    "classify_diff",
    "facts_fingerprint",
    "find_contradictions",
    "grade_change",
    "load_rules",
    "parse_rules",
    "read_rule_file",
    "topics_fingerprint",
    "topics_of",
]
