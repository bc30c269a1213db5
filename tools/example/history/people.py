"""Who commits what: the people of org.yaml as git authors.

Each record is committed by the person who writes it (DESIGN §1): a department's head
its targets, claims and appeals, the inspectors their findings, each leader their
ratings, the performance office the rest. A person with a GitHub handle commits under
it (GitHub's no-reply address); a person without one has the office enter the record
for them, and the message says so. org.yaml is read as plain data here so that a head
given as dated versions (``[{from, value}]``) is followed month by month.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# The committer of every squash-merged pull request, as GitHub writes it.
COMMITTER = ("GitHub", "noreply@github.com")


@dataclass(frozen=True)
class Author:
    person: str
    name: str
    email: str


class People:
    def __init__(self, org_text: str) -> None:
        org: dict[str, Any] = yaml.safe_load(org_text)
        self.people = {p["id"]: p for p in org["people"]}
        self.departments = {d["id"]: d for d in org["departments"]}
        office = [p["id"] for p in org["people"] if "office" in p.get("roles", [])]
        handled = [p for p in office if self.people[p].get("github")]
        # the office's head signs for the office (publication, decisions, closing); its
        # last member does the clerical work (opening a month, entering records for others)
        self.director = handled[0]
        self.clerk = handled[-1]

    def name(self, person: str) -> str:
        return str(self.people[person]["name"])

    def department_name(self, department: str) -> str:
        return str(self.departments[department]["name"])

    def head(self, department: str, month: str) -> str:
        """The department's head in force in ``month``."""
        head = self.departments[department]["head"]
        if isinstance(head, str):
            return head
        chosen = head[0]["value"]
        for version in head:
            if str(version["from"]) <= month:
                chosen = version["value"]
        return str(chosen)

    def author(self, person: str) -> tuple[Author, str | None]:
        """Who commits ``person``'s record, and for whom when the office enters it."""
        handle = self.people[person].get("github")
        if handle:
            return Author(person, self.name(person), f"{handle}@users.noreply.github.com"), None
        clerk, _ = self.author(self.clerk)
        return clerk, self.name(person)
