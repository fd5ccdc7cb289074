"""Comparison of a unit's figures with its targets and with the previous period (live or from a snapshot).

Across the 2025 reorganisation the previous figure of a new commune or province adds the records of
the units it succeeded (see `figures`), ratios recomputed from the added-up sums.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from qpdp.core import indicators
from qpdp.core.periods import Period
from qpdp.org.models import Unit
from qpdp.reports import rules
from qpdp.reports.figures import all_codes, compute_figures
from qpdp.reports.models import Snapshot, Target
from qpdp.reports.rules import Number


@dataclass(frozen=True)
class Comparison:
    """One indicator of a unit over a period, beside its target and the previous period."""

    code: str
    label: str
    measure: str  # what the figure counts: "người", "%"
    area: str
    aggregation: str
    value: Number | None
    target: Number | None
    previous: Number | None
    previous_period: str
    delta: Number | None
    completion: Decimal | None
    previous_folded: bool  # the previous figure adds the records of the units this one succeeded
    approximate: bool  # a figure counts an old unit split between several new ones

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "measure": self.measure,
            "area": self.area,
            "aggregation": self.aggregation,
            "value": rules.figure_text(self.value),
            "target": rules.figure_text(self.target),
            "previous": rules.figure_text(self.previous),
            "previous_period": self.previous_period,
            "delta": rules.figure_text(self.delta),
            "completion": rules.figure_text(self.completion),
            "previous_folded": self.previous_folded,
            "approximate": self.approximate,
        }


def plain(value: Decimal) -> Number:
    """A stored target as it is written: 12 rather than 12.00, 95.5 rather than 95.50."""
    return int(value) if value == value.to_integral_value() else value.normalize()


def targets_for(unit: Unit, period_code: str, codes: Sequence[str] | None = None) -> dict[str, Number]:
    """The targets of the unit for the period, {code: value} (the caller has checked the scope)."""
    return targets_by_unit([unit], period_code, codes).get(unit.pk, {})


def targets_by_unit(
    units: Sequence[Unit], period_code: str, codes: Sequence[str] | None = None
) -> dict[int, dict[str, Number]]:
    """The targets of several units for the period in one query: {unit id: {code: value}}."""
    queryset = Target.objects.filter(unit__in=[u.pk for u in units], period_code=period_code)
    if codes is not None:
        queryset = queryset.filter(indicator_code__in=list(codes))
    found: dict[int, dict[str, Number]] = {}
    for unit_id, code, value in queryset.values_list("unit_id", "indicator_code", "value"):
        found.setdefault(unit_id, {})[code] = plain(value)
    return found


def compare(unit: Unit, period: Period, codes: Sequence[str] | None = None) -> list[Comparison]:
    """Live comparison: each indicator's value, target, previous-period value, change and completion."""
    wanted = list(codes) if codes is not None else all_codes()
    current = compute_figures(unit, period, wanted)
    previous = compute_figures(unit, period.previous(), wanted)
    return comparison_rows(
        wanted,
        values=current.of(),
        targets=targets_for(unit, period.code, wanted),
        previous=previous.of(),
        previous_period=previous.period.code,
        previous_folded=bool(previous.folds),
        approximate=bool(current.approximate & {unit.path} or previous.approximate & {unit.path}),
    )


def snapshot_comparison(snapshot: Snapshot, codes: Sequence[str] | None = None) -> list[Comparison]:
    """The comparison as it was frozen with the snapshot: nothing is read live."""
    wanted = [c for c in (codes if codes is not None else snapshot.codes) if c in snapshot.values]
    return comparison_rows(
        wanted,
        values={c: rules.figure_value(v) for c, v in snapshot.values.items()},
        targets={c: rules.figure_value(v) for c, v in snapshot.targets.items()},
        previous={c: rules.figure_value(v) for c, v in snapshot.previous.items()},
        previous_period=snapshot.previous_period_code,
        previous_folded=bool(snapshot.previous_folded),
        approximate=snapshot.approximate,
        labels=snapshot.provenance,
    )


def comparison_rows(
    codes: Sequence[str],
    *,
    values: Mapping[str, Any],
    targets: Mapping[str, Any],
    previous: Mapping[str, Any],
    previous_period: str,
    previous_folded: bool,
    approximate: bool,
    labels: Mapping[str, Any] | None = None,
) -> list[Comparison]:
    """The rows of a comparison; an indicator no longer registered keeps the label it was frozen with."""
    rows = []
    for code in codes:
        indicator = indicators.get(code)
        frozen = (labels or {}).get(code, {})
        value, target, before = values.get(code), targets.get(code), previous.get(code)
        rows.append(
            Comparison(
                code=code,
                label=indicator.label if indicator else frozen.get("label", code),
                measure=indicator.unit if indicator else frozen.get("unit", ""),
                area=indicator.area if indicator else frozen.get("area", ""),
                aggregation=str(indicator.aggregation if indicator else frozen.get("aggregation", "")),
                value=value,
                target=target,
                previous=before,
                previous_period=previous_period,
                delta=rules.delta(value, before),
                completion=rules.completion(value, target),
                previous_folded=previous_folded,
                approximate=approximate,
            )
        )
    return rows
