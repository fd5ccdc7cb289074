"""A unit's dashboard over a period: headline figures, plan against result, trend, units below ranked.

The figures are those of the indicator registry (`core.indicators`) as `reports.figures` adds them up
(a unit of the current structure over a period before 01/07/2025 counts its predecessors' records).
When the unit has a snapshot of the period (`Snapshot`, written by `services.freeze_snapshot`, e.g. by
a national computation), every figure of that period is read from it: a handful of queries whatever
the size of the unit; else they are computed now. The trend reads each year's snapshot the same way and
computes the years without one. Every figure names the indicator behind it, so the page links it to
the records it counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from qpdp.core import indicators
from qpdp.core.indicators import Aggregation, Indicator
from qpdp.core.periods import Period, parse_period
from qpdp.core.text import fold
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path, visible_to
from qpdp.reports import rules
from qpdp.reports.choices import REPORT_AREAS
from qpdp.reports.comparison import Comparison, comparison_rows, targets_for
from qpdp.reports.figures import all_codes, compute_figures, subordinate_units
from qpdp.reports.models import Snapshot
from qpdp.reports.rules import Number

TREND_LENGTH = 5  # the trend shows the period and the same period of the four years before
DASHBOARD_KINDS = (UnitKind.NATION, UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)
_YEAR = re.compile(r"^\d{4}$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_PHASE = re.compile(r"^(\d{4})-(\d{4})$")

SOURCE_SNAPSHOT = "snapshot"
SOURCE_LIVE = "live"


# -- what the page shows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One indicator's value for the unit; a ratio carries its two parts."""

    code: str
    label: str
    measure: str
    value: Number | None
    numerator: Figure | None = None
    denominator: Figure | None = None
    target: Number | None = None
    completion: Decimal | None = None  # of the target
    records_url: str = ""  # the page listing the records behind the figure

    @property
    def is_percent(self) -> bool:
        return self.measure == "%"


@dataclass(frozen=True)
class Row:
    """One indicator beside its target and the previous period, with the page of its records."""

    comparison: Comparison
    records_url: str


@dataclass(frozen=True)
class AreaFigures:
    """The rows of one area (every registered indicator of it)."""

    area: str
    label: str
    rows: list[Row]


@dataclass(frozen=True)
class RankedUnit:
    """A unit directly below, with its figure of the ranking indicator and its place."""

    unit: Unit
    rank: int | None  # None: no figure (nothing to divide by)
    value: Number | None
    numerator: Number | None
    denominator: Number | None
    share: int  # the bar's length, 0–100, against the best unit
    records_url: str


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    values: dict[str, Number | None]
    source: str


@dataclass(frozen=True)
class Dashboard:
    unit: Unit
    period: Period
    source: str  # SOURCE_SNAPSHOT or SOURCE_LIVE
    computed_at: dt.datetime | None  # when the snapshot was computed
    headline: list[Figure]
    plan: list[Row]  # the indicators with a target for the unit and period
    areas: list[AreaFigures]
    ranking: Indicator | None
    ranked: list[RankedUnit]
    trend: list[TrendPoint]
    trend_codes: list[str]
    approximate: bool
    folded: bool  # the figures count the records of units this one succeeded
    previous_period: str = ""
    ancestors: list[Unit] = field(default_factory=list)  # the units above it that the user sees

    @property
    def has_snapshot(self) -> bool:
        return self.source == SOURCE_SNAPSHOT

    @property
    def ranking_parts(self) -> tuple[str, str] | None:
        """The labels of the ranking ratio's numerator and denominator (None for a sum)."""
        if self.ranking is None or self.ranking.aggregation is not Aggregation.RATIO:
            return None
        top, bottom = indicators.get(self.ranking.numerator), indicators.get(self.ranking.denominator)
        return (top.label if top else "", bottom.label if bottom else "")

    @property
    def trend_rows(self) -> list[tuple[str, str, str, list[Number | None]]]:
        """(code, label, measure, the value of each trend period) for each indicator the trend follows."""
        rows = []
        for code in self.trend_codes:
            indicator = indicators.get(code)
            label, measure = (indicator.label, indicator.unit) if indicator else (code, "")
            rows.append((code, label, measure, [point.values.get(code) for point in self.trend]))
        return rows

    @property
    def ranking_chart_height(self) -> int:
        """Pixels for the bar chart: one bar of about 26 px per unit below, within bounds."""
        return max(200, min(1600, 26 * len(self.ranked) + 60))


# -- choices of the page ------------------------------------------------------------------------------


def dashboard_unit(unit: Unit) -> Unit:
    """The unit whose figures a dashboard shows: a village or an agency counts at its commune."""
    current: Unit | None = unit
    while current is not None and current.kind not in DASHBOARD_KINDS:
        current = current.parent
    return current or unit


def default_period(today: dt.date) -> Period:
    return parse_period(str(today.year))


def period_choices(period: Period, today: dt.date) -> list[tuple[str, str]]:
    """The periods offered by the picker: recent years, this year's halves, the five-year phases, and the
    period shown whatever it is."""
    year = today.year
    codes = [str(y) for y in range(year + 1, year - TREND_LENGTH, -1)]
    codes += [f"{year}-H1", f"{year}-H2", f"{year - 1}-H1", f"{year - 1}-H2"]
    first = year - (year - 1) % 5  # the phases 2021-2025, 2026-2030 …
    codes += [f"{first}-{first + 4}", f"{first - 5}-{first - 1}"]
    if period.code not in codes:
        codes.insert(0, period.code)
    return [(code, parse_period(code).label) for code in codes]


def trend_periods(period: Period) -> list[Period]:
    """The periods of the trend, oldest first, ending with `period`: the same year, half or phase in each
    of the years before; a phase shows each of its years; any other range the years it ends in."""
    code = period.code
    if _YEAR.match(code):
        return [
            parse_period(str(y)) for y in range(period.start.year - TREND_LENGTH + 1, period.start.year + 1)
        ]
    if half := _HALF.match(code):
        year, number = int(half.group(1)), half.group(2)
        return [parse_period(f"{y}-H{number}") for y in range(year - TREND_LENGTH + 1, year + 1)]
    if _PHASE.match(code):
        return [parse_period(str(y)) for y in period.years()]
    end = period.end.year
    return [parse_period(str(y)) for y in range(end - TREND_LENGTH + 1, end + 1)]


def ranking_indicator(code: str = "") -> Indicator | None:
    """The indicator the units below are ranked by: the one asked for, else the first ratio in report
    order (completion of the call-up quota today), else the first indicator."""
    if code and (asked := indicators.get(code)) is not None:
        return asked
    catalogue = sorted(indicators.catalogue(), key=lambda i: _area_order(i.area))
    ratios = [i for i in catalogue if i.aggregation is Aggregation.RATIO]
    chosen = ratios or catalogue
    return chosen[0] if chosen else None


def _area_order(area: str) -> tuple[int, str]:
    """Areas in the order of a review report's part II, then any other area by name."""
    order = [code for code, _ in REPORT_AREAS]
    return (order.index(area) if area in order else len(order), area)


def headline_codes() -> list[str]:
    """The headline figures: every ratio of the registry (its two parts shown with it); an area without
    a ratio shows its first three sums. Areas in report order, each in its catalogue order."""
    chosen: list[str] = []
    by_area: dict[str, list[Indicator]] = {}
    for indicator in indicators.catalogue():
        by_area.setdefault(indicator.area, []).append(indicator)
    for area in sorted(by_area, key=_area_order):
        items = by_area[area]
        ratios = [i.code for i in items if i.aggregation is Aggregation.RATIO]
        chosen.extend(ratios or [i.code for i in items[:3]])
    return chosen


def records_link(code: str, unit: Unit, period: Period) -> str:
    """The page listing the records behind an indicator's figure for the unit and period ("" if none).

    A ratio opens the page of its numerator's area, which lists both of its parts.
    """
    indicator = indicators.get(code)
    if indicator is None:
        return ""
    name = indicator.records_url
    if not name and indicator.aggregation is Aggregation.RATIO:
        part = indicators.get(indicator.numerator)
        name = part.records_url if part else ""
    if not name:
        return ""
    try:
        base = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{base}?{urlencode({'indicator': code, 'unit': unit.code, 'period': period.code})}"


# -- the figures -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Values:
    """The figures of one period, from a snapshot or computed now."""

    unit: dict[str, Number | None]
    below: dict[str, dict[str, Number | None]]  # unit code -> code -> value
    previous: dict[str, Number | None]
    previous_period: str
    targets: dict[str, Number]
    source: str
    computed_at: dt.datetime | None
    approximate: bool
    folded: bool
    previous_folded: bool


def _parse(values: Mapping[str, Any]) -> dict[str, Number | None]:
    return {code: rules.figure_value(text) for code, text in values.items()}


def latest_snapshots(*, user: Any, unit: Unit, periods: Iterable[Period]) -> dict[str, Snapshot]:
    """The newest snapshot of the unit for each period that has one, in one query."""
    codes = [p.code for p in periods]
    rows = visible_to(user, Snapshot.objects.filter(unit=unit, period_code__in=codes)).order_by(
        "period_code", "-computed_at", "-pk"
    )
    found: dict[str, Snapshot] = {}
    for snapshot in rows:
        found.setdefault(snapshot.period_code, snapshot)
    return found


def _covers(snapshot: Snapshot | None, codes: Iterable[str]) -> bool:
    """A snapshot stands in for live figures when it holds every indicator asked for."""
    return snapshot is not None and all(code in snapshot.values for code in codes)


def _from_snapshot(snapshot: Snapshot) -> _Values:
    return _Values(
        unit=_parse(snapshot.values),
        below={code: _parse(values) for code, values in snapshot.subordinates.items()},
        previous=_parse(snapshot.previous),
        previous_period=snapshot.previous_period_code,
        targets={c: v for c, v in _parse(snapshot.targets).items() if v is not None},
        source=SOURCE_SNAPSHOT,
        computed_at=snapshot.computed_at,
        approximate=snapshot.approximate,
        folded=bool(snapshot.folded),
        previous_folded=bool(snapshot.previous_folded),
    )


def _live(unit: Unit, period: Period, codes: list[str], below: Sequence[Unit]) -> _Values:
    current = compute_figures(unit, period, codes, nodes=[u.path for u in below])
    previous = compute_figures(unit, period.previous(), codes)
    return _Values(
        unit=current.of(),
        below={u.code: current.of(u.path) for u in below},
        previous=previous.of(),
        previous_period=previous.period.code,
        targets=targets_for(unit, period.code, codes),
        source=SOURCE_LIVE,
        computed_at=None,
        approximate=unit.path in current.approximate,
        folded=bool(current.folds),
        previous_folded=bool(previous.folds),
    )


def _figure(code: str, values: _Values, unit: Unit, period: Period) -> Figure | None:
    indicator = indicators.get(code)
    if indicator is None:
        return None
    value = values.unit.get(code)
    parts: dict[str, Figure | None] = {"numerator": None, "denominator": None}
    if indicator.aggregation is Aggregation.RATIO:
        parts = {
            "numerator": _figure(indicator.numerator, values, unit, period),
            "denominator": _figure(indicator.denominator, values, unit, period),
        }
    target = values.targets.get(code)
    return Figure(
        code=code,
        label=indicator.label,
        measure=indicator.unit,
        value=value,
        target=target,
        completion=rules.completion(value, target),
        records_url=records_link(code, unit, period),
        **parts,
    )


def _ranked(
    ranking: Indicator | None,
    below: Sequence[Unit],
    values: Mapping[str, Mapping[str, Number | None]],
    period: Period,
) -> list[RankedUnit]:
    """The units below, best first by the ranking indicator; equal figures share a place (1, 2, 2, 4)."""
    if ranking is None:
        return []
    rows: list[tuple[Unit, Number | None, Number | None, Number | None]] = []
    for unit in below:
        figures = values.get(unit.code, {})
        rows.append(
            (
                unit,
                figures.get(ranking.code),
                figures.get(ranking.numerator) if ranking.numerator else None,
                figures.get(ranking.denominator) if ranking.denominator else None,
            )
        )
    rows.sort(key=lambda r: (r[1] is None, -(r[1] or 0), fold(r[0].name), r[0].path))
    best = max((abs(Decimal(r[1])) for r in rows if r[1] is not None), default=Decimal(0))
    ranked: list[RankedUnit] = []
    for position, (unit, value, top, bottom) in enumerate(rows, start=1):
        rank: int | None = None
        if value is not None:
            tied = ranked and ranked[-1].value == value
            rank = ranked[-1].rank if tied else position
        share = int(Decimal(100) * Decimal(value) / Decimal(best)) if value is not None and best else 0
        link = records_link(ranking.code, unit, period)
        ranked.append(RankedUnit(unit, rank, value, top, bottom, max(0, min(100, share)), link))
    return ranked


def _trend(
    *,
    user: Any,
    unit: Unit,
    period: Period,
    codes: list[str],
    current: _Values,
    snapshots: Mapping[str, Snapshot],
    live: bool,
) -> list[TrendPoint]:
    """One point per trend period: the figures of the period shown, a snapshot's, or one computation."""
    points = []
    for each in trend_periods(period):
        if each.code == period.code:
            points.append(TrendPoint(each, {c: current.unit.get(c) for c in codes}, current.source))
            continue
        if each.code == current.previous_period:  # computed (or frozen) with the period shown
            points.append(TrendPoint(each, {c: current.previous.get(c) for c in codes}, current.source))
            continue
        snapshot = None if live else snapshots.get(each.code)
        if snapshot is not None and _covers(snapshot, codes):
            values = _parse(snapshot.values)
            points.append(TrendPoint(each, {c: values.get(c) for c in codes}, SOURCE_SNAPSHOT))
            continue
        figures = compute_figures(unit, each, codes).of()
        points.append(TrendPoint(each, {c: figures.get(c) for c in codes}, SOURCE_LIVE))
    return points


def _areas(rows: list[Row]) -> list[AreaFigures]:
    """The rows by area, in the order of a review report's part II, then any other area."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.comparison.area, []).append(row)
    labels = dict(REPORT_AREAS)
    areas = sorted(grouped, key=_area_order)
    return [AreaFigures(area, labels.get(area, area), grouped[area]) for area in areas]


def ancestors_in_scope(*, user: Any, unit: Unit) -> list[Unit]:
    """The units above `unit`, from the top of what the user may see down to its parent."""
    parts = unit.path.rstrip("/").split("/")
    paths = ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]
    above = visible_to(user, Unit.objects.filter(path__in=paths)).order_by("path")
    return list(above)


def dashboard_of(*, user: Any, unit: Unit, period: Period, rank: str = "", live: bool = False) -> Dashboard:
    """The dashboard of a unit the caller found within the user's scope (`org.selectors.unit_detail`).

    `live` computes every figure now even when a snapshot of the period exists.
    """
    unit = dashboard_unit(unit)
    codes = all_codes()
    ranking = ranking_indicator(rank)
    trend_codes = _trend_codes(ranking)
    trend = trend_periods(period)
    snapshots = {} if live else latest_snapshots(user=user, unit=unit, periods=[period, *trend])
    snapshot = snapshots.get(period.code)
    if _covers(snapshot, codes):
        assert snapshot is not None
        values = _from_snapshot(snapshot)
        below = _units_by_code(user, list(values.below))
    else:
        below = [u for u in subordinate_units(unit, period) if can_see_path(user, u.path)]
        values = _live(unit, period, codes, below)
    comparison = comparison_rows(
        codes,
        values=values.unit,
        targets=values.targets,
        previous=values.previous,
        previous_period=values.previous_period,
        previous_folded=values.previous_folded,
        approximate=values.approximate,
    )
    rows = [Row(c, records_link(c.code, unit, period)) for c in comparison]
    headline = [f for c in headline_codes() if (f := _figure(c, values, unit, period)) is not None]
    return Dashboard(
        unit=unit,
        period=period,
        source=values.source,
        computed_at=values.computed_at,
        headline=headline,
        plan=[row for row in rows if row.comparison.target is not None],
        areas=_areas(rows),
        ranking=ranking,
        ranked=_ranked(ranking, below, values.below, period),
        trend=_trend(
            user=user,
            unit=unit,
            period=period,
            codes=trend_codes,
            current=values,
            snapshots=snapshots,
            live=live,
        ),
        trend_codes=trend_codes,
        approximate=values.approximate,
        folded=values.folded,
        previous_period=values.previous_period,
        ancestors=ancestors_in_scope(user=user, unit=unit),
    )


def _trend_codes(ranking: Indicator | None) -> list[str]:
    """What the trend follows: the ranking indicator and, for a ratio, its two parts."""
    if ranking is None:
        return []
    if ranking.aggregation is Aggregation.RATIO:
        return [ranking.code, ranking.numerator, ranking.denominator]
    return [ranking.code]


def _units_by_code(user: Any, codes: list[str]) -> list[Unit]:
    """The units a snapshot lists below its unit, as far as the user may see them (one query)."""
    return list(visible_to(user, Unit.objects.filter(code__in=codes)).order_by("path"))


# -- charts -------------------------------------------------------------------------------------------


def _number(value: Number | None) -> float | None:
    return None if value is None else float(value)


def chart_data(board: Dashboard) -> dict[str, Any]:
    """What the page's charts draw (the tables beside them carry the same figures without script)."""
    ranking = board.ranking
    labels = {c: (i.label if (i := indicators.get(c)) else c) for c in board.trend_codes}
    measures = {c: (i.unit if (i := indicators.get(c)) else "") for c in board.trend_codes}
    return {
        "ranking": {
            "label": ranking.label if ranking else "",
            "percent": bool(ranking and ranking.unit == "%"),
            "units": [row.unit.name for row in board.ranked],
            "values": [_number(row.value) for row in board.ranked],
        },
        "trend": {
            "periods": [point.period.code for point in board.trend],
            "series": [
                {
                    "code": code,
                    "label": labels[code],
                    "percent": measures[code] == "%",
                    "values": [_number(point.values.get(code)) for point in board.trend],
                }
                for code in board.trend_codes
            ],
        },
    }
