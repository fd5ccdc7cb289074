"""Snapshots: every indicator frozen with its provenance; one used by a submitted report never changes."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qpdp.core import indicators
from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry
from qpdp.core.periods import parse_period
from qpdp.reports import selectors, services
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
    assert selectors.area_records(tree.commune_a, parse_period("2030"))["conscription"] is False
    assert selectors.area_records(tree.commune_a, parse_period("2025"))["conscription"] is True


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
