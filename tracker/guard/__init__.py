"""Anomaly guards: catch a page that is not the document before it is stored as a version.

Pure: values in, a named suspicion (or ``None``) out; the pipeline stores the suspicion on the
fetch row (``outcome = "suspect"``, ``error_kind`` = the kind) and records no version.

Public API::

    check_page(page, document, last, policy)   one page against the last version's facts
    GuardPolicy, Suspicion, PageInput           thresholds, verdict, what the fetch gave
    text_facts(text) -> TextFacts                words and language of a canonical text
    detect_language(text)                        stop-word / script based language guess
    history.*                                    confirmation by repetition, flapping
    MARKERS                                      the wall and error-page marker table
    SUSPICION_KINDS, CONFIRMABLE_KINDS           the stable words stored on fetch rows
"""

from __future__ import annotations

from tracker.guard.checks import (
    BOT_WALL,
    CAPTCHA,
    CONFIRMABLE_KINDS,
    CONTRADICTED,
    COOKIE_WALL,
    DEFAULT_POLICY,
    ERROR_PAGE,
    FLAPPING,
    LANGUAGE_CHANGED,
    LOGIN_WALL,
    NEAR_EMPTY,
    SHRUNK,
    SUSPICION_KINDS,
    GuardPolicy,
    Suspicion,
    check_page,
    find_marker,
)
from tracker.guard.language import detect_language
from tracker.guard.markers import MARKERS, Marker
from tracker.guard.page import PageInput
from tracker.guard.text import TextFacts, count_words, text_facts

__all__ = [
    "BOT_WALL",
    "CAPTCHA",
    "CONFIRMABLE_KINDS",
    "CONTRADICTED",
    "COOKIE_WALL",
    "DEFAULT_POLICY",
    "ERROR_PAGE",
    "FLAPPING",
    "LANGUAGE_CHANGED",
    "LOGIN_WALL",
    "MARKERS",
    "NEAR_EMPTY",
    "SHRUNK",
    "SUSPICION_KINDS",
    "GuardPolicy",
    "Marker",
    "PageInput",
    "Suspicion",
    "TextFacts",
    "check_page",
    "count_words",
    "detect_language",
    "find_marker",
    "text_facts",
]
