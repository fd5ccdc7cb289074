"""A unit's figures over a period, from the indicator registry, across the 2025 reorganisation.

Each area computes its sums per commune path in one query (`core.indicators.compute_sums`); here
they are added up into the unit and the units directly below it. Records keep the path of the unit
they were made in: a record of a commune dissolved on 01/07/2025 hangs under the old commune's path
("VN/L90/L900/L90101/"), a record of the same months typed in after the reorganisation under the new
commune's path. For a unit of the current structure over a period that starts before 01/07/2025,
its figure therefore adds its own records and those of the units it succeeded (`UnitSuccession`):

- a record's path is attributed to the successors of its deepest old unit that has a succession
  link (an old commune → its new commune; a district-level record → the new province), so an old
  commune that went to another province is not counted by the province that took its neighbours;
- each node counts a record once, even when the record's old commune was split between two new
  communes under it; such a split commune's figure counts for each of them (`approximate`);
- ratios are recomputed from the added-up numerator and denominator (ratio of sums).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from qpdp.core import indicators
from qpdp.core.indicators import Aggregation
from qpdp.core.periods import Period
from qpdp.org.choices import Structure, UnitKind
from qpdp.org.models import Unit, UnitSuccession
from qpdp.org.scope import prefix_filter
from qpdp.org.selectors import valid_on
from qpdp.reports import rules

# The administrative levels a report breaks its figures down into (villages and agencies hold
# no records of their own: records hang at their commune).
SUBORDINATE_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)


@dataclass(frozen=True)
class Fold:
    """An old unit whose records count for a unit of the current structure."""

    predecessor: str  # path of the old unit
    successor: str  # path of the new unit it went into
    partial: bool  # it went into several new units: its figure counts for each of them


@dataclass(frozen=True)
class Figures:
    """Every asked indicator for the unit (and the nodes below it) over one period."""

    period: Period
    unit_path: str
    nodes: tuple[str, ...]
    values: dict[str, dict[str, Any]]  # code -> node path -> int | Decimal | None
    # code -> node path -> records behind the node's figure (None: the sum lists no records)
    records: dict[str, dict[str, int | None]] = field(default_factory=dict)
    folds: tuple[Fold, ...] = ()  # the links that bring old units' records into the unit and its nodes
    approximate: frozenset[str] = frozenset()  # nodes whose figures count a split old unit

    def of(self, node: str | None = None) -> dict[str, Any]:
        """{code: value} for one node (the unit itself by default)."""
        where = node or self.unit_path
        return {code: per_node.get(where) for code, per_node in self.values.items()}

    def records_of(self, node: str | None = None) -> dict[str, int | None]:
        """{code: records behind the figure} for one node (the unit itself by default)."""
        where = node or self.unit_path
        return {code: per_node.get(where) for code, per_node in self.records.items()}

    def folds_into(self, node: str) -> tuple[Fold, ...]:
        """The links that bring old units' records into `node` (one of the nodes)."""
        return tuple(f for f in self.folds if f.successor.startswith(node))


def all_codes() -> list[str]:
    return [indicator.code for indicator in indicators.catalogue()]


def subordinate_units(unit: Unit, period: Period) -> list[Unit]:
    """The administrative units directly below `unit` as of the period's end (a unit created later,
    such as a new province reporting on an earlier period, uses the units it was created with)."""
    return subordinates_of([unit], period)[unit.pk]


def subordinates_of(units: Sequence[Unit], period: Period) -> dict[int, list[Unit]]:
    """`subordinate_units` of many units, {unit id: units below it in path order}: one query for all
    the units that share the day they are read on (the period's end, or their creation if later)."""
    by_day: dict[dt.date, list[Unit]] = defaultdict(list)
    for unit in units:
        day = period.end
        if unit.valid_from is not None and unit.valid_from > day:
            day = unit.valid_from
        by_day[day].append(unit)
    below: dict[int, list[Unit]] = {unit.pk: [] for unit in units}
    for day, group in by_day.items():
        rows = (
            Unit.objects.filter(parent__in=[u.pk for u in group], kind__in=SUBORDINATE_KINDS)
            .filter(valid_on(day))
            .order_by("path")
        )
        for child in rows:
            assert child.parent_id is not None
            below[child.parent_id].append(child)
    return below


def folds_for(unit: Unit, period: Period) -> tuple[Fold, ...]:
    """The succession links that bring old units' records into `unit` and the units under it.

    Besides the links into the unit, every link out of the old units involved is read too, so that
    an old commune that went to another unit is known to have gone there.
    """
    if unit.structure == Structure.LEGACY or not rules.folds_predecessors(period):
        return ()
    reorganised = UnitSuccession.objects.filter(effective_on__gt=period.start)
    into_unit = reorganised.filter(successor__path__startswith=unit.path)
    predecessors = set(into_unit.values_list("predecessor__path", flat=True))
    if not predecessors:
        return ()
    roots = _minimal({unit.path, *predecessors})
    rows = (
        reorganised.filter(prefix_filter("predecessor__path", tuple(roots)))
        .values_list("predecessor__path", "successor__path", "partial")
        .order_by("predecessor__path", "successor__path")
    )
    return tuple(Fold(old, new, partial) for old, new, partial in rows)


def compute_figures(
    unit: Unit,
    period: Period,
    codes: Sequence[str] | None = None,
    *,
    nodes: Iterable[str] = (),
    count_records: bool = False,
) -> Figures:
    """The figures of `codes` (all registered by default) for the unit and `nodes` below it.

    The sums are computed per root path (the unit, plus the old units it succeeded when they lie
    outside its path): a query per batch of sums and per sum without one. With `count_records`, the
    records behind each node's figure are counted too: a sum that counts its records is its own count,
    any other sum that lists records costs one query more.
    """
    wanted = list(codes) if codes is not None else all_codes()
    node_list = (unit.path, *(n for n in dict.fromkeys(nodes) if n != unit.path))
    folds = folds_for(unit, period)
    attribution = _Attribution(node_list, folds)
    roots = _minimal({unit.path, *(f.predecessor for f in folds if f.successor.startswith(unit.path))})
    sums: dict[str, dict[str, int]] = {}
    approximate: set[str] = set()
    for root in roots:
        for code, per_path in indicators.compute_sums(wanted, root, period).items():
            totals = sums.setdefault(code, dict.fromkeys(node_list, 0))
            for path, value in per_path.items():
                reached, inexact = attribution.nodes(path)
                for node in reached:
                    totals[node] += value
                if value:
                    approximate.update(inexact)
    values: dict[str, dict[str, Any]] = {}
    for code in wanted:
        indicator = indicators.get(code)
        assert indicator is not None
        if indicator.aggregation is Aggregation.SUM:
            values[code] = dict(sums.get(code, dict.fromkeys(node_list, 0)))
        else:
            top = sums.get(indicator.numerator, {})
            bottom = sums.get(indicator.denominator, {})
            values[code] = {
                node: indicators.ratio(top.get(node, 0), bottom.get(node, 0), indicator.scale)
                for node in node_list
            }
    records = _record_counts(wanted, values, roots, period, attribution, node_list) if count_records else {}
    into_nodes = tuple(f for f in folds if any(f.successor.startswith(node) for node in node_list))
    return Figures(period, unit.path, node_list, values, records, into_nodes, frozenset(approximate))


def _record_counts(
    codes: Sequence[str],
    values: dict[str, dict[str, Any]],
    roots: Sequence[str],
    period: Period,
    attribution: _Attribution,
    nodes: Sequence[str],
) -> dict[str, dict[str, int | None]]:
    """How many records are behind each sum's figure for each node; None where the sum lists none.

    A sum that counts its records is its own count. Any other: one query over all the roots, grouped
    by path, so that an old commune's records that went to another unit are left out.
    """
    common = _common_prefix(roots)
    counts: dict[str, dict[str, int | None]] = {}
    for code in codes:
        indicator = indicators.get(code)
        assert indicator is not None
        if indicator.aggregation is not Aggregation.SUM or indicator.records is None:
            counts[code] = dict.fromkeys(nodes)
            continue
        if indicator.counts_records:
            counts[code] = dict(values[code])
            continue
        queryset = indicator.records(common, period)
        path_field = getattr(queryset.model, "scope_path_field", "unit_path")
        if len(roots) > 1:
            queryset = queryset.filter(prefix_filter(path_field, tuple(roots)))
        rows = queryset.order_by().values(path_field).annotate(n=Count("pk", distinct=True))
        per_node: dict[str, int | None] = dict.fromkeys(nodes, 0)
        for row in rows:
            for node in attribution.nodes(row[path_field])[0]:
                per_node[node] = (per_node[node] or 0) + row["n"]
        counts[code] = per_node
    return counts


def _common_prefix(paths: Sequence[str]) -> str:
    """The deepest path above all of `paths` ("VN/" for a new province and its old one)."""
    first = paths[0]
    for candidate in _prefixes(first):
        if all(p.startswith(candidate) for p in paths):
            return candidate
    return first


def _minimal(paths: Iterable[str]) -> list[str]:
    """Drop every path that lies under another one of the set."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def _prefixes(path: str) -> list[str]:
    """Every ancestor path of `path`, itself included, deepest first."""
    parts = path.rstrip("/").split("/")
    return ["/".join(parts[:i]) + "/" for i in range(len(parts), 0, -1)]


class _Attribution:
    """Which of the wanted nodes a record path counts for, directly or through a succession link."""

    def __init__(self, nodes: Iterable[str], folds: Iterable[Fold]) -> None:
        self.wanted = frozenset(nodes)
        self.successors: dict[str, list[Fold]] = defaultdict(list)
        for fold in folds:
            self.successors[fold.predecessor].append(fold)
        self._cache: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def direct(self, path: str) -> frozenset[str]:
        return frozenset(p for p in _prefixes(path) if p in self.wanted)

    def nodes(self, path: str) -> tuple[frozenset[str], frozenset[str]]:
        """(the nodes `path` counts for, those of them that get an old unit split between new ones).

        The deepest old unit above the path that has succession links decides where it goes.
        """
        hit = self._cache.get(path)
        if hit is None:
            reached = set(self.direct(path))
            inexact: set[str] = set()
            for ancestor in _prefixes(path):
                links = self.successors.get(ancestor)
                if not links:
                    continue
                for link in links:
                    via = {p for p in _prefixes(link.successor) if p in self.wanted} - reached
                    reached |= via
                    # A node holding only part of a split unit gets its whole figure.
                    inexact |= {
                        node
                        for node in via
                        if (len(links) == 1 and link.partial)
                        or any(not other.successor.startswith(node) for other in links)
                    }
                break
            hit = (frozenset(reached), frozenset(inexact))
            self._cache[path] = hit
        return hit
