"""Words for what the records name by path: an appeal's subject, a file still missing.

Records point at each other by path (an appeal's ``subject``,
``2026-10/inspections/2026-10-14-fire-lane.yaml#F1``) and the results list what is
missing the same way (``2026-11/assessments/housing.yaml``). Readers need words: the
finding with its description, the department and what it still lacks. ``Naming``
turns a path into a ``Named``: the text in the site's language, the address where the
site shows it (a row of a month page), and the path itself for those who edit records.
A path it cannot place keeps its path as its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scoring import i18n, model

if TYPE_CHECKING:  # views make a Naming of themselves
    from scoring.site.views import Views


@dataclass(frozen=True)
class Named:
    text: str
    url: str | None  # site-relative, with the anchor of the row that shows it
    path: str


def _parts(path: str) -> tuple[str, str, str]:
    """``2026-10/inspections/X.yaml`` -> (``2026-10``, ``inspections``, ``X``)."""
    pieces = path.split("/")
    if len(pieces) == 3 and pieces[2].endswith(".yaml"):
        return pieces[0], pieces[1], pieces[2][: -len(".yaml")]
    if len(pieces) == 2:
        return pieces[0], pieces[1], ""
    return "", "", ""


class Naming:
    """Names paths for one site build (its language, its links)."""

    def __init__(self, views: Views) -> None:
        self.views = views
        self.records = views.data.records
        self.links = views.links

    def t(self, key: str, **params: object) -> str:
        return self.views.t(key, **params)

    # ------------------------------------------------------------ appeal subjects

    def subject(self, appeal: model.Appeal) -> Named:
        """An appeal's subject: the finding, item, claim or check it names, or its file."""
        path, _, item = appeal.subject.partition("#")
        month, folder, stem = _parts(path)
        records = self.records.months.get(month)
        named = None
        if records is not None:
            named = {
                "inspections": self._inspection,
                "assessments": self._assessment,
                "targets": self._assessment,
                "bonuses": self._claims,
                "services": self._checks,
                "ratings": self._rating,
            }.get(folder, lambda *_: None)(records, stem, item, appeal)
        if named is None and records is not None and folder == "month.yaml":
            named = (self.t("subject.month", month=i18n.month(month, self.views.language)), None)
        if named is None:
            return Named(appeal.subject, None, appeal.subject)
        text, anchor = named
        return Named(text, self.links.month(month, anchor), appeal.subject)

    def _inspection(
        self, records: model.MonthRecords, stem: str, item: str, appeal: model.Appeal
    ) -> tuple[str, str | None] | None:
        inspection = records.inspections.get(stem)
        if inspection is None:
            return None
        when = i18n.date(inspection.date, self.views.language)
        finding = next((f for f in inspection.findings if f.id == item), None)
        if finding is None:
            text = self.t("subject.inspection", date=when, location=inspection.location)
            return text, appeal.department
        text = self.t(
            "subject.finding",
            date=when,
            location=inspection.location,
            id=finding.id,
            description=finding.description,
        )
        return text, f"{stem}_{finding.id}"

    def _assessment(
        self, records: model.MonthRecords, stem: str, item: str, appeal: model.Appeal
    ) -> tuple[str, str | None] | None:
        department = self.views.department_name(stem)
        sheet = records.targets.get(stem)
        target = next((t for t in sheet.items if t.id == item), None) if sheet else None
        if target is not None:
            text = self.t("subject.target", department=department, id=item, title=target.title)
            return text, f"{stem}_target_{item}"
        indicators = self.records.indicators
        public = indicators.public.in_force(records.month) if indicators else ()
        indicator = next((p for p in public if p.id == item), None)
        if indicator is not None:
            text = self.t("subject.public", department=department, name=indicator.name)
            return text, f"{stem}_public_{item}"
        return self.t("subject.assessment", department=department), stem

    def _claims(
        self, records: model.MonthRecords, stem: str, item: str, appeal: model.Appeal
    ) -> tuple[str, str | None] | None:
        department = self.views.department_name(stem)
        sheet = records.bonuses.get(stem)
        claim = next((c for c in sheet.claims if c.id == item), None) if sheet else None
        if claim is None:
            return self.t("subject.claims", department=department), f"{stem}_claims"
        text = self.t(
            "subject.claim", department=department, id=claim.id, description=claim.description
        )
        return text, f"{stem}_claim_{claim.id}"

    def _checks(
        self, records: model.MonthRecords, stem: str, item: str, appeal: model.Appeal
    ) -> tuple[str, str | None] | None:
        contract = self.views.contract_label(stem)
        sheet = records.services.get(stem)
        check = next((c for c in sheet.checks if c.id == item), None) if sheet else None
        if check is None:
            return self.t("subject.checks", contract=contract), stem
        text = self.t(
            "subject.check", contract=contract, id=check.id, description=check.description
        )
        return text, f"{stem}_{records.month}_{check.id}"

    def _rating(
        self, records: model.MonthRecords, stem: str, item: str, appeal: model.Appeal
    ) -> tuple[str, str | None] | None:
        text = self.t("subject.rating", person=self.views.person(stem))
        return text, f"{appeal.department}_leader" if appeal.department else None

    # ------------------------------------------------------------ what is missing

    def missing(self, path: str, department: str | None = None) -> Named:
        """A missing file (or a missing part of one, ``…#assessed``) in words."""
        path_only, _, part = path.partition("#")
        month, folder, stem = _parts(path_only)
        anchor = None
        if folder == "targets":
            text = self.t("missing.targets", department=self.views.department_name(stem))
            anchor = stem
        elif folder == "assessments":
            text = self.t("missing.assessment", department=self.views.department_name(stem))
            anchor = stem
        elif folder == "ratings" and stem and part:
            name = self.views.department_name(part)
            text = self.t("missing.rating", person=self.views.person(stem), department=name)
            anchor = part
        elif folder == "ratings" and stem:
            text = self.t("missing.rating-sheet", person=self.views.person(stem))
        elif folder == "ratings":
            text = self.t("missing.raters")
            anchor = department
        elif folder == "services":
            contract = self.views.contract_label(stem)
            key = "missing.service-assessed" if part == "assessed" else "missing.service-sheet"
            text = self.t(key, contract=contract)
            anchor = stem
        else:
            return Named(path, None, path)
        url = self.links.month(month, anchor) if month in self.records.months else None
        return Named(text, url, path)

    def missing_all(self, paths: list[str]) -> list[Named]:
        """Each missing thing once (a leader's missing sheet is missing for everyone)."""
        return list({path: self.missing(path) for path in paths}.values())
