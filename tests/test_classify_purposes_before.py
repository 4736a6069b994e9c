"""Purposes the old version already used data for: de-identified or aggregated data put to one
of them again is shown (medium), not raised; people's data itself, a recipient, sensitive data
or anything passed on is read as new as before."""

from __future__ import annotations

import pytest

from tests.classify_support import classified
from tracker.model import Change

_RESEARCH = "We may anonymize your personal data and use it for research purposes."
_NO_RESEARCH = "We use your personal data to provide the service."
_OTHER = "We keep your account data while your account is open."


def _added(old_sentence: str, sentence: str) -> Change:
    old = f"# Privacy\n\n## Use\n\n{old_sentence}\n\n## Retention\n\n{_OTHER}\n"
    new = f"{old}\n## Research\n\n{sentence}\n"
    changes = classified(old, new)
    (change,) = [c for c in changes if c.kind == "added" and sentence in c.new[0].text]
    return change


def _appended(old_sentence: str, sentence: str) -> Change:
    old = f"# Privacy\n\n## Use\n\n{old_sentence}\n\n## Retention\n\n{_OTHER}\n"
    new = old.replace(_OTHER, f"{_OTHER} {sentence}")
    changes = classified(old, new)
    (change,) = [c for c in changes if c.kind == "modified"]
    return change


@pytest.mark.parametrize(
    "sentence",
    [
        "In certain cases, we may aggregate or de-identify your information and use it for "
        "research.",
        "We may use aggregated information for research.",
        "We may use de-identified data for research purposes.",
    ],
)
def test_de_identified_data_put_to_a_purpose_used_before_is_shown(sentence: str) -> None:
    for change in (_added(_RESEARCH, sentence), _appended(_RESEARCH, sentence)):
        assert change.severity == "medium", change.reason
        assert "purposes already stated before" in (change.reason or ""), change.reason


@pytest.mark.parametrize(
    ("old_sentence", "sentence"),
    [
        # the purpose is new
        (_NO_RESEARCH, "We may use aggregated information for research."),
        # people's data itself, not de-identified
        (_RESEARCH, "We may use your personal data and your messages for research."),
        # passed on
        (_RESEARCH, "We may share aggregated information with our partners for research."),
        # sensitive data
        (_RESEARCH, "We may use de-identified health data for research."),
        # a purpose beside it that is new
        (_RESEARCH, "We may use aggregated information for research and advertising."),
    ],
)
def test_a_purpose_new_in_kind_or_on_more_data_stays_high(old_sentence: str, sentence: str) -> None:
    change = _added(old_sentence, sentence)
    assert change.severity == "high", change.reason
