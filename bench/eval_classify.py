"""Classifier quality against hand-checked data: ``make eval-classify``.

* **Topics**: ``tests/data/topics_gold.toml`` holds real clauses of the corpus with the topics a
  reader gave them. For each topic: true positives, false positives, false negatives, precision
  and recall of ``topics_of``; then all labels together (micro average), per sample (the seeded
  random sample, the clauses picked from topic sections, and the held-out sample labelled after
  the rules were written), and the mean of the per-topic figures (macro average).
* **Key facts**: ``tests/data/together_facts.toml`` gives, for every version of Together AI's
  privacy policy and terms and for its docs page, the expected answer to each key fact and a
  fragment of the evidence sentence. Each document is extracted with ``extract_markdown`` and
  answered with ``answer_facts``; a fact passes when the answer is right and, for yes/no, the
  quoted sentence contains the expected fragment.
* **Contradictions**: the newest version of each Together document, read together.

``python -m bench.eval_classify --misses`` also lists every topic false positive and negative.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker.classify import answer_facts, find_contradictions, load_rules
from tracker.classify.evaluate import (
    TopicScore,
    answers_by_fact,
    fact_is_correct,
    parse_fact_expectations,
    parse_topic_gold,
    score_topics,
)
from tracker.classify.facts import FactAnswer
from tracker.classify.rules import RuleSet
from tracker.extract import extract_markdown

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RULES = ROOT / "data" / "rules.toml"
TOPICS_GOLD = ROOT / "tests" / "data" / "topics_gold.toml"
FACTS_GOLD = ROOT / "tests" / "data" / "together_facts.toml"
TARGET = 0.9


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_classify")
    parser.add_argument("--misses", action="store_true", help="list topic errors")
    args = parser.parse_args(argv)
    rules = load_rules(RULES)
    topics_ok = evaluate_topics(rules, show_misses=args.misses)
    facts_ok = evaluate_facts(rules)
    print(
        f"\ntargets: topics {'met' if topics_ok else 'NOT met'}, "
        f"key facts {'met' if facts_ok else 'NOT met'}"
    )


def evaluate_topics(rules: RuleSet, *, show_misses: bool) -> bool:
    gold = parse_topic_gold(TOPICS_GOLD.read_text(encoding="utf-8"))
    evaluation = score_topics(gold, rules)
    print(
        f"Topics: {len(gold)} hand-labelled clauses, "
        f"{sum(1 for c in gold if not c.topics)} without topic"
    )
    print(f"{'topic':24} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>7}")
    for score in evaluation.per_topic:
        _print_score(score)
    print("-" * 57)
    _print_score(evaluation.overall)
    for sample in ("random", "section", "holdout", "holdout2", "holdout3"):
        part = [c for c in gold if c.sample == sample]
        _print_score(score_topics(part, rules).overall, f"  {sample} ({len(part)})")
    per_topic = evaluation.per_topic
    macro_p = sum(s.precision for s in per_topic) / len(per_topic)
    macro_r = sum(s.recall for s in per_topic) / len(per_topic)
    print(f"{'  macro average':24} {'':>14} {macro_p:10.3f} {macro_r:7.3f}")
    if show_misses:
        for miss in evaluation.misses:
            print(
                f"  {miss.kind:15} {miss.topic:22} {miss.clause.document}: {miss.clause.text[:110]}"
            )
    overall = evaluation.overall
    return overall.precision >= TARGET and overall.recall >= TARGET


def _print_score(score: TopicScore, name: str | None = None) -> None:
    print(
        f"{name or score.topic:24} {score.true_positives:4} {score.false_positives:4} "
        f"{score.false_negatives:4} {score.precision:10.3f} {score.recall:7.3f}"
    )


def evaluate_facts(rules: RuleSet) -> bool:
    documents, expected_contradictions = parse_fact_expectations(
        FACTS_GOLD.read_text(encoding="utf-8")
    )
    print(f"\nKey facts of Together AI's documents ({len(documents)} texts)")
    passed = failed = 0
    newest: dict[str, Sequence[FactAnswer]] = {}
    for document in documents:
        text = (SHARED / document.path).read_text(encoding="utf-8")
        answers = answer_facts(extract_markdown(text).clauses, rules)
        newest[document.slug] = answers
        got = answers_by_fact(answers)
        print(f"  {document.path}")
        for expected in document.facts:
            answer = got[expected.fact_id]
            ok = fact_is_correct(expected, answer)
            passed += ok
            failed += not ok
            quote = f'  "{_short(answer.quote)}"' if answer.quote else ""
            wanted = "" if ok else f" (expected {expected.answer}: {expected.evidence})"
            print(
                f"    {'PASS' if ok else 'FAIL'} {expected.fact_id:38} {answer.answer:10}"
                f"{quote}{wanted}"
            )
    print(f"  {passed} passed, {failed} failed")
    found = find_contradictions(newest)
    print("\nContradictions between the newest versions")
    for contradiction in found:
        (slug_a, a), (slug_b, b) = contradiction.first, contradiction.second
        print(
            f'  {contradiction.question}\n    {slug_a}: {a.answer}  "{_short(a.quote)}"\n'
            f'    {slug_b}: {b.answer}  "{_short(b.quote)}"'
        )
    got_pairs = {(c.fact_id, frozenset({c.first[0], c.second[0]})) for c in found}
    want_pairs = {(c.fact_id, c.documents) for c in expected_contradictions}
    contradictions_ok = got_pairs == want_pairs
    print(
        f"  {'PASS' if contradictions_ok else 'FAIL'}: {len(found)} found, "
        f"{len(want_pairs)} expected"
    )
    return failed == 0 and contradictions_ok


def _short(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    main(sys.argv[1:])
