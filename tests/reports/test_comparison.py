"""Figures and comparisons: targets, the previous period, and the 2025 reorganisation (ratio of sums)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qpdp.core.periods import parse_period
from qpdp.org.models import UnitSuccession
from qpdp.org.rules import TWO_TIER_FROM
from qpdp.reports import rules, services
from qpdp.reports.comparison import compare
from qpdp.reports.figures import compute_figures, subordinate_units
from tests.factories import UnitFactory
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, enlist, intake_of, quotas

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

ENLISTED, QUOTA, COMPLETION = "conscription.enlisted", "conscription.quota", "conscription.completion"
CODES = [ENLISTED, QUOTA, COMPLETION]


def by_code(rows: list[Any]) -> dict[str, Any]:
    return {row.code: row for row in rows}


def test_a_new_commune_before_the_reorganisation_adds_up_its_old_communes(tree: Tree) -> None:
    call_up_history(tree)

    figures = compute_figures(tree.commune_a, parse_period("2024"), CODES)

    # A1: 3 of 3, A2: 1 of 2 — the old B's 2 of 2 belong to commune B.
    assert figures.of() == {ENLISTED: 4, QUOTA: 5, COMPLETION: Decimal("80.0")}
    assert {(f.predecessor, f.successor) for f in figures.folds} == {
        (tree.legacy_commune_a1.path, tree.commune_a.path),
        (tree.legacy_commune_a2.path, tree.commune_a.path),
    }


def test_a_ratio_across_old_communes_is_the_ratio_of_their_sums_not_the_average(tree: Tree) -> None:
    call_up_history(tree)

    value = compute_figures(tree.commune_a, parse_period("2024"), [COMPLETION]).of()[COMPLETION]

    average_of_ratios = (Decimal(100) * 3 / 3 + Decimal(100) * 1 / 2) / 2
    assert value == Decimal("80.0") != average_of_ratios


def test_the_new_province_counts_its_old_communes_and_breaks_them_down_into_new_ones(tree: Tree) -> None:
    call_up_history(tree)
    period = parse_period("2024")
    below = subordinate_units(tree.province, period)

    figures = compute_figures(tree.province, period, CODES, nodes=[u.path for u in below])

    assert [u.code for u in below] == ["90001", "90002", "90003"]
    assert figures.of() == {ENLISTED: 6, QUOTA: 7, COMPLETION: Decimal("85.7")}
    assert figures.of(tree.commune_a.path)[ENLISTED] == 4
    assert figures.of(tree.commune_b.path) == {ENLISTED: 2, QUOTA: 2, COMPLETION: Decimal("100.0")}
    assert figures.of(tree.commune_c.path) == {ENLISTED: 0, QUOTA: 0, COMPLETION: None}


def test_a_year_across_1_july_2025_adds_the_first_half_of_the_old_communes(tree: Tree) -> None:
    call_up_history(tree)
    second_half = intake_of(tree.province, 2025, dt.date(2025, 9, 15))
    quotas(second_half, {tree.commune_a: 1})
    enlist(second_half, tree.commune_a, 1)

    year = compute_figures(tree.commune_a, parse_period("2025"), CODES).of()
    after = compute_figures(tree.commune_a, parse_period("2025-H2"), CODES)

    assert year == {ENLISTED: 5, QUOTA: 5, COMPLETION: Decimal("100.0")}
    assert after.of() == {ENLISTED: 1, QUOTA: 1, COMPLETION: Decimal("100.0")}
    assert after.folds == ()


def test_an_old_commune_gone_to_another_province_is_not_counted_by_the_new_province(tree: Tree) -> None:
    gone = UnitFactory(code="L90104", structure="legacy", parent=tree.legacy_district)
    UnitSuccession.objects.create(predecessor=gone, successor=tree.other_commune, effective_on=TWO_TIER_FROM)
    old = intake_of(tree.legacy_province, 2024, dt.date(2024, 2, 26))
    enlist(old, gone, 3)
    enlist(old, tree.legacy_commune_a1, 1)

    province = compute_figures(tree.province, parse_period("2024"), [ENLISTED]).of()
    other = compute_figures(tree.other_province, parse_period("2024"), [ENLISTED]).of()

    assert (province[ENLISTED], other[ENLISTED]) == (1, 3)


def test_an_old_commune_split_between_two_new_ones_counts_once_above_them_and_is_marked(tree: Tree) -> None:
    split = UnitFactory(code="L90105", structure="legacy", parent=tree.legacy_district)
    for new in (tree.commune_a, tree.commune_c):
        UnitSuccession.objects.create(
            predecessor=split, successor=new, effective_on=TWO_TIER_FROM, partial=True
        )
    enlist(intake_of(tree.legacy_province, 2024, dt.date(2024, 2, 26)), split, 2)
    period = parse_period("2024")

    commune = compute_figures(tree.commune_a, period, [ENLISTED])
    province = compute_figures(
        tree.province, period, [ENLISTED], nodes=[tree.commune_a.path, tree.commune_c.path]
    )

    assert (commune.of()[ENLISTED], tree.commune_a.path in commune.approximate) == (2, True)
    assert province.of()[ENLISTED] == 2  # once, not 2 + 2
    assert province.approximate == {tree.commune_a.path, tree.commune_c.path}


def test_an_old_unit_over_its_own_period_is_not_folded_into_anything(tree: Tree) -> None:
    call_up_history(tree)

    old = compute_figures(tree.legacy_commune_a1, parse_period("2024"), CODES)
    nation = compute_figures(tree.nation, parse_period("2024"), [ENLISTED], nodes=[tree.legacy_province.path])

    assert (old.of(), old.folds) == ({ENLISTED: 3, QUOTA: 3, COMPLETION: Decimal("100.0")}, ())
    assert nation.of() == {ENLISTED: 6}
    assert nation.of(tree.legacy_province.path) == {ENLISTED: 6}


def test_compare_gives_target_previous_period_change_and_completion(
    tree: Tree, province_officer: Any
) -> None:
    call_up_history(tree)
    services.set_target(
        actor=province_officer,
        unit=tree.commune_a,
        code=ENLISTED,
        period_code="2025",
        value=5,
        set_by_unit=tree.province,
    )

    rows = by_code(compare(tree.commune_a, parse_period("2025"), CODES))

    enlisted = rows[ENLISTED]
    assert (enlisted.value, enlisted.target, enlisted.previous, enlisted.previous_period) == (4, 5, 4, "2024")
    assert (enlisted.delta, enlisted.completion) == (0, Decimal("80.0"))
    assert enlisted.previous_folded
    completion = rows[COMPLETION]
    assert (completion.value, completion.previous, completion.delta) == (
        Decimal("100.0"),
        Decimal("80.0"),
        Decimal("20.0"),
    )
    assert (completion.target, completion.completion) == (None, None)


def test_compare_without_records_has_zero_sums_and_unknown_ratios(tree: Tree) -> None:
    rows = by_code(compare(tree.commune_c, parse_period("2026"), CODES))

    assert (rows[ENLISTED].value, rows[COMPLETION].value, rows[COMPLETION].delta) == (0, None, None)


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        pytest.param(4, 5, Decimal("80.0"), id="part"),
        pytest.param(6, 5, Decimal("120.0"), id="over"),
        pytest.param(Decimal("95.5"), 100, Decimal("95.5"), id="ratio-target"),
        pytest.param(3, None, None, id="no-target"),
        pytest.param(3, 0, None, id="zero-target"),
        pytest.param(None, 5, None, id="no-value"),
    ],
)
def test_completion_is_value_over_target(value: Any, target: Any, expected: Any) -> None:
    assert rules.completion(value, target) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("2025", "2026"), ("2025-H1", "2025-H2"), ("2025-H2", "2026-H1"), ("2015-2020", "2021-2026")],
)
def test_the_next_period_is_of_the_same_kind(code: str, expected: str) -> None:
    assert rules.next_period(parse_period(code)).code == expected


def test_figures_round_trip_through_snapshot_text() -> None:
    for value in (0, 12, Decimal("66.7"), None):
        assert rules.figure_value(rules.figure_text(value)) == value
