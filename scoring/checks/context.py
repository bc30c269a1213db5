"""What the rules share: the records, and the lookups several rules need."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from scoring import model
from scoring.problems import Pos, Problem, error, warning
from scoring.results import ClaimVerdict, assess_all, clean_flags
from scoring.results.claims import judge_claims
from scoring.suggestions import nearest

PUBLISHED = ("published", "closed")
EVIDENCE_TYPES = {  # extension -> the content it must have
    "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "gif": "gif", "webp": "webp", "pdf": "pdf",
}  # fmt: skip
STATUS_ORDER = ("open", "assessing", "published", "closed")


@dataclass
class Context:
    """The records the rules see; what crosses months may be given instead of derived.

    ``month_names`` (every month folder, ascending), ``clean`` ((department, month) ->
    clean) and ``items`` (subject path -> the ids ``#item`` may name) default to what
    ``records`` holds; the validation cache passes them from its month summaries when
    ``records`` holds only some months.
    """

    records: model.Records
    month_names: tuple[str, ...] | None = None
    clean: Mapping[tuple[str, str], bool] | None = None
    items: Mapping[str, frozenset[str]] | None = None
    _people: dict[str, model.Person] = field(default_factory=dict, init=False)
    _verdicts: tuple[ClaimVerdict, ...] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.records.org:
            self._people = {p.id: p for p in self.records.org.people}

    @property
    def org(self) -> model.Org | None:
        return self.records.org

    def person(self, person_id: str) -> model.Person | None:
        return self._people.get(person_id)

    def has_role(self, person_id: str, *roles: str) -> bool:
        person = self.person(person_id)
        return person is not None and any(role in person.roles for role in roles)

    def months(self) -> Iterator[model.MonthRecords]:
        yield from self.records.months.values()

    def claim_verdicts(self) -> tuple[ClaimVerdict, ...]:
        """Every claim judged (DESIGN.md §5), once: from ``clean`` when given."""
        if self._verdicts is None:
            self._verdicts = judge_claims(self.records, self.clean_months())
        return self._verdicts

    def clean_months(self) -> Mapping[tuple[str, str], bool]:
        """(department, month) -> clean: as given, else assessed from ``records`` once."""
        if self.clean is None:
            self.clean = clean_flags(assess_all(self.records))
        return self.clean

    def month_status(self, month: str) -> str | None:
        found = self.records.months.get(month)
        return found.status if found is not None else None

    def all_month_names(self) -> tuple[str, ...]:
        if self.month_names is None:
            return tuple(self.records.months)
        return self.month_names

    def department_ids(self, month: str) -> list[str]:
        return [d.id for d in self.org.departments_in(month)] if self.org else []

    def leader_ids(self, month: str) -> list[str]:
        return [p.id for p in self.org.leaders_in(month)] if self.org else []

    def is_published(self, month: model.MonthRecords) -> bool:
        return month.status in PUBLISHED

    def unknown_person(self, person_id: str, pos: Pos) -> Problem | None:
        if self.org and self.person(person_id) is None:
            names = {p.id: p.name for p in self.org.people}
            hint = nearest(person_id, names) or ""
            return error(pos, "unknown-person", person=person_id, hint=hint)
        return None

    def routes(self, month: str) -> dict[str, str]:
        """Finding kind -> responsible department, from the boundaries in force."""
        if not self.records.indicators or not self.records.indicators.boundaries:
            return {}
        boundaries = self.records.indicators.boundaries.in_force(month)
        return {boundary.kind: boundary.department for boundary in boundaries}

    def evidence_problems(
        self, month: model.MonthRecords, names: tuple[str, ...], at: model.Located
    ) -> Iterator[Problem]:
        """Each evidence name must be a plain relative path to a file in the month's evidence/."""
        pos = at.pos("evidence")
        for name in names:
            normal = posixpath.normpath(name)
            if (
                name.startswith(("/", "\\"))
                or "\\" in name
                or (len(name) > 1 and name[1] == ":")
                or normal.startswith("..")
                or normal != name
            ):
                yield error(pos, "evidence-path", name=name)
                continue
            found = month.evidence.get(name)
            if found is None:
                yield error(pos, "missing-evidence", name=name, folder=f"{month.month}/evidence/")
            elif found.outside:
                yield error(pos, "evidence-outside", name=name)

    def file_pos(self, path: str) -> Pos:
        return Pos(path)

    @staticmethod
    def warn(pos: Pos, code: str, **params: object) -> Problem:
        return warning(pos, code, **params)
