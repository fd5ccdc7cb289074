"""Snapshots: every indicator frozen with its provenance; one used by a submitted report never changes."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qpdp.core import indicators
from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry
from qpdp.core.periods import parse_period
from qpdp.org.models import UnitSuccession
from qpdp.org.rules import TWO_TIER_FROM
from qpdp.reports import services
from qpdp.reports.documents import preview_snapshot
from qpdp.reports.models import SNAPSHOT_FROZEN, Snapshot
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, enlist, report_of, written

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

ENLISTED, QUOTA, COMPLETION = "conscription.enlisted", "conscription.quota", "conscription.completion"


def freeze(actor: Any, unit: Any, period: str = "2025") -> Snapshot:
    return services.freeze_snapshot(actor=actor, unit=unit, period_code=period)


def test_a_snapshot_holds_every_registered_indicator_with_its_provenance(
    tree: Tree, commune_officer_a: Any
) -> None:
    call_up_history(tree)

    snapshot = freeze(commune_officer_a, tree.commune_a)

    assert snapshot.codes == [i.code for i in indicators.catalogue()]
    assert set(snapshot.values) == set(snapshot.codes) == set(snapshot.provenance)
    assert (snapshot.values[ENLISTED], snapshot.values[QUOTA], snapshot.values[COMPLETION]) == (
        "4",
        "4",
        "100.0",
    )
    assert snapshot.provenance[ENLISTED]["records"] == 4
    assert snapshot.provenance[ENLISTED]["computed_at"] == snapshot.computed_at.isoformat()
    assert snapshot.provenance[QUOTA]["records"] == 2  # the two old communes' shares
    assert snapshot.provenance[COMPLETION]["from"] == [ENLISTED, QUOTA]
    assert (snapshot.period_start, snapshot.period_end, snapshot.period_closed) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
        True,
    )
    assert {f["predecessor"] for f in snapshot.folded} == {
        tree.legacy_commune_a1.path,
        tree.legacy_commune_a2.path,
    }
    assert snapshot.subordinates == {}  # a commune's villages hold no records of their own
    assert len(snapshot.registry_version) == 12


def test_it_freezes_the_previous_period_and_the_targets_beside_the_figures(
    tree: Tree, commune_officer_a: Any, province_officer: Any
) -> None:
    call_up_history(tree)
    services.set_target(
        actor=province_officer,
        unit=tree.commune_a,
        code=ENLISTED,
        period_code="2025",
        value=4,
        set_by_unit=tree.province,
    )

    snapshot = freeze(commune_officer_a, tree.commune_a)

    assert (snapshot.previous_period_code, snapshot.previous[ENLISTED], snapshot.previous[COMPLETION]) == (
        "2024",
        "4",
        "80.0",
    )
    assert snapshot.previous_folded
    assert snapshot.targets == {ENLISTED: "4"}


def test_a_provinces_snapshot_breaks_the_figures_down_by_commune(tree: Tree, province_officer: Any) -> None:
    call_up_history(tree)

    snapshot = freeze(province_officer, tree.province, "2026")

    assert snapshot.values[ENLISTED] == "6"
    assert {code: values[ENLISTED] for code, values in snapshot.subordinates.items()} == {
        "90001": "4",
        "90002": "2",
        "90003": "0",
    }
    assert snapshot.subordinates["90003"][COMPLETION] is None
    assert snapshot.period_closed is False


def test_areas_say_whether_any_record_stands_behind_their_figures(tree: Tree, commune_officer_a: Any) -> None:
    call_up_history(tree)

    with_records = freeze(commune_officer_a, tree.commune_a)
    without = freeze(commune_officer_a, tree.commune_a, "2030")

    assert with_records.areas["conscription"]["has_records"] is True
    assert without.areas["conscription"]["has_records"] is False
    assert ENLISTED in without.areas["conscription"]["codes"]
    # A preview (a report not drafted yet) says the same, saving nothing.
    assert preview_snapshot(tree.commune_a, parse_period("2030")).areas == without.areas
    assert preview_snapshot(tree.commune_a, parse_period("2025")).areas == with_records.areas
    assert Snapshot.objects.count() == 2


# -- many units at once (a batch) ---------------------------------------------------------------------

COMPARED = [
    "unit_id",
    "unit_path",
    "period_code",
    "period_start",
    "period_end",
    "period_closed",
    "codes",
    "registry_version",
    "values",
    "subordinates",
    "areas",
    "folded",
    "approximate",
    "previous_period_code",
    "previous",
    "previous_folded",
    "targets",
]


def comparable(snapshot: Snapshot) -> dict[str, Any]:
    """What a snapshot says, without when it was computed."""
    said = {name: getattr(snapshot, name) for name in COMPARED}
    said["provenance"] = {
        code: {key: value for key, value in entry.items() if key != "computed_at"}
        for code, entry in snapshot.provenance.items()
    }
    return said


@pytest.fixture
def split_history(tree: Tree, province_officer: Any) -> list[Any]:
    """The call-up history, old commune B split between new communes B and C, targets of commune A and
    the province; the province and its communes, as a batch lists them."""
    call_up_history(tree)
    UnitSuccession.objects.filter(predecessor=tree.legacy_commune_b).update(partial=True)
    UnitSuccession.objects.create(
        predecessor=tree.legacy_commune_b, successor=tree.commune_c, effective_on=TWO_TIER_FROM, partial=True
    )
    for unit, value in ((tree.commune_a, 4), (tree.province, 7)):
        for period in ("2025", "2026"):
            services.set_target(
                actor=province_officer,
                unit=unit,
                code=ENLISTED,
                period_code=period,
                value=value,
                set_by_unit=tree.province if unit != tree.province else None,
                programme="" if unit != tree.province else "Kế hoạch tuyển quân năm",
            )
    return [tree.province, tree.commune_a, tree.commune_b, tree.commune_c]


@pytest.mark.parametrize("period", ["2024", "2025", "2025-H2", "2026", "2024-2026"])
def test_freezing_many_units_at_once_gives_each_its_own_figures(
    split_history: list[Any], tree: Tree, province_officer: Any, period: str
) -> None:
    together = services.freeze_snapshots(
        actor=province_officer, top=tree.province, units=split_history, period_code=period
    )
    said_together = [comparable(s) for s in together]

    alone = [freeze(province_officer, unit, period) for unit in split_history]

    assert [s.pk for s in alone] == [s.pk for s in together]  # the open snapshots, recomputed
    assert said_together == [comparable(s) for s in alone]
    if period == "2025":
        commune_b = said_together[2]
        assert commune_b["approximate"] is True  # old commune B went to B and C
        assert commune_b["values"][ENLISTED] == "0"


def test_freezing_many_units_costs_a_few_queries_per_unit(
    split_history: list[Any], tree: Tree, province_officer: Any
) -> None:
    def queries(units: list[Any]) -> int:
        with CaptureQueriesContext(connection) as captured:
            services.freeze_snapshots(
                actor=province_officer, top=tree.province, units=units, period_code="2025"
            )
        return len(captured.captured_queries)

    two, four = queries(split_history[:2]), queries(split_history)

    # Each unit more: its open snapshot, the snapshot and its audit entry — the figures and the units
    # below are read once for all.
    assert four - two <= 2 * 4


def test_freezing_many_units_keeps_to_scope(tree: Tree, commune_officer_a: Any) -> None:
    with pytest.raises(DomainError) as refused:
        services.freeze_snapshots(
            actor=commune_officer_a,
            top=tree.commune_a,
            units=[tree.commune_a, tree.commune_b],
            period_code="2026",
        )

    assert "Không tìm thấy đơn vị “90002”" in str(refused.value)
    assert not Snapshot.objects.exists()


def test_freezing_again_recomputes_the_open_snapshot_and_audits_it(
    tree: Tree, commune_officer_a: Any
) -> None:
    history = call_up_history(tree)
    first = freeze(commune_officer_a, tree.commune_a, "2026")
    enlist(history["2026"], tree.commune_a, 1)

    again = freeze(commune_officer_a, tree.commune_a, "2026")

    assert again.pk == first.pk
    assert again.values[ENLISTED] == "5"
    actions = list(AuditEntry.objects.filter(object_id=str(first.pk)).values_list("action", flat=True))
    assert actions == ["reports.snapshot.frozen", "reports.snapshot.recomputed"]


def test_a_snapshot_used_by_a_submitted_report_never_changes(tree: Tree, commune_officer_a: Any) -> None:
    history = call_up_history(tree)
    report = written(commune_officer_a, report_of(commune_officer_a, tree.commune_a, "2026"))
    services.submit_report(actor=commune_officer_a, report=report)
    locked = Snapshot.objects.get(pk=report.snapshot_id)
    enlist(history["2026"], tree.commune_a, 1)

    fresh = freeze(commune_officer_a, tree.commune_a, "2026")
    locked.values = {ENLISTED: "999"}
    with pytest.raises(DomainError) as refused:
        locked.save()
    with pytest.raises(DomainError):
        locked.delete()

    assert str(refused.value) == SNAPSHOT_FROZEN
    assert locked.locked_at is not None
    assert fresh.pk != locked.pk
    assert fresh.values[ENLISTED] == "5"
    assert Snapshot.objects.get(pk=locked.pk).values[ENLISTED] == "4"


def test_freezing_is_refused_outside_scope_for_a_village_or_a_bad_period(
    tree: Tree, commune_officer_b: Any, commune_officer_a: Any
) -> None:
    cases = [
        (commune_officer_b, tree.commune_a, "2025", "unit"),
        (commune_officer_a, tree.village_a1, "2025", "unit"),
        (commune_officer_a, tree.commune_a, "2025-H3", "period"),
    ]
    for actor, unit, period, field in cases:
        with pytest.raises(DomainError) as refused:
            freeze(actor, unit, period)
        assert list(refused.value.by_field()) == [field]
    assert Snapshot.objects.count() == 0
