"""Topics of clauses: the hand-checked table (tests/data/topics_gold.toml) is real and the rules
reach the targets on it; matching is on whole words of normalised text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.eval_classify import HELD_OUT_TOPIC_SAMPLES
from tracker.classify import RuleSet, load_rules, topics_of
from tracker.classify.evaluate import GoldClause, parse_topic_gold, score_topics
from tracker.classify.rules import compile_words
from tracker.classify.text import match_form
from tracker.classify.topics import without_abbreviation_dots
from tracker.extract import extract_bytes, extract_markdown

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "data" / "rules.toml")
GOLD = parse_topic_gold((ROOT / "tests" / "data" / "topics_gold.toml").read_text("utf-8"))
#: Samples drawn by the extractor from documents outside the corpus, and their folders.
OUTSIDE = {
    "unseen": ROOT / "tests" / "data" / "unseen",
    "fresh": ROOT / "tests" / "data" / "fresh",
    "holdout5": ROOT / "tests" / "data" / "fresh2",
    "holdout6": ROOT / "tests" / "data" / "holdout6",
    "holdout7": ROOT / "tests" / "data" / "fresh8",
    "holdout8": ROOT / "tests" / "data" / "fresh8",
    "holdout9": ROOT / "tests" / "data" / "fresh10",
    "holdout10": ROOT / "tests" / "data" / "fresh11",
    "holdout11": ROOT / "tests" / "data" / "fresh12",
    "holdout12": ROOT / "tests" / "data" / "fresh13",
    "holdout13": ROOT / "tests" / "data" / "fresh14",
    "holdout14": ROOT / "tests" / "data" / "fresh15",
    "holdout15": ROOT / "tests" / "data" / "fresh16",
    "holdout16": ROOT / "tests" / "data" / "fresh17",
    "holdout17": ROOT / "tests" / "data" / "fresh18",
    "holdout18": ROOT / "tests" / "data" / "fresh19",
    "holdout19": ROOT / "tests" / "data" / "fresh20",
    "holdout20": ROOT / "tests" / "data" / "fresh21",
    "holdout21": ROOT / "tests" / "data" / "fresh22",
    "holdout22": ROOT / "tests" / "data" / "fresh23",
    "holdout23": ROOT / "tests" / "data" / "fresh24",
    "holdout24": ROOT / "tests" / "data" / "fresh26",
    "holdout25": ROOT / "tests" / "data" / "fresh29",
    "holdout26": ROOT / "tests" / "data" / "fresh31",
    "holdout27": ROOT / "tests" / "data" / "fresh32",
    "holdout28": ROOT / "tests" / "data" / "fresh33",
    "holdout29": ROOT / "tests" / "data" / "fresh34",
    "holdout30": ROOT / "tests" / "data" / "fresh35",
    "holdout31": ROOT / "tests" / "data" / "fresh37",
    "holdout32": ROOT / "tests" / "data" / "fresh38",
    "holdout33": ROOT / "tests" / "data" / "fresh39",
    "holdout34": ROOT / "tests" / "data" / "fresh40",
    "holdout35": ROOT / "tests" / "data" / "fresh41",
    "holdout36": ROOT / "tests" / "data" / "fresh42",
    "holdout37": ROOT / "tests" / "data" / "fresh43",
    "holdout38": ROOT / "tests" / "data" / "fresh44",
    "holdout39": ROOT / "tests" / "data" / "fresh45",
    "holdout40": ROOT / "tests" / "data" / "fresh46",
    "holdout41": ROOT / "tests" / "data" / "fresh47",
    "holdout42": ROOT / "tests" / "data" / "fresh48",
    "holdout43": ROOT / "tests" / "data" / "fresh49",
    "holdout44": ROOT / "tests" / "data" / "fresh50",
    "holdout45": ROOT / "tests" / "data" / "fresh51",
    "holdout46": ROOT / "tests" / "data" / "fresh52",
    "holdout47": ROOT / "tests" / "data" / "fresh53",
    "holdout48": ROOT / "tests" / "data" / "fresh54",
    "holdout49": ROOT / "tests" / "data" / "fresh55",
    "holdout50": ROOT / "tests" / "data" / "fresh56",
    "holdout51": ROOT / "tests" / "data" / "fresh57",
    "holdout52": ROOT / "tests" / "data" / "fresh58",
    "holdout53": ROOT / "tests" / "data" / "fresh59",
    "holdout54": ROOT / "tests" / "data" / "fresh60",
    "holdout55": ROOT / "tests" / "data" / "fresh61",
    "holdout56": ROOT / "tests" / "data" / "fresh62",
    "holdout57": ROOT / "tests" / "data" / "fresh70",
    "holdout58": ROOT / "tests" / "data" / "fresh71",
    "holdout59": ROOT / "tests" / "data" / "fresh65",
    "holdout60": ROOT / "tests" / "data" / "fresh72",
    "holdout61": ROOT / "tests" / "data" / "fresh66",
    "holdout62": ROOT / "tests" / "data" / "fresh67",
    "holdout63": ROOT / "tests" / "data" / "fresh68",
    "holdout64": ROOT / "tests" / "data" / "fresh69",
    "holdout65": ROOT / "tests" / "data" / "fresh73",
    "holdout66": ROOT / "tests" / "data" / "fresh74",
    "holdout67": ROOT / "tests" / "data" / "fresh75",
    "holdout68": ROOT / "tests" / "data" / "fresh76",
    "holdout69": ROOT / "tests" / "data" / "fresh77",
    "holdout70": ROOT / "tests" / "data" / "fresh78",
    "holdout71": ROOT / "tests" / "data" / "fresh79",
    "holdout72": ROOT / "tests" / "data" / "fresh80",
    "holdout73": ROOT / "tests" / "data" / "fresh81",
    "holdout74": ROOT / "tests" / "data" / "fresh82",
    "holdout75": ROOT / "tests" / "data" / "fresh83",
    "holdout76": ROOT / "tests" / "data" / "fresh84",
    "holdout77": ROOT / "tests" / "data" / "fresh85",
    "holdout78": ROOT / "tests" / "data" / "fresh86",
    "holdout79": ROOT / "tests" / "data" / "fresh87",
    "holdout80": ROOT / "tests" / "data" / "fresh88",
    "holdout81": ROOT / "tests" / "data" / "fresh89",
    "holdout82": ROOT / "tests" / "data" / "fresh90",
    "holdout83": ROOT / "tests" / "data" / "fresh91",
    "holdout84": ROOT / "tests" / "data" / "fresh92",
    "holdout85": ROOT / "tests" / "data" / "fresh93",
    "holdout86": ROOT / "tests" / "data" / "fresh94",
    "holdout87": ROOT / "tests" / "data" / "fresh95",
    "holdout88": ROOT / "tests" / "data" / "fresh96",
    "holdout89": ROOT / "tests" / "data" / "fresh97",
    "holdout90": ROOT / "tests" / "data" / "fresh98",
    "holdout91": ROOT / "tests" / "data" / "fresh99",
    "holdout92": ROOT / "tests" / "data" / "fresh100",
    "holdout93": ROOT / "tests" / "data" / "fresh101",
    "holdout94": ROOT / "tests" / "data" / "fresh102",
    "holdout95": ROOT / "tests" / "data" / "fresh103",
    "holdout96": ROOT / "tests" / "data" / "fresh104",
    "holdout97": ROOT / "tests" / "data" / "fresh105",
    "holdout98": ROOT / "tests" / "data" / "fresh106",
    "holdout99": ROOT / "tests" / "data" / "fresh107",
    "holdout100": ROOT / "tests" / "data" / "fresh108",
    "holdout101": ROOT / "tests" / "data" / "fresh109",
    "holdout102": ROOT / "tests" / "data" / "fresh110",
    "holdout103": ROOT / "tests" / "data" / "fresh111",
    "holdout104": ROOT / "tests" / "data" / "fresh112",
    "holdout105": ROOT / "tests" / "data" / "fresh113",
    "holdout106": ROOT / "tests" / "data" / "fresh114",
    "holdout107": ROOT / "tests" / "data" / "fresh115",
    "holdout108": ROOT / "tests" / "data" / "fresh116",
    "holdout109": ROOT / "tests" / "data" / "fresh117",
    "holdout110": ROOT / "tests" / "data" / "fresh118",
    "holdout111": ROOT / "tests" / "data" / "fresh119",
    "holdout112": ROOT / "tests" / "data" / "fresh120",
    "holdout113": ROOT / "tests" / "data" / "fresh121",
    "holdout114": ROOT / "tests" / "data" / "fresh122",
    "holdout115": ROOT / "tests" / "data" / "fresh123",
    "holdout117": ROOT / "tests" / "data" / "fresh125",
    "holdout118": ROOT / "tests" / "data" / "fresh126",
    "holdout116": ROOT / "tests" / "data" / "fresh124",
    "holdout119": ROOT / "tests" / "data" / "fresh127",
    "holdout120": ROOT / "tests" / "data" / "fresh128",
}
TARGET = 0.9


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RULES


def test_gold_table_is_large_varied_and_labelled_with_known_topics() -> None:
    assert len(GOLD) >= 40
    assert len({c.document.split("__")[0] for c in GOLD}) >= 15
    assert sum(1 for c in GOLD if not c.topics) >= 20, "negatives are needed for precision"
    known = {t.id for t in RULES.topics}
    for clause in GOLD:
        assert clause.topics <= known, clause.text[:60]
    for topic in known:
        assert sum(topic in c.topics for c in GOLD) >= 4, f"too few examples of {topic}"


@pytest.mark.parametrize("clause", GOLD, ids=lambda c: f"{c.document}:{c.text[:30]}")
def test_gold_text_is_quoted_verbatim_from_the_corpus(corpus_dir: Path, clause: GoldClause) -> None:
    if clause.sample in OUTSIDE:  # drawn by the extractor from documents outside the corpus
        text = (OUTSIDE[clause.sample] / clause.document / clause.file).read_text(encoding="utf-8")
        clauses = extract_markdown(text).clauses
        assert clause.text in {c.text for c in clauses} or _is_run_of_clauses(
            clause.text, [(c.text, c.display_text) for c in clauses]
        )
        return
    source = corpus_dir / "versions" / clause.document / clause.file
    assert clause.text in source.read_text(encoding="utf-8")


def _is_run_of_clauses(text: str, clauses: list[tuple[str, str]]) -> bool:
    """Whether ``text`` is consecutive clauses joined by spaces (the first one's text, then the
    others as shown, labels and all): a clause drawn before the extractor split it (a Markdown
    block indented as code, split at its blank lines since), still quoted verbatim."""
    for start, (first, _) in enumerate(clauses):
        if not text.startswith(first):
            continue
        joined = first
        for _, following in clauses[start + 1 :]:
            if joined == text or not text.startswith(joined):
                break
            joined += " " + following
        if joined == text:
            return True
    return False


#: Samples labelled after the rules were last changed: measured (``make eval-classify``), each
#: held to its own floor below (precision, recall), never tuned on. "holdout8", 70 clauses of
#: tests/data/fresh8's oldest versions, measured first at precision 0.871, recall 0.562 (rules
#: of main 4d1104a). "holdout9", 69 clauses of tests/data/fresh10's newest versions, measured
#: first at precision 0.882, recall 0.714 (rules of main f15d664). "holdout10", 68 clauses of
#: tests/data/fresh11's newest versions, measured first at precision 0.731, recall 0.576 (rules
#: of main 2076018). "holdout11", 66 clauses of tests/data/fresh12's newest versions, measured
#: first at precision 0.595, recall 0.710 (rules of main 130be12). "holdout12", 65 clauses of
#: tests/data/fresh13's newest versions, measured first at precision 0.633, recall 0.543 (rules of
#: main 579b4ec). "holdout13", 65 clauses of tests/data/fresh14's newest version, measured first at
#: precision 0.786, recall 0.635 (rules of main b51f397). "holdout14", 60 clauses of Codeium's
#: privacy policy's newest version (tests/data/fresh15), measured first at precision 0.818,
#: recall 0.730 (rules of main e9584b1). "holdout15", 60 clauses of Copy.AI's privacy notice's
#: newest version (tests/data/fresh16), measured first at precision 0.744, recall 0.653 (rules of
#: main 2a48f04). "holdout16", 60 clauses of Bolt.new's terms of service's newest version
#: (tests/data/fresh17), measured first at precision 0.628, recall 0.659 (rules of main
#: d5e28e9). "holdout17", 60 clauses of Zoom's privacy statement's newest version
#: (tests/data/fresh18), measured first at precision 0.837, recall 0.735 (rules of main
#: d473f99). "holdout18", 60 clauses of Tinder's privacy policy's newest version
#: (tests/data/fresh19), measured first at precision 0.767, recall 0.639 (rules of main
#: c4fecbc). "holdout19", 60 clauses of Telegram's privacy policy's newest version
#: (tests/data/fresh20), measured first at precision 0.679, recall 0.396 (rules of main
#: 57be29f). "holdout20", 60 clauses of Bumble's privacy policy's newest version
#: (tests/data/fresh21), measured first at precision 0.793, recall 0.535 (rules of main
#: fde5fbe). "holdout21", 39 clauses of Proton's privacy policy's newest version
#: (tests/data/fresh22), measured first at precision 0.714, recall 0.526 (rules of main
#: d3932a0). "holdout22", 60 clauses of Quora's terms of service (tests/data/fresh23), measured
#: first at precision 0.724, recall 0.840 (rules of e70aaed). "holdout23", 27 clauses of Imgur's
#: privacy policy (tests/data/fresh24), measured first at precision 0.760, recall 0.731 (rules of
#: 13fa411). "holdout24", 60 clauses of Stack Overflow's cookie policy (tests/data/fresh26),
#: measured first at precision 0.971, recall 0.569 (rules of main bcda802; most misses are rows
#: of cookie tables that name no cookie when read alone). "holdout25", 60 clauses of
#: DeviantArt's privacy policy (tests/data/fresh29), measured first at precision 0.774, recall
#: 0.837 (rules of main a65a33b). "holdout26", 60 clauses of eharmony UK's privacy policy
#: (tests/data/fresh31), measured first at precision 0.655, recall 0.559 (rules of main
#: 18bf78a). "holdout27", 60 clauses of Bitwarden's privacy policy (tests/data/fresh32),
#: measured first at precision 0.884, recall 0.950 (rules of main 7a191f0). "holdout28", 51
#: clauses of Grindr's privacy and cookie policy (tests/data/fresh33), measured first at
#: precision 0.720, recall 0.837 (rules of main 647d10d). "holdout29", 60 clauses of Lyft's
#: privacy policy (tests/data/fresh34), measured first at precision 0.750, recall 0.643 (rules
#: of main 243756a). "holdout30", 25 clauses of Netflix's terms of use (tests/data/fresh35),
#: measured first at precision 0.625, recall 0.833 (rules of main e181b78). "holdout31", 60
#: clauses of Blizzard's privacy policy (tests/data/fresh37), "holdout32", 60 clauses of Reddit's
#: User Agreement (tests/data/fresh38), and "holdout33", 60 clauses of eBay's User Agreement
#: (tests/data/fresh39), measured first at 0.881/0.771, 0.600/0.783 and 0.548/0.773 (rules of main
#: aab1d32). "holdout34", 60 clauses of Meetup's privacy policy (tests/data/fresh40), "holdout35",
#: 60 clauses of Jasper's privacy policy (tests/data/fresh41), and "holdout36", 60 clauses of Wise's
#: Customer Agreement (tests/data/fresh42), measured first at 0.750/0.667, 0.850/0.791 and
#: 0.700/0.538 (rules of main cd2d11b). "holdout37", 60 clauses of Coursera's terms of use
#: (tests/data/fresh43), "holdout38", 60 clauses of Kick's privacy policy (tests/data/fresh44), and
#: "holdout39", 60 clauses of WeChat's terms of service (tests/data/fresh45), measured first at
#: 0.704/0.731, 0.700/0.778 and 0.688/0.524 (rules of main e549f72). "holdout40", 60 clauses of
#: Hily's terms of use (tests/data/fresh46), "holdout41", 60 clauses of OpenSea's terms of service
#: (tests/data/fresh47), and "holdout42", 60 clauses of Steam's Subscriber Agreement
#: (tests/data/fresh48), measured first at 0.586/0.739, 0.737/0.700 and 0.483/0.609 (rules of
#: main 64d7f31). "holdout43", 60 clauses of LOVOO's General Terms and Conditions
#: (tests/data/fresh49), and "holdout44", 59 clauses of Replit's terms of service
#: (tests/data/fresh50), measured first at 0.760/0.594 and 0.697/0.767 (rules of main 1b4aa97).
#: "holdout45", 60 clauses of Apple's privacy policy (tests/data/fresh51), and "holdout46", the
#: 40 clauses of Verizon's website terms of use (tests/data/fresh52), measured first at
#: 0.829/0.829 and 0.370/0.556 (rules of main 6c37e7d). "holdout47", 60 clauses of Couchsurfing's
#: privacy policy (tests/data/fresh53), and "holdout48", the 35 clauses of Mozilla's websites
#: privacy notice (tests/data/fresh54), measured first at 0.800/0.714 and 0.929/0.684 (rules of
#: main a7a16af). "holdout49", 60 clauses of Allrecipes' privacy policy (tests/data/fresh55),
#: "holdout50", the 54 clauses of Mailjet's privacy policy (tests/data/fresh56), "holdout51", 60
#: clauses of Starbucks' privacy policy (tests/data/fresh57), and "holdout52", 60 clauses of
#: XING's terms (tests/data/fresh58), measured first at 0.851/0.800, 0.781/0.714, 0.800/0.909 and
#: 0.400/0.429 (rules of f478fe7). "holdout53", 60 clauses of Donkey Republic's privacy policy
#: (tests/data/fresh59), "holdout54", 60 clauses of Apple's iCloud terms (tests/data/fresh60),
#: "holdout55", 60 clauses of Substack's privacy policy (tests/data/fresh61), and "holdout56", 60
#: clauses of The New York Times' privacy policy (tests/data/fresh62), measured first at
#: 0.900/0.672, 0.610/0.735, 0.743/0.765 and 0.686/0.686 (rules of f874c00). "holdout59", 60
#: clauses of Proctorio's terms of service (tests/data/fresh65), measured first at 0.929/0.743
#: (rules of 7c149d8). "holdout61", 60 clauses of
#: Crunchbase's terms of service (tests/data/fresh66), "holdout62", the 53 clauses of PubMatic's
#: publisher agreement (tests/data/fresh67), and "holdout63", 60 clauses of Taboola's privacy
#: policy (tests/data/fresh68), measured first at 0.759/0.759, 0.667/0.833 and 0.765/0.722
#: (rules of 7bc1c55). "holdout64", the 41 clauses of Amazon Music's terms of use
#: (tests/data/fresh69), measured first at 0.727/0.800 (rules of 8cbba25). From companies' own
#: policy repositories: "holdout57", 60 clauses of GitHub's privacy statement of 2020
#: (tests/data/fresh70), "holdout58", 60 clauses of GitHub's terms of 2020 (fresh71),
#: "holdout60", the 55 clauses of Basecamp's privacy policy of 2020 (fresh72), "holdout65", 60
#: clauses of Automattic's privacy policy (fresh73), "holdout66", the 49 clauses of WordPress.com's
#: terms (fresh74), and "holdout67", the 45 clauses of Basecamp's terms of 2020 (fresh75),
#: measured first at 0.769/0.690, 0.737/0.667, 0.760/0.731, 0.639/0.742, 0.786/0.733 and
#: 0.950/0.792 (rules of fda35a1, the extraction of 4747982). "holdout68", the 52 clauses of
#: Mozilla's Firefox privacy notice of 2019 (fresh76), "holdout69", 60 clauses of GitHub's
#: corporate terms of 2020 (fresh77), "holdout70", the 32 clauses of GitHub's global privacy
#: practices of 2020 (fresh78), and "holdout71", the 54 clauses of GitHub's subprocessors and
#: cookies page of 2020 (fresh79), measured first at 0.833/0.357, 0.545/0.571, 0.708/0.810 and
#: 0.868/0.412 (rules of 69b1898). "holdout72", the 15 clauses of Mozilla VPN's privacy notice of
#: 2021 (fresh80), "holdout73", the 32 of Mozilla's terms for Firefox cloud services of 2019
#: (fresh81), "holdout74", the 9 of its privacy notice for them of 2016 (fresh82), and
#: "holdout75", the 38 of Automattic's notice for visitors to its users' sites (fresh83),
#: measured first at 0.750/0.333, 0.667/0.571, 1.000/0.667 and 0.750/0.750 (rules of a5ef550).
#: "holdout76", the 30 clauses of Mozilla VPN's terms of 2021 (fresh84), "holdout77", 60 clauses
#: of Automattic's cookie policy (fresh85), "holdout78", the 24 of its terms for publishers
#: showing its ads (fresh86), and "holdout79", the 17 of Basecamp's use restrictions of 2021
#: (fresh87), measured first at 0.769/0.769, 0.897/0.538, 0.750/0.818 and 0.000/0.000 (rules
#: of 82a6482; holdout79 has two labels, both missed, and one topic found that is not labelled:
#: its floor of nothing keeps it in the pooled figures, where it counts).
#: "holdout80", 60 clauses of GitHub's Marketplace developer agreement of 2024 (fresh88),
#: "holdout81", the 34 of Automattic's legal guidelines (fresh89), "holdout82", 60 of GitHub
#: Sponsors' additional terms (fresh90), and "holdout83", 60 of GitHub's guidelines for legal
#: requests of user data (fresh91), measured first at 0.684/0.650, 0.889/0.842, 0.571/0.500 and
#: 0.650/0.722 (rules of a3690c1). "holdout84", the 40 clauses of GitHub's Community
#: Guidelines of 2021 (fresh92), "holdout85", the 46 of GitHub's terms for additional products
#: of 2021 (fresh93), "holdout86", the 10 of Basecamp's security overview (fresh94: no topic
#: labelled, so it can only show false topics) and "holdout87", the 18 of Automattic's DMCA
#: takedown notice page (fresh95), measured first at 0.375/0.600, 0.667/0.571, 1.000/1.000 and
#: 1.000/0.500 (rules of b5ed9ef). "holdout88", the 8 clauses of Mozilla's Common Voice
#: privacy notice of 2019 (fresh96), "holdout89", the 25 of Common Voice's legal terms of 2018
#: (fresh97), "holdout90", the 28 of Mozilla Hubs' privacy notice of 2019 (fresh98) and
#: "holdout91", 60 of GitHub's Data Protection Agreement (fresh99), measured first at
#: 1.000/0.600, 1.000/0.500, 0.500/0.455 and 0.289/0.478 (rules of ba42b98). "holdout92", the
#: 15 clauses of Basecamp's cancellation policy of 2022 (fresh100), "holdout93", the 28 of its
#: page on privacy regulations of 2022 (fresh101), "holdout94", the 12 of Mozilla's privacy
#: notice for Firefox for Fire TV of 2018 (fresh102) and "holdout95", the 47 of the Crowdsignal
#: terms (fresh103), measured first at 0.714/0.385, 0.708/0.895, 1.000/0.333 and 0.923/0.800
#: (rules of 02357b8). "holdout96", the 9 clauses of Basecamp's refund policy (fresh104),
#: "holdout97", the 8 of its "Until the End of the Internet" page (fresh105), "holdout98", the
#: 16 of its copyright policy (fresh106) and "holdout99", 20 of Mozilla's Firefox Private
#: Network terms (fresh107), measured first at 0.000/1.000 (no label, two topics found),
#: 0.500/1.000, 0.000/1.000 (no label, one found) and 0.833/0.556 (rules of 157b388); the two
#: samples without a label are held by NO_LABEL_FALSE_TOPICS below, their floors here cannot fail.
#: "holdout100", the 29 clauses of GitHub's CCPA notice (fresh108), "holdout101", the 37 of its
#: Registered Developer Agreement (fresh109), "holdout102", the 29 of its Marketplace terms
#: (fresh110) and "holdout103", the 43 of its Acceptable Use Policies (fresh111), measured first
#: at 0.893/0.658, 0.467/0.500, 0.778/0.467 and 0.500/0.500 (rules of 157b388). "holdout104",
#: 60 clauses of GitHub's Enterprise Subscription Agreement (fresh112), "holdout105", the 37 of
#: its Private Information Removal Policy (fresh113), "holdout106", the 46 of its DMCA Takedown
#: Policy (fresh114) and "holdout107", the 35 of "GitHub and Trade Controls" (fresh115),
#: measured first at 0.467/0.583, 1.000/1.000, 0.125/0.167 and 0.083/0.100 (rules of d6cb887).
#: "holdout108", 60 clauses of GitHub's Enterprise Server License Agreement (fresh116),
#: "holdout109", the 5 of its Username Policy (fresh117), "holdout110", the 41 of Mozilla's
#: Thunderbird privacy notice (fresh118) and "holdout111", 60 of GitHub's older Data Protection
#: Addendum (fresh119), measured first at 0.500/0.647, 1.000/1.000, 0.556/0.385 and 0.435/0.800
#: (rules of ddb9565).
#: "holdout112", the 20 clauses of Mozilla's MDN Plus terms (fresh120), "holdout113", the 19 of
#: its Firefox Relay terms (fresh121) and "holdout114", the 59 of its Mozilla Accounts privacy
#: notice (fresh122), measured first at 0.818/0.900, 0.889/0.615 and 0.808/0.724 (rules of
#: 8b34246).
#: "holdout115", the 35 clauses of Mozilla's Hubs terms (fresh123), "holdout117", the 19 of
#: GitHub's Enterprise Cloud Addendum (fresh125) and "holdout118", the 20 of Mozilla's page on
#: reporting infringement (fresh126), measured first at 0.667/0.615, 0.500/1.000 and
#: 0.143/0.500 (rules of 852bcd3).
#: "holdout116", the 22 clauses of Mozilla's Firefox Focus terms (fresh124), "holdout119", the
#: 21 of GitHub's amendment for U.S. federal government users (fresh127) and "holdout120", the
#: 50 of its Community Forum Code of Conduct (fresh128), measured first at 1.000/0.875,
#: 0.385/0.625 and 0.750/0.667 (rules of cf66a23).
#: ("fresh", "holdout4" to "holdout7", measured first at 0.733/0.550, 0.917/0.786, 0.800/0.615,
#: 0.700/0.761 and 0.833/0.660, have been tuned on since: they count with the other tuned-on
#: samples now.)
HELD_OUT = {
    "holdout8": (0.8, 0.5),
    "holdout9": (0.8, 0.6),
    "holdout10": (0.7, 0.5),
    "holdout11": (0.55, 0.65),
    "holdout12": (0.6, 0.5),
    "holdout13": (0.75, 0.6),
    "holdout14": (0.75, 0.65),
    "holdout15": (0.7, 0.6),
    "holdout16": (0.6, 0.6),
    "holdout17": (0.8, 0.7),
    "holdout18": (0.75, 0.6),
    "holdout19": (0.65, 0.35),
    "holdout20": (0.75, 0.5),
    "holdout21": (0.7, 0.5),
    "holdout22": (0.7, 0.8),
    "holdout23": (0.75, 0.7),
    "holdout24": (0.95, 0.55),
    "holdout25": (0.75, 0.8),
    "holdout26": (0.65, 0.55),
    "holdout27": (0.85, 0.95),
    "holdout28": (0.7, 0.8),
    "holdout29": (0.75, 0.6),
    "holdout30": (0.6, 0.8),
    "holdout31": (0.85, 0.75),
    "holdout32": (0.6, 0.75),
    "holdout33": (0.5, 0.75),
    "holdout34": (0.75, 0.65),
    "holdout35": (0.85, 0.75),
    "holdout36": (0.7, 0.5),
    "holdout37": (0.7, 0.7),
    "holdout38": (0.7, 0.75),
    "holdout39": (0.65, 0.5),
    "holdout40": (0.55, 0.7),
    "holdout41": (0.7, 0.7),
    "holdout42": (0.45, 0.6),
    "holdout43": (0.75, 0.55),
    "holdout44": (0.65, 0.75),
    "holdout45": (0.8, 0.8),
    "holdout46": (0.35, 0.55),
    "holdout47": (0.8, 0.7),
    "holdout48": (0.9, 0.65),
    "holdout49": (0.85, 0.8),
    "holdout50": (0.75, 0.7),
    "holdout51": (0.8, 0.9),
    "holdout52": (0.4, 0.4),
    "holdout53": (0.9, 0.65),
    "holdout54": (0.6, 0.7),
    "holdout55": (0.7, 0.75),
    "holdout56": (0.65, 0.65),
    "holdout59": (0.9, 0.7),
    "holdout61": (0.75, 0.75),
    "holdout62": (0.65, 0.8),
    "holdout63": (0.75, 0.7),
    "holdout64": (0.7, 0.8),
    "holdout57": (0.75, 0.65),
    "holdout58": (0.7, 0.65),
    "holdout60": (0.75, 0.7),
    "holdout65": (0.6, 0.7),
    "holdout66": (0.75, 0.7),
    "holdout67": (0.95, 0.75),
    "holdout68": (0.8, 0.35),
    "holdout69": (0.5, 0.55),
    "holdout70": (0.7, 0.8),
    "holdout71": (0.85, 0.4),
    "holdout72": (0.75, 0.3),
    "holdout73": (0.65, 0.55),
    "holdout74": (0.95, 0.65),
    "holdout75": (0.75, 0.75),
    "holdout76": (0.75, 0.75),
    "holdout77": (0.85, 0.5),
    "holdout78": (0.75, 0.8),
    "holdout79": (0.0, 0.0),
    "holdout80": (0.65, 0.65),
    "holdout81": (0.85, 0.8),
    "holdout82": (0.55, 0.5),
    "holdout83": (0.65, 0.7),
    "holdout84": (0.35, 0.6),
    "holdout85": (0.65, 0.55),
    "holdout86": (1.0, 1.0),
    "holdout87": (1.0, 0.5),
    "holdout88": (1.0, 0.6),
    "holdout89": (1.0, 0.5),
    "holdout90": (0.5, 0.45),
    "holdout91": (0.25, 0.45),
    "holdout92": (0.7, 0.35),
    "holdout93": (0.7, 0.85),
    "holdout94": (1.0, 0.3),
    "holdout95": (0.9, 0.8),
    "holdout96": (0.0, 1.0),
    "holdout97": (0.5, 1.0),
    "holdout98": (0.0, 1.0),
    "holdout99": (0.8, 0.55),
    "holdout100": (0.85, 0.65),
    "holdout101": (0.45, 0.5),
    "holdout102": (0.75, 0.45),
    "holdout103": (0.5, 0.5),
    "holdout104": (0.45, 0.55),
    "holdout105": (1.0, 1.0),
    "holdout106": (0.1, 0.15),
    "holdout107": (0.05, 0.1),
    "holdout108": (0.5, 0.6),
    "holdout109": (1.0, 1.0),
    "holdout110": (0.55, 0.35),
    "holdout111": (0.4, 0.8),
    "holdout112": (0.8, 0.9),
    "holdout113": (0.85, 0.6),
    "holdout114": (0.8, 0.7),
    "holdout115": (0.65, 0.6),
    "holdout117": (0.5, 1.0),
    "holdout118": (0.1, 0.5),
    "holdout116": (1.0, 0.85),
    "holdout119": (0.35, 0.6),
    "holdout120": (0.75, 0.65),
}
#: Held-out samples whose clauses carry no topic label, and the most topics the rules may find
#: on them (their count at the first measurement): precision over no label is 0 or 1, recall 1.
NO_LABEL_FALSE_TOPICS = {"holdout86": 0, "holdout96": 2, "holdout98": 1}
#: Samples labelled blind and not measured yet: left out of the target until the first
#: ``make eval-classify`` gives them a floor in HELD_OUT (none now).
UNMEASURED: set[str] = set()
#: Samples labelled blind that bench.eval_classify does not list yet (the lead lists them in its
#: TOPIC_SAMPLES and HELD_OUT_TOPIC_SAMPLES, and here in UNMEASURED, when measuring them first):
#: their texts are checked verbatim above and they are left out of the target.
NOT_YET_LISTED: set[str] = set()


def test_the_evaluation_lists_no_held_out_miss_unless_asked() -> None:
    """``make eval-classify --misses`` leaves out the misses of the held-out samples and of
    those not measured yet (see bench.eval_classify): the same samples as here."""
    assert set(HELD_OUT) | UNMEASURED == HELD_OUT_TOPIC_SAMPLES


def test_topic_precision_and_recall_reach_the_target(rules: RuleSet) -> None:
    tuned = [
        c for c in GOLD if c.sample not in HELD_OUT and c.sample not in UNMEASURED | NOT_YET_LISTED
    ]
    overall = score_topics(tuned, rules).overall
    assert overall.precision >= TARGET, f"precision {overall.precision:.3f}"
    assert overall.recall >= TARGET, f"recall {overall.recall:.3f}"


@pytest.mark.parametrize("sample", list(HELD_OUT))
def test_topics_on_the_held_out_samples_do_not_regress(rules: RuleSet, sample: str) -> None:
    """Below the target (holdout6: recall 0.761 when first measured): a floor, not a goal to
    tune to."""
    precision, recall = HELD_OUT[sample]
    held_out = score_topics([c for c in GOLD if c.sample == sample], rules).overall
    assert held_out.precision >= precision, f"precision {held_out.precision:.3f}"
    assert held_out.recall >= recall, f"recall {held_out.recall:.3f}"


@pytest.mark.parametrize("sample", list(NO_LABEL_FALSE_TOPICS))
def test_held_out_samples_without_labels_gain_no_false_topics(rules: RuleSet, sample: str) -> None:
    clauses = [c for c in GOLD if c.sample == sample]
    assert clauses and not any(c.topics for c in clauses), sample
    found = score_topics(clauses, rules).overall.false_positives
    assert found <= NO_LABEL_FALSE_TOPICS[sample], f"{found} topics found on {sample}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whole words: "resell" is not "sell", "bank" is not "ban", "minor changes" are not minors
        ("You will not transfer, distribute, resell, lease, license, or assign the Services.", ()),
        ("We’ve made other minor formatting and wording changes.", ()),
        # typographic quotes and Markdown emphasis do not hide a pattern
        ("We **don’t sell** your personal data to third parties.", ("third_party_sharing",)),
        (
            "_To comply with the law_. We may disclose information if required by law.",
            ("law_enforcement",),
        ),
        # link targets are not text: a URL saying "delete-your-account" is not a topic
        ("Instructions are [here](https://help.example.com/how-to-delete-your-account).", ()),
        ("", ()),
    ],
)
def test_matching_cases(rules: RuleSet, text: str, expected: tuple[str, ...]) -> None:
    assert topics_of(text, rules) == expected


@pytest.mark.parametrize(
    ("topic", "text", "about"),
    [
        # processors named by what they process, and "utilize" as a verb of using one
        ("subprocessors", "We use third-party payment processors to collect card details.", True),
        ("subprocessors", "The Company may utilize third-party hosting providers.", True),
        ("subprocessors", "You authorize us or our payment processor to charge your card.", False),
        # consenting to a disclosure is about sharing; sharing "with us" and "the shared data"
        # are not sharing with anyone else
        ("third_party_sharing", "You may consent to the sharing of your profile.", True),
        ("third_party_sharing", "If you opt in to share your chats with us, we read them.", False),
        ("third_party_sharing", "We may use the shared data to improve the service.", False),
        # rights a person has, by their name; a statute's name is not one
        ("user_rights", "Learn about the privacy rights you may have in your state.", True),
        ("user_rights", "You can ask for the erasure of your personal data.", True),
        ("user_rights", "This notice is given under the California Privacy Rights Act.", False),
        # a change announced with notice, whatever is changed
        ("terms_changes", "If the changes affect your rights, we will notify you by email.", True),
        ("terms_changes", "If we detect a suspicious sign-in, we will notify you.", False),
        # who owns what a user makes
        ("content_license", "Your outputs remain yours.", True),
        ("content_license", "You keep ownership and control of your customer data.", True),
        ("content_license", "The choice is yours.", False),
        # output that is not advice: a reliance disclaimer; a rule against giving advice is not
        ("liability", "The Outputs do not constitute legal or medical advice.", True),
        ("liability", "You should not treat any answer as professional advice.", True),
        ("liability", "Do not use the Services to give tailored financial advice.", False),
        # access suspended or ended, by any verb of it, and ending as a consequence
        ("termination", "We may suspend or revoke your access at any time.", True),
        ("termination", "A breach may result in the termination of your subscription.", True),
        ("termination", "We may refuse to provide you with the services.", True),
        ("termination", "We may restrict your use of certain features during peak hours.", False),
        ("termination", "This licence survives the termination of this agreement.", False),
    ],
)
def test_general_phrasings_of_a_topic(rules: RuleSet, topic: str, text: str, about: bool) -> None:
    """Phrasings added for issue 13 from the misses of the tuned-on samples, written here in
    other words than the clauses they came from (a phrasing must be general, not one clause's)."""
    assert (topic in topics_of(text, rules)) == about, topics_of(text, rules)


@pytest.mark.parametrize(
    ("topic", "text", "about"),
    [
        # training: "model improvement", improving "our AI", fine-tuning the company's models
        ("ai_training", "You can choose whether your chats are used for model improvement.", True),
        ("ai_training", "Reviewers read some prompts to improve the quality of our AI.", True),
        ("ai_training", "Submitted content may be used to fine-tune our models.", True),
        ("ai_training", "Customers can fine-tune models on their own datasets.", False),
        ("ai_training", "This policy explains our approach to the EU AI Act.", False),
        # retention: a deletion with its delay, kept after deletion, deleted by the company
        ("retention", "Your information is erased 30 days after you close your account.", True),
        ("retention", "We may keep a copy of your messages after you delete them.", True),
        ("retention", "Chat history is saved until you clear it.", True),
        ("retention", "When your account is closed, we delete your personal information.", True),
        ("retention", "You have the right to request that we delete your personal data.", False),
        ("retention", "We may delete or disable content that infringes copyright.", False),
        ("retention", "The connector stays active until you disable the feature.", False),
        # sharing: made available to, passed on to
        ("third_party_sharing", "We may make your information available to our affiliates.", True),
        ("third_party_sharing", "We may pass your contact details on to business partners.", True),
        ("third_party_sharing", "The service is made available to you by our team.", False),
        # processors: hosting companies, third parties relied on, hosted by third parties
        ("subprocessors", "We work with cloud hosting companies to store backups.", True),
        ("subprocessors", "We rely on third parties to provide payment processing.", True),
        ("subprocessors", "Some models are hosted by third parties.", True),
        ("subprocessors", "We receive reports from security partners about fraud.", False),
        # children: an age bar as "or older", services for adults only
        ("children", "Users must be 18 or older.", True),
        ("children", "The Service is intended for adults only.", True),
        ("children", "The Service is intended for professionals.", False),
        # transfers: other countries, hosting in Europe, out of the EEA
        ("international_transfer", "Data may be processed in countries other than your own.", True),
        ("international_transfer", "Your data is hosted in the European Union.", True),
        ("international_transfer", "When we move data out of the EEA we use safeguards.", True),
        ("international_transfer", "Your data is hosted on secure servers.", False),
        # rights: updating one's data, limiting sensitive data, exercising rights, preferences
        ("user_rights", "You may update your account information at any time.", True),
        ("user_rights", "You can limit the use of your sensitive personal information.", True),
        ("user_rights", "We will not discriminate against you for exercising your rights.", True),
        ("user_rights", "You can change your privacy preferences in your account.", True),
        ("user_rights", "We may update the information on this page.", False),
        # law enforcement: a warrant, disclosure to comply with laws (plural)
        ("law_enforcement", "We may disclose information in response to a warrant.", True),
        ("law_enforcement", "We may share data where required by applicable laws.", True),
        ("law_enforcement", "You represent and warrant that you own your content.", False),
        # governing law: "governed by X law", "X law applies to", courts a dispute goes to
        ("governing_law", "This agreement is governed by French law.", True),
        ("governing_law", "English law applies to these terms.", True),
        ("governing_law", "Claims must be brought in the courts of Dublin.", True),
        ("governing_law", "Transfers are governed by Swiss Data Protection Laws.", False),
        # changes: posting changes, continuing after changes, notice of updates, new versions
        ("terms_changes", "We will post any changes on this page.", True),
        ("terms_changes", "If you keep using the app after updates take effect, you agree.", True),
        ("terms_changes", "We will let you know before material changes take effect.", True),
        ("terms_changes", "We will notify you by email about significant updates.", True),
        ("terms_changes", "The latest version of these terms is on our website.", True),
        ("terms_changes", "Amendments take effect 30 days after we publish them.", True),
        ("terms_changes", "By continuing, you agree to the updated Terms.", True),
        ("terms_changes", "We will let you know about changes to the Services you use.", False),
        (
            "terms_changes",
            "Use is governed by the then-current version of the API Agreement.",
            False,
        ),
        ("terms_changes", "You may publish such modifications under an open licence.", False),
        # licence: the verbs of a grant on users' content, who content belongs to
        ("content_license", "We may use, copy, and distribute the content you post.", True),
        ("content_license", "We may host, store and display your user content.", True),
        ("content_license", "Outputs belong to you.", True),
        ("content_license", "All feedback becomes our property.", True),
        ("content_license", "You may not use or distribute your output to mislead.", False),
        ("content_license", "Do not scrape content that doesn't belong to you.", False),
        # liability: not responsible for losses, "in no case ... liable", total responsibility
        ("liability", "We are not responsible for any loss of data.", True),
        ("liability", "In no case shall the company be liable for any damages.", True),
        ("liability", "Our total responsibility for any claim is limited to 100 dollars.", True),
        ("liability", "You are responsible for any loss of your password.", False),
        # termination: ending the agreement, service stopped for a user, access removed, bans
        ("termination", "Either party may end this agreement with 30 days' notice.", True),
        ("termination", "We may stop providing the services to you.", True),
        ("termination", "Violations may lead to account suspension.", True),
        ("termination", "We may remove your access to the services.", True),
        ("termination", "Accounts that violate these rules may be banned.", True),
        ("termination", "At the end of the trial your plan renews.", False),
        # tracking: analytics tools, tracking activity or browsing
        ("cookies_tracking", "We use analytics tools to understand how you use our website.", True),
        ("cookies_tracking", "Advertisers may track your browsing across websites.", True),
        ("cookies_tracking", "We track bugs reported by users.", False),
        # second pass: more everyday phrasings, each with its near miss
        ("ai_training", "We may use your chats to make our models better.", True),
        ("ai_training", "We never train on your business data.", True),
        ("ai_training", "Your data is used to develop new AI features.", True),
        ("ai_training", "We do not use your data to build our generative AI systems.", True),
        ("ai_training", "Our mission is to make AI safer for everyone.", False),
        ("retention", "Information is stored for the duration of your subscription.", True),
        ("retention", "Deleted files may persist in backups for a short time.", True),
        ("retention", "When we no longer need your data, we destroy it.", True),
        ("retention", "Developers no longer need to wait for approval.", False),
        (
            "third_party_sharing",
            "Personal information may be shared among our group companies.",
            True,
        ),
        (
            "third_party_sharing",
            "We give certain information to companies that market our products.",
            True,
        ),
        ("third_party_sharing", "We may license aggregated data to third parties.", True),
        ("third_party_sharing", "We give you access to features built by other companies.", False),
        ("subprocessors", "We use a cloud platform to host our services.", True),
        ("subprocessors", "We engage contractors to review flagged conversations.", True),
        ("subprocessors", "Our processors act only on our documented instructions.", True),
        ("subprocessors", "Partners who help us run the service may see your data.", True),
        ("subprocessors", "We use external companies to send emails.", True),
        ("subprocessors", "Follow the instructions in the app to reset your password.", False),
        ("children", "You must be of legal age to form a binding contract.", True),
        ("children", "You must be old enough to consent to data processing.", True),
        ("children", "You must be a registered business to use the API.", False),
        ("international_transfer", "Your information may be stored in the US.", True),
        ("international_transfer", "We store customer data in the region you choose.", True),
        ("international_transfer", "Our servers are located in Singapore.", True),
        ("international_transfer", "Our servers are protected by encryption.", False),
        ("user_rights", "You can export your chats at any time.", True),
        ("user_rights", "You can export reports for your team.", False),
        ("law_enforcement", "We may disclose data when compelled by law.", True),
        ("law_enforcement", "We are compelled by our values to protect privacy.", False),
        ("governing_law", "You submit to the exclusive jurisdiction of the courts of Paris.", True),
        (
            "governing_law",
            "The Convention on the International Sale of Goods does not apply.",
            True,
        ),
        ("governing_law", "You submit to our review of your content.", False),
        ("terms_changes", "If you do not agree to the changes, stop using the service.", True),
        ("terms_changes", "We will give you 30 days' notice of changes that affect you.", True),
        ("terms_changes", "If you do not agree with the decision, you may appeal.", False),
        ("terms_changes", "Price changes shall be effective immediately.", False),
        ("content_license", "Your content remains your property.", True),
        ("content_license", "The equipment remains our responsibility.", False),
        ("liability", "We won't be liable for losses outside our control.", True),
        ("liability", "We are not responsible for the accuracy of outputs.", True),
        ("liability", "Some places do not allow the exclusion of certain damages.", True),
        ("liability", "You are responsible for the accuracy of your inputs.", False),
        ("termination", "Your subscription can be cancelled at any time.", True),
        ("termination", "Your order can be tracked at any time.", False),
        # third pass
        (
            "retention",
            "Customer Data will be returned or deleted at the end of the Agreement.",
            True,
        ),
        ("retention", "We may archive your data.", True),
        ("retention", "Logs are automatically cleared every 30 days.", True),
        ("retention", "We maintain records of your transactions for seven years.", True),
        ("retention", "Your account data is kept while your account is open.", True),
        ("retention", "We maintain our systems for seven days a week.", False),
        ("third_party_sharing", "Advertising partners receive information about your use.", True),
        ("third_party_sharing", "We do not exchange your data with other organisations.", True),
        ("third_party_sharing", "Partners receive a commission on sales.", False),
        ("subprocessors", "Personal data is processed by our processors in the EU.", True),
        ("children", "This service is only for users aged 18 and over.", True),
        ("children", "Open to teams of 18 people and over.", False),
        (
            "international_transfer",
            "We transfer data internationally under approved safeguards.",
            True,
        ),
        ("international_transfer", "We may process your data anywhere in the world.", True),
        ("international_transfer", "Our users come from around the world.", False),
        ("user_rights", "You have the right to receive your data in a portable format.", True),
        ("user_rights", "You can lodge a complaint with your data protection authority.", True),
        ("user_rights", "You can lodge a complaint with our support team.", False),
        ("law_enforcement", "We may provide information to regulators.", True),
        ("law_enforcement", "We disclose information to authorities to prevent fraud.", True),
        (
            "law_enforcement",
            "We may share data where needed to comply with a legal obligation.",
            True,
        ),
        ("law_enforcement", "We provide training to our staff.", False),
        ("governing_law", "These terms are construed in accordance with Delaware law.", True),
        ("governing_law", "The place of jurisdiction is Munich.", True),
        ("governing_law", "The place of delivery is your address.", False),
        ("content_license", "You are the owner of your content.", True),
        ("content_license", "We may use your content for any purpose.", True),
        ("content_license", "We have the right to use anything you post.", True),
        ("content_license", "You are the owner of the account.", False),
        ("liability", "The Company accepts no responsibility for third-party services.", True),
        ("liability", "You take responsibility for your account.", False),
        ("termination", "We can end your access at any time.", True),
        ("termination", "We may revoke your license to use the service.", True),
        ("termination", "You may need a license to use some fonts.", False),
        ("cookies_tracking", "We use session replay tools.", True),
        ("cookies_tracking", "Partners may use identifiers to show you relevant ads.", True),
        ("cookies_tracking", "We do not respond to browser do-not-track signals.", True),
        ("cookies_tracking", "We show you relevant search results.", False),
    ],
)
def test_plain_phrasings_of_each_topic(rules: RuleSet, topic: str, text: str, about: bool) -> None:
    """Issue 13, third round: everyday phrasings of each topic's definition, written from the
    definitions (not from a clause of any sample: none of them changes the topics of a clause
    of the tuned-on samples), each with a near miss it must not take. The near misses quoted
    from a real clause in other words: 'request that we delete' (a right, not retention),
    'delete or disable content' (moderation), 'until you disable the feature', 'then-current
    version', 'publish such modifications', 'Swiss Data Protection Laws', 'security partners',
    'content that doesn't belong to you', 'no longer need to wait', 'make AI safer for everyone',
    'changes shall be effective immediately' (of prices)."""
    assert (topic in topics_of(text, rules)) == about, topics_of(text, rules)


@pytest.mark.parametrize(
    ("topic", "text", "about"),
    [
        # rights in what users give the company, assigned to it outright; compensation waived
        ("content_license", "You assign to Acme all rights in any ideas you send us.", True),
        ("content_license", "You hereby assign to us your entire right and title in it.", True),
        ("content_license", "We may use your ideas without payment or compensation to you.", True),
        ("content_license", "Acme owns all rights, title and interest in the Platform.", False),
        ("content_license", "You may not assign these Terms without our consent.", False),
        # obligations performed through others on the company's behalf
        ("subprocessors", "We may fulfil our services through our affiliates and agents.", True),
        ("subprocessors", "We fulfil our obligations under these terms promptly.", False),
        # a consumer's withdrawal from the contract ends it
        ("termination", "You can withdraw from this contract within 14 days.", True),
        ("termination", "Consumers in the EU have a right of withdrawal.", True),
        ("termination", "You can withdraw your consent at any time.", False),
        # policies that evolve
        ("terms_changes", "These guidelines may change as our products grow.", True),
        ("terms_changes", "Our policies will evolve as the law does.", True),
        ("terms_changes", "Prices may change from time to time.", False),
        # reports to the clearinghouse US law names for child abuse material
        ("law_enforcement", "Apparent abuse imagery is reported to NCMEC.", True),
        # disclosure the company keeps the right to; disclosure in answer to a request is law's
        ("third_party_sharing", "We reserve the right to share your data with partners.", True),
        (
            "third_party_sharing",
            "We may disclose information in response to a request if we believe the applicable"
            " rules of the country where you live require it of us.",
            False,
        ),
        # a processor's return of the customer's data at the end
        ("retention", "On request, the processor will return all customer data it holds.", True),
        ("retention", "Return the data form to our office.", False),
    ],
)
def test_phrasings_of_a_fourth_round(rules: RuleSet, topic: str, text: str, about: bool) -> None:
    """Issue 13, fourth round: phrasings of the misses of holdout4 and holdout5 (both measured
    before, tuned on now), written here in other words, each with a near miss."""
    assert (topic in topics_of(text, rules)) == about, topics_of(text, rules)


#: The clauses of the samples not measured yet are left out: no rule runs on them before the
#: lead's first measurement.
_TEXTS = st.sampled_from([c.text for c in GOLD if c.sample not in UNMEASURED | NOT_YET_LISTED])


@given(_TEXTS)
def test_topics_come_in_rule_file_order_without_repeats(text: str) -> None:
    found = topics_of(text, RULES)
    order = [t.id for t in RULES.topics]
    assert list(found) == sorted(set(found), key=order.index)


@given(_TEXTS, st.sampled_from(["  ", "\n", " \t "]))
def test_topics_do_not_depend_on_whitespace_or_quote_style(text: str, space: str) -> None:
    respaced = space.join(text.split(" "))
    straight = text.replace("’", "'").replace("“", '"').replace("”", '"')
    assert topics_of(respaced, RULES) == topics_of(text, RULES)
    assert topics_of(straight, RULES) == topics_of(text, RULES)


def test_one_pair_of_word_boundaries_matches_what_each_pattern_matches(corpus_dir: Path) -> None:
    """compile_words puts the word boundaries once around the alternation (for speed): over
    the clauses of real versions, every topic and term matches exactly where one of its
    patterns, bounded alone, matches."""
    patterns = {f"topic {t.id}": t.patterns for t in RULES.topics} | {
        f"term {t.name}": t.patterns for t in RULES.terms
    }
    alone = {
        name: [re.compile(f"(?<!\\w)(?:{p})(?!\\w)", re.IGNORECASE) for p in group]
        for name, group in patterns.items()
    }
    combined = {name: compile_words(group) for name, group in patterns.items()}
    files = sorted((corpus_dir / "versions").rglob("*.md"))[::7]
    texts = [
        match_form(c.text)
        for f in files
        for c in extract_bytes(f.read_bytes(), name=f.name).clauses
    ]
    assert len(texts) > 500
    for name in patterns:
        expected = [any(r.search(t) for r in alone[name]) for t in texts]
        assert [combined[name].search(t) is not None for t in texts] == expected, name


def test_remembered_topics_are_the_finders_and_the_memo_stays_bounded(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """topics_of remembers each text's topics per rule set (a clause text comes back in every
    version that keeps it): the same answers as working them out afresh, also once the memo
    has overflowed and forgotten them."""
    from tracker.classify import topics as topics_module

    texts = [
        clause.text
        for path in sorted((corpus_dir / "versions").rglob("*.md"))[:6]
        for clause in extract_markdown(path.read_text(encoding="utf-8")).clauses
    ]
    assert len(set(texts)) > 100
    fresh = topics_module.TopicFinder(RULES.topics)
    expected = [fresh.topics(form) if (form := match_form(t)) else () for t in texts]
    rules = load_rules(ROOT / "data" / "rules.toml")
    assert [topics_of(t, rules) for t in texts] == expected
    assert [topics_of(t, rules) for t in texts] == expected  # remembered
    monkeypatch.setattr(topics_module, "MEMO_CHARACTERS", 2_000)
    small = load_rules(ROOT / "data" / "rules.toml")
    assert [topics_of(t, small) for t in texts * 2] == expected * 2
    memo = small.memo[topics_module.TopicMemo]
    assert isinstance(memo, topics_module.TopicMemo)
    assert sum(map(len, memo._known)) <= max(2_000, max(map(len, texts)))


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # how long an agreement lasts, or what survives its end, is not termination
        (
            "These Terms start on the Effective Date and continue until terminated.",
            "termination",
            False,
        ),
        (
            "Sections that by their nature should survive termination or expiration will survive.",
            "termination",
            False,
        ),
        ("Either party may terminate this Agreement on 30 days' notice.", "termination", True),
        # a developer's SDK tracks nothing; third-party SDKs in an app do
        ("The Apps SDK and related developer tools are provided as is.", "cookies_tracking", False),
        (
            "Our app includes third-party SDKs that collect device identifiers.",
            "cookies_tracking",
            True,
        ),
        (
            "We track your interactions with the ads we display on other platforms.",
            "cookies_tracking",
            True,
        ),
        (
            "Neither party shall be liable for any delay caused by events beyond its control.",
            "liability",
            True,
        ),
        (
            "A banner will prompt you to accept or disallow cookies that are not necessary.",
            "user_rights",
            True,
        ),
        (
            "You can change your cookie preferences at any time in your browser.",
            "user_rights",
            True,
        ),
    ],
)
def test_topic_phrasings_met_on_a_held_out_sample(text: str, topic: str, about: bool) -> None:
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # the US state laws' "sales, sharing, or targeted advertising", and questions and lists
        # of what is done with data that name disclosure
        (
            "You may opt out of sales, sharing, or targeted advertising.",
            "third_party_sharing",
            True,
        ),
        ("Our sales and marketing teams answer questions.", "third_party_sharing", False),
        ("With whom do we share your personal data?", "third_party_sharing", True),
        ("With whom can I speak about my order?", "third_party_sharing", False),
        (
            "This notice explains how we collect, use and disclose information about you.",
            "third_party_sharing",
            True,
        ),
        ("This notice explains how we collect and use information.", "third_party_sharing", False),
        # providing the service to comply with the law is no disclosure to authorities
        (
            "We keep data as long as needed to provide our services to you and to comply with "
            "our legal obligations.",
            "law_enforcement",
            False,
        ),
        (
            "We may provide your information to comply with our legal obligations.",
            "law_enforcement",
            True,
        ),
        # a licence the company grants to the user to use its service is no licence to content
        (
            "We grant you a limited, non-exclusive, non-sublicensable license to use the Service.",
            "content_license",
            False,
        ),
        (
            "You grant us a worldwide, sublicensable license to use your content.",
            "content_license",
            True,
        ),
        # ... a licence to use the service's data or content is one
        (
            "Customer grants Provider a non-exclusive license to use the Service Data to "
            "improve the Services.",
            "content_license",
            True,
        ),
        (
            "You keep all rights in, and remain responsible for, the content you upload.",
            "content_license",
            True,
        ),
        (
            "We may use, store, reproduce, modify and distribute any of your content.",
            "content_license",
            True,
        ),
        ("Claims that are not arbitrable go to the courts of Dublin.", "arbitration", True),
        # what survives termination is not termination; the end of a right to use the service
        # and a notice of termination are
        (
            "Upon termination, sections 4 and 9 will continue to be operative.",
            "termination",
            False,
        ),
        ("Upon termination, you must stop using the Service.", "termination", True),
        # ... but what the company or the user does upon termination is, whatever survives it
        (
            "Upon termination, we may delete all of your content, and Sections 4 and 7 will "
            "survive.",
            "termination",
            True,
        ),
        (
            "Upon termination of these Terms, any provisions which by their nature should "
            "survive will survive.",
            "termination",
            False,
        ),
        (
            "If you breach these terms, your right to use the Service will terminate immediately.",
            "termination",
            True,
        ),
        ("We will provide notice of termination where appropriate.", "termination", True),
        ("We may refuse service to anyone.", "termination", True),
        # returning or destroying the company's IP is not keeping data; a processor's data is
        (
            "You must return or destroy any copies of our intellectual property.",
            "retention",
            False,
        ),
        ("Customer Data will be returned or deleted at the end of the term.", "retention", True),
        # content unsuitable for children describes content; minors' data is about children
        (
            "You may see content that is offensive or inappropriate for children.",
            "children",
            False,
        ),
        ("We do not knowingly collect data from children.", "children", True),
        # ... but a service "not appropriate for children" sets an age limit
        ("Our Services are not appropriate for children.", "children", True),
        # an appeal of a denied request, and laws that give people rights over their data
        (
            "If we decline your request, you can appeal our decision by email.",
            "user_rights",
            True,
        ),
        ("You can appeal our decision to remove your post.", "user_rights", False),
        (
            "Several state privacy laws give their residents rights over their data.",
            "user_rights",
            True,
        ),
    ],
)
def test_phrasings_of_a_sixth_round(text: str, topic: str, about: bool) -> None:
    """Written from holdout7's misses (tuned on from then), each with a near miss."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # consent revoked as it is withdrawn; a licence revoked is no consent
        ("You can revoke your consent at any time in the app.", "user_rights", True),
        ("We may revoke your licence if you breach these Terms.", "user_rights", False),
        # privacy settings by other names
        (
            "Learn more about these privacy-related settings in our Help Center.",
            "user_rights",
            True,
        ),
        ("Adjust recommendations in your Privacy and Data Settings.", "user_rights", True),
        ("Adjust recommendations in your Privacy & Data Settings.", "user_rights", True),
        ("Adjust the volume in your Sound Settings.", "user_rights", False),
        # rights listed after a lead-in, not a licence to use the software
        ("As a data subject you have the following rights:", "user_rights", True),
        (
            "Subject to these Terms, you have the following rights to use the Software:",
            "user_rights",
            False,
        ),
        # choices and control over people's data, not over a plan or an account's look
        ("We enable you to make numerous choices about your data:", "user_rights", True),
        (
            "If you wish to exercise control over your information, write to us.",
            "user_rights",
            True,
        ),
        (
            "You can choose whether to display your current activity in your profile.",
            "user_rights",
            True,
        ),
        ("You can choose which plan to buy and when to pay for it.", "user_rights", False),
        ("You may opt out of receiving such messages at any time.", "user_rights", True),
        (
            "Provide access to and a copy of certain information we hold about you.",
            "user_rights",
            True,
        ),
        # ads chosen for the person, not ads shown at all
        ("We show you content and ads that are relevant to you.", "cookies_tracking", True),
        (
            "We use information to show you ads that businesses pay us to promote.",
            "cookies_tracking",
            True,
        ),
        ("We surface sponsored content that may be of interest to you.", "cookies_tracking", True),
        ("The free plan shows ads between videos.", "cookies_tracking", False),
        # devices linked to an account, and activity off the site
        (
            "We may associate your account with browsers or devices you do not use to sign in.",
            "cookies_tracking",
            True,
        ),
        ("We may associate your account with a payment card.", "cookies_tracking", False),
        ("We show you things based on your onsite and offsite activity.", "cookies_tracking", True),
    ],
)
def test_phrasings_of_a_seventh_round(text: str, topic: str, about: bool) -> None:
    """Written from the misses of holdout8 to holdout13 (all measured before, so tuned on
    from then), each with a near miss."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


def test_examples_given_with_e_g_or_i_e_do_not_end_the_sentence_for_a_topic() -> None:
    """A pattern that stays within one sentence reads across "e.g." and "i.e."; a real
    sentence end still stops it."""
    shared = (
        "Vimeo may share your personal information (e.g., name, email address) with such "
        "organization."
    )
    assert "third_party_sharing" in topics_of(shared, RULES)
    assert "third_party_sharing" in topics_of(shared.replace("e.g.,", "i.e."), RULES)
    assert without_abbreviation_dots("We keep data. E.g. logs; i.e. these.") == (
        "We keep data. Eg logs; ie these."
    )
    assert without_abbreviation_dots("Eat.g. ie.") == "Eat.g. ie."


def test_a_company_names_legal_form_does_not_end_the_sentence_for_a_topic() -> None:
    """ "Inc.", "Ltd.", "Corp." (and "etc.") before a comma, an apostrophe or a lowercase word
    end no sentence, so a pattern that stays within one reads across them (issue 13); before a
    capital the dot may end the sentence and is kept."""
    limited = (
        "Nothing here shall exclude or limit Acme Corp.'s or its partners' liability for fraud."
    )
    assert "liability" in topics_of(limited, RULES)
    assert without_abbreviation_dots("Acme Inc.'s, Beta Ltd., Gamma Co. and logs, etc. too") == (
        "Acme Inc's, Beta Ltd, Gamma Co and logs, etc too"
    )
    assert without_abbreviation_dots("Run by Acme Inc. We keep logs. Etc. Incorporated.") == (
        "Run by Acme Inc. We keep logs. Etc. Incorporated."
    )


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # user_rights: requests named by the right, rights under privacy laws, "confirm"
        ("Email us to make a deletion or correction request.", "user_rights", True),
        ("We received 40 access requests from law enforcement last year.", "user_rights", False),
        (
            "Residents of some states have rights under local privacy laws.",
            "user_rights",
            True,
        ),
        ("You have rights under consumer protection laws.", "user_rights", False),
        ("You have the right to confirm whether we hold data about you.", "user_rights", True),
        ("You may opt out of the uses listed above in your settings.", "user_rights", True),
        # limiting who sees or how much is used, and choosing who can see
        ("You may choose to limit who can see your posts.", "user_rights", True),
        ("You can limit the visibility of your profile.", "user_rights", True),
        ("You may limit your use of the app to one device.", "user_rights", False),
        ("You decide to what extent we personalise your feed.", "user_rights", True),
        ("You have controls over which ads you see.", "user_rights", True),
        ("Admins have control over workspaces.", "user_rights", False),
        ("Choose whether to show your listening history to friends.", "user_rights", True),
        ("Choose whether to pay monthly or yearly.", "user_rights", False),
        # permissions and settings that allow or stop collection
        (
            "If you deny the app permission to access your contacts, we will not upload them.",
            "user_rights",
            True,
        ),
        ("You may revoke the permission to use your logo in our marketing.", "user_rights", False),
        (
            "Change the settings on your phone to oppose the collection of location data.",
            "user_rights",
            True,
        ),
        ("Change your settings to switch the language.", "user_rights", False),
        ("You can update or delete the information in your profile.", "user_rights", True),
        ("You can update the app from the store.", "user_rights", False),
        # retention asked as a question
        ("How long do we store your messages?", "retention", True),
        ("How long does a refund take?", "retention", False),
        # never storing prompts
        ("We will never store any of your prompts or outputs.", "zero_retention", True),
        ("We will never sell your prompts.", "zero_retention", False),
        # training in a list of verbs
        ("We may use it to train, test, and improve our AI models.", "ai_training", True),
        ("We train, test and certify our support staff.", "ai_training", False),
        # law enforcement: legal authorities as recipients, emergency disclosures
        (
            "We may share information with our partners and, when needed, legal authorities.",
            "law_enforcement",
            True,
        ),
        ("You must have the legal authority to bind your company.", "law_enforcement", False),
        (
            "We may disclose information if we believe it is necessary to prevent serious "
            "physical harm to a person.",
            "law_enforcement",
            True,
        ),
        ("Our filters help prevent serious harm to people.", "law_enforcement", False),
        # liability in other words
        ("We do not assume any liability for content posted by users.", "liability", True),
        ("The limitations and exclusions in this section apply in full.", "liability", True),
        (
            "Nothing in these Terms excludes or limits our liability for fraud.",
            "liability",
            True,
        ),
        ("You assume the role of administrator for your team.", "liability", False),
        ("Usage limitations are listed on the pricing page.", "liability", False),
        # feedback used without paying the user
        ("We may use your suggestions without compensating you.", "content_license", True),
        ("We will compensate you for the survey.", "content_license", False),
        # courts at home
        ("Consumers may bring disputes in their home courts.", "governing_law", True),
        ("Our home page lists the courts we sponsor.", "governing_law", False),
        # ads tailored or measured on the person
        ("We use your data to provide advertising of interest to you.", "cookies_tracking", True),
        ("We record your engagement with our ads on other sites.", "cookies_tracking", True),
        ("We collect identifiers associated with your devices.", "cookies_tracking", True),
        ("We measure engagement with our newsletter.", "cookies_tracking", False),
        # sharing: what advertisers learn, datasets licensed
        (
            "Advertisers may learn information about you when you click their ads.",
            "third_party_sharing",
            True,
        ),
        ("Our partners learn from each other at conferences.", "third_party_sharing", False),
        (
            "We may license anonymised datasets built from user content to researchers.",
            "third_party_sharing",
            True,
        ),
        ("We license our software under the MIT licence.", "third_party_sharing", False),
    ],
)
def test_phrasings_of_an_eighth_round(text: str, topic: str, about: bool) -> None:
    """Written from the misses of every sample but holdout15 and holdout17 (kept unread, to
    check the round on text it was not written from), each with a near miss; none of these
    sentences is taken from a labelled clause."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # rights named by what they are about, and the rights a section lists
        ("Residents may have certain rights regarding their personal data.", "user_rights", True),
        ("We reserve all rights regarding the software.", "user_rights", False),
        (
            "To exercise one or more of these rights, write to our privacy team.",
            "user_rights",
            True,
        ),
        ("We may need to verify a request for the rights listed above.", "user_rights", True),
        ("If you comply with these terms, you have the rights below.", "user_rights", False),
        ("Object to how we process your data for marketing.", "user_rights", True),
        (
            "You have the right not to be subject to solely automated decisions.",
            "user_rights",
            True,
        ),
        # the regulator people may turn to, not a company's officer
        (
            "You can also reach out to your local data protection authority.",
            "user_rights",
            True,
        ),
        ("You can contact our Data Protection Officer by email.", "user_rights", False),
        # controls over ads and personalisation, and choices said with "you" or of a setting
        ("Manage your ad preferences in your account.", "user_rights", True),
        ("Open your personalisation settings to turn this off.", "user_rights", True),
        ("We receive marketing preferences from our partner.", "user_rights", False),
        ("You can clear your search history at any time.", "user_rights", True),
        ("You can control how we use your location for recommendations.", "user_rights", True),
        (
            "We offer settings that control whether we personalise your feed.",
            "user_rights",
            True,
        ),
        ("You can choose which plan suits your team.", "user_rights", False),
    ],
)
def test_phrasings_of_a_ninth_round(text: str, topic: str, about: bool) -> None:
    """Written from the topic's definition and the clauses of the corpus's rights sections that
    had no user_rights (no labelled sample read), each with a near miss."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # third_party_sharing: what third-party apps, bots and their developers receive
        (
            "Once installed, our desktop app will have access to the files in your workspace.",
            "third_party_sharing",
            False,
        ),
        (
            "A third-party app you authorise will have access to your contacts and calendar.",
            "third_party_sharing",
            True,
        ),
        (
            "The assistant bot may receive your display name and avatar.",
            "third_party_sharing",
            True,
        ),
        ("Partner integrations must get your consent first.", "third_party_sharing", False),
        ("Our apps receive your location to show nearby stores.", "third_party_sharing", False),
        (
            "You can connect third-party tools to your account from the dashboard.",
            "third_party_sharing",
            True,
        ),
        ("You can connect a second monitor to your laptop.", "third_party_sharing", False),
        (
            "We forward your delivery address to the merchant who fulfils the order.",
            "third_party_sharing",
            True,
        ),
        ("Developers can send messages to their users.", "third_party_sharing", False),
        # third_party_sharing: not a legal disclosure counted in a transparency report, nor the
        # data centres a company rents space in
        (
            "Where data is shared, it is listed in our yearly transparency report.",
            "third_party_sharing",
            False,
        ),
        (
            "We do not share your personal data with the data centers we rent racks in.",
            "third_party_sharing",
            False,
        ),
        ("We do not share your personal data with advertisers.", "third_party_sharing", True),
        # subprocessors: a company relied on for a service performed with users' data
        (
            "We may rely on Acme Corp for automatic transcription of voice notes.",
            "subprocessors",
            True,
        ),
        (
            "Where we rely on consent as the legal basis for processing, you may withdraw it.",
            "subprocessors",
            False,
        ),
        ("You should not rely on the app for translation of legal texts.", "subprocessors", False),
        # retention: messages deleted by a timer, copies left on servers; not card details
        # that were never received
        ("Disappearing messages vanish a week after they are sent.", "retention", True),
        ("Set an auto-delete period for your history.", "retention", True),
        ("A copy may remain on our servers for a short while.", "retention", True),
        ("We do not store your full credit card number.", "retention", False),
        ("We do not store your payment method information.", "retention", False),
        ("We do not store your voice recordings.", "retention", True),
        ("Our servers remain available during maintenance.", "retention", False),
        # termination: an account that deletes itself after inactivity
        ("Account self-destruction applies after a year offline.", "termination", True),
        # user_rights: permissions asked of you, settings turned off, deleting your messages
        ("We ask your permission before reading your calendar.", "user_rights", True),
        ("Ask permission before you film other people.", "user_rights", False),
        ("To turn this feature off, open the app's menu.", "user_rights", True),
        ("Turn the oven off after use.", "user_rights", False),
        ("Open Settings > Privacy to hide your last seen time.", "user_rights", True),
        (
            "You can selectively choose which contacts are able to see your status.",
            "user_rights",
            True,
        ),
        ("You can choose which plan are able to fit your team.", "user_rights", False),
        ("The update lets users unsend messages within an hour.", "user_rights", True),
        ("The update lets users send stickers within an hour.", "user_rights", False),
        ("The update allows users to delete any messages they sent.", "user_rights", True),
        ("You can delete a message from your chat at any time.", "user_rights", True),
        ("You can delete a draft invoice before sending it.", "user_rights", False),
        ("We will erase this data within a day if you ask us to.", "user_rights", True),
        ("Messages can be set to self-destruct after they are read.", "user_rights", True),
        ("Self-destructing messages are stored for one day.", "user_rights", False),
    ],
)
def test_phrasings_of_a_tenth_round(text: str, topic: str, about: bool) -> None:
    """Written from the topics' definitions for the kinds of wording holdout19 missed (third-party
    bots and apps, providers relied on, settings and deleting one's messages), checked over the
    corpus; each with a near miss. None of these sentences is taken from a labelled clause."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # cookies_tracking: the advertising and analytics trade named by its parties and purposes
        ("Our advertising partners may place their own tags.", "cookies_tracking", True),
        ("Advertising revenue funds the free plan.", "cookies_tracking", False),
        ("We share usage statistics with analytics providers.", "cookies_tracking", True),
        ("Our analytics show that most people use the app daily.", "cookies_tracking", False),
        ("We may engage ad and measurement services for campaigns.", "cookies_tracking", True),
        ("Your health data is never used for advertising purposes.", "cookies_tracking", True),
        ("The purposes of processing are listed below.", "cookies_tracking", False),
        ("We use your browsing activity to personalise the ads you see.", "cookies_tracking", True),
        ("We use your feedback to personalise the app's theme.", "cookies_tracking", False),
        # subprocessors: analytics providers track (cookies_tracking); hosts still process
        ("We share usage statistics with analytics providers.", "subprocessors", False),
        ("We use cloud providers to host our data.", "subprocessors", True),
        # user_rights: an item of a rights list, named by its verb
        ("Delete personal data we hold about you;", "user_rights", True),
        ("Access the personal information we hold about you.", "user_rights", True),
        (
            "Be informed about third parties with whom your personal data was shared;",
            "user_rights",
            True,
        ),
        (
            "delete all copies of Customer Personal Data at the end of the term;",
            "user_rights",
            False,
        ),
        ("Access to the building requires a badge.", "user_rights", False),
        # user_rights: more items of a rights list, rights held over one's data, requests, the
        # lead-in of a rights list, complaints to a regulator, limiting cookies
        ("Restrict how we process your personal data.", "user_rights", True),
        ("Restrict access to the admin console to your staff.", "user_rights", False),
        (
            "You have the right to tell us what happens to your data after your death.",
            "user_rights",
            True,
        ),
        ("You have the right to post the photos you upload.", "user_rights", False),
        (
            "You may request a copy of the notice listing who received your personal data.",
            "user_rights",
            True,
        ),
        ("You may request a refund within 14 days.", "user_rights", False),
        ("Depending on where you live, you may have the right to:", "user_rights", True),
        ("You may lodge a complaint with the privacy agency of your state.", "user_rights", True),
        (
            "Send any complaint to our privacy team or our Data Protection Officer.",
            "user_rights",
            False,
        ),
        ("You may limit the use of cookies in your browser.", "user_rights", True),
        # third_party_sharing: a company naming itself, and "certain data"
        ("Acme discloses personal data among its affiliates.", "third_party_sharing", True),
        (
            "We disclose certain data, such as your IP address, to the hosts.",
            "third_party_sharing",
            True,
        ),
        ("Users may share personal information in public posts.", "third_party_sharing", False),
        ("We may disclose user data to report suspected crimes.", "third_party_sharing", False),
    ],
)
def test_phrasings_of_an_eleventh_round(text: str, topic: str, about: bool) -> None:
    """Written from the topics' definitions for the kinds of wording the samples miss most
    (advertising and analytics partners, list items of rights, disclosures as a noun), checked
    over the corpus, each with a near miss. None of these sentences is taken from a labelled
    clause, and holdout20's misses were not read."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # subprocessors: processors named as such, a processors' list entry by its service, work
        # done for us
        ("To run the app, we rely on several data processors.", "subprocessors", True),
        ("Acme Cloud | Cloud Infrastructure | Worldwide", "subprocessors", True),
        ("Our cloud infrastructure services include compute and storage.", "subprocessors", False),
        ("Our auditors process data only to provide their services to us.", "subprocessors", True),
        ("Our main providers are listed on our Trust Center.", "subprocessors", True),
        (
            "Scans are collected only by third-party providers for age checks.",
            "subprocessors",
            True,
        ),
        ("Disputes go to the arbitration provider named below.", "subprocessors", False),
        # international_transfer: where data is processed, named
        ("Data processing location: Singapore", "international_transfer", True),
        ("The data exporter is the Customer.", "international_transfer", True),
        ("The data processor is the Customer's vendor.", "international_transfer", False),
        (
            "We process all of your personal information in the United States.",
            "international_transfer",
            True,
        ),
        (
            "If you reside in the United Kingdom, you may contact the ICO.",
            "international_transfer",
            False,
        ),
        ("The processor handles personal data in a third country.", "international_transfer", True),
        # retention: how long, said otherwise
        ("Invoices: for 10 years from the close of the financial year.", "retention", True),
        (
            "If the breach continues for 30 days following notice, we may suspend.",
            "retention",
            False,
        ),
        (
            "We keep records of your purchases, and of refunds, for up to 12 months.",
            "retention",
            True,
        ),
        ("We may keep historical data in our backup files.", "retention", True),
        ("Transaction records will be kept for longer where the law requires.", "retention", True),
        ("Face scans are deleted after the check is completed.", "retention", True),
        ("We may keep improving the app for our users.", "retention", False),
        # user_rights: a rights list's items as the law names them
        ("Right of rectification: you have the right to have it corrected.", "user_rights", True),
        ("Right of access to your personal data", "user_rights", True),
        ("We grant you a limited right of access and use of the Services.", "user_rights", False),
    ],
)
def test_phrasings_of_a_twelfth_round(text: str, topic: str, about: bool) -> None:
    """Written from the topics' definitions (processors and their lists, processing locations,
    retention schedules, rights named as the law names them), checked over the corpus's
    unlabelled clauses, each with a near miss. None of these sentences is taken from a labelled
    clause, and the misses of holdout20 and holdout21 were not read."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # international_transfer: the transfer mechanisms by their other names, storage spread
        # over several countries, another country's laws protecting data less
        ("Exports rely on the model clauses of the Commission.", "international_transfer", True),
        ("Acme was certified under the EU-U.S. Privacy Shield.", "international_transfer", True),
        ("We follow the Swiss-U.S. Safe Harbor principles.", "international_transfer", True),
        ("The DMCA safe harbor shields hosts from liability.", "international_transfer", False),
        ("Backups are kept on servers across several countries.", "international_transfer", True),
        ("Our offices are located in several cities.", "international_transfer", False),
        (
            "The receiving country may not give your data the same level of protection.",
            "international_transfer",
            True,
        ),
        (
            "Some jurisdictions have different laws about implied warranties.",
            "international_transfer",
            False,
        ),
        # content_license: what users submit, taken without pay; content that still belongs
        # to its author
        ("We are under no obligation to pay you for any suggestions.", "content_license", True),
        ("We won't compensate you for the ideas you send us.", "content_license", True),
        ("You are entitled to compensation for outages under the SLA.", "content_license", False),
        ("When you share photos on the app, they still belong to you.", "content_license", True),
        (
            "If your employer bought the seat, it belongs to your employer.",
            "content_license",
            False,
        ),
        # written from the definitions alone (issue 13): periods of deletion or archiving in
        # words, accounts removed, outsourcing and suppliers, data among a sold business's
        # assets, partners receiving named details, copies of one's data, choosing who sees,
        # fingerprinting
        ("Old invoices are archived for seven years.", "retention", True),
        ("We erase dormant profiles after two years.", "retention", True),
        ("We may remove posts within 24 hours of a report.", "retention", False),
        ("We may remove your account if you break these rules.", "termination", True),
        ("You can remove a linked Google account from your profile.", "termination", False),
        ("We outsource billing support to a contact centre.", "subprocessors", True),
        ("Our suppliers may access personal data under contract.", "subprocessors", True),
        ("You may not resell the API to run an outsourcing business.", "subprocessors", False),
        ("Our suppliers must follow our code of conduct.", "subprocessors", False),
        (
            "If Acme is acquired, your data may be one of the assets transferred.",
            "third_party_sharing",
            True,
        ),
        ("Sponsors can see your email address when you register.", "third_party_sharing", True),
        ("Acme may be acquired by another company.", "third_party_sharing", False),
        ("You can download a copy of all your photos.", "user_rights", True),
        ("You can get a copy of your invoice in settings.", "user_rights", False),
        ("You decide who sees your stories.", "user_rights", True),
        ("Acme limits who can access data internally.", "user_rights", False),
        ("We use browser fingerprinting to spot repeat visitors.", "cookies_tracking", True),
        ("You can unlock the app with your fingerprint.", "cookies_tracking", False),
        # subprocessors: a service provider that is the user's carrier, the company acting as
        # one for its customers, or only where providers are located, is no processor of the
        # company's
        ("Ask your mobile service provider about text charges.", "subprocessors", False),
        ("We log your internet service provider and browser.", "subprocessors", False),
        (
            "When we act as a service provider to businesses, their notice applies.",
            "subprocessors",
            False,
        ),
        ("Data may go where our vendors are located.", "subprocessors", False),
        ("Our service providers are bound by confidentiality.", "subprocessors", True),
        ("We share data with vendors located in Canada.", "subprocessors", True),
        # third_party_sharing: links provided to others' sites pass on no data
        ("Our pages may provide links to third-party shops.", "third_party_sharing", False),
        ("We provide your details to third-party shops.", "third_party_sharing", True),
        # more phrasings from the definitions alone (issue 13), each with a near miss
        ("We exclude all warranties and liabilities where the law allows.", "liability", True),
        ("We don't accept responsibility for losses you suffer.", "liability", True),
        ("You will indemnify us against claims, losses and liabilities.", "liability", False),
        ("We reserve the right to discontinue your access.", "termination", True),
        ("We may permanently ban players who cheat.", "termination", True),
        ("If you do not agree, discontinue your use of the app.", "termination", False),
        ("We ban the use of automated scrapers.", "termination", False),
        ("You may opt out of this dispute resolution provision.", "arbitration", True),
        ("You may take the matter to an alternative dispute resolution body.", "arbitration", True),
        ("Nobody may sue as a member of a purported class.", "arbitration", True),
        ("We keep data used for dispute resolution until appeals end.", "arbitration", False),
        ('Each time, we update the "last updated" date shown above.', "terms_changes", True),
        ("Material changes will be announced by email in advance.", "terms_changes", True),
        ("The Effective Date is the day you first sign up.", "terms_changes", False),
        ("You must be at least 16 to use the app.", "children", True),
        ("Passwords must be at least 16 characters long.", "children", False),
        ("We use de-identified chats to teach our assistant.", "ai_training", True),
        ("Our courses teach the basics of AI.", "ai_training", False),
        ("We disclose records only when legally compelled to.", "law_enforcement", True),
        ("We read the IDFA to measure our campaigns.", "cookies_tracking", True),
        ("We use conversion tracking for our ads.", "cookies_tracking", True),
        ("Sales staff track conversions in a spreadsheet.", "cookies_tracking", False),
        # content_license, third_party_sharing, subprocessors, termination: more phrasings
        # from the definitions alone (issue 13)
        ("We may feature your videos in our marketing.", "content_license", True),
        ("You may use your videos to promote your shop.", "content_license", False),
        ("Creators keep full ownership of whatever they make.", "content_license", True),
        ("We own the copyright in the generated videos.", "content_license", True),
        ("Acme owns all rights to the Services.", "content_license", False),
        ("By uploading, you license your photos to Acme.", "content_license", True),
        ("You may license your photos to others as you wish.", "content_license", False),
        ("We may reuse your ideas without paying you.", "content_license", True),
        ("Partners may use your details for their own advertising.", "third_party_sharing", True),
        ("Partners may promote their own products in our store.", "third_party_sharing", False),
        ("We pass entry details to the organiser of the raffle.", "third_party_sharing", True),
        ("We thank our sponsors for their support.", "third_party_sharing", False),
        ("We let selected brands email you offers.", "third_party_sharing", True),
        ("We engage a processor to print and post our letters.", "subprocessors", True),
        ("Night support is provided by a contractor abroad.", "subprocessors", True),
        ("A third party runs our mailing list.", "subprocessors", True),
        ("You must use a payment processor that we approve.", "subprocessors", False),
        ("If you break these terms, your right to use the app stops.", "termination", True),
        ("Moderators may kick users out of a room.", "termination", True),
        ("We may take down your channel for repeated strikes.", "termination", True),
        ("We may take down videos that infringe copyright.", "termination", False),
        # user_rights, retention, law_enforcement, children, ai_training: more phrasings from
        # the definitions alone (issue 13)
        ("You can ask us which information we keep about you.", "user_rights", True),
        ("You may ask us to fix details that are wrong.", "user_rights", True),
        ("You can have your history erased at any time.", "user_rights", True),
        ("The law may require us to delete the account of a child.", "user_rights", False),
        ("You may withdraw your permission whenever you like.", "user_rights", True),
        ("You can choose not to receive promotional texts.", "user_rights", True),
        ("Manage your marketing preferences in the app.", "user_rights", True),
        ("Manage your billing details in the app.", "user_rights", False),
        ("You can pause data collection from the settings page.", "user_rights", True),
        ("Aggregated statistics may be kept indefinitely.", "retention", True),
        ("We may keep improving the app indefinitely.", "retention", False),
        ("We may share records with regulators on request.", "law_enforcement", True),
        ("The app is directed at adults.", "children", True),
        ("Feedback helps us refine our models.", "ai_training", True),
        ("Feedback helps us refine our pricing.", "ai_training", False),
        # third_party_sharing: how we use and share it
        ("Read what we gather and how we use and share it.", "third_party_sharing", True),
        ("Read what we gather and how we use it.", "third_party_sharing", False),
        ("Third-party cookies are described below.", "third_party_sharing", False),
        # termination: a subscription or contract terminated or cancelled; children: age checks
        ("Members may cancel the yearly plan from their profile page.", "termination", True),
        ("The box renews automatically unless you cancel.", "termination", True),
        ("We may cancel orders placed with a wrong price.", "termination", False),
        ("Some videos are shown only after an age check.", "children", True),
        ("Prices depend on the age of the vehicle.", "children", False),
        # liability, law_enforcement, governing_law, zero_retention, third_party_sharing: more
        # phrasings from the definitions alone (issue 13)
        ("Acme is not answerable for any loss you suffer.", "liability", True),
        ("We will not reimburse you for lost files.", "liability", True),
        ("Our responsibility is capped at the price of the plan.", "liability", True),
        ("We disclaim all responsibility for indirect harm.", "liability", True),
        (
            "Nothing here limits any responsibility we have to remove illegal posts.",
            "liability",
            False,
        ),
        ("We hold ourselves accountable for protecting your data.", "liability", False),
        ("We may hand records to prosecutors in a criminal case.", "law_enforcement", True),
        ("Our investigators review spam reports internally.", "law_enforcement", False),
        ("This agreement is subject to Dutch law.", "governing_law", True),
        ("The courts where you live are competent.", "governing_law", True),
        ("Your data is subject to data protection law.", "governing_law", False),
        ("The API keeps nothing once the reply is sent.", "zero_retention", True),
        ("Requests are held only in memory.", "zero_retention", True),
        ("Your prompts are not saved anywhere.", "zero_retention", True),
        ("We keep nothing secret from our auditors.", "zero_retention", False),
        ("Unpaid invoices may be passed to a debt collection agency.", "third_party_sharing", True),
        ("You can check your score with a credit reference agency.", "third_party_sharing", False),
        # cookies_tracking and user_rights: more phrasings from the definitions alone (issue 13)
        ("The player keeps your volume setting in browser storage.", "cookies_tracking", True),
        ("We learn from your browsing on other websites.", "cookies_tracking", True),
        ("Partners may recognise your device across apps.", "cookies_tracking", True),
        ("Our team works across different websites and apps.", "cookies_tracking", False),
        ("Our apps embed advertising software development kits.", "cookies_tracking", True),
        ("Ads may be tailored to your interests.", "cookies_tracking", True),
        ("We never build advertising profiles of you.", "cookies_tracking", True),
        ("We use heatmaps to see where visitors click.", "cookies_tracking", True),
        ("Newsletters contain tracking links.", "cookies_tracking", True),
        ("Download our software development kit from GitHub.", "cookies_tracking", False),
        ("You can delete single messages in a thread.", "user_rights", True),
        ("You are entitled to a copy of your personal data.", "user_rights", True),
        ("You are entitled to a copy of the invoice.", "user_rights", False),
    ],
)
def test_phrasings_of_a_thirteenth_round(text: str, topic: str, about: bool) -> None:
    """Written (issue 13) from the topics' definitions and the misses of the samples already
    read (holdout8 to holdout14, holdout16, holdout18, holdout19), each kind of wording checked
    over the unlabelled clauses of the corpus and tests/data, each with a near miss. None of
    these sentences is taken from a labelled clause; the misses of holdout15, holdout17,
    holdout20 and holdout21 were not read."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        # subprocessors (issue 13, fourteenth round): processors named in other
        # words, from the definition and policies' general wording; not the company acting as a
        # processor, work delegated to it, a product a user must not misuse, nor providers named
        # among the parties a liability limit protects
        ("We use Amazon Web Services to store your data.", "subprocessors", True),
        ("Your messages are stored on servers operated by Google Cloud.", "subprocessors", True),
        (
            "Payments are handled by Stripe, which receives your card details.",
            "subprocessors",
            True,
        ),
        ("We engage data processors bound by data processing agreements.", "subprocessors", True),
        ("Data processors we work with must keep your data confidential.", "subprocessors", True),
        ("Our service partners only process your data as instructed by us.", "subprocessors", True),
        (
            "Some of the tasks are carried out by third parties acting as processors.",
            "subprocessors",
            True,
        ),
        (
            "We have contracted a third party to handle customer support emails.",
            "subprocessors",
            True,
        ),
        ("We host our services with Microsoft Azure in the EU.", "subprocessors", True),
        ("We may delegate certain processing to other companies.", "subprocessors", True),
        ("Email delivery is handled by Mailchimp.", "subprocessors", True),
        ("Acme acts as a data processor for its business customers.", "subprocessors", False),
        ("You may delegate processing of personal information to us.", "subprocessors", False),
        ("Your files are stored on servers operated by us in Ireland.", "subprocessors", False),
        ("Don't use Acme to process someone else's biometric data.", "subprocessors", False),
        (
            "Neither Acme nor its suppliers and service providers will be liable.",
            "subprocessors",
            False,
        ),
        (
            "These limits apply to our vendors and service providers to the same extent.",
            "subprocessors",
            False,
        ),
        ("Do not disrupt our service providers' computer systems.", "subprocessors", False),
        # third_party_sharing: contact lists rented or traded, data given or made accessible to
        # recipients, recipients by their trade, disclosures that count as sales
        ("Joint marketing partners", "third_party_sharing", True),
        ("Data brokers", "third_party_sharing", True),
        (
            "These disclosures may be considered sales under applicable privacy laws.",
            "third_party_sharing",
            True,
        ),
        ("We do not purchase data from data brokers.", "third_party_sharing", False),
        ("We do not rent or trade your email address.", "third_party_sharing", True),
        (
            "Your information may be given to business partners who offer joint services.",
            "third_party_sharing",
            True,
        ),
        ("Your data may be accessible to our affiliates.", "third_party_sharing", True),
        ("Partners may receive a list of attendees.", "third_party_sharing", True),
        (
            "We may give your name and address to carefully selected charities.",
            "third_party_sharing",
            True,
        ),
        ("Lenders may receive your credit score.", "third_party_sharing", True),
        ("We rent office space in Dublin.", "third_party_sharing", False),
        ("You may trade items with other users.", "third_party_sharing", False),
        ("Partners may receive a commission for referrals.", "third_party_sharing", False),
        ("We may give you access to beta features.", "third_party_sharing", False),
        ("Do not make the Services accessible to third parties.", "third_party_sharing", False),
        # termination: accounts frozen, locked or put on hold, action against an account, limit or
        # end your use; and no termination in a verb whose object is not an account or access
        # (cookies disabled, a top-up option cancelled, the service paused for maintenance)
        ("We may put your account on hold while we investigate.", "termination", True),
        ("We may freeze your account if we detect fraud.", "termination", True),
        ("Accounts that violate our rules may be locked.", "termination", True),
        ("We may limit or end your use of the Services.", "termination", True),
        ("If you break these terms, we may take action against your account.", "termination", True),
        ("Repeat infringers will have their accounts terminated.", "termination", True),
        ("We may permanently deactivate your profile.", "termination", True),
        ("Your membership will lapse if you do not pay.", "termination", True),
        ("We may lock the document while you edit it.", "termination", False),
        ("You can close the chat window at any time.", "termination", False),
        ("You can put your subscription on hold for up to three months.", "termination", True),
        ("We may stop offering a feature at any time.", "termination", False),
        ("You may disable cookies, but you then cannot access the site.", "termination", False),
        (
            "You may update or cancel automatic top-ups at any time from your account page.",
            "termination",
            False,
        ),
        (
            "We may suspend the availability of parts of the Services for scheduled maintenance.",
            "termination",
            False,
        ),
        (
            "We can remove or restrict any content you share if it breaks these rules.",
            "termination",
            False,
        ),
        ("Acme may suspend, disable, or delete your Account.", "termination", True),
        # user_rights: consent taken back, inaccurate data fixed, requests verified, appealed or
        # made by an agent, profiles made private, a privacy webform, fees for unfounded requests
        ("You may take back your consent at any time.", "user_rights", True),
        ("You can fix inaccurate information in your profile settings.", "user_rights", True),
        ("You can tell us not to use your data for ads.", "user_rights", True),
        ("You may appeal our decision on your request.", "user_rights", True),
        ("You may authorize an agent to make a request on your behalf.", "user_rights", True),
        ("We will respond to verifiable requests within 45 days.", "user_rights", True),
        ("We respond to support requests within two days.", "user_rights", False),
        ("You can fix a typo in your post.", "user_rights", False),
        ("You can see other users' posts in your feed.", "user_rights", False),
        ("We may need to verify your identity before we fulfil your request.", "user_rights", True),
        ("You can make your profile private at any time.", "user_rights", True),
        ("Submit a request through our privacy webform.", "user_rights", True),
        (
            "You can stop us from using your location by changing your device settings.",
            "user_rights",
            True,
        ),
        (
            "We may charge a reasonable fee if your request is manifestly unfounded.",
            "user_rights",
            True,
        ),
        ("You can change your password at any time.", "user_rights", False),
        ("You can verify your email address in settings.", "user_rights", False),
        ("Please verify your identity when you log in.", "user_rights", False),
        ("You can make your post private before publishing it.", "user_rights", True),
        ("Stop us from guessing your interests.", "user_rights", False),
        ("We may ignore manifestly unfounded reports of content.", "user_rights", False),
        # six more topics: an AI taught or made better, future versions trained; responsibility
        # limited or disclaimed; logs rotated; anything you submit reproduced, no ownership claimed;
        # data that stays in a region or is reached from one; claims brought individually
        ("We may use de-identified prompts to make our AI better.", "ai_training", True),
        ("Your feedback helps us train future versions of the assistant.", "ai_training", True),
        ("We may use your recordings to teach our speech recognition system.", "ai_training", True),
        ("We use machine learning to detect spam.", "ai_training", False),
        ("We train our staff on privacy.", "ai_training", False),
        ("Our mission is to make AI safer for everyone.", "ai_training", False),
        ("Our responsibility for damages is limited to 100 euros.", "liability", True),
        ("We make no warranties and disclaim all responsibility for outputs.", "liability", True),
        (
            "Neither we nor our suppliers are responsible for any damages arising from your use.",
            "liability",
            True,
        ),
        ("You are responsible for your own content.", "liability", False),
        ("We accept responsibility for protecting your data.", "liability", False),
        ("Logs are rotated every 14 days.", "retention", True),
        ("You can delete a message after sending it.", "retention", False),
        ("Rotate your API keys regularly.", "retention", False),
        ("We can reproduce and display anything you submit.", "content_license", True),
        ("We claim no ownership over your photos.", "content_license", True),
        (
            "You give us permission to show your profile picture next to ads.",
            "content_license",
            True,
        ),
        ("You can display anything you like on your profile.", "content_license", False),
        ("Your data stays in the EU.", "international_transfer", True),
        ("Data may be accessed by our staff in India.", "international_transfer", True),
        ("Our offices are located in Dublin.", "international_transfer", False),
        (
            "Your data is handled by our support teams in accordance with this policy.",
            "international_transfer",
            False,
        ),
        ("Your content stays private until you share it.", "international_transfer", False),
        ("You may only bring claims individually, not as part of a class.", "arbitration", True),
        ("Each party must act individually in good faith.", "arbitration", False),
        # second part: clear gifs, the advertising industry's opt-out pages, social plugins; backups
        # kept, data that remains with us, deletion within a reasonable time; a guardian's consent,
        # young people, an age to buy; national security letters; proceedings in the courts of
        # one's home country
        ("We use clear gifs in our newsletters.", "cookies_tracking", True),
        (
            "You can opt out through the Digital Advertising Alliance's YourAdChoices page.",
            "cookies_tracking",
            True,
        ),
        ("Our pages include social plugins such as a Like button.", "cookies_tracking", True),
        ("Click the button you like best.", "cookies_tracking", False),
        ("We keep backups for disaster recovery.", "retention", True),
        ("Your account data remains with us until you ask us to delete it.", "retention", True),
        (
            "We will delete your content within a reasonable time after you close your account.",
            "retention",
            True,
        ),
        ("Store your backup codes somewhere safe.", "retention", False),
        ("You can delete your posts within a reasonable time of publishing.", "retention", False),
        ("Users between 13 and 17 need a guardian's consent.", "children", True),
        ("We offer a supervised experience for young people.", "children", True),
        ("You must be 21 to buy wine.", "children", True),
        ("Your password must be 16 characters long.", "children", False),
        ("National security letters", "law_enforcement", True),
        ("We take national security seriously.", "law_enforcement", False),
        (
            "You may also bring proceedings in the courts of your home country.",
            "governing_law",
            True,
        ),
        ("Proceedings may be brought in arbitration.", "governing_law", False),
        # terms_changes: new terms taking effect, a revised date, continued access as agreement;
        # and no change in rules "as modified by these Terms" or a service that complies with them
        ("We'll notify you 30 days before new terms take effect.", "terms_changes", True),
        ("We may change our prices with notice.", "terms_changes", False),
        ("The updated version will be indicated by a revised date.", "terms_changes", True),
        ("Your continued access means you agree to the changes.", "terms_changes", True),
        ("The AAA Rules apply, as modified by these Terms.", "terms_changes", False),
        (
            "We may modify the feature so that the modified feature complies with the Agreement.",
            "terms_changes",
            False,
        ),
    ],
)
def test_phrasings_of_a_fourteenth_round(text: str, topic: str, about: bool) -> None:
    """Written (issue 13) from the topics' definitions and from how policies word each kind in
    general, not from labelled clauses or their misses; each positive case failed before its
    pattern, each kind has a near miss, and every new or lost match over the distinct clauses of
    the corpus and tests/data was read (the documents of the samples not read, holdout15,
    holdout17 and holdout20 to holdout23, left out)."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        ("We use a content delivery network to serve images.", "subprocessors", True),
        ("Our CDN provider receives your IP address.", "subprocessors", True),
        ("Our CDN caches pages.", "subprocessors", False),
        ("Our fraud prevention partners check each login.", "subprocessors", True),
        (
            "We employ the spam detection service provided by Acme Inc. to check posts.",
            "subprocessors",
            True,
        ),
        ("We built our own fraud prevention tools.", "subprocessors", False),
        ("Services provided by Company are subject to these Terms.", "subprocessors", False),
        ("Under the GDPR, you have several rights.", "user_rights", True),
        (
            "Under applicable privacy laws, in some cases, you may have rights.",
            "user_rights",
            True,
        ),
        ("You have certain rights that cannot be limited by contract.", "user_rights", False),
        ("We keep records of consents to evidence our compliance with the law.", "retention", True),
        ("Keep your receipt to prove your purchase.", "retention", False),
        # second part, after holdout28 and holdout29: people deleting their own account
        ("You can delete your account at any time in the settings.", "termination", True),
        ("If you wish to permanently delete your account, contact us.", "termination", True),
        ("We keep your posts until you delete your account.", "termination", False),
        ("Learn how to delete your account on our help pages.", "termination", False),
        ("You may delete your account information in the settings.", "termination", False),
    ],
)
def test_phrasings_of_a_fifteenth_round(text: str, topic: str, about: bool) -> None:
    """Written (issue 13) after holdout26 was measured, from the kinds its misses showed
    (providers named by what they do, the law named before the rights, data kept as evidence of
    compliance; then, after holdout28 and holdout29, people deleting their own account) in general
    wording; each positive case failed before its pattern, each kind has
    a near miss, and every match over the distinct clauses of the corpus (none) and tests/data
    (Vimeo's, Tinder's, Bumble's, Telegram's, DeepSeek's and eharmony's) was read."""
    assert (topic in topics_of(text, RULES)) is about, topics_of(text, RULES)
