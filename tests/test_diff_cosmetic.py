"""What counts as cosmetic: whitespace, punctuation, case, quotes, number labels; never words."""

from __future__ import annotations

import pytest

from tracker.diff import cosmetic_detail, is_cosmetic
from tracker.model import Clause


def _clause(text: str, label: str | None = None, kind: str = "paragraph") -> Clause:
    return Clause(id="c", path=(), label=label, kind=kind, text=text)  # type: ignore[arg-type]


COSMETIC = [
    ("We collect data.", "We  collect data.", "whitespace"),
    ('The "Services" we offer', "The \u201cServices\u201d we offer", "quotes"),
    ("We don't sell", "We don\u2019t sell", "quotes"),
    ("Data Retention", "Data retention", "case"),
    ("We share data, with partners.", "We share data with partners", "punctuation"),
    ("Cookies; trackers", "Cookies: trackers", "punctuation"),
]


@pytest.mark.parametrize(("old", "new", "detail"), COSMETIC)
def test_cosmetic_changes_are_named(old: str, new: str, detail: str) -> None:
    assert is_cosmetic(_clause(old), _clause(new))
    assert cosmetic_detail(_clause(old), _clause(new)) == detail


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (_clause("Sharing", "3."), _clause("Sharing", "4.")),
        (_clause("Scope", "2.1"), _clause("Scope", "2.2")),
        (_clause("Any dispute", "(a)"), _clause("Any dispute", "(b)")),
        (_clause("3. Sharing"), _clause("4. Sharing")),
        (_clause("Section 5 Termination"), _clause("Section 6 Termination")),
        (_clause("Sharing", "3."), _clause("4. Sharing")),
        # a page that glued the number to its heading, or dropped the number
        (_clause("1.Services", kind="heading"), _clause("Services", kind="heading")),
        (_clause("10.Miscellaneous", kind="heading"), _clause("11. Miscellaneous", kind="heading")),
    ],
)
def test_a_new_number_label_is_renumbering(old: Clause, new: Clause) -> None:
    assert is_cosmetic(old, new)
    assert cosmetic_detail(old, new) == "renumbered"


def test_a_number_glued_to_a_word_that_is_not_a_heading_stays_text() -> None:
    assert not is_cosmetic(_clause("1.of the data"), _clause("of the data"))
    assert not is_cosmetic(_clause("U.S. law applies"), _clause("law applies"))


def test_label_case_is_not_renumbering() -> None:
    assert cosmetic_detail(_clause("Rules", "(b)"), _clause("Rules", "(B)")) == "format"


def test_kind_change_alone_is_format() -> None:
    old, new = _clause("Your Privacy"), _clause("Your Privacy", kind="heading")
    assert is_cosmetic(old, new)
    assert cosmetic_detail(old, new) == "format"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We keep data for 30 days.", "We keep data for 60 days."),
        ("Fees are $5 per month.", "Fees are \u20ac5 per month."),
        ("We may sell data.", "We may not sell data."),
        ("Rates of 1.5 apply", "Rates of 15 apply"),
        ("e-mail us", "email us"),
        ("30 days notice", "days notice"),
    ],
)
def test_word_or_number_changes_are_not_cosmetic(old: str, new: str) -> None:
    assert not is_cosmetic(_clause(old), _clause(new))


def test_a_letter_o_written_as_a_nested_bullet_is_a_label() -> None:
    """Word processors' second-level bullet copied as text (fresh41's Jasper policy: 19 items
    whose "o" was dropped, labelled none)."""
    old = _clause("o Our business or commercial purpose for collecting that information")
    new = _clause("Our business or commercial purpose for collecting that information")
    assert is_cosmetic(old, new)
    assert cosmetic_detail(old, new) == "renumbered"


@pytest.mark.parametrize(
    "text", ["of Our services", "o our services", "O Lord", "o 2 items", "oh Yes, we do"]
)
def test_other_starts_with_an_o_are_words(text: str) -> None:
    assert not is_cosmetic(_clause(text), _clause(text[2:]))


def test_the_o_bullet_may_be_followed_by_a_no_break_space() -> None:
    """helper-158's review: word processors copy the bullet's gap as a no-break space."""
    old = _clause("o\u00a0Our business or commercial purpose for collecting that information")
    new = _clause("Our business or commercial purpose for collecting that information")
    assert is_cosmetic(old, new)
