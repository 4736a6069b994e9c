"""Whether a version still makes a promise that one of its clauses dropped.

Policies are rewritten by moving text around: "We don't sell your information to advertisers"
disappears from one section while another still says "We don't sell your information"; "You can
withdraw your consent at any time by unsubscribing" goes while the rights section keeps "You have
the right to withdraw your consent ... at any time". Such a promise was not removed, and calling
it removed is the false alarm readers learn to ignore.

A dropped promise (or right) is *still made* when a sentence of the new version has a claim

- with the same verb (the rule file's pattern) and of the same kind (power, duty, right);
- protecting as the dropped one did (a power still denied, a duty or right still affirmed);
- said at least as firmly ("we will notify you" is not kept by "we may notify you"; a right
  is granted as firmly by "you can" as by "you have the right to");
- for a right: about the same thing (a content word after the verb in common: "review your
  profile information in the settings" keeps "review and revise your profile at any time"),
  unless the kept one is limited ("only", "within", "if", "unless" ... after its verb);
- otherwise at least as broad: every content word of what follows its verb (up to the next comma or
  bracket, or the means it is done by: "by using ...") follows the dropped verb too; a name
  between "your" and a lowercase noun ("your BeReal account"; not a capitalised term, "your
  Sensitive Personal Data") is not counted, nor the means of a duty or right unless it limits
  when or for whom (the means of a denied power narrows what is denied: "we do not track you
  using cookies" does not keep "we do not track you"). "We don't sell your information" keeps
  "we don't sell your information to advertisers"; "we don't share information that identifies
  you with advertisers" does not keep "we do not share your personal information with
  companies". Words for people's data ("personal", "information", "data", and "it" or "them"
  right after a verb on it) count as one, and so
  does the processing they undergo; consent is always to that processing ("withdraw your consent" is
  kept by "withdraw your consent to the processing of your personal data"). A claim with nothing
  after its verb keeps only another such claim.

A claim that only says how another of its sentence is done, a verb in "-ing" after its "by
...ing" ("delete your account by going into the settings and choosing the deletion option"), is
no promise of its own: it stands or falls with the one it serves ("we protect your data by
encrypting it and never sell it" makes two promises).

Missing a dropped promise is the worse error, so the test is strict: a promise restated in
other words still counts as removed.

Only sentences that contain the verb's first letters are read, once each, and only when a
promise was dropped: the rest of the version costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.classify.rules import Readings
from tracker.classify.statements import Claim, Reading, modality_strength
from tracker.classify.statements import read_sentence as read
from tracker.classify.text import STOPWORDS, match_form, sentences, words

#: At most this many words after a verb say what a claim is about.
PART_WORDS = 12
#: Where what a claim is about ends: punctuation or a dash.
_PART_END = re.compile(r"[,;:.!?()\[\]]|\s[-–—]\s")
#: The means it is done by ("protect your information by using safeguards", "delete your
#: account using the settings"): says how, not what, unless it limits when or for whom
#: ("by contacting support within 30 days").
_MEANS_PART = re.compile(r"\s(?:by\s+(?=\w+ing\b)|using\s|via\s)")
_LIMITING = re.compile(
    r"\b(?:within|only|if|unless|provided|subject to|except|after|before|until|when)\b",
    re.IGNORECASE,
)
#: A name before the lowercase noun it qualifies after "your" ("your BeReal account"): the
#: service's own name for what is yours, which narrows nothing in its own terms (a capitalised
#: term, "your Sensitive Personal Data", "your Health Data", is a kind of data: it narrows).
_NAME_AFTER_YOUR = re.compile(r"\b(your\s+)[A-Z][\w'’-]*\s+(?=[a-z])")
_DATA = "(data)"
_CONSENT = "consent"
_DATA_WORDS = frozenset(["personal", "information", "info", "data", "processing"])
#: Words that neither narrow nor widen a claim.
_VAGUE = frozenset(["any", "also", "at", "certain", "such"])
#: The verb's first characters a sentence must contain to be read at all ("sell" for "sells").
STEM = 4


class StatedPromises:
    """The promises and rights stated anywhere in one version's text."""

    def __init__(self, texts: Iterable[str], readings: Readings) -> None:
        self._texts = tuple(texts)
        self._readings = readings
        self._sentences: tuple[tuple[str, str], ...] | None = None  # (sentence, lower-cased)
        self._read: dict[str, Reading] = {}

    def still_made(self, claim: Claim, reading: Reading) -> bool:
        """Whether this version still makes ``claim`` (a promise of ``reading``). A claim that
        only says how another of its sentence is done ("delete your account by going into the
        settings and choosing the deletion option") stands or falls with that one."""
        if is_means(claim, reading):
            return True
        if any(self._made(other, reading) for other in alternatives(claim, reading)):
            return True  # "we delete or anonymize it" -> "we delete it": one of the two, now fixed
        return self._made(claim, reading) or self._assumed(claim, reading)

    def _assumed(self, claim: Claim, reading: Reading) -> bool:
        """Whether a right (people's, not denied) is taken as given by a sentence of this
        version that says what happens when people use it ("You may delete your Account at
        any time" dropped, "When you delete your Account, we ..." kept): the right is still
        there, said as what people do."""
        if claim.kind != "right" or claim.negated:
            return False
        following = _PART_END.split(reading.text[claim.end :], maxsplit=1)[0]
        things = {w for w in words(following)[:4] if w not in STOPWORDS and w not in _VAGUE}
        things -= {*_DATA_WORDS, *_ANY_THING}
        if not things:
            return False
        stem = claim.verb[:STEM]
        for sentence, lowered in self._all_sentences():
            if stem not in lowered:
                continue
            for found in _PEOPLE_DO.finditer(sentence):
                if found.group("verb").lower().startswith(stem) and (
                    found.group("what").lower().split()[-1] in things
                ):
                    return True
        return False

    def _made(self, claim: Claim, reading: Reading) -> bool:
        same = same_promise(claim, self._readings)
        stem = claim.verb[:STEM]
        for sentence, lowered in self._all_sentences():
            if stem not in lowered and (same is None or same.search(sentence) is None):
                continue
            other = self._reading(sentence)
            if any(restates(claim, reading, kept, other, same=same) for kept in other.promises):
                return True
        return False

    def _all_sentences(self) -> tuple[tuple[str, str], ...]:
        if self._sentences is None:
            self._sentences = tuple(
                (s, s.lower()) for t in self._texts for s in sentences(match_form(t))
            )
        return self._sentences

    def _reading(self, sentence: str) -> Reading:
        reading = self._read.get(sentence)
        if reading is None:
            reading = self._read[sentence] = read(sentence, self._readings)
        return reading


#: What happens when people do something: "When you delete your Account", "if you close your
#: account", "Once you withdraw your consent": the verb and the last word of what it is done to.
_PEOPLE_DO = re.compile(
    r"\b(?:when|whenever|if|once|after|before)\s+you\s+(?:(?:choose|decide|ask|want)\s+to\s+)?"
    r"(?P<verb>\w+)\s+(?P<what>(?:your|the|their)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\b",
    re.IGNORECASE,
)


def alternatives(claim: Claim, reading: Reading) -> list[Claim]:
    """The duties of ``reading`` that ``claim`` (a duty) is an alternative to, joined to it by
    "or" ("we delete or anonymize your information": the company promises one of the two).
    Not a denial ("we do not sell or rent it" denies both) nor a right ("you can delete or
    export it" offers both)."""
    if claim.kind != "duty" or claim.negated:
        return []
    return [
        other
        for other in reading.promises
        if other is not claim
        and other.kind == "duty"
        and not other.negated
        and (
            _OR_BETWEEN.fullmatch(reading.text[other.end : claim.start])
            or _OR_BETWEEN.fullmatch(reading.text[claim.end : other.start])
        )
    ]


_OR_BETWEEN = re.compile(r",?\s+or\s+|\s*/\s*", re.IGNORECASE)


def is_means(claim: Claim, reading: Reading) -> bool:
    """Whether ``claim`` is part of the means of an earlier claim of the same sentence: a verb
    in "-ing" after its "by ...ing" ("by going into the settings and choosing ..."); a verb of
    its own ("by encrypting it and never sell it") is a claim of its own."""
    return _GERUND.fullmatch(reading.text[claim.start : claim.end]) is not None and any(
        other.end <= claim.start
        and _MEANS.search(reading.text[other.end : claim.start])
        and not _CLAUSE_END.search(reading.text[other.end : claim.start])
        for other in reading.claims
        if other is not claim
    )


_MEANS = re.compile(r"\sby\s+\w+ing\b")
_GERUND = re.compile(r"\w+ing\b.*", re.IGNORECASE)
#: The end of a clause: a full stop, or a comma before a new subject (", and you can ...").
_CLAUSE_END = re.compile(r"[;.!?]|,\s*(?:(?:and|but|or|while)\s+)?(?:you|we|they|it)\b", re.I)


def same_promise(claim: Claim, readings: Readings) -> re.Pattern[str] | None:
    """The entry of the rule file's ``same_promises`` whose pattern matches the verb of
    ``claim`` (a right or a duty, not denied) in full: the verbs it matches make the same
    promise ("erase" for "delete", "inform" for "notify"); None for a power, a denial or a
    verb no entry has."""
    if claim.kind not in ("right", "duty") or claim.negated:
        return None
    for _, regex in readings.each("same_promises"):
        if regex.fullmatch(claim.verb):
            return regex
    return None


def restates(
    dropped: Claim,
    of: Reading,
    kept: Claim,
    in_: Reading,
    same: re.Pattern[str] | None = None,
) -> bool:
    """Whether ``kept`` (a promise of ``in_``) says what ``dropped`` (of ``of``) said;
    ``same``: the verbs that make the promise ``dropped`` makes (:func:`same_promise`), read
    like its own verb."""
    if kept.kind != dropped.kind or not kept.protects:
        return False
    if kept.key != dropped.key and (
        same is None
        or same.fullmatch(kept.verb) is None
        or _MADE_PUBLIC.match(in_.text, kept.end) is not None
    ):
        return False
    if _firmness(kept) < _firmness(dropped):
        return False
    if not _limits(in_) <= _limits(of):
        return False  # "... at any time" is not kept by "Subject to applicable law, you may ..."
    before, after = object_words(dropped, of), object_words(kept, in_)
    if _CONSENT in before and _CONSENT in after:
        before = before | {_DATA}  # consent is to the processing of people's data
    if dropped.kind == "right" and _same_thing(before, after) and not _limited(kept, in_):
        # "You can review and revise your profile information at any time" dropped, "you can
        # review your profile in the settings" kept: a right over the same thing, said in
        # other words, with no limit of when or for whom
        return True
    return after <= before if after else not before


#: A notice given by posting it where anyone may look ("we will give notice of any material
#: change by posting it on this page", "provide notice by updating the date of this policy"):
#: no notice sent to people, so it keeps no duty to notify them in other words.
_MADE_PUBLIC = re.compile(
    r"[^.;:]*?(?:\bby\s+(?:posting|publishing|updating|displaying|revising)\b"
    r"|\b(?:on|at)\s+(?:this|our|the)\s+(?:page|web\s*page|website|web\s*site|site|"
    r"policy|privacy\s+policy|notice)\b)",
    re.IGNORECASE,
)
#: Words two rights may share without being over the same thing ("at any time").
_ANY_THING = frozenset(["time", "times", "moment"])
#: Words of a control that name the same thing only when one of the two rights says no more
#: ("change these settings" is kept by "change your account and video privacy settings";
#: "change your cookie settings" is not by "change your permission settings for e-mails").
_CONTROLS = frozenset(["settings", "setting", "preferences", "preference", "choices"])


def _same_thing(before: frozenset[str], after: frozenset[str]) -> bool:
    """Whether two rights' objects name the same thing: a content word in common other than
    when ("at any time"), and consent in both or in neither ("withdraw your consent" is not
    kept by "withdraw your personal information")."""
    if (_CONSENT in before) != (_CONSENT in after):
        return False
    common = (before & after) - _ANY_THING
    if common - _CONTROLS:
        return True
    return bool(common) and (
        not before - _ANY_THING - _CONTROLS or not after - _ANY_THING - _CONTROLS
    )


def _limited(claim: Claim, reading: Reading) -> bool:
    """Whether what follows the claim's verb, up to the end of its sentence, limits when or
    for whom it holds ("only", "within 30 days", "if", "unless", "subject to" ...)."""
    return _LIMITING.search(reading.text[claim.end :]) is not None


#: What limits a whole sentence's promise, wherever it stands in it ("Subject to applicable
#: law, you may ...", "..., except where we have compelling grounds").
_LIMITS = re.compile(
    r"\b(?:subject to|except|unless|only|provided (?:that|you)|in (?:some|certain|limited) "
    r"(?:cases|circumstances)|where (?:applicable|required|permitted|possible))\b",
    re.IGNORECASE,
)


def _limits(reading: Reading) -> frozenset[str]:
    """The limits a sentence sets on what it says; a promise restated under a limit the
    dropped one had not is not the same promise."""
    return frozenset(m.group(0).lower() for m in _LIMITS.finditer(reading.text))


def _firmness(claim: Claim) -> int:
    """How firmly a claim is said; a right is granted as firmly by "you can" or "you may" as
    by "you have the right to" (a duty is not: "we may notify you" < "we notify you")."""
    if claim.kind == "right" and claim.modality == "permissive":
        return modality_strength("plain")
    return modality_strength(claim.modality)


def object_words(claim: Claim, reading: Reading) -> frozenset[str]:
    """The content words after the claim's verb, up to the next comma or bracket: what it is
    about and how far it goes (words for people's data as one)."""
    following = _PART_END.split(reading.text[claim.end :], maxsplit=1)[0]
    what, *means = _MEANS_PART.split(following, maxsplit=1)
    # the means of a denied power narrows what is denied ("we do not track you using cookies")
    denied = claim.kind == "power" and claim.negated
    if means and not denied and not _LIMITING.search(means[0]):
        following = what
    following = _ANY_TIME.sub(" at any time ", _ANY_REASON.sub(" ", following))
    found = words(_NAME_AFTER_YOUR.sub(r"\1", following))[:PART_WORDS]
    kept = frozenset(
        _DATA if w in _DATA_WORDS else w for w in found if w not in STOPWORDS and w not in _VAGUE
    )
    if claim.on_data and _PRONOUN.match(following):
        return kept | {_DATA}  # "updating or correcting it": the data the sentence speaks of
    return kept


#: "anytime" says "at any time".
_ANY_TIME = re.compile(r"\banytime\b", re.IGNORECASE)
#: "for any reason", "for any or no reason": no reason is needed, which widens nothing away.
_ANY_REASON = re.compile(r"\bfor any (?:or no )?reason(?: whatsoever)?\b", re.IGNORECASE)
#: A pronoun right after a verb on people's data stands for that data.
_PRONOUN = re.compile(r"\s*(?:it|them)\b", re.IGNORECASE)
