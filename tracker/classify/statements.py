"""What one sentence says, read with the rule file's ``[readings]``.

A sentence is read into *claims*: each verb of ``powers`` (what the company does with people's
data, content or accounts), ``duties`` (what it does for them) or ``rights`` (what people can
do), with who acts, whether it is denied and how it is said:

    "We do not use your data to train our models"  ->  power "use", denied, plain
    "We may notify you"                            ->  duty "notify", permissive
    "You can opt out at any time"                  ->  right "opt out", permissive

Who acts is the nearest ``company`` or ``user`` word before the verb in the same part of the
sentence (one after a preposition, "data collected from you", is an object, not the one acting);
with neither the company, or a third party, is taken to act ("your data may be shared"). A
negation or a modal word counts when it stands between the one acting and the verb.

Beside the claims, a reading keeps what else the grading compares: consent (opt-in or opt-out),
exceptions and limiters, scope words (recipients, purposes, kinds of data), a licence over
content, a waiver, a power to change the terms at will, a dropped notice, a retention without
end, and the quantities (:mod:`tracker.classify.quantities`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from tracker.classify.literals import fold
from tracker.classify.quantities import Quantity, quantities
from tracker.classify.rules import BoundedMemo, Readings
from tracker.classify.text import without_references

ClaimKind = Literal["power", "duty", "right"]
Modality = Literal["binding", "permissive", "effort", "plain"]
#: How a sentence's scope words count: what it permits, denies, or protects (or none).
Stance = Literal["permits", "denies", "protects", "none"]

#: How far back (characters) the one acting, a negation or a modal word is looked for.
WINDOW = 90
_PARTS = re.compile(r";\s*")
_SEGMENT_BREAK = re.compile(r"[;:•|()\[\]]|\s[-–—]\s|,\s(?:but|which|who|while|whereas)\s")
_OBJECT_BEFORE = re.compile(
    r"\b(?:from|to|with|for|by|about|of|on|at|than|allow|allows|let|lets|help|helps|ask|asks|"
    r"enable|enables|give|gives|send|sends|provide|provides|contact|warn|warns|notify|notifies|"
    r"tell|tells|remind|reminds|inform|informs|charge|charges|bill|bills|invite|invites|"
    r"require|requires|permit|permits|encourage|encourages|urge|urges|advise|advises|"
    r"show|shows|offer|offers|email|emails)\s+$",
    re.IGNORECASE,
)
#: The subject :func:`_subject` names for the reader urged to act.
URGED = "urged"
#: Verbs that only urge their object to do what the "to" after it says: "we encourage you to
#: disclose that the content was generated" (you disclose, if you like: no power of the
#: company's, no right given). Not "allow you to", "enable you to": a right of the reader's.
_URGES = re.compile(r"\b(?:encourages?|urges?|advises?|recommends?|invites?)\s+$", re.IGNORECASE)
#: "to" and a verb after an object: the object does what follows ("permit us to sell").
_TO_VERB = re.compile(r"\s+to(?:\s|$)", re.IGNORECASE)
SCOPES = ("recipients", "purposes", "data", "places", "reach")
#: Parts of a sentence between commas this short (in words) are items of a list.
SHORT_PART = 4
FILLER_WORDS = 2
#: How many words after a verb its object is looked for in.
OBJECT_WORDS = 6
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:your|our|their|its|his|her|the|a|an|this|that|these|those|such|each|every|of|for)"
    r"|\w(?:'s|’s|s'|s’))\s+$",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]+(?:\s+[A-Z][A-Za-z0-9]+)*")
_NOT_NAMES = frozenset(
    [
        "If",
        "When",
        "Where",
        "While",
        "The",
        "This",
        "These",
        "That",
        "Those",
        "In",
        "For",
        "As",
        "To",
        "Once",
        "Unless",
        "Upon",
        "Any",
        "All",
        "Our",
        "Your",
        "Please",
        "Do",
        "Don",
        "Never",
        "Some",
        "Most",
        "Such",
        "Each",
        "Third",
        "Certain",
        "Other",
        "Many",
        "Before",
        "After",
        "By",
        "With",
        "Without",
        "Where",
        "Whether",
        "Although",
        "However",
        "Also",
        "And",
        "Or",
        "But",
        "Note",
        "Only",
        "Even",
        "No",
        "None",
        "Nobody",
        "Nothing",
    ]
)
_PARTICIPLE = re.compile(r"\w+ed|kept|sold|sent|held|made|given|shown|read", re.IGNORECASE)
_AFTER_NOUN = re.compile(
    r"\b(?!(?:we|you|they|it|he|she|who|which|that|be|is|are|was|were|been|being|have|has|had|"
    r"will|would|may|might|can|cannot|could|shall|should|must|not|never|\w+n['’]t|also|and|or|then|"
    r"to|get|gets|"
    r"got|once|automatically|already|further|previously|only|solely|yet|longer|still|ever|"
    r"always|currently|now)\b)[a-z][a-z'’-]*[a-z]\s+$",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"\s*,?\s*(?:(?:and|or|and/or)\s+)?", re.IGNORECASE)
_WORDS_BEFORE = re.compile(r"[A-Za-z][\w'’-]*")
_VERB_LICENSING = frozenset(
    [
        "we",
        "you",
        "they",
        "he",
        "she",
        "it",
        "i",
        "who",
        "which",
        "that",
        "there",
        "please",
        "also",
        "not",
        "never",
        "no",
        "nor",
        "and",
        "or",
        "but",
        "then",
        "can",
        "cannot",
        "may",
        "will",
        "shall",
        "must",
        "should",
        "would",
        "could",
        "might",
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "to",
        "often",
        "usually",
        "always",
        "sometimes",
        "automatically",
        "only",
        "still",
        "yet",
        "longer",  # "no longer stored"
        "ever",
        "now",
        "further",
        "already",
        "generally",
        "currently",
        "directly",
        "expressly",
        "hereby",
        "thereby",
        "so",
        "just",
        "even",
        "each",
        "both",
        "either",
    ]
)
#: A thing named as the one acting, before a verb in -s: "The app", "Our SDK", "Each device",
#: "The keyboard app" (a determiner and one or two words).
_THING_ACTS = re.compile(
    r"(?:^|\s)(?:the|our|this|each|every|its|their|your)(?:\s+[\w'’-]+){1,2}$", re.IGNORECASE
)
#: A verb's object after it: "collects your location", "reads the messages" (not a noun
#: phrase's next word: "Data transfers to ...", "Human review helps").
_VERB_OBJECT = re.compile(
    r"(?<=[^s]s)\s+(?:your|users?['’]|personal|information|data|cookies|the|any|all|certain|"
    r"this|these|those|such)\b",
    re.IGNORECASE,
)
_PHRASE_OPENERS = frozenset(
    [
        "in",
        "of",
        "for",
        "to",
        "the",
        "a",
        "an",
        "your",
        "our",
        "their",
        "its",
        "with",
        "by",
        "on",
        "at",
        "from",
        "any",
        "this",
        "that",
        "these",
        "those",
    ]
)
_CLAUSE_OPENER = re.compile(r"\b(?:when|while|before|after|upon|by|without|if)\s+$", re.IGNORECASE)
_INFINITIVE_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
#: A verb after a comma in a list of one-word infinitives ("to provide, protect, and improve";
#: not "send it to you and notify you").
_PURPOSE_LIST_BEFORE = re.compile(
    r"\bto\s+[a-z]+(?:,\s+[a-z]+)*,\s+(?:and\s+|or\s+)?$", re.IGNORECASE
)
#: A verb in -ing after these is an example of what the main verb covers ("we do not use it
#: for purposes such as training our models"): it takes the main verb's standing, like "to".
_EXAMPLE_BEFORE = re.compile(
    r"(?:\bsuch as|\bincluding|\blike|\be\.g\.,?|\bfor example,?)\s+\(?$", re.IGNORECASE
)
# a subject's own auxiliary after it: "we will", "you may", "we do not" (the words after a
# subject that make it the start of a new statement, not an object of the previous verb)
_OWN_AUXILIARY = re.compile(
    r"\s+(?:will|shall|may|might|must|can|could|would|should|do|does|did|are|is|have|has)\b",
    re.IGNORECASE,
)
#: A user's plain verb right after these is a condition, an instruction or a description
#: ("until you delete it", "make sure you review it", "the features which you access"), not a
#: right granted.
#: ("Should you wish to withdraw, ...": the inverted "if you wish to"; "each time you access
#: our app": when, not a right).
_CONDITION_BEFORE = re.compile(
    r"\b(?:when|whenever|until|till|after|before|if|once|as soon as|while|unless|because|since|"
    r"make sure|ensure|which|that|whichever|whatever|should|each time|every time)(?: that)?\s+$",
    re.IGNORECASE,
)
#: A user's plain verb right after a noun it describes ("the information you choose to
#: provide", "content you delete", "the settings you select"): a relative clause, no right granted.
_DESCRIBED_NOUNS = (
    r"\b(?:information|data|content|details|materials?|messages?|photos?|pictures?|videos?|"
    r"files?|features?|services?|settings?|products?|items?|posts?|options?|choices?)\s+$"
)
_DESCRIBED_BEFORE = re.compile(_DESCRIBED_NOUNS, re.IGNORECASE)
#: Any noun after a determiner right before "you" ("the pages you access or browse", "other
#: accounts you control"): a relative clause too (not a time or a way: "at any time you can").
_NOUN_PHRASE = (
    r"\b(?:the|these|those|such|any|all|each|every|other|some)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?!(?:time|times|point|moment|way|ways|case|cases|event)\s)[a-z][\w'’-]*\s+$"
)
_NOUN_PHRASE_BEFORE = re.compile(_NOUN_PHRASE, re.IGNORECASE)
#: ... unless the noun closes a phrase or clause the sentence (or a part of it) opens with, and
#: the reader's verb starts the sentence's own clause: "When using the app you control who sees
#: your posts", "As the account owner you control who can see your data" grant the right ("as
#: well as the pages you access" is no opening; "When you delete the posts you created, we ..."
#: still describes the posts: a comma and another subject follow; so does "For the accounts you
#: manage you choose ...": the reader's next verb is the clause's own).
_OPENER_BEFORE = re.compile(
    r"(?:^|[,;:(])\s*(?:when|whenever|while|if|once|as(?!\s+well\b)|after|before|since|"
    r"because|although|though|where|wherever|for|during|throughout|across|upon|until)\s+"
    r"(?:[\w'’-]+\s+){0,5}?" + _NOUN_PHRASE,
    re.IGNORECASE,
)
_OPENER_ENDS = re.compile(
    r"[^.;:,]*,\s*(?:we|our|you|your|they|it|the|this|these|such)\b"
    r"|(?:\s+(?!(?:whether|who|whom|what|how|if|when|which|that|where|why)\b)[\w'’-]+)?\s+you\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"you\b", re.IGNORECASE)
#: The same nouns closing a place the sentence (or a part of it) opens with: "In your privacy
#: settings you control who sees your posts" grants a right as "you control" alone does ...
_PLACE_BEFORE = re.compile(
    r"(?:^|[,;:(])\s*(?:in|within|through|via|using|under|on|with|from)\s+(?:[\w'’-]+\s+){0,3}?"
    rf"(?:{_DESCRIBED_NOUNS}|{_NOUN_PHRASE})",
    re.IGNORECASE,
)
#: ... unless the phrase ends at a comma before another subject: "With the features you choose
#: to use, we collect usage data" (the reader's verb describes the features).
_OPENING_PHRASE_ENDS = re.compile(
    r"[^.;:,]*,\s*(?:we|our|they|it|the|this|these|such)\b", re.IGNORECASE
)
#: An order not to do something, at the start of a part of a sentence ("Don't use ...", "for
#: example, never share ..."): said to the reader, not a promise of the company.
_ORDER_NOT = r"(?:^|(?<=[,:;(—–-]))[\s\"'“*_]*(?:please\s+)?(?:do\s+not|don't|never)\s+"
_PROHIBITION_BEFORE = re.compile(_ORDER_NOT + r"\Z", re.IGNORECASE)  # right before a verb
#: The same order said with a subject: "You may not use the Services to ...", "Users shall not
#: ...", "You agree not to ...". Not "You may not be able to ...", "you will not receive ...",
#: "you can not ...": what will or can happen to the reader is no order.
_FORBIDDEN_TO_USER = (
    r"(?:^|(?<=[,:;(—–-]))[\s\"'“*_]*(?:you|users?|customers?)\s+"
    r"(?:(?:may|must|shall|will|should)\s+not|agrees?\s+not\s+to|(?:are|is)\s+not\s+"
    r"(?:allowed|permitted)\s+to)\s+"
    r"(?!(?:be|have|need|receive|get|see|find|hear|lose|incur|pay|owe|automatically|ever)\b)"
)
_PROHIBITION = re.compile(  # anywhere in a sentence
    rf"(?:{_ORDER_NOT}|{_FORBIDDEN_TO_USER})[a-z]", re.IGNORECASE
)
_DATA_OBJECT = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:data|information|info|content|inputs?|outputs?|prompts?|"
    r"messages|conversations|it|them)\b",
    re.IGNORECASE,
)
#: A relative clause describing its noun by what is not done to it: "(albums) that are not",
#: "(data) which is never", "(files) that have not been"; not one set off by a comma, which
#: says something of the whole noun ("Your messages, which are not shared with advertisers,").
_NEGATED_RELATIVE_BEFORE = re.compile(
    r"(?<![,(]\s)(?<![,(])\b(?:that|which|who)\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)"
    r"(?:\s+not|\s+never|n't|n’t)\s+(?:yet\s+|ever\s+|been\s+)?$",
    re.IGNORECASE,
)
#: A condition in the passive, denied: "the source of your data where they are not collected
#: from you", "if your data is not deleted within 30 days, ...": what is not done picks out a
#: case; it promises nothing.
_NEGATED_CONDITION_BEFORE = re.compile(
    r"\b(?:where|when|whenever|if)\s+(?:they|it|these|those|(?:the|your|such)(?:\s+[\w-]+){1,2})"
    r"\s+(?:(?:is|are|was|were)(?:\s+not|n't|n’t)|(?:has|have)(?:\s+not|n't|n’t)\s+been)\s+$",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:be|is|are|was|were|been|being|get|gets)(?:\s+not|\s+never|n't|n’t|\s+no\s+longer)?"
    r"(?:\s+(?:yet|ever|still|also|always|currently|now))?\s+(?:[a-z]+ly\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One verb of a sentence as said: its kind, its pattern (identity), denial and modality."""

    kind: ClaimKind
    key: str  # the pattern of the verb in the rule file: the same verb in two versions
    verb: str
    negated: bool
    modality: Modality
    phrase: str  # from the one acting to the verb ("we may use"), for reasons
    spreading: bool
    on_data: bool = True  # the verb is about people's data ("use your data", "data is shared")
    start: int = 0  # where the verb is in the sentence
    end: int = 0
    anchored: bool = True  # its subject was found (not inherited, not a bare participle)
    #: what a user controls ("you can control how we use your data for ads") or the sentence
    #: explains ("this policy explains how we use it"): a practice the sentence takes as
    #: given, compared when it changes, but no new practice of its own
    controlled: bool = False

    @property
    def protects(self) -> bool:
        """A promise or a right: a duty or right affirmed, or a power denied."""
        return self.negated if self.kind == "power" else not self.negated


@dataclass(frozen=True, slots=True)
class Reading:
    """What the grading compares of one sentence (see the module docstring)."""

    text: str
    claims: tuple[Claim, ...]
    pointer: bool
    #: The sentence only says what the document covers (a pointer too).
    describes: bool
    opt_in: bool
    opt_out: bool
    exceptions: int
    exception_items: int  # enumerated items after the exception words ("(a) ... (b) ...")
    #: The alternatives the exceptions allow (see :func:`_exception_alternatives`).
    exception_alternatives: int
    conditions: int
    limiters: int
    indefinite: str | None
    scope: dict[str, frozenset[str]]
    sensitive: frozenset[str]
    licence: bool
    licence_to_user: bool
    waiver: bool
    unilateral: str | None
    without_notice: bool
    at_will: bool
    quantities: tuple[Quantity, ...]
    prohibition: bool = False  # an order to the reader not to do something ("Don't share ...")
    liability_excluded: bool = False  # "we shall not be liable for ..." (the company speaking)
    safeguarded: bool = False  # names a transfer's legal safeguard ("standard contractual clauses")
    forfeits: bool = False  # takes away value people paid for ("unused credits will be voided")
    #: A promise not to change the terms, or reduce people's rights, without notice or consent
    #: ("we will not reduce your rights under this policy without your explicit consent").
    change_guarded: str | None = None
    #: Data passed on only when the law compels it ("when required by a court order").
    compelled: bool = False

    @property
    def powers(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.kind == "power" and not c.negated)

    @property
    def promises(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.protects)

    @property
    def stance(self) -> Stance:
        """How the sentence's scope words count: what it permits, denies, or protects."""
        if self.powers:
            return "permits"
        if any(c.kind == "power" for c in self.claims):
            return "denies"
        if self.claims:
            return "protects"
        return "none"


def modality_strength(modality: Modality) -> int:
    """How firmly a claim is said: "we try to" < "we may" < "we do" < "we will"."""
    return {"effort": 0, "permissive": 1, "plain": 2, "binding": 3}[modality]


class SentenceMemo(BoundedMemo[str, "Reading"]):
    """The readings of the sentences read since :func:`forget_sentences` (a diff's: its
    grading reads many of its sentences more than once, in the pairs of a modified clause,
    the other sentences of its old side, the old version's), at most
    :data:`MEMO_SENTENCES` of them, then forgotten at once."""


#: How many readings a :class:`SentenceMemo` keeps before it forgets them all.
MEMO_SENTENCES = 4096


def read_sentence(text: str, readings: Readings) -> Reading:
    """The reading of one sentence (in the rules' match form), bracketed cross-references
    left out (a section title such as "How We Share Your Data" states nothing). Remembered
    (:class:`SentenceMemo`): a reading is a value, the same each time it is asked for."""
    return readings.memo.of(SentenceMemo).remember(
        text, lambda: _read_sentence(text, readings), MEMO_SENTENCES
    )


def forget_sentences(readings: Readings) -> None:
    """Forget the readings remembered so far (:func:`tracker.classify.classify_diff` does, at
    the start of each diff: what it saves is what one diff reads twice)."""
    readings.memo.pop(SentenceMemo, None)


def _read_sentence(text: str, readings: Readings) -> Reading:
    text = without_references(text)
    claims = _claims(text, readings)
    describes = _starts_with(readings, "describes", text)
    return Reading(
        text=text,
        claims=claims,
        pointer=describes or _starts_with(readings, "pointer", text),
        describes=describes,
        opt_in=readings.search("opt_in", text) is not None,
        opt_out=readings.search("opt_out", text) is not None,
        exceptions=len(readings.finditer("exceptions", text)),
        exception_items=_exception_items(text, readings),
        exception_alternatives=_exception_alternatives(text, readings),
        conditions=len(readings.finditer("conditions", text)),
        limiters=_limiters_of_powers(text, readings, claims),
        indefinite=_first(readings, "indefinite", text),
        scope={name: _scope_terms(readings, name, text) for name in SCOPES},
        sensitive=_found(readings, "sensitive", text),
        licence=_licence(text, readings, claims),
        licence_to_user=_licence_to_user(text, readings),
        waiver=readings.search("waiver", without_waiver_references(text)) is not None,
        unilateral=_unilateral(text, readings),
        without_notice=readings.search("without_notice", text) is not None,
        at_will=_power_at_will(text, readings, claims),
        quantities=tuple(quantities(text)),
        prohibition=_PROHIBITION.search(text) is not None,
        liability_excluded=_liability_excluded(text, readings),
        safeguarded=readings.search("transfer_safeguards", text) is not None,
        forfeits=readings.search("forfeiture", text) is not None,
        change_guarded=_change_guarded(text, readings),
        compelled=compelled(text, readings),
    )


def compelled(text: str, readings: Readings) -> bool:
    """Whether the sentence says it does what it does only when the law compels it (the rule
    file's ``compelled``: "when required by law", "in response to a court order"): not when it
    reaches beyond legal process (``beyond_compulsion``: "whenever they ask", "upon request")
    or gives the law only as an example ("including where required by law")."""
    found = readings.search("compelled", text)
    if found is None or readings.search("beyond_compulsion", text) is not None:
        return False
    return _EXAMPLE_OF.search(text, max(0, found.start() - 40), found.start()) is None


#: Words that give what follows them as one example among others ("including where ...").
_EXAMPLE_OF = re.compile(
    r"\b(?:including|such as|for example|for instance|e\.g\.|among other things),?\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def recipients_given(text: str, readings: Readings) -> frozenset[str]:
    """The recipients a sentence (in the rules' match form) gives data to in general: those
    of its :func:`read_sentence` reading when it grants a spreading power that is not denied,
    with no opt-in, condition or exception; nothing otherwise. The same answer as that
    reading, without working out the rest of it (quantities, licences, notices...): an old
    version's every sentence naming recipients is read this way for each diff."""
    text = without_references(text)
    if not gives_in_general(text, readings):
        return frozenset()
    return recipients_named(text, readings)


def recipients_named(text: str, readings: Readings) -> frozenset[str]:
    """The recipients a sentence (match form, without its references: see
    :func:`~tracker.classify.text.without_references`) names, whatever it says of them: what
    :func:`recipients_given` answers when the sentence gives data in general. A quick read
    (the recipients' word list alone): a sentence naming none of the recipients asked about
    need not be read further."""
    return _scope_terms(readings, "recipients", text)


def gives_in_general(text: str, readings: Readings) -> bool:
    """Whether a sentence (match form, without its references) grants a spreading power that
    is not denied, with no opt-in, condition or exception: the part of :func:`recipients_given`
    that reads its claims."""
    if readings.search("opt_in", text) is not None:
        return False
    if readings.search("conditions", text) is not None:
        return False
    if readings.search("exceptions", text) is not None:
        return False
    claims = _claims(text, readings)
    return any(c.kind == "power" and c.spreading and not c.negated for c in claims)


def makes_claims(text: str, readings: Readings) -> bool:
    """Whether the :func:`read_sentence` reading of ``text`` has claims (and no more of it)."""
    return bool(_claims(without_references(text), readings))


#: The word lists whose verbs make claims, in the order a verb's pattern is named by.
_CLAIM_LISTS = ("powers", "duties", "rights", "supplies", "named_sending")


#: A word joined by a hyphen to the verb after it, making one compound word ("password-protected",
#: "user-deleted"); not a prefix that makes a verb of its own ("re-use", "co-sell", "de-identify").
_COMPOUND_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:re|co|pre|de|un|non|over|under|cross|sub|multi|self|auto)-)[a-z]{3,}-$"
    r"|\bnot-$",  # "do-not-track", "a do-not-call list": a signal's or list's name, no denial
    re.IGNORECASE,
)


#: "Do Not" in capitals after a word in lower case: the start of a name ("our Do Not Sell My
#: Personal Information page", "honour Do Not Track signals"), not a denial; after a pronoun
#: it is one written for emphasis ("Rest assured, we Do Not Sell your data").
_NAMED_DENIAL = re.compile(
    r"\b(?!(?:we|they|you|it|he|she|i|who|which|that|and|but|also|still|simply)\s)"
    r"[a-z][\w'’-]*\s+[\"“'‘]?(?:Do\s+)?Not\s+$"
)


def _claims(text: str, readings: Readings) -> tuple[Claim, ...]:
    spans: dict[tuple[int, int], tuple[str, set[str]]] = {}
    for kind_list, pattern, regex in readings.each_possible(_CLAIM_LISTS, fold(text)):
        for match in regex.finditer(text):
            key, kinds = spans.setdefault(match.span(), (pattern, set()))
            kinds.add(kind_list)
    spreading = {p for p, _ in readings.each("spreading")}
    phrases = [
        m.span()
        for name in ("purposes", "data")
        for m in readings.finditer(name, text)
        if " " in m.group(0)
    ]
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for (start, end), (key, kinds) in sorted(
        spans.items(), key=lambda item: (item[0][0], -item[0][1])
    ):
        if any(a <= start < b for a, b in taken):
            continue  # a shorter verb inside a longer one ("opt out" in "opt out of")
        taken.append((start, end))
        if _COMPOUND_BEFORE.search(text, max(0, start - 30), start):
            continue  # "password-protected", "privacy-protecting", "do-not-track": a compound
        if text[start].isupper() and _NAMED_DENIAL.search(text, max(0, start - 40), start):
            continue  # "our Do Not Sell My Personal Information page": the name of a page
        if not _made_use(text, start, end) and (
            _NOUN_BEFORE.search(text[max(0, start - 12) : start])
            or _in_noun_phrase(text, start, end)
            or _noun_before_of(text, start, end)
        ):
            continue  # "your use of", "data transfers", "Service access": a noun, not a verb
        if text[start:end].lower().endswith("ing") and _CLAUSE_OPENER.search(
            text[max(0, start - 10) : start]
        ):
            continue  # "when using the Services": says who does what in the main clause only
        if any(a <= start and end <= b for a, b in phrases) and not (
            any(a == start for a, _ in phrases)
            and _PASSIVE_BEFORE.search(text[max(0, start - 30) : start])
        ):
            # "human review", "data transfers": part of a named purpose or kind of data; but
            # "may be reviewed by humans" says it is done
            continue
        if _qualifies_a_noun(text, start, end):
            continue  # "training datasets", "anonymized data": a kind of data, nothing done
        if _PARTICIPLE.fullmatch(text[start:end]) and _DESCRIBED_AS_DONE.search(
            text[max(0, start - 40) : start]
        ):
            continue  # "models already trained", "datasets already delivered": what was done
        if _US_AFTER.match(text, end) and key not in spreading and "supplies" not in kinds:
            # "interact with us", "contact us": the company is its object, not who acts; but
            # "data brokers may share with us your location" passes data on to the company
            continue
        if _PARTICIPLE.fullmatch(text[start:end]) and _AFTER_NOUN.search(
            text[max(0, start - 25) : start]
        ):
            continue  # "the content stored on", "data collected from you": describes, says nothing
        previous = claims[-1] if claims else None
        if previous is not None and _COORDINATED.fullmatch(text[previous.end : start]):
            # "are not stored, retained, or used": a verb list shares its subject and denial
            claim = _coordinated(previous, text, start, end, key, kinds, readings, spreading)
        else:
            claim = _claim(text, start, end, key, kinds, readings, claims, spreading)
        if claim is not None:
            before = text[max(0, start - 120) : start]
            if (
                _CONTROL_OVER_HOW.search(before)
                or _RIGHT_TO_ASK.search(before)
                or _AT_THE_READERS_REQUEST.search(before)
            ) or (
                _ASKED_ABOUT.search(before)
                and not _SERIOUS_IN_QUESTION.search(text)
                and not _ANSWERED.match(text, end)
            ):
                # "you can control how we use your data for ads": what the user controls;
                # "this policy explains how we use it": what the sentence is about
                claim = replace(claim, controlled=True)
            claims.append(claim)
    return tuple(claims)


def _coordinated(
    previous: Claim,
    text: str,
    start: int,
    end: int,
    key: str,
    kinds: set[str],
    readings: Readings,
    spreading: set[str],
) -> Claim | None:
    subject = "user" if previous.kind == "right" else "company"
    kind = _kind(kinds, subject, passive=previous.kind != "right")
    if kind is None:
        return None
    verb = text[start:end]
    return Claim(
        kind=kind,
        key=key,
        verb=verb.lower(),
        negated=previous.negated,
        modality=previous.modality,
        phrase=f"{previous.phrase}, {verb}",
        spreading=kind == "power"
        and ("named_sending" in kinds or _is_spreading(text, start, end, spreading, readings)),
        on_data=previous.on_data
        or _on_data(text, _segment_start(text, start), start, end, readings),
        anchored=previous.anchored,
        start=start,
        end=end,
    )


#: The rest of a question up to the verb: no clause of its own (", and we share", "and may
#: share", "we will still use", ", because we sell it to brokers") and no "not" in between.
_QUESTION_GOES_ON = (
    r"(?:(?!(?:,\s*(?:(?:and|but|or|so|because|since|as|while|although|though|whereas)\s+)?"
    r"|\s+(?:and|but|or|so)\s+)"
    r"(?:we|you|they|it|may|might|will|would|can|could|also)\b"
    r"|\b(?:we|they)\s+(?:will|may|might|can|could|would|shall|still|also)\b"
    r"|\b(?:not|never)\b)[^.;:]){0,80}$"
)
#: A user's choice or control over how something is done ("you can control how we use",
#: "privacy controls, for example with respect to receiving marketing emails or how content is
#: used", "controls over the types of information we use to show you ads"): the verb in what
#: is controlled is what the user decides, not something the sentence says is done. The
#: control is the user's (a verb after "you"; "your settings", "offers privacy controls"): "we
#: may change how we use" and "Acme may change its privacy settings regarding how we use" are
#: the company's; ", and we share", "and may share" and "we will still use" start a clause of
#: their own; "your choices do not affect how we share" says the practice goes on regardless.
_CONTROL_OVER_HOW = re.compile(
    r"(?:\b(?:you|users?)\b(?:\s+[\w'’-]+){0,3}?\s+(?:control|choose|decide|manage|adjust|"
    r"change|limit)|\b(?:your|you|users|everyone|offers?|gives?|provides?)\b(?:\s+[\w'’-]+){0,3}?\s+"
    r"(?:controls|choices|"
    r"settings|preferences|options))"
    r"\b(?:(?!\b(?:not|never|affect|affects)\b)[^.;:]){0,90}"
    r"\b(?:how|with respect to|regarding|over|about)\b" + _QUESTION_GOES_ON,
    re.IGNORECASE,
)
#: A practice in an indirect question after a verb of knowing or telling ("to help people
#: understand what data we collect and when it is shared", "This policy explains how we use
#: it", "we will tell you whether we process it") is what the sentence is about, not something
#: it says is done; a clause of its own (", and we share") or a "not" ends the question. Not
#: after "that" ("understand that when we share it, ...": a statement), nor "when" after a verb
#: of telling ("we will tell you when we share it": a time of notice, as "if" is).
_ASKED_ABOUT = re.compile(
    r"\b(?:(?:understand(?:ing)?|learn|explain(?:s|ed|ing)?|describe(?:s|d)?|set(?:s|ting)? out|"
    r"outline(?:s|d)?|find(?:ing)? out|transparency|controls over|details?|information|"
    r"questions?)\b(?!\s+(?:[\w-]+\s+)?that\b)[^.;:]{0,60}?\b(?:how|what|when|why|whether|who|"
    r"with whom)"
    # "we will tell you when we share it" is a time of notice, as "if" is, not a question
    r"|(?:know|tell(?:s|ing)?|inform(?:s|ed|ing)?)\b(?!\s+(?:[\w-]+\s+)?that\b)[^.;:]{0,60}?"
    r"\b(?:how|what|why|whether|who|with whom))\b" + _QUESTION_GOES_ON,
    re.IGNORECASE,
)
#: The sentence goes on to say what the answer is: "explains how long we keep your data, which
#: may be indefinitely".
_ANSWERED = re.compile(
    r"[^.;:,]{0,80},\s*which\s+(?:may|might|can|could|will|would|is|are|includes?)\b",
    re.IGNORECASE,
)
#: A question the reader has a right to ask ("You have the right to know whether your Personal
#: Information is sold or disclosed and to whom", "the right to request that we disclose what
#: we collect, use, disclose, and sell", "you may ask us to tell you whether we sell it"): the
#: law's right, listed whether or not the practice is done, so even selling in it says nothing
#: is done ("This policy describes how we sell it" still does; the company's "We reserve the
#: right to disclose ..." is no question, nor is what the company tells in a clause of its own
#: after a mention of rights: "To respect your rights, we will inform you which advertisers we
#: sell your data to").
_RIGHT_TO_ASK = re.compile(
    r"(?<!reserve the )(?<!reserves the )"
    r"\b(?:rights?\s+to|entitled\s+to|(?:ask|request)(?:s|ed|ing)?(?:\s+that)?\s+(?:we|us))\b"
    r"(?:(?!,\s*(?:(?:and|but|so)\s+)?(?:we|they|it)\b)[^.;:]){0,60}?"
    r"\b(?:know|disclose|tell|inform|confirm)\b[^.;:]{0,80}?"
    r"\b(?:how|what|why|whether|which|who|to whom|with whom)\b" + _QUESTION_GOES_ON,
    re.IGNORECASE,
)
#: What the reader asks the company to do ("the right to request that we disclose what ...",
#: "you can ask us to share your data with another service", "you or your authorized agent may
#: request that we ..."): done at their request, as what a user controls is (not what others
#: ask: "if law enforcement asks us to disclose it", "your employer may ask us to share it",
#: "other users may ask us to share your contact details").
_AT_THE_READERS_REQUEST = re.compile(
    r"\b(?:you|(?<!other )(?<!another )users?|rights?\s+to|"
    r"your\s+(?:authori[sz]ed\s+)?(?:agents?|representatives?))\b(?:\s+[\w'’-]+){0,4}?\s+"
    r"(?:(?:request|ask)(?:s|ed|ing)?|direct(?:s|ed|ing)?|instruct(?:s|ed|ing)?)\s+"
    r"(?:that\s+)?(?:we|us)\s+(?:to\s+)?(?:(?:also|promptly)\s+)?$",
    re.IGNORECASE,
)
#: Words that keep a practice in an indirect question read, as the ``describes`` rule does:
#: "This Privacy Policy describes how we sell your personal information to third parties".
_SERIOUS_IN_QUESTION = re.compile(
    r"\b(?:sell|sells|sold|sale|rent|train\w*|licen[cs]\w*|advertis\w*|ads|market\w*|"
    r"monetiz\w*|monetis\w*|profil\w*|brokers?|third[- ]part\w*|partners?|models?)\b",
    re.IGNORECASE,
)
#: "us" right after a verb (or its "with"): the company is what the verb is done to.
_US_AFTER = re.compile(r"\s+(?:with\s+)?us\b(?![.'’]\w)")

#: "have shared", "has never collected": a participle after "have" is the sentence's verb.
_PERFECT_BEFORE = re.compile(
    r"\b(?:have|has|had|having|'ve)(?:\s+(?:not|never|also|already|previously|ever))*\s+$",
    re.IGNORECASE,
)
#: A noun of data right after a participle makes the participle its adjective.
_DATA_NOUN_AFTER = re.compile(
    r"\s+(?:data(?:\s?sets?)?|datasets?|information|statistics|insights|reports?|records|"
    r"form|format|copies|versions?|metrics)\b",
    re.IGNORECASE,
)
#: "training" before a noun it qualifies names a kind of data or a purpose; nobody trains.
_TRAINING_NOUN = re.compile(
    r"training\s+(?:data(?:\s?sets?)?|datasets?|purposes?|materials?|corpus|corpora|sets?|"
    r"pipelines?|runs?)\b",
    re.IGNORECASE,
)


#: A noun that a participle after "already" or "previously" describes: "models already
#: trained" says what was done to them, not that it is done (an auxiliary before it is a verb's:
#: "we have already shared").
_DESCRIBED_AS_DONE = re.compile(
    r"\b(?!(?:have|has|had|is|are|was|were|been|be|being|we|you|they|it|not)\b)[A-Za-z]+\s+"
    r"(?:already|previously)\s+$",
    re.IGNORECASE,
)


def _qualifies_a_noun(text: str, start: int, end: int) -> bool:
    """Whether the verb found at ``start:end`` only qualifies the noun after it: "training
    datasets", "training purposes", "anonymized datasets" (but "have shared information" is
    said)."""
    if _TRAINING_NOUN.match(text, start):
        return True
    return (
        _PARTICIPLE.fullmatch(text[start:end]) is not None
        and _DATA_NOUN_AFTER.match(text, end) is not None
        and not _PERFECT_BEFORE.search(text[max(0, start - 30) : start])
    )


#: "make use of": the noun "use" after "make" says what "use" says.
_MAKE_BEFORE = re.compile(r"\b(?:make|makes|made|making)\s+$", re.IGNORECASE)


def _made_use(text: str, start: int, end: int) -> bool:
    """Whether the verb is the "use" of "make use of" ("we may make use of your data")."""
    return (
        text[start:end].lower() == "use"
        and _OF_AFTER.match(text, end) is not None
        and _MAKE_BEFORE.search(text[max(0, start - 8) : start]) is not None
    )


#: "of" right after a verb's plain form makes it a noun ("on or use of the Services", "transfer
#: of data"); "dispose of" is the one verb of data that takes "of".
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_VERBS_WITH_OF = frozenset({"dispose", "disposes"})


def _noun_before_of(text: str, start: int, end: int) -> bool:
    verb = text[start:end].lower()
    if not verb.isalpha() or verb.endswith(("ed", "ing")) or verb in _VERBS_WITH_OF:
        return False  # a phrase ("opt out of", "provide you with notice of") takes its "of"
    return _OF_AFTER.match(text, end) is not None


def _in_noun_phrase(text: str, start: int, end: int) -> bool:
    """Whether the word before the verb makes it part of a noun phrase: a noun that is not a
    subject ("data transfers", "human review", "in Service access")."""
    before = _WORDS_BEFORE.findall(text[max(0, start - 40) : start])
    if not before or text[:start].rstrip().endswith((",", ";", ":", "(", "-", "—", "–")):
        return False
    previous = before[-1]
    lower = previous.lower()
    if lower in _VERB_LICENSING or lower.endswith(("ly", "n't")):
        return False
    if _THING_ACTS.search(" ".join(before[-3:])) and _VERB_OBJECT.match(text, end):
        return False  # "The app collects your location": a thing that acts, its verb, its object
    if previous[0].isupper():  # a name acts ("Replicate uses"), unless it is itself in a phrase
        return len(before) > 1 and before[-2].lower() in _PHRASE_OPENERS
    verb = text[start:end].lower()
    # "uses", "using", "used" agree with no plural subject; "process", "access" end in "ss"
    # in their plain form ("our affiliates process your data")
    agreeing = verb.endswith(("ss", "ing", "ed")) or not verb.endswith("s")
    plural_subject = lower.endswith("s") and not lower.endswith("ss") and agreeing
    return not plural_subject


#: At most one verb before the one found, joined to it ("access or delete", "access, correct").
_ONE_VERB_JOINED = r"(?:[a-z]+(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))?$"
#: What someone asks for, not what anyone does: "your requests to access or delete personal
#: data", "a request for us to delete it" (the verbs after "request to", and one joined to them).
_REQUESTED_VERBS = r"requests?\s+(?:for\s+us\s+)?to\s+" + _ONE_VERB_JOINED
_REQUESTED_BEFORE = re.compile(r"\b" + _REQUESTED_VERBS, re.IGNORECASE)
#: Who asks when a public authority does: "law enforcement", "a court", "government agencies".
_AUTHORITY = (
    r"enforcement|government(?:al)?|court|police|regulatory|regulators?['’]?|"
    r"authorit(?:y|ies)['’]?s?|agenc(?:y|ies)['’]?|officials?"
)
#: A "request to" whose verbs are still claims: the reader's own right ("you may request to
#: delete your data": "request" is the verb of a subject or a modal; "you can send us a request
#: to delete", "make requests to access": the request made is the right) or what a public
#: authority asks the company to do ("law enforcement requests to disclose your data", and
#: :data:`_AUTHORITY_ASKS_AFTER`).
_REQUEST_THAT_CLAIMS = re.compile(
    r"(?:\b(?:you|users?|may|might|can|could|will|would|shall|must|please)\s+"
    r"(?:also\s+|always\s+|[a-z]+ly\s+)?"
    r"|\b(?:make|submit|send|file|lodge|place|raise)s?\s+(?:us\s+)?(?:(?:a|an|your|any)\s+)?"
    r"|\b(?:legal|lawful|" + _AUTHORITY + r")\s+(?:[\w'’-]+\s+)?)" + _REQUESTED_VERBS,
    re.IGNORECASE,
)
#: The authority named after the request's verb: "a request to disclose your personal
#: information from a court", "any request to share your data made by law enforcement".
_AUTHORITY_ASKS_AFTER = re.compile(
    r"[^.;]{0,80}?\b(?:from|by)\s+(?:[\w'’-]+\s+){0,3}?(?:" + _AUTHORITY + r")\b", re.IGNORECASE
)
#: The company's verb as the purpose of someone else's act: "please identify yourself ... to
#: enable us to authenticate and respond to your request" (the reader acts; the company's
#: response is why, not a promise).
_ENABLED_BEFORE = re.compile(
    r"\b(?:to|so as to|in order to)\s+(?:enable|allow|help|permit)\s+us\s+to\s+" + _ONE_VERB_JOINED,
    re.IGNORECASE,
)
#: Who acts in the sentence: the last of these before :data:`_ENABLED_BEFORE` ("Please identify
#: yourself ... to enable us to respond": the reader; "We have procedures in place to enable us
#: to notify you": the company, whose means to a duty is still the duty). "you" acts only where
#: a clause begins ("You must provide ...", "we ask that you provide ..."), not after the
#: company's verb ("we will send you a code": the company acts).
_ACTOR = re.compile(
    r"\b(?:please|we)\b|(?:^|[,;:(]\s*|\b(?:that|if|when|once|where|and|or|but|so|as|unless|"
    r"before|after|because|until)\s+)you\b",
    re.IGNORECASE,
)
#: Where data is processed when it stays on the user's own device: "processed on your device",
#: "to process information on your device about face ... dimensions", "analysed locally".
#: Not where the data lies ("the apps installed on your device", "photos that are on your
#: phone": processed anywhere), nor "locally" by someone or somewhere ("processed locally by our
#: partners in India").
_ON_DEVICE = re.compile(
    r"\s+(?:(?!(?:and|or|but|that|which|stored|saved|installed|kept|held|located|found|"
    r"contained|residing|available)\b)[\w'’-]+\s+){0,8}?(?:(?:locally|entirely|only)\s+)?"
    r"(?:on\s+(?:your|the\s+user[’']s|users[’']|each\s+user[’']s)\s+(?:own\s+)?"
    r"(?:device|phone|computer|browser)s?\b|locally\b(?!\s+(?:by|in|at|within|through|via)\b))",
    re.IGNORECASE,
)
#: The verbs that :data:`_ON_DEVICE` takes back to the device (not "use cookies on your device":
#: what is stored there is read back by others).
_DEVICE_VERBS = re.compile(r"process|analy[sz]", re.IGNORECASE)
#: The data sent away after it was processed on the device ("processed on your device and
#: uploaded to our servers"), or processed elsewhere too ("on your device and on our servers",
#: "locally and in the cloud"), unless denied just before ("and it is never sent to us").
_LEAVES_DEVICE = re.compile(
    r"\b(?:upload|sent\b|send|transmit|transferr?|shar(?:e|ed|ing)\b|disclos)\w*"
    r"|\b(?:on|to|in)\s+(?:our|its|their|the\s+company[’']s)\s+servers?\b"
    r"|\b(?:in|to)\s+the\s+cloud\b",
    re.IGNORECASE,
)
_DENIED_JUST_BEFORE = re.compile(r"(?:\bnot|\bnever|n't)\b[^,.;]{0,12}$", re.IGNORECASE)


#: What the reader believes, up to the verb with no comma or stop between: "If you believe
#: that the information we hold is inaccurate or that we are no longer entitled to use it".
_BELIEVED_BEFORE = re.compile(
    r"\b(?:you|users?)\s+(?:believe|think|feel|suspect)s?\b(?=[^.;:,!?]*$)", re.IGNORECASE
)
#: Where the sentence's own clause may begin after the belief, comma or not: "If you feel that
#: we have not addressed your concern you have the right to lodge a complaint", "If you suspect
#: fraud we will delete your account", "content that you think is inappropriate will be
#: deleted" ...
_MAIN_CLAUSE = re.compile(
    r"\bplease\b|\b(?:will|shall|may|might|can|could|must|should|have\s+(?:the|a)\s+right)\b",
    re.IGNORECASE,
)
#: ... unless its subject is the belief's own: "believe we may have misused it", "think that we
#: will share it", "believe that you have the right to ...".
_BELIEF_SUBJECT_BEFORE = re.compile(
    r"\b(?:that|believes?|thinks?|feels?|suspects?)\s+(?:we|you|it|they)\s+$", re.IGNORECASE
)


def _not_said_by_anyone(text: str, start: int, end: int, kinds: set[str]) -> bool:
    """A verb that is no claim of anyone's whoever its subject: the content of a request or
    of what the reader believes, a duty that is only the purpose of the reader's act, data
    processed on the user's device."""
    before = text[max(0, start - 60) : start]
    if (
        _REQUESTED_BEFORE.search(before)
        and not _REQUEST_THAT_CLAIMS.search(before)
        and not _AUTHORITY_ASKS_AFTER.match(text, end)
    ):
        return True
    if _believed(text, start):
        return True
    if "duties" in kinds and _ENABLED_BEFORE.search(before) and _reader_acts(text, start):
        return True
    return _stays_on_device(text, start, end)


def _believed(text: str, start: int) -> bool:
    """Whether the verb at ``start`` is part of what the reader believes: after "you believe
    (think, feel, suspect)" and before the sentence's own clause begins."""
    belief = _BELIEVED_BEFORE.search(text, max(0, start - 160), start)
    return belief is not None and all(
        _BELIEF_SUBJECT_BEFORE.search(text, max(0, main.start() - 30), main.start())
        for main in _MAIN_CLAUSE.finditer(text, belief.end(), start)
    )


def _reader_acts(text: str, start: int) -> bool:
    """Whether the last actor named before ``start`` is the reader ("please", "you")."""
    actors = [m.group(0) for m in _ACTOR.finditer(text, max(0, start - 200), start)]
    return bool(actors) and actors[-1].lower() != "we"


def _stays_on_device(text: str, start: int, end: int) -> bool:
    """Whether the verb processes data on the user's own device, and the sentence sends none
    of it away afterwards."""
    if _DEVICE_VERBS.match(text, start) is None:
        return False
    where = _ON_DEVICE.match(text, end)
    if where is None:
        return False
    return all(
        _DENIED_JUST_BEFORE.search(text, max(0, sent.start() - 20), sent.start())
        for sent in _LEAVES_DEVICE.finditer(text, where.end())
    )


def _claim(
    text: str,
    start: int,
    end: int,
    key: str,
    kinds: set[str],
    readings: Readings,
    earlier: list[Claim],
    spreading: set[str],
) -> Claim | None:
    if _not_said_by_anyone(text, start, end, kinds):
        return None
    segment_start = _segment_start(text, start)
    if _disclaimed(text, segment_start, start):
        return None
    example = (
        text[start:end].lower().endswith("ing")
        and _EXAMPLE_BEFORE.search(text[max(0, start - 16) : start]) is not None
    )
    infinitive = example or _INFINITIVE_BEFORE.search(text[max(0, start - 4) : start]) is not None
    anchored = [c for c in earlier if c.anchored or example]
    if anchored and _restated_subject(text, anchored[-1].end, start, readings):
        anchored = []  # "we will retain ..., but we will try to delete": its own statement
    if (
        "duties" in kinds
        and "rights" not in kinds  # "you have the right to access, correct, or delete."
        and (infinitive or _PURPOSE_LIST_BEFORE.search(text[max(0, start - 60) : start]))
        and not _for_people(text, start, end, readings)
    ):
        # "we need personal information to protect Acme against fraud", "we use providers to
        # provide, protect and improve our products": the purpose of another verb, owed to no
        # one and done to no one's data, is no promise ("... to protect your data", "... to
        # provide you with notice" still are)
        return None
    if infinitive and anchored:
        # "we do not use your data to train": the purpose verb takes the main verb's standing
        main = anchored[-1]
        kind = _kind(kinds, "user" if main.kind == "right" else "company", passive=False)
        if kind is None or (kind == "duty" and _processes_data(main, text)):
            return None  # "we process your data to protect the Services": a purpose, no promise
        negated, modality, subject_start = main.negated, main.modality, start
        anchor = False
    else:
        # "are interacting with" is the progressive, not the passive: its subject acts
        passive = _PASSIVE_BEFORE.search(text[max(0, start - 30) : start]) is not None and not text[
            start:end
        ].split()[0].lower().endswith("ing")
        if passive and (
            _NEGATED_RELATIVE_BEFORE.search(text, max(0, start - 40), start)
            or _NEGATED_CONDITION_BEFORE.search(text, max(0, start - 50), start)
        ):
            # "Public albums that are not shared with the community will be visible ...": the
            # clause picks out some albums by what is not done to them; it denies nothing
            return None
        if passive:
            # "your data may be shared": whoever shares, it is done to people's data; "may not
            # be transferred or assigned by you": the reader acts, as "you may not transfer"
            # says (a prohibition, or a right), no power or promise of anyone else
            subject = "user" if _BY_THE_READER.match(text, end) else "other"
            subject_start = subject_end = _chain_start(text, segment_start, start)
        else:
            subject, subject_start, subject_end = _subject(text, segment_start, start, readings)
            if subject == URGED:
                return None  # "we encourage you to review their policies": advice, no claim
        prohibition = _PROHIBITION_BEFORE.search(text, segment_start, start)
        if prohibition is not None:  # "..., for example, don't use our services to ..."
            subject, subject_end = "user", prohibition.start()
        elif subject == "other" and not text[segment_start:start].strip(" ,\"'“(*_-"):
            if _label(text, segment_start):
                return None  # "please visit: Deleting your account", "Opt-Out Procedure."
            subject = "user"  # a list item or an order that starts with its verb ("Infer ...")
        kind = _kind(kinds, subject, passive=passive)
        if kind is None:
            return None
        between = text[subject_end:start]
        # "we use none of your content", "we sell no personal data": the object denies
        negated = (
            denies(between, readings)
            or _NO_OBJECT.match(text, end) is not None
            or _DENIAL_BEFORE_SUBJECT.search(
                text, max(0, subject_start - _DENIAL_REACH), subject_start
            )
            is not None
            # "Under no circumstances can Proton decrypt ... and disclose decrypted copies": a verb
            # with no subject of its own in a part that opens with the denial
            or (subject == "other" and not passive and _opens_denied(text, segment_start, start))
        )
        modality = _modality(between, readings)
        if (
            kind == "right"
            and modality == "plain"
            and (
                _CONDITION_BEFORE.search(text[max(0, subject_start - 30) : subject_start])
                or (
                    (
                        _DESCRIBED_BEFORE.search(text[max(0, subject_start - 30) : subject_start])
                        or (
                            _YOU.match(text, subject_start)
                            and _NOUN_PHRASE_BEFORE.search(
                                text[max(0, subject_start - 40) : subject_start]
                            )
                            and not (
                                _OPENER_BEFORE.search(text, 0, subject_start)
                                and not _OPENER_ENDS.match(text, end)
                            )
                        )
                    )
                    and not (
                        _PLACE_BEFORE.search(text, max(0, subject_start - 60), subject_start)
                        and not _OPENING_PHRASE_ENDS.match(text, end)
                    )
                )
            )
        ):
            # "when you delete your account, ...": a condition; "the features which you
            # access", "the information you choose to provide": a description; neither is a
            # right granted
            return None
        anchor = subject != "other"
    on_data = _on_data(text, segment_start, start, end, readings)
    if kind == "right" and takes_an_object(key, readings) and not on_data:
        return None  # "users may have access to the following products": not a right over data
    if (
        kind == "power"
        and not kinds & {"powers", "named_sending"}
        and not _gives_data(text, start, end, readings)
    ):
        return None  # "you provide the Services to your customers": no data given to anyone
    if (
        kind == "duty"
        and modality == "permissive"
        and _DELETES.match(text, start, end)
        and (
            _TAKES_AWAY.match(text, end) or _taken_away(text, max(segment_start, start - 90), start)
        )
    ):
        # "we reserve the right to delete repositories that ...", "we may delete your account":
        # a power over what people keep on the service, as "we may terminate your account" is;
        # not a promise to delete their data ("we may delete your data after two years")
        kind = "power"
    verb = text[start:end]
    return Claim(
        kind=kind,
        key=key,
        verb=verb.lower(),
        negated=negated,
        modality=modality,
        phrase=" ".join(text[subject_start:end].split()[-8:]),
        spreading=kind == "power"
        and ("named_sending" in kinds or _is_spreading(text, start, end, spreading, readings)),
        on_data=on_data,
        anchored=anchor,
        start=start,
        end=end,
    )


#: An assurance denied, and the clause it would have assured: "we do not guarantee that",
#: "we cannot ensure that", "we make no representations that". What that clause says is
#: disclaimed, neither done nor promised: "we cannot guarantee that your data will not be
#: disclosed" promises nothing, "we do not warrant that the app can be accessed" grants no power.
_DISCLAIMED_CLAUSE = re.compile(
    r"\b(?:(?:not|never|cannot|can't|can’t)\s+(?:\w+\s+){0,2}?"
    r"(?:guarantee|warrant|represent|promise|ensure|assure|certify)(?:s|d)?"
    r"(?:\s+(?:or|and)\s+(?:guarantee|warrant|represent|promise|ensure|assure|certify)(?:s|d)?)?"
    r"|no\s+(?:representations?|warrant(?:y|ies)|guarantees?|promises?|assurances?)"
    r"(?:\s+(?:or|and)\s+(?:representations?|warrant(?:y|ies)|guarantees?|promises?))?)"
    r"\s+(?:\w+\s+){0,2}?(?:that|whether)\s",
    re.IGNORECASE,
)
#: A main clause of its own after the disclaimed one: "..., and we will notify you", and the
#: main clause after an opening one that held the denial ("If we cannot ensure that ..., we will
#: not transfer it", "Although we cannot guarantee that ..., we will never sell it").
_MAIN_CLAUSE_AFTER = re.compile(
    r"[,.]?\s+(?i:and|but|or|so)\s+(?:(?i:we|you|they)|[A-Z]\w+)\s|[,;]\s+(?i:we|you|they|it)\s"
)


def _disclaimed(text: str, segment_start: int, start: int) -> bool:
    """Whether the verb at ``start`` is in a clause that a denied assurance governs."""
    found = list(_DISCLAIMED_CLAUSE.finditer(text, segment_start, start))
    return bool(found) and _MAIN_CLAUSE_AFTER.search(text, found[-1].end(), start) is None


#: The reader named as the one acting after a passive verb (and the verbs joined to it): "...
#: transferred or assigned by you", "... by the User"; not "by users" or "by the users you
#: invite", often other people.
_BY_THE_READER = re.compile(
    r"(?:,?\s+(?:or|and)\s+[a-z]+)*\s+by\s+(?:you|the\s+user|the\s+customer)\b(?!\s*s\b)",
    re.IGNORECASE,
)


#: Words for data given: "the relevant bank account details", "your phone number".
_GIVEN_DATA = re.compile(r"\b(?:information|data|details|numbers?|address(?:es)?)\b", re.I)
#: Where what a verb's object names ends.
_OBJECT_END = re.compile(r"[.;:!?]")
#: How far (characters) after a verb of giving what is given is looked for.
GIVEN_REACH = 160


#: A verb of giving said to the company ("provide us with", "submit to us", "share with us").
_GIVEN_TO_US = re.compile(r"\b(?:us|to us|with us|to [A-Z][\w.-]*)\b")
#: People made to give it: "you must provide", "you will need to provide", "you are required to".
_MADE_TO = re.compile(
    r"\b(?:must|need to|needs to|have to|has to|required to|asked to|will be asked to)\s+"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: A relative clause describing data ("any data you provide", "information that you submit"):
#: a description, not a statement that it is given.
_DESCRIBED = re.compile(
    r"\b(?!(?:when|if|where|once|and|or|but|as|because|then|so)\b)[a-z]+"
    r"\s+(?:that\s+|which\s+)?you\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _gives_data(text: str, start: int, end: int, readings: Readings) -> bool:
    """Whether a user's verb of giving ("you provide us with ...") gives the company people's
    data: said to the company or made a requirement ("you must provide"), not in a relative
    clause ("any data you provide"), and naming data up to the end of its part of the
    sentence (not "the Services", "feedback on features")."""
    before = text[max(0, start - 40) : start]
    following = _OBJECT_END.split(text[end : end + GIVEN_REACH], maxsplit=1)[0]
    to_us = text[start:end].lower().endswith(" us")  # "give us", "send us" say it themselves
    if _DESCRIBED.search(before) or not (
        to_us or _MADE_TO.search(before) or _GIVEN_TO_US.search(following[:40])
    ):
        return False
    return readings.search("data", following) is not None or bool(_GIVEN_DATA.search(following))


#: A verb of deleting (not "restore", "notify": the other duties' verbs).
_DELETES = re.compile(r"(?:delet|eras|destroy)\w*", re.IGNORECASE)
#: What people keep on the service, right after a verb of deleting: "(delete) your account",
#: "repositories that ...", "any content" (not "your personal data", "such information").
_KEPT_THINGS = (
    r"(?:accounts?|content|repositor(?:y|ies)|posts?|projects?|files|uploads?|submissions?|"
    r"materials?|websites?|sites?|blogs?|workspaces?|organi[sz]ations?|apps?|packages?|videos?|"
    r"photos?|comments?|messages?)"
)
_TAKES_AWAY = re.compile(
    r"\s+(?:(?:your|any|the|such|their|all|those|these|users?['’]?s?|customers?['’]?s?)\s+)*"
    r"(?:[\w-]+\s+){0,2}?" + _KEPT_THINGS + r"\b",
    re.IGNORECASE,
)
#: ... or said of them in the passive: "Accounts violating this policy may be removed",
#: "Inactive accounts may be renamed or removed" (not "your data may be deleted").
_TAKEN_AWAY = re.compile(
    r"\b" + _KEPT_THINGS + r"\b(?=[^.;:]{0,60}?\b(?:may|can|might|could)\s+(?:also\s+)?be\s+"
    r"(?:[\w-]+\s+(?:or|and|and/or)\s+)?$)",
    re.IGNORECASE,
)
#: ... as the subject itself: not a word describing other data ("your account data", "account
#: information") nor one inside a phrase of a preposition ("cookies placed by our website").
_DESCRIBES_DATA = re.compile(
    r"\s+(?:data|information|info|details|settings|credentials|history|preferences|activity|"
    r"identifiers?|metadata|logs?|records?)\b",
    re.IGNORECASE,
)
_IN_A_PHRASE = re.compile(
    r"\b(?:by|of|on|in|to|from|with|for|through|via|at|into|onto)\s+"
    r"(?:(?:your|our|the|a|an|its|their|this|that|any|other|third-party)\s+)?$",
    re.IGNORECASE,
)


def _taken_away(text: str, begin: int, start: int) -> bool:
    """Whether what people keep is said, as the subject, to be deleted in the passive before
    the verb at ``start``: "Accounts that break this policy may be deleted" (not "your account
    data may be deleted", "cookies placed by our website may be deleted")."""
    return any(
        not _DESCRIBES_DATA.match(text, m.end())
        and not _IN_A_PHRASE.search(text, max(begin - 30, 0), m.start())
        and not _NEW_SUBJECT.search(text, m.end(), start)
        for m in _TAKEN_AWAY.finditer(text, begin, start)
    )


#: A clause ended and another subject begun ("When you close your account, your account data
#: may be deleted"): what came before the comma is not what is deleted.
_NEW_SUBJECT = re.compile(
    r",\s+(?:your|the|our|their|its|any|all|such|this|these|those|we|you|it)\b", re.IGNORECASE
)


def _processes_data(claim: Claim, text: str) -> bool:
    """A power whose object is people's data ("we process your information", "using it"), not
    a means ("we use encryption", "we use reasonable efforts")."""
    return claim.kind == "power" and _DATA_OBJECT.match(text, claim.end) is not None


def _restated_subject(text: str, since: int, verb_start: int, readings: Readings) -> bool:
    """Whether a subject with its own auxiliary ("we will", "you may") stands between an
    earlier verb and this one: this verb then belongs to a statement of its own."""
    between = text[since:verb_start]
    return any(
        _OWN_AUXILIARY.match(between, match.end())
        for who in ("user", "company")
        for match in readings.finditer(who, between)
    )


def _kind(kinds: set[str], subject: str, *, passive: bool) -> ClaimKind | None:
    """A verb said by the user is a right; the company's (or, passive, anyone's) duty or power;
    a third party's verb is a power (data in its hands), never a duty of the company."""
    if subject == "user":
        if "rights" in kinds:
            return "right"
        # "you provide us with your phone number": the company receives it (a power, checked
        # to be over people's data by the caller)
        return "power" if "supplies" in kinds else None
    if "duties" in kinds and (subject == "company" or passive):
        return "duty"
    if "powers" in kinds:
        return "power"
    if "named_sending" in kinds and subject == "company" and not passive:
        # "we send your usage data to Facebook": said by the company, the name is another's
        return "power"
    return None


def _for_people(text: str, start: int, end: int, readings: Readings) -> bool:
    """Whether people's data or the reader ("provide you with notice") is in the verb's words
    or among the few words after them (its object)."""
    words = text[start:end] + " " + " ".join(text[end:].split()[:OBJECT_WORDS])
    return bool(readings.search("user_data", words) or readings.search("user", words))


def _on_data(text: str, segment_start: int, start: int, end: int, readings: Readings) -> bool:
    """Whether the verb is about people's data: a ``user_data`` word in the few words after it,
    or before it in its part of the sentence (passive: "your data may be shared")."""
    after = " ".join(text[end:].split()[:OBJECT_WORDS])
    before = text[segment_start:start]
    if readings.search("user_data", after) or readings.search("user_data", before):
        return True
    # "we may share with our parent companies": passed on to recipients, what goes is data,
    # unless the sentence names what goes after them ("transfer to our affiliates our rights
    # and obligations", "share with our partners aggregated reports")
    if _WITH_OR_TO.match(text, end) is None:
        return False
    if readings.search("spreading", text[start:end]) is None:
        return False
    recipient = readings.search("recipients", after)
    if recipient is None:
        return False
    rest = after[recipient.end() :]
    if _NO_OBJECT_AFTER.match(rest) is not None:
        return True
    more = readings.search("recipients", rest)  # "parent or subsidiary companies"
    return more is not None and len(rest[: more.start()].split()) <= 2


#: "with" or "to" right after a verb that spreads data: the recipients come next (not "share
#: with you updates about our partners": what goes to the user is no data passed on).
_WITH_OR_TO = re.compile(r"\s+(?:with|to)\b(?!\s+(?:you|us)\b)", re.IGNORECASE)
#: What may follow the recipients when the sentence names no object of its own: the end, a
#: purpose or condition ("to run our business", "when ..."), more recipients ("and vendors",
#: else found with the rule file's ``recipients``).
_NO_OBJECT_AFTER = re.compile(
    r"\s*(?:$|[.,;:)]|(?:and|or|to|for|in|on|at|as|when|where|if|who|which|that|so|because|"
    r"unless|under|upon|from|with|including|such)\b)",
    re.IGNORECASE,
)


def takes_an_object(key: str, readings: Readings) -> bool:
    """Whether the verb pattern ``key`` is a right only over an object (``needs_object``)."""
    return key in {p for p, _ in readings.each("needs_object")}


#: What points the reader to a page or an article, whose title follows: "please visit:
#: Deleting your account", "see Deleting Your Data".
_POINTER_BEFORE = re.compile(
    r"\b(?:visit|see|go to|refer to|read|click|tap|check out|consult)\W*$", re.IGNORECASE
)
#: A word of a title or a name: capitalised and not in capitals only ("Opt-Out", "Procedure").
_CAPITALISED = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
_TITLE_WORD = re.compile(_CAPITALISED)
#: Words a title leaves in lower case ("Sharing of Your Data").
_TITLE_SMALL = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
#: At most this many words make a run-in title ("Opt-Out Procedure. You may opt out ...").
RUN_IN_TITLE_WORDS = 6


def _label(text: str, segment_start: int) -> bool:
    """Whether the part of the sentence from ``segment_start`` names something rather than
    saying it: a page's or an article's title after a pointer ("please visit: Deleting your
    account"), or a run-in title in title case ("Opt-Out Procedure."), whose first verb is no
    order to the reader and grants no right."""
    if _POINTER_BEFORE.search(text[max(0, segment_start - 20) : segment_start]):
        return True
    found = text[segment_start:].strip(" .:!?\"'“”*_").split()
    capitalised = [w for w in found if _TITLE_WORD.fullmatch(w.strip(",.:;!?\"'“”()*_"))]
    small = [w for w in found if w.lower() in _TITLE_SMALL and w.islower()]
    return (
        1 < len(found) <= RUN_IN_TITLE_WORDS
        and len(capitalised) + len(small) == len(found)
        and len(capitalised) >= 2
    )


def _segment_start(text: str, start: int) -> int:
    window_start = max(0, start - WINDOW)
    breaks = list(_SEGMENT_BREAK.finditer(text, window_start, start))
    return breaks[-1].end() if breaks else window_start


def _subject(
    text: str, segment_start: int, verb_start: int, readings: Readings
) -> tuple[str, int, int]:
    """("user" | "company" | "other" | URGED, start, end of the one acting) for the verb at
    verb_start (URGED: the reader, only urged to act: "we encourage you to review ...").

    The one acting is looked for in the verb's part of the sentence, then in the parts before it
    while they are short list items ("we do not sell, rent, or share": "share" is denied too)."""
    parts = _comma_parts(text, segment_start, verb_start)
    for index in range(len(parts) - 1, -1, -1):
        start, end = parts[index]
        if index < len(parts) - 1 and _ASIDE_PART.fullmatch(text, start, end):
            if index > 0:
                before = parts[index - 1]
                name = _NAME_ENDING.search(text, before[0], before[1])
                if (
                    name is not None
                    and name.group("name").split()[0] not in _NOT_NAMES
                    and _NAME_OPENS.fullmatch(text, before[0], name.start("name"))
                    and _subject_in(name.group("name"), readings) is None
                ):
                    # "You understand that OpenSea, in its sole discretion, may disable ...";
                    # not a name that ends a phrase ("You may link your account to Facebook,
                    # at any time, and share ..."), nor "You" or "Users" (read as the part is)
                    return "company", name.start("name"), name.end("name")
            continue  # "We may, at our sole discretion, delete ...": "We" acts, not "our"
        found = _subject_in(text[start:end], readings)
        if found is not None:
            who, a, b = found
            return who, start + a, start + b
        named = _NAMED_SUBJECT.match(text, start, end) if index == len(parts) - 1 else None
        if named is not None and named.group("name") not in _NOT_NAMES:
            # "If you are a member of an Organization, GitHub may share ...": the name opening
            # the verb's own part acts, not the reader of the part before it
            return "company", named.start("name"), named.end("name")
        if len(text[start:end].split()) > FILLER_WORDS:
            break  # only a verb list ("sell, rent, or share") reaches back to its subject
    start = max(parts[-1][0], verb_start - 40)
    if start > parts[-1][0] and text[start - 1].isalnum():  # not from the middle of a word
        space = text.find(" ", start, verb_start)
        start = space + 1 if space >= 0 else verb_start
    name = _NAME.search(text[start:verb_start])
    if name is not None and name.group(0) not in _NOT_NAMES:
        return "company", start + name.start(), start + name.end()  # "Replicate will ..."
    joined = _COORDINATED_VERB.search(text, 0, verb_start)
    if joined is not None and (
        joined.group(0).split()[1:] or not _PARTICIPLE.match(text, verb_start)
    ):  # "or accessed by us" is a participle, no verb of the sentence's subject
        # "We may deploy updates for ... new features and will notify you": the second verb
        # has the sentence's subject, however far back it stands (its own modal and negation
        # stand after the "and")
        opening = _subject_in(text[: min(verb_start, OPENING_SUBJECT)], readings)
        if opening is not None and opening[1] < OPENING_SUBJECT // 4:
            return opening[0], joined.start(), joined.start()
    return "other", start, start


#: Words that open an aside between commas: "at our sole discretion", "after providing
#: notice", "at any time", "subject to applicable law".
_ASIDE_OPENERS = r"after|before|upon|at|without|following|subject to"
#: A part of the sentence between commas that is an aside, set between the one acting and the
#: verb: those, and set phrases of "in", "with" and "from" (which may also name who acts: "We,
#: with our affiliates, ...").
_ASIDE_PART = re.compile(
    r"\s*(?:" + _ASIDE_OPENERS + r"|in (?:our|its) (?:sole )?"
    r"discretion|in accordance with|with (?:your|their) (?:\w+ )?consent|from time to time|"
    r"in (?:some|certain|such|rare|limited) (?:cases|circumstances))\b[^,.;]{0,60},\s*",
    re.IGNORECASE,
)
#: A name that ends its part of the sentence, before an aside ("OpenSea" in "You understand
#: that OpenSea, in its sole discretion, may ...").
_NAME_ENDING = re.compile(
    r"(?<![\w.])(?<!\bby )(?P<name>" + _NAME.pattern.removeprefix(r"\b") + r"),\s*$"
)
#: What may stand before that name in its part: nothing but a joining word ("and Acme, at its
#: discretion, may ..."), or a clause's opening word ("You agree that Acme, ..."). After anything
#: else the name ends a phrase ("to Facebook", "with Google") and acts in nothing.
_NAME_OPENS = re.compile(
    r"[\s\"'“‘(]*(?:(?:and|but|or|so|then)\s+)?"
    r"|.*\b(?:that|because|since|if|when|whenever|where|while|unless|although|though|once)\s+",
    re.IGNORECASE | re.DOTALL,
)
#: A name and its auxiliaries, all of the verb's part of the sentence: "GitHub may" in "If you
#: are a member, GitHub may share ...".
_NAMED_SUBJECT = re.compile(
    r"\s*(?P<name>" + _NAME.pattern.removeprefix(r"\b") + r")\s+"
    r"(?:(?:will|shall|may|might|can|could|would|must|also|then|only|not|does|do|did|never)\s+)*$"
)
#: A verb joined to the one before it with its subject left out: "... and will notify".
_COORDINATED_VERB = re.compile(
    r"\b(?:and|or)\s+(?:(?:will|shall|must|may|can|would|could|also|then|do|does)\s+)*(?:not\s+)?$",
    re.IGNORECASE,
)
#: Where a sentence's own subject stands: within the first quarter of this many characters.
OPENING_SUBJECT = 120


def _chain_start(text: str, segment_start: int, verb_start: int) -> int:
    """Where the part of the sentence that a verb list hangs from begins ("are not stored,
    retained, or used": "used" is denied with "stored")."""
    parts = _comma_parts(text, segment_start, verb_start)
    for index in range(len(parts) - 1, -1, -1):
        start, end = parts[index]
        if len(text[start:end].split()) > FILLER_WORDS or index == 0:
            return start
    return parts[0][0]


def _comma_parts(text: str, segment_start: int, verb_start: int) -> list[tuple[int, int]]:
    bounds = [segment_start]
    bounds += [m.end() for m in re.finditer(r",\s*", text[segment_start:verb_start])]
    bounds = [segment_start] + [segment_start + b for b in bounds[1:]]
    return [(a, b) for a, b in zip(bounds, [*bounds[1:], verb_start], strict=True)]


def _subject_in(window: str, readings: Readings) -> tuple[str, int, int] | None:
    best: tuple[int, int, str] | None = None
    for who in ("user", "company"):
        for match in readings.finditer(who, window):
            to_verb = _TO_VERB.match(window, match.end()) is not None
            lets_act = who == "company" and to_verb  # "allow us to sell": we sell
            # "we encourage you to disclose ...": the reader may do it, or not; neither a right
            # given nor a power of the company's (see :func:`_claim`)
            urged = who == "user" and to_verb and _URGES.search(window[: match.start()])
            # "Firefox Send lets you share files", "the app allows you to share photos": the
            # reader does it, a feature of theirs (as "you can share"), not the company sharing
            enabled = (
                who == "user"
                and (to_verb or _BARE_VERB.fullmatch(window, match.end()) is not None)
                and _ENABLES.search(window[: match.start()]) is not None
            )
            if _OBJECT_BEFORE.search(window[: match.start()]) and not (
                lets_act or urged or enabled
            ):
                continue  # "warn you", "send you": an object
            if who == "user" and _OTHER_BEFORE.search(window[: match.start()]):
                continue  # "other users can see": people other than the reader, a third party
            if best is None or match.end() > best[0]:
                best = (match.end(), match.start(), URGED if urged else who)
    return None if best is None else (best[2], best[1], best[0])


#: Verbs that let their object do what follows ("lets you share", "allows you to delete"): the
#: object acts.
_ENABLES = re.compile(r"\b(?:allows?|lets?|enables?|permits?|helps?)\s+$", re.IGNORECASE)
#: What may follow the object of such a verb in the part of the sentence before the verb read:
#: nothing (the verb itself comes next: "lets you share"), or one bare verb before a list of
#: them ("help you access, rectify or remove").
_BARE_VERB = re.compile(r"\s*(?:[a-z]+\s*)?")


#: What makes the users after it, as the subject opening its part of the sentence, people other
#: than the reader: "Other users can see ...", "another user may ...", "all other customers"
#: (a third party: what they can see of the reader's data is passed on). Not an object ("solicit
#: login credentials from other users", the reader's own verb before it).
_OTHER_BEFORE = re.compile(
    r"^[\s\"'“*_(]*(?:(?:all|the|some|any|many|certain)\s+)?(?:other|another)\s+$", re.IGNORECASE
)


#: An object that denies the verb before it ("use none of", "sell no"), not a comparison ("keep
#: it no longer than needed", "notify you no later than").
_NO_OBJECT = re.compile(
    r"\s+(?:none\s+of|no(?!\s+(?:later|longer|more|less|sooner|earlier|fewer|other|matter)\b))\b",
    re.IGNORECASE,
)


#: A denial put before the one acting, the auxiliary with it: "..., nor do we share it".
_DENIAL_BEFORE_SUBJECT = re.compile(
    r"\b(?:nor|neither|never|(?:under|in) no (?:circumstances?|conditions?|event|case"
    r"|instances?|way)(?: whatsoever)?|not (?:under|in) any (?:circumstances?|conditions?)"
    r"|at no (?:time|point)|on no account|by no means)\s*,?\s+"
    r"(?:(?:however|though|moreover|furthermore|also),?\s+)?"
    r"(?:do|does|did|will|would|shall|should|can|could|may|might|must|is|are|was|were|has|have)"
    r"\s+$",
    re.IGNORECASE,
)
#: A part of a sentence opening with a denial that governs all its verbs ("Under no
#: circumstances can ...", "At no time do ...").
_DENIAL_OPENS = re.compile(
    r"\W*(?:(?:under|in) no (?:circumstances?|conditions?|event|case|instances?|way)"
    r"|not (?:under|in) any (?:circumstances?|conditions?)|at no (?:time|point)|on no account"
    r"|by no means)\b",
    re.IGNORECASE,
)


def _opens_denied(text: str, segment_start: int, start: int) -> bool:
    """Whether the part of the sentence the verb at ``start`` is in opens with a denial that
    governs it: no comma between (", and customer data may be shared" is a clause of its own)."""
    opening = _DENIAL_OPENS.match(text, segment_start)
    return opening is not None and "," not in text[opening.end() : start]


#: How far before its subject an inverted denial may start ("Under no circumstances whatsoever
#: will we").
_DENIAL_REACH = 50


def denies(between: str, readings: Readings) -> bool:
    """Whether ``between`` (the words between the one acting and a verb) denies the verb; the
    phrases of the ``not_negating`` reading deny nothing ("including but not limited to
    reviewing", "without limitation")."""
    own = _OWN_CLAUSE.search(between)
    if own is not None:
        # "does not cover information that may be collected": the verb has a clause of its
        # own, which the main clause's denial does not reach
        between = between[own.start() :]
    for match in readings.finditer("not_negating", between):
        width = match.end() - match.start()
        between = between[: match.start()] + " " * width + between[match.end() :]
    return readings.search("negation", between) is not None


#: A relative clause in the passive just before the verb: "... that may be", "... which is"
#: (the data it speaks of is acted on). An active one is still under the main clause's denial:
#: "We are not a company that will sell your data", "partners who would sell it".
_OWN_CLAUSE = re.compile(
    r"\b(?:that|which|who)\s+(?:(?:may|might|can|could|will|would|has|have|had)(?:\s+not)?"
    r"\s+(?:be|been)|(?:is|are|was|were)(?:\s+not)?(?:\s+being)?)\s*$",
    re.IGNORECASE,
)


def _modality(between: str, readings: Readings) -> Modality:
    asides = " ".join(m.group(0) for m in _ASIDE.finditer(between))
    between = _ASIDE.sub(" ", between)
    for name in ("effort", "permissive", "binding"):
        if readings.search(name, between) is not None:
            return name
        if name != "binding" and any(
            not _AUXILIARY.fullmatch(m.group(0)) for m in readings.finditer(name, asides)
        ):
            # "We will, at our sole discretion, delete ...", "We will, in some cases, notify
            # you": the aside says how the verb is said; not an auxiliary of the aside's own
            # clause ("We will, upon any request you may make, delete ...")
            return name
    return "plain"


#: An auxiliary verb, which in an aside is that aside's own.
_AUXILIARY = re.compile(r"may|might|can|could|will|would|shall|should|must", re.IGNORECASE)


#: An aside between dashes or commas, left out when reading how a verb is said ("we reserve
#: the right—after providing advance notice—to delete", "we reserve the right, at our
#: discretion, to delete": the right reserved is to delete).
_ASIDE = re.compile(
    r"\s*[—–]\s*[^—–.;]{1,80}?\s*[—–]\s*|\s+-\s+[^.;-]{1,80}?\s+-\s+"
    r"|,\s*(?:" + _ASIDE_OPENERS + r"|on|in|with|from)\b[^,.;]{1,60},\s*",
    re.IGNORECASE,
)


#: What a spreading verb passes on goes to the company itself ("third parties you direct to
#: share information with us"): received, not spread.
_TO_US = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}(?:with|to)\s+us\b"
    r"(?!,?\s+(?:(?:and|or)\s+)?(?:our|its|their|the|other|any|third|affiliates|partners)\b)",
    re.IGNORECASE,
)


#: What a spreading verb passes on goes to the reader: "is licensed to you", "is licensed for
#: use by a single, named individual user" (unless others get it too: "to you and to our
#: partners"; not "for use by a third party").
#: Machines as where data goes ("shared with the servers", "transferred to our systems"): kept
#: by the company, passed to no one (not "the servers of our partners", "servers operated by";
#: not "their servers": a policy calls the company's own "our").
_TO_MACHINES = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}(?:with|to)\s+(?:(?:our|the|its)\s+)?(?:own\s+)?"
    r"(?:servers?|systems?|infrastructure|data\s+cent(?:er|re)s?|databases?)\b"
    r"(?!\s+(?:of|operated|run|provided|owned|hosted|managed|belonging)\b)",
    re.IGNORECASE,
)
_TO_THE_READER = re.compile(
    r"\s+(?:to you|for (?:your )?use by (?:you\b|(?:a|an|one|the|each)"
    r"(?:,?\s+(?:single|named|specific|authori[sz]ed|individual))*,?\s+"
    r"(?:individual|user|person|customer|subscriber|licensee)s?\b))"
    r"(?![^.;]{0,30}\b(?:and|or)\s+(?:to\s+)?(?:our|its|third|other|any|partners|affiliates)\b)",
    re.IGNORECASE,
)


def _is_spreading(text: str, start: int, end: int, spreading: set[str], readings: Readings) -> bool:
    """Whether the verb at ``start:end`` spreads data to others (not to the company itself).
    Matched where it stands, so that a verb's lookahead reads what follows it ("provide"
    spreads only before data and whom it goes to)."""
    if _TO_US.match(text, end) or _TO_THE_READER.match(text, end) or _TO_MACHINES.match(text, end):
        return False
    return any(
        (found := regex.match(text, start)) is not None and found.end() == end
        for p, regex in readings.each("spreading")
        if p in spreading
    )


_ACKNOWLEDGED = re.compile(
    r"\b(?:you|users?|customers?)\s+(?:hereby\s+)?(?:acknowledges?|agrees?|understands?|accepts?)"
    r"(?:\s+and\s+(?:acknowledges?|agrees?|understands?|accepts?))?\s+that\s+",
    re.IGNORECASE,
)


#: The one speaking in an inverted denial of liability ("Under no circumstances shall WE be
#: liable", "In no event will Acme be responsible"): the word after its auxiliary.
_INVERTED_SUBJECT = re.compile(
    r"(?:under no (?:circumstances?|conditions?)|in no (?:event|case|instance)|at no time),?\s+"
    r"\w+\s+(\S+)",
    re.IGNORECASE,
)


def _liability_excluded(text: str, readings: Readings) -> bool:
    """The company denies its liability: a ``no_liability`` phrase with the company (a company
    word or a capitalised name) as the one speaking before it, not a user ("You shall not be
    liable") nor "neither party"."""
    text = _ACKNOWLEDGED.sub("", text)  # "You acknowledge that Acme is not responsible"
    for match in readings.finditer("no_liability", text):
        inverted = _INVERTED_SUBJECT.match(match.group(0))
        if inverted is not None:  # "In no event shall Acme be liable": the one after the verb
            if readings.search("user", inverted.group(1)) is None:
                return True
            continue
        before = text[max(0, match.start() - 60) : match.start()]
        found = _subject_in(before, readings)
        if found is not None and found[0] == "company":
            return True
        name = _NAME.search(before)
        if found is None and name is not None and name.group(0) not in _NOT_NAMES:
            return True
    return False


def _power_at_will(text: str, readings: Readings, claims: tuple[Claim, ...]) -> bool:
    """ "At any time", "for any reason" said of a permitted power ("we may suspend your account
    at any time"), not of a right ("you can delete it at any time")."""
    for match in readings.finditer("at_will", text):
        before = [c for c in claims if c.start < match.start()]
        if before and before[-1].kind == "power" and not before[-1].negated:
            return True
    return False


def _limiters_of_powers(text: str, readings: Readings, claims: tuple[Claim, ...]) -> int:
    """Limiting words ("only", "solely") after a permitted power: "we use it only to ..."."""
    starts = [c.start for c in claims if c.kind == "power" and not c.negated]
    if not starts:
        return 0
    return sum(1 for m in readings.finditer("limiters", text) if m.start() > min(starts))


def _starts_with(readings: Readings, name: str, text: str) -> bool:
    match = readings.search(name, text)
    return match is not None and match.start() <= 12


def _first(readings: Readings, name: str, text: str) -> str | None:
    match = readings.search(name, text)
    return match.group(0) if match else None


#: An item of an enumerated list: "(a)", "(ii)", "(3)".
_ENUMERATOR = re.compile(r"\((?:[a-h]|i{1,3}|iv|v|vi{0,3}|[1-9])\)\s")


def _exception_items(text: str, readings: Readings) -> int:
    """The enumerated items that follow the sentence's exception words ("except (a) ..., (b)
    ... or (c) ..." makes three); 0 when none is enumerated (a list in prose is not counted:
    the same exceptions lettered or not are the same exceptions)."""
    found = readings.finditer("exceptions", text)
    count = 0
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        count += len(_ENUMERATOR.findall(text, match.end(), end))
    return count


def _exception_alternatives(text: str, readings: Readings) -> int:
    """How many alternatives the sentence's exceptions allow, each up to the end of its
    clause: its enumerated items, or else the parts of its list in prose ("unless you opted out
    of training or you use a product that is opted out by default" allows two; "unless (a) ...
    or (b) ..." two as well)."""
    return len(exception_alternatives(text, readings))


def exception_alternatives(text: str, readings: Readings) -> list[str]:
    """The alternatives the sentence's exceptions allow, as text, each up to the end of its
    clause: its enumerated items, or else the parts of its list in prose (see
    :func:`_exception_alternatives`)."""
    found = readings.finditer("exceptions", text)
    alternatives: list[str] = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        stop = _EXCEPTION_END.search(text, match.end(), end)
        end = stop.start() if stop else end
        items = _ENUMERATOR.split(text[match.end() : end])[1:]
        alternatives += items or _alternatives_in_prose(text[match.end() : end])
    return alternatives


def exception_spans(text: str, readings: Readings) -> list[tuple[int, int]]:
    """Where the sentence's exceptions stand, each from its words to the end of its clause
    ("We do not share it, except with our service providers, such as ...": what the denial
    lets through)."""
    found = readings.finditer("exceptions", text)
    spans = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        stop = _EXCEPTION_END.search(text, match.end(), end)
        spans.append((match.start(), stop.start() if stop else end))
    return spans


def _alternatives_in_prose(span: str) -> list[str]:
    """The alternatives of an exception written as a list in prose: the whole, or, when an
    "or" is its last joining word, each part between its commas and "or"s ("to our
    processors, with your consent or where the law requires it" makes three; a list that ends
    with "and" is of things that all hold)."""
    joiners = _JOINER.findall(span)
    if not joiners or joiners[-1].lower() == "and":
        return [span]  # "... will survive, including payment, indemnification and termination"
    parts = [
        p
        for p in _ALTERNATIVE_SPLIT.split(span)
        if p.strip() and not _NO_ALTERNATIVE.match(p.strip())
    ]
    return parts or [span]


#: A part that is the means of the alternative before it ("you consent in writing or by
#: email") or an aside ("unless, as described below, you consent"), no alternative itself.
_NO_ALTERNATIVE = re.compile(
    r"(?:by|via|through|using|in writing|for (?:example|instance)|e\.g\.|i\.e\.|such as|"
    r"including|as (?:described|explained|set out|set forth|outlined|noted|detailed))\b",
    re.IGNORECASE,
)


#: Where an exception ends: the sentence's end, or a comma before a clause of its own (", and
#: we may ...").
_EXCEPTION_END = re.compile(
    r"[;:.!?]|,\s*(?:(?:and|but|or|so)\s+)?(?:we|you|they|it|this|these|such|our)\s+"
    r"(?:may|will|can|shall|must|do|does|are|is|might|would|could|have|has)\b",
    re.IGNORECASE,
)
#: The words that join a list's last item: the last one says whether it is a list of
#: alternatives ("or", "and/or") or of things that all hold ("and"); "whether or not" is none.
_JOINER = re.compile(r"(?<!whether )\b(?:and/or|and|or)\b(?! not\b)", re.IGNORECASE)
#: Where a list of alternatives splits: its commas and "or"s. (No space before the comma or the
#: "or" is matched: a long run of spaces before neither would be tried again from each of its
#: characters.)
_ALTERNATIVE_SPLIT = re.compile(
    r",\s*(?:(?:and/)?or\b(?! not\b))?|(?<=\s)(?<!whether\s)(?:and/)?or\b(?! not\b)", re.IGNORECASE
)


_CAPITALISED_BEFORE = re.compile(rf"\b{_CAPITALISED}\s+$")
#: A capitalised word after a purpose's words, continuing a name; not "Purposes", which makes
#: the name a purpose ("for Model Training Purposes").
_CAPITALISED_AFTER = re.compile(rf"\s+(?!Purposes?\b|Uses?\b){_CAPITALISED}")


def _inside_a_name(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` is in the middle of a capitalised name: its words capitalised, and a
    capitalised word on each side ("Bolt Model Development Content" is a defined term, not a
    purpose; "Targeted Advertising Cookies" at a sentence's start still names one)."""
    found = match.group(0).split()
    if not all(w[:1].isupper() for w in found):
        return False
    before = _CAPITALISED_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
    return before is not None and _CAPITALISED_AFTER.match(text, match.end()) is not None


def _found(readings: Readings, name: str, text: str) -> frozenset[str]:
    return frozenset(_term(m) for m in readings.finditer(name, text))


def _term(match: re.Match[str]) -> str:
    """A scope term as compared: lower case, single spaces."""
    return " ".join(match.group(0).lower().split())


#: Where data comes from, not where it goes: "data from partners", "datasets provided by third
#: parties", "publicly available on the Internet by third parties". (A recipient named as the
#: agent of a verb that receives data stays one: "accessed by contractors".)
_SOURCE_BEFORE = re.compile(
    r"(?:\b(?:data|information|datasets?|content|receive[ds]?|received|obtain(?:s|ed)?|"
    r"collect(?:s|ed)?|get|gets|got|acquire[ds]?|purchase[ds]?|buy|bought|gather(?:s|ed)?|"
    r"provided|supplied)(?: [\w'-]+){0,3} from|\b(?:provided|supplied|offered|made available|"
    r"available|published|created|generated|collected|obtained|gathered|licensed|sourced|"
    r"developed|owned|operated|written)(?: to us)?(?: [\w'-]+){0,4} by)"
    r"(?: (?!(?:with|to|and|or)\b)[\w'-]+){0,2} $",
    re.IGNORECASE,
)


#: A recipient a few words after "from" is where data comes from ("..., from our business
#: partners and affiliates"), unless it is who asks ("requests from law enforcement").
_FROM_BEFORE = re.compile(
    r"(?<!\brequests )(?<!\brequest )(?<!\bdemands )(?<!\bdemand )(?<!\borders )(?<!\border )"
    r"\bfrom (?:(?!(?:with|to|by|for|in|on|at|that|which|who|when|where)\b)[\w'-]+,? ){0,5}$",
    re.IGNORECASE,
)


def _scope_terms(readings: Readings, name: str, text: str) -> frozenset[str]:
    """The sentence's terms of one scope (recipients, purposes, kinds of data, places); the
    recipients it names as a source of data are not recipients."""
    if name == "purposes":
        # "Bolt Model Development Content": a purpose's words inside a capitalised name
        return frozenset(
            _term(m) for m in readings.finditer(name, text) if not _inside_a_name(text, m)
        )
    if name != "recipients":
        return _found(readings, name, text)
    return frozenset(
        _term(m)
        for m in readings.finditer(name, text)
        if not _SOURCE_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
        and not _FROM_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        and not _OWNER_BEFORE.search(text[max(0, m.start() - 50) : m.start()])
        and not _OWNED_AFTER.match(text, m.end())
        and not _DEFINES_US_AFTER.match(text, m.end())
    )


#: Who "we" are, defined right after them: "Acme Corporation and its subsidiaries and affiliates
#: ("Acme," "we," and "us") collect ...", "Acme and its affiliates (collectively, "we")": the
#: company itself, not someone it gives data to. Not across a name or "to"/"with": "with
#: advertisers and Acme Holdings ("we")" defines Acme Holdings only.
_DEFINES_US_AFTER = re.compile(
    r"(?:(?!\b(?:to|with)\b)(?-i:[^.;:()A-Z])){0,60}"
    r"\(\s*(?:collectively,?\s*)?[^()]{0,60}?[\"“'‘](?:we|us|our)[,.]?[\"”'’]",
    re.IGNORECASE,
)


#: Those whose rights, property or safety are at stake, not who gets data: "the rights of third
#: parties", "the intellectual property of others", "third parties' rights", "third-party
#: rights" (a recipient named beside it still is one).
_OWNER_BEFORE = re.compile(
    r"\b(?:rights?|property|privacy|safety|security|interests?|reputation)"
    r" of (?:(?:any|other|the|a|such|those|these|all) )?$",
    re.IGNORECASE,
)
_OWNED_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:intellectual\s+)?(?:property\s+)?"
    r"(?:rights|property|privacy|safety|interests|reputation)\b",
    re.IGNORECASE,
)


def _licence(text: str, readings: Readings, claims: tuple[Claim, ...]) -> bool:
    """A licence or rights taken in people's content: licence words with a grant that is not
    the company's grant to the user ("you grant us a perpetual licence"), or people's content
    put under an open licence, for anyone to use (:func:`_opened_to_everyone`)."""
    if _opened_to_everyone(text, readings):
        return True
    if readings.search("licence", text) is None or readings.search("grant", text) is None:
        return False
    # "granting or revoking a professional license": no one's content, no user granting it
    no_content = readings.has("user_data") and readings.search("user_data", text) is None
    if no_content and not _granted_by_user(text, readings):
        return False
    if _LICENCE_ELSEWHERE.search(text) and not _USER_GRANTS.search(text):
        return False  # "... rights to use the Prompts and to give us the license set forth in
        # Section 7": a promise about the licence granted where it points, not a grant
    if _RIGHTS_WARRANTED.search(text) and not _USER_GRANTS.search(text):
        return False  # "you represent that you have all rights ... necessary to grant the
        # license": a warranty that the user can grant it; the grant is said where it is made
    if _PROHIBITION.search(text) and not _USER_GRANTS.search(text):
        return False  # "You may not share, sell, rent, lease, lend, sublicense ... your
        # account": what the user may not do with what is theirs, no licence taken
    return not _licence_to_user(text, readings)


def _opened_to_everyone(text: str, readings: Readings) -> bool:
    """People's content put under an open licence (``open_licence``), which lets anyone use
    it: "your contributions are licensed under CC BY-SA", "we may make the sentences you submit
    available under CC0". The content is named as theirs, up to the licence: "your ...", "users'
    ...", or what they submit; a document licensing itself ("This Privacy Statement is licensed
    under ...") or the company's own material ("You may use our logos under CC BY, crediting
    your source") is no licence over theirs."""
    opened = readings.search("open_licence", text)
    if opened is None:
        return False
    upto = text[: opened.end()]
    # the licence's own clause: "This website is published by the OSMF, and the map data you
    # contribute is made available under the ODbL" licenses the data, not the website
    clause = _CLAUSE_BREAK.split(upto)[-1]
    if _SELF_LICENSED.search(clause):
        return False
    # "You may choose to license your photos under CC BY", "You may share and adapt our
    # articles under CC BY-SA": the person's own choice or permission, no licence taken from
    # them; "We will never place your content in the public domain": a promise not to open it
    if _OPENING_CHOSEN.search(upto) or _OPENING_DENIED.search(clause):
        return False
    # "works released into the public domain by their creators": opened by others, before
    if _OPENED_BY_OTHERS.match(text, opened.end()):
        return False
    # "statistics derived from your data": what is opened is the company's, made from theirs
    theirs = any(
        not _DERIVED_FROM.search(upto, 0, found.start()) for found in _PEOPLE_CONTENT.finditer(upto)
    )
    return theirs or _PEOPLE_SUPPLY.search(upto) is not None


#: People's content named as theirs: "your contributions", "users' photos", "Subscriber
#: Content" (not "the dataset", "images on this site": whose, the sentence does not say).
_PEOPLE_CONTENT = re.compile(
    r"\b(?:your|users?['’]s?|user|contributors?['’]?s?|members['’]|subscriber|customer)\s+"
    # the content theirs, not what their act is about ("your use of content under CC BY")
    r"(?:(?!(?:of|to|for|with|on|in|from|by|about|under)\b)[\w-]+\s+){0,2}?"
    r"(?:content|contributions?|submissions?|edits|posts?|photos?|images?|"
    r"videos?|recordings?|uploads?|works?|materials?|data|texts?|sentences|inputs?|outputs?|"
    r"prompts?|creations?)\b",
    re.IGNORECASE,
)
#: The people who use the service, as a sentence names them acting.
_PEOPLE = r"(?:you|users?|contributors?|members?|participants?)"
#: What people give the service, named by their verb ("the sentences you submit", "if users
#: upload photos", "you can only submit content you license under CC BY-SA").
_PEOPLE_SUPPLY = re.compile(
    r"\b" + _PEOPLE + r"\s+(?:\w+\s+){0,2}?"
    r"(?:submit|upload|post|contribute|provide|share|record|donate|create)(?:s|d|ed)?\b",
    re.IGNORECASE,
)
#: Opening the person may choose or is allowed, not one taken from them: "you may choose to
#: license your photos under CC BY", "you can publish it under CC BY", "if you elect to release
#: your work into the public domain", "you may share and adapt our articles under CC BY-SA"
#: (not "you may only submit ...", "if you choose to contribute, your edits are licensed ...").
_OPENING_VERBS = (
    r"(?:licen[cs]e|sub-?licen[cs]e|release|publish|dedicate|place|put|make|offer|share|adapt|"
    r"re-?use|copy|distribute|modify|remix)"
)
_OPENING_CHOSEN = re.compile(
    r"\b" + _PEOPLE + r"\s+(?:(?:may|can|could)(?!\s+(?:only|not)\b)|"
    r"are (?:free|able) to|have the (?:option|choice) to)\s+(?:(?:choose|elect|opt|decide|wish)\s+"
    r"to\s+)?(?:also\s+)?" + _OPENING_VERBS + r"\b"
    r"|\bif "
    + _PEOPLE
    + r" (?:so )?(?:choose|elect|opt|decide|wish|want) to\s+"
    + _OPENING_VERBS
    + r"\b|\bat (?:your|their) (?:own )?(?:option|choice|discretion)\b",
    re.IGNORECASE,
)
#: Opening denied: "we will never place your content in the public domain", "we won't release
#: your contributions under CC0" (in the licence's own clause: "we don't share your data, but
#: your edits are licensed under CC BY-SA" opens them).
_OPENING_DENIED = re.compile(
    r"(?:\bnot|\bnever|n['’]t)\s+(?:\w+\s+){0,2}?"
    r"(?:licen[cs]|sub-?licen[cs]|releas|publish|dedicat|plac|put|mak|made|offer)\w*\b",
    re.IGNORECASE,
)
#: The opener named after the licence, someone other than the person or the company ("released
#: into the public domain by their creators", "available under CC BY from its authors").
_OPENED_BY_OTHERS = re.compile(
    r"[\s,]*(?:[\w.-]+[\s,]+){0,3}?(?:by|from)\s+(?:their|its|the(?:ir)?)\s+(?:original\s+|respective\s+)?"
    r"(?:creators?|authors?|owners?|rights?[- ]?holders?|copyright (?:holders?|owners?)|licensors?|"
    r"makers?|publishers?)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*and\b|\b(?:but|however|while|whereas)\b", re.IGNORECASE)
#: Ending just before people's content, what is made from it ("statistics derived from your
#: data", "insights based on users' posts", "derived from your activities and your data").
_DERIVED_FROM = re.compile(
    r"\b(?:(?:derived|generated|computed|compiled|extracted|aggregated|drawn|learned|built)\s+"
    r"(?:from|on)|based\s+on|about|regarding|concerning)\s+(?:[\w'’-]+,?\s+){0,4}?$",
    re.IGNORECASE,
)
#: A document under a licence of its own: "This Privacy Statement is licensed under ...".
_SELF_LICENSED = re.compile(
    r"\b(?:this|these|our)\s+(?:[\w-]+\s+){0,2}(?:agreement|policy|policies|statement|notice|"
    r"terms|documents?|pages?|site|website|repository|guidelines?)\s+(?:is|are)\s+(?:\w+\s+)?"
    r"(?:licen[cs]ed|available|released|dedicated|published)\b",
    re.IGNORECASE,
)


#: A licence granted in another part of the document, named by where it is.
_LICENCE_ELSEWHERE = re.compile(
    r"\bthe (?:licen[cs]es?|rights?) (?:(?:set (?:forth|out)|described|granted|referred to|"
    r"provided)(?: to us)? (?:in|under|above|below)|(?:in|under) (?:this )?section)\b",
    re.IGNORECASE,
)
#: The user vouching for the rights a licence needs: "you represent and warrant that you have
#: all rights, licenses, and permissions necessary to grant ...".
_RIGHTS_WARRANTED = re.compile(
    r"\b(?:have|hold|own|obtained)\s+(?:all\s+)?(?:the\s+)?(?:necessary\s+|requisite\s+)?"
    r"(?:rights?|licen[cs]es?|permissions?|consents?)\b(?:,?\s+(?:and\s+|or\s+)?[\w-]+){0,5}?"
    r"\s+(?:necessary|needed|required)\s+(?:for|to)\b",
    re.IGNORECASE,
)
#: The user granting something in this very sentence.
_USER_GRANTS = re.compile(
    r"\b(?:you|users?)\s+(?:hereby\s+)?(?:grants?|gives?|assigns?|license|licence)\b", re.IGNORECASE
)


def _granted_by_user(text: str, readings: Readings) -> bool:
    grant = readings.search("grant", text)
    if grant is None:
        return False
    subject, _, _ = _subject(text, _segment_start(text, grant.start()), grant.start(), readings)
    return subject == "user"


def _licence_to_user(text: str, readings: Readings) -> bool:
    """The company grants the user a licence (to use its services): not over user content."""
    grant = readings.search("grant", text)
    if grant is None:
        return False
    subject, _, _ = _subject(text, _segment_start(text, grant.start()), grant.start(), readings)
    after = text[grant.end() : grant.end() + 25]
    return subject == "company" or re.match(r"\s*(?:to )?you\b", after, re.IGNORECASE) is not None


def _unilateral(text: str, readings: Readings) -> str | None:
    """A power to change terms, prices or the service at will: "change these terms at any time".
    The verb, its object and "at will" are looked for within one part of the sentence (parts
    end at semicolons): a list of prohibitions joined by ";" says several things."""
    for part in _PARTS.split(text):
        found = _unilateral_in(part, readings)
        if found is not None:
            return found
    return None


def _unilateral_in(text: str, readings: Readings) -> str | None:
    verb = readings.search("change_verbs", text)
    thing = readings.search("change_objects", text)
    when = readings.search("at_will", text)
    if verb is None or thing is None or when is None:
        return None
    subject, _, _ = _subject(text, _segment_start(text, verb.start()), verb.start(), readings)
    if subject == "user" or denies(text[max(0, verb.start() - 25) : verb.start()], readings):
        return None
    if _DEEMED.search(text, max(0, verb.start() - 12), verb.start()):
        return None  # "shall be deemed amended to the extent necessary": no one's power
    return f"{verb.group(0)} {thing.group(0)} {when.group(0)}"


#: A waiver named only to refer to it: a law's name ("the Federal Arbitration Act governs the
#: interpretation of Section 8.2"), or the waiver another section holds ("except as provided
#: in Section 8.2(c) with respect to the class action waiver"), or where an arbitration is held.
_WAIVER_REFERENCE = re.compile(
    r"\b(?:the\s+)?(?:U\.?S\.?\s+|United States\s+|Federal\s+)*Arbitration\s+Act\b"
    r"|\b(?:with respect to|regarding|as to)\s+the\s+(?:class(?:[- ]action)?|jury(?:[- ]trial)?|"
    r"representative(?:[- ]action)?)\s+waiver\b(?=\s*(?:[.;,)]|$))"
    r"|\b(?:with respect to|regarding|as to)\s+the\s+(?:arbitration agreement|agreement to "
    r"arbitrate)\b(?=\s*(?:[.;,)]|$))"
    # where or by whom an arbitration is held, not that disputes go to one: "the administration
    # of any arbitration proceedings shall be conducted in Maricopa County", "any arbitration
    # hearing will be held in the county where you live"
    r"|\badministration\s+of\s+(?:any|the|such|an)\s+arbitrations?(?:\s+proceedings?)?\b"
    r"|\b(?:any|such)\s+arbitration(?:\s+(?:proceedings?|hearings?))?(?=\s+(?:shall|will|must|"
    r"may)\s+(?:only\s+)?be\s+(?:held|conducted|administered|located|seated)\s+(?:in|at|by)\b)",
    re.IGNORECASE,
)


def without_waiver_references(text: str) -> str:
    """``text`` with the waivers it only refers to blanked out (their names, not the words
    around them): a sentence that names the Federal Arbitration Act, or "the class action
    waiver" of another section, holds no waiver of its own."""
    return _WAIVER_REFERENCE.sub(lambda m: " " * len(m.group(0)), text)


#: Rights made smaller ("reduce your rights"), beside the rule file's changes of the terms.
_RIGHTS_REDUCED = re.compile(
    r"\b(?:reduc|restrict|limit|diminish|lessen)\w*\s+(?:\w+\s+){0,2}rights\b", re.IGNORECASE
)
#: What a change is promised to wait for: notice given to people, or their consent.
_GUARD = re.compile(
    r"\bwithout\s+(?:first\s+)?(?:(?:giving|providing|sending|obtaining|getting|asking for|"
    r"seeking)\s+)?(?:you\s+|your\s+)?(?:(?:prior|advance|explicit|express|reasonable)\s+)?"
    r"(?:written\s+)?(?:notice|notification|notifying|informing|consent|agreement)\b",
    re.IGNORECASE,
)


def _change_guarded(text: str, readings: Readings) -> str | None:
    """A promise not to change the terms (or reduce people's rights) without notice or
    consent: a change verb on the terms, or a reduction of rights, denied, with "without"
    notice or consent after it ("we will never materially change our policies ... without
    giving you advance notice"). The words of the promise, or None."""
    for part in _PARTS.split(text):
        guard = _GUARD.search(part)
        if guard is None:
            continue
        verbs = readings.finditer("change_verbs", part[: guard.start()])
        verb = verbs[-1] if verbs else None  # "We may modify ..., and we will never change ..."
        reduced = _RIGHTS_REDUCED.search(part, 0, guard.start())
        if reduced is not None and (verb is None or reduced.start() < verb.start()):
            start, end = reduced.start(), reduced.end()
        elif verb is not None and readings.search("change_objects", part[verb.end() :]):
            start, end = verb.start(), verb.end()
        else:
            continue
        order = _PROHIBITION.search(part, 0, start + 1)
        if order is not None and order.end() == start + 1:
            continue  # "You may not change your subscription without notifying us": a rule
        if denies(part[max(0, start - 25) : start], readings):
            return f"{part[start:end]} ... {guard.group(0)}"
    return None


#: A change no one makes: a provision "deemed amended" (or modified, reformed) by the terms
#: themselves so that it can be enforced.
_DEEMED = re.compile(r"\bdeemed\s+$", re.IGNORECASE)
