"""A section whose rights or promises were taken out and that now only sends readers to another
document (the same number, renamed, a pointer left) had them moved there: the rights removed are
shown (medium), not raised as an alarm, and the rest is low; a pointer left in a section that
keeps its heading or its other clauses, or in another section, moves nothing."""

from __future__ import annotations

from tests.test_classify_phrasings import _classified

OLD = """# Privacy Policy

## 14. Your rights

### 14.1 Location of Data

We store data in the United States.

### 14.3 California Users

Right to Delete. You have the right to request that we delete the personal information we
hold about you.

You may exercise your right to delete using this form.

### 14.4 Other

We keep records of requests for 24 months.
"""

POINTER = (
    "Additional details about Acme's data collection and your rights can be found in our "
    "U.S. State Privacy Notice."
)


def _removed(new: str) -> list[tuple[str, str]]:
    return [
        (c.severity, c.reason or "")
        for c in _classified(OLD, new)
        if c.kind == "removed" and "Right to Delete" in c.old[0].text
    ]


def test_a_section_replaced_by_a_pointer_to_another_document_moved_its_rights() -> None:
    new = OLD.replace(
        OLD[OLD.index("### 14.3") : OLD.index("### 14.4")],
        f"### 14.3 U.S. State Privacy Disclosures\n\n{POINTER}\n\n",
    )
    ((severity, reason),) = _removed(new)
    assert severity == "medium", reason
    assert "section sent to another document" in reason


def test_a_pointer_in_a_section_that_keeps_its_heading_moves_nothing() -> None:
    new = OLD.replace(
        "You may exercise your right to delete using this form.\n", f"{POINTER}\n"
    ).replace(
        "Right to Delete. You have the right to request that we delete the personal "
        "information we\nhold about you.\n\n",
        "",
    )
    ((severity, reason),) = _removed(new)
    assert severity == "high", reason


def test_a_pointer_in_another_numbered_section_moves_nothing() -> None:
    new = OLD.replace(OLD[OLD.index("### 14.3") : OLD.index("### 14.4")], "").replace(
        "### 14.4 Other\n", f"### 14.4 Other\n\n{POINTER}\n"
    )
    ((severity, reason),) = _removed(new)
    assert severity == "high", reason


def test_a_pointer_on_another_topic_in_the_section_taking_its_number_moves_nothing() -> None:
    """The rights section deleted and the next one renumbered into its place, now pointing to
    the Cookie Policy: the rights went nowhere the pointer names."""
    new = OLD.replace(
        OLD[OLD.index("### 14.3") : OLD.index("### 14.4")],
        "### 14.3 Cookies\n\nFor more information about cookies, see our Cookie Policy.\n\n",
    )
    ((severity, reason),) = _removed(new)
    assert severity == "high", reason
