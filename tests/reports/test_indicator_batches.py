"""The registry's batches give what each of their sums computes alone, and a sum that counts its records
is its own count of records — over the demo year of both areas, for several scopes and periods."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pytest

from qpdp.awards import services as award_services
from qpdp.awards.demo_data import generate_demo_awards
from qpdp.awards.models import Award
from qpdp.conscription.demo_data import generate_demo_cycle
from qpdp.core import indicators
from qpdp.core.indicators import Aggregation, BatchQuery, Indicator
from qpdp.core.periods import parse_period
from tests.factories.awards import person, provincial_decision
from tests.factories.conscription import man
from tests.factories.org import Tree
from tests.factories.reports import enlist, intake_of, quotas

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
PERIODS = ["2024", "2025", "2025-H2", "2026", "2024-2026", "2025-02-21..2026-03-04"]


@pytest.fixture
def year_of_records(tree: Tree, province_officer: Any) -> None:
    """The demo year of both areas in province 90, the old communes' call-up of 2025, and two provincial
    awards with money, one of them revoked."""
    for index in range(60):
        man(
            tree.commune_a if index % 2 else tree.commune_b,
            born=dt.date(1999 + index % 12, 1 + index % 12, 3),
        )
    for index in range(12):
        person(tree.commune_a, f"Nguyễn Văn Mẫu {index:02d}")
    generate_demo_cycle(tree.province, seed=5, today=TODAY)
    generate_demo_awards(tree.province, seed=5, today=TODAY)
    old_2025 = intake_of(tree.legacy_province, 2025, dt.date(2025, 2, 20))
    quotas(old_2025, {tree.legacy_commune_a1: 2, tree.legacy_commune_a2: 2})
    enlist(old_2025, tree.legacy_commune_a1, 2)
    enlist(old_2025, tree.legacy_commune_a2, 1)
    provincial_decision(
        province_officer, tree.province, tree.commune_b, money=1_500_000, decided_on=dt.date(2026, 5, 8)
    )
    revoked = provincial_decision(
        province_officer,
        tree.province,
        tree.commune_c,
        money=900_000,
        number="89/QĐ-BCH",
        decided_on=dt.date(2026, 5, 9),
    )
    award_services.revoke_award(
        actor=province_officer,
        award=Award.objects.get(decision=revoked),
        revoked_on=dt.date(2026, 6, 1),
        reason="Khen nhầm đối tượng",
    )


def batches() -> dict[int, tuple[BatchQuery, list[Indicator]]]:
    grouped: dict[int, tuple[BatchQuery, list[Indicator]]] = {}
    for indicator in indicators.catalogue():
        if indicator.batch is not None:
            grouped.setdefault(id(indicator.batch), (indicator.batch, []))[1].append(indicator)
    return grouped


def non_zero(values: Any) -> dict[str, int]:
    return {path: int(value) for path, value in values.items() if value}


def test_each_batch_gives_what_its_sums_compute_alone(tree: Tree, year_of_records: None) -> None:
    grouped = batches()
    assert {indicator.area for _, members in grouped.values() for indicator in members} == {
        "conscription",
        "awards",
    }
    checked: dict[str, int] = defaultdict(int)
    for scope in (tree.nation, tree.province, tree.commune_a, tree.legacy_province):
        for code in PERIODS:
            period = parse_period(code)
            for batch, members in grouped.values():
                together = batch([m.code for m in members], scope.path, period)
                for member in members:
                    assert member.compute is not None
                    alone = non_zero(member.compute(scope.path, period))
                    assert non_zero(together.get(member.code, {})) == alone, (member.code, scope.code, code)
                    checked[member.code] += sum(alone.values())
                # A batch asked for some of its sums gives the same as for all.
                some = [m.code for m in members[::2]]
                assert {c: non_zero(v) for c, v in batch(some, scope.path, period).items()} == {
                    c: non_zero(together.get(c, {})) for c in some
                }
    # The records made the comparison mean something: every batch has sums that were not zero.
    for _, members in grouped.values():
        assert any(checked[m.code] for m in members), [m.code for m in members]
    assert sum(1 for total in checked.values() if total) >= 20


def test_a_sum_that_counts_its_records_is_its_own_count(tree: Tree, year_of_records: None) -> None:
    counting = [i for i in indicators.catalogue() if i.counts_records]
    assert counting
    assert all(i.aggregation is Aggregation.SUM for i in counting)
    assert not indicators.get("awards.money").counts_records  # type: ignore[union-attr]
    assert not indicators.get("conscription.quota").counts_records  # type: ignore[union-attr]
    for scope in (tree.nation, tree.province, tree.commune_a):
        for code in PERIODS:
            period = parse_period(code)
            for indicator in counting:
                assert indicator.compute is not None
                assert indicator.records is not None
                figure = sum(indicator.compute(scope.path, period).values())
                assert indicator.records(scope.path, period).count() == figure, (indicator.code, code)
