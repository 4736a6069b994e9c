"""Topic phrasings of the eighteenth round (issue 13), written after holdout40 to holdout48 were
measured once, from the false matches terms of service brought (Hily's holdout40, Verizon's
holdout46): a licence the company grants the user to use its software or service is no right
taken in users' content, nor is "sublicense" in a list of what the user may not do, nor the
company's ownership of its own software after a list of the rights it owns. Each licence to the
user matched content_license before; the grants over users' content must keep it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.classify import load_rules, topics_of

RULES = load_rules(Path(__file__).resolve().parents[1] / "data" / "rules.toml")


@pytest.mark.parametrize(
    "text",
    [
        "Acme hereby grants you a non-exclusive, non-transferable, revocable license to use a "
        "compiled copy of the App on devices you own.",
        "For software not accompanied by a licence agreement, you are hereby granted a revocable, "
        "non-exclusive license by Acme to use the software.",
        "You will not copy, modify, publish, sublicense, translate or sell any portion of the "
        "materials.",
        "You may not rent, lease, reproduce, sublicense or distribute copies of the software.",
        "Acme and its licensors continue to own all right, title and interest, including all "
        "copyright, patent and trade secret rights, to the Software and related documentation.",
    ],
)
def test_licence_to_the_user_is_no_licence_to_content(text: str) -> None:
    assert "content_license" not in topics_of(text, RULES)


@pytest.mark.parametrize(
    "text",
    [
        "You grant us a worldwide, royalty-free license to host and display your content.",
        "By posting content, you grant Acme a non-exclusive license to use it.",
        "You hereby grant to us a non-exclusive, sublicensable licence to use what you post.",
        "We may use, modify, sublicense and distribute your submissions.",
        "We own all right, title and interest in any content you submit to the Services.",
    ],
)
def test_licence_over_users_content_is_still_found(text: str) -> None:
    assert "content_license" in topics_of(text, RULES)


@pytest.mark.parametrize(
    "text",
    [
        # "you are granting" is the user granting, not the user granted
        "By uploading content, you are granting us a worldwide, perpetual license to use it.",
        "By posting, you are hereby granting Acme a non-exclusive license to your posts.",
        # the rights listed after "including" are in users' content, not in the service
        "We own all right, title and interest, including all intellectual property rights, in "
        "any content you submit to the Services.",
        "Acme owns all right, title and interest, including all intellectual property rights, "
        "in and to any User Content you upload to our Platform.",
        # "sublicense or" in a grant over what users give
        "We may use, reproduce, sublicense or distribute your feedback for any purpose.",
    ],
)
def test_a_near_miss_of_a_licence_to_the_user_is_still_found(text: str) -> None:
    assert "content_license" in topics_of(text, RULES)
