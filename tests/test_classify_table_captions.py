"""A table of trackers titled by a line of text above it rather than a heading ("Targeting
Cookies", then what the cookies do, then "Domain | Cookies | Used as"), as pages converted to
Markdown often give it: a row added there is a tracker set on people's devices, and one of
another party's under a title naming advertising hands their browsing to an advertiser (high);
the site's own advertising cookie, or another party's analytics or functional cookie, is shown
(medium). A table whose rows are no trackers, or a caption that is no title, implies nothing."""

from __future__ import annotations

from tests.classify_support import RULES
from tracker.classify import classify_diff
from tracker.diff import diff_clauses
from tracker.extract import extract_markdown
from tracker.model import Change
from tracker.vocabulary import Direction, Severity

HEADER = "| Domain | Cookies | Used as |\n| --- | --- | --- |\n"
OLD_ROWS = "| example.com | session, prefs | 1st Party |\n| doubleclick.net | IDE | 3rd Party |\n"


def _page(title: str, about: str, rows: str, heading: str = "") -> str:
    section = f"## {heading}\n\n" if heading else ""
    return (
        "# Cookie Policy\n\nWe use cookies on our sites as described below.\n\n"
        f"{section}{title}\n\n{about}\n\n{HEADER}{rows}\n"
        "You can withdraw your consent to cookies at any time in the settings.\n"
    )


def _added_row(title: str, about: str, row: str, heading: str = "") -> Change:
    old = extract_markdown(_page(title, about, OLD_ROWS, heading)).clauses
    new = extract_markdown(_page(title, about, OLD_ROWS + row, heading)).clauses
    changes = classify_diff(diff_clauses(old, new), RULES).changes
    assert [c.kind for c in changes] == ["added"], changes
    return changes[0]


TARGETING = (
    "Targeting Cookies",
    "These cookies may be set through our site by our advertising partners to build a profile"
    " of your interests.",
)
PERFORMANCE = (
    "Performance Cookies",
    "These cookies allow us to count visits and traffic sources so we can measure and improve"
    " the performance of our site.",
)


def test_another_partys_row_under_a_targeting_title_is_high() -> None:
    change = _added_row(*TARGETING, "| bing.com | MUID | 3rd Party |\n")
    assert (change.severity, change.direction) == (Severity.HIGH, Direction.EXPANDS)
    assert "bing.com" in (change.reason or "")
    assert "advertising" in (change.reason or "")


def test_an_advertising_title_in_other_words_is_read_the_same() -> None:
    for title in ("Advertising cookies", "Marketing and ads trackers"):
        change = _added_row(title, TARGETING[1], "| casalemedia.com | CMID | Third party |\n")
        assert change.severity is Severity.HIGH, (title, change.reason)


def test_another_partys_row_under_a_performance_title_is_shown_not_an_alarm() -> None:
    change = _added_row(*PERFORMANCE, "| mc.yandex.ru | yabs-sid | 3rd Party |\n")
    assert (change.severity, change.direction) == (Severity.MEDIUM, Direction.EXPANDS)
    assert "mc.yandex.ru" in (change.reason or "")


def test_the_sites_own_advertising_cookie_is_shown_not_an_alarm() -> None:
    change = _added_row(*TARGETING, "| example.com | _so_tgt | 1st Party |\n")
    assert change.severity is Severity.MEDIUM, change.reason


def test_a_title_saying_its_trackers_are_not_for_advertising_is_no_alarm() -> None:
    for title in ("Non-targeting cookies", "Ad-free cookies"):
        change = _added_row(title, PERFORMANCE[1], "| bing.com | MUID | 3rd Party |\n")
        assert change.severity is not Severity.HIGH, (title, change.reason)


def test_the_same_table_under_a_real_heading_is_read_the_same() -> None:
    change = _added_row("", TARGETING[1], "| bing.com | MUID | 3rd Party |\n", "Targeting Cookies")
    assert change.severity is Severity.HIGH, change.reason


def test_a_caption_that_is_no_title_or_says_what_is_not_done_implies_nothing() -> None:
    prose = (
        "The cookies we place on your device when you visit are listed in the table that"
        " follows, with the domain that sets each of them and whose they are"
    )
    for title in (prose, "Cookies we do not use"):
        change = _added_row(title, TARGETING[1], "| bing.com | MUID | 3rd Party |\n")
        assert change.severity is Severity.LOW, (title, change.reason)


def test_a_table_of_other_things_under_a_cookie_title_implies_nothing() -> None:
    old = extract_markdown(
        "# Cookie Policy\n\nCookie requests\n\n| Request | Count |\n| --- | --- |\n"
        "| Access | 12 |\n"
    ).clauses
    new = extract_markdown(
        "# Cookie Policy\n\nCookie requests\n\n| Request | Count |\n| --- | --- |\n"
        "| Access | 12 |\n| Deletion | 3 |\n"
    ).clauses
    (change,) = classify_diff(diff_clauses(old, new), RULES).changes
    assert change.severity is Severity.LOW, change.reason


def test_a_row_that_names_no_topic_takes_its_tables() -> None:
    """A row says nothing of cookies by itself; its table's header and title do."""
    for title in (TARGETING, PERFORMANCE):
        change = _added_row(*title, "| bing.com | MUID | 3rd Party |\n")
        assert change.topics == ("cookies_tracking",), change.topics


def test_a_row_of_a_table_about_nothing_the_rules_name_has_no_topic() -> None:
    old = extract_markdown(
        "# Report\n\nFigures\n\n| Region | Count |\n| --- | --- |\n| Europe | 12 |\n"
    ).clauses
    new = extract_markdown(
        "# Report\n\nFigures\n\n| Region | Count |\n| --- | --- |\n| Europe | 12 |\n| Asia | 3 |\n"
    ).clauses
    (change,) = classify_diff(diff_clauses(old, new), RULES).changes
    assert change.topics == (), change.topics
