"""Rules for bonuses/DEPT.yaml: claims name rules, state points as the rule wants, are decided."""

from __future__ import annotations

from collections.abc import Iterator

from scoring.checks.context import PUBLISHED, Context
from scoring.checks.rule import CROSS, MONTH, rule
from scoring.problems import Problem, error, warning
from scoring.results.claims import (
    OUTSIDE_VALIDITY,
    POINTS_DIFFER,
    POINTS_MISSING,
    POINTS_OUT_OF_RANGE,
    RULE_UNKNOWN,
    STREAK_MONTH_USED,
    STREAK_NOT_CLEAN,
)


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
    """An approved claim must be valid (DESIGN.md §5); the message says why it is not.

    An unknown rule and points the rule does not allow are said once, by ``claims``.
    """
    said = _SAID_BY_CLAIMS if context.records.bonus_rules is not None else ()
    for verdict in context.claim_verdicts():
        if verdict.claim.decision == "approved" and not verdict.valid:
            if verdict.reason in said:
                continue
            yield error(
                verdict.claim.at,
                "invalid-claim",
                claim=verdict.claim.id,
                reason=verdict.reason,
                month=verdict.month or verdict.claim_month,
                used_by=verdict.used_by or "",
            )


# Reasons the ``claims`` rule reports under codes of their own.
_SAID_BY_CLAIMS = (RULE_UNKNOWN, POINTS_MISSING, POINTS_DIFFER)
# Reasons a pending claim is already known to fail for good (the others are errors of
# their own, from ``claims``, or may still change).
_FINAL_REASONS = (OUTSIDE_VALIDITY, POINTS_OUT_OF_RANGE, STREAK_MONTH_USED, STREAK_NOT_CLEAN)


@rule(CROSS, "claim-cannot-be-valid")
def pending_claims_judged(context: Context) -> Iterator[Problem]:
    """A pending claim that can no longer become valid is said when it is filed (a warning,
    with why), not only once it is approved: its rule does not apply in the month, its
    points lie outside the rule's range, a month its error-free streak needs already
    counts toward another claim, or is settled (published or closed, or has no records
    though later months have) and not clean. What may still change (the claim's own
    month, months still open) is not judged yet.
    """
    names = context.all_month_names()
    for verdict in context.claim_verdicts():
        if verdict.claim.decision != "pending" or verdict.valid:
            continue
        if verdict.reason not in _FINAL_REASONS:
            continue
        month = verdict.month or verdict.claim_month
        if verdict.reason == STREAK_NOT_CLEAN:
            clean = context.clean_months()
            settled = [
                m
                for m in verdict.streak_months
                if m < verdict.claim_month
                and not clean.get((verdict.department, m), False)
                and (m not in names or context.month_status(m) in PUBLISHED)
            ]
            if not settled:
                continue
            month = settled[-1]
        yield warning(
            verdict.claim.pos("decision"),
            "claim-cannot-be-valid",
            claim=verdict.claim.id,
            reason=verdict.reason,
            month=month,
            used_by=verdict.used_by or "",
        )


RULES = [claims, claim_evidence, approved_claims_valid, pending_claims_judged]
