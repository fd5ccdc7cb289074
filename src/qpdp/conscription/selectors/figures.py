"""Where the records behind a unit's figure lie across the 2025 reorganisation, as far as the user sees them.

A record keeps the path of the unit it was made in: a record of a commune dissolved on 01/07/2025 hangs
under the old commune's path. For a unit of the current structure over a period that starts before
01/07/2025, the reports dashboard (`reports.figures.compute_figures`) adds to the unit's own records
those of the units it succeeded (`UnitSuccession`); the records page behind a figure must list the same
records and show the same figure, so it follows the same attribution (this app may not import
`reports`, which sits above it):

- a path under the unit counts;
- an older path counts when the deepest old unit above it that has a succession link went (wholly or
  in part) into the unit: an old commune that went to another province is not counted by the province
  that took its neighbours;
- and, as everywhere, only what the user may see: the visible parts of the unit and of those old units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from qpdp.core import indicators
from qpdp.core.indicators import Aggregation
from qpdp.core.periods import Period
from qpdp.org.choices import Structure
from qpdp.org.models import Unit, UnitSuccession
from qpdp.org.rules import TWO_TIER_FROM
from qpdp.org.scope import prefix_filter, scope_paths, visible_to


@dataclass(frozen=True)
class FigureScope:
    """The records behind a unit's figure over a period: under `roots`, attributed to `unit_path`."""

    unit_path: str  # the unit (or the part of the tree) the figure is for
    roots: tuple[str, ...]  # the visible subtrees holding its records: its own, and its predecessors'
    into: tuple[str, ...] = ()  # old units whose records count for it (a succession link into it)
    elsewhere: tuple[str, ...] = ()  # old units with links, none into it: their records count elsewhere

    def counts(self, path: str) -> bool:
        """Whether a record hanging at `path` is behind the figure."""
        if not any(path.startswith(root) for root in self.roots):
            return False
        if path.startswith(self.unit_path):
            return True
        linked = [old for old in (*self.into, *self.elsewhere) if path.startswith(old)]
        return bool(linked) and max(linked, key=len) in self.into

    def condition(self, field: str) -> Q:
        """`counts` as a filter on the records' path column: indexed prefix conditions only."""
        attributed = Q(**{f"{field}__startswith": self.unit_path})
        for old in self.into:
            inside = Q(**{f"{field}__startswith": old})
            for other in self.elsewhere:
                if other.startswith(old):  # a deeper old unit that went elsewhere
                    inside &= ~Q(**{f"{field}__startswith": other})
            attributed |= inside
        return prefix_filter(field, self.roots) & attributed

    @property
    def common_root(self) -> str:
        """The deepest path above every root ("VN/" for a new commune and its old ones)."""
        first = self.roots[0] if self.roots else self.unit_path
        parts = first.rstrip("/").split("/")
        for size in range(len(parts), 0, -1):
            candidate = "/".join(parts[:size]) + "/"
            if all(root.startswith(candidate) for root in self.roots):
                return candidate
        return first


def _minimal(paths: Iterable[str]) -> tuple[str, ...]:
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(kept)


def _visible_parts(user: Any, path: str) -> set[str]:
    """`path` itself when the user sees all of it, else the user's scope prefixes under it."""
    paths = scope_paths(user)
    if any(path.startswith(p) for p in paths):
        return {path}
    return {p for p in paths if p.startswith(path)}


def figure_scope(
    *, user: Any, unit: Unit | None, path: str, prefixes: Sequence[str], period: Period
) -> FigureScope:
    """Where the records behind the figure of `unit` (at `path`; the visible parts `prefixes`) lie.

    For a unit of the current structure over a period starting before 01/07/2025 (Luật Tổ chức chính
    quyền địa phương 72/2025/QH15), the old units it succeeded add their visible parts.
    """
    plain = FigureScope(path, _minimal(prefixes))
    if unit is None or unit.structure == Structure.LEGACY or period.start >= TWO_TIER_FROM:
        return plain
    reorganised = UnitSuccession.objects.filter(effective_on__gt=period.start)
    predecessors = set(
        reorganised.filter(successor__path__startswith=unit.path).values_list("predecessor__path", flat=True)
    )
    if not predecessors:
        return plain
    links = reorganised.filter(
        prefix_filter("predecessor__path", _minimal({unit.path, *predecessors}))
    ).values_list("predecessor__path", "successor__path")
    into: set[str] = set()
    linked: set[str] = set()
    for old, new in links:
        linked.add(old)
        if new.startswith(unit.path):
            into.add(old)
    roots = set(prefixes)
    for old in into:
        roots |= _visible_parts(user, old)
    return FigureScope(path, _minimal(roots), tuple(sorted(into)), tuple(sorted(linked - into)))


def figure_values(codes: Iterable[str], scope: FigureScope, period: Period) -> dict[str, Any]:
    """Each indicator's value over the records behind the figure: sums added up over the attributed
    paths, ratios as the ratio of those sums (one pass per sum and root)."""
    wanted = [code for code in codes if indicators.get(code) is not None]
    sums: dict[str, int] = defaultdict(int)
    for root in scope.roots:
        for code, per_path in indicators.compute_sums(wanted, root, period).items():
            sums[code] += sum(value for path, value in per_path.items() if scope.counts(path))
    result: dict[str, Any] = {}
    for code in wanted:
        indicator = indicators.get(code)
        assert indicator is not None
        if indicator.aggregation is Aggregation.RATIO:
            result[code] = indicators.ratio(
                sums[indicator.numerator], sums[indicator.denominator], indicator.scale
            )
        else:
            result[code] = sums[code]
    return result


def predecessor_units(*, user: Any, scope: FigureScope) -> list[Unit]:
    """The outermost old units the user may see whose records count for the figure, in path order."""
    visible = visible_to(user, Unit.objects.filter(path__in=scope.into))
    units = {u.path: u for u in visible}
    return [units[path] for path in _minimal(units)]
