"""In-page navigation and page furniture left out of the clauses.

A table of contents repeats the headings of the page: kept as clauses, every renamed section
would be reported twice, and a table of contents added or removed would look like a change of
the document. What is left out, whatever the page's markup:

* a ``<nav>`` element (or ``role="navigation"``) inside the content: the walker skips it and
  leaves a mark in its place;
* a run of at least ``MIN_RUN`` consecutive blocks whose letters are all inside links to places
  in the same page (``#section``, or the page's own address with a fragment): the entries of a
  table of contents, whether written as a list, as paragraphs, as headings or as links that
  wrap blocks. A single such block (a "Back to top" link, a cross-reference) stays;
* the label just above such navigation ("Table of contents", "On this page", "Legal"): a short
  line (:func:`is_navigation_label`), or a heading whose section holds nothing but the
  navigation (the next clause is a heading of the same or a higher level, or there is none);
* a short label standing alone above the page's title, the first ``<h1>`` (a category tag or
  an eyebrow such as "Legal"; :func:`is_kicker`).
"""

from __future__ import annotations

from tracker.extract.dates import is_date_line

#: Fewest consecutive in-page link blocks that make navigation.
MIN_RUN = 2
#: The longest label above navigation, in words ("Jump to a section").
MAX_LABEL_WORDS = 5
#: The longest label above the page title, in words ("Legal", "Trust Center").
MAX_KICKER_WORDS = 3


def is_navigation_label(text: str) -> bool:
    """A short line that names the navigation below it: no digits, no sentence."""
    words = text.split()
    if not words or len(words) > MAX_LABEL_WORDS or text.endswith((".", ";", ",")):
        return False
    return not any(c.isdigit() for c in text) and not is_date_line(text)


def is_kicker(text: str) -> bool:
    """A short label that may stand above a page's title: no digits, no sentence."""
    words = text.split()
    if not words or len(words) > MAX_KICKER_WORDS or text.endswith((".", ";", ",", ":")):
        return False
    return not any(c.isdigit() for c in text)
