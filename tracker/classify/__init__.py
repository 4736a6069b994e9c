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
                                                  gives the reasons; DiffClassifier: the hook)
    answer_facts               facts.py           key facts of one document, with evidence
    facts_fingerprint          facts.py           names the fact rules answers were made with
    find_contradictions        contradictions.py  documents of a service that disagree
"""

from tracker.classify.contradictions import Contradiction, find_contradictions
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
from tracker.classify.severity import (
    DiffClassifier,
    Grade,
    classify_change,
    classify_diff,
    grade_change,
)
from tracker.classify.topics import topics_fingerprint, topics_of

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
