"""Key facts in the running system: answered per version by the pipeline, kept in history.

RuleClassifier          record.py   the pipeline's classify/annotate hooks for one rule file
current_facts           history.py  each document's latest answers, with evidence
fact_changes            history.py  answers that changed between successive versions
fact_changes_of         history.py  the same for some documents and versions, in one read
contradictions_among    history.py  documents of one service answering "yes" and "no"
KeyFact, FactChange...  model.py    the value types they return
"""

from tracker.facts.history import (
    contradictions_among,
    current_facts,
    documents_facts,
    fact_changes,
    fact_changes_of,
    select_documents,
)
from tracker.facts.model import (
    DocumentFacts,
    FactChange,
    FactContradiction,
    FactStatement,
    KeyFact,
    VersionRef,
)
from tracker.facts.record import RuleClassifier

__all__ = [
    "DocumentFacts",
    "FactChange",
    "FactContradiction",
    "FactStatement",
    "KeyFact",
    "RuleClassifier",
    "VersionRef",
    "contradictions_among",
    "current_facts",
    "documents_facts",
    "fact_changes",
    "fact_changes_of",
    "select_documents",
]
