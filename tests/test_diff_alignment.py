"""Clause alignment on small documents written in Markdown (extracted by the real extractor):
each test is one kind of edit a reader must see reported one way, and nothing else reported."""

from __future__ import annotations

from pathlib import Path

from tracker.diff import diff_clauses, new_text_of, old_text_of
from tracker.diff.pairing import MAX_CANDIDATES, candidate_pairs, gap_numbers
from tracker.diff.similarity import Profile
from tracker.extract import extract_markdown
from tracker.model import Change, Clause, ClauseDiff

BASE = """# Terms

## 1. Services

We provide the hosted inference services described here to you.

We may change the services at any time without notice to you.

## 2. Fees

You pay the fees listed on the pricing page each calendar month.

- Fees are due within 30 days of the invoice date.
- Late fees accrue at one percent per month on unpaid balances.

## 3. Termination

Either party may terminate this agreement with thirty days written notice.

We may suspend accounts that break the acceptable use policy immediately.
"""


def clauses(markdown: str) -> tuple[Clause, ...]:
    return extract_markdown(markdown).clauses


def compare(new_markdown: str, old_markdown: str = BASE) -> ClauseDiff:
    return diff_clauses(clauses(old_markdown), clauses(new_markdown))


def only(diff: ClauseDiff) -> Change:
    assert len(diff.changes) == 1, [(c.kind, c.detail) for c in diff.changes]
    return diff.changes[0]


def test_identical_versions_have_no_changes() -> None:
    diff = compare(BASE)
    assert diff.changes == ()
    assert diff.unchanged == len(clauses(BASE))


def test_reworded_clause_is_one_modification_with_word_ops() -> None:
    change = only(compare(BASE.replace("within 30 days", "within 45 days")))
    assert change.kind == "modified"
    assert change.detail is None
    assert ("delete", "30") in [(op.tag, op.text) for op in change.inline]
    assert ("insert", "45") in [(op.tag, op.text) for op in change.inline]
    assert old_text_of(change.inline) == change.old[0].display_text
    assert new_text_of(change.inline) == change.new[0].display_text
    assert change.similarity is not None and 0.8 < change.similarity < 1


def test_deleted_and_added_clauses() -> None:
    removed = only(
        compare(BASE.replace("We may change the services at any time without notice to you.\n", ""))
    )
    assert (removed.kind, removed.new) == ("removed", ())
    assert removed.similarity is None
    added = only(
        compare(
            BASE.replace(
                "## 2. Fees\n", "## 2. Fees\n\nPrices are shown in US dollars unless stated.\n"
            )
        )
    )
    assert (added.kind, added.old) == ("added", ())
    assert added.new[0].path == ("Terms", "2. Fees")


def test_clause_moved_to_another_section() -> None:
    sentence = "We may change the services at any time without notice to you.\n"
    moved = BASE.replace(sentence, "").replace(
        "## 3. Termination\n", "## 3. Termination\n\n" + sentence
    )
    change = only(compare(moved))
    assert change.kind == "moved"
    assert change.old[0].path == ("Terms", "1. Services")
    assert change.new[0].path == ("Terms", "3. Termination")
    assert change.similarity == 1.0


def test_clause_moved_and_edited_is_modified_with_both_paths() -> None:
    sentence = "We may change the services at any time without notice to you.\n"
    edited = "We may change the services at any time with notice to you.\n"
    moved = BASE.replace(sentence, "").replace(
        "We may suspend accounts", edited + "\nWe may suspend accounts"
    )
    change = only(compare(moved))
    assert (change.kind, change.detail) == ("modified", "moved")
    assert change.old[0].path[-1] == "1. Services"
    assert change.new[0].path[-1] == "3. Termination"


def test_inserting_a_section_renumbers_the_rest_cosmetically() -> None:
    new = BASE.replace("## 3. Termination", "## 4. Termination").replace(
        "## 2. Fees",
        "## 2. Data\n\nWe process account data as described in the privacy policy.\n\n## 3. Fees",
    )
    diff = compare(new)
    kinds = sorted((c.kind, c.detail) for c in diff.changes)
    assert kinds == [
        ("added", None),
        ("added", None),
        ("cosmetic", "renumbered"),
        ("cosmetic", "renumbered"),
    ]
    assert all(c.new[0].kind == "heading" for c in diff.changes if c.kind == "cosmetic")


def test_renamed_heading_does_not_move_its_clauses() -> None:
    change = only(compare(BASE.replace("## 2. Fees", "## 2. Fees and Payment")))
    assert change.kind == "modified"
    assert change.new[0].display_text == "2. Fees and Payment"


def test_new_subsection_heading_does_not_move_the_clauses_below_it() -> None:
    change = only(compare(BASE.replace("- Fees are due", "### Payment terms\n\n- Fees are due")))
    assert change.kind == "added"
    assert change.new[0].kind == "heading"


def test_added_heading_named_like_another_section_does_not_move_clauses() -> None:
    """A table of contents entry rendered as a heading ("Termination") above the first
    paragraphs must not make them look moved into the real Termination section."""
    old = BASE.replace("# Terms\n", "# Terms\n\nThese terms govern your use of the services.\n")
    new = old.replace("# Terms\n", "# Terms\n\n## Termination\n")
    change = only(compare(new, old))
    assert (change.kind, change.new[0].text) == ("added", "Termination")


def test_paragraph_turned_heading_does_not_move_the_clauses_below() -> None:
    rest = "We protect your data with care.\n\n## Other\n\nMore text here.\n"
    old = f"# T\n\nYour privacy\n\n{rest}"
    new = f"# T\n\n## Your privacy\n\n{rest}"
    change = only(compare(new, old))
    assert (change.kind, change.detail) == ("cosmetic", "format")


def test_punctuation_and_case_changes_are_cosmetic() -> None:
    change = only(compare(BASE.replace("each calendar month.", "each Calendar Month.")))
    assert (change.kind, change.detail) == ("cosmetic", "case")
    change = only(compare(BASE.replace("suspend accounts that", "suspend accounts, that")))
    assert (change.kind, change.detail) == ("cosmetic", "punctuation")


def test_split_clause_is_one_modification() -> None:
    new = BASE.replace(
        "Either party may terminate this agreement with thirty days written notice.",
        "Either party may terminate this agreement.\n\nTermination needs thirty days written "
        "notice.",
    )
    change = only(compare(new))
    assert (change.kind, change.detail) == ("modified", "split")
    assert (len(change.old), len(change.new)) == (1, 2)


def test_clause_split_into_a_list_with_a_new_item_between_its_pieces_is_one_split() -> None:
    """A sentence cut before its end, whose tail becomes the second item of a list whose first
    item is new: the tail still comes from the old clause though a new piece stands between."""
    new = BASE.replace(
        "Either party may terminate this agreement with thirty days written notice.",
        "Either party may terminate this agreement with either\n\n"
        "- a signed letter delivered by courier; or\n"
        "- thirty days written notice.",
    )
    change = only(compare(new))
    assert (change.kind, change.detail) == ("modified", "split")
    assert (len(change.old), len(change.new)) == (1, 3)


def test_merged_clauses_are_one_modification() -> None:
    new = BASE.replace(
        "We provide the hosted inference services described here to you.\n\n"
        "We may change the services",
        "We provide the hosted inference services described here to you, and we may change "
        "the services",
    )
    change = only(compare(new))
    assert (change.kind, change.detail) == ("modified", "merged")
    assert (len(change.old), len(change.new)) == (2, 1)


def test_of_two_swapped_paragraphs_the_shorter_one_moved() -> None:
    long = "A much longer paragraph that carries most of the words of this section.\n"
    old = f"# T\n\nShort one here.\n\n{long}"
    new = f"# T\n\n{long}\nShort one here.\n"
    change = only(compare(new, old))
    assert change.kind == "moved"
    assert change.new[0].text == "Short one here."


def test_date_edit_of_a_short_clause_is_a_modification() -> None:
    old = "# Policy\n\nEffective July 31, 2023. Last Revised July 31, 2023.\n\nWe collect data.\n"
    new = (
        "# Policy\n\nEffective: February 15, 2024. Last Revised: February 15, 2024.\n\n"
        "We collect data.\n"
    )
    change = only(compare(new, old))
    assert change.kind == "modified"


def test_changes_come_in_reading_order_of_the_new_version() -> None:
    new = (
        BASE.replace("We may change the services at any time without notice to you.\n", "")
        .replace("within 30 days", "within 45 days")
        .replace("## 3. Termination\n", "## 3. Termination\n\nThis section survives.\n")
    )
    diff = compare(new)
    assert [c.kind for c in diff.changes] == ["removed", "modified", "added"]


def test_unrelated_rewrite_is_not_paired_all_with_all() -> None:
    """Candidate generation stays near-linear: a full rewrite of 600 clauses into 600 others
    scores at most MAX_CANDIDATES candidates per new clause (plus small gaps), not 360 000."""
    old = [
        Clause(
            id=f"o{i}",
            path=(),
            label=None,
            kind="paragraph",
            text=f"alpha{i} beta{i % 7} gamma{i % 13} shared words here",
        )
        for i in range(600)
    ]
    new = [
        Clause(
            id=f"n{i}",
            path=(),
            label=None,
            kind="paragraph",
            text=f"delta{i} beta{i % 5} gamma{i % 11} shared words here",
        )
        for i in range(600)
    ]
    gap_old, gap_new = gap_numbers([], len(old), len(new))
    pairs = candidate_pairs(
        range(600),
        range(600),
        {i: Profile.of(c) for i, c in enumerate(old)},
        {j: Profile.of(c) for j, c in enumerate(new)},
        gap_old,
        gap_new,
    )
    assert len(pairs) <= MAX_CANDIDATES * 600
    diff = diff_clauses(old, new)
    assert diff.unchanged == 0
    assert len(diff.changes) >= 600


def test_long_clauses_under_a_new_section_and_reworded_are_modifications(
    corpus_dir: Path,
) -> None:
    """Reddit's privacy policy (2023 -> 2024) put a new heading "Reddit Is a Public Platform"
    above four paragraphs of "How We Share Information", moved that heading below them and
    rewrote parts of them (rarity-weighted similarity 0.645, 0.528). Each paragraph is one
    clause edited, not a removal plus an addition; the text kept its order, so the heading that
    moved is the one move (a created section moves nothing), not the ~300 words under it."""
    folder = corpus_dir / "versions" / "reddit__privacy-policy"
    old = clauses(next(folder.glob("04_*.md")).read_text(encoding="utf-8"))
    new = clauses(next(folder.glob("05_*.md")).read_text(encoding="utf-8"))
    diff = diff_clauses(old, new)
    for opening in ("Your Reddit account has a profile page", "When you submit content"):
        (change,) = [c for c in diff.changes if (c.old or c.new)[0].text.startswith(opening)]
        assert (change.kind, change.detail) == ("modified", None), opening
        assert change.old[0].path[-1] == "How We Share Information"
        assert change.new[0].path[-1] == "Reddit Is a Public Platform"
    moved = [c.new[0].display_text for c in diff.changes if c.kind == "moved"]
    assert "How We Share Information" in moved
    assert not [m for m in moved if m.startswith("Much of the information on the Services")]


def test_short_unrelated_clauses_elsewhere_are_not_paired_by_shared_common_words() -> None:
    """The lower moved threshold needs a long run of shared wording; two short clauses that
    share a few common words stay one removal and one addition."""
    old = BASE.replace("## 3. Termination", "Contact us at the address below.\n\n## 3. Termination")
    new = BASE + "\n## 4. Notices\n\nWe send notices to the address you gave us.\n"
    diff = compare(new, old)
    kinds = sorted(c.kind for c in diff.changes)
    assert "modified" not in kinds
    assert kinds.count("removed") == 1


def test_a_page_that_now_repeats_itself_keeps_its_clauses_in_place() -> None:
    # the new page repeats the whole document (a site that renders its policy twice): the
    # old clauses stay where they were, each copy is added; nothing moved
    body = BASE.split("\n", 1)[1]
    repeated = BASE + "\n# Terms (copy)\n" + body + "\n# Terms (again)\n" + body
    diff = diff_clauses(clauses(BASE), clauses(repeated))
    kinds = {change.kind for change in diff.changes}
    assert "moved" not in kinds and "removed" not in kinds, kinds
    assert diff.unchanged == len(clauses(BASE))
    # and in order: the old clauses are the first copy
    assert [j for _, j in diff.unchanged_pairs] == list(range(len(clauses(BASE))))


def test_a_real_page_that_now_repeats_its_policy_moves_nothing() -> None:
    # Vibe's privacy page (tests/data/unseen) now renders its policy two to three times; the
    # first alignment kept one early clause at a later copy and reported 98 clauses as moved
    folder = Path(__file__).parent / "data" / "unseen" / "vibe__privacy-policy"
    old_path, new_path = sorted(folder.glob("*.md"))
    old = clauses(old_path.read_text(encoding="utf-8"))
    new = clauses(new_path.read_text(encoding="utf-8"))
    diff = diff_clauses(old, new)
    assert not [c for c in diff.changes if c.kind == "moved" or c.detail == "moved"]
    assert not [c for c in diff.changes if c.kind == "removed"]
    kept = [j for _, j in diff.unchanged_pairs]
    assert kept == sorted(kept)


def test_a_copy_does_not_pull_a_clause_that_really_moved_back() -> None:
    moved = BASE.replace(
        "We may change the services at any time without notice to you.\n", ""
    ).replace(
        "We may suspend accounts that break the acceptable use policy immediately.\n",
        "We may suspend accounts that break the acceptable use policy immediately.\n\n"
        "We may change the services at any time without notice to you.\n",
    )
    diff = diff_clauses(clauses(BASE), clauses(moved))
    assert [c.kind for c in diff.changes] == ["moved"]


def test_the_chain_over_copy_candidates_uses_each_index_once() -> None:
    from tracker.diff.align import copy_candidates, heaviest_chain

    old = ["a", "b", "c"]
    new = ["a", "b", "c", "a", "b", "c", "a"]
    candidates = copy_candidates(old, new)
    assert (0, 0) in candidates and (0, 3) in candidates and (0, 6) in candidates
    chain, rest = heaviest_chain(candidates, lambda i, j: 1)
    assert chain == [(0, 0), (1, 1), (2, 2)]  # the earliest in-order copies
    assert len({i for i, _ in chain}) == len(chain) == len({j for _, j in chain})
    assert {i for i, _ in rest} <= {0, 1, 2}
    assert len(copy_candidates(["x"], ["x"] * 20, limit=8)) == 8
    assert copy_candidates(["x"], ["x"]) == []  # a single copy is the ordinary exact match


# A heading's place in the chain is worth its own words: the clauses under it stay in their
# section whether it is kept or moved. A clause that changed section is moved either way.
COMMITMENT = [
    "We design every product with your privacy in mind and involve experts from many fields.",
    "We strive to be transparent in the way we process your data and explain it in plain words.",
    "We keep your information secure with dedicated teams and regular audits of our systems.",
]
POLICY = """## Data We Collect

We collect the information you give us when you create an account or contact support.

We collect device and log data automatically when you use the services and our websites.

## How We Use Data

We use your data to provide, maintain and improve the services and to keep them safe.

We use your contact details to send you notices about your account and these terms.

We do not sell your personal data to anyone, and we never share it for advertising.
""" + "".join(
    f"\n## Region {n}\n\nUsers in region {n} may ask us for a copy of their data, have it"
    f" corrected or deleted, and object to its use, by writing to office {n} of our company.\n"
    for n in range(1, 7)
)


def test_a_heading_moved_above_clauses_that_kept_their_section_is_the_one_move() -> None:
    """The document's title moved above an opening section that kept its place: the title
    moved, not the opening section (its words, under its own heading, were not touched), even
    though the title heads a far longer section than the clauses it jumped over."""
    paragraphs = "\n\n".join(COMMITMENT)
    old = f"## Our Commitment\n\n{paragraphs}\n\n# Privacy Policy\n\n{POLICY}"
    new = f"# Privacy Policy\n\n## Our Commitment\n\n{paragraphs}\n\n{POLICY}"
    change = only(compare(new, old))
    assert (change.kind, change.new[0].display_text) == ("moved", "Privacy Policy")


def test_a_section_dissolved_into_the_next_one_moves_none_of_its_clauses() -> None:
    """'Our Services' removed and the heading 'About Our Services' moved up above its list: the
    list items stayed where they were (their section dissolved), only the headings changed."""
    items = "\n".join(f"- {p}" for p in COMMITMENT[:2])
    below = POLICY.replace("## ", "### ")  # subsections of 'About Our Services'
    old = f"# Terms\n\n## Our Services\n\n{items}\n\n## About Our Services\n\n{below}"
    new = f"# Terms\n\n## About Our Services\n\n{items}\n\n{below}"
    diff = compare(new, old)
    assert sorted((c.kind, (c.old or c.new)[0].display_text) for c in diff.changes) == [
        ("moved", "About Our Services"),
        ("removed", "Our Services"),
    ]


def test_a_long_paragraph_moved_past_a_heading_into_its_section_moves_alone() -> None:
    """Near miss of the two above: the paragraph changed section (it left 'Sharing', which
    still exists, for 'Security'), so it is reported moved wherever it stands, and the heading
    it was moved past, far shorter, is not reported as well."""
    long = (
        "We may share the information we collect with service providers who process it on our"
        " behalf, under contracts that limit their use of it to the services they provide to us"
        " and require them to keep it confidential and secure."
    )
    old = f"# T\n\n## Sharing\n\n{COMMITMENT[0]}\n\n{long}\n\n## Security\n\n{COMMITMENT[2]}\n"
    new = f"# T\n\n## Sharing\n\n{COMMITMENT[0]}\n\n## Security\n\n{long}\n\n{COMMITMENT[2]}\n"
    change = only(compare(new, old))
    assert (change.kind, change.new[0].display_text) == ("moved", long)
    assert change.old[0].path[-1] == "Sharing" and change.new[0].path[-1] == "Security"


def test_of_two_swapped_sections_the_smaller_one_moves_with_its_heading() -> None:
    paragraphs = "\n\n".join(COMMITMENT)
    old = f"# T\n\n## Short\n\n{COMMITMENT[0]}\n\n## Long\n\n{paragraphs}\n"
    new = f"# T\n\n## Long\n\n{paragraphs}\n\n## Short\n\n{COMMITMENT[0]}\n"
    diff = compare(new, old)
    assert [(c.kind, c.new[0].display_text) for c in diff.changes] == [
        ("moved", "Short"),
        ("moved", COMMITMENT[0]),
    ]


def test_paragraphs_a_moved_title_left_behind_keep_their_place() -> None:
    """The title moved to the top; the two paragraphs that followed it stayed where they were in
    reading order and now sit under the heading before them. The title's move is the change:
    those paragraphs did not move (one of them, edited, is an edit in place)."""
    paragraphs = "\n\n".join(COMMITMENT)
    intro = "Welcome to our Privacy Policy. Thank you for taking the time to read it."
    edited = intro.replace("our Privacy Policy", "the Privacy Policy of Example")
    trust = "We appreciate that you trust us with your information and intend to keep that trust."
    old = f"## Our Commitment\n\n{paragraphs}\n\n# Privacy Policy\n\n{intro}\n\n{trust}\n\n{POLICY}"
    new = (
        f"# Privacy Policy\n\n## Our Commitment\n\n{paragraphs}\n\n{edited}\n\n{trust}\n\n{POLICY}"
    )
    diff = compare(new, old)
    assert [(c.kind, c.detail, c.new[0].display_text) for c in diff.changes] == [
        ("moved", None, "Privacy Policy"),
        ("modified", None, edited),
    ]
    assert diff.changes[1].old[0].path[-1] == "Privacy Policy"
    assert diff.changes[1].new[0].path[-1] == "Our Commitment"


def test_a_paragraph_moved_past_a_kept_heading_still_moves_when_a_title_moved_too() -> None:
    """Near miss: the title moved to the top, and separately a paragraph left 'Our Commitment'
    for 'Data We Collect' (a heading that kept its place): that paragraph did move."""
    paragraphs = "\n\n".join(COMMITMENT[:2])
    old = f"## Our Commitment\n\n{paragraphs}\n\n{COMMITMENT[2]}\n\n# Privacy Policy\n\n{POLICY}"
    moved_into = POLICY.replace(
        "## Data We Collect\n\n", f"## Data We Collect\n\n{COMMITMENT[2]}\n\n"
    )
    new = f"# Privacy Policy\n\n## Our Commitment\n\n{paragraphs}\n\n{moved_into}"
    diff = compare(new, old)
    assert sorted((c.kind, c.new[0].display_text) for c in diff.changes) == [
        ("moved", "Privacy Policy"),
        ("moved", COMMITMENT[2]),
    ]


# A clause rewritten where it stood, beside new clauses: paired with the one that shares a fair
# part of its wording in order, even when the shared words are common ones.
DATA_HEAD = """# Terms

## 4. Your Data

You own your inputs and outputs, and we claim no rights in them beyond these terms.

"""
DATA_TAIL = """

## 5. Warranties

We warrant that the services will conform in all material respects with the documentation.
"""
REPORT_OLD = (
    "Prohibited content. You must promptly report to us any content that you identify as"
    " violating our usage policy, using the report feature in the products or by email. You"
    " grant us the right to access the reported content to improve the products."
)
PROHIBITED_NEW = (
    "Prohibited content. You may not include in your inputs content that violates the usage"
    " policy or the law. We may review, remove or disable the content in the products at any"
    " time."
)
REPORT_NEW = (
    "Reporting content. You may notify us of content you believe is illegal under applicable"
    " law or breaks the usage policy. A notice must be sent through the reporting tools, explain"
    " why the content is alleged to be illegal and give enough information to locate it, such"
    " as a link. If you repeatedly send unfounded notices we may restrict your ability to send"
    " them. We may access the reported content to improve the products."
)
APPEALS_NEW = (
    "Appeals. You may appeal our decision about reported content through the products, and we"
    " will review the content and the usage policy again and tell you the outcome."
)


def test_a_clause_rewritten_beside_new_ones_is_one_modification() -> None:
    """The reporting duty was rewritten as 'Reporting content' between two new paragraphs: it
    shares a third of its words in order with that one (the words it shares are common in the
    clauses around, so it is no one's clear best match by rare words), and it is reported as
    that clause modified, the two others as added."""
    old = DATA_HEAD + REPORT_OLD + DATA_TAIL
    new = DATA_HEAD + "\n\n".join([PROHIBITED_NEW, REPORT_NEW, APPEALS_NEW]) + DATA_TAIL
    diff = compare(new, old)
    assert [(c.kind, c.new[0].display_text) for c in diff.changes] == [
        ("added", PROHIBITED_NEW),
        ("modified", REPORT_NEW),
        ("added", APPEALS_NEW),
    ]
    assert diff.changes[1].old[0].display_text == REPORT_OLD


def test_a_removed_clause_beside_unrelated_new_ones_stays_removed() -> None:
    """Near miss: the new clauses of the gap share only a few common words with the old one
    (fewer than REWRITE_WORDS in order, or under REWRITE_RATIO): a removal and additions."""
    export = (
        "Export controls. You will comply with all export and sanctions laws that apply to your"
        " use of the services in any country."
    )
    old = DATA_HEAD + REPORT_OLD + DATA_TAIL
    new = DATA_HEAD + "\n\n".join([export, APPEALS_NEW]) + DATA_TAIL
    diff = compare(new, old)
    assert sorted((c.kind, (c.old or c.new)[0].display_text) for c in diff.changes) == [
        ("added", APPEALS_NEW),
        ("added", export),
        ("removed", REPORT_OLD),
    ]


def test_a_rewrite_in_place_never_crosses_a_pair_of_its_gap() -> None:
    """Near miss: the old clause's best match stands on the other side of a clause paired in
    the same gap; pairing them would cross it, so the old clause stays removed."""
    kept_old = "You are responsible for all activity under your account and its credentials."
    kept_new = "You are responsible for all activity under your account and its passwords."
    old = DATA_HEAD + f"{kept_old}\n\n{REPORT_OLD}" + DATA_TAIL
    new = DATA_HEAD + f"{REPORT_NEW}\n\n{kept_new}\n\n{APPEALS_NEW}" + DATA_TAIL
    diff = compare(new, old)
    kinds = sorted((c.kind, (c.old or c.new)[0].display_text) for c in diff.changes)
    assert ("modified", kept_old) in kinds
    assert ("removed", REPORT_OLD) in kinds and ("added", REPORT_NEW) in kinds


def test_of_two_swapped_paragraphs_a_long_edited_one_stays_and_the_short_one_moved() -> None:
    """The short paragraph is equal in both versions, the long one edited: weighed by their
    words, the long one keeps its place and the short one moved (not the other way round,
    which reported every word of the long one as moved)."""
    long_old = (
        "We keep the files you upload for as long as your account is open, and we delete "
        "them from our active systems within thirty days after you close it, except where "
        "the law requires us to keep them longer for tax or audit purposes."
    )
    long_new = long_old.replace("thirty days", "ninety days").replace("tax or audit", "audit")
    short = "Contact us with any questions."
    old = f"# T\n\n{short}\n\nAnother short line stays.\n\n{long_old}\n"
    new = f"# T\n\n{long_new}\n\n{short}\n\nAnother short line stays.\n"
    diff = compare(new, old)
    kinds = sorted((c.kind, c.detail, c.new[0].display_text[:20]) for c in diff.changes)
    assert kinds == [
        ("modified", None, long_new[:20]),
        ("moved", None, "Another short line s"),
        ("moved", None, short[:20]),
    ], kinds


def test_a_short_edited_paragraph_moved_past_long_exact_ones_is_the_one_moved() -> None:
    """The weighing goes both ways: a short edited paragraph moved past long unchanged ones
    is the one reported moved."""
    long_one = " ".join(COMMITMENT)
    old = f"# T\n\nWe answer requests within thirty days.\n\n{long_one}\n"
    new = f"# T\n\n{long_one}\n\nWe answer requests within sixty days.\n"
    change = only(compare(new, old))
    assert (change.kind, change.detail) == ("modified", "moved")
