"""Edits of known meaning over real documents, for scoring the severity grading (used by
``eval_classify``).

Each edit turns a real version's clauses into an (old, new) pair whose difference has a known
meaning. Three families:

* **expanding** (should be rated high): a negation removed ("we do not sell" -> "we may sell"),
  consent turned from opt-in to opt-out, a commitment weakened ("we will notify" -> "we may
  notify"), a retention period lengthened or made open-ended, a liability cap lowered, an age
  changed, recipients, purposes or kinds of data added to what is permitted, a licence over
  content, an arbitration clause or a power to change the terms without notice inserted, a
  sentence granting a right or making a promise deleted;
* **narrowing** (should be medium at most, marked ``narrows``): the mirror images of a few;
* **meaning-free** (should be low or none): synonyms swapped, a typo fixed, renumbering, a
  table of contents added or removed, one copy of a duplicated paragraph removed, a date line
  changed, a link's address changed, punctuation or case changed, a paragraph moved, two list
  items swapped.

Where the document has a sentence to edit (a real "we will notify you"), that sentence is
edited; where it has none, the generator writes one into both versions and edits only one side,
with wording drawn from several phrasings. The phrasings here are the generator's own: they are
not the rule file's patterns.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from tracker.classify.text import sentences
from tracker.model import Clause

EXPANDING = (
    "negation_removed",
    "consent_to_opt_out",
    "duty_weakened",
    "retention_lengthened",
    "retention_open_ended",
    "liability_cap_lowered",
    "age_changed",
    "recipient_added",
    "purpose_added",
    "data_added",
    "licence_added",
    "arbitration_added",
    "terms_change_without_notice",
    "right_removed",
    "promise_removed",
)
NARROWING = ("negation_added", "right_added", "retention_shortened", "consent_to_opt_in")
MEANING_FREE = (
    "synonyms",
    "typo_fixed",
    "renumbered",
    "toc_added",
    "toc_removed",
    "duplicate_removed",
    "date_changed",
    "link_changed",
    "punctuation",
    "moved",
    "items_swapped",
)
FAMILIES = {
    **{k: "expanding" for k in EXPANDING},
    **{k: "narrowing" for k in NARROWING},
    **{k: "meaning-free" for k in MEANING_FREE},
}


@dataclass(frozen=True, slots=True)
class Trial:
    """One edit applied: its kind and family, whether it found a real site, and the versions."""

    kind: str
    family: str
    real_site: bool
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]


# -- phrasings (the generator's own) ------------------------------------------------------------

_NOTICE_SENTENCES = (
    (
        "We will notify you by email before any material change takes effect.",
        "We may notify you by email before any material change takes effect.",
    ),
    (
        "We will inform you of any request we receive for your data.",
        "We may inform you of any request we receive for your data.",
    ),
    (
        "We shall delete your account data within thirty days of closure.",
        "We shall try to delete your account data within thirty days of closure.",
    ),
    (
        "We will always ask for your consent before using your content for research.",
        (
            "Where we consider it appropriate, we may ask for your consent before using your "
            "content for research."
        ),
    ),
)
_RETENTION = (
    ("We keep your chat history for 30 days.", "We keep your chat history for 3 years."),
    (
        "Logs are stored for ninety (90) days and then deleted.",
        "Logs are stored for two (2) years and then deleted.",
    ),
    (
        "We retain uploaded files for 7 days after processing.",
        "We retain uploaded files for 12 months after processing.",
    ),
)
_OPEN_ENDED = (
    "as long as we deem necessary",
    "for as long as we consider it useful",
    "indefinitely",
)
_AMOUNTS = (
    (
        "Our total liability to you will not exceed $500.",
        "Our total liability to you will not exceed $50.",
    ),
    (
        "In no event will our aggregate liability exceed one hundred dollars ($100).",
        "In no event will our aggregate liability exceed ten dollars ($10).",
    ),
)
_AGES = (
    (
        "You must be at least 18 years old to use the Services.",
        "You must be at least 13 years old to use the Services.",
    ),
    (
        "We do not knowingly collect data from children under the age of 16.",
        "We do not knowingly collect data from children under the age of 13.",
    ),
)
_RECIPIENTS = (
    "advertising partners",
    "data brokers",
    "our affiliates and business partners",
    "third-party marketers",
)
_PURPOSES = (
    "to train and improve our artificial intelligence models",
    "for targeted advertising",
    "to build profiles for marketing",
    "for research and product development",
)
_DATA = (
    "precise geolocation",
    "biometric identifiers such as face geometry",
    "your contacts and call logs",
    "health information",
)
_LICENCES = (
    (
        "You grant us a worldwide, royalty-free, perpetual licence to use, copy and modify the "
        "content you submit, including to train our models."
    ),
    (
        "By posting content you give the Company an irrevocable, sublicensable license to "
        "reproduce and distribute it in any media."
    ),
    (
        "You hereby grant us the right to use your inputs and outputs to develop and improve our "
        "services."
    ),
)
_ARBITRATION = (
    (
        "Any dispute arising from these Terms will be resolved by binding arbitration, and you "
        "waive your right to participate in a class action."
    ),
    (
        "You and we agree to resolve all claims through final and binding arbitration on an "
        "individual basis."
    ),
    "YOU AGREE TO WAIVE ANY RIGHT TO A JURY TRIAL OR TO BRING CLAIMS AS PART OF A CLASS ACTION.",
)
_UNILATERAL = (
    "We may change these Terms at any time without notice.",
    "We reserve the right to modify this Policy at any time, without prior notice to you.",
    "We may update our prices and features at our sole discretion.",
)
_RIGHTS = (
    "You can opt out of the sale or sharing of your personal information at any time.",
    "You may request that we delete the personal data we hold about you.",
    "You have the right to access and obtain a copy of your personal data.",
    "You can withdraw your consent at any time in your account settings.",
)
_PROMISES = (
    "We do not sell your personal information to third parties.",
    "We never use your conversations to train our models.",
    "We will not share your data with advertisers.",
)
_SYNONYMS = (
    ("e.g.", "for example"),
    ("for example", "for instance"),
    ("such as", "like"),
    ("in order to", "to"),
    ("prior to", "before"),
    ("additionally", "also"),
    ("however", "but"),
    ("regarding", "about"),
    ("assist", "help"),
    ("purchase", "buy"),
    ("approximately", "about"),
    ("commence", "begin"),
    ("sufficient", "enough"),
    ("request", "ask for"),
    ("various", "several"),
    ("please", "kindly"),
    ("contact us", "get in touch with us"),
    ("utilize", "use"),
)
_NEGATED = re.compile(
    r"\b(?P<subject>[Ww]e|(?!You\b)[A-Z][a-z]+(?: also)?) "
    r"(?P<neg>do not|does not|will not|don't|doesn't|won't|never|shall not) "
    r"(?P<verb>use|share|sell|disclose|store|retain|train|collect|rent|transfer)\b",
)
_DUTY = re.compile(
    r"\b(?P<subject>[Ww]e|(?!You\b)[A-Z][a-z]+) (?P<modal>will|shall|must) "
    r"(?P<verb>notify|inform|tell you|delete|erase|obtain your consent|ask for your consent"
    r"|give you|provide you)\b",
)
_CONSENT = re.compile(
    r"\b(?:with your (?:prior |explicit |express )?consent|your explicit opt-in|opt-in)\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"\b(?P<n>\d+|thirty|sixty|ninety|seven|fourteen)(?: \(\d+\))? (?P<unit>days|months)\b",
    re.IGNORECASE,
)
_RETAIN = re.compile(r"\b(?:retain|keep|store|delete|retention|stored|kept)\w*", re.IGNORECASE)
_SHARE_WITH = re.compile(
    r"\b(?:we|We|(?!You\b)[A-Z][a-z]+) (?:may |will |can )?(?:also )?"
    r"(?:share|disclose|transfer)s? (?:[\w-]+ ){0,6}?with "
    r"(?P<who>(?:our |the |certain |other |trusted )?(?:third[- ]part(?:y|ies)|partners|affiliates"
    r"|service providers|vendors|companies|processors|subsidiaries|advertisers|researchers"
    r"|contractors)(?: [a-z]+)?)\b",
)
_USE_FOR = re.compile(
    r"\b(?:we use|we may use|we process)\b[^.]{0,60}?\bto (?P<what>[a-z]+)", re.IGNORECASE
)
_SUCH_AS = re.compile(
    r"\b(?:we collect|we may collect|we receive)\b[^.]{0,80}?\bsuch as (?P<first>[\w-]+)",
    re.IGNORECASE,
)
_RIGHT_SENTENCE = re.compile(
    r"^You (?:can|may|have the right to|are entitled to|also have the right to)\b(?! not)"
    r"[^.]*\b(?:opt[- ]out|delete|deletion|access|object|withdraw|correct|export)\b[^.]*"
    r"\b(?:your|personal|data|information|consent|account)\b",
)
_PROMISE_SENTENCE = re.compile(
    r"^We (?:do not|don't|will not|won't|never) (?:sell|share|use|disclose|rent)\b",
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]")
_URL = re.compile(r"<(https?://[^>\s]+)>")
_TRACKING = "utm_source=newsletter&utm_medium=email"
_LABELLED = re.compile(r"^(\d+)(\.?)$")


# -- the edits --------------------------------------------------------------------------------


def make_trials(clauses: Sequence[Clause], rng: random.Random, kinds: Sequence[str]) -> list[Trial]:
    """One trial per kind in ``kinds`` that can be made on ``clauses``."""
    trials = []
    for kind in kinds:
        made = EDITS[kind](list(clauses), rng)
        if made is not None:
            old, new, real = made
            trials.append(Trial(kind, FAMILIES[kind], real, tuple(old), tuple(new)))
    return trials


Made = tuple[list[Clause], list[Clause], bool] | None


def _paragraphs(clauses: Sequence[Clause], min_words: int = 12) -> list[int]:
    return [
        i
        for i, c in enumerate(clauses)
        if c.kind in ("paragraph", "list_item")
        and len(c.text.split()) >= min_words
        and c.text.rstrip().endswith((".", ";", ":"))
    ]


def _with_text(clauses: list[Clause], i: int, text: str) -> list[Clause]:
    out = list(clauses)
    out[i] = replace(clauses[i], text=text, sha256="")
    return out


def _append_sentence(
    clauses: list[Clause], rng: random.Random, sentence: str
) -> tuple[list[Clause], int]:
    """``clauses`` with ``sentence`` appended to a random paragraph; its index."""
    i = rng.choice(_paragraphs(clauses))
    return _with_text(clauses, i, clauses[i].text.rstrip() + " " + sentence), i


def _inject_pair(
    clauses: list[Clause], rng: random.Random, old_sentence: str, new_sentence: str
) -> Made:
    """Both versions get a sentence in the same paragraph; only its wording differs."""
    i = rng.choice(_paragraphs(clauses))
    base = clauses[i].text.rstrip()
    return (
        _with_text(clauses, i, f"{base} {old_sentence}"),
        _with_text(clauses, i, f"{base} {new_sentence}"),
        False,
    )


def _edit_site(
    clauses: list[Clause],
    rng: random.Random,
    pattern: re.Pattern[str],
    edit: Callable[[re.Match[str]], str],
) -> Made:
    """Edit one random match of ``pattern`` (the real site); None when the document has none."""
    sites = [(i, m) for i, c in enumerate(clauses) for m in pattern.finditer(c.text)]
    if not sites:
        return None
    i, match = rng.choice(sites)
    text = clauses[i].text
    return (
        clauses,
        _with_text(clauses, i, text[: match.start()] + edit(match) + text[match.end() :]),
        True,
    )


def negation_removed(clauses: list[Clause], rng: random.Random) -> Made:
    def allow(m: re.Match[str]) -> str:
        return f"{m.group('subject')} {rng.choice(('may', 'can'))} {m.group('verb')}"

    made = _edit_site(clauses, rng, _NEGATED, allow)
    return made or _inject_pair(
        clauses,
        rng,
        *rng.choice(
            (
                (
                    "We do not sell your personal information.",
                    "We may sell your personal information.",
                ),
                (
                    "We never share your prompts with third parties.",
                    "We can share your prompts with third parties.",
                ),
            )
        ),
    )


def negation_added(clauses: list[Clause], rng: random.Random) -> Made:
    made = negation_removed(clauses, rng)
    return None if made is None else (made[1], made[0], made[2])


def consent_to_opt_out(clauses: list[Clause], rng: random.Random) -> Made:
    made = _edit_site(clauses, rng, _CONSENT, lambda m: "unless you opt out")
    return made or _inject_pair(
        clauses,
        rng,
        *rng.choice(
            (
                (
                    "We use your conversations to improve our models only if you opt in.",
                    "We use your conversations to improve our models unless you opt out.",
                ),
                (
                    "We do not use your content for training without your explicit consent.",
                    "We may use your content for training unless you object in your settings.",
                ),
            )
        ),
    )


def consent_to_opt_in(clauses: list[Clause], rng: random.Random) -> Made:
    made = consent_to_opt_out(clauses, rng)
    return None if made is None else (made[1], made[0], made[2])


def duty_weakened(clauses: list[Clause], rng: random.Random) -> Made:
    weaker = ("may", "will try to", "may, where appropriate,")
    made = _edit_site(
        clauses,
        rng,
        _DUTY,
        lambda m: f"{m.group('subject')} {rng.choice(weaker)} {m.group('verb')}",
    )
    return made or _inject_pair(clauses, rng, *rng.choice(_NOTICE_SENTENCES))


def _retention_sites(clauses: list[Clause]) -> list[tuple[int, re.Match[str]]]:
    return [
        (i, m)
        for i, c in enumerate(clauses)
        for m in _PERIOD.finditer(c.text)
        if _RETAIN.search(c.text[max(0, m.start() - 120) : m.end() + 60])
    ]


def retention_lengthened(clauses: list[Clause], rng: random.Random) -> Made:
    sites = _retention_sites(clauses)
    if sites:
        i, m = rng.choice(sites)
        text = clauses[i].text
        was = _days(m.group(0))
        longer = [p for p in _LONGER_PERIODS if was is None or (_days(p) or 0) > 1.05 * was]
        new = text[: m.start()] + rng.choice(longer or ["twenty-five (25) years"]) + text[m.end() :]
        return clauses, _with_text(clauses, i, new), True
    return _inject_pair(clauses, rng, *rng.choice(_RETENTION))


#: Periods a retention is lengthened to: one longer than the one it replaces is drawn ("36
#: months" never becomes "3 years", the same time, nor "24 months", a shorter one).
_LONGER_PERIODS = ("3 years", "five (5) years", "24 months", "ten (10) years")
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.4, "year": 365}
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "five": 5, "six": 6, "seven": 7, "ten": 10}


def _days(period: str) -> float | None:
    """The generator's own reading of a period it replaces ("36 months", "five (5) years")."""
    found = re.search(r"(\d+|[a-z]+)\)?\s*(hour|day|week|month|year)", period.lower())
    if found is None:
        return None
    number = found.group(1)
    value = int(number) if number.isdigit() else _WORD_NUMBERS.get(number)
    return None if value is None else value * _UNIT_DAYS[found.group(2)]


def retention_shortened(clauses: list[Clause], rng: random.Random) -> Made:
    made = retention_lengthened(clauses, rng)
    return None if made is None else (made[1], made[0], made[2])


def retention_open_ended(clauses: list[Clause], rng: random.Random) -> Made:
    sites = _retention_sites(clauses)
    if sites:
        i, m = rng.choice(sites)
        text = clauses[i].text
        new = text[: m.start()] + rng.choice(_OPEN_ENDED) + text[m.end() :]
        new = re.sub(r"\b(for|within|up to) (as long as|for as long as|indefinitely)", r"\2", new)
        return clauses, _with_text(clauses, i, new), True
    old, new = rng.choice(_RETENTION)
    open_ended = re.sub(_PERIOD, rng.choice(_OPEN_ENDED), old.replace("for ", "", 1))
    return _inject_pair(clauses, rng, old, open_ended)


def liability_cap_lowered(clauses: list[Clause], rng: random.Random) -> Made:
    return _inject_pair(clauses, rng, *rng.choice(_AMOUNTS))


def age_changed(clauses: list[Clause], rng: random.Random) -> Made:
    sites = [
        (i, m)
        for i, c in enumerate(clauses)
        for m in re.finditer(
            r"\b(13|16|18)(?= years| or older|\+)|(?<=age of )(13|16|18)\b", c.text
        )
    ]
    if sites:
        i, m = rng.choice(sites)
        text = clauses[i].text
        swap = {"13": "16", "16": "13", "18": "16"}[m.group(0)]
        return clauses, _with_text(clauses, i, text[: m.start()] + swap + text[m.end() :]), True
    return _inject_pair(clauses, rng, *rng.choice(_AGES))


def recipient_added(clauses: list[Clause], rng: random.Random) -> Made:
    extra = rng.choice(_RECIPIENTS)
    made = _edit_site(clauses, rng, _SHARE_WITH, lambda m: f"{m.group(0)} and {extra}")
    return made or _inject_pair(
        clauses,
        rng,
        "We may share your information with our service providers.",
        f"We may share your information with our service providers and {extra}.",
    )


def purpose_added(clauses: list[Clause], rng: random.Random) -> Made:
    extra = rng.choice(_PURPOSES)
    sites = [(i, m) for i, c in enumerate(clauses) for m in _USE_FOR.finditer(c.text)]
    if sites:
        i, m = rng.choice(sites)
        text = clauses[i].text
        end = text.find(".", m.end())
        end = len(text) if end < 0 else end
        return clauses, _with_text(clauses, i, text[:end] + f", and {extra}" + text[end:]), True
    return _inject_pair(
        clauses,
        rng,
        "We use your information to provide and secure the Services.",
        f"We use your information to provide and secure the Services and {extra}.",
    )


def data_added(clauses: list[Clause], rng: random.Random) -> Made:
    extra = rng.choice(_DATA)
    made = _edit_site(
        clauses,
        rng,
        _SUCH_AS,
        lambda m: f"{m.group(0)[: -len(m.group('first'))]}{extra}, {m.group('first')}",
    )
    return made or _inject_pair(
        clauses,
        rng,
        "We collect information you provide, such as your name and email address.",
        f"We collect information you provide, such as your name, email address and {extra}.",
    )


def _added_sentence(bank: Sequence[str]) -> Callable[[list[Clause], random.Random], Made]:
    def edit(clauses: list[Clause], rng: random.Random) -> Made:
        sentence = rng.choice(bank)
        if rng.random() < 0.5:
            new, _ = _append_sentence(clauses, rng, sentence)
            return clauses, new, False
        i = rng.choice(_paragraphs(clauses))
        added = Clause(
            id="p-synthetic", path=clauses[i].path, label=None, kind="paragraph", text=sentence
        )
        return clauses, [*clauses[: i + 1], added, *clauses[i + 1 :]], False

    return edit


def _deleted_sentence(
    pattern: re.Pattern[str], bank: Sequence[str]
) -> Callable[[list[Clause], random.Random], Made]:
    def edit(clauses: list[Clause], rng: random.Random) -> Made:
        sites = [
            (i, sentence)
            for i, c in enumerate(clauses)
            for sentence in sentences(c.text)
            if pattern.search(sentence)
        ]
        if sites:
            i, sentence = rng.choice(sites)
            rest = " ".join(clauses[i].text.replace(sentence, " ").split())
            if len(rest.split()) >= 4:
                return clauses, _with_text(clauses, i, rest), True
            return clauses, [*clauses[:i], *clauses[i + 1 :]], True
        sentence = rng.choice(bank)
        with_it, _ = _append_sentence(clauses, rng, sentence)
        return with_it, clauses, False

    return edit


def right_added(clauses: list[Clause], rng: random.Random) -> Made:
    made = _deleted_sentence(_RIGHT_SENTENCE, _RIGHTS)(clauses, rng)
    return None if made is None else (made[1], made[0], made[2])


# -- meaning-free ---------------------------------------------------------------------------------


def synonyms(clauses: list[Clause], rng: random.Random) -> Made:
    sites = [
        (i, a, b)
        for i, c in enumerate(clauses)
        for a, b in _SYNONYMS
        if re.search(rf"\b{re.escape(a)}(?!\w)", c.text)
    ]
    if not sites:
        return None
    i, a, b = rng.choice(sites)
    new = re.sub(rf"\b{re.escape(a)}(?!\w)", b, clauses[i].text, count=1)
    more = [
        (a2, b2) for a2, b2 in _SYNONYMS if a2 != a and re.search(rf"\b{re.escape(a2)}(?!\w)", new)
    ]
    if more:
        a2, b2 = rng.choice(more)
        new = re.sub(rf"\b{re.escape(a2)}(?!\w)", b2, new, count=1)
    return clauses, _with_text(clauses, i, new), True


def typo_fixed(clauses: list[Clause], rng: random.Random) -> Made:
    i = rng.choice(_paragraphs(clauses))
    words = [m for m in re.finditer(r"\b[a-z]{6,}\b", clauses[i].text)]
    if not words:
        return None
    m = rng.choice(words)
    w = m.group(0)
    k = rng.randrange(1, len(w) - 2)
    typo = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    text = clauses[i].text
    return _with_text(clauses, i, text[: m.start()] + typo + text[m.end() :]), clauses, True


def renumbered(clauses: list[Clause], rng: random.Random) -> Made:
    numbered = [
        i
        for i, c in enumerate(clauses)
        if c.kind == "heading" and c.label and _LABELLED.match(c.label)
    ]
    if len(numbered) < 2:
        return None
    new = list(clauses)
    for i in numbered[1:]:
        m = _LABELLED.match(clauses[i].label or "")
        assert m is not None
        new[i] = replace(clauses[i], label=f"{int(m.group(1)) + 1}{m.group(2)}", sha256="")
    return clauses, new, True


def _toc(clauses: list[Clause]) -> list[Clause]:
    headings = [c for c in clauses if c.kind == "heading" and c.level <= 2][1:12]
    path = clauses[0].path if clauses else ()
    entries = [
        Clause(id=f"toc-{n}", path=path, label=None, kind="list_item", text=h.text, level=1)
        for n, h in enumerate(headings)
    ]
    return [
        Clause(id="toc", path=path, label=None, kind="heading", text="Table of contents", level=2),
        *entries,
    ]


def toc_added(clauses: list[Clause], rng: random.Random) -> Made:
    toc = _toc(clauses)
    if len(toc) < 3:
        return None
    at = 1 if clauses and clauses[0].kind == "heading" else 0
    return clauses, [*clauses[:at], *toc, *clauses[at:]], True


def toc_removed(clauses: list[Clause], rng: random.Random) -> Made:
    made = toc_added(clauses, rng)
    return None if made is None else (made[1], made[0], made[2])


def duplicate_removed(clauses: list[Clause], rng: random.Random) -> Made:
    i = rng.choice(_paragraphs(clauses))
    j = rng.randrange(len(clauses))
    copy = replace(clauses[i], id=clauses[i].id + "-copy", path=clauses[j].path)
    return [*clauses[:j], copy, *clauses[j:]], clauses, True


def date_changed(clauses: list[Clause], rng: random.Random) -> Made:
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    date = re.compile(rf"\b({months}) (\d{{1,2}}), (\d{{4}})")
    sites = [
        (i, m)
        for i, c in enumerate(clauses)
        for m in date.finditer(c.text)
        if len(c.text.split()) <= 12
    ]
    if sites:
        i, m = rng.choice(sites)
        text = clauses[i].text
        new = (
            text[: m.start()]
            + f"{m.group(1)} {int(m.group(2)) % 28 + 1}, {int(m.group(3)) + 1}"
            + text[m.end() :]
        )
        return clauses, _with_text(clauses, i, new), True
    path = clauses[0].path if clauses else ()
    line = Clause(
        id="date", path=path, label=None, kind="paragraph", text="Last updated: March 3, 2025"
    )
    return (
        [line, *clauses],
        [replace(line, text="Last updated: June 17, 2026", sha256=""), *clauses],
        False,
    )


def link_changed(clauses: list[Clause], rng: random.Random) -> Made:
    return _edit_site(
        clauses,
        rng,
        _URL,
        lambda m: f"<{m.group(1)}{'&' if '?' in m.group(1) else '?'}{_TRACKING}>",
    )


def punctuation(clauses: list[Clause], rng: random.Random) -> Made:
    i = rng.choice(_paragraphs(clauses))
    text = clauses[i].text
    new = (
        re.sub(r", (and|or) ", r" \1 ", text, count=1)
        if re.search(r", (and|or) ", text)
        else text.rstrip(".") + ";"
    )
    return clauses, _with_text(clauses, i, new), True


def moved(clauses: list[Clause], rng: random.Random) -> Made:
    candidates = _paragraphs(clauses)
    if len(candidates) < 3:
        return None
    i = rng.choice(candidates)
    item = clauses[i]
    rest = [*clauses[:i], *clauses[i + 1 :]]
    j = rng.choice(
        [k for k in range(len(rest)) if rest[k].path == item.path and abs(k - i) > 1] or [len(rest)]
    )
    return clauses, [*rest[:j], item, *rest[j:]], True


def items_swapped(clauses: list[Clause], rng: random.Random) -> Made:
    pairs = [
        i
        for i in range(len(clauses) - 1)
        if clauses[i].kind == clauses[i + 1].kind == "list_item"
        and clauses[i].path == clauses[i + 1].path
    ]
    if not pairs:
        return None
    i = rng.choice(pairs)
    return clauses, [*clauses[:i], clauses[i + 1], clauses[i], *clauses[i + 2 :]], True


EDITS: dict[str, Callable[[list[Clause], random.Random], Made]] = {
    "negation_removed": negation_removed,
    "negation_added": negation_added,
    "consent_to_opt_out": consent_to_opt_out,
    "consent_to_opt_in": consent_to_opt_in,
    "duty_weakened": duty_weakened,
    "retention_lengthened": retention_lengthened,
    "retention_shortened": retention_shortened,
    "retention_open_ended": retention_open_ended,
    "liability_cap_lowered": liability_cap_lowered,
    "age_changed": age_changed,
    "recipient_added": recipient_added,
    "purpose_added": purpose_added,
    "data_added": data_added,
    "licence_added": _added_sentence(_LICENCES),
    "arbitration_added": _added_sentence(_ARBITRATION),
    "terms_change_without_notice": _added_sentence(_UNILATERAL),
    "right_removed": _deleted_sentence(_RIGHT_SENTENCE, _RIGHTS),
    "right_added": right_added,
    "promise_removed": _deleted_sentence(_PROMISE_SENTENCE, _PROMISES),
    "synonyms": synonyms,
    "typo_fixed": typo_fixed,
    "renumbered": renumbered,
    "toc_added": toc_added,
    "toc_removed": toc_removed,
    "duplicate_removed": duplicate_removed,
    "date_changed": date_changed,
    "link_changed": link_changed,
    "punctuation": punctuation,
    "moved": moved,
    "items_swapped": items_swapped,
}
