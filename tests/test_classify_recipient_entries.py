"""Entries of a section listing recipients ("Who we share information with", subprocessors):
each entry added is a new recipient, but a line that ends waiting for the list after it is an
introduction, low: its items say who gets what."""

from __future__ import annotations

from tests.test_classify_phrasings import _classified


def test_a_lead_in_added_in_a_section_listing_recipients_introduces_its_items() -> None:
    """In a section listing recipients each entry is a recipient; a line that ends waiting for
    the list after it is no entry: its items say who gets what."""
    old = "# Privacy\n\n## Who we share information with\n\n- Our payment processors.\n"
    lead = "When you use an Enterprise Account, the administrators of the account may:"
    entry = "Our chatbot vendors."
    changes = {
        c.new[0].text: c
        for c in _classified(old, f"{old}\n{lead}\n\n- {entry}\n")
        if c.kind == "added"
    }
    assert changes[lead].severity == "low", changes[lead].reason
    assert changes[entry].severity == "high", changes[entry].reason


def test_a_lead_in_that_itself_gives_data_away_is_read_as_a_sentence() -> None:
    """A line ending in a colon is no entry, but what it says itself still counts."""
    old = "# Privacy\n\n## Who we share information with\n\n- Our payment processors.\n"
    lead = "We sell your personal information, including your precise location, to data brokers:"
    changes = {
        c.new[0].text: c
        for c in _classified(old, f"{old}\n{lead}\n\n- Acme Data Inc.\n")
        if c.kind == "added"
    }
    assert (changes[lead].severity, changes[lead].direction) == ("high", "expands")
