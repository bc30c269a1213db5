"""Rules for bonuses/DEPT.yaml: claims name rules, state points as the rule wants, are decided."""

from __future__ import annotations

from collections.abc import Iterator

from scoring.checks.context import PUBLISHED, Context
from scoring.checks.rule import CROSS, MONTH, rule
from scoring.problems import Problem, error


@rule(
    MONTH,
    "claim-points-differ",
    "claim-points-missing",
    "duplicate-id",
    "pending-claim",
    "reason-required-rejected",
    "unknown-rule",
)
def claims(context: Context) -> Iterator[Problem]:
    """Claims have unique ids, name a rule, state points only for ranged rules, give reasons."""
    rules = context.records.bonus_rules
    for month in context.months():
        for sheet in month.bonuses.values():
            seen: set[str] = set()
            for claim in sheet.claims:
                if claim.id in seen:
                    yield error(claim.pos("id"), "duplicate-id", id=claim.id, what="claim")
                seen.add(claim.id)
                if claim.decision == "rejected" and not claim.reason:
                    yield error(claim.pos("decision"), "reason-required-rejected", claim=claim.id)
                if claim.decision == "pending" and month.status in PUBLISHED:
                    yield error(
                        claim.pos("decision"), "pending-claim", claim=claim.id, status=month.status
                    )
                rule = rules.rule(claim.rule) if rules else None
                if rules and rule is None:
                    yield error(claim.pos("rule"), "unknown-rule", rule=claim.rule)
                    continue
                if rule is None:
                    continue
                if rule.ranged and claim.points is None:
                    yield error(claim.at, "claim-points-missing", claim=claim.id, rule=rule.id)
                elif not rule.ranged and claim.points is not None and claim.points != rule.points:
                    yield error(
                        claim.pos("points"),
                        "claim-points-differ",
                        claim=claim.id,
                        points=claim.points,
                        rule_points=rule.points,
                    )


@rule(MONTH, "evidence-outside", "evidence-path", "missing-evidence")
def claim_evidence(context: Context) -> Iterator[Problem]:
    """Evidence of claims exists in the month's evidence/ folder and stays inside it."""
    for month in context.months():
        for sheet in month.bonuses.values():
            for claim in sheet.claims:
                yield from context.evidence_problems(month, claim.evidence, claim)


@rule(CROSS, "invalid-claim")
def approved_claims_valid(context: Context) -> Iterator[Problem]:
    """An approved claim must be valid (DESIGN.md §5); the message says why it is not."""
    for verdict in context.claim_verdicts():
        if verdict.claim.decision == "approved" and not verdict.valid:
            yield error(
                verdict.claim.at,
                "invalid-claim",
                claim=verdict.claim.id,
                reason=verdict.reason,
                month=verdict.month or verdict.claim_month,
                used_by=verdict.used_by or "",
            )


RULES = [claims, claim_evidence, approved_claims_valid]
