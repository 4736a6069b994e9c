"""Fact statements: a key fact stated as a label and a yes or a no (pure).

A label/value pair (:mod:`tracker.claims.units`) whose value starts with "Yes" or "No"
("true"/"false", ✓/✗ too) states a key fact when its label, read with the first sentence of
the value, contains every term of one of the fact's ``statements`` in the rule file
(``trains_by_default``: *training* and *by default*: "Trains on API customer data by default" /
"No"; a FAQ's "Does it train on my prompts?" / "No, not by default."). A negated label
("Does not train on customer data by default: Yes") is turned around.

A yes/no pair about a topic of the rule file (training, retention, sale...) that states no key
fact, or a label that names a key fact with a short value that is neither yes nor no, is listed
as not checked; yes/no pairs on no topic of the rule file ("Free tier: Yes", a site's own
"Verified: ✓") are not claims about a policy. Prose is never read as a fact statement: "the
docs say Together does not store inputs by default" reports what a document says; only
quoted, it is checked (as a quotation).
"""

from __future__ import annotations

import re

from tracker.claims.model import StatedFact, Unchecked
from tracker.claims.page import Page
from tracker.claims.units import Pair, pairs
from tracker.classify.rules import RuleAnswer, RuleSet
from tracker.classify.text import match_form, sentences
from tracker.classify.topics import topics_of
from tracker.vocabulary import ClaimKind

_YES_NO = re.compile(r"^\W{0,2}(?P<word>yes|no|true|false|✓|✔|✅|✗|✘|❌)(?![\w'-])", re.IGNORECASE)
_MEANS_YES = frozenset({"yes", "true", "✓", "✔", "✅"})
_NEGATED = re.compile(r"(?<![\w-])(?:not|never|no|cannot|\w+n't)(?![\w-])", re.IGNORECASE)


def find_statements(page: Page, rules: RuleSet) -> tuple[list[StatedFact], list[Unchecked]]:
    """The key facts ``page`` states, and the yes/no statements it makes that name none."""
    stated: list[StatedFact] = []
    unchecked: list[Unchecked] = []
    seen: set[tuple[int, str]] = set()
    for pair in pairs(page):
        said = yes_or_no(pair.value)
        if said is None:
            named = [f for f in rules.facts if f.stated_in(match_form(pair.label))]
            if named and _is_short(pair.value):
                names = ", ".join(f.id for f in named)
                unchecked.append(
                    Unchecked(
                        ClaimKind.FACT,
                        pair.sentence,
                        f"names a key fact ({names}) but answers neither yes nor no",
                        pair.position,
                    )
                )
            continue
        facts = [f for f in rules.facts if f.stated_in(match_form(_read(pair)))]
        if not facts:
            if topics_of(pair.label, rules):
                unchecked.append(
                    Unchecked(
                        ClaimKind.FACT,
                        pair.sentence,
                        "a yes/no statement no key fact of the rule file asks",
                        pair.position,
                    )
                )
            continue
        for fact in facts:
            if (pair.position, fact.id) in seen:
                continue
            seen.add((pair.position, fact.id))
            answer = _turned(said) if _NEGATED.search(match_form(pair.label)) else said
            stated.append(
                StatedFact(
                    fact_id=fact.id,
                    question=fact.question,
                    label=pair.label,
                    value=pair.value,
                    answer=answer,
                    sentence=pair.sentence,
                    position=pair.position,
                )
            )
    return stated, unchecked


def yes_or_no(value: str) -> RuleAnswer | None:
    """ "yes" or "no" when ``value`` starts with one (or true/false, a tick or a cross)."""
    found = _YES_NO.match(value.strip())
    if found is None:
        return None
    return "yes" if found.group("word").casefold() in _MEANS_YES else "no"


def _read(pair: Pair) -> str:
    """The label, and the first sentence of the value ("No, not by default.")."""
    first = sentences(pair.value)[0] if pair.value.strip() else ""
    return f"{pair.label} {first}"


def _is_short(value: str) -> bool:
    return len(value.split()) <= 6


def _turned(answer: RuleAnswer) -> RuleAnswer:
    return "no" if answer == "yes" else "yes"
