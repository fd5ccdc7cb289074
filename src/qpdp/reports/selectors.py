"""Report reads: the indicator catalogue and values, targets, reports and their frozen figures — scoped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from qpdp.awards.models import Conference
from qpdp.core import indicators
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.indicators import Indicator
from qpdp.core.periods import Period
from qpdp.org.access import user_allows
from qpdp.org.models import Unit
from qpdp.org.scope import get_visible_or_404, primary_path, visible_to
from qpdp.reports import rules
from qpdp.reports.choices import AREA_NOTE_PREFIX, REPORT_AREAS
from qpdp.reports.comparison import Comparison, snapshot_comparison, targets_for
from qpdp.reports.figures import compute_figures
from qpdp.reports.models import Report, Snapshot, Target

UNKNOWN_INDICATOR = "Không có chỉ số mã “{code}” trong danh mục chỉ số."
NO_RECORDS = "chưa có số liệu"

# Which action a role must allow for each step of the workflow (see `report_actions`).
ACTION_RULES = {
    rules.EDIT: "reports.change",
    rules.SUBMIT: "reports.change",
    rules.RETURN: "reports.approve",
    rules.APPROVE: "reports.approve",
}


# -- indicators ---------------------------------------------------------------------------------------


def indicator_catalogue(area: str = "") -> list[Indicator]:
    return indicators.catalogue(area or None)


def checked_codes(codes: Sequence[str], field_name: str = "codes") -> list[str]:
    """The codes asked for, each registered (or a refusal naming every unknown one); all when none."""
    if not codes:
        return [i.code for i in indicators.catalogue()]
    unknown = [c for c in codes if indicators.get(c) is None]
    if unknown:
        raise DomainError([FieldProblem(field_name, UNKNOWN_INDICATOR.format(code=c)) for c in unknown])
    return list(dict.fromkeys(codes))


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    label: str
    measure: str
    unit: str  # the unit's code
    period: str
    value: Any
    target: Any
    approximate: bool


def indicator_values(*, unit: Unit, period: Period, codes: Sequence[str]) -> list[IndicatorValue]:
    """Live values of `codes` for a unit (the caller found it within scope) over a period, with targets.

    A unit of the current structure over a period before 01/07/2025 counts its predecessors' records.
    """
    wanted = checked_codes(codes)
    figures = compute_figures(unit, period, wanted)
    targets = targets_for(unit, period.code, wanted)
    approximate = unit.path in figures.approximate
    values = figures.of()
    items = []
    for code in wanted:
        indicator = indicators.get(code)
        assert indicator is not None
        items.append(
            IndicatorValue(
                code=code,
                label=indicator.label,
                measure=indicator.unit,
                unit=unit.code,
                period=period.code,
                value=values.get(code),
                target=targets.get(code),
                approximate=approximate,
            )
        )
    return items


# -- units --------------------------------------------------------------------------------------------


def own_unit(user: Any) -> Unit | None:
    """The unit where the user's scope starts: the default unit of a report or a query."""
    path = primary_path(user)
    return Unit.objects.filter(path=path).first() if path else None


# -- targets ------------------------------------------------------------------------------------------


def target_list(
    *, user: Any, unit: Unit | None = None, period_code: str = "", code: str = ""
) -> QuerySet[Target]:
    queryset = visible_to(user, Target.objects.select_related("unit", "set_by_unit"))
    if unit is not None:
        queryset = queryset.filter(unit_path__startswith=unit.path)
    if period_code:
        queryset = queryset.filter(period_code=period_code)
    if code:
        queryset = queryset.filter(indicator_code=code)
    return queryset


# -- conferences --------------------------------------------------------------------------------------


def visible_conference(*, user: Any, conference_id: int) -> Conference | None:
    """A review conference (of the awards area) within the user's scope, for a report to belong to."""
    return visible_to(user, Conference.objects.all()).filter(pk=conference_id).first()


# -- reports ------------------------------------------------------------------------------------------


def report_list(
    *, user: Any, unit: Unit | None = None, period_code: str = "", kind: str = "", status: str = ""
) -> QuerySet[Report]:
    queryset = visible_to(user, Report.objects.select_related("unit"))
    if unit is not None:
        queryset = queryset.filter(unit_path__startswith=unit.path)
    if period_code:
        queryset = queryset.filter(period_code=period_code)
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def report_detail(*, user: Any, report_id: int) -> Report:
    """One report within the user's scope; out of scope is 404, as for a report that does not exist."""
    return get_visible_or_404(
        user, Report.objects.select_related("unit", "snapshot", "approved_by", "created_by"), pk=report_id
    )


def report_actions(*, user: Any, report: Report) -> list[str]:
    """The workflow steps this user may take on the report now (edit, submit, return, approve)."""
    return [
        action
        for action, rule in ACTION_RULES.items()
        if rules.workflow_step(kind=report.kind, status=report.status, action=action).allowed
        and user_allows(user, rule)
    ]


@dataclass(frozen=True)
class AreaResult:
    """Part II of a report for one area: its figures, or the statement that it has no records yet."""

    code: str
    label: str
    has_records: bool
    rows: list[Comparison] = field(default_factory=list)
    note: str = ""  # the writer's text beside the figures

    @property
    def statement(self) -> str:
        return "" if self.has_records else NO_RECORDS


@dataclass(frozen=True)
class SubordinateFigures:
    code: str
    name: str
    values: dict[str, Any]


@dataclass(frozen=True)
class ReportContent:
    """Everything a report shows, read from its frozen snapshot (nothing live)."""

    report: Report
    snapshot: Snapshot
    areas: list[AreaResult]
    subordinates: list[SubordinateFigures]
    next_targets: list[tuple[str, str, Any]]  # (code, label, value) proposed for the next period
    next_period: str


def report_areas(snapshot: Snapshot) -> list[tuple[str, str]]:
    """The areas of part II: the usual ones in their order, then any other area the snapshot holds."""
    known = dict(REPORT_AREAS)
    extra = [(a, a) for a in snapshot.areas if a not in known]
    return [*REPORT_AREAS, *extra]


def report_content(report: Report) -> ReportContent:
    """The figures, by area, the subordinate units' figures and the next targets of a report that
    the caller fetched through `report_detail`."""
    snapshot = report.snapshot
    rows = {row.code: row for row in snapshot_comparison(snapshot)}
    areas = []
    for code, label in report_areas(snapshot):
        frozen = snapshot.areas.get(code, {})
        has_records = bool(frozen.get("has_records"))
        areas.append(
            AreaResult(
                code=code,
                label=label,
                has_records=has_records,
                rows=[rows[c] for c in frozen.get("codes", []) if c in rows] if has_records else [],
                note=report.sections.get(f"{AREA_NOTE_PREFIX}{code}", ""),
            )
        )
    names = dict(Unit.objects.filter(code__in=list(snapshot.subordinates)).values_list("code", "name"))
    subordinates = [
        SubordinateFigures(
            code=code,
            name=names.get(code, code),
            values={c: rules.figure_value(v) for c, v in values.items()},
        )
        for code, values in sorted(snapshot.subordinates.items())
    ]
    next_targets = []
    for code, value in report.next_targets.items():
        indicator = indicators.get(code)
        label = indicator.label if indicator else snapshot.provenance.get(code, {}).get("label", code)
        next_targets.append((code, label, rules.figure_value(value)))
    period = Period(snapshot.period_start, snapshot.period_end, snapshot.period_code)
    return ReportContent(
        report=report,
        snapshot=snapshot,
        areas=areas,
        subordinates=subordinates,
        next_targets=next_targets,
        next_period=rules.next_period(period).code,
    )
