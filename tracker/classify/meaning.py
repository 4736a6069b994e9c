"""What a change does to what a text says: findings, each with a severity, a direction and a
reason a reader can check.

The two versions of a clause are split into sentences and the sentences paired (same or similar
wording); each pair is compared reading by reading (:mod:`tracker.classify.statements`), and a
sentence without a partner is judged as added or removed. What is looked for, and how it counts:

=============================================  ==================  =========================
finding                                        expands (high)      narrows (medium at most)
=============================================  ==================  =========================
a power loses / gains its negation             "we may use"        "we do not use"
a duty or right loses / gains its negation     "we will not ..."   "you can now ..."
a duty said more weakly / more firmly          "will" -> "may"     "may" -> "will"
consent model                                  opt-in -> opt-out   opt-out -> opt-in
a period, an amount, an age changes            by its context: retention longer, notice
                                               shorter, a refund window shorter, a liability
                                               cap lower, a fee higher expand; ages are high
a minimum age required in a sentence of its   high either way ("you must be at least 18 to
own, added or removed (no other says it)       view mature content" beside "under 13")
retention without end appears                  "as long as we deem necessary"
recipients, purposes, kinds of data            added to what is   removed from it (or added
                                               permitted          to what is denied)
an exception or a limit                        removed from a      added to a permission
                                               permission, added
                                               to a promise
a licence over content, a waiver, a power to   inserted            removed
change the terms at will, "without notice"
a promise or a right (sentence)                removed             added
a permission to spread data (sentence)         added               removed
=============================================  ==================  =========================

Nothing here knows about topics; :mod:`tracker.classify.severity` combines the findings with
them.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from tracker.classify.quantities import Quantity, quantities
from tracker.classify.rules import Readings
from tracker.classify.statements import (
    SCOPES,
    Claim,
    Reading,
    Stance,
    compelled,
    exception_alternatives,
    exception_spans,
    modality_strength,
    read_sentence,
    without_waiver_references,
)
from tracker.classify.text import STOPWORDS, match_form, sentences, words
from tracker.vocabulary import Direction, Severity

_KEEPING = re.compile(r"(?:retain|keep|kept|stor|hold|held|log|sav|preserv)", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|for the duration(?: of)?|as long as)\b", re.IGNORECASE)

#: Sentences at least this similar (difflib ratio over words) are two versions of one sentence.
PAIR_RATIO = 0.45
#: A sentence cut in two is read as one when the halves together are this much more similar
#: (difflib ratio) to the other side than the paired half alone.
SPLIT_GAIN = 0.1
#: A sentence whose words are this much in the other version is not really added or removed.
KEPT_WORDS = 0.8
EXCERPT_WORDS = 12
#: Letters of a scope term's word that say which word it is, whatever its form.
STEM_LETTERS = 6


#: Whether the new version still makes a promise (a claim of a reading) elsewhere.
StillMade = Callable[[Claim, Reading], bool]
#: Whether the old version already gave data to all these recipients (scope terms).
SharedBefore = Callable[[frozenset[str]], bool]
#: Whether the old version already allowed data to be passed on with this (spreading) verb.
SpreadBefore = Callable[[Claim], bool]
#: Whether the old version already collected (or kept, or used) every kind of data a sentence
#: names.
CollectedBefore = Callable[[Reading], bool]
#: Whether the old version already used people's data for every purpose a sentence names.
PurposedBefore = Callable[[Reading], bool]
#: The waivers (arbitration, class actions, jury trials...) the old version has.
WaivedBefore = Callable[[], "Waivers"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a change does to the meaning, with its grade and a one-line reason."""

    severity: Severity
    direction: Direction
    reason: str


def expands(reason: str) -> Finding:
    return Finding(Severity.HIGH, Direction.EXPANDS, reason)


def narrows(reason: str) -> Finding:
    return Finding(Severity.MEDIUM, Direction.NARROWS, reason)


def neutral(severity: Severity, reason: str) -> Finding:
    return Finding(severity, Direction.NEUTRAL, reason)


# -- a modified text -----------------------------------------------------------------------------


def modification_findings(
    old: str,
    new: str,
    readings: Readings,
    stated: StillMade | None = None,
    shared: SharedBefore | None = None,
    spread: SpreadBefore | None = None,
    collected: CollectedBefore | None = None,
    purposed: PurposedBefore | None = None,
) -> list[Finding]:
    """Findings of the change from ``old`` to ``new`` (clause texts); ``stated``: whether the
    new version still makes a promise elsewhere (:mod:`tracker.classify.restated`);
    ``shared``, ``spread``, ``collected`` and ``purposed``: what the old version already
    allowed, read for a sentence added to the clause as for a clause added whole
    (:func:`statement_findings`)."""
    old_sentences = sentences(match_form(old))
    new_sentences = sentences(match_form(new))
    old_all, new_all = " ".join(old_sentences), " ".join(new_sentences)
    pairs = pair_sentences(old_sentences, new_sentences)
    added = [
        read_sentence(b, readings)
        for (a, b), before in zip(pairs, _new_sentence_before(pairs), strict=True)
        if a is None and b is not None and not _elaborates_a_denial(b, before, readings)
    ]
    removed = [read_sentence(a, readings) for a, b in pairs if b is None and a is not None]
    findings: list[Finding] = []
    regranted = _licence_regranted(added, removed)
    if regranted is not None:
        # "The user grants LOVOO free, transferable ... rights" -> "The User grants LOVOO a
        # non-exclusive ... right of use": the licence granted again in other words, compared
        # by its terms, not one removed and one added
        was, now = regranted
        findings += _licence_term_findings(was, now, readings)
        added = [r for r in added if r is not now]
        removed = [r for r in removed if r is not was]
    added_keys = {k for r in added for c in r.promises for k in (c.key, c.kind)}
    removed_keys = {k for r in removed for c in r.promises for k in (c.key, c.kind)}
    previous: str | None = None  # the new version's sentence before this one
    for before, after in pairs:
        if before is not None and after is not None and before != after:
            findings += compare_sentences(
                read_sentence(before, readings),
                read_sentence(after, readings),
                readings,
                stated_elsewhere=(old_all, new_all),
                inherited=_inherited_stance(after, previous, readings),
            )
        previous = after if after is not None else previous
    waived_before: Waivers | None = None
    for reading in added:
        if not _mostly_in(reading.text, old_all):
            if reading.waiver:
                if waived_before is None:
                    waived_before = waivers_in(old_all, readings)
                # "The arbitrator will have authority to ..." added to a clause that already
                # sends disputes to arbitration: no new waiver
                reading = _without_held_waiver(reading, waived_before, readings)
            findings += _statement(
                reading,
                "added",
                readings,
                reworded=removed_keys,
                shared=shared,
                spread=spread,
                collected=collected,
                purposed=purposed,
            )
    findings += _split_period_findings(added, old_sentences, new_sentences, readings)
    findings += _majority_findings(old_all, new_all, old_sentences, new_sentences)
    findings += _age_threshold_findings(
        added,
        removed,
        old_sentences,
        new_sentences,
        [b for a, b in pairs if a is not None and b is not None],
        [a for a, b in pairs if a is not None and b is not None],
        readings,
    )
    for reading in removed:
        if (
            _STILL_YOURS.search(new_all)
            and reading.promises
            and all("owns?" in c.key for c in reading.promises)
        ):
            continue  # "You retain ownership of your content." -> "Your content remains yours."
        if not _mostly_in(reading.text, new_all):
            findings += _statement(reading, "removed", readings, reworded=added_keys, stated=stated)
    return findings


def _age_threshold_findings(
    added: Sequence[Reading],
    removed: Sequence[Reading],
    old_sentences: Sequence[str],
    new_sentences: Sequence[str],
    new_paired: Sequence[str],
    old_paired: Sequence[str],
    readings: Readings,
) -> list[Finding]:
    """An age threshold stated in a sentence of its own, added to or removed from a clause, at
    an age the clause's other version does not state: "No one under 13 may use the Services."
    + "You must be at least 18 to view mature content." changes who may use what as "13" ->
    "18" inside one sentence does (an age changed is high, whichever way). An age its own
    version also states in a sentence paired with one of the other version is no threshold of
    its own: either both versions state it, or it changed inside that sentence and is said
    there ("13" -> "16" and "Users in the EEA must be 16" added: one age changed, not also one
    added). ``new_paired`` and ``old_paired``: each version's sentences that have a partner."""
    findings: list[Finding] = []
    for side, readings_of, others in (
        ("added", added, [*old_sentences, *new_paired]),
        ("removed", removed, [*new_sentences, *old_paired]),
    ):
        ages = [
            q
            for r in readings_of
            if _MINIMUM_AGE.search(r.text)
            for q in r.quantities
            if q.kind == "age"
        ]
        if not ages:
            continue  # an age named, not one required: "consumers under 16", "parents of ..."
        other_text = " ".join(others)
        other_ages = [
            q.value
            for sentence in others
            for q in read_sentence(sentence, readings).quantities
            if q.kind == "age"
        ]
        for age in ages:
            if any(_same_value(age.value, value) for value in other_ages):
                continue
            if re.search(rf"(?<![\d.]){age.value:g}(?![\d.])", other_text):
                continue  # said there in words the age reader does not take ("(16 in the EEA)")
            findings.append(neutral(Severity.HIGH, f"age threshold {side}: {age.describe()}"))
            break
    return findings


def _majority_findings(
    old: str, new: str, old_sentences: Sequence[str], new_sentences: Sequence[str]
) -> list[Finding]:
    """The age of majority added to or dropped from a minimum age both versions require ("You
    must be 18" -> "You must be 18 or the age of majority where you live"): where majority
    comes later than the number, who may use the service changes, as when the number itself
    changes (high). Added, the bar rises there (narrows); dropped, it falls (expands)."""
    if not (_MINIMUM_AGE.search(old) and _MINIMUM_AGE.search(new)):
        return []
    before, after = _majority_in_an_age_rule(old_sentences), _majority_in_an_age_rule(new_sentences)
    if after and not before:
        return [
            Finding(
                Severity.HIGH,
                Direction.NARROWS,
                "age threshold raised: or the age of majority, where later",
            )
        ]
    if before and not after:
        return [
            Finding(
                Severity.HIGH,
                Direction.EXPANDS,
                "age threshold lowered: the age of majority dropped",
            )
        ]
    return []


#: The age at which people come of age where they live, given as the alternative to a number
#: of years ("18, or the age of majority in your province").
_MAJORITY = re.compile(
    r"\bor\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:age of (?:legal )?majority|(?:full )?legal age)\b",
    re.IGNORECASE,
)
#: What makes a sentence naming an age a rule on who may use the service.
_AGE_RULE = re.compile(
    r"\b(?:must|may not|shall not|cannot|can't|can’t|required|permitted|eligible|only)\b",
    re.IGNORECASE,
)


def _majority_in_an_age_rule(sentences_of_a_clause: Sequence[str]) -> bool:
    """Whether a sentence sets an age in years with the age of majority as its alternative ("You
    must be 18, or the age of majority where you live"), not one naming majority alone ("If you
    are under the age of majority, your parent must agree", "its age of majority rules")."""
    return any(
        _MAJORITY.search(sentence)
        and re.search(r"\d", sentence)
        and (_MINIMUM_AGE.search(sentence) or _AGE_RULE.search(sentence))
        for sentence in sentences_of_a_clause
    )


#: A minimum age required of people ("you must be at least 18", "users must be 16 or older",
#: "the minimum age is 13"), not an age only named ("consumers under 16", "parents of children
#: under 13", "users between 13 and 17").
_MINIMUM_AGE = re.compile(
    r"\b(?:must|need to|needs to|have to|has to|(?:are|is) required to|shall)\s+be\s+"
    r"(?:at least\s+|over\s+|older than\s+|aged\s+)?\d"
    r"|\bat least\s+\d{1,2}\b"
    r"|\b\d{1,2}\s*(?:years?(?:\s+of\s+age|\s+old)?\s+)?(?:or|and)\s+(?:older|over|above)\b"
    r"|\bminimum age\b",
    re.IGNORECASE,
)


#: A sentence that only lists what the one before it covers: "This includes verifying your
#: age, ...", "These may include ...", "For example, ...": its terms count as that one's.
_ELABORATION = re.compile(
    r"^[\s\"'“*_]*(?:(?:this|these|such (?:use|uses|processing|purposes?))\s+(?:(?:may|can|"
    r"could|will|also|generally|typically)\s+)*(?:includes?|including|involves?)\b|"
    r"(?:for example|for instance|e\.g\.)[,:]?\s)",
    re.IGNORECASE,
)


def same_claims(old: str, new: str, readings: Readings) -> bool:
    """Whether each sentence of ``new`` (a clause text) makes the claims of its counterpart in
    ``old``: paired one to one, each with claims, the same verbs of the same kind, denied or
    not alike, qualified alike ("Your data will never be sold" -> "is never sold", "We do not
    sell" -> "We do not and will not sell"; not "... without your consent"); how firmly each is
    said is compared by :func:`compare_sentences`."""
    pairs = pair_sentences(sentences(match_form(old)), sentences(match_form(new)))
    if not pairs:
        return False
    for before, after in pairs:
        if before is None or after is None:
            return False
        said = [_what_is_said(read_sentence(s, readings)) for s in (before, after)]
        if not said[0][0] or said[0] != said[1]:
            return False
    return True


def _what_is_said(reading: Reading) -> tuple[object, ...]:
    """A sentence's claims (verb, kind, denied, said as a fact or a commitment alike: "is
    never sold" and "will never be sold"; not "will retain" and "may retain") and everything
    that qualifies them (consent, exceptions, conditions, limits, scope, quantities...)."""
    return (
        frozenset((c.key, c.kind, c.negated, _FIRMNESS[c.modality]) for c in reading.claims),
        reading.opt_in,
        reading.opt_out,
        reading.exceptions,
        reading.exception_items,
        reading.conditions,
        reading.limiters,
        reading.indefinite,
        tuple(sorted(reading.scope.items())),
        reading.sensitive,
        reading.licence,
        reading.waiver,
        reading.unilateral,
        reading.without_notice,
        reading.at_will,
        tuple((q.kind, q.value) for q in reading.quantities),
        reading.compelled,
    )


#: How firmly a claim is said, a fact and a commitment alike.
_FIRMNESS = {"plain": "firm", "binding": "firm", "permissive": "permissive", "effort": "effort"}


def _inherited_stance(sentence: str, previous: str | None, readings: Readings) -> Stance:
    """The stance ``sentence`` takes from the sentence before it when it only elaborates on
    it ("We use information to keep users safe. This includes verifying your age."); "none"
    otherwise."""
    if previous is None or _ELABORATION.match(sentence) is None:
        return "none"
    reading = read_sentence(previous, readings)
    spans = exception_spans(previous, readings)
    if reading.stance == "denies" and spans and not previous[spans[-1][1] :].strip(" .!?"):
        last = previous[spans[-1][0] : spans[-1][1]].lower()
        if any(t in last for name in ("recipients", "purposes") for t in reading.scope[name]):
            # "We do not share it, except with our service providers. These include ...": the
            # list names whom the exception lets through ("..., unless you opt in. This
            # includes your chats" still lists what is denied)
            return "permits"
    return reading.stance


#: The company speaking of itself: a sentence that does forbids users nothing ("You may not
#: ..., but we may ...").
_COMPANY_SPEAKS = re.compile(r"\b(?:we|we'll|we've|we're|us)\b", re.IGNORECASE)


def _elaborates_a_denial(sentence: str, previous: str | None, readings: Readings) -> bool:
    """Whether ``sentence`` only lists what the one before it forbids users ("You must not
    misuse the Services. This includes selling personal data you obtain from them to data
    brokers.": the users' conduct, no practice of the company's) or what it denies the company
    ("We do not sell your data. This includes selling it to data brokers."): it permits
    nothing."""
    if previous is None or _ELABORATION.match(sentence) is None:
        return False
    forbids_users = readings.search("prohibition_sections", previous) is not None
    return (forbids_users and not _COMPANY_SPEAKS.search(previous)) or _inherited_stance(
        sentence, previous, readings
    ) == "denies"


def _new_sentence_before(pairs: Sequence[tuple[str | None, str | None]]) -> list[str | None]:
    """For each pair, the new version's sentence before its own (None for the first): each
    copy of a repeated sentence has its own."""
    found: list[str | None] = []
    last: str | None = None
    for _, new in pairs:
        found.append(last)
        if new is not None:
            last = new
    return found


def pair_sentences(old: Sequence[str], new: Sequence[str]) -> list[tuple[str | None, str | None]]:
    """The sentences of two versions in order, paired when they are versions of one another."""
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    pairs: list[tuple[str | None, str | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        pairs += _pair_block(list(old[i1:i2]), list(new[j1:j2]))
    return _joined_splits(pairs)


def _joined_splits(
    pairs: list[tuple[str | None, str | None]],
) -> list[tuple[str | None, str | None]]:
    """A sentence cut in two ("..., and is used for ads." -> "... . This data is used for
    ads.") or two sentences joined in one: the half left unpaired joins its neighbour's pair
    when it goes on from the sentence before it ("This data", "It", "Such ...") and the two
    halves together read more like the other side than the paired half alone. A sentence that
    starts anew ("Your contacts may be accessed ...") says something of its own: it stays
    added or removed, to be read by itself."""
    joined = list(pairs)
    k = 0
    while k < len(joined) - 1:
        (a, b), (c, d) = joined[k], joined[k + 1]
        merged = _join_pair(a, b, c, d)
        if merged is None:
            k += 1
            continue
        joined[k : k + 2] = [merged]
    return joined


#: Openings of a sentence that goes on from the one before it.
_GOES_ON = re.compile(
    r"[\"'(\[]*(?:this|these|that|those|it|they|such|said|after that|afterwards|thereafter|then)\b",
    re.IGNORECASE,
)


def _join_pair(
    a: str | None, b: str | None, c: str | None, d: str | None
) -> tuple[str, str] | None:
    """(a, b) and (c, d) as one pair, when one of them is a pair and the other an unpaired
    sentence that goes on from the one before it on its side; else None."""
    if a is not None and b is not None and c is None and d is not None:
        paired, whole, second, other = (a, b), (a, f"{b} {d}"), d, a  # new side: b, then d
    elif a is not None and b is not None and c is not None and d is None:
        paired, whole, second, other = (a, b), (f"{a} {c}", b), c, b  # old side: a, then c
    elif a is None and b is not None and c is not None and d is not None:
        paired, whole, second, other = (c, d), (c, f"{b} {d}"), d, c  # new side: b, then d
    elif a is not None and b is None and c is not None and d is not None:
        paired, whole, second, other = (c, d), (f"{a} {c}", d), c, d  # old side: a, then c
    else:
        return None
    if not _GOES_ON.match(second):
        return None
    if _mostly_in(second, other):  # "After that we delete it." -> "..., and delete it after that."
        return whole
    return whole if _ratio(*whole) >= _ratio(*paired) + SPLIT_GAIN else None


def _pair_block(old: list[str], new: list[str]) -> list[tuple[str | None, str | None]]:
    """Pair the sentences of a replaced stretch greedily, most similar first, in order."""
    scores = sorted(
        ((_pair_score(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)),
        reverse=True,
    )
    matched: dict[int, int] = {}
    for score, i, j in scores:
        if score < PAIR_RATIO:
            break
        if i in matched or j in matched.values():
            continue
        if any((i < a) != (j < b) for a, b in matched.items()):
            continue  # keep reading order
        matched[i] = j
    pairs: list[tuple[str | None, str | None]] = []
    j_next = 0
    for i, sentence in enumerate(old):
        if i in matched:
            pairs += [(None, new[j]) for j in range(j_next, matched[i])]
            pairs.append((sentence, new[matched[i]]))
            j_next = matched[i] + 1
        else:
            pairs.append((sentence, None))
    pairs += [(None, new[j]) for j in range(j_next, len(new))]
    return pairs


#: A sentence of at least this many words kept whole, in order, inside a longer one: the
#: longer one is that sentence extended ("... under the age of 13." -> "... under the age of 13,
#: the age of 16 in Australia, or the minimum age required in your country ...").
EXTENDED_WORDS = 6
#: The share of the shorter sentence's words the longer one keeps in order, for that.
EXTENDED_KEPT = 0.9


def _pair_score(a: str, b: str) -> float:
    """How much two sentences are versions of one another: their similarity, or just enough
    to pair when one is the other extended (however much longer it grew)."""
    ratio = _ratio(a, b)
    return max(ratio, PAIR_RATIO) if ratio < PAIR_RATIO and _extends(a, b) else ratio


def _extends(a: str, b: str) -> bool:
    """Whether the longer of two sentences keeps the shorter one's words, in order."""
    short, long = sorted((words(a), words(b)), key=len)
    if len(short) < EXTENDED_WORDS:
        return False
    pool = set(long)  # most pairs part here, without the quadratic matcher
    if sum(w in pool for w in short) < EXTENDED_KEPT * len(short):
        return False
    matcher = difflib.SequenceMatcher(a=short, b=long, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return kept >= EXTENDED_KEPT * len(short)


def versions_of_one_sentence(a: str, b: str) -> bool:
    """Whether two sentences are similar enough to be read as versions of one another."""
    return _ratio(a, b) >= PAIR_RATIO


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=words(a), b=words(b), autojunk=False).ratio()


def _mostly_in(sentence: str, other: str) -> bool:
    own = words(sentence)
    if not own:
        return True
    pool = set(words(other))
    return sum(w in pool for w in own) / len(own) >= KEPT_WORDS and len(own) > 3


# -- two versions of one sentence ---------------------------------------------------------------


def compare_sentences(
    old: Reading,
    new: Reading,
    readings: Readings,
    stated_elsewhere: tuple[str, str] = ("", ""),
    inherited: Stance = "none",
) -> list[Finding]:
    """What changed between two versions of one sentence; ``stated_elsewhere``: the whole old
    and new texts the two sentences are part of (a period that left this sentence for another
    one of the clause was not removed); ``inherited``: the stance of the sentence before,
    when this one only elaborates on it (:func:`_inherited_stance`)."""
    consent = _consent_findings(old, new, readings, stated_elsewhere)
    claims = _claim_findings(old, new, readings, stated_elsewhere[0])
    if consent:  # the opt-out right or the consent asked for is the consent change itself
        claims = [f for f in claims if not _about_consent(f.reason, readings)]
    rationed = _rationed_right_findings(old, new) + _weakened_right_findings(old, new)
    # "once a year" said of a right is how often, not a period of its own
    counted = _quantity_findings(old, new, readings, stated_elsewhere, how_often=bool(rationed))
    return [
        *claims,
        *consent,
        *rationed,
        *counted,
        *_scope_findings(old, new, inherited, readings),
        *_listed_recipient_findings(old, new, inherited),
        *_safeguard_findings(old.text, new.text, readings),
        *_quality_findings(old, new, readings),
        *_judgment_findings(old, new, readings),
        *_open_list_findings(old, new, readings),
        *_closed_list_findings(old, new, readings),
        *_inapplicable_findings(old, new, readings),
        *_legal_basis_findings(old, new, readings),
        *_default_findings(old, new, readings),
        *_threshold_findings(old, new, readings),
        # "unless you opt out" is consent
        *([] if consent else _exception_findings(old, new, readings)),
        *_inserted_findings(old, new, readings, stated_elsewhere[1]),
        *_liability_findings(old, new),
        *_parental_findings(old, new),
        *_compulsion_findings(old, new, readings, stated_elsewhere[1]),
        *_licence_term_findings(old, new, readings),
        *_law_only_findings(old, new),
    ]


def _law_only_findings(old: Reading, new: Reading) -> list[Finding]:
    """A promise or right made to hold only where the law requires it ("We will notify you" ->
    "Where required by law, we will notify you"): the company is bound to nothing beyond the
    law. Not a power so limited (that narrows it), nor a promise that held so before."""
    if _LAW_ONLY.search(new.text) is None or _LAW_ONLY.search(old.text) is not None:
        return []
    kept = {c.key for c in old.promises if c.kind != "power"}
    held = [c for c in new.promises if c.kind != "power" and c.key in kept]
    if not held:
        return []
    return [expands(f"promise held only where the law requires: '{held[0].phrase}'")]


#: A condition that makes what it governs hold only where the law demands it.
_LAW_ONLY = re.compile(
    r"\b(?:where|when|if|as|to the extent|insofar as)\s+(?:(?:legally|lawfully)\s+required"
    r"|required\s+(?:by|under)\s+(?:(?:applicable|the|local|relevant)\s+)?laws?"
    r"|(?:(?:applicable|the|local)\s+)?laws?\s+requires?)\b",
    re.IGNORECASE,
)


def _licence_regranted(
    added: Sequence[Reading], removed: Sequence[Reading]
) -> tuple[Reading, Reading] | None:
    """The licence sentence a clause lost and the one it gained, when it did both: the same
    grant said again (the first of each)."""
    was = next((r for r in removed if r.licence), None)
    now = next((r for r in added if r.licence), None)
    return None if was is None or now is None else (was, now)


def _licence_term_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """A licence over people's content whose terms take more ("non-exclusive" -> "exclusive",
    "revocable" -> "irrevocable", "perpetual" added) is widened; one whose terms take less is
    narrowed. Terms reordered are the same licence."""
    if not (old.licence and new.licence):
        return []
    before, after = _licence_terms(old.text, readings), _licence_terms(new.text, readings)
    gained = [after[p] for p in after if p not in before]
    lost = [before[p] for p in before if p not in after]
    if gained:
        return [expands(f"licence over your content widened: {', '.join(gained[:3])}")]
    if lost:
        return [narrows(f"licence over your content narrowed: no longer {', '.join(lost[:3])}")]
    return []


def _licence_terms(text: str, readings: Readings) -> dict[str, str]:
    """The rule file's ``licence_terms`` a sentence holds, each pattern with the words found."""
    found = ((p, regex.search(text)) for p, regex in readings.each("licence_terms"))
    return {p: m.group(0).lower() for p, m in found if m is not None}


def _compulsion_findings(
    old: Reading, new: Reading, readings: Readings, new_all: str
) -> list[Finding]:
    """A disclosure the law compelled now made without it ("when required by law" -> "whenever
    they ask", or nothing said): data goes out on request, not only under legal process. Not
    when the new clause still says the compulsion elsewhere."""
    if not old.compelled or new.compelled or not any(c.spreading for c in new.powers):
        return []
    if readings.search("compelled", new_all) is not None:
        return []
    return [expands(f"disclosure no longer limited to what the law compels: '{shorten(new.text)}'")]


#: An age limit a parent can lift: "(at least 16) to use the Services without parental
#: approval", "unless your parent or guardian consents", "with the consent of a parent".
_PARENT_LIFTS = re.compile(
    r"\bwithout\s+(?:(?:the|a|your)\s+)?(?:parental|parents?['’]?s?|guardians?['’]?s?|"
    r"(?:a |your )?parent(?:['’]s)? or (?:legal )?guardian(?:['’]s)?)\s+"
    r"(?:approval|consent|permission|authori[sz]ation|agreement)"
    r"|\bunless\s+(?:(?:a|your|their)\s+)?(?:parent|guardian)\w*(?:\s+or\s+(?:legal\s+)?guardian)?"
    r"\s+(?:\w+\s+){0,2}(?:consents?|agrees?|approves?|permits?)"
    r"|\bwith\s+(?:the\s+)?(?:consent|approval|permission|authori[sz]ation)\s+of\s+"
    r"(?:(?:a|your|their)\s+)?(?:parent|guardian)",
    re.IGNORECASE,
)


def _parental_findings(old_reading: Reading, new_reading: Reading) -> list[Finding]:
    """An age limit that a parent's approval now lifts lets younger people in: "you must be at
    least 16 years old to use our Services" -> "... to use our Services without parental
    approval" (those under 16 may use them with it). The other way round narrows. A parent's
    approval that comes with a new, higher age lifts no limit: it is asked of older people
    ("at least 13 ..., and if you are under 18 only with the permission of your parent")."""
    old, new = old_reading.text, new_reading.text
    old_ages = [q for q in old_reading.quantities if q.kind == "age"]
    new_ages = [q for q in new_reading.quantities if q.kind == "age"]
    if not (old_ages and new_ages):
        return []
    before, after = _PARENT_LIFTS.search(old), _PARENT_LIFTS.search(new)
    if after is not None and before is None and not _older_named(new_ages, new, old_ages, old):
        return [expands(f"age limit lifted with a parent's approval: '{after.group(0)}'")]
    if before is not None and after is None and not _older_named(old_ages, old, new_ages, new):
        return [narrows(f"age limit no longer lifted by a parent's approval: '{before.group(0)}'")]
    return []


def _older_named(
    these: Sequence[Quantity], text: str, those: Sequence[Quantity], other: str
) -> bool:
    """Whether ``text`` names people older than any age ``other`` names (a higher age, minors,
    the age of majority), to whom a parent's approval there applies."""
    under = [float(m.group(1)) for m in _UNDER_AN_AGE.finditer(text)]
    if max([a.value for a in these] + under) > max(a.value for a in those):
        return True
    return _MINORS.search(text) is not None and _MINORS.search(other) is None


#: People under the age of majority, older than a service's lowest age.
_MINORS = re.compile(r"\b(?:minors?|age of majority)\b", re.IGNORECASE)
#: People under an age, said with the number alone ("if you are under 18 you may ...").
_UNDER_AN_AGE = re.compile(r"\b(?:under|below|younger than)\s+(?:the age of\s+)?(\d{1,2})\b")


#: How often a user may do something: "once a year", "twice per month", "3 times a day".
_HOW_OFTEN = re.compile(
    r"\b(?:once|twice|(?:\d+|one|two|three|four|five|six|ten|twelve) times?)\s+(?:a|an|per|each|"
    r"every|in any|in a)\s+(?:(?:calendar|single|given|rolling)\s+)?(?:days?|weeks?|months?|"
    r"quarters?|years?|\d+\s+(?:days|weeks|months|years))\b",
    re.IGNORECASE,
)
#: How far after a right's verb its own frequency or extent is looked for.
RIGHT_REACH = 60
_RELATIVE = re.compile(r"\b(?:which|that|who|whom|but|although|however)\b|[;,]", re.IGNORECASE)


def _after_right(reading: Reading, claim: Claim) -> str:
    """A right's verb and the words right after it, up to a relative clause, a comma or
    :data:`RIGHT_REACH` characters: where what limits that right is said ("get a full
    refund", "delete all of your data", "export your data once a year")."""
    window = reading.text[claim.start : claim.end + RIGHT_REACH]
    cut = _RELATIVE.search(window)
    return window[: cut.start()] if cut else window


def _kept_rights(old: Reading, new: Reading) -> tuple[Claim, Claim] | None:
    """The first right each sentence grants, or None when either grants none."""
    before = next((c for c in old.claims if c.kind == "right" and not c.negated), None)
    after = next((c for c in new.claims if c.kind == "right" and not c.negated), None)
    return None if before is None or after is None else (before, after)


def _rationed_right_findings(old: Reading, new: Reading) -> list[Finding]:
    """A right the user keeps but may now use only so often ("You can export your data at any
    time" -> "... once a year": expands), or no longer only so often (narrows)."""
    kept = _kept_rights(old, new)
    if kept is None:
        return []
    before = _HOW_OFTEN.search(_after_right(old, kept[0]))
    after = _HOW_OFTEN.search(_after_right(new, kept[1]))
    if after is not None and before is None:
        return [expands(f"right rationed: '{kept[1].phrase}' {after.group(0)}")]
    if before is not None and after is None:
        return [narrows(f"right no longer rationed: was {before.group(0)}")]
    return []


#: Words that say a right in full, and the weaker words that can replace them: "a full
#: refund" -> "a partial refund", "delete all of your data" -> "delete some of your data".
_WEAKER = (
    ("full", re.compile(r"\b(?:partial|prorated|pro-rated|pro rata|limited)\b", re.I)),
    ("all", re.compile(r"\b(?:some|certain|most|parts?)\b", re.I)),
    ("complete", re.compile(r"\b(?:partial|limited)\b", re.I)),
)


def _weakened_right_findings(old: Reading, new: Reading) -> list[Finding]:
    """A right kept in the new sentence with a weaker word for how much of it ("a full refund"
    -> "a partial refund"): expands; the other way round, narrows."""
    kept = _kept_rights(old, new)
    if kept is None:
        return []
    old_window, new_window = _after_right(old, kept[0]), _after_right(new, kept[1])
    old_words, new_words = set(words(old_window)), set(words(new_window))
    for strong, weaker in _WEAKER:
        was, now = weaker.search(old_window), weaker.search(new_window)
        if (was is None) == (now is None) or (strong in old_words) == (strong in new_words):
            continue
        if now is not None and strong in old_words:
            return [expands(f"right weakened: {strong} -> {now.group(0)}")]
        if was is not None and strong in new_words:
            return [narrows(f"right strengthened: {was.group(0)} -> {strong}")]
    return []


def _liability_findings(old: Reading, new: Reading) -> list[Finding]:
    if new.liability_excluded and not old.liability_excluded:
        reason = f"company's liability now excluded: '{shorten(new.text)}'"
        return [Finding(Severity.MEDIUM, Direction.EXPANDS, reason)]
    if old.liability_excluded and not new.liability_excluded:
        return [narrows(f"company's liability no longer excluded: '{shorten(new.text)}'")]
    return []


def _claim_findings(
    old: Reading, new: Reading, readings: Readings, old_clause: str = ""
) -> list[Finding]:
    """What changed in the claims of two versions of one sentence; ``old_clause``: the old
    clause the sentence was part of."""
    findings: list[Finding] = []
    old_claims = _by_key(old)
    new_claims = _by_key(new)
    for key in sorted(
        old_claims.keys() & new_claims.keys(), key=lambda k: old.claims.index(old_claims[k])
    ):
        before, after = old_claims[key], new_claims[key]
        if before.kind != after.kind:
            findings += _holder_findings(before, after)
            continue
        if before.negated != after.negated:
            gained = after.protects
            what = f"'{before.phrase}' -> '{after.phrase}'"
            if before.kind == "power":
                findings.append(
                    narrows(f"now denied: {what}")
                    if gained
                    else expands(f"negation removed: {what}")
                )
            else:
                findings.append(
                    narrows(f"now granted: {what}") if gained else expands(f"now denied: {what}")
                )
        elif before.kind in ("duty", "right") and not before.negated:
            strength = modality_strength(after.modality) - modality_strength(before.modality)
            what = f"'{before.phrase}' -> '{after.phrase}'"
            if (
                strength < 0
                and before.modality in ("binding", "plain")
                and not (before.modality == "binding" and after.modality == "plain")
            ):
                findings.append(expands(f"{_noun(before)} weakened: {what}"))
            elif strength > 0 and after.modality == "binding":
                findings.append(narrows(f"{_noun(before)} made firm: {what}"))
        elif before.kind == "power" and before.negated:
            # "We will not use it for training" -> "We try not to use it": the promise no longer
            # binds, as a duty made an effort
            what = f"'{before.phrase}' -> '{after.phrase}'"
            if after.modality == "effort" and before.modality != "effort":
                findings.append(expands(f"promise made an effort: {what}"))
            elif before.modality == "effort" and after.modality != "effort":
                findings.append(narrows(f"promise made firm: {what}"))
    findings += _appeared_and_vanished(old, new, old_claims, new_claims, readings, old_clause)
    return _first_of_each(findings)


#: A duty denied only for some cases: "we may not always provide prior notice", "will not
#: necessarily notify you".
_NOT_ALWAYS = re.compile(
    r"\b(?:not|n't) (?:always|necessarily|in (?:all|every) cases?)\b", re.IGNORECASE
)
#: At will, beyond "without notice" (a power used for a stated cause without notice is not).
_AT_WILL = re.compile(
    r"\bat any time\b|\bfor any (?:or no )?reason\b|"
    r"\b(?:sole|absolute)(?: and absolute)? discretion\b",
    re.IGNORECASE,
)
#: Data kept in a form that protects people ("indefinitely in anonymized form").
_PROTECTED = re.compile(r"\b(?:anonymi[sz]|aggregat|de-?identif|pseudonymi[sz])", re.IGNORECASE)
#: Data said to stay where it is, with no company verb ("a copy remains accessible", "your
#: messages remain stored", "copies may persist on our servers"): kept all the same.
_PERSISTS = re.compile(
    r"\b(?:remains?|remained|persists?|stays?|continues? to be) (?:[\w'-]+ ){0,3}?"
    r"(?:stored|saved|kept|retained|accessible|available|visible|on (?:our|its|the) servers)\b"
    r"|\bcop(?:y|ies)\b[^.]{0,40}\b(?:remains?|persists?|stays?)\b",
    re.IGNORECASE,
)
#: What the company keeps named by a word that points back to the data of the sentence before
#: ("We also log full IP addresses used to sign up. We keep this record forever", Basecamp's
#: privacy policy of 2020): no data word of its own, kept all the same. The reader keeping
#: a copy ("You may keep them forever") is not the company keeping one, nor is "it" held in a
#: state ("we will hold it at that rate forever"): the words after the thing kept say how,
#: how long or why, or the sentence's part ends.
_RECORD_KEPT = re.compile(
    r"\b(?:we|(?!You\b|Users?\b|Customers?\b|Members?\b|Visitors?\b)[A-Z]\w+) "
    r"(?:also |will |may )?(?:keep|retain|store|hold|save|preserve|log)s? "
    r"(?:(?:this|these|that|those|such|the) (?:records?|logs?|cop(?:y|ies)|entries|details)"
    r"|it|them)\b"
    r"(?=\s*(?:$|[.,;:)]|(?:\w+ly|forever|for|until|as|after|because|so|in|on|and|or"
    r"|unless)\b))"
)
#: What people own said without a verb of theirs.
_STILL_YOURS = re.compile(
    r"\b(?:remains?|is|are|stays?) (?:yours|your (?:own )?property)\b|\bbelongs? to you\b|"
    r"\bowned by you\b",
    re.IGNORECASE,
)


def _holder_findings(before: Claim, after: Claim) -> list[Finding]:
    """The same verb over people's data, said of the other party: what people could do is now
    the company's ("You own your outputs" -> "We own your outputs"), or the other way round."""
    if before.negated or after.negated or not (before.on_data and after.on_data):
        return []
    if not (before.anchored and after.anchored):
        return []  # "Your subscription may be terminated from your settings": nobody named
    what = f"'{before.phrase}' -> '{after.phrase}'"
    if before.kind == "right" and after.kind == "power":
        return [expands(f"right taken over by the company: {what}")]
    if before.kind == "power" and after.kind == "right":
        return [narrows(f"power given to people: {what}")]
    return []


def _first_of_each(findings: list[Finding]) -> list[Finding]:
    """One finding per kind of reason ("negation removed", "commitment weakened"...)."""
    seen: set[str] = set()
    kept = []
    for finding in findings:
        kind = finding.reason.split(":", 1)[0]
        if kind not in seen:
            seen.add(kind)
            kept.append(finding)
    return kept


def _appeared_and_vanished(
    old: Reading,
    new: Reading,
    old_claims: dict[str, Claim],
    new_claims: dict[str, Claim],
    readings: Readings,
    old_clause: str = "",
) -> list[Finding]:
    """Promises that vanished with nothing in their place; spreading powers that appeared (not
    a verb that only passes data on where the sentence already passed it on: "share" ->
    "disclose", "share and disclose"; nor one that another sentence of the old clause already
    granted, moved into this one: "..., and we may transfer your information to our
    affiliates. In the event of such an assignment, ..." -> "... In the event of such an
    assignment, we will only transfer your information in compliance with applicable laws";
    who receives it is read apart, as its recipients)."""
    findings: list[Finding] = []
    gone = [c for k, c in old_claims.items() if k not in new_claims and c.protects]
    if _STILL_YOURS.search(new.text):  # "You own your content." -> "Your content remains yours."
        gone = [c for c in gone if "owns?" not in c.key]
    if gone and len(new.promises) < len(old.promises):
        findings.append(_promise_loss(gone, gone[0].phrase, old, readings))
    came = [c for k, c in new_claims.items() if k not in old_claims and c.protects]
    if (
        came and old_clause
    ):  # "... advertisers. We do not sell it." -> "..., and we do not sell it."
        made = _promised_in_other_sentences(old_clause, old.text, readings)
        came = [c for c in came if c.key not in made]
    if came and len(new.promises) > len(old.promises):
        findings.append(narrows(f"{_noun(came[0])} added: '{came[0].phrase}'"))
    spread = [c for k, c in new_claims.items() if k not in old_claims and c.spreading]
    if any(c.spreading and not c.negated and _passes(c, readings) for c in old.claims):
        spread = [c for c in spread if not _passes(c, readings)]
    if spread and old_clause:
        granted = _spread_in_other_sentences(old_clause, old.text, readings)
        spread = [c for c in spread if c.key not in granted]
    if spread and not spread[0].negated and len(new.powers) >= len(old.powers):
        findings.append(expands(f"new use: '{spread[0].phrase}'"))
    elif len(new.powers) > len(old.powers):  # "data you provide or we access through ..."
        more = [c for k, c in new_claims.items() if k not in old_claims and c in new.powers]
        if more and more[0].on_data:
            term = defined_term(new.text)
            if term is not None:  # the wider meaning reaches every sentence using the term
                findings.append(expands(f"definition of '{term}' widened: '{more[0].phrase}'"))
            else:
                reason = f"new power over data: '{more[0].phrase}'"
                findings.append(Finding(Severity.MEDIUM, Direction.EXPANDS, reason))
    return findings


def _promised_in_other_sentences(clause: str, sentence: str, readings: Readings) -> frozenset[str]:
    """The promises (their verbs' keys) that sentences of ``clause`` other than ``sentence``
    make: joined into this one, they are no new promise."""
    return frozenset(
        c.key
        for other in sentences(clause)
        if other != sentence and other.strip()
        for c in read_sentence(other, readings).promises
    )


def _spread_in_other_sentences(clause: str, sentence: str, readings: Readings) -> frozenset[str]:
    """The spreading powers (their verbs' keys) that sentences of ``clause`` other than
    ``sentence`` grant, not denied."""
    return frozenset(
        c.key
        for other in sentences(clause)
        if other != sentence and other.strip()
        for c in read_sentence(other, readings).claims
        if c.spreading and not c.negated
    )


def _passes(claim: Claim, readings: Readings) -> bool:
    """Whether the claim's verb only passes data to others (the rule file's ``passing``)."""
    found = readings.search("passing", claim.verb)
    return found is not None and found.group(0) == claim.verb


def _by_key(reading: Reading) -> dict[str, Claim]:
    """Each verb of the sentence by its key: its first saying, passing over an aside where the
    verb is said again outside one (see :func:`_aside`)."""
    found: dict[str, Claim] = {}
    for claim in reading.claims:
        first = found.get(claim.key)
        if first is None or (_aside(first, reading.text) and not _aside(claim, reading.text)):
            found[claim.key] = claim
    return found


def _aside(claim: Claim, text: str) -> bool:
    """Whether the claim is said in a clause that asks or concedes ("regardless of whether an
    Action is using self-hosted runners, Actions should not be used for:", "whether or not a
    workflow is using hosted runners"), over nothing of people's: it asserts the verb neither
    done nor denied, so it is not the saying to compare when the sentence says the verb again
    (GitHub's terms for additional products, fresh93's cr033: the aside's "using" was compared
    with the old "should not be used", a negation removed). Said about people's data ("you can
    choose whether we share your data with partners") it is compared as any saying; and a
    saying outside such a clause is never passed over, whatever its object ("We will not notify
    you before minor price changes, but we will notify you before ..." still denies a duty)."""
    return (
        not claim.on_data
        and _WHETHER_BEFORE.search(text, max(0, claim.start - 120), claim.start) is not None
    )


#: "whether" ("whether or not", "regardless of whether") opening the verb's own clause, a few
#: words before it, with no break between.
_WHETHER_BEFORE = re.compile(r"\bwhether\b(?:\s+or\s+not\b)?(?:\s+[\w'’-]+){0,6}\s+$", re.I)


def _denied_over_nothing_of_theirs(claim: Claim, text: str) -> bool:
    """A power denied, with no one named as acting, over something that is neither people's
    data nor anything of the reader's: "The section headings ... shall not be read to have any
    legal effect", "Our trademarks may not be copied or used", "Participation in this website
    is not available to US companies". It promises no one anything ("Your account will not be
    suspended without notice" does)."""
    return (
        claim.kind == "power"
        and claim.negated
        and not claim.on_data
        and not claim.anchored
        and _THEIRS.search(text) is None
    )


#: Words that name the reader, people, or what is theirs.
_THEIRS = re.compile(
    r"\b(?:you|your|yours|users?|members?|customers?|consumers?|residents?|people|persons?|"
    r"individuals?|personal|data|information|content|accounts?|messages?|files?|"
    r"communications?|funds|money|balances?)\b",
    re.IGNORECASE,
)


def _promise_loss(
    dropped: Sequence[Claim], excerpt: str, reading: Reading, readings: Readings
) -> Finding:
    """Promises or rights no longer made: high, unless every one of them bound the company
    only to try ("we work hard to protect you", "we try to notify you") or only described its
    care for the data in general (the rule file's ``security_duties``: "we protect your
    information"; not "we will protect it", bound, nor one that names encryption), which is
    shown as medium: nothing the company may now do is said."""
    if all(c.kind == "duty" and c.modality == "effort" for c in dropped):
        return Finding(
            Severity.MEDIUM,
            Direction.EXPANDS,
            f"{_noun(dropped[0])} of effort only removed: '{excerpt}'",
        )
    if not _COMPLAINT_TO_US.search(reading.text) and all(
        c.kind == "right" and c.verb.lower().startswith("lodge") for c in dropped
    ):
        # the right to lodge a complaint with a supervisory authority is the law's, whatever
        # the policy says: its mention is gone, not the right
        return Finding(
            Severity.MEDIUM,
            Direction.EXPANDS,
            f"mention of the right to complain to an authority removed: '{excerpt}'",
        )
    if all(
        c.kind == "right" and _OVER_COOKIES.match(reading.text, c.end) for c in dropped
    ) and _BROWSER_CONTROL.match(reading.text):
        # "you can disable cookies by changing your browser settings": the browser's own
        # control, which it keeps whatever the policy says: its mention is gone, not the right
        return Finding(
            Severity.MEDIUM,
            Direction.EXPANDS,
            f"mention of the browser's cookie controls removed: '{excerpt}'",
        )
    if _general_care(reading) and all(
        c.kind == "duty" and c.modality != "binding" and _is_security_duty(c, readings)
        for c in dropped
    ):
        return Finding(
            Severity.MEDIUM, Direction.EXPANDS, f"security statement removed: '{excerpt}'"
        )
    return expands(f"{_noun(dropped[0])} removed: '{excerpt}'")


#: A sentence whose rights over cookies are exercised in the reader's browser ("you can
#: disable cookies by changing your browser settings", "if you do not want our cookies, you
#: can adjust your browser to refuse them"): the browser's control, not the company's; not
#: with a control of the company's named too ("our cookie settings", "the cookie banner", "our
#: Cookie Preference Center", "the opt-out link in our emails").
_BROWSER_CONTROL = re.compile(
    r"(?=.*\b(?:your|the|their|a)\s+(?:web\s+|internet\s+)?browser(?:'s|s)?\b)"
    r"(?=.*\b(?:cookies?|local storage|tracking technolog\w*|trackers?)\b)"
    r"(?!.*\b(?:our|the|this)\s+(?:cookie|privacy|consent)\s+(?:settings|preferences|"
    r"banner|tool|centre|center|manager|page|link)\b)"
    r"(?!.*\b(?:our|the|this)\s+(?!(?:web\s+|internet\s+)?browser)(?:[\w'’-]+\s+){0,3}?"
    r"(?:banner|tool|centre|center|manager|link|dashboard|panel|portal)\b)",
    re.IGNORECASE | re.DOTALL,
)
#: A right over cookies or exercised in the browser: its own part, up to the next comma, names
#: them ("disable cookies by changing your browser settings", "adjust your browser to refuse
#: them", a pronoun that takes them up: "refuse them"); not a right over something else beside a
#: mention of them ("request deletion of your personal data, including data collected through
#: cookies in your browser").
_OVER_COOKIES = re.compile(
    r"[^.;:,]*?\b(?:cookies?|browsers?|local storage|tracking technolog\w*|trackers?)\b"
    r"|\s+(?:it|them|these|those)\b",
    re.IGNORECASE,
)


def _general_care(reading: Reading) -> bool:
    """Whether a sentence of protection says nothing but care in general: not encryption,
    nor a use the data is kept from ("from being sold or shared", "from sale"), where it is
    kept ("by storing it only in the European Union") or for how long ("by deleting them after
    30 days"): each of those is a promise of its own."""
    return not (
        _ENCRYPTION.search(reading.text)
        or reading.quantities
        or _KEPT_FROM.search(reading.text)
        or reading.scope.get("places")
        or any(c.kind == "power" and c.spreading for c in reading.claims)
    )


#: A complaint made to the company itself or its officer ("lodge a complaint with our Data
#: Protection Officer, who will respond within one month"): a right the policy gives, not the
#: law's right to complain to an authority.
_COMPLAINT_TO_US = re.compile(
    r"\bcomplaints?\s+(?:with|to|before)\s+(?:us|our|the\s+company)\b", re.IGNORECASE
)
#: What data is protected from when that is a use of it, not a threat to it ("from sale",
#: "from being sold", "from use for advertising"); "from unauthorized access" is care.
_KEPT_FROM = re.compile(
    r"\bfrom\s+(?:being\s+)?(?:sale|sold|selling|shar(?:ed|ing)|disclos(?:ed|ure)\s+to"
    r"|advertis\w*|marketing|(?:used\s+)?(?:for\s+|to\s+)?train\w*|(?:data\s+)?brokers?)\b",
    re.IGNORECASE,
)
#: Encryption named as the means of protection: a promise of its own, not care in general.
_ENCRYPTION = re.compile(r"\bencrypt|\bcryptograph|\bend-to-end\b", re.IGNORECASE)


def _is_security_duty(claim: Claim, readings: Readings) -> bool:
    found = readings.search("security_duties", claim.verb)
    return found is not None and found.group(0) == claim.verb


def _noun(claim: Claim) -> str:
    if claim.kind == "right":
        return "right"
    if claim.kind == "duty":
        return "commitment"
    return "promise"


def _about_consent(reason: str, readings: Readings) -> bool:
    return bool(
        readings.search("opt_in", reason)
        or readings.search("opt_out", reason)
        or "consent" in reason
    )


def _consent_findings(
    old: Reading, new: Reading, readings: Readings, stated_elsewhere: tuple[str, str]
) -> list[Finding]:
    """Consent turned from opt-in to opt-out or back; consent dropped from a permission, or
    added to one, unless the clause still (or already) asks for it elsewhere ("... We ask for
    your consent before doing so.", "only at your request")."""
    old_all, new_all = stated_elsewhere
    if old.opt_in and not old.opt_out and new.opt_out and not new.opt_in:
        return [expands("consent changed from opt-in to opt-out")]
    if old.opt_out and not old.opt_in and new.opt_in and not new.opt_out:
        return [narrows("consent changed from opt-out to opt-in")]
    if old.opt_in and not (new.opt_in or new.opt_out) and _permits(new):
        if readings.search("opt_in", new_all) or _AS_YOU_ASK.search(f"{new.text} {new_all}"):
            return []
        return [expands("consent no longer asked for: what it allowed is done without it")]
    if new.opt_in and not (old.opt_in or old.opt_out) and _permits(old):
        if readings.search("opt_in", old_all):
            return []
        return [narrows("consent now asked for")]
    return []


#: What people ask or allow, said otherwise than consent ("at your request", "you direct us",
#: "we ask for your consent"): a permission given by it still needs them.
_AS_YOU_ASK = re.compile(
    r"\b(?:at|upon|on) your (?:request|direction|instruction)s?\b|"
    r"\byou (?:authori[sz]e|instruct|direct) us\b|"
    r"\b(?:ask|seek|obtain|get|request)(?:s|ed|ing)? (?:for )?your (?:prior |explicit |express )?"
    r"(?:consent|permission)\b",
    re.IGNORECASE,
)


def _permits(reading: Reading) -> bool:
    """Whether the sentence lets the company do something with people's data."""
    return any(not c.negated and c.on_data for c in reading.powers)


def _quantity_findings(
    old: Reading,
    new: Reading,
    readings: Readings,
    stated_elsewhere: tuple[str, str] = ("", ""),
    how_often: bool = False,
) -> list[Finding]:
    """Periods, amounts and ages that changed; ``how_often``: a period added or removed says
    how often a right may be used (a finding of its own), not a period of its own."""
    findings: list[Finding] = []
    context = new.text
    for kind in ("period", "amount", "age", "storage"):
        before = [q for q in old.quantities if q.kind == kind]
        after = [q for q in new.quantities if q.kind == kind]
        if len(before) == len(after) and all(
            _same_value(a.value, b.value) for a, b in zip(before, after, strict=True)
        ):
            turned = _bound_turned(old, new, readings) if kind == "period" else None
            if turned is not None:  # "up to 30 days" -> "at least 30 days"
                findings.append(turned)
            continue  # "2 years" -> "24 months": the same period, months being 30 days
        changed = _changed_pair(before, after)
        if changed is None:
            continue
        a, b = changed
        if (a is None or b is None) and (old.indefinite is None) != (new.indefinite is None):
            continue  # "as long as we deem necessary" -> "30 days": said below, as a retention
        if b is None and _stated_in(a, stated_elsewhere[1]):
            continue  # the period moved to another sentence of the clause
        if a is None and _stated_in(b, stated_elsewhere[0]):
            continue  # ... or came from one
        if kind == "period" and (a is None or b is None):
            bounded = _bound_findings(a, b, old, new, readings)
            if bounded is not None:
                findings += bounded
                continue
            if how_often:
                continue
        findings.append(_quantity_finding(kind, a, b, context, readings))
    if old.indefinite is None and new.indefinite is not None:
        was = next((q.describe() for q in old.quantities if q.kind == "period"), None)
        if was is None and _ON_AN_EVENT.search(old.text):
            was = "at once or on an event"  # "terminate once you delete it"
        if _in_context(readings, "retention_context", new.text):
            findings.append(
                expands(
                    f"retention period lengthened: {was or 'a stated period'} -> {new.indefinite}"
                )
            )
        elif was and not any(
            _stated_in(q, new.text) for q in old.quantities if q.kind == "period"
        ):  # "notify you 30 days before" -> "within a reasonable time before"; not
            # "cancel within 14 days, and we will refund you within a reasonable time"
            noun = next(
                (n for name, n in _BOUNDING_PERIODS if _in_context(readings, name, new.text)),
                "period",
            )
            findings.append(expands(f"{noun} left open: {was} -> {new.indefinite}"))
    elif old.indefinite is not None and new.indefinite is None:
        now = next((q.describe() for q in new.quantities if q.kind == "period"), None)
        if now:
            findings.append(narrows(f"retention period bounded: {old.indefinite} -> {now}"))
    return findings


def _split_period_findings(
    added: Sequence[Reading],
    old_sentences: Sequence[str],
    new_sentences: Sequence[str],
    readings: Readings,
) -> list[Finding]:
    """A sentence added to the clause that repeats an old one with another period: part of what
    the old period covered now has a period of its own ("Within 30 days, all content will be
    permanently deleted from backups and logs." -> "Within 30 days, all content will be
    permanently deleted from active systems and logs. Within 60 days, all content will be
    permanently deleted from our backups."). The old sentence and its closest new version
    compare as a pair; the added one, whose words are mostly the old sentence's, is compared
    with it too, by its one period. An old sentence the new clause keeps word for word still
    covers all it did: the one added beside it is another case with a period of its own ("We
    will notify you at least 30 days before any material change" kept, "... at least 7 days
    before any minor change" added is a new notice, not a shorter one)."""
    findings: list[Finding] = []
    kept = set(new_sentences)
    for reading in added:
        after = [q for q in reading.quantities if q.kind == "period"]
        sources = [s for s in old_sentences if s not in kept and _mostly_in(reading.text, s)]
        if len(after) != 1 or not sources:
            continue
        source = max(sources, key=lambda s: _ratio(s, reading.text))
        before = [q for q in quantities(source) if q.kind == "period"]
        if len(before) != 1 or _same_value(before[0].value, after[0].value):
            continue
        findings.append(_quantity_finding("period", before[0], after[0], reading.text, readings))
    return findings


def _bound_turned(old: Reading, new: Reading, readings: Readings) -> Finding | None:
    """A retention period whose bound turned round, its number the same: a most ("up to 30
    days", "no longer than") made a least ("at least 30 days", "a minimum of", "or longer")
    keeps data with no end stated (expands); the other way round it limits the keeping."""
    if not _in_context(readings, "retention_context", new.text):
        return None
    was, now = _period_bound(old), _period_bound(new)
    if was == "most" and now == "least":
        return expands("retention period made a minimum: at most -> at least")
    if was == "least" and now == "most":
        return narrows("retention period made a maximum: at least -> at most")
    return None


def _periods_at(reading: Reading) -> Iterator[tuple[Quantity, int]]:
    """The sentence's periods, each with where its words first stand in it (-1: not found
    as written)."""
    for quantity in reading.quantities:
        if quantity.kind == "period":
            yield quantity, reading.text.find(quantity.text)


def _period_bound(reading: Reading) -> str | None:
    """How the sentence's first period bounds: "most" ("up to 30 days"), "least" ("at least 30
    days", "30 days or longer"), or None (said plainly)."""
    text = reading.text
    for quantity, at in _periods_at(reading):
        if at < 0:
            return None
        if _AT_MOST.search(
            text, max(0, at - 40), at
        ):  # first: "no longer than" ends in "longer than"
            return "most"
        if _AT_LEAST.search(text, max(0, at - 40), at) or _OR_LONGER.match(
            text, at + len(quantity.text)
        ):
            return "least"
        return None
    return None


#: Words before a period that make it a maximum ("up to 30 days", "no longer than").
_AT_MOST = re.compile(
    r"\b(?:up to|no (?:longer|more) than|not (?:longer|more) than|at most|"
    r"(?:a |the )?maximum(?: period)? of)\s*$",
    re.IGNORECASE,
)


def _same_value(a: float, b: float) -> bool:
    """Equal, or within 2% (a period in months or in years)."""
    return a == b or abs(a - b) <= 0.02 * max(abs(a), abs(b))


def _stated_in(quantity: Quantity | None, text: str) -> bool:
    return quantity is not None and any(
        q.kind == quantity.kind and q.value == quantity.value for q in quantities(text)
    )


#: A period that bounds what the company keeps or must do, by the context it is read in: its
#: removal leaves the company unbounded (expands), its addition bounds it (narrows).
_BOUNDING_PERIODS = (
    ("retention_context", "retention period"),
    ("notice_context", "notice deadline"),
    ("response_context", "deadline to act"),
)


#: Words that make something happen at once or on an event, with no period: "immediately",
#: "upon discovering", "after the response is returned" (a period removed for one of these
#: shortens what it bounded; one added to a sentence that had one lengthens it). "As soon as
#: (reasonably) practicable" or "possible" is a time left to the company's judgment, no "at once".
_AT_ONCE = re.compile(
    r"\b(?:immediately|instantly|at once|right away|promptly|without delay|upon|"
    r"as soon as(?! (?:is )?(?:reasonably |commercially )?(?:practicable|possible|feasible)\b)|"
    r"after the (?:response|request|session|conversation|chat) (?:is|has been) "
    r"(?:returned|completed|ended|closed))\b",
    re.IGNORECASE,
)
_ON_AN_EVENT = re.compile(r"\b(?:until|after|when|once|upon|as soon as)\b", re.IGNORECASE)
#: A time left to the company's judgment, neither at once nor a period: a period that replaces
#: it sets a bound.
_JUDGED_TIME = re.compile(
    r"\bas soon as (?:is )?(?:reasonably |commercially )?(?:practicable|possible|feasible)\b",
    re.IGNORECASE,
)
#: A period left to the law ("within the period required by applicable law").
_LEGAL_PERIOD = re.compile(
    r"\b(?:required|permitted|allowed|prescribed|set) by (?:applicable |the )?(?:[\w-]+ )?laws?\b",
    re.I,
)


def _bound_findings(
    a: Quantity | None, b: Quantity | None, old: Reading, new: Reading, readings: Readings
) -> list[Finding] | None:
    """A period added to or removed from a retention, a notice or a response: removed, the
    company is no longer bound ("within 72 hours" -> "without undue delay": expands) unless it
    now does it at once (narrows), no longer does it at all (the denial says so) or follows
    the law's period; added, it bounds the company (narrows) unless the old sentence had it done
    at once or on an event ("immediately", "until you close your account" -> "within 30 days",
    "for 90 days after you close it": expands). None: not a bounding period."""
    context = f"{old.text} {new.text}" if b is None else new.text
    noun = next((n for name, n in _BOUNDING_PERIODS if _in_context(readings, name, context)), None)
    if noun is None:
        return None
    if b is None:
        was = a.describe() if a else "none"
        if any(c.negated for c in new.claims):
            return []  # "we do not keep server logs": its denial is the finding
        if _AT_ONCE.search(new.text):
            return [narrows(f"{noun} shortened: {was} -> at once")]
        if _LEGAL_PERIOD.search(new.text):
            return [neutral(Severity.MEDIUM, f"{noun} left to the law: {was} -> the legal one")]
        return [expands(f"{noun} removed: {was} -> none")]
    now = b.describe()
    if _JUDGED_TIME.search(old.text) is None and (
        _AT_ONCE.search(old.text) or _ON_AN_EVENT.search(old.text)
    ):
        return [expands(f"{noun} lengthened: at once or on an event -> {now}")]
    return [narrows(f"{noun} set: none -> {now}")]


def _changed_pair(
    before: list[Quantity], after: list[Quantity]
) -> tuple[Quantity | None, Quantity | None] | None:
    for a, b in zip(before, after, strict=False):
        if a.value != b.value:
            return a, b
    if len(before) > len(after):
        return before[len(after)], None
    if len(after) > len(before):
        return None, after[len(before)]
    return None


def _quantity_finding(
    kind: str, a: Quantity | None, b: Quantity | None, context: str, readings: Readings
) -> Finding:
    was = a.describe() if a else "none"
    now = b.describe() if b else "none"
    if kind == "age":
        return neutral(Severity.HIGH, f"age changed: {was} -> {now}")
    if kind == "storage" and a is not None and b is not None:
        # "up to 6GB of storage" -> "up to 2GB": people get less of what they pay for (or may
        # send larger files); never more than medium, a plan's limit, not their data
        more = b.value > a.value
        reason = f"storage {'raised' if more else 'lowered'}: {was} -> {now}"
        return Finding(Severity.MEDIUM, Direction.NARROWS if more else Direction.EXPANDS, reason)
    if a is None or b is None:
        what = {"period": "period", "storage": "storage limit"}.get(kind, "amount")
        return neutral(
            Severity.MEDIUM, f"{what} {'added' if a is None else 'removed'}: {was} -> {now}"
        )
    longer = b.value > a.value
    if kind == "period":
        for name, longer_expands, noun in (
            ("retention_context", True, "retention period"),
            ("notice_context", False, "notice period"),
            ("window_context", False, "time allowed to act"),
            ("response_context", True, "time the company takes to act"),
        ):
            if _in_context(readings, name, context):
                verb = "lengthened" if longer else "shortened"
                reason = f"{noun} {verb}: {was} -> {now}"
                return expands(reason) if longer == longer_expands else narrows(reason)
        return neutral(Severity.MEDIUM, f"period changed: {was} -> {now}")
    for name, higher_expands, noun in (
        ("liability_context", False, "liability cap"),
        ("fee_context", True, "amount to pay"),
    ):
        if _in_context(readings, name, context):
            verb = "raised" if longer else "lowered"
            reason = f"{noun} {verb}: {was} -> {now}"
            return expands(reason) if longer == higher_expands else narrows(reason)
    return neutral(Severity.HIGH, f"amount changed: {was} -> {now}")


def _in_context(readings: Readings, name: str, text: str) -> bool:
    return readings.search(name, text) is not None


def _scope_findings(
    old: Reading,
    new: Reading,
    inherited: Stance,
    readings: Readings,
) -> list[Finding]:
    findings: list[Finding] = []
    stance = new.stance if new.stance != "none" else old.stance
    stance = inherited if stance == "none" else stance
    if stance == "protects":
        return _commitment_data_findings(old, new)
    if stance not in ("permits", "denies"):
        return findings
    excepted = _excepted(new.text, readings) if stance == "denies" else ""
    # a term the old sentence named counts as the old sentence took it: "We may share it with
    # advertisers." -> "We do not share it." takes advertisers from what was permitted
    was = old.stance if old.stance in ("permits", "denies") else stance
    # and what the old denial's exception let through was permitted: taken out, it narrows
    excepted_before = _excepted(old.text, readings) if was == "denies" else ""
    for name in SCOPES:
        added = [
            t for t in _gained(old.scope[name], new.scope[name]) if not _only_refused(t, new.text)
        ]
        let_through = [t for t in added if t in excepted]
        if let_through and name in ("recipients", "purposes"):
            # "We do not share it, except with our service providers, such as ... and data
            # brokers": what the denial's exception lets through is permitted
            findings.append(expands(f"new {name}: {', '.join(let_through[:3])} (in an exception)"))
            added = [t for t in added if t not in let_through]
        removed = _gained(new.scope[name], old.scope[name])
        if name == "places":  # by their names alone: "the US" has no word a stem keeps
            before = {_place(t) for t in old.scope[name]}
            after = {_place(t) for t in new.scope[name]}
            added, removed = sorted(after - before), sorted(before - after)
            removed = [] if added else removed  # a new place takes data further, whatever left
        if (
            added
            and removed
            and not (
                stance == "permits"
                and name in ("recipients", "purposes")
                and _riskier(added, removed)
            )
        ):
            finer = _made_precise(added, removed) if name == "data" else None
            if finer is not None and stance == "permits":
                # "approximate location" -> "precise location": the same kind, taken closer
                findings.append(expands(f"data taken more precisely: {finer}"))
            continue  # one term for another: reworded
        if added:
            what = f"new {name}: {', '.join(added[:3])}"
            if stance != "permits" and _denial_limited(name, added, old, new, was):
                # "We will not sell your personal data" -> "... to data brokers": it was denied
                # to anyone, for anything; now only to those named, and so permitted to others
                terms = ", ".join(added[:3])
                findings.append(
                    expands(f"denial limited to {terms}: other {name} no longer denied")
                )
            elif stance != "permits":
                findings.append(narrows(f"{what} (in what is denied)"))
            elif (
                name == "recipients"
                and new.compelled
                and any(c.spreading for c in new.powers)
                and not new.sensitive
                and all(_COMPELLING.fullmatch(t) for t in added)
            ):
                # "... and, when required by law, to law enforcement": what any company must do
                findings.append(Finding(Severity.MEDIUM, Direction.EXPANDS, f"{what} (compelled)"))
            elif (
                name == "places"
                or (name == "data" and not (new.sensitive - old.sensitive))
                or (name == "purposes" and all(_MILD_PURPOSE.match(t) for t in added))
                or (name == "recipients" and not any(_given_to(t, new) for t in added))
            ):
                # a place is medium: the readers of the real sets never rated one higher; nor
                # the service personalised for its user (personalised ads are "ads")
                findings.append(Finding(Severity.MEDIUM, Direction.EXPANDS, what))
            else:
                findings.append(expands(what))
        unbracketed = _qualifier_dropped(removed, old.text, new.text) if name == "data" else None
        if unbracketed is not None and was == "permits":
            # "Your Input (prompts)" -> "Your Input": the kind is no longer limited to the one
            # its bracket named
            findings.append(expands(f"kind of data no longer limited: {unbracketed}"))
        elif removed:
            what = f"{name} removed: {', '.join(removed[:3])}"
            if was == "permits" or all(t in excepted_before for t in removed):
                findings.append(narrows(what))
            else:
                findings.append(expands(f"{what} (from what is denied)"))
    return findings


def _given_to(term: str, reading: Reading) -> bool:
    """Whether the sentence lets data go to the recipient ``term`` names: it stands after a
    power that passes data on or is over people's data ("we may share it with advertisers"),
    or just before one, as who acts ("our partners may access your data"); not a party named
    in a sentence about something else ("the Government's use of the Service", "provide the
    Government with a reasonable opportunity to cure", "content under the control of the
    Government")."""
    if reading.licence or _LICENCE_EXERCISED.search(reading.text):
        # "Acme can exercise these rights in connection with its affiliates' business": the
        # licence over people's content reaches them
        return True
    stem = re.escape(term.split()[0][:STEM_LETTERS])
    places = [m.start() for m in re.finditer(rf"\b{stem}", reading.text, re.IGNORECASE)]
    return any(
        c.start - _ACTOR_REACH <= at < c.start or _after(reading.text, c.end, at)
        for c in reading.powers
        if (c.spreading or c.on_data) and not c.negated
        for at in places
    )


#: Rights a licence granted, exercised: "can exercise these rights in connection with ...".
_LICENCE_EXERCISED = re.compile(
    r"\bexercis\w* (?:these|such|those|the|its|our|all|any) (?:licen[cs]ed )?"
    r"(?:rights|licen[cs]es?)\b",
    re.IGNORECASE,
)


def _after(text: str, end: int, at: int) -> bool:
    """Whether ``at`` stands after a power's verb ending at ``end`` as its recipient may: near
    it, or further on in the same sentence, past a long list of what is shared ("we share your
    name, email address, ..., and approximate location with advertisers")."""
    if not end <= at <= end + _LIST_REACH:
        return False
    return at <= end + _OBJECT_REACH or _SENTENCE_END.search(text, end, at) is None


#: How far before a power's verb its actor, and after it its recipient, may stand (characters);
#: in the same sentence, past a list of kinds of data, further.
_ACTOR_REACH = 60
_OBJECT_REACH = 160
_LIST_REACH = 400
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


def _commitment_data_findings(old: Reading, new: Reading) -> list[Finding]:
    """Kinds of data a commitment of the company's covers, some dropped or added, the same
    duties said on both sides and kinds named on both: "We will delete your name, email address
    and payment details" -> "... your name and email address" no longer promises to delete
    payment details (expands). One kind put for another is reworded, as for what is permitted;
    kinds named where there were none, or none where there were some ("its content, including
    its videos" -> "your data"), say the object otherwise, not more or less of it."""
    before, after = _duties_affirmed(old), _duties_affirmed(new)
    if not before or before != after or not old.scope["data"] or not new.scope["data"]:
        return []
    added = _gained(old.scope["data"], new.scope["data"])
    removed = _gained(new.scope["data"], old.scope["data"])
    if added and removed:
        return []
    if removed:
        return [expands(f"data removed from a commitment: {', '.join(removed[:3])}")]
    if added:
        return [narrows(f"data added to a commitment: {', '.join(added[:3])}")]
    return []


def _gained(before: frozenset[str], after: frozenset[str]) -> list[str]:
    """The scope terms ``after`` names that ``before`` does not, nor any term of ``before``
    covers (:func:`within`), in order."""
    return sorted(t for t in after - before if not within(t, before))


def _duties_affirmed(reading: Reading) -> frozenset[str]:
    """The company's duties a sentence affirms, by their verbs' patterns; none when it also
    grants or denies a power (its data is then what is permitted or denied) or names a right
    (a list item "Access information about your account activity" may be another's power
    under its lead-in)."""
    if any(c.kind != "duty" for c in reading.claims):
        return frozenset()
    return frozenset(c.key for c in reading.claims if not c.negated)


def _denial_limited(
    name: str, added: Sequence[str], old: Reading, new: Reading, was: Stance
) -> bool:
    """Whether a denial that named no recipients (or no purposes) before now names some, so
    that it denies less: "We do not sell your data" -> "... to data brokers" (other buyers no
    longer denied), "... with third parties" -> "... for their marketing purposes" (other
    purposes no longer denied). Not a denial that already named some and names more (it
    denies more), nor one naming recipients that are everyone else anyway ("with third
    parties", "with anyone"), nor a denial of anything but passing data on ("we don't charge
    you ... ads", "are not eligible to use")."""
    if name not in ("recipients", "purposes") or was != "denies" or old.scope[name]:
        return False
    if not any(c.kind == "power" and c.negated and c.spreading for c in new.claims):
        return False
    # one term that leaves no one (nothing) out keeps the denial whole: "to anyone, including
    # data brokers", "with third parties or advertisers", "for marketing or any other purpose"
    everything = _ANYONE_ELSE if name == "recipients" else _ANY_PURPOSE
    return not any(everything.fullmatch(t) for t in added)


#: Recipients that leave no one out: a denial to them denies to everyone but the company.
_ANYONE_ELSE = re.compile(
    r"(?:third[- ]part(?:y|ies)|(?:outside|external|other) parties|anyone|anybody|others|"
    r"the public|publicly|other compan(?:y|ies))",
    re.IGNORECASE,
)
#: Purposes that leave none out: a denial for them denies for every purpose.
_ANY_PURPOSE = re.compile(r"(?:any|every|all)(?: other)? purposes?", re.IGNORECASE)


def _qualifier_dropped(removed: Sequence[str], old: str, new: str) -> str | None:
    """A removed kind of data that was only the bracket after a word the new text keeps
    without it ("Your Input (prompts)" -> "Your Input", "Location (approximate city)" ->
    "Location"), said as "'Input (prompts)' -> 'Input'"; None otherwise."""
    for term in removed:
        bracket = re.search(rf"\b([\w-]+)\s*\(\s*{re.escape(term)}\s*\)", old, re.IGNORECASE)
        if bracket is None:
            continue
        head = bracket.group(1)
        if re.search(rf"\b{re.escape(head)}\b(?!\s*\()", new, re.IGNORECASE):
            return f"'{head} ({term})' -> '{head}'"
    return None


#: The end of words that refuse what follows them ("you can withdraw from", "opt out of",
#: "unsubscribe from any", "object to direct"): a purpose named there is what people can stop,
#: no new use.
_REFUSING = re.compile(
    r"\b(?:opt(?:s|ed|ing)?[- ]?out|withdraw(?:s|n|ing)?|unsubscrib(?:e|es|ed|ing)|"
    r"object(?:s|ed|ing)?|stop(?:s|ped|ping)? receiving|turn(?:s|ed|ing)? off)"
    # what is refused said as the consent to it or the use of data for it: "withdraw your
    # consent to", "object to the use of your personal data for"
    r"(?:\s+(?:your|their|any|the)?\s*consent\s+(?:to|for)"
    r"|\s+to\s+(?:(?:the|our|any)\s+)?(?:use|processing)\s+of\s+(?:(?:your|their)\s+)?"
    r"(?:personal\s+)?(?:data|information)\s+for)?"
    r"(?:\s+(?:of|from|to))?(?:\s+(?:any|all|our|the|receiving|such|further))*"
    r"(?:\s+(?!(?:for|with|to|and|or|by)\b)[\w-]+){0,2}\s+$",
    re.IGNORECASE,
)


def _only_refused(term: str, text: str) -> bool:
    """Whether every time ``text`` names ``term`` it is what people may refuse ("you can
    withdraw from marketing at any time"): a right over a use, not a use of its own."""
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.I)]
    return bool(found) and all(_refused_before(text[max(0, i - 60) : i]) for i in found)


def _refused_before(before: str) -> bool:
    """Whether ``before`` ends in words that refuse what follows, not denied ("where Customer
    has not opted out of training" says the training goes on) nor made the end of a use that
    goes on till then ("unless you opt out of targeted advertising", "until you object")."""
    refusing = _REFUSING.search(before)
    return refusing is not None and not _REFUSAL_DENIED.search(before[: refusing.start()])


_REFUSAL_DENIED = re.compile(
    r"(?:\b(?:not|never|no|unless|until)|n't)\s+(?:[\w'’-]+\s+){0,2}$", re.I
)


#: The last word of a listed item that names an organisation: "chatbot providers", "cloud-based
#: hosting services", "fraud prevention vendors".
_ORGANISATION_HEAD = re.compile(
    r"\b(?:providers?|vendors?|processors?|partners?|companies|company|services|networks?"
    r"|agenc(?:y|ies)|firms?|contractors?|affiliates?|subsidiar(?:y|ies)|advertisers?|brokers?"
    r"|platforms?|consultants?|auditors?|advisers?|advisors?|insurers?|researchers?|developers?"
    r"|resellers?|distributors?|operators?|suppliers?|subcontractors?|subprocessors?)\W*$",
    re.IGNORECASE,
)
#: Where a sentence's list begins: "This includes ...", "These include ...", "such as ...".
_LIST_START = re.compile(r"\b(?:includes?|including|such as)\s+", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)


def _listed_recipient_findings(old: Reading, new: Reading, inherited: Stance) -> list[Finding]:
    """Organisations a sentence that only lists whom the one before it permits to receive data
    now names as well ("We may share your data with vendors ... This includes payment
    processors, ..., chatbot providers, and shipment vendors."), whatever words they are
    named with; an item put for another is a rewording. A list that named no organisation
    before lists things, not recipients ("session cookies and preference cookies")."""
    if inherited != "permits" or new.stance == "denies" or not _ELABORATION.match(new.text):
        return []
    before, after = _listed(old.text), _listed(new.text)
    if not any(_ORGANISATION_HEAD.search(item) for item in before.values()):
        return []
    added = [item for key, item in after.items() if key not in before]
    gone = [item for key, item in before.items() if key not in after]
    joined = [item for item in added if _ORGANISATION_HEAD.search(item)]
    if not joined or len(gone) >= len(added):
        return []
    return [expands(f"new recipients listed: {', '.join(joined[:3])}")]


def _listed(sentence: str) -> dict[frozenset[str], str]:
    """The items of a sentence's list, by their content words' stems."""
    start = _LIST_START.search(sentence)
    if start is None:
        return {}
    items = _LIST_SEPARATOR.split(sentence[start.end() :].rstrip(" .;:"))
    return {term_stems(item): item.strip() for item in items if term_stems(item)}


#: A purpose that serves the user the service itself, personalised ("to provide a personalized
#: experience", "personalize your feed"): a use of data, not one beyond the service (advertising
#: personalised is read by its own words, "ads", "advertising", "targeted").
_MILD_PURPOSE = re.compile(r"personali[sz]", re.IGNORECASE)
#: Recipients and purposes whose naming is serious whatever it replaces: data brokers, the
#: advertising business, the public ("service providers" -> "data brokers" is no rewording).
_RISKY = re.compile(
    r"\b(?:data brokers?|advertis\w*|ads|marketing|sale|resale|monetis\w*|monetiz\w*|the public|"
    r"publicly|profiling|targeted|targeting|cross-context)\b",
    re.IGNORECASE,
)


def _excepted(text: str, readings: Readings) -> str:
    """The words of ``text``'s exceptions ("except with our service providers"), lower-cased."""
    return " ".join(text[a:b] for a, b in exception_spans(text, readings)).lower()


def _made_precise(added: Sequence[str], removed: Sequence[str]) -> str | None:
    """ "approximate location -> precise location" when a kind of data put in place of another
    is the same kind said precisely ("precise", "exact") where it was not."""
    for new in added:
        precise = _PRECISE.match(new)
        if precise is None:
            continue
        for old in removed:
            if not _PRECISE.match(old) and _COARSE.sub("", old) == new[precise.end() :]:
                return f"{old} -> {new}"
    return None


#: Words that say a kind of data is taken precisely, or only roughly.
_PRECISE = re.compile(r"(?:precise|exact)\s+")
_COARSE = re.compile(r"^(?:approximate|coarse|general)\s+")


def _riskier(added: Sequence[str], removed: Sequence[str]) -> bool:
    """Whether a term put in place of others is a risky one the old terms were not."""
    return any(_RISKY.search(t) for t in added) and not any(_RISKY.search(t) for t in removed)


#: Names of one place ("EU", "the European Union").
_PLACE_NAMES = {
    "eu": "european union",
    "eea": "european economic area",
    "uk": "united kingdom",
    "us": "united states",
    "usa": "united states",
    "u.s.": "united states",
}


def _place(term: str) -> str:
    name = term.lower().removeprefix("the ").strip()
    return _PLACE_NAMES.get(name, name)


def within(term: str, other: frozenset[str]) -> bool:
    """The term is part of a term of the other side ("partners" in "advertising partners"),
    word forms aside ("affiliates" in "affiliated companies", "our group" in "companies in
    the Acme Group")."""
    own = term_stems(term)
    return any(own <= term_stems(o) or term_stems(o) <= own for o in other)


def introduces_list(text: str) -> bool:
    """A line that ends with a colon and leaves what it says to the items after it ("You may
    not upload any of the following:", "Causing harm, including by:"); a line that states a
    rule of its own before "including:" ("You may not use outputs to train models that compete
    with Acme, including:") says something itself."""
    line = text.rstrip(" \t*_")
    if not line.endswith(":"):
        return False
    if _LEAVES_TO_ITEMS.search(line):
        return True
    return len(words(_INCLUDING_END.sub("", line))) <= LIST_INTRO_WORDS


#: A list introduction that names nothing itself ("any of the following:", "as follows:").
_LEAVES_TO_ITEMS = re.compile(
    r"\b(?:the following|as follows|below|these|this list)\b[^:]*:$", re.IGNORECASE
)
_INCLUDING_END = re.compile(
    r",?\s*(?:including|such as|for example|e\.g\.)(?: but not limited to)?(?: by)?\s*:$",
    re.IGNORECASE,
)
#: Words a list introduction may have besides "including:" and still name only a kind of thing.
LIST_INTRO_WORDS = 8


def term_stems(term: str) -> frozenset[str]:
    """The content words of a scope term, each without a plural ending and cut to its first
    letters (its word form aside: "affiliates", "affiliated" -> "affili"; "parties" -> "party")."""
    return frozenset(_stem(w) for w in words(term) if w not in STOPWORDS)


def _stem(word: str) -> str:
    if word.endswith("ies"):
        word = word[:-3] + "y"  # "parties" -> "party"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM_LETTERS]


#: A definition: a quoted term, then a comma, a colon or "means" ("'Input', any data you ..."),
#: or a capitalised term and "means" ("Personal Data means ...").
_DEFINITION = re.compile(
    r'^\W{0,3}"([^"]{1,40})"\s*(?:,|:|-|–|—|\(|means\b|refers to\b|shall mean\b|includes\b'
    r"|is defined as\b)"
    r"|^(?:The term )?(?!(?:It|This|That|These|Those|Which|What|Such|There|He|She|They)\b)"
    r"([A-Z][\w-]*(?: [A-Z][\w-]*){0,3}) (?:means|refers to|shall mean)\b"
)


def defined_term(text: str) -> str | None:
    """The term a sentence defines (match form), or None."""
    found = _DEFINITION.match(text)
    return (found.group(1) or found.group(2)).strip() if found else None


def _safeguard_findings(old: str, new: str, readings: Readings) -> list[Finding]:
    """Protective qualities joined by "and" made alternatives ("aggregated and anonymous" ->
    "aggregated or anonymous": anonymity no longer needed), or the other way round; a quality
    dropped from, or added to, data the company gives or uses ("anonymized usage statistics"
    -> "usage statistics": :func:`_quality_findings`)."""
    before, after = _joined_qualities(old, readings), _joined_qualities(new, readings)
    for pair, joined in before.items():
        now = after.get(pair)
        if now is None or now.conjunction == joined.conjunction:
            continue
        what = f"'{joined.text}' -> '{now.text}'"
        if joined.conjunction == "and":
            return [expands(f"safeguards made alternatives: {what}")]
        if now.conjunction == "and":
            return [narrows(f"safeguards now required together: {what}")]
    return []


def _quality_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """Every protective quality dropped from data the company is permitted to give or use
    ("We share anonymized usage statistics" -> "We share usage statistics"), or one added
    where there was none."""
    if new.stance != "permits" or old.stance != "permits":
        return []
    before, after = _qualities(old.text, readings), _qualities(new.text, readings)
    if before and not after:
        return [expands(f"safeguard dropped: '{sorted(before)[0]}'")]
    if after and not before:
        return [narrows(f"safeguard added: '{sorted(after)[0]}'")]
    return []


def _qualities(text: str, readings: Readings) -> set[str]:
    return {_spaced(m.group(0)) for m in readings.finditer("safeguard_qualities", text)}


def _judgment_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """What the company does (a power over data or accounts, or a duty whose condition it now
    judges) made to depend on its own discretion or suspicion ("if we learn that you violated"
    -> "if we suspect that you may have violated"; "at our sole discretion" added)."""
    powers = any(not c.negated for c in new.powers) or new.unilateral
    rights = _has_right(new)
    # "products that we think may interest you" -> "... we believe ...": the old version's
    # "think" judged as "believe" does
    judged = _THINKS.sub(r"\1believe\2", old.text)
    before = {_judgment_key(m.group(0)) for m in readings.finditer("own_judgment", judged)}
    for found in readings.finditer("own_judgment", new.text):
        if _judgment_key(found.group(0)) in before:
            continue
        if powers or _gates_a_duty(new, found.start(), found.end()):
            return [expands(f"left to the company's judgment: '{found.group(0)}'")]
        if rights and _DECIDING.search(found.group(0)):
            return [expands(f"right left to the company's judgment: '{found.group(0)}'")]
    return _approval_findings(old, new, readings)


def _judgment_key(words: str) -> str:
    """The same judgement however it is introduced: "in our sole discretion" is "at our sole
    discretion"."""
    return _JUDGMENT_PREPOSITION.sub("", _spaced(words).lower())


_JUDGMENT_PREPOSITION = re.compile(r"^(?:in|at|within|by|under|upon)\s+(?=(?:our|its|the)\b)")


#: "we think", said of the company: the judgement "we believe" is (not a judgement the rule
#: file lists by itself: "if we think someone's life is in danger" is no discretion taken).
_THINKS = re.compile(r"\b((?:we|it)\s+(?:reasonably\s+)?)think(s?)\b", re.IGNORECASE)


def _has_right(reading: Reading) -> bool:
    return any(c.kind == "right" and not c.negated for c in reading.claims)


def _approval_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """A right of people's made to wait for the company's approval ("You can request deletion
    of your data, subject to our approval"), or freed of it."""
    before = {_spaced(m.group(0)) for m in readings.finditer("company_approval", old.text)}
    after = {_spaced(m.group(0)) for m in readings.finditer("company_approval", new.text)}
    if _has_right(new) and after - before:
        return [expands(f"right left to the company's approval: '{sorted(after - before)[0]}'")]
    if _has_right(old) and before - after:
        what = sorted(before - after)[0]
        return [narrows(f"right no longer left to the company's approval: '{what}'")]
    return []


#: Words that open the condition of what follows ("If we determine ..., we will restore").
_CONDITION_OPENER = re.compile(r"\b(?:if|where|when|whenever|once|in case|provided)\b", re.I)
#: A judgment that decides (discretion, deeming, determining), as against a suspicion or a
#: belief, which in a duty's condition makes the duty cover more ("actual or suspected breach").
_DECIDING = re.compile(r"discretion|judg|opinion|deem|see fit|sees fit|consider", re.I)
#: Where the clause of a judgment starts: after the last semicolon or sentence end before it.
_JUDGMENT_CLAUSE_BREAK = re.compile(r"[;:]|[.!?]\s")


def _gates_a_duty(reading: Reading, start: int, end: int) -> bool:
    """Whether the judgment at ``start:end`` decides the condition of the duty that comes next
    in its clause ("If we determine, at our sole discretion, that ..., we will restore your
    access"): the duty now binds only when the company so decides. A suspicion or a belief in a
    condition ("if there is an actual or suspected breach, we will notify you") widens the duty
    instead, and a judgment about something else in another clause gates nothing."""
    if not _DECIDING.search(reading.text, start, end):
        return False
    breaks = [m.end() for m in _JUDGMENT_CLAUSE_BREAK.finditer(reading.text, 0, start)]
    clause_start = breaks[-1] if breaks else 0
    if _CONDITION_OPENER.search(reading.text, clause_start, start) is None:
        return False
    following = [c for c in reading.claims if c.start >= end]
    first = min(following, key=lambda c: c.start, default=None)
    return first is not None and first.kind == "duty" and not first.negated


def _open_list_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """A list in what is permitted left open ("ChatGPT and DALL-E" -> "ChatGPT and other
    services"; "including but not limited to" added): it now reaches what it does not name."""
    permits = [c for c in new.powers if not c.negated and not _YOUR.search(c.phrase)]
    if not permits and not new.unilateral:  # "your access and/or use of": a noun, no power
        return []
    opened_from = 0
    if about := _ABOUT_THE_DOCUMENT.match(new.text):
        # "This Privacy Policy explains the information we collect when you use our services
        # or otherwise interact with us": what the document covers, no permission; but a part
        # of its own may permit ("..., and we may share it with affiliates and other companies")
        permitting = _ANOTHER_CLAUSE.search(new.text, about.end())
        if permitting is None:
            return []
        opened_from = permitting.end()
    before = {_spaced(m.group(0)) for m in readings.finditer("catch_alls", old.text)}
    for found in readings.finditer("catch_alls", new.text):
        if found.start() < opened_from:
            continue
        if _spaced(found.group(0)) not in before and not _whole_class_before(found, old.text):
            return [expands(f"list left open: '{found.group(0)}'")]
    return []


def _closed_list_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """A list of what is permitted that named all it held and now gives examples ("We share
    your data with these providers, namely:" -> "..., such as:"; "(i.e., email address or
    phone number)" -> "(such as your email address ...)"): it now reaches what it does not
    name. High when the data is passed on (what reaches others is no longer bounded), medium
    for what the company does itself."""
    permits = [c for c in new.powers if not c.negated and not _YOUR.search(c.phrase)]
    if not permits:
        return []
    closed = {_spaced(m.group(0)) for m in _closing(readings, old.text)}
    if not closed or closed <= {_spaced(m.group(0)) for m in _closing(readings, new.text)}:
        return []
    before = {_spaced(m.group(0)) for m in readings.finditer("example_lists", old.text)}
    opened = next(
        (
            m.group(0)
            for m in readings.finditer("example_lists", new.text)
            if _spaced(m.group(0)) not in before
        ),
        None,
    )
    if opened is None:
        return []
    reason = f"closed list left open: '{sorted(closed)[0].strip()}' -> '{opened.strip()}'"
    if any(c.spreading for c in permits):
        return [expands(reason)]
    return [Finding(Severity.MEDIUM, Direction.EXPANDS, reason)]


def _closing(readings: Readings, text: str) -> list[re.Match[str]]:
    """The words of ``text`` that close a list: after the list's lead-in and a comma, colon,
    dash or bracket ("providers, namely", "(i.e."), or bounding it themselves ("limited to",
    "only the following"); not an adverb of a verb ("We specifically ask for your consent")."""
    return [
        m
        for m in readings.finditer("closed_lists", text)
        if _LIST_GOES_ON.search(text, 0, m.start()) or not _ADVERB_CLOSING.match(m.group(0))
    ]


#: A list's lead-in ending before the word that closes it: "partners, ", "order (", "data: ".
_LIST_GOES_ON = re.compile(r"[,(:;\[—–-]\s*$")
#: Closing words that are also adverbs of a verb ("specifically ask", "namely that"): they
#: close a list only after its lead-in.
_ADVERB_CLOSING = re.compile(r"(?:namely|specifically|i\.e|that is)\b", re.IGNORECASE)


def _inapplicable_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """A kind of data marked as not collected or not applying ("Biometric information (not
    relevant here)") whose mark is dropped while the kind is still listed ("Biometric
    information"): the kind is now taken. The mark added narrows. A right so marked ("Right to
    data portability (not applicable)") goes the other way: its mark dropped, it now applies
    (but a right to opt out of a practice applies because the practice does)."""
    findings: list[Finding] = []
    for side, other, dropped in ((old, new, True), (new, old, False)):
        for mark in readings.finditer("not_applicable", side.text):
            kind = " ".join(side.text[: mark.start()].split()[-_KIND_WORDS:])
            if not kind or _spaced(mark.group(0)) in _spaced(other.text):
                continue
            if not re.search(rf"(?<!\w){re.escape(kind)}(?!\w)", other.text, re.IGNORECASE):
                continue  # the kind itself went, or was reworded: read as any other change
            what = f"'{kind}' {'no longer' if dropped else 'now'} marked '{mark.group(0)}'"
            item = _ITEM_BREAK.split(side.text[: mark.start()])[-1]
            grows = dropped != (_A_RIGHT.search(item) is not None)
            findings.append(expands(what) if grows else narrows(what))
    return findings


#: Where a listed item starts, in a line of several ("Health data (not collected); Contacts").
_ITEM_BREAK = re.compile(r"[;|•\n]|\.\s")
#: An item naming a right of people's: "Right to data portability", "the right of access";
#: not a right to refuse a practice ("Right to opt out of sale (not applicable)"), which applies
#: once the practice does.
_A_RIGHT = re.compile(
    r"\bright(?:s)?\s+(?:to|of)\s+(?!(?:opt|opting)[- ]?out|object|limit|restrict|withdraw|refuse)",
    re.IGNORECASE,
)


#: The words before a "(not applicable)" mark that name the kind of data it marks.
_KIND_WORDS = 3


def _legal_basis_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """A use the old sentence based on consent now based, wholly or as an alternative, on a
    ground that needs none ("| Consent" -> "| Contractual necessity and our legitimate
    interests", "Consent" -> "Consent or legitimate interests"): it no longer waits for
    anyone's agreement, and cannot be withdrawn, only objected to."""
    if not _CONSENT.search(old.text) or readings.search("no_consent_bases", old.text):
        return []
    consent_dropped = len(_CONSENT.findall(new.text)) < len(_CONSENT.findall(old.text))
    found = next(
        (
            m
            for m in readings.finditer("no_consent_bases", new.text)
            if _relied_on(new.text, m) and (consent_dropped or _joined_to_consent(new.text, m))
        ),
        None,
    )
    if found is None:
        return []
    return [expands(f"legal basis no longer consent alone: '{found.group(0)}'")]


def _relied_on(text: str, basis: re.Match[str]) -> bool:
    """Whether ``basis`` is named as what a use rests on, not as what people may object to
    ("you can object to processing based on our legitimate interests", "where we rely on
    legitimate interests, you may object") or what the company denies relying on ("we do not
    rely on legitimate interests")."""
    before = re.split(r"[.;|]", text[max(0, basis.start() - 100) : basis.start()])[-1]
    after = re.split(r"[.;|]", text[basis.end() : basis.end() + 100])[0]
    return not (
        _OBJECTED_TO.search(before) or _NOT_RELIED.search(before) or _OBJECTION_FOLLOWS.match(after)
    )


def _joined_to_consent(text: str, basis: re.Match[str]) -> bool:
    """Whether ``basis`` is named beside consent as another ground for the same use ("your
    consent or our legitimate interests", "Consent, or on our legitimate interests"), not for
    another use of the sentence ("... our legitimate interests, and, with your consent, to send
    you newsletters": the newsletters still wait for consent)."""
    return any(
        _ONLY_JOINING.fullmatch(
            text[consent.end() : basis.start()]
            if consent.end() <= basis.start()
            else text[basis.end() : consent.start()]
        )
        for consent in _CONSENT.finditer(text)
    )


#: The words that join two grounds of one use: "or on our", ", and/or where necessary, the".
_ONLY_JOINING = re.compile(
    r"[\s,/()]*(?:(?:and/or|and|or|alternatively|also|on|upon|the|basis|of|our|your|its|their|a"
    r"|an|where|necessary|appropriate|applicable|relevant|required)[\s,/()]+)*",
    re.IGNORECASE,
)
#: A right to object before a legal basis: "object to processing based on our".
_OBJECTED_TO = re.compile(r"\bobject(?:s|ed|ing|ions?)?\b", re.IGNORECASE)
#: A basis denied: "we do not rely on", "is never based on", "not on the basis of".
_NOT_RELIED = re.compile(
    r"(?:\b(?:not|never|no longer)|n't)\s+(?:[\w-]+\s+){0,2}(?:on|upon)\s+(?:the basis of\s+)?"
    r"(?:(?:our|its|their|a|the)\s+)?$",
    re.IGNORECASE,
)
#: A right to object right after the basis it is over: "legitimate interests, you may object".
_OBJECTION_FOLLOWS = re.compile(
    r"[^,]{0,40},\s*(?:you|users|individuals|data subjects)\s+(?:may|can|have (?:the|a) right to"
    r"|are entitled to)\s+object\b",
    re.IGNORECASE,
)


#: Consent given by the person ("Consent", "your consent", "with consent"), not a parent's.
_CONSENT = re.compile(
    r"(?<![\w-])consent(?:s|ed)?\b(?! of (?:a |your )?(?:parent|guardian))", re.IGNORECASE
)

#: Where a sentence about the document goes on to say what the company does: "This Policy
#: applies to our website, and we may share ...", "...; Acme may ...".
_ANOTHER_CLAUSE = re.compile(
    r"(?:;|,?\s+(?:and|but))\s+(?=we\b|(?-i:[A-Z])[\w-]+ (?:may|will|can)\b)", re.IGNORECASE
)
#: A sentence about what the document itself covers or explains.
_ABOUT_THE_DOCUMENT = re.compile(
    r"\W*(?:this|our|the) (?:[\w-]+ ){0,2}(?:policy|notice|statement|terms|agreement)\b"
    r"(?: \([^)]{0,40}\))? (?:describes|explains|sets out|outlines|covers|applies|tells you)\b",
    re.IGNORECASE,
)
#: The words that qualify a noun, up to the next punctuation (eight at most): "relating to
#: your account".
_QUALIFIER = re.compile(r"\s+((?:[\w'’-]+\s+){1,7}[\w'’-]+)")


def _whole_class_before(found: re.Match[str], old: str) -> bool:
    """Whether the old text already named the whole class a new catch-all opens, with the
    same qualifier, where the catch-all now stands: "provide them with information relating to
    your account" -> "... with data and any other information relating to your account"
    reaches nothing more. The class named once more ("We collect information relating to your
    account and share your name, and any other information relating to your account, ...")
    or qualified further ("relating to your purchases" -> "relating to your purchases or
    browsing") opens the list."""
    noun = found.group(0).split()[-1]
    qualifier = _QUALIFIER.match(found.string, found.end())
    if qualifier is None or not noun.isalpha():
        return False
    said = re.compile(rf"\b{re.escape(noun)}\s+{re.escape(qualifier.group(1))}\b", re.IGNORECASE)
    return len(said.findall(found.string)) <= len(said.findall(old)) > 0


def _default_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """A promise ("we do not train on your data") said to hold only by default: a setting that
    someone may change."""
    promises = [c for c in new.promises if c.kind == "power"]
    if not promises or readings.search("default_only", old.text) is not None:
        return []
    found = readings.search("default_only", new.text)
    if found is None:
        return []
    return [expands(f"promise now only a default: '{found.group(0)}'")]


_YOUR = re.compile(r"\byour\b", re.IGNORECASE)


#: What a threshold word must qualify to raise a commitment's trigger ("material changes",
#: "may greatly affect"), within a word: not "take great care".
_TRIGGER = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:chang|affect|impact|breach|updat|modif|effect|harm|risk|incident|"
    r"violat|revision|amend)",
    re.IGNORECASE,
)


def _triggers(text: str, readings: Readings) -> list[str]:
    return [
        m.group(0).lower()
        for m in readings.finditer("thresholds", text)
        if _TRIGGER.match(text, m.end())
    ]


def _spaced(text: str) -> str:
    return " ".join(text.lower().split())


def _threshold_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    """A commitment's trigger raised ("notify you of changes that may affect your rights" ->
    "that may greatly affect"): it now holds in fewer cases."""
    duties = [c for c in new.claims if c.kind == "duty" and not c.negated]
    if not duties:
        return []
    before = Counter(_triggers(old.text, readings))
    after = Counter(_triggers(new.text, readings))
    raised = after - before
    lowered = before - after
    if raised and not lowered:
        word = next(iter(raised))
        return [expands(f"commitment limited to {word} cases: '{duties[0].phrase}'")]
    if lowered and not raised:
        word = next(iter(lowered))
        return [narrows(f"commitment no longer limited to {word} cases: '{duties[0].phrase}'")]
    return []


@dataclass(frozen=True, slots=True)
class _Joined:
    conjunction: str  # "and" or "or" ("and/or" reads as "or": either one is enough)
    text: str


_JOINER = re.compile(r"\s*,?\s*(and/or|and|or)\s+", re.IGNORECASE)


def _joined_qualities(text: str, readings: Readings) -> dict[tuple[str, str], _Joined]:
    """Each two protective qualities written side by side with a conjunction between them."""
    found = readings.finditer("safeguard_qualities", text)
    joined: dict[tuple[str, str], _Joined] = {}
    for first, second in itertools.pairwise(found):
        between = _JOINER.fullmatch(text, first.end(), second.start())
        if between is None:
            continue
        word = between.group(1).lower()
        pair = (first.group(0).lower(), second.group(0).lower())
        joined.setdefault(
            pair, _Joined("and" if word == "and" else "or", text[first.start() : second.end()])
        )
    return joined


def _rights_denied_only(reading: Reading) -> bool:
    """Every claim of the sentence denies people a right ("you cannot delete your account",
    "you won't be able to access it"): no promise of the company's, whose exception would
    weaken it, but a restriction, whose exception lifts it for some."""
    return bool(reading.claims) and all(c.kind == "right" and c.negated for c in reading.claims)


def _only_exceptions_changed(old: str, new: str, readings: Readings) -> bool:
    """The two sentences differ only within their exceptions: the denial is the same, said in
    the same words ("You cannot delete your account" -> "..., except by contacting support"),
    not a denial widened beside the exception added ("You cannot opt out of service emails"
    -> "You cannot opt out of service emails or marketing emails, except by closing your
    account": marketing emails newly denied)."""
    old_words = list(re.finditer(r"\w+", old))
    new_words = list(re.finditer(r"\w+", new))
    old_spans, new_spans = _exception_parts(old, readings), _exception_parts(new, readings)

    def inside(found: list[re.Match[str]], spans: list[tuple[int, int]], i: int, j: int) -> bool:
        return all(any(a <= m.start() < b for a, b in spans) for m in found[i:j])

    matcher = difflib.SequenceMatcher(
        None, [m.group().lower() for m in old_words], [m.group().lower() for m in new_words], False
    )
    return all(
        inside(old_words, old_spans, i1, i2) and inside(new_words, new_spans, j1, j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    )


def _exception_parts(text: str, readings: Readings) -> list[tuple[int, int]]:
    """Where the sentence's exceptions stand (:func:`exception_spans`), one that opens the
    sentence up to its comma ("Except for paid HEY accounts, you won't be able to ...")."""
    spans = []
    for start, end in exception_spans(text, readings):
        comma = text.find(",", start, end)
        leading = not text[:start].strip(" \t\"'“‘(")
        spans.append((start, comma + 1 if leading and comma >= 0 else end))
    return spans


def _exception_findings(old: Reading, new: Reading, readings: Readings) -> list[Finding]:
    findings: list[Finding] = []
    stance = new.stance if new.stance != "none" else old.stance
    # lettered on both sides, the lettered items count; otherwise the exception words do (a
    # list lettered on one side only is the same list in another form)
    enumerated = old.exception_items > 0 and new.exception_items > 0
    before = old.exception_items if enumerated else old.exceptions
    after = new.exception_items if enumerated else new.exceptions
    if before == after and old.exceptions == new.exceptions:
        # the same exceptions: one allowing fewer alternatives is narrower ("unless you opted
        # out or use a product opted out by default" -> "unless you opted out")
        before, after = old.exception_alternatives, new.exception_alternatives
    if after > before:
        if stance == "permits":
            findings.append(narrows("exception added to what is permitted"))
        elif _rights_denied_only(new) and _only_exceptions_changed(old.text, new.text, readings):
            # "Except for paid HEY accounts, you won't be able to access your account once you
            # cancel": the exception gives some people back a right the sentence denies
            findings.append(narrows("exception added to a right denied"))
        elif (
            stance in ("denies", "protects")
            and new.compelled
            and not old.compelled
            and _added_exceptions_all_legal(old.text, new.text, readings)
        ):
            # "... unless required by law": the promise yields only to what the law compels
            what = "exception for what the law compels added to a promise"
            findings.append(Finding(Severity.MEDIUM, Direction.EXPANDS, what))
        elif stance in ("denies", "protects"):
            findings.append(expands("exception added to a promise"))
    elif after < before:
        if stance == "permits":
            findings.append(expands("exception removed from what is permitted"))
        elif _rights_denied_only(old) and _only_exceptions_changed(old.text, new.text, readings):
            # the right denied to more people; medium: a denial read across two sentences the
            # split joined ("... is not possible. c. Should the account be deleted by the user,
            # ..., with the exception of ...") takes the next sentence's rights for denied ones
            what = "exception removed from a right denied"
            findings.append(Finding(Severity.MEDIUM, Direction.EXPANDS, what))
        elif stance in ("denies", "protects"):
            findings.append(narrows("exception removed from a promise"))
    if new.conditions > old.conditions and new.promises:
        findings.append(expands("condition added to a commitment or right"))
    elif new.conditions < old.conditions and old.promises:
        findings.append(narrows("condition removed from a commitment or right"))
    if new.limiters < old.limiters and stance == "permits":
        findings.append(expands("limit removed from what is permitted"))
    elif new.limiters > old.limiters and stance == "permits":
        findings.append(narrows("limit added to what is permitted"))
    return findings


def _added_exceptions_all_legal(old: str, new: str, readings: Readings) -> bool:
    """Whether every alternative the new sentence's exceptions allow that the old one's did
    not is the law's ("... unless required by law"; "unless for legal disclosure, to comply
    with our legal obligations, or for automated scanning" adds one that is not: the
    company's own scanning)."""
    before = set(re.findall(r"\w+", " ".join(exception_alternatives(old, readings)).lower()))
    legal = False
    for index, part in enumerate(exception_alternatives(new, readings)):
        if index == 0 or not _LIST_ITEM.fullmatch(part):
            legal = compelled(part, readings) or _LEGAL.search(part) is not None
        # else a bare item continues the list of the alternative before it ("required by
        # applicable law, rule, or regulation": "rule" is the law's as "law" is)
        if not legal and not set(re.findall(r"\w+", part.lower())) <= before:
            return False
    return True


#: Words that make an exception the law's ("for legal disclosure", "where the court orders").
_LEGAL = re.compile(
    r"\b(?:laws?|legal(?:ly)?|lawful(?:ly)?|courts?|subpoenas?|warrants?|regulat\w*|judicial|"
    r"statut\w*|authorit(?:y|ies)|government(?:s|al)?|tribunals?)\b",
    re.IGNORECASE,
)
#: An alternative of one or two words with no word of its own to open it: an item of the list
#: of the alternative before it ("rule" in "by applicable law, rule, or regulation"), where "with
#: your consent" or "an emergency" is one of its own.
_LIST_ITEM = re.compile(
    r"\s*(?!(?:to|if|where|when|whenever|for|with|without|in|on|at|by|as|upon|under|unless|"
    r"a|an|the|any|your|our|their|its|we|you|they|it|this|that|such)\b)\w+(?:[ -]\w+)?[\s,]*",
    re.IGNORECASE,
)


def _inserted_findings(
    old: Reading, new: Reading, readings: Readings, new_all: str = ""
) -> list[Finding]:
    """What a sentence now does that it did not (a licence, a waiver, a forfeiture ...), or no
    longer does; ``new_all``: the whole new text the sentence is part of."""
    findings: list[Finding] = []
    if new.licence and not old.licence:
        findings.append(expands("licence over your content added"))
    elif old.licence and not new.licence:
        findings.append(narrows("licence over your content removed"))
    if new.waiver and not old.waiver and not _right_over_waiver(new, readings):
        findings.append(expands("arbitration or class-action waiver added"))
    elif old.waiver and not new.waiver:
        findings.append(narrows("arbitration or class-action waiver removed"))
    elif old.waiver and new.waiver and (joined := _people_joined(old.text, new.text, new_all)):
        findings.append(expands(f"arbitration or class-action waiver extended to: {joined}"))
    elif old.waiver and new.waiver and (left := _people_joined(new.text, old.text)):
        findings.append(narrows(f"arbitration or class-action waiver no longer for: {left}"))
    elif (
        old.waiver
        and new.waiver
        and (wider := _waiver_groups(new.text, readings) - _waiver_groups(old.text, readings))
        and not _right_over_waiver(new, readings)
    ):
        # "You may bring claims as part of a class action" -> "You waive any right to ...":
        # the words were there, the waiver of them is new
        findings.append(
            expands(f"arbitration or class-action waiver widened: {', '.join(sorted(wider))}")
        )
    if new.forfeits and not old.forfeits:
        findings.append(expands("value paid for forfeited: unused credits or balance taken"))
    elif old.forfeits and not new.forfeits:
        findings.append(narrows("forfeiture of unused credits or balance removed"))
    if new.unilateral and not old.unilateral:
        findings.append(expands(f"power to change at will added: '{new.unilateral}'"))
    elif old.unilateral and not new.unilateral:
        findings.append(narrows(f"power to change at will removed: '{old.unilateral}'"))
    if new.without_notice and not old.without_notice and not new.unilateral:
        findings.append(expands("notice no longer given: 'without notice' added"))
    elif old.without_notice and not new.without_notice and not old.unilateral:
        findings.append(narrows("'without notice' removed"))
    return findings


def _waiver_groups(text: str, readings: Readings) -> frozenset[str]:
    """What the waivers of ``text`` take (:func:`waiver_kinds` grouped: arbitration, a jury
    trial, a class action, a right waived), so that one word for another ("class action" ->
    "class-wide proceeding") takes nothing more."""
    return frozenset(
        next((group for stem, group in _WAIVER_GROUPS if stem in pattern), "class action")
        for pattern in waiver_kinds(text, readings)
    )


_WAIVER_GROUPS = (("arbitrat", "arbitration"), ("jury", "jury trial"), ("waive", "rights waived"))


def waiver_kinds(text: str, readings: Readings) -> frozenset[str]:
    """The rule file's waiver patterns that ``text`` matches (arbitration, class actions, jury
    trials, rights waived...)."""
    text = without_waiver_references(text)
    return frozenset(pattern for pattern, regex in readings.each("waiver") if regex.search(text))


#: A sentence that names a waiver only to say it does not bind ("in the courts of Ireland and
#: not by arbitration", "nothing in these terms requires you to arbitrate", "the arbitration
#: agreement does not apply to you", "you may choose arbitration or court", "you may invoke
#: binding arbitration" under the Data Privacy Framework): no waiver held.
_WAIVER_DENIED = re.compile(
    r"\bnothing in\b|\b(?:does|do|will|shall)(?: not|n[’']t) apply\b|\bexempt"
    r"|\bnot (?:be )?(?:required|obliged|obligated|bound|subject) to\b"
    r"|\bnot (?:by|through|via|in) (?:binding )?arbitrat"
    r"|\b(?:rather than|instead of)(?: by| in)? (?:binding |an? )?arbitrat"
    r"|\b(?:may|can) (?:choose|elect|opt for)\b|\boptional\b|\binvoke\b",
    re.IGNORECASE,
)
#: A waiver said of some people only: "If you live in the United States, ...", "residents of
#: Canada", "For customers based elsewhere", "users located in the EU".
_FOR_SOME = re.compile(
    r"\b(?:if|where|when|while) you (?:live|reside|are (?:located|based|domiciled|a (?:resident|"
    r"consumer|customer|business)))\b|\b(?:residents?|citizens?) of\b"
    r"|\b(?:residents?|consumers?|users?|customers?|subscribers?|businesses) (?:who (?:live|reside"
    r"|are located)|located|based|resident|domiciled|in|outside|from)\b|\bnon[- ]\w+ (?:based )?"
    r"(?:residents|consumers|users|customers|subscribers|businesses)\b",
    re.IGNORECASE,
)
#: A waiver said of every dispute or every user: "All disputes ...", "any claim", "wherever you
#: live", "all other users".
_FOR_ALL = re.compile(
    r"\b(?:all|any|every|each)\b(?: [\w-]+){0,2} (?:disputes?|claims?|controvers(?:y|ies)|users?"
    r"|customers?)\b|\b(?:wherever you|regardless of (?:where|your))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Waivers:
    """The waivers a version holds: for everyone, or for some people only ("If you live in the
    United States, ..."); a sentence that only denies one holds none."""

    whole: frozenset[str]
    some: frozenset[str]

    def cover(self, sentence: str, readings: Readings) -> bool:
        """Whether ``sentence``'s waivers were already held: the same kinds, for everyone when
        the sentence says it binds every dispute or user ("All disputes ...", "wherever you
        live"); "The arbitrator will have authority to ..." details one held for some."""
        kinds = waiver_kinds(sentence, readings)
        if _FOR_ALL.search(sentence) and not _FOR_SOME.search(sentence):
            return kinds <= self.whole
        return kinds <= self.whole | self.some


def _without_held_waiver(reading: Reading, held: Waivers, readings: Readings) -> Reading:
    """``reading`` with no waiver of its own when ``held`` already covers the one it names."""
    return replace(reading, waiver=False) if held.cover(reading.text, readings) else reading


def waivers_in(text: str, readings: Readings) -> Waivers:
    """The waivers ``text`` holds, sentence by sentence (:class:`Waivers`)."""
    whole: set[str] = set()
    some: set[str] = set()
    for sentence in sentences(text):
        kinds = waiver_kinds(sentence, readings)
        if kinds and not _WAIVER_DENIED.search(sentence):
            (some if _FOR_SOME.search(sentence) else whole).update(kinds)
    return Waivers(frozenset(whole), frozenset(some))


#: Capitalised words in a row that name people or places: "Canada", "Canadian", "EU", "U.S.",
#: "United States", "Puerto Rico".
_PROPER = re.compile(r"\b[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3}")
#: Capitalised words that name no one: a sentence's first word, a group's determiner.
_NAMING_NO_ONE = frozenset(
    [
        "if",
        "when",
        "where",
        "while",
        "all",
        "any",
        "each",
        "every",
        "our",
        "your",
        "the",
        "other",
        "such",
        "these",
        "those",
        "some",
        "certain",
        "new",
        "existing",
        "you",
    ]
)
#: People named by where they are: "US users", "EU and UK customers", "Canadian residents" (a
#: few names: a run of capitalised words that names no one is not scanned again from each word).
_NAMED_GROUP = re.compile(
    r"\b[A-Z][\w.]*(?:,?\s+(?:and|or)?\s*[A-Z][\w.]*){0,8}\s+(?:residents?|users?|customers?"
    r"|consumers?|subscribers?|citizens?|members?)\b"
)
#: How far after a group of people (":data:`_FOR_SOME`") the places that name it are looked for.
_GROUP_REACH = 60
#: Where the places that name a group end: a semicolon or colon, or a comma not followed by
#: another name ("If you live in the United States, Canada or Mexico, you agree ...").
_GROUP_END = re.compile(r"[;:]|,(?!\s*(?:(?:and|or)\s+)?(?:the\s+)?[A-Z])")
#: Words before or in a group that leave its people out of what the sentence says: "Except
#: for EU users", "Users outside the EU", "unless you are an EU resident", "non-US users".
_LEAVING_OUT = re.compile(
    r"\b(?:except|excluding|unless|other than|outside|not|non)\b", re.IGNORECASE
)
#: How far before a group the words that leave it out are looked for (within its clause).
_LEAVING_REACH = 30


def _people_joined(old: str, new: str, new_all: str = "") -> str:
    """The people or places a waiver said of some only is now said of as well: "If you live in
    the United States" -> "... the United States or Canada" joins "Canada"; "US users" -> "US
    and EU users" joins "EU"; one that leaves people out now leaves fewer out ("Except for EU
    and UK users" -> "Except for EU users" joins "UK"); one that names no one now ("If you live
    in the United States, you agree ..." -> "You agree ...") joins everyone, unless the new
    text (``new_all``) still names them elsewhere ("This section applies to US users."). ""
    when none joined, when some named before are gone (a renaming: "United States" ->
    "U.S."), or when one version leaves its people out and the other does not."""
    if _WAIVER_DENIED.search(new):
        return ""
    (old_names, old_out), (new_names, new_out) = _group_names(old), _group_names(new)
    if (
        old_names
        and not old_out
        and not new_names
        and not _FOR_SOME.search(new)
        and not any(name in new_all for name in old_names.values())
    ):
        return f"everyone, not only {', '.join(old_names.values())}"
    if old_out != new_out:
        return ""
    if old_out:  # the names are of the people spared: those no longer named are joined
        old_names, new_names = new_names, old_names
    if not old_names or old_names - new_names.keys():
        return ""
    return ", ".join(name for key, name in new_names.items() if key not in old_names)


def _group_names(sentence: str) -> tuple[dict[str, str], bool]:
    """The names (folded: written) of the people or places a sentence restricts itself to or
    leaves out, and whether it leaves them out."""
    regions: list[str] = []
    out = False
    found = [(m, m.group()) for m in _NAMED_GROUP.finditer(sentence)]
    for match in _FOR_SOME.finditer(sentence):
        after = sentence[match.start() : match.end() + _GROUP_REACH]
        found.append((match, _GROUP_END.split(after, maxsplit=1)[0]))
    for match, region in found:
        before = re.split(
            r"[.;:,]", sentence[max(0, match.start() - _LEAVING_REACH) : match.start()]
        )
        out = out or _LEAVING_OUT.search(f"{before[-1]} {match.group()}") is not None
        regions.append(region)
    names = (
        " ".join(w.rstrip(".") for w in m.group().split() if w.lower() not in _NAMING_NO_ONE)
        for region in regions
        for m in _PROPER.finditer(region)
    )
    return {n.lower(): n for n in names if n}, out


def _right_over_waiver(reading: Reading, readings: Readings) -> bool:
    """A sentence that lets people opt out of arbitration grants a right, not a waiver; one
    that names arbitration only to say it does not bind ("the DPF provides the right to invoke
    binding arbitration", "nothing in these terms requires you to arbitrate") imposes none."""
    if any(c.kind == "right" and not c.negated for c in reading.claims):
        return True
    # the denial holds only in its own part: in "any dispute will be resolved by binding
    # arbitration; some features are optional" the waiver stands
    waiving = [p for p in _CLAUSES.split(reading.text) if p and readings.search("waiver", p)]
    return bool(waiving) and all(_WAIVER_DENIED.search(p) for p in waiving)


#: Where the parts of a sentence that may each impose or deny a waiver meet.
_CLAUSES = re.compile(r";|,\s+(?:and|but|or|however|whereas|while)\s+", re.IGNORECASE)


# -- a sentence or clause added or removed -------------------------------------------------------


def statement_findings(
    text: str,
    side: str,
    readings: Readings,
    stated: StillMade | None = None,
    shared: SharedBefore | None = None,
    waived: WaivedBefore | None = None,
    spread: SpreadBefore | None = None,
    collected: CollectedBefore | None = None,
    purposed: PurposedBefore | None = None,
) -> list[Finding]:
    """Findings of a sentence (or a whole clause) that was ``added`` or ``removed``;
    ``shared``: whether the old version already gave data to some recipients; ``spread``:
    whether it already let data be passed on with a verb; ``collected``: whether it already
    took these kinds of sensitive data; ``purposed``: whether it already used data for these
    purposes; ``waived``:
    the waivers the old version already has (an arbitration clause added to a version that
    already sends disputes to the same arbitration is no new waiver)."""
    findings: list[Finding] = []
    read = _consent_carried_back(
        [read_sentence(sentence, readings) for sentence in sentences(match_form(text))]
    )
    if any(r.safeguarded for r in read):  # "(a) Adequacy decisions. ... We transfer ...": the
        # safeguard covers its clause, but not a sentence naming who receives the data
        read = [r if r.scope["recipients"] else replace(r, safeguarded=True) for r in read]
    previous: str | None = None
    for reading in read:
        if side == "added" and reading.waiver and waived is not None:
            reading = _without_held_waiver(reading, waived(), readings)
        if not _elaborates_a_denial(reading.text, previous, readings):
            findings += _statement(
                reading,
                side,
                readings,
                stated=stated,
                shared=shared,
                spread=spread,
                collected=collected,
                purposed=purposed,
            )
        previous = reading.text
    return findings


def _consent_carried_back(read: list[Reading]) -> list[Reading]:
    """A sentence that makes the things the sentence before it uses wait for consent ("We use
    cookies for advertising. These cookies will only be used with your explicit consent.")
    gates that sentence too: it is read as needing the user's consent. Only for cookies and
    such technologies, named again by "these" or "such" (partners "only using your data with
    your consent" say nothing of whether it is shared with them)."""
    for index in range(1, len(read)):
        gate = _GATES_THE_SENTENCE_BEFORE.match(read[index].text)
        if gate is None or not read[index].opt_in:
            continue
        before = read[index - 1]
        if not before.opt_in and re.search(rf"\b{gate.group(1)[:6]}", before.text, re.I):
            read[index - 1] = replace(before, opt_in=True)
    return read


#: "These (non-essential) cookies will only be used with your (explicit) consent."
_GATES_THE_SENTENCE_BEFORE = re.compile(
    r"(?:these|such|those) (?:[\w-]+ ){0,2}?(cookies|technologies|trackers|pixels|tags|sdks)\b"
    r"[^.]{0,60}\b(?:only|solely)\b[^.]{0,40}\bconsent\b",
    re.IGNORECASE,
)


def _statement(
    reading: Reading,
    side: str,
    readings: Readings,
    reworded: set[str] | frozenset[str] = frozenset(),
    stated: StillMade | None = None,
    shared: SharedBefore | None = None,
    spread: SpreadBefore | None = None,
    collected: CollectedBefore | None = None,
    purposed: PurposedBefore | None = None,
) -> list[Finding]:
    """What an added or removed sentence does. ``reworded``: keys of the promises the other side
    of the change states (a right said again in other words was not removed); ``stated``:
    whether the new version still makes a removed promise elsewhere; ``shared``: whether the
    old version already gave data to recipients (an added sentence naming only those restates
    a disclosure); ``spread``: whether it already let data be passed on with a verb (an added
    sentence that names no recipient, purpose or sensitive data gives that power again, on
    other terms); ``collected``: whether it already took kinds of sensitive data (an added
    sentence that only takes those, and passes nothing on, says again what it took);
    ``purposed``: whether it already used people's data for purposes (an added sentence whose
    only serious words are those purposes, naming no recipient, sensitive data or reach and
    passing nothing on, uses the data again for them)."""
    added = side == "added"
    excerpt = shorten(reading.text)
    if _NOT_ALWAYS.search(reading.text) and any(
        c.kind == "duty" and c.negated for c in reading.claims
    ):
        # "However, we may not always provide prior notice of changes ... when ...": a carve-out
        # of a commitment the document makes, not a promise
        return (
            [expands(f"commitment no longer always kept: '{excerpt}'")]
            if added
            else [narrows(f"carve-out of a commitment removed: '{excerpt}'")]
        )
    if reading.licence:
        if added and service_only_licence(reading.text):
            return [
                Finding(
                    Severity.MEDIUM,
                    Direction.EXPANDS,
                    f"licence over your content, only to provide the service, added: '{excerpt}'",
                )
            ]
        return (
            [expands(f"licence over your content added: '{excerpt}'")]
            if added
            else [narrows(f"licence over your content removed: '{excerpt}'")]
        )
    if reading.waiver and not _right_over_waiver(reading, readings):
        return (
            [expands(f"arbitration or class-action waiver added: '{excerpt}'")]
            if added
            else [narrows(f"arbitration or class-action waiver removed: '{excerpt}'")]
        )
    if reading.forfeits:
        return (
            [expands(f"value paid for forfeited: '{excerpt}'")]
            if added
            else [narrows(f"forfeiture of value paid for removed: '{excerpt}'")]
        )
    if reading.liability_excluded:
        return (
            [
                Finding(
                    Severity.MEDIUM, Direction.EXPANDS, f"company's liability excluded: '{excerpt}'"
                )
            ]
            if added
            else [narrows(f"exclusion of the company's liability removed: '{excerpt}'")]
        )
    notice_dropped = _NOTICE_DISAPPLIED.search(reading.text)
    if notice_dropped is not None and not _USERS_OWN.search(
        reading.text, 0, notice_dropped.start()
    ):
        # "Cancelling your subscription does not require notice": the user's act, not a change
        what = f"'{notice_dropped.group(0)}'"
        return (
            [expands(f"notice of a change disapplied: {what}")]
            if added
            else [narrows(f"disapplied notice of a change restored: {what}")]
        )
    if reading.change_guarded and not (added and reading.unilateral):
        # a power to change at will added beside the promise is the worse news
        return (
            [narrows(f"promise of notice or consent before changes added: '{excerpt}'")]
            if added
            else [expands(f"promise of notice or consent before changes removed: '{excerpt}'")]
        )
    if reading.unilateral:
        return (
            [expands(f"power to change at will added: '{reading.unilateral}'")]
            if added
            else [narrows(f"power to change at will removed: '{reading.unilateral}'")]
        )
    if reading.pointer:
        return []
    if readings.search("bundled_consent", reading.text) is not None:
        # marketing people agreed to only by signing up: a default, not a choice
        return (
            [expands(f"marketing by default, agreed to by signing up: '{excerpt}'")]
            if added
            else [narrows(f"marketing by default removed: '{excerpt}'")]
        )
    if reading.prohibition and not reading.claims:
        if introduces_list(reading.text):  # its items, each a change of its own, say what
            return [neutral(Severity.LOW, f"introduction of rules for users {side}: '{excerpt}'")]
        return (
            [neutral(Severity.MEDIUM, f"rule for users added: '{excerpt}'")]
            if added
            else [narrows(f"rule for users removed: '{excerpt}'")]
        )
    # a practice the user controls is no new one, unless it takes sensitive data ("you can
    # control how we use your precise location to show you ads" still says it is used)
    powers = [c for c in reading.powers if c.on_data and (not c.controlled or reading.sensitive)]
    promises = [
        c
        for c in reading.promises
        if c.key not in reworded
        and c.kind not in reworded
        and not _purpose_of(c, powers, reading.text)
        and not _denied_over_nothing_of_theirs(c, reading.text)
    ]
    serious = _serious(reading, powers)
    if added:
        if serious:
            if reading.opt_in and not _consent_not_enough(reading, readings):
                return [
                    Finding(Severity.MEDIUM, Direction.EXPANDS, f"new, with consent: '{excerpt}'")
                ]
            if (
                introduces_list(reading.text)
                and _TO_LISTED_RECIPIENTS.search(reading.text) is not None
                and not _names_what_it_spreads(reading)
                and not _spreads_seriously(powers)
            ):
                # "We may disclose personal data to the following types of companies:": who
                # gets it is in the items, each a change of its own read as a recipient (the
                # rule file's sharing_sections); a sale is serious itself, and a list of
                # countries names no recipient
                return [neutral(Severity.LOW, f"introduction of a list added: '{excerpt}'")]
            if _restates_sharing(reading, shared, purposed):
                named = ", ".join(sorted(reading.scope["recipients"])[:3])
                return [neutral(Severity.LOW, f"recipients already named before: {named}")]
            if _restates_spreading(reading, powers, spread):
                verb = next(c.verb for c in powers if c.spreading)
                return [
                    Finding(
                        Severity.MEDIUM,
                        Direction.EXPANDS,
                        f"'{verb}' already allowed before, now also: '{excerpt}'",
                    )
                ]
            if _restates_collection(reading, powers, collected):
                kinds = ", ".join(sorted(reading.sensitive)[:3])
                return [
                    Finding(
                        Severity.MEDIUM,
                        Direction.EXPANDS,
                        f"data already collected before: {kinds}: '{excerpt}'",
                    )
                ]
            if _restates_purposes(reading, readings, powers, serious, purposed):
                named = ", ".join(sorted(reading.scope["purposes"])[:3])
                return [
                    Finding(
                        Severity.MEDIUM,
                        Direction.EXPANDS,
                        f"purposes already stated before: {named}: '{excerpt}'",
                    )
                ]
            if _only_bounds_retention(reading, powers):
                # "We keep your payment information for the duration you use our paid
                # products": how long data already held is kept, not a new use of it
                return [
                    Finding(Severity.MEDIUM, Direction.EXPANDS, f"retention stated: '{excerpt}'")
                ]
            if _only_compelled(reading, powers):
                # "We may disclose your information to law enforcement when required by law":
                # what any company must do, a notice (the readers of the real sets: w095)
                return [
                    Finding(
                        Severity.MEDIUM,
                        Direction.EXPANDS,
                        f"disclosure the law compels added: '{excerpt}'",
                    )
                ]
            term = defined_term(reading.text)
            if term is not None and not any(c.spreading and not c.negated for c in powers):
                # '"Model Content" means (i) AI Input you submit; ... error messages': what a
                # term covers; what is done with it is said where the term is used (unless
                # the definition passes data on itself: '... the personal information we
                # disclose to our advertising partners')
                what = f"definition added: '{term}' covers {', '.join(serious[:3])}"
                return [Finding(Severity.MEDIUM, Direction.EXPANDS, what)]
            # taken with consent and still serious: say so ("new, with consent" is medium else)
            new = "new, with consent" if reading.opt_in else "new"
            return [expands(f"{new}: '{excerpt}' ({', '.join(serious[:3])})")]
        if promises and powers and _only_provisos(promises, powers, reading.text):
            # "GitHub may exploit such Feedback for ..., provided that no data will be used to
            # identify Customer": a new power, the promise only limits it
            return [Finding(Severity.MEDIUM, Direction.EXPANDS, f"new, with a limit: '{excerpt}'")]
        if promises and not (powers and reading.at_will):
            return [narrows(f"{_noun(promises[0])} added: '{excerpt}'")]
        if powers and reading.without_notice and _AT_WILL.search(reading.text):
            return [expands(f"power at will, without notice, added: '{excerpt}'")]
        if (
            reading.indefinite
            and (
                any(_KEEPING.match(c.verb) for c in powers)
                or _PERSISTS.search(reading.text)
                or _RECORD_KEPT.search(reading.text)
            )
            and not _PROTECTED.search(reading.text)
        ):
            return [expands(f"open-ended retention added: kept {reading.indefinite}")]
        if powers:
            return [Finding(Severity.MEDIUM, Direction.EXPANDS, f"new: '{excerpt}'")]
        if reading.indefinite:
            return [Finding(Severity.MEDIUM, Direction.EXPANDS, f"kept {reading.indefinite}")]
        return []
    if promises:
        dropped = [c for c in promises if stated is None or not stated(c, reading)]
        if dropped and all(c.kind == "duty" and c.modality == "permissive" for c in dropped):
            # "... and address situations where we may be able to help protect our community":
            # a "may" binds the company to nothing, so nothing it was bound to is lost
            reason = f"{_noun(dropped[0])} that bound nothing removed: '{excerpt}'"
            return [Finding(Severity.MEDIUM, Direction.EXPANDS, reason)]
        if dropped:
            return [_promise_loss(dropped, excerpt, reading, readings)]
        return [neutral(Severity.LOW, f"{_noun(promises[0])} still made elsewhere: '{excerpt}'")]
    if powers and _bounds_retention(reading, powers):
        return [
            Finding(Severity.MEDIUM, Direction.EXPANDS, f"retention limit removed: '{excerpt}'")
        ]
    if powers and _ONLY_WITH_CONSENT.search(reading.text):
        # "We will only use this data where the necessary consent has been obtained" is the
        # promise "we will not use it without consent": removed, the use no longer waits
        return [expands(f"promise of consent removed: '{excerpt}'")]
    if powers:
        return [narrows(f"no longer stated: '{excerpt}'")]
    return []


def _only_provisos(promises: Sequence[Claim], powers: Sequence[Claim], text: str) -> bool:
    """Whether every promise of a sentence stands in a proviso after one of its powers ("We may
    use it for research, provided that we will not identify you"): the proviso limits the
    power the sentence grants, it is no promise of its own. A promise past the proviso's
    clause ("..., as long as your account is active, and we will delete it ...") is one."""
    first = min((c.start for c in powers if not c.negated), default=None)
    if first is None:
        return False
    for promise in promises:
        proviso = _PROVISO.search(text, first, promise.start)
        if proviso is None or _PROVISO_END.search(text, proviso.end(), promise.start):
            return False
    return True


#: Words that open a proviso limiting what the sentence said before them.
_PROVISO = re.compile(
    r"\b(?:provided(?:,)? (?:that|however)|so long as|as long as|on (?:the )?condition that)\b",
    re.IGNORECASE,
)
#: Where a proviso's clause ends and another begins: "; ", ", and ", ", but ", "after which".
_PROVISO_END = re.compile(r"[;:]|,\s*(?:and|but|or|while|whereas)\b|\bafter which\b", re.IGNORECASE)


#: A practice done only with people's consent ("only ... where the necessary consent has been
#: obtained", "only with your consent", "only if you consent"), or by other words for it ("only
#: with your permission", "with your prior authorization", "only if you opt in"): a promise not
#: to do it without.
_ONLY_WITH_CONSENT = re.compile(
    r"\bonly\b[^.;]{0,120}?\b(?:with|where|if|when|once|after|upon|subject to)\b"
    r"(?:\s+(?:you|your|the|their|users?['’]?|(?:have|has|had|been|given|obtained|necessary|"
    r"prior|express|explicit|required|appropriate|relevant|applicable))){0,5}"
    r"\s+(?:consent|permission|authori[sz]ation|approval|opt(?:s|ed)?[- ]in\b)",
    re.IGNORECASE,
)

#: What the user does or owns ("you", "your subscription"), before a notice disapplied.
_USERS_OWN = re.compile(r"\b(?:you|your|yours|users?)\b", re.IGNORECASE)
#: Notice of a change made unnecessary: "Commencing a use described in this Section is not a
#: modification of these Terms and does not require the notice described in Section 1.1".
_NOTICE_DISAPPLIED = re.compile(
    r"\b(?:does|do|will|shall) not require (?:the |any |a )?(?:prior |advance |further )?"
    r"(?:notice|notification)\b(?! to you from you)"
    r"|\b(?:is|are|will not be|shall not be) not (?:be )?(?:a|an|considered a|deemed a) "
    r"(?:modification|amendment|change) (?:of|to) (?:these|this|the) (?:terms|agreement|policy)\b",
    re.IGNORECASE,
)


def service_only_licence(text: str) -> bool:
    """A licence limited to providing the service ("a non-exclusive right to use the Outputs
    for the purpose of performing the Services"): routine, unlike one that reaches training,
    improving, promoting, selling or exploiting, third parties or other products, that never
    ends or that may be passed on (sublicensable, transferable), or "not only" the service."""
    return _SERVICE_ONLY.search(text) is not None and _BEYOND_SERVICE.search(text) is None


_SERVICE_ONLY = re.compile(
    r"(?<!\bnot )\b(?:solely|only|exclusively|for the (?:sole |limited )?purposes? of|"
    r"to the extent (?:necessary|needed|required) (?:to|for))\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:provid|perform|operat|deliver|host|run|supply)\w*,?\s+"
    r"(?:(?:and\s+|or\s+)?[\w'’-]+,?\s+){0,6}?(?:services?|products?|platform)\b",
    re.IGNORECASE,
)
_BEYOND_SERVICE = re.compile(
    r"\b(?:train\w*|improv\w*|develop\w*|enhanc\w*|market\w*|promot\w*|advertis\w*|"
    r"research\w*|commercial\w*|exploit\w*|monetiz\w*|monetis\w*|sell\w*|sold|sale|models?|"
    r"third[- ]part(?:y|ies)|partners?|"
    r"(?<!non-)(?:perpetual\w*|irrevocabl[ey]|sub-?licen[cs]e?able|transferable|assignable)|"
    r"(?:and|or) (?:our |its )?(?:other|any) (?:\w+ )?(?:purposes?|products?|services?))\b",
    re.IGNORECASE,
)


#: Words for places a list may name instead of recipients ("to the following countries:").
PLACE_LIST_WORDS = r"(?:countries|jurisdictions|regions|territories|locations|places)"
#: A list's lead-in whose items are who gets the data (as the rule file's sharing_sections
#: reads it for them): not places ("to the following countries:").
_TO_LISTED_RECIPIENTS = re.compile(
    rf"\b(?:with|to) the following\b(?!\s+{PLACE_LIST_WORDS}\b)", re.IGNORECASE
)


def _only_compelled(reading: Reading, powers: Sequence[Claim]) -> bool:
    """The sentence passes data on only when the law compels it, to those who may compel it
    (authorities, or third parties at large): no sensitive data, purpose, reach beyond the
    service, sale or training, nor a recipient chosen by the company (advertisers)."""
    if not reading.compelled or reading.sensitive or reading.scope["reach"]:
        return False
    if any(not _MILD_PURPOSE.match(t) for t in reading.scope["purposes"]):
        return False
    if _spreads_seriously(powers):
        return False
    return all(_COMPELLING.fullmatch(t) for t in reading.scope["recipients"])


#: Recipients a disclosure the law compels goes to: authorities, or whoever asks.
_COMPELLING = re.compile(
    r"law enforcement|governments?|public authorities|third[- ]part(?:y|ies)|"
    r"(?:outside|external) parties",
    re.IGNORECASE,
)


def _names_what_it_spreads(reading: Reading) -> bool:
    """The sentence names a recipient, a purpose or sensitive data itself (what
    :func:`_serious` gives as its reasons besides the bare verb)."""
    return bool(reading.scope["recipients"] or reading.scope["purposes"] or reading.sensitive)


def _spreads_seriously(powers: Iterable[Claim]) -> bool:
    """Selling, renting, licensing or training: serious whoever gets the data."""
    return any(c.spreading and c.verb.startswith(SERIOUS_SPREADING_STEMS) for c in powers)


def _consent_not_enough(reading: Reading, readings: Readings) -> bool:
    """The sentence takes data whose new collection is serious even when the user chose it or
    consented (the rule file's ``consent_not_enough``: face geometry, voiceprints, other
    biometric identifiers), named in a part of it that takes data ("we collect your precise
    location, but we never collect biometric data" takes none)."""
    parts = _opposed_parts(reading.text)
    return any(
        a <= found.start() < b and any(a <= c.start < b for c in reading.powers)
        for found in readings.finditer("consent_not_enough", reading.text)
        for a, b in parts
    )


def _restates_sharing(
    reading: Reading, shared: SharedBefore | None, purposed: PurposedBefore | None
) -> bool:
    """The sentence only says data goes to recipients the old version already gave it to: no
    purpose, no sensitive data, no reach beyond the service ("third-party" in "on third-party
    sites"), no other spreading than sharing with them."""
    recipients = reading.scope["recipients"]
    if shared is None or not recipients or reading.sensitive:
        return False
    if reading.scope["purposes"] and (purposed is None or not purposed(reading)):
        return False
    if reading.scope["reach"]:
        return False
    if _spreads_seriously(reading.powers):
        return False  # selling or training is serious whoever the recipients are
    return shared(recipients)


def _restates_spreading(
    reading: Reading, powers: Sequence[Claim], spread: SpreadBefore | None
) -> bool:
    """The sentence passes data on without saying to whom, for what or what data beyond
    people's data in general ("We may disclose information if needed to enforce our Terms"),
    with verbs the old version already allowed it with ("We may disclose your information to
    comply with the law"): the power is not new, only the case it is used in. Never so for
    selling, renting, licensing or training, nor data taken from beyond the service, nor a
    power without bound ("for any reason", "at any time", "to anyone")."""
    if spread is None or _names_what_it_spreads(reading) or reading.scope["reach"]:
        return False
    if reading.at_will or _ANYONE.search(reading.text):
        return False  # "for any reason", "at any time", "to anyone": no case, no bound
    spreading = [c for c in powers if c.spreading]
    if not spreading or _spreads_seriously(spreading):
        return False
    if any(_GIVEN_TO_SOMEONE.match(reading.text, c.end) for c in spreading):
        return False  # "share it with the hosts of events you attend": a recipient all the same
    return all(spread(c) for c in spreading)


#: Someone named after a spreading verb, in words no recipient term knows ("share analytics
#: information with the hosts of live events", "disclose it to the owners of videos you view",
#: "share usage data with your employer", "disclose it to an insurance company"): "with" or
#: "to", then a determiner and a noun that names no case ("to the extent", "with your consent",
#: "to comply" are no one), and not as the owner of something ("with the user's consent") or
#: someone harm may come to ("to prevent serious harm to a person").
_GIVEN_TO_SOMEONE = re.compile(
    r"[^.;:]*?\b(?<!harm )(?<!injury )(?<!danger )(?<!threat )(?<!risk )(?<!damage )"
    r"(?:with|to)\s+(?:the|our|its|their|these|those|other|certain|some|selected|"
    r"select|trusted|your|an?|any)\s+(?!(?:extent|law|laws|consent|permission|purposes?|terms|"
    r"settings|request|requests|choices?|preferences?|process|services?|same|following|public)\b)"
    r"(?:[\w'’-]+\s+){0,2}?(?:hosts?|owners?|administrators?|admins?|members?|organi[sz]ers?|"
    r"creators?|publishers?|sellers?|buyers?|merchants?|employers?|schools?|institutions?|"
    r"operators?|people|persons?|individuals?|users?|customers?|clients?|teams?|"
    r"recipients?|parties|party|companies|company|entities|entity|organi[sz]ations?)\b"
    r"(?!['’])",
    re.IGNORECASE,
)


def _restates_collection(
    reading: Reading, powers: Sequence[Claim], collected: CollectedBefore | None
) -> bool:
    """The sentence takes kinds of sensitive data the old version already took ("We collect
    your birthday" after "We collect your email and birth date"), names no other kind of data
    it did not take, and nothing else that is serious: no recipient, purpose or data from
    beyond the service, and passes nothing on."""
    if collected is None or not reading.sensitive or _names_what_it_spreads_beyond(reading):
        return False
    if any(c.spreading for c in powers):
        return False
    return collected(reading)


def _restates_purposes(
    reading: Reading,
    readings: Readings,
    powers: Sequence[Claim],
    serious: Sequence[str],
    purposed: PurposedBefore | None,
) -> bool:
    """The sentence uses de-identified or aggregated data (the rule file's
    ``safeguard_qualities``) for purposes the old version already used people's data for ("we
    may aggregate or de-identify your information and use it for research", after "we may
    anonymize it and use it ... for research purposes"), and nothing else about it is serious:
    no recipient, sensitive data or reach, nothing passed on, no power without bound. People's
    data itself put to a purpose named before is still read as new (a new kind of data or
    content may be used for it: "we use your content for training" after "we use feedback for
    training")."""
    if purposed is None or not reading.scope["purposes"]:
        return False
    if readings.search("safeguard_qualities", reading.text) is None and not any(
        c.kind == "duty" and not c.negated and _DE_IDENTIFYING.match(c.verb) for c in reading.claims
    ):
        return False  # people's data as such put to a purpose again is read as new
    if reading.scope["recipients"] or reading.sensitive or reading.scope["reach"]:
        return False
    if any(c.spreading for c in powers) or reading.at_will or _ANYONE.search(reading.text):
        return False
    if not set(serious) <= reading.scope["purposes"]:
        return False
    return purposed(reading)


#: Verbs that make data no longer people's ("we may aggregate or de-identify your information
#: and use it ..."), as the rule file's ``safeguard_qualities`` adjectives say it is.
_DE_IDENTIFYING = re.compile(r"anonymi[sz]|de-?identif|aggregat|pseudonymi[sz]", re.IGNORECASE)


def _names_what_it_spreads_beyond(reading: Reading) -> bool:
    """A recipient, a purpose or a reach beyond the service named in the sentence."""
    return bool(reading.scope["recipients"] or reading.scope["purposes"] or reading.scope["reach"])


#: A recipient without bound ("to anyone", "with anyone we choose", "any third party").
_ANYONE = re.compile(
    r"\b(?:any ?one|any ?body|whoever|whomever|any (?:other )?(?:third[- ]part(?:y|ies)|"
    r"persons?|entit(?:y|ies)|company|companies|organi[sz]ations?))\b",
    re.IGNORECASE,
)

#: How the words start that name spreading serious in itself, whoever gets the data (selling,
#: renting, training, licensing, monetising): verbs of claims, and words inserted in a heading.
SERIOUS_SPREADING_STEMS = (
    "sell",
    "sold",
    "sale",
    "rent",
    "train",
    "licens",
    "sublicens",
    "monetiz",
    "monetis",
)


def _bounds_retention(reading: Reading, powers: Sequence[Claim]) -> bool:
    """A statement that data is kept only so long ("we keep your chats for 30 days", "until you
    delete them"): removing it leaves the retention without a stated end."""
    keeps = any(_KEEPING.match(c.verb) for c in powers)
    bounded = any(q.kind == "period" for q in reading.quantities) or _UNTIL.search(reading.text)
    return keeps and bool(bounded)


def _purpose_of(claim: Claim, powers: Sequence[Claim], text: str) -> bool:
    """A duty's verb in an infinitive of purpose after a power on data, in the same clause, is
    what the power is for, not a commitment ("we may need to use your account information to
    verify your activity and protect against fraud", "we need to retain information to identify
    and report illegal activity or protect our users")."""
    if claim.kind != "duty" or claim.negated or _DISPOSING.match(claim.verb):
        return False  # data is not collected to be deleted: "... and delete it" is a duty
    if _TOWARD.match(text, claim.end):
        return False  # toward the user or over the data itself: "notify you", "encrypt them"
    for power in powers:
        if power.end > claim.start or _CLAUSE_BREAK.search(text, power.end, claim.start):
            continue
        purposes = list(_PURPOSE.finditer(text, power.end, claim.start))
        # the duty is a verb of that infinitive, not a verb of its own ("to provide the
        # service and will delete it" keeps the deletion a commitment)
        if purposes and not _FINITE.search(text, purposes[-1].end(), claim.start):
            return True
    return False


#: "to" before a verb: not "to the", "to third parties", "to us" (where data goes).
_PURPOSE = re.compile(
    r"\b(?:in order )?to\s+(?!(?:the|a|an|our|your|their|its|his|her|us|you|them|him|it|any|"
    r"all|such|these|those|this|that|third|other|another|some|each|every|law|government|"
    r"public|service|affiliates?|partners?|vendors?|advertisers?|[A-Z]\w*)\b)[a-z]+",
)
#: The object right after a duty's verb that makes it a commitment: the user ("notify you
#: before we disclose them") or the data itself ("encrypt them at rest").
_TOWARD = re.compile(r"\s+(?:you|it|them)\b", re.IGNORECASE)
_DISPOSING = re.compile(r"(?:delet|eras|destroy|anonymi|de-?identif|aggregat)", re.IGNORECASE)
_FINITE = re.compile(
    r"\b(?:will|shall|must|may|might|can|could|would|should|cannot|do|does|did|is|are|we|you)\b",
    re.IGNORECASE,
)
#: The end of a clause between a power and a duty ("we share it with partners; we will
#: protect it", ", and we will ...").
_CLAUSE_BREAK = re.compile(r"[;.!?]|,\s*(?:(?:and|but|while)\s+)?(?:we|you|they)\b", re.IGNORECASE)


def _only_bounds_retention(reading: Reading, powers: Sequence[Claim]) -> bool:
    """Every power of the sentence keeps data, within a stated bound (a period, "until",
    "for the duration of"), and nothing spreads it or puts it to a purpose of its own."""
    return (
        bool(powers)
        and all(_KEEPING.match(c.verb) for c in powers)
        and not reading.scope["purposes"]
        and not reading.scope["recipients"]
        and reading.indefinite is None  # "as long as we deem necessary" bounds nothing
        and _bounds_retention(reading, powers)
        and _states_an_end(reading)
    )


def _states_an_end(reading: Reading) -> bool:
    """The sentence says when keeping ends: a period that is no minimum ("for up to 3 years",
    not "for at least 10 years"), or an end of the user's ("until you delete them", "for the
    duration you use our paid products", "until the end of your subscription"); not the
    company's need or the law's leave ("until it is no longer needed", "as long as we have a
    business need", "as long as permitted by law")."""
    text = reading.text
    for quantity, at in _periods_at(reading):
        if at < 0:
            return True
        if not _AT_LEAST.search(text, max(0, at - 40), at) and not _OR_LONGER.match(
            text, at + len(quantity.text)
        ):
            return True
    return _USERS_END.search(text) is not None


#: Words before a period that make it a minimum ("at least 10 years"; not "no longer than").
_AT_LEAST = re.compile(
    r"\b(?:at least|(?:a |the )?minimum(?: period)? of|no (?:less|shorter) than|"
    r"not less than|(?<!\bno )(?<!\bnot )(?:more|longer) than|over)\s*$",
    re.IGNORECASE,
)
#: Words after a period that let keeping go on past it ("3 years or longer", "and thereafter
#: as long as needed").
_OR_LONGER = re.compile(
    r",?\s?(?:or (?:longer|more)|and thereafter|or (?:for )?as long as)\b", re.IGNORECASE
)
#: An end of the user's: "until", "for the duration (of)" or "as long as" and, within a few
#: words, the user ("until you delete them", "until the end of your subscription").
_USERS_END = re.compile(
    r"\b(?:until|for the duration(?: of)?|as long as)\s+(?:[\w'’-]+\s+){0,3}?(?:you|your)\b",
    re.IGNORECASE,
)


def _serious(reading: Reading, powers: Sequence[Claim]) -> list[str]:
    """What makes new permissions serious in themselves: data spread to others or put to a
    purpose such as training or advertising, or sensitive data; empty when nothing does."""
    if not powers:
        return []
    # where data is taken from beyond the service is serious for what is done with it, not
    # for how long it is kept ("We keep ... your interactions on third-party sites for up to 12
    # months" bounds a retention)
    acting = any(not _KEEPING.match(c.verb) for c in powers)
    reach = sorted(reading.scope["reach"]) if acting else []  # "on third-party sites"
    purposes = sorted(t for t in reading.scope["purposes"] if not _MILD_PURPOSE.match(t))
    reasons = _distinct([*sorted(reading.sensitive), *purposes, *reach])
    # people who may look at the data ("our staff may access your chats"): a recipient named
    # only before a verb of looking (the ``recipients`` list), serious without a spreading verb
    if not (
        reading.limiters or reading.conditions or reading.opt_in or _ONLY_WHEN.search(reading.text)
    ):
        # "... only on a need-to-know basis", "if you give them permission": a safeguard
        reasons += sorted(t for t in reading.scope["recipients"] if _PEOPLE_WHO_LOOK.match(t))
        # others who do it themselves ("Third-party services may process your data to deliver
        # images"): the data is in their hands, whatever verb says so
        reasons += _recipients_acting(reading, powers)
    spreading = [c for c in powers if c.spreading]
    corporate = CORPORATE_TRANSACTION.search(reading.text) is not None
    if reading.safeguarded:  # "we rely on standard contractual clauses to transfer ...": how
        spreading = [c for c in spreading if not c.verb.startswith("transfer")]
    if spreading:
        # name the verb that is serious in itself when there is one ("share and sell": sell)
        verb = next((c.verb for c in spreading if _spreads_seriously([c])), spreading[0].verb)
        named = sorted(_permitted_recipients(reading, spreading))
        # "We may share information as discussed below": whom with is said where it points,
        # each a change of its own; but selling is serious whoever gets the data
        elsewhere = _AS_SAID_ELSEWHERE.search(reading.text) and not _spreads_seriously(spreading)
        if corporate:
            # "We may disclose information if we are involved in a merger, acquisition or sale
            # of assets": passed to whoever takes the business over, as any company's data is;
            # the sale is of the business, not of the data
            named = [t for t in named if not _TAKES_OVER.fullmatch(t)]
            elsewhere = elsewhere or not _spreads_seriously(
                c for c in spreading if not _BUSINESS_SOLD.match(reading.text, c.end)
            )
        reasons += named or ([] if elsewhere else [verb])
    if corporate:
        reasons = [r for r in reasons if r not in ("sale", "resale")]
    return reasons


def _recipients_acting(reading: Reading, powers: Sequence[Claim]) -> list[str]:
    """The recipients (scope terms) that are themselves the ones acting on people's data in a
    permission: named between the start of its phrase and its verb ("Third-party services may
    process", "advertising partners can collect")."""
    acting = [
        c for c in powers if not c.negated and c.on_data and not _FOR_US.match(reading.text, c.end)
    ]
    return sorted(
        t
        for t in reading.scope["recipients"]
        if not _PEOPLE_WHO_LOOK.match(t)
        and any(
            _opens_with(t, c.phrase.lower()) or _described_before(t, reading.text, c)
            for c in acting
        )
    )


def _described_before(term: str, text: str, claim: Claim) -> bool:
    """Whether the part of ``text`` ending with ``claim``'s verb opens with ``term`` described
    by a relative clause, too long for the claim's phrase ("Third parties that provide embedded
    content on our website may collect ...", "Third parties, who provide ..., may collect")."""
    start = max(text.rfind(mark, 0, claim.start) for mark in ".;:") + 1
    part = text[start : claim.end].strip().lower()
    return (
        re.match(
            rf"{_DETERMINERS}{re.escape(term.lower())}(?:\s*[,(]\s*|\s+)(?:that|which|who)\b", part
        )
        is not None
    )


def _opens_with(term: str, phrase: str) -> bool:
    """Whether ``phrase`` (from the one acting to the verb) opens with ``term``: the one
    acting ("Third-party services may process"; not "... will allow the public to view")."""
    return re.match(rf"{_DETERMINERS}{re.escape(term.lower())}(?!\w)", phrase) is not None


_DETERMINERS = r"(?:(?:our|the|these|those|such|some|certain|other|trusted|selected|its|their)\s+)*"
#: Done for the company ("our providers may process it for us", "on our behalf"): its own use.
_FOR_US = re.compile(r"\s+(?:\w+\s+){0,3}?(?:for us|on (?:our|its) behalf|on behalf of us)\b", re.I)


#: What is sold or changes hands when a business does: "all or part of our business", "its
#: assets", "a company", "substantially all of the stock".
_BUSINESS_OBJECT = (
    r"(?:(?:all|part|some|any|substantially all)(?: or (?:part|any portion|substantially all))?"
    r" of )?(?:(?:our|its|the|a|their) )?(?:[\w-]+ )?(?:business(?:es)?|assets|company|stock"
    r"|shares)"
)
#: A change of the business's owner: the one occasion when data goes to whoever buys it (not
#: "user acquisition", "customer acquisition": marketing's words for winning people over).
CORPORATE_TRANSACTION = re.compile(
    r"\b(?:mergers?|(?<!user )(?<!customer )(?<!client )(?<!player )(?<!subscriber )"
    r"(?<!lead )(?<!data )acquisitions?|reorgani[sz]ations?|restructurings?|bankruptcy|insolvency"
    r"|change (?:in|of) (?:control|ownership)|(?:(?:sale|transfer) of|sells?|sold|selling)"
    rf" {_BUSINESS_OBJECT})\b",
    re.IGNORECASE,
)
#: Whoever takes a business over: the buyer, acquirer or successor.
_TAKES_OVER = re.compile(r"(?:buyers?|acquirers?|purchasers?|successors?)", re.IGNORECASE)
#: A verb of selling whose object is the business ("if we sell all or part of our business").
_BUSINESS_SOLD = re.compile(rf"\s+{_BUSINESS_OBJECT}\b", re.IGNORECASE)


_AS_SAID_ELSEWHERE = re.compile(
    r"\bas (?:discussed|described|set out|set forth|explained|detailed|outlined) "
    r"(?:below|above|in (?:this|the|section|[A-Z])\w*)",
    re.IGNORECASE,
)


#: Where the parts of a sentence that say different things meet: "We may share it with ..., but
#: we won't sell it to advertisers".
_OPPOSED_PARTS = re.compile(r",?\s+but\s+|;\s*|,\s+(?:however|whereas|while)\s+", re.IGNORECASE)


def _opposed_parts(text: str) -> list[tuple[int, int]]:
    """Where each part of the sentence begins and ends (they meet at :data:`_OPPOSED_PARTS`)."""
    bounds = [0, *(m.end() for m in _OPPOSED_PARTS.finditer(text)), len(text)]
    return list(itertools.pairwise(bounds))


def _permitted_recipients(reading: Reading, spreading: Sequence[Claim]) -> frozenset[str]:
    """The recipients of the sentence named where it permits (``spreading``, not denied): in
    "We may share information as discussed below, but we won't sell it to advertisers", the
    advertisers are whom it is denied to."""
    denied = [c for c in reading.claims if c.kind == "power" and c.negated and c.spreading]
    if not denied:
        return reading.scope["recipients"]
    parts = _opposed_parts(reading.text)
    permitting = [(a, b) for a, b in parts if any(a <= c.start < b for c in spreading)]
    if any(a <= c.start < b for c in denied for a, b in permitting):
        return reading.scope["recipients"]  # denied and permitted in one part: not told apart
    text = reading.text.lower()
    return frozenset(
        t for t in reading.scope["recipients"] if any(t.lower() in text[a:b] for a, b in permitting)
    )


_ONLY_WHEN = re.compile(
    r"\b(?:only|solely|strictly|need[- ]to[- ]know|if you|when you|"
    r"with your (?:consent|permission))\b",
    re.IGNORECASE,
)
_PEOPLE_WHO_LOOK = re.compile(
    r"(?:staff|employees|personnel|team members|support agents|administrators?|admins?)$",
    re.IGNORECASE,
)


def _distinct(terms: Sequence[str]) -> list[str]:
    """Terms without repeats or parts of longer ones ("training" in "model training")."""
    kept = [t for t in terms if not any(t != o and t in o for o in terms)]
    return list(dict.fromkeys(kept))


def shorten(text: str, limit: int = EXCERPT_WORDS) -> str:
    parts = text.split()
    return " ".join(parts) if len(parts) <= limit else " ".join(parts[:limit]) + " …"
