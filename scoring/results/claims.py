"""Bonus claims (DESIGN.md §5): which claims are valid, and why not; error-free streaks.

A claim is valid when its rule exists and applies in the claim's month, its points
agree with the rule (a fixed rule's claim states none or the same; a ranged rule's
claim states points within the range), and, for an error-free rule with
``streak: N``, the department was clean in the N calendar months ending with the
claim's month and none of them already counts toward another approved, valid
error-free claim of the department. Claims are judged month by month, in file order
within a month; only approved valid claims use months up.

``judge_claims`` works on any records, also ones with errors (missing files, dropped
items): the validation stage reports approved claims that are not valid with the
stable reason codes of ``REASONS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from scoring import model

RULE_UNKNOWN = "rule-unknown"
OUTSIDE_VALIDITY = "outside-validity"
POINTS_MISSING = "points-missing"
POINTS_OUT_OF_RANGE = "points-out-of-range"
POINTS_DIFFER = "points-differ"
STREAK_NOT_CLEAN = "streak-not-clean"
STREAK_MONTH_USED = "streak-month-used"
REASONS = (
    RULE_UNKNOWN,
    OUTSIDE_VALIDITY,
    POINTS_MISSING,
    POINTS_OUT_OF_RANGE,
    POINTS_DIFFER,
    STREAK_NOT_CLEAN,
    STREAK_MONTH_USED,
)

Clean = Mapping[tuple[str, str], bool]  # (department, month) -> clean


@dataclass(frozen=True)
class ClaimVerdict:
    """One claim judged: valid or not, with a stable reason code and the month it names."""

    claim: model.Claim
    claim_month: str  # the month folder the claim is filed in
    department: str  # the bonuses file's stem
    path: str  # the bonuses file, relative to records/
    rule: model.BonusRule | None
    points: Decimal | None  # what the claim is worth: its stated points or the rule's
    valid: bool
    reason: str | None = None  # one of REASONS when not valid
    month: str | None = None  # the month the reason is about (streak reasons)
    used_by: str | None = None  # the claim that already counts `month` (PATH#ID)
    streak_months: tuple[str, ...] = ()  # the months an error-free rule looks at

    @property
    def counted(self) -> bool:
        """Approved and valid: its points count toward the bonus and it uses its months."""
        return self.valid and self.claim.decision == "approved"

    @property
    def ref(self) -> str:
        return f"{self.path}#{self.claim.id}"


def streak_window(month: str, length: int) -> tuple[str, ...]:
    """The calendar months m−N+1 … m, oldest first."""
    return tuple(model.add_months(month, offset) for offset in range(1 - length, 1))


def _points_problem(claim: model.Claim, rule: model.BonusRule) -> str | None:
    if isinstance(rule.points, tuple):
        low, high = rule.points
        if claim.points is None:
            return POINTS_MISSING
        if not low <= claim.points <= high:
            return POINTS_OUT_OF_RANGE
    elif claim.points is not None and claim.points != rule.points:
        return POINTS_DIFFER
    return None


def _worth(claim: model.Claim, rule: model.BonusRule | None) -> Decimal | None:
    if claim.points is not None:
        return claim.points
    if rule is not None and not isinstance(rule.points, tuple):
        return rule.points
    return None


def _judge(
    claim: model.Claim,
    month: str,
    department: str,
    rules: model.BonusRules | None,
    clean: Clean,
    used: dict[str, str],
) -> ClaimVerdict:
    path = f"{month}/bonuses/{department}.yaml"
    rule = rules.rule(claim.rule) if rules else None
    verdict = ClaimVerdict(claim, month, department, path, rule, _worth(claim, rule), True)

    def invalid(reason: str, **more: object) -> ClaimVerdict:
        return replace(verdict, valid=False, reason=reason, **more)  # type: ignore[arg-type]

    if rule is None:
        return invalid(RULE_UNKNOWN)
    if not model.within(month, rule.valid_from, rule.valid_to):
        return invalid(OUTSIDE_VALIDITY)
    problem = _points_problem(claim, rule)
    if problem:
        return invalid(problem)
    if rule.streak is None:
        return verdict
    window = streak_window(month, rule.streak)
    verdict = replace(verdict, streak_months=window)
    not_clean = [m for m in window if not clean.get((department, m), False)]
    if not_clean:
        return invalid(STREAK_NOT_CLEAN, month=not_clean[-1])
    taken = [m for m in window if m in used]
    if taken:
        return invalid(STREAK_MONTH_USED, month=taken[0], used_by=used[taken[0]])
    return verdict


def judge_claims(records: model.Records, clean: Clean) -> tuple[ClaimVerdict, ...]:
    """Every claim of every month, judged in order (months ascending, file order within)."""
    sheets = {month: found.bonuses for month, found in records.months.items()}
    return judge_claim_sheets(records.bonus_rules, sheets, clean)


def judge_claim_sheets(
    rules: model.BonusRules | None,
    sheets: Mapping[str, Mapping[str, model.ClaimSheet]],
    clean: Clean,
) -> tuple[ClaimVerdict, ...]:
    """``judge_claims`` from each month's claim sheets (month -> department -> sheet)."""
    verdicts: list[ClaimVerdict] = []
    used: dict[str, dict[str, str]] = {}  # department -> month -> the claim counting it
    for month in sorted(sheets):
        for department, sheet in sorted(sheets[month].items()):
            months_used = used.setdefault(department, {})
            for claim in sheet.claims:
                verdict = _judge(claim, month, department, rules, clean, months_used)
                if verdict.counted:
                    for streak_month in verdict.streak_months:
                        months_used[streak_month] = verdict.ref
                verdicts.append(verdict)
    return tuple(verdicts)


@dataclass(frozen=True)
class DepartmentStreak:
    """A department's current error-free streak and the error-free rules it may claim now.

    ``end`` is the latest month in which the department is complete; ``streak`` counts
    the consecutive clean months ending there. A rule with ``streak: N`` is
    ``eligible`` when N <= streak, it applies in ``end``, and none of the N months
    ending with ``end`` is already counted by an approved valid claim.
    """

    department: str
    streak: int
    end: str | None
    eligible: tuple[str, ...]


def _error_free_rules(rules: model.BonusRules | None) -> list[model.BonusRule]:
    if rules is None:
        return []
    return [rule for c in rules.categories for rule in c.rules if rule.streak is not None]


def department_streaks(
    records: model.Records,
    clean: Clean,
    complete: Mapping[tuple[str, str], bool],
    verdicts: tuple[ClaimVerdict, ...],
) -> tuple[DepartmentStreak, ...]:
    """Per department of org.yaml (in its order), the streak now and the rules claimable."""
    if records.org is None:
        return ()
    used = {(v.department, m) for v in verdicts if v.counted for m in v.streak_months}
    latest: dict[str, str] = {}  # department -> its latest complete month
    for (department_id, month), is_complete in complete.items():
        if is_complete and month > latest.get(department_id, ""):
            latest[department_id] = month
    streaks = []
    for department in records.org.departments:
        end = latest.get(department.id)
        length = 0
        while end is not None and clean.get((department.id, model.add_months(end, -length))):
            length += 1
        eligible = tuple(
            rule.id
            for rule in _error_free_rules(records.bonus_rules)
            if end is not None
            and rule.streak is not None
            and rule.streak <= length
            and model.within(end, rule.valid_from, rule.valid_to)
            and not any((department.id, m) in used for m in streak_window(end, rule.streak))
        )
        streaks.append(DepartmentStreak(department.id, length, end, eligible))
    return tuple(streaks)
