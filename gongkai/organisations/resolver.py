"""Resolve a unit name as printed in a document to a directory unit or group.

Printed names vary: traditional characters (江門市民政局), full- or half-width brackets, stray spaces,
and the region prefix given in full (江门市发展和改革局), as 市 (市发展改革局) or not at all. The resolver
builds normalised keys for every unit and group name and looks the printed name up among them; when
nothing matches it answers "unresolved" with the closest candidates.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .models import Unit, UnitGroup, UnitKind

_SPACES = re.compile(r"\s+")
_LEVEL_WORDS = ("市", "区", "县", "镇", "街道")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalise(name: str) -> str:
    """Simplified characters, half-width punctuation, no spaces or trailing punctuation."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _t2s().convert(text)
    text = _SPACES.sub("", text)
    return text.strip("，,。.；;：:、")


@dataclass
class Resolution:
    kind: str  # "unit" | "group" | "unresolved" | "ambiguous"
    printed: str
    unit: Unit | None = None
    group: UnitGroup | None = None
    candidates: list[tuple[str, float]] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.kind in ("unit", "group")

    @property
    def label(self) -> str:
        if self.unit is not None:
            return self.unit.name
        if self.group is not None:
            return self.group.name
        return self.printed

    def as_dict(self) -> dict:
        target = self.unit or self.group
        return {
            "kind": self.kind,
            "id": target.pk if target is not None else None,
            "name": self.label,
            "candidates": [{"name": n, "score": round(s, 2)} for n, s in self.candidates],
        }


def _region_variants(key: str, region: str) -> set[str]:
    """江门市发展和改革局 <-> 市发展和改革局 <-> 发展和改革局, for a unit in 江门市."""
    variants = {key}
    if not region:
        return variants
    level_word = next((w for w in _LEVEL_WORDS if region.endswith(w)), "")
    if key.startswith(region):
        rest = key[len(region):]
        if rest:
            variants.add(rest)
            if level_word:
                variants.add(level_word + rest)
    elif level_word and key.startswith(level_word) and len(key) > len(level_word) + 1:
        variants.add(region + key[len(level_word):])
    return variants


class Directory:
    """An in-memory index of the directory, built once per resolver."""

    def __init__(self, units: list[Unit], groups: list[UnitGroup]):
        self.units = {u.pk: u for u in units}
        self.keys: dict[str, set[tuple[str, int]]] = {}
        for unit in units:
            region = self._region_of(unit)
            for name in unit.all_names():
                for key in _region_variants(normalise(name), region):
                    self.keys.setdefault(key, set()).add(("unit", unit.pk))
        self.groups = {g.pk: g for g in groups}
        for group in groups:
            for name in group.all_names():
                self.keys.setdefault(normalise(name), set()).add(("group", group.pk))

    def _region_of(self, unit: Unit) -> str:
        gov = unit
        while gov is not None and gov.kind != UnitKind.GOVERNMENT:
            gov = self.units.get(gov.parent_id)
        return normalise(gov.region_name) if gov is not None else ""

    def resolve(self, printed: str, within: Unit | None = None) -> Resolution:
        key = normalise(printed)
        hits = self.keys.get(key, set())
        if len(hits) > 1 and within is not None:
            scoped = {h for h in hits if self._path_of(h).startswith(within.path)}
            hits = scoped or hits
        if len(hits) == 1:
            kind, pk = next(iter(hits))
            if kind == "unit":
                return Resolution("unit", printed, unit=self.units[pk])
            return Resolution("group", printed, group=self.groups[pk])
        if len(hits) > 1:
            names = sorted({self._label_of(h) for h in hits})
            return Resolution("ambiguous", printed, candidates=[(n, 1.0) for n in names])
        return Resolution("unresolved", printed, candidates=self.candidates(key))

    def candidates(self, key: str, limit: int = 5) -> list[tuple[str, float]]:
        scored: dict[str, float] = {}
        for candidate, targets in self.keys.items():
            score = difflib.SequenceMatcher(None, key, candidate).ratio()
            if score >= 0.5:
                for target in targets:
                    label = self._label_of(target)
                    scored[label] = max(scored.get(label, 0.0), score)
        return sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:limit]

    def _label_of(self, target: tuple[str, int]) -> str:
        kind, pk = target
        return self.units[pk].name if kind == "unit" else self.groups[pk].name

    def _path_of(self, target: tuple[str, int]) -> str:
        kind, pk = target
        return self.units[pk].path if kind == "unit" else self.groups[pk].owner.path


def load_directory() -> Directory:
    units = list(Unit.objects.filter(is_active=True))
    groups = list(UnitGroup.objects.select_related("owner"))
    return Directory(units, groups)


def resolve_name(printed: str, *, within: Unit | None = None) -> Resolution:
    return load_directory().resolve(printed, within=within)


def make_resolver(within: Unit | None = None):
    """A callable for the plan parser: name -> plain dict (see Resolution.as_dict)."""
    directory = load_directory()

    def resolver(printed: str) -> dict:
        return directory.resolve(printed, within=within).as_dict()

    return resolver
