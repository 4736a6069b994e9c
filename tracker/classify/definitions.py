"""A defined term for what people put into a service, widened: "All material that you upload
... will be referred to as "Your Content"" gaining "and information about yourself", or
""Input" means the prompts you provide" gaining "or data accessed through connected services".
Whatever the document grants over the term (a licence, display, disclosure, training) now
reaches the new items, though no sentence about those grants changed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tracker.classify.text import STOPWORDS, sentences, words
from tracker.model import InlineOp

#: The names documents give what people put in: "Your Content", "User Content", "Input",
#: "Submissions", "Customer Data", "Materials".
_TERM = (
    r"[\"“'‘](?P<term>(?:your |user |customer |member )?(?:(?:user|member|customer)[- ]generated )?"
    r"(?:content|inputs?|submissions?|materials?)|(?:your|user|customer|member) data)[.,]?[\"”'’]"
)
#: The term being defined: "referred to (collectively) as "Your Content"", "(collectively,
#: "Content")", ""Input" means / refers to / includes ...", ""Input", any data ...".
_DEFINES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?:referred to|defined|known)(?: (?:collectively|together|hereafter|hereinafter))?"
        rf" as (?:the )?{_TERM}",
        rf"\((?:collectively|together)?,? ?(?:the )?{_TERM}\)",
        rf"{_TERM},? (?:means|refers to|shall mean|includes|is defined as|any|all)\b",
    )
)
#: Words that narrow or illustrate a definition rather than add to it: an exclusion ("but does
#: not include your private messages"), a limit ("only through the feedback form"), examples of
#: what it already covered ("such as photos and videos").
_NARROWS = re.compile(
    r"\b(?:not|never|except|excluding|excludes?|excluded|other than|only|solely|exclusively"
    r"|such as|for example|for instance|e\.g\.)(?!\w)",
    re.IGNORECASE,
)
#: Fewest words of substance an insertion needs to add an item ("and information about
#: yourself"; one word is mostly a synonym or a grammar fix).
MIN_ADDED_WORDS = 2


def widened_definition(old: str, new: str, ops: Sequence[InlineOp]) -> tuple[str, str] | None:
    """The term defined and the words added to its definition, when both ``old`` and ``new``
    define a term for what people put in and the change only inserts (nothing of substance
    taken out: a reworded definition is not a wider one); None otherwise."""
    term = _defined(new)
    if term is None or _defined(old) is None:
        return None
    inserted = Counter(_substance(" ".join(op.text for op in ops if op.tag == "insert")))
    deleted = Counter(_substance(" ".join(op.text for op in ops if op.tag == "delete")))
    if deleted - inserted:  # words of substance taken out ("photos" -> "images")
        return None
    if (inserted - deleted).total() < MIN_ADDED_WORDS:
        return None
    # the words must widen what the term covers, not be added to a sentence that only uses it
    # ("You can delete Your Content at any time" gaining "from your account settings")
    old_part, new_part = _covering(old, term), _covering(new, term)
    new_words = set(inserted - deleted) & set(
        Counter(_substance(new_part)) - Counter(_substance(old_part))
    )
    if len(new_words) < MIN_ADDED_WORDS:
        return None
    if len(_NARROWS.findall(new_part)) > len(_NARROWS.findall(old_part)):
        return None  # an exclusion, a limit or examples added
    insertions = [
        op.text.strip() for op in ops if op.tag == "insert" and new_words & set(_substance(op.text))
    ]
    return term, " ".join(insertions)


def _defined(text: str) -> str | None:
    """The term for what people put in that ``text`` defines, as written ("Your Content")."""
    for pattern in _DEFINES:
        found = pattern.search(text)
        if found is not None:
            return found.group("term")
    return None


def _covering(text: str, term: str) -> str:
    """The sentences of ``text`` that may say what ``term`` covers: those defining it ("...
    which is also your User Content") or not naming it (what "All material you upload" refers
    back to), not those that only use it ("You can delete Your Content at any time")."""
    named = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
    is_term = re.compile(
        rf"\b(?:is|are)\s+(?:also\s+)?(?:(?:your|the)\s+)?{named.pattern}", re.IGNORECASE
    )
    return " ".join(
        s
        for s in sentences(text)
        if _defined(s) is not None or is_term.search(s) or not named.search(s)
    )


def _substance(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and not w.isdigit()]
