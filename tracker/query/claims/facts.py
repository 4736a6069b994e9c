"""A key fact a page states, against the documents' answers as of the access date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.claims import KnownDocument, StatedFact, services_named
from tracker.classify import answer_facts, facts_fingerprint
from tracker.facts import KeyFact
from tracker.facts.history import stored_facts
from tracker.query.claims.context import ClaimContext, end_of, in_force
from tracker.query.model import DocumentRef, VersionInfo
from tracker.store.records import clause_from_row, version_clause_rows
from tracker.store.schema import Document
from tracker.vocabulary import ClaimKind, ClaimVerdict, FactAgreement


@dataclass(frozen=True, slots=True)
class FactEvidence:
    """One document's answer to the fact, in its version in force at the access date."""

    document: DocumentRef
    version: VersionInfo
    fact: KeyFact


@dataclass(frozen=True, slots=True)
class FactCheck:
    claim: StatedFact
    verdict: ClaimVerdict
    reason: str
    agreement: FactAgreement | None
    evidence: tuple[FactEvidence, ...]

    kind = ClaimKind.FACT

    @property
    def sentence(self) -> str:
        return self.claim.sentence

    @property
    def position(self) -> int:
        return self.claim.position


def check_fact(context: ClaimContext, stated: StatedFact, services: Sequence[str]) -> FactCheck:
    documents = context.scope
    if len(services) > 1:
        named = services_named(
            stated.sentence,
            [KnownDocument(d.slug, d.service, d.type, d.url) for d in documents],
        )
        if not named:
            return FactCheck(
                stated,
                ClaimVerdict.NOT_CHECKED,
                f"the page is about several services ({', '.join(services)}) and this "
                "statement names none (use --service)",
                None,
                (),
            )
        documents = [d for d in documents if d.service in named]
    evidence: list[FactEvidence] = []
    silent: list[str] = []
    for document in documents:
        found = facts_at(context, document)
        if found is None:
            continue
        version, answers = found
        fact = answers.get(stated.fact_id)
        if fact is None:
            continue
        if fact.answer == "not stated":
            silent.append(f"{document.slug} v{version.number}")
        else:
            evidence.append(FactEvidence(DocumentRef.of(document), version, fact))
    as_of = f"as of {context.as_of}"
    if not evidence and not silent:
        return FactCheck(
            stated,
            ClaimVerdict.NOT_CHECKED,
            f"no document in scope has a version {as_of}",
            None,
            (),
        )
    if not evidence:
        return FactCheck(
            stated,
            ClaimVerdict.NOT_FOUND,
            f"not stated by {', '.join(silent)} ({as_of})",
            FactAgreement.NOT_STATED,
            (),
        )
    given = {e.fact.answer for e in evidence}
    said = "; ".join(
        f"{e.document.slug} v{e.version.number} says {e.fact.answer}" for e in evidence
    )
    if given == {stated.answer}:
        agreement, verdict = FactAgreement.AGREES, ClaimVerdict.SUPPORTED
    elif stated.answer not in given:
        agreement, verdict = FactAgreement.DISAGREES, ClaimVerdict.CONTRADICTED
    else:
        agreement, verdict = FactAgreement.DIVIDED, ClaimVerdict.CONTRADICTED
    return FactCheck(
        stated,
        verdict,
        f"{agreement.value}: {said} ({as_of})",
        agreement,
        tuple(evidence),
    )


def _answers(context: ClaimContext, version: VersionInfo) -> dict[str, KeyFact]:
    """The version's key-fact answers under the current rules: stored, else computed from
    its stored clauses (nothing is written)."""
    fingerprint = facts_fingerprint(context.rules)
    stored = stored_facts(context.session, version.id, fingerprint)
    if stored:
        return stored
    rows = version_clause_rows(context.session, version.id)
    row_ids = {row.key: row.id for row in rows}
    return {
        answer.fact_id: KeyFact(
            fact_id=answer.fact_id,
            question=answer.question,
            answer=answer.answer,
            why=answer.why,
            quote=answer.quote,
            clause_id=answer.clause_id,
            clause_row_id=row_ids.get(answer.clause_id) if answer.clause_id else None,
        )
        for answer in answer_facts([clause_from_row(r) for r in rows], context.rules)
    }


def facts_at(
    context: ClaimContext, document: Document
) -> tuple[VersionInfo, dict[str, KeyFact]] | None:
    """The document's version in force at the access date and its answers (None before its
    first version); computed once per document."""
    if document.id not in context.answers:
        version = in_force(context.texts(document).versions, end_of(context.as_of))
        context.answers[document.id] = (
            None if version is None else (version, _answers(context, version))
        )
    return context.answers[document.id]
