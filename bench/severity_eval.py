"""The severity evaluations, as functions the bench and the tests share.

* :func:`judge_real_changes`: every change of ``tests/data/severity_real.toml`` (labelled by
  reading both texts) classified as the tracker classifies it: the pair of versions is diffed
  again and the labelled change found in that diff by its texts (so the diff's ``detail`` and
  inline words are the real ones); a change the diff now reports differently is rebuilt from
  the labelled texts and path.
* :func:`run_synthetic`: edits of known meaning (:mod:`bench.classify_synthetic`) over the
  newest version of every corpus document, each diffed and classified.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.classify_synthetic import EDITS, Trial, make_trials
from tracker.classify import RuleSet, classify_change, classify_diff
from tracker.classify.evaluate import Judged, LabelledChange, parse_severity_gold
from tracker.classify.severity import DiffContext, word_ops
from tracker.diff import JOIN, diff_clauses
from tracker.extract import extract_markdown
from tracker.model import Change, Clause
from tracker.vocabulary import SEVERITIES_ASCENDING, Direction, Severity, highest_severity

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REAL_GOLD = ROOT / "tests" / "data" / "severity_real.toml"
#: Documents that are not in ../shared/corpus (dated versions, one folder per document), and
#: their changes labelled the same way (split "unseen").
UNSEEN = ROOT / "tests" / "data" / "unseen"
UNSEEN_GOLD = ROOT / "tests" / "data" / "severity_unseen.toml"
#: More such documents, in neither the corpus nor ``UNSEEN`` (split "fresh"): labelled after the
#: rules were tuned on "unseen", the set that is held out now.
FRESH = ROOT / "tests" / "data" / "fresh"
FRESH_GOLD = ROOT / "tests" / "data" / "severity_fresh.toml"
#: More such documents, in none of the above (split "fresh2"): labelled after the rules were
#: tuned on "fresh", the set that is held out now.
FRESH2 = ROOT / "tests" / "data" / "fresh2"
FRESH2_GOLD = ROOT / "tests" / "data" / "severity_fresh2.toml"
#: More such documents, in none of the above (split "fresh3"): labelled after the rules were
#: tuned on "fresh2", the set that is held out now.
FRESH3 = ROOT / "tests" / "data" / "fresh3"
FRESH3_GOLD = ROOT / "tests" / "data" / "severity_fresh3.toml"
#: More such documents, in none of the above (split "fresh4"): labelled after the rules were
#: tuned on "fresh3", the set that is held out now.
FRESH4 = ROOT / "tests" / "data" / "fresh4"
FRESH4_GOLD = ROOT / "tests" / "data" / "severity_fresh4.toml"
#: More such documents, in none of the above (split "fresh5"): labelled after the rules were
#: tuned on "fresh4", the set that is held out now.
FRESH5 = ROOT / "tests" / "data" / "fresh5"
FRESH5_GOLD = ROOT / "tests" / "data" / "severity_fresh5.toml"
#: More such documents, in none of the above (split "fresh6"): labelled after "fresh5" was first
#: measured and before the rules were tuned on it, the set that is held out now.
FRESH6 = ROOT / "tests" / "data" / "fresh6"
FRESH6_GOLD = ROOT / "tests" / "data" / "severity_fresh6.toml"
#: More such documents, in none of the above (split "fresh7"), from Open Terms Archive's social
#: platform dataset: labelled after "fresh6" was tuned on, the set that is held out now.
FRESH7 = ROOT / "tests" / "data" / "fresh7"
FRESH7_GOLD = ROOT / "tests" / "data" / "severity_fresh7.toml"
#: More such documents, in none of the above (split "fresh8"): an AI writing assistant's privacy
#: policy and a social platform's terms, labelled after the tuning on "fresh7".
FRESH8 = ROOT / "tests" / "data" / "fresh8"
FRESH8_GOLD = ROOT / "tests" / "data" / "severity_fresh8.toml"
#: More such documents, in none of the above (split "fresh9"): a social network's privacy policy
#: and terms, labelled after the tuning on "fresh8".
FRESH9 = ROOT / "tests" / "data" / "fresh9"
FRESH9_GOLD = ROOT / "tests" / "data" / "severity_fresh9.toml"
#: More such documents, in none of the above (split "fresh10"): a photo network's terms, a
#: social network's supplemental privacy policy and an AI assistant's privacy notice, labelled
#: after the tuning on "fresh9" (Instagram's terms share edits with Facebook's in the corpus).
FRESH10 = ROOT / "tests" / "data" / "fresh10"
FRESH10_GOLD = ROOT / "tests" / "data" / "severity_fresh10.toml"
#: More such documents, in none of the above (split "fresh11"): an AI cloud's terms, a music
#: service's and a social network's privacy policies and a streaming service's terms, labelled
#: after the tuning on "fresh10".
FRESH11 = ROOT / "tests" / "data" / "fresh11"
FRESH11_GOLD = ROOT / "tests" / "data" / "severity_fresh11.toml"
#: More such documents, in none of the above (split "fresh12"): an AI inference platform's terms
#: and a social network's terms, labelled after the tuning on "fresh11".
FRESH12 = ROOT / "tests" / "data" / "fresh12"
FRESH12_GOLD = ROOT / "tests" / "data" / "severity_fresh12.toml"
#: More such documents, in none of the above (split "fresh13"): a file-hosting service's privacy
#: policy and a video platform's privacy policy and terms, labelled after the tuning on
#: "fresh12".
FRESH13 = ROOT / "tests" / "data" / "fresh13"
FRESH13_GOLD = ROOT / "tests" / "data" / "severity_fresh13.toml"
#: One more such document, in none of the above (split "fresh14"): a chat platform's privacy
#: policy, labelled after the tuning on "fresh13".
FRESH14 = ROOT / "tests" / "data" / "fresh14"
FRESH14_GOLD = ROOT / "tests" / "data" / "severity_fresh14.toml"
#: Two more such documents, in none of the above (split "fresh15"): an AI coding assistant's
#: and an image generator's privacy policies, labelled after the tuning on "fresh14".
FRESH15 = ROOT / "tests" / "data" / "fresh15"
FRESH15_GOLD = ROOT / "tests" / "data" / "severity_fresh15.toml"
#: Two more such documents, in none of the above (split "fresh16"): an AI writing platform's
#: privacy notice and a messaging service's terms, labelled after the tuning on "fresh15".
FRESH16 = ROOT / "tests" / "data" / "fresh16"
FRESH16_GOLD = ROOT / "tests" / "data" / "severity_fresh16.toml"
#: One more such document, in none of the above (split "fresh17"): an AI application builder's
#: terms of service, rewritten with AI training licences, labelled after the tuning on "fresh16".
FRESH17 = ROOT / "tests" / "data" / "fresh17"
FRESH17_GOLD = ROOT / "tests" / "data" / "severity_fresh17.toml"
#: Two more such documents, in none of the above (split "fresh18"): an AI voice vendor's terms of
#: service and a video-meeting service's privacy statement, labelled after the tuning on "fresh17".
FRESH18 = ROOT / "tests" / "data" / "fresh18"
FRESH18_GOLD = ROOT / "tests" / "data" / "severity_fresh18.toml"
#: One more such document, in none of the above (split "fresh19"): a dating service's privacy
#: policy, labelled after the tuning on "fresh18".
FRESH19 = ROOT / "tests" / "data" / "fresh19"
FRESH19_GOLD = ROOT / "tests" / "data" / "severity_fresh19.toml"
#: One more such document, in none of the above (split "fresh20"): a messaging service's privacy
#: policy, labelled after the tuning on "fresh19".
FRESH20 = ROOT / "tests" / "data" / "fresh20"
FRESH20_GOLD = ROOT / "tests" / "data" / "severity_fresh20.toml"
#: One more such document, in none of the above (split "fresh21"): a dating and social app's
#: privacy policy, labelled after the tuning on "fresh20".
FRESH21 = ROOT / "tests" / "data" / "fresh21"
FRESH21_GOLD = ROOT / "tests" / "data" / "severity_fresh21.toml"
#: One more such document, in none of the above (split "fresh22"): an encrypted email
#: provider's privacy policy, labelled after the tuning on "fresh21".
FRESH22 = ROOT / "tests" / "data" / "fresh22"
FRESH22_GOLD = ROOT / "tests" / "data" / "severity_fresh22.toml"
#: One more such document, in none of the above (split "fresh23"): a questions-and-answers
#: platform's terms of service, labelled after the tuning on "fresh22".
FRESH23 = ROOT / "tests" / "data" / "fresh23"
FRESH23_GOLD = ROOT / "tests" / "data" / "severity_fresh23.toml"
#: One more such document, in none of the above (split "fresh24"): an image-sharing site's
#: privacy policy, labelled after the tuning on "fresh23".
FRESH24 = ROOT / "tests" / "data" / "fresh24"
FRESH24_GOLD = ROOT / "tests" / "data" / "severity_fresh24.toml"
#: One more such document, in none of the above (split "fresh25"): a photographers' community's
#: privacy policy, labelled after the tuning on "fresh24".
FRESH25 = ROOT / "tests" / "data" / "fresh25"
FRESH25_GOLD = ROOT / "tests" / "data" / "severity_fresh25.toml"
#: One more such document, in none of the above (split "fresh26"): a Q&A network's cookie
#: policy (mostly tables of cookies), labelled after the tuning on "fresh25".
FRESH26 = ROOT / "tests" / "data" / "fresh26"
FRESH26_GOLD = ROOT / "tests" / "data" / "severity_fresh26.toml"
#: One more such document, in none of the above (split "fresh27"): a comment platform's
#: privacy policy, labelled after the tuning on "fresh26".
FRESH27 = ROOT / "tests" / "data" / "fresh27"
FRESH27_GOLD = ROOT / "tests" / "data" / "severity_fresh27.toml"
#: One more such document, in none of the above (split "fresh28"): an AI writing assistant's
#: privacy policy, labelled after the tuning on "fresh27".
FRESH28 = ROOT / "tests" / "data" / "fresh28"
FRESH28_GOLD = ROOT / "tests" / "data" / "severity_fresh28.toml"
#: One more such document, in none of the above (split "fresh29"): an art-sharing site's
#: privacy policy, labelled after the tuning on "fresh28".
FRESH29 = ROOT / "tests" / "data" / "fresh29"
FRESH29_GOLD = ROOT / "tests" / "data" / "severity_fresh29.toml"
#: One more such document, in none of the above (split "fresh30"): a dating app's privacy
#: policy, labelled after the tuning on "fresh29".
FRESH30 = ROOT / "tests" / "data" / "fresh30"
FRESH30_GOLD = ROOT / "tests" / "data" / "severity_fresh30.toml"
#: One more such document, in none of the above (split "fresh31"): a dating service's privacy
#: policy, labelled after the tuning on "fresh30".
FRESH31 = ROOT / "tests" / "data" / "fresh31"
FRESH31_GOLD = ROOT / "tests" / "data" / "severity_fresh31.toml"
#: One more such document, in none of the above (split "fresh32"): a password manager's
#: privacy policy, labelled after the tuning on "fresh30".
FRESH32 = ROOT / "tests" / "data" / "fresh32"
FRESH32_GOLD = ROOT / "tests" / "data" / "severity_fresh32.toml"
#: One more such document, in none of the above (split "fresh33"): a dating app's privacy
#: and cookie policy, labelled after the tuning on "fresh31".
FRESH33 = ROOT / "tests" / "data" / "fresh33"
FRESH33_GOLD = ROOT / "tests" / "data" / "severity_fresh33.toml"
#: One more such document, in none of the above (split "fresh34"): a ride-hailing service's
#: privacy policy, labelled after the tuning on "fresh33".
FRESH34 = ROOT / "tests" / "data" / "fresh34"
FRESH34_GOLD = ROOT / "tests" / "data" / "severity_fresh34.toml"
#: One more such document, in none of the above (split "fresh35"): a streaming service's terms
#: of use, labelled after the tuning on "fresh34".
FRESH35 = ROOT / "tests" / "data" / "fresh35"
FRESH35_GOLD = ROOT / "tests" / "data" / "severity_fresh35.toml"
#: One more such document, in none of the above (split "fresh36"): an academic publishing
#: network's privacy policy, labelled after the tuning on "fresh34".
FRESH36 = ROOT / "tests" / "data" / "fresh36"
FRESH36_GOLD = ROOT / "tests" / "data" / "severity_fresh36.toml"
#: Three more such documents, in none of the above (splits "fresh37" to "fresh39"): a game
#: publisher's privacy policy, a social network's user agreement and a marketplace's user
#: agreement, labelled after the tuning on "fresh36".
FRESH37 = ROOT / "tests" / "data" / "fresh37"
FRESH37_GOLD = ROOT / "tests" / "data" / "severity_fresh37.toml"
FRESH38 = ROOT / "tests" / "data" / "fresh38"
FRESH38_GOLD = ROOT / "tests" / "data" / "severity_fresh38.toml"
FRESH39 = ROOT / "tests" / "data" / "fresh39"
FRESH39_GOLD = ROOT / "tests" / "data" / "severity_fresh39.toml"
#: Three more such documents, in none of the above (splits "fresh40" to "fresh42"): an events
#: platform's privacy policy, an AI writing assistant's privacy policy and a money transfer
#: service's customer agreement, labelled after the tuning on "fresh39".
FRESH40 = ROOT / "tests" / "data" / "fresh40"
FRESH40_GOLD = ROOT / "tests" / "data" / "severity_fresh40.toml"
FRESH41 = ROOT / "tests" / "data" / "fresh41"
FRESH41_GOLD = ROOT / "tests" / "data" / "severity_fresh41.toml"
FRESH42 = ROOT / "tests" / "data" / "fresh42"
FRESH42_GOLD = ROOT / "tests" / "data" / "severity_fresh42.toml"
#: Three more such documents, in none of the above (splits "fresh43" to "fresh45"): an online
#: courses platform's terms of use, a livestreaming platform's privacy policy and a messaging
#: app's terms of service, labelled after the tuning on "fresh42".
FRESH43 = ROOT / "tests" / "data" / "fresh43"
FRESH43_GOLD = ROOT / "tests" / "data" / "severity_fresh43.toml"
FRESH44 = ROOT / "tests" / "data" / "fresh44"
FRESH44_GOLD = ROOT / "tests" / "data" / "severity_fresh44.toml"
FRESH45 = ROOT / "tests" / "data" / "fresh45"
FRESH45_GOLD = ROOT / "tests" / "data" / "severity_fresh45.toml"
#: Three more such documents, in none of the above (splits "fresh46" to "fresh48"): a dating
#: app's terms of use, an NFT marketplace's terms of service and a games store's subscriber
#: agreement, labelled after the tuning on "fresh45".
FRESH46 = ROOT / "tests" / "data" / "fresh46"
FRESH46_GOLD = ROOT / "tests" / "data" / "severity_fresh46.toml"
FRESH47 = ROOT / "tests" / "data" / "fresh47"
FRESH47_GOLD = ROOT / "tests" / "data" / "severity_fresh47.toml"
FRESH48 = ROOT / "tests" / "data" / "fresh48"
FRESH48_GOLD = ROOT / "tests" / "data" / "severity_fresh48.toml"
#: Two more such documents, in none of the above (splits "fresh49" and "fresh50"): a dating
#: app's general terms and an AI coding platform's terms of service, labelled after the tuning on
#: "fresh48".
FRESH49 = ROOT / "tests" / "data" / "fresh49"
FRESH49_GOLD = ROOT / "tests" / "data" / "severity_fresh49.toml"
FRESH50 = ROOT / "tests" / "data" / "fresh50"
FRESH50_GOLD = ROOT / "tests" / "data" / "severity_fresh50.toml"
#: Two more such documents, in none of the above (splits "fresh51" and "fresh52"): a device
#: maker's privacy policy and a telecom company's website terms of use, labelled after the tuning
#: on "fresh50".
FRESH51 = ROOT / "tests" / "data" / "fresh51"
FRESH51_GOLD = ROOT / "tests" / "data" / "severity_fresh51.toml"
FRESH52 = ROOT / "tests" / "data" / "fresh52"
FRESH52_GOLD = ROOT / "tests" / "data" / "severity_fresh52.toml"
#: Two more such documents, in none of the above (splits "fresh53" and "fresh54"): a travel
#: community's privacy policy and a browser maker's websites privacy notice, labelled after the
#: tuning on "fresh52".
FRESH53 = ROOT / "tests" / "data" / "fresh53"
FRESH53_GOLD = ROOT / "tests" / "data" / "severity_fresh53.toml"
FRESH54 = ROOT / "tests" / "data" / "fresh54"
FRESH54_GOLD = ROOT / "tests" / "data" / "severity_fresh54.toml"
#: Four more such documents, in none of the above (splits "fresh55" to "fresh58"): a recipe site's
#: privacy policy (a rewrite), an email service's privacy policy, a coffee chain's privacy policy
#: and a professional network's terms, labelled after the tuning on "fresh54".
FRESH55 = ROOT / "tests" / "data" / "fresh55"
FRESH55_GOLD = ROOT / "tests" / "data" / "severity_fresh55.toml"
FRESH56 = ROOT / "tests" / "data" / "fresh56"
FRESH56_GOLD = ROOT / "tests" / "data" / "severity_fresh56.toml"
FRESH57 = ROOT / "tests" / "data" / "fresh57"
FRESH57_GOLD = ROOT / "tests" / "data" / "severity_fresh57.toml"
FRESH58 = ROOT / "tests" / "data" / "fresh58"
FRESH58_GOLD = ROOT / "tests" / "data" / "severity_fresh58.toml"
#: Four more such documents, in none of the above (splits "fresh59" to "fresh62"): a bike rental
#: app's privacy policy, a cloud storage service's terms, a newsletter platform's privacy policy
#: and a newspaper's privacy policy, labelled after the tuning on "fresh58".
FRESH59 = ROOT / "tests" / "data" / "fresh59"
FRESH59_GOLD = ROOT / "tests" / "data" / "severity_fresh59.toml"
FRESH60 = ROOT / "tests" / "data" / "fresh60"
FRESH60_GOLD = ROOT / "tests" / "data" / "severity_fresh60.toml"
FRESH61 = ROOT / "tests" / "data" / "fresh61"
FRESH61_GOLD = ROOT / "tests" / "data" / "severity_fresh61.toml"
FRESH62 = ROOT / "tests" / "data" / "fresh62"
FRESH62_GOLD = ROOT / "tests" / "data" / "severity_fresh62.toml"
#: One more such document, in none of the above (split "fresh65"; fresh63 and fresh64 were never
#: made): an exam proctoring service's terms, labelled after the tuning on "fresh62".
FRESH65 = ROOT / "tests" / "data" / "fresh65"
FRESH65_GOLD = ROOT / "tests" / "data" / "severity_fresh65.toml"
#: Three more such documents, in none of the above (splits "fresh66" to "fresh68"): a company
#: database's terms, an ad exchange's publisher agreement and an ad network's privacy policy
#: (whose newer capture stops mid-page: most of its changes are sections missing from it),
#: labelled after the tuning on "fresh65".
FRESH66 = ROOT / "tests" / "data" / "fresh66"
FRESH66_GOLD = ROOT / "tests" / "data" / "severity_fresh66.toml"
FRESH67 = ROOT / "tests" / "data" / "fresh67"
FRESH67_GOLD = ROOT / "tests" / "data" / "severity_fresh67.toml"
FRESH68 = ROOT / "tests" / "data" / "fresh68"
FRESH68_GOLD = ROOT / "tests" / "data" / "severity_fresh68.toml"
#: One more such document, in none of the above (split "fresh69"): a music streaming service's
#: terms of use, labelled after the tuning on "fresh68".
FRESH69 = ROOT / "tests" / "data" / "fresh69"
FRESH69_GOLD = ROOT / "tests" / "data" / "severity_fresh69.toml"
#: Six more, each in none of the above, labelled blind the same way from companies' own policy
#: repositories (their git histories): GitHub's privacy statement 2019 -> 2020 ("fresh70", the
#: newer one from a fork of github/site-policy), GitHub's terms of service, a 2017 draft -> 2020
#: ("fresh71"), Basecamp's privacy policy 2018 -> 2020 ("fresh72"), Automattic's privacy policy
#: (two undated versions about a year apart, "fresh73"), WordPress.com's terms of service (two
#: undated versions, 2015-2016 and 2017, "fresh74") and Basecamp's terms of service (undated,
#: 2016-2018, -> 2020, "fresh75").
FRESH70 = ROOT / "tests" / "data" / "fresh70"
FRESH70_GOLD = ROOT / "tests" / "data" / "severity_fresh70.toml"
FRESH71 = ROOT / "tests" / "data" / "fresh71"
FRESH71_GOLD = ROOT / "tests" / "data" / "severity_fresh71.toml"
FRESH72 = ROOT / "tests" / "data" / "fresh72"
FRESH72_GOLD = ROOT / "tests" / "data" / "severity_fresh72.toml"
FRESH73 = ROOT / "tests" / "data" / "fresh73"
FRESH73_GOLD = ROOT / "tests" / "data" / "severity_fresh73.toml"
FRESH74 = ROOT / "tests" / "data" / "fresh74"
FRESH74_GOLD = ROOT / "tests" / "data" / "severity_fresh74.toml"
FRESH75 = ROOT / "tests" / "data" / "fresh75"
FRESH75_GOLD = ROOT / "tests" / "data" / "severity_fresh75.toml"
#: Four more, each in none of the above, labelled blind the same way from the same kind of
#: repositories: Mozilla's Firefox privacy notice 2017 -> 2019 ("fresh76", mozilla/legal-docs),
#: GitHub's corporate terms of service 2019 -> 2020 ("fresh77", the newer one at the path the
#: document moved to), GitHub's global privacy practices 2019 -> 2020 ("fresh78", the newer one
#: from github/docs, where GitHub's site policies moved) and GitHub's subprocessors and cookies
#: page 2019 -> 2020 ("fresh79", the newer one from the fork fresh70's came from).
FRESH76 = ROOT / "tests" / "data" / "fresh76"
FRESH76_GOLD = ROOT / "tests" / "data" / "severity_fresh76.toml"
FRESH77 = ROOT / "tests" / "data" / "fresh77"
FRESH77_GOLD = ROOT / "tests" / "data" / "severity_fresh77.toml"
FRESH78 = ROOT / "tests" / "data" / "fresh78"
FRESH78_GOLD = ROOT / "tests" / "data" / "severity_fresh78.toml"
FRESH79 = ROOT / "tests" / "data" / "fresh79"
FRESH79_GOLD = ROOT / "tests" / "data" / "severity_fresh79.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-first
#: round: Mozilla VPN's privacy notice 2020 -> 2021 ("fresh80", the newer at the path the
#: repository later keeps English documents in), Mozilla's terms for Firefox cloud services 2014
#: -> 2019 ("fresh81", five and a half years apart: no version between could be reached), its
#: privacy notice for them 2014 -> 2016 ("fresh82") and Automattic's notice for visitors to its
#: users' sites (two undated versions, "fresh83").
FRESH80 = ROOT / "tests" / "data" / "fresh80"
FRESH80_GOLD = ROOT / "tests" / "data" / "severity_fresh80.toml"
FRESH81 = ROOT / "tests" / "data" / "fresh81"
FRESH81_GOLD = ROOT / "tests" / "data" / "severity_fresh81.toml"
FRESH82 = ROOT / "tests" / "data" / "fresh82"
FRESH82_GOLD = ROOT / "tests" / "data" / "severity_fresh82.toml"
FRESH83 = ROOT / "tests" / "data" / "fresh83"
FRESH83_GOLD = ROOT / "tests" / "data" / "severity_fresh83.toml"
#: Four more, each in none of the above, labelled blind the same way after the reviewer's
#: changes to the twenty-first round: Mozilla VPN's terms of service 2020 -> 2021 ("fresh84", the
#: newer at the path the repository later keeps English documents in), Automattic's cookie
#: policy (two undated versions, "fresh85"), its terms for publishers showing its ads (2016 under
#: the program's earlier name, WordAds, then an undated later version: "fresh86") and Basecamp's
#: use restrictions (an April 2020 draft -> March 2021, "fresh87": ten or eleven months apart).
FRESH84 = ROOT / "tests" / "data" / "fresh84"
FRESH84_GOLD = ROOT / "tests" / "data" / "severity_fresh84.toml"
FRESH85 = ROOT / "tests" / "data" / "fresh85"
FRESH85_GOLD = ROOT / "tests" / "data" / "severity_fresh85.toml"
FRESH86 = ROOT / "tests" / "data" / "fresh86"
FRESH86_GOLD = ROOT / "tests" / "data" / "severity_fresh86.toml"
FRESH87 = ROOT / "tests" / "data" / "fresh87"
FRESH87_GOLD = ROOT / "tests" / "data" / "severity_fresh87.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-second
#: round: GitHub's Marketplace developer agreement 2020 -> 2024 ("fresh88", the newer at the
#: path the repository later keeps its terms in), Automattic's legal guidelines (two undated
#: versions, 2014 or later and 2019 or later by their content: "fresh89"), GitHub Sponsors'
#: additional terms 2020 -> about 2022 ("fresh90", the newer from github/docs) and GitHub's
#: guidelines for legal requests of user data (two undated versions of about 2019 and 2020:
#: "fresh91").
FRESH88 = ROOT / "tests" / "data" / "fresh88"
FRESH88_GOLD = ROOT / "tests" / "data" / "severity_fresh88.toml"
FRESH89 = ROOT / "tests" / "data" / "fresh89"
FRESH89_GOLD = ROOT / "tests" / "data" / "severity_fresh89.toml"
FRESH90 = ROOT / "tests" / "data" / "fresh90"
FRESH90_GOLD = ROOT / "tests" / "data" / "severity_fresh90.toml"
FRESH91 = ROOT / "tests" / "data" / "fresh91"
FRESH91_GOLD = ROOT / "tests" / "data" / "severity_fresh91.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-second
#: round and measured once on its rules: GitHub's Community Guidelines about 2019 -> 2021
#: ("fresh92", the newer from github/docs), GitHub's additional product terms about 2020 ->
#: 2021-08 ("fresh93", the newer from github/docs, renamed "Terms for Additional Products and
#: Features"), Basecamp's security overview (about 2016-2018 -> about 2020: "fresh94") and
#: Automattic's DMCA takedown notice page (two undated versions of about 2015: "fresh95").
FRESH92 = ROOT / "tests" / "data" / "fresh92"
FRESH92_GOLD = ROOT / "tests" / "data" / "severity_fresh92.toml"
FRESH93 = ROOT / "tests" / "data" / "fresh93"
FRESH93_GOLD = ROOT / "tests" / "data" / "severity_fresh93.toml"
FRESH94 = ROOT / "tests" / "data" / "fresh94"
FRESH94_GOLD = ROOT / "tests" / "data" / "severity_fresh94.toml"
FRESH95 = ROOT / "tests" / "data" / "fresh95"
FRESH95_GOLD = ROOT / "tests" / "data" / "severity_fresh95.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-second
#: round and measured once on the twenty-third's rules: Mozilla's Common Voice privacy notice
#: 2017-06 -> 2019-08 ("fresh96", the older at the en-US path), Common Voice's legal terms
#: 2017-06 -> 2018-11 ("fresh97", the older at the en-US path), Mozilla Hubs' privacy notice
#: 2018-04 -> 2019-07 ("fresh98") and GitHub's Data Protection Agreement, two undated versions
#: of about 2021 and 2022 or later ("fresh99", the newer from github/docs: almost all markup).
FRESH96 = ROOT / "tests" / "data" / "fresh96"
FRESH96_GOLD = ROOT / "tests" / "data" / "severity_fresh96.toml"
FRESH97 = ROOT / "tests" / "data" / "fresh97"
FRESH97_GOLD = ROOT / "tests" / "data" / "severity_fresh97.toml"
FRESH98 = ROOT / "tests" / "data" / "fresh98"
FRESH98_GOLD = ROOT / "tests" / "data" / "severity_fresh98.toml"
FRESH99 = ROOT / "tests" / "data" / "fresh99"
FRESH99_GOLD = ROOT / "tests" / "data" / "severity_fresh99.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-third
#: round and measured once on the twenty-fourth's rules: Basecamp's cancellation policy 2019-09 ->
#: 2022-07 ("fresh100", moved from cancellation.md into a folder), Basecamp's page on privacy
#: regulations, about 2020-06 -> 2022-05 ("fresh101"), Mozilla's privacy notice for Firefox for
#: Fire TV 2018-06 -> 2018-10 ("fresh102": the only versions stored, months apart) and the
#: Polldaddy terms renamed Crowdsignal, two undated versions of about 2018 ("fresh103").
FRESH100 = ROOT / "tests" / "data" / "fresh100"
FRESH100_GOLD = ROOT / "tests" / "data" / "severity_fresh100.toml"
FRESH101 = ROOT / "tests" / "data" / "fresh101"
FRESH101_GOLD = ROOT / "tests" / "data" / "severity_fresh101.toml"
FRESH102 = ROOT / "tests" / "data" / "fresh102"
FRESH102_GOLD = ROOT / "tests" / "data" / "severity_fresh102.toml"
FRESH103 = ROOT / "tests" / "data" / "fresh103"
FRESH103_GOLD = ROOT / "tests" / "data" / "severity_fresh103.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-fifth
#: round's first reading and measured once on its rules: Basecamp's refund policy, about
#: 2016-2018 -> about 2020 ("fresh104", both undated), its "Until the End of the Internet" page
#: about 2018 -> about 2020 ("fresh105", both undated), its copyright policy about 2018 -> about
#: 2020 ("fresh106", both undated) and two captures of one version of Mozilla's Firefox Private
#: Network terms, 2020 and the archive of about 2023 ("fresh107": the only version reached).
FRESH104 = ROOT / "tests" / "data" / "fresh104"
FRESH104_GOLD = ROOT / "tests" / "data" / "severity_fresh104.toml"
FRESH105 = ROOT / "tests" / "data" / "fresh105"
FRESH105_GOLD = ROOT / "tests" / "data" / "severity_fresh105.toml"
FRESH106 = ROOT / "tests" / "data" / "fresh106"
FRESH106_GOLD = ROOT / "tests" / "data" / "severity_fresh106.toml"
FRESH107 = ROOT / "tests" / "data" / "fresh107"
FRESH107_GOLD = ROOT / "tests" / "data" / "severity_fresh107.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-fifth
#: round and measured once on its rules: GitHub's notice about the California Consumer Privacy
#: Act, about 2020 -> about 2022 ("fresh108", both dated 1 January 2020 by the unchanged
#: effective date, the newer from github/docs), its Registered Developer Agreement, about 2021
#: -> about 2023 ("fresh109", both undated, from github/docs), its Marketplace terms of service
#: 2017-10 -> 2020-11 ("fresh110", the newer from github/docs) and its Acceptable Use Policies,
#: about 2020 -> 2022 or later ("fresh111", both undated: the file moved into a folder).
FRESH108 = ROOT / "tests" / "data" / "fresh108"
FRESH108_GOLD = ROOT / "tests" / "data" / "severity_fresh108.toml"
FRESH109 = ROOT / "tests" / "data" / "fresh109"
FRESH109_GOLD = ROOT / "tests" / "data" / "severity_fresh109.toml"
FRESH110 = ROOT / "tests" / "data" / "fresh110"
FRESH110_GOLD = ROOT / "tests" / "data" / "severity_fresh110.toml"
FRESH111 = ROOT / "tests" / "data" / "fresh111"
FRESH111_GOLD = ROOT / "tests" / "data" / "severity_fresh111.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-sixth
#: round and measured once on its rules (with the reviewer's corrections): GitHub's Enterprise
#: Subscription Agreement, 2020-07 -> its deprecated copy of 2022 or later ("fresh112", from
#: github/docs), its Sensitive Data Removal Policy renamed Private Information Removal Policy,
#: about 2020-04 -> about 2022 ("fresh113"), its DMCA Takedown Policy about 2020 -> about 2023
#: ("fresh114", from github/docs) and "GitHub and Trade Controls" about 2019 -> about 2022
#: ("fresh115", the newer from github/docs); every date but fresh112's older one inferred.
FRESH112 = ROOT / "tests" / "data" / "fresh112"
FRESH112_GOLD = ROOT / "tests" / "data" / "severity_fresh112.toml"
FRESH113 = ROOT / "tests" / "data" / "fresh113"
FRESH113_GOLD = ROOT / "tests" / "data" / "severity_fresh113.toml"
FRESH114 = ROOT / "tests" / "data" / "fresh114"
FRESH114_GOLD = ROOT / "tests" / "data" / "severity_fresh114.toml"
FRESH115 = ROOT / "tests" / "data" / "fresh115"
FRESH115_GOLD = ROOT / "tests" / "data" / "severity_fresh115.toml"
#: Four more, each in none of the above, labelled blind the same way after the twenty-seventh
#: round and measured once on its rules: GitHub's Enterprise Server License Agreement, about
#: 2019-08 -> its deprecated copy of 2022 or later ("fresh116", the newer from github/docs), its
#: Username Policy about 2019 -> about 2022 ("fresh117", the newer from github/docs), Mozilla's
#: Thunderbird privacy notice 2021-03-16 -> 2024-12-09 ("fresh118") and GitHub's older Data
#: Protection Addendum 2020-07-20 -> a legacy copy of 2021 or later ("fresh119", from
#: github/docs; perhaps less than a year apart); every date but fresh118's and fresh119's older
#: one inferred.
FRESH116 = ROOT / "tests" / "data" / "fresh116"
FRESH116_GOLD = ROOT / "tests" / "data" / "severity_fresh116.toml"
FRESH117 = ROOT / "tests" / "data" / "fresh117"
FRESH117_GOLD = ROOT / "tests" / "data" / "severity_fresh117.toml"
FRESH118 = ROOT / "tests" / "data" / "fresh118"
FRESH118_GOLD = ROOT / "tests" / "data" / "severity_fresh118.toml"
FRESH119 = ROOT / "tests" / "data" / "fresh119"
FRESH119_GOLD = ROOT / "tests" / "data" / "severity_fresh119.toml"
#: Three more, each in none of the above, labelled blind the same way after the twenty-eighth
#: round and measured once on its rules, all Mozilla's: the MDN Plus terms, version 1.0 of
#: 2022-03-09 -> version 1.3 of 2026-09-16 ("fresh120"), the Firefox Relay terms, version 1.0 of
#: 2021-10-27 -> version 1.4 of 2022-09-16, as archived later ("fresh121", less than a year by
#: their date lines) and the Mozilla Accounts privacy notice, 2023-11-01 -> 2026-02-10, rewritten
#: into Mozilla's newer layout ("fresh122"); every date from the versions' own lines.
FRESH120 = ROOT / "tests" / "data" / "fresh120"
FRESH120_GOLD = ROOT / "tests" / "data" / "severity_fresh120.toml"
FRESH121 = ROOT / "tests" / "data" / "fresh121"
FRESH121_GOLD = ROOT / "tests" / "data" / "severity_fresh121.toml"
FRESH122 = ROOT / "tests" / "data" / "fresh122"
FRESH122_GOLD = ROOT / "tests" / "data" / "severity_fresh122.toml"
#: Three more, each in none of the above, labelled blind the same way after the twenty-ninth
#: round and measured once on its rules: Mozilla's Hubs terms, version 1.0 of 2022-10-11 ->
#: version 1.3 of 2023-11-01, as archived ("fresh123"), GitHub's Business Cloud Addendum,
#: renamed Enterprise Cloud Addendum, about 2018-07 -> about 2020 ("fresh125", dates inferred)
#: and Mozilla's page on reporting copyright or trademark infringement, about 2020 -> about
#: 2021-2024 ("fresh126", undated). fresh124 was not made with them: no two versions of the
#: documents tried were far enough apart.
FRESH123 = ROOT / "tests" / "data" / "fresh123"
FRESH123_GOLD = ROOT / "tests" / "data" / "severity_fresh123.toml"
FRESH125 = ROOT / "tests" / "data" / "fresh125"
FRESH125_GOLD = ROOT / "tests" / "data" / "severity_fresh125.toml"
FRESH126 = ROOT / "tests" / "data" / "fresh126"
FRESH126_GOLD = ROOT / "tests" / "data" / "severity_fresh126.toml"
#: Three more, each in none of the above, labelled blind the same way after the thirtieth round
#: and measured once on its rules: Mozilla's Firefox Focus terms of use, 2025-04-22 ->
#: 2026-09-16 ("fresh124", made after all, from another document), GitHub's amendment to its
#: terms for U.S. federal government users, about 2017-2019 -> about 2020-2021 ("fresh127",
#: undated, the newer from github/docs) and its Community Forum Code of Conduct, about 2020-04
#: -> about 2021 ("fresh128", undated).
FRESH124 = ROOT / "tests" / "data" / "fresh124"
FRESH124_GOLD = ROOT / "tests" / "data" / "severity_fresh124.toml"
FRESH127 = ROOT / "tests" / "data" / "fresh127"
FRESH127_GOLD = ROOT / "tests" / "data" / "severity_fresh127.toml"
FRESH128 = ROOT / "tests" / "data" / "fresh128"
FRESH128_GOLD = ROOT / "tests" / "data" / "severity_fresh128.toml"
#: Folders of documents outside the corpus and their labelled changes, one pair per split.
OUTSIDE = {
    "unseen": (UNSEEN, UNSEEN_GOLD),
    "fresh": (FRESH, FRESH_GOLD),
    "fresh2": (FRESH2, FRESH2_GOLD),
    "fresh3": (FRESH3, FRESH3_GOLD),
    "fresh4": (FRESH4, FRESH4_GOLD),
    "fresh5": (FRESH5, FRESH5_GOLD),
    "fresh6": (FRESH6, FRESH6_GOLD),
    "fresh7": (FRESH7, FRESH7_GOLD),
    "fresh8": (FRESH8, FRESH8_GOLD),
    "fresh9": (FRESH9, FRESH9_GOLD),
    "fresh10": (FRESH10, FRESH10_GOLD),
    "fresh11": (FRESH11, FRESH11_GOLD),
    "fresh12": (FRESH12, FRESH12_GOLD),
    "fresh13": (FRESH13, FRESH13_GOLD),
    "fresh14": (FRESH14, FRESH14_GOLD),
    "fresh15": (FRESH15, FRESH15_GOLD),
    "fresh16": (FRESH16, FRESH16_GOLD),
    "fresh17": (FRESH17, FRESH17_GOLD),
    "fresh18": (FRESH18, FRESH18_GOLD),
    "fresh19": (FRESH19, FRESH19_GOLD),
    "fresh20": (FRESH20, FRESH20_GOLD),
    "fresh21": (FRESH21, FRESH21_GOLD),
    "fresh22": (FRESH22, FRESH22_GOLD),
    "fresh23": (FRESH23, FRESH23_GOLD),
    "fresh24": (FRESH24, FRESH24_GOLD),
    "fresh25": (FRESH25, FRESH25_GOLD),
    "fresh26": (FRESH26, FRESH26_GOLD),
    "fresh27": (FRESH27, FRESH27_GOLD),
    "fresh28": (FRESH28, FRESH28_GOLD),
    "fresh29": (FRESH29, FRESH29_GOLD),
    "fresh30": (FRESH30, FRESH30_GOLD),
    "fresh31": (FRESH31, FRESH31_GOLD),
    "fresh32": (FRESH32, FRESH32_GOLD),
    "fresh33": (FRESH33, FRESH33_GOLD),
    "fresh34": (FRESH34, FRESH34_GOLD),
    "fresh35": (FRESH35, FRESH35_GOLD),
    "fresh36": (FRESH36, FRESH36_GOLD),
    "fresh37": (FRESH37, FRESH37_GOLD),
    "fresh38": (FRESH38, FRESH38_GOLD),
    "fresh39": (FRESH39, FRESH39_GOLD),
    "fresh40": (FRESH40, FRESH40_GOLD),
    "fresh41": (FRESH41, FRESH41_GOLD),
    "fresh42": (FRESH42, FRESH42_GOLD),
    "fresh43": (FRESH43, FRESH43_GOLD),
    "fresh44": (FRESH44, FRESH44_GOLD),
    "fresh45": (FRESH45, FRESH45_GOLD),
    "fresh46": (FRESH46, FRESH46_GOLD),
    "fresh47": (FRESH47, FRESH47_GOLD),
    "fresh48": (FRESH48, FRESH48_GOLD),
    "fresh49": (FRESH49, FRESH49_GOLD),
    "fresh50": (FRESH50, FRESH50_GOLD),
    "fresh51": (FRESH51, FRESH51_GOLD),
    "fresh52": (FRESH52, FRESH52_GOLD),
    "fresh53": (FRESH53, FRESH53_GOLD),
    "fresh54": (FRESH54, FRESH54_GOLD),
    "fresh55": (FRESH55, FRESH55_GOLD),
    "fresh56": (FRESH56, FRESH56_GOLD),
    "fresh57": (FRESH57, FRESH57_GOLD),
    "fresh58": (FRESH58, FRESH58_GOLD),
    "fresh59": (FRESH59, FRESH59_GOLD),
    "fresh60": (FRESH60, FRESH60_GOLD),
    "fresh61": (FRESH61, FRESH61_GOLD),
    "fresh62": (FRESH62, FRESH62_GOLD),
    "fresh65": (FRESH65, FRESH65_GOLD),
    "fresh66": (FRESH66, FRESH66_GOLD),
    "fresh67": (FRESH67, FRESH67_GOLD),
    "fresh68": (FRESH68, FRESH68_GOLD),
    "fresh69": (FRESH69, FRESH69_GOLD),
    "fresh70": (FRESH70, FRESH70_GOLD),
    "fresh71": (FRESH71, FRESH71_GOLD),
    "fresh72": (FRESH72, FRESH72_GOLD),
    "fresh73": (FRESH73, FRESH73_GOLD),
    "fresh74": (FRESH74, FRESH74_GOLD),
    "fresh75": (FRESH75, FRESH75_GOLD),
    "fresh76": (FRESH76, FRESH76_GOLD),
    "fresh77": (FRESH77, FRESH77_GOLD),
    "fresh78": (FRESH78, FRESH78_GOLD),
    "fresh79": (FRESH79, FRESH79_GOLD),
    "fresh80": (FRESH80, FRESH80_GOLD),
    "fresh81": (FRESH81, FRESH81_GOLD),
    "fresh82": (FRESH82, FRESH82_GOLD),
    "fresh83": (FRESH83, FRESH83_GOLD),
    "fresh84": (FRESH84, FRESH84_GOLD),
    "fresh85": (FRESH85, FRESH85_GOLD),
    "fresh86": (FRESH86, FRESH86_GOLD),
    "fresh87": (FRESH87, FRESH87_GOLD),
    "fresh88": (FRESH88, FRESH88_GOLD),
    "fresh89": (FRESH89, FRESH89_GOLD),
    "fresh90": (FRESH90, FRESH90_GOLD),
    "fresh91": (FRESH91, FRESH91_GOLD),
    "fresh92": (FRESH92, FRESH92_GOLD),
    "fresh93": (FRESH93, FRESH93_GOLD),
    "fresh94": (FRESH94, FRESH94_GOLD),
    "fresh95": (FRESH95, FRESH95_GOLD),
    "fresh96": (FRESH96, FRESH96_GOLD),
    "fresh97": (FRESH97, FRESH97_GOLD),
    "fresh98": (FRESH98, FRESH98_GOLD),
    "fresh99": (FRESH99, FRESH99_GOLD),
    "fresh100": (FRESH100, FRESH100_GOLD),
    "fresh101": (FRESH101, FRESH101_GOLD),
    "fresh102": (FRESH102, FRESH102_GOLD),
    "fresh103": (FRESH103, FRESH103_GOLD),
    "fresh104": (FRESH104, FRESH104_GOLD),
    "fresh105": (FRESH105, FRESH105_GOLD),
    "fresh106": (FRESH106, FRESH106_GOLD),
    "fresh107": (FRESH107, FRESH107_GOLD),
    "fresh108": (FRESH108, FRESH108_GOLD),
    "fresh109": (FRESH109, FRESH109_GOLD),
    "fresh110": (FRESH110, FRESH110_GOLD),
    "fresh111": (FRESH111, FRESH111_GOLD),
    "fresh112": (FRESH112, FRESH112_GOLD),
    "fresh113": (FRESH113, FRESH113_GOLD),
    "fresh114": (FRESH114, FRESH114_GOLD),
    "fresh115": (FRESH115, FRESH115_GOLD),
    "fresh116": (FRESH116, FRESH116_GOLD),
    "fresh117": (FRESH117, FRESH117_GOLD),
    "fresh118": (FRESH118, FRESH118_GOLD),
    "fresh119": (FRESH119, FRESH119_GOLD),
    "fresh120": (FRESH120, FRESH120_GOLD),
    "fresh121": (FRESH121, FRESH121_GOLD),
    "fresh122": (FRESH122, FRESH122_GOLD),
    "fresh123": (FRESH123, FRESH123_GOLD),
    "fresh125": (FRESH125, FRESH125_GOLD),
    "fresh126": (FRESH126, FRESH126_GOLD),
    "fresh124": (FRESH124, FRESH124_GOLD),
    "fresh127": (FRESH127, FRESH127_GOLD),
    "fresh128": (FRESH128, FRESH128_GOLD),
}
SYNTHETIC_SEED = 20261202
SYNTHETIC_ROUNDS = 2


@dataclass(frozen=True, slots=True)
class RealResult:
    item: LabelledChange
    change: Change  # as classified
    rebuilt: bool  # not found in today's diff: rebuilt from the labelled texts

    @property
    def judged(self) -> Judged:
        return Judged(
            self.item.severity, self.change.severity, self.item.direction, self.change.direction
        )


@dataclass(frozen=True, slots=True)
class SyntheticResult:
    trial: Trial
    document: str
    severity: Severity
    direction: Direction
    changes: tuple[Change, ...]


def load_gold() -> tuple[LabelledChange, ...]:
    gold = parse_severity_gold(REAL_GOLD.read_text(encoding="utf-8"))
    for _, labels in OUTSIDE.values():
        if labels.exists():
            gold += parse_severity_gold(labels.read_text(encoding="utf-8"))
    return gold


def version_path(document: str, name: str) -> Path:
    """Where a labelled change's version is: the corpus, else a folder of ``OUTSIDE``."""
    for root in (CORPUS / "versions", *(folder for folder, _ in OUTSIDE.values())):
        if (root / document / name).exists():
            return root / document / name
    raise FileNotFoundError(f"{document}/{name} is in neither the corpus nor {list(OUTSIDE)}")


@cache
def _clauses(document: str, name: str) -> tuple[Clause, ...]:
    return extract_markdown(version_path(document, name).read_text(encoding="utf-8")).clauses


def _side(clauses: Iterable[Clause]) -> str:
    return JOIN.join(c.display_text for c in clauses)


def judge_real_changes(
    rules: RuleSet, gold: Iterable[LabelledChange] | None = None
) -> list[RealResult]:
    """Each labelled change, classified within its whole diff as the tracker classifies it."""
    results = []
    for item in gold if gold is not None else load_gold():
        classified = _classified_diff(rules, item.document, item.old_file, item.new_file)
        found = next(
            (c for c in classified if _side(c.old) == item.old and _side(c.new) == item.new),
            None,
        )
        change = found if found is not None else _classified_rebuilt(rules, item)
        results.append(RealResult(item, change, found is None))
    return results


_CLASSIFIED: dict[tuple[int, str, str, str], tuple[Change, ...]] = {}


def _classified_diff(
    rules: RuleSet, document: str, old_file: str, new_file: str
) -> tuple[Change, ...]:
    key = (id(rules), document, old_file, new_file)
    if key not in _CLASSIFIED:
        diff = diff_clauses(_clauses(document, old_file), _clauses(document, new_file))
        _CLASSIFIED[key] = classify_diff(diff, rules).changes
    return _CLASSIFIED[key]


def _classified_rebuilt(rules: RuleSet, item: LabelledChange) -> Change:
    """A labelled change today's diff reports differently, classified alone but within its new
    version (as the tracker does: a promise still made elsewhere was not removed)."""
    change = _rebuilt(item)
    context = DiffContext((change,), _clauses(item.document, item.new_file), rules)
    return classify_change(change, rules, context)


def _rebuilt(item: LabelledChange) -> Change:
    def clauses(text: str, tag: str) -> tuple[Clause, ...]:
        return tuple(
            Clause(
                id=f"{item.id}-{tag}{n}", path=item.path, label=None, kind="paragraph", text=part
            )
            for n, part in enumerate(text.split(JOIN))
            if part
        )

    old, new = clauses(item.old, "o"), clauses(item.new, "n")
    kind = "added" if not old else "removed" if not new else "modified"
    inline = word_ops(item.old, item.new) if kind == "modified" else ()
    return Change(kind, old, new, None, inline)  # type: ignore[arg-type]


def corpus_documents() -> dict[str, tuple[Clause, ...]]:
    """Each corpus document's newest version."""
    out = {}
    for folder in sorted(f for f in (CORPUS / "versions").iterdir() if f.is_dir()):
        newest = sorted(folder.glob("*.md"))[-1]
        out[folder.name] = _clauses(folder.name, newest.name)
    return out


def run_synthetic(
    rules: RuleSet, kinds: Iterable[str] = tuple(EDITS), rounds: int = SYNTHETIC_ROUNDS
) -> list[SyntheticResult]:
    """Every edit kind applied ``rounds`` times to each corpus document, diffed and classified."""
    rng = random.Random(SYNTHETIC_SEED)
    kinds = tuple(kinds)
    results = []
    for name, clauses in corpus_documents().items():
        for _ in range(rounds):
            for trial in make_trials(clauses, rng, kinds):
                diff = classify_diff(diff_clauses(trial.old, trial.new), rules)
                severity = highest_severity(c.severity for c in diff.changes)
                top = [c for c in diff.changes if c.severity == severity]
                direction = next(
                    (
                        d
                        for d in (Direction.EXPANDS, Direction.NARROWS)
                        for c in top
                        if c.direction == d
                    ),
                    Direction.NEUTRAL,
                )
                results.append(SyntheticResult(trial, name, severity, direction, diff.changes))
    return results


def rated_at_least(severity: Severity, floor: Severity) -> bool:
    return severity.rank >= floor.rank


__all__ = [
    "SEVERITIES_ASCENDING",
    "RealResult",
    "SyntheticResult",
    "judge_real_changes",
    "load_gold",
    "rated_at_least",
    "run_synthetic",
    "version_path",
]
