"""Data types of the plan parser: the public result and the readers' intermediate form.

Result types (ParsedPlan, ParsedTask, UnitRoles) follow ``shared/plans/SCHEMA.md``.
The intermediate form (Document → Row → Cell) is what every reader produces, so the
layout logic in :mod:`gongkai.textparse.layout` is written once for all formats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

ROLES = ("lead", "responsible", "cooperate", "reference")


class PlanParseError(Exception):
    """The only exception the public parse functions raise; ``str()`` is one line."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


# --------------------------------------------------------------------------- result


@dataclass
class UnitRoles:
    """Unit names as printed, by role: 牵头 lead, 责任 responsible, 配合 cooperate, 参照 reference."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperate: list[str] = field(default_factory=list)
    reference: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.lead or self.responsible or self.cooperate or self.reference)

    def add(self, role: str, name: str) -> None:
        names = getattr(self, role)
        if name and name not in names:
            names.append(name)

    def merge(self, other: UnitRoles) -> None:
        for role in ROLES:
            for name in getattr(other, role):
                self.add(role, name)

    def copy(self) -> UnitRoles:
        return UnitRoles(*(list(getattr(self, r)) for r in ROLES))

    def all_names(self) -> list[str]:
        return [n for r in ROLES for n in getattr(self, r)]

    def to_dict(self) -> dict[str, list[str]]:
        return {r: list(getattr(self, r)) for r in ROLES}


@dataclass
class ParsedTask:
    no: str | None
    section: list[str]
    text: str
    units: UnitRoles = field(default_factory=UnitRoles)
    units_inherited: bool = False
    deadline: dt.date | None = None
    deadline_text: str | None = None
    recurrence: str | None = None  # weekly | monthly | quarterly | yearly
    recurrence_min_count: int | None = None
    source: dict[str, int] = field(default_factory=dict)
    resolved: dict[str, list[dict[str, Any]]] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "no": self.no,
            "section": list(self.section),
            "text": self.text,
            "units": self.units.to_dict(),
            "units_inherited": self.units_inherited,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "recurrence": self.recurrence,
            "recurrence_min_count": self.recurrence_min_count,
            "source": dict(self.source),
        }
        if self.resolved is not None:
            out["resolved"] = self.resolved
        return out


@dataclass
class ParsedPlan:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    year: int | None = None
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "year": self.year,
            "tasks": [t.to_dict() for t in self.tasks],
            "warnings": list(self.warnings),
        }


# ------------------------------------------------------------------ intermediate form


@dataclass
class Cell:
    """One cell (or one paragraph) of text with where it came from.

    ``merged`` marks the continuation part of a vertically merged cell: its text is empty
    and the value is the one above (合并单元格).
    """

    text: str
    loc: dict[str, int]
    merged: bool = False


@dataclass
class Row:
    """A table row (``table`` is set) or a paragraph (one cell, ``table`` is None)."""

    cells: list[Cell]
    table: int | None = None

    @property
    def is_table(self) -> bool:
        return self.table is not None

    def nonempty(self) -> list[Cell]:
        return [c for c in self.cells if c.text.strip()]


@dataclass
class Document:
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)
