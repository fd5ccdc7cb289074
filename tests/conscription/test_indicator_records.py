"""The records behind a figure across the 2025 reorganisation: the old communes' records, the dashboard's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qpdp.conscription.choices import RegistrationKind
from qpdp.conscription.models import CallUp, Registration
from qpdp.core import indicators
from qpdp.core.periods import parse_period
from qpdp.org.models import Unit, UnitSuccession
from qpdp.org.rules import TWO_TIER_FROM
from qpdp.reports.figures import compute_figures
from tests.factories import UnitFactory
from tests.factories.conscription import man
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, enlist, intake_of

pytestmark = pytest.mark.django_db

RECORDS = reverse("conscription:indicator_records")
ENLISTED, QUOTA, COMPLETION = "conscription.enlisted", "conscription.quota", "conscription.completion"


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        yield


@pytest.fixture
def history(tree: Tree) -> dict[str, Any]:
    """call_up_history: 2024 and 2025-H1 on the old communes A1, A2 (and old B), 2026 on the new ones."""
    return call_up_history(tree)


def records_page(user: Any, **query: str) -> Any:
    client = Client()
    client.force_login(user)
    response = client.get(RECORDS, query)
    assert response.status_code == 200
    return response


def listed(response: Any) -> list[str]:
    """The names in every section of the page, in the order shown."""
    return [row.citizen.full_name for section in response.context["sections"] for row in section.rows]


def names_of(commune: Unit, year: int) -> list[str]:
    enlisted = CallUp.objects.filter(commune=commune, intake__year=year).select_related("citizen")
    return [c.citizen.full_name for c in enlisted]


def registered(commune: Unit, on: dt.date) -> Registration:
    """A first registration as it was made in its commune (history, written directly)."""
    return Registration.objects.create(
        citizen=man(commune),
        commune=commune,
        unit_path=commune.path,
        kind=RegistrationKind.FIRST,
        registered_on=on,
    )


def dashboard(unit: Unit, period: str, codes: list[str]) -> dict[str, Any]:
    return compute_figures(unit, parse_period(period), codes).of()


def test_commune_a_s_2025_figure_opens_the_records_of_its_old_communes(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    response = records_page(commune_officer_a, indicator=ENLISTED, period="2025", unit="90001")

    # The 2025 intake was handed over in February, before A was formed from A1 and A2.
    assert response.context["value"] == 4 == dashboard(tree.commune_a, "2025", [ENLISTED])[ENLISTED]
    assert sorted(listed(response)) == sorted(
        names_of(tree.legacy_commune_a1, 2025) + names_of(tree.legacy_commune_a2, 2025)
    )
    html = response.content.decode()
    assert '<div class="fs-3 fw-semibold" id="indicator-value">4 người</div>' in html
    assert "Xã An</td>" in html  # the old commune each record was made in
    assert "Thị trấn Đông Hòa" not in html  # old B's records belong to commune B
    assert response.context["predecessors"] == ["Xã An", "Xã Bình"]
    assert "gồm cả bản ghi của đơn vị cũ trước sắp xếp (Xã An, Xã Bình)" in html


def test_the_first_half_of_2025_lists_the_old_communes_records_too(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    response = records_page(commune_officer_a, indicator=ENLISTED, period="2025-H1", unit="90001")

    assert response.context["value"] == 4
    assert len(listed(response)) == 4


def test_after_1_july_2025_only_the_new_commune_s_records_count(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    response = records_page(commune_officer_a, indicator=ENLISTED, period="2026", unit="90001")

    assert response.context["value"] == 4 == dashboard(tree.commune_a, "2026", [ENLISTED])[ENLISTED]
    assert sorted(listed(response)) == sorted(names_of(tree.commune_a, 2026))
    assert 'id="indicator-predecessors"' not in response.content.decode()


def test_a_ratio_is_the_dashboard_s_ratio_of_sums_with_both_parts_listed(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    response = records_page(commune_officer_a, indicator=COMPLETION, period="2024", unit="90001")

    # A1: 3 of 3, A2: 1 of 2.
    assert (
        response.context["value"]
        == Decimal("80.0")
        == dashboard(tree.commune_a, "2024", [COMPLETION])[COMPLETION]
    )
    enlisted, quotas = response.context["sections"]
    assert (enlisted.count, quotas.count) == (4, 2)
    assert {row.unit.code for row in quotas.rows} == {"L90101", "L90102"}


def test_an_old_commune_gone_to_another_province_counts_there_not_here(tree: Tree, admin_user: Any) -> None:
    gone = UnitFactory(code="L90104", name="Xã Đi Xa", structure="legacy", parent=tree.legacy_district)
    UnitSuccession.objects.create(predecessor=gone, successor=tree.other_commune, effective_on=TWO_TIER_FROM)
    old = intake_of(tree.legacy_province, 2024, dt.date(2024, 2, 26))
    enlist(old, gone, 3)
    enlist(old, tree.legacy_commune_a1, 1)

    here = records_page(admin_user, indicator=ENLISTED, period="2024", unit="90")
    there = records_page(admin_user, indicator=ENLISTED, period="2024", unit="91")

    assert (here.context["value"], there.context["value"]) == (1, 3)
    assert (len(listed(here)), len(listed(there))) == (1, 3)
    assert here.context["value"] == dashboard(tree.province, "2024", [ENLISTED])[ENLISTED]
    assert there.context["value"] == dashboard(tree.other_province, "2024", [ENLISTED])[ENLISTED]


def test_an_old_commune_s_own_page_is_not_folded_into_anything(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    response = records_page(commune_officer_a, indicator=ENLISTED, period="2024", unit="L90101")

    assert response.context["value"] == 3
    assert sorted(listed(response)) == sorted(names_of(tree.legacy_commune_a1, 2024))


def test_a_regional_officer_sees_the_old_communes_of_his_communes_only(
    tree: Tree, history: Any, region_officer: Any
) -> None:
    enlist(history["2024"], tree.legacy_district, 1)

    response = records_page(region_officer, indicator=ENLISTED, period="2024")

    # Old A1, A2 and B (his communes' predecessors): 3 + 1 + 2; not the old district's own record.
    assert response.context["value"] == 6
    assert len(listed(response)) == 6


@pytest.mark.parametrize(
    "period", ["2024", "2025", "2025-H1", "2025-H2", "2026", "2021-2025", "2025-03-01..2025-12-31"]
)
@pytest.mark.parametrize(
    ("unit", "persona"), [("commune_a", "commune_officer_a"), ("province", "province_officer")]
)
def test_every_figure_of_the_page_is_the_dashboard_s(
    tree: Tree, history: Any, request: pytest.FixtureRequest, unit: str, persona: str, period: str
) -> None:
    user = request.getfixturevalue(persona)
    for commune, day in [
        (tree.legacy_commune_a1, dt.date(2024, 4, 10)),
        (tree.legacy_commune_a1, dt.date(2025, 4, 10)),
        (tree.legacy_commune_a2, dt.date(2025, 3, 1)),
        (tree.legacy_commune_b, dt.date(2025, 4, 10)),
        (tree.commune_a, dt.date(2025, 9, 1)),
    ]:
        registered(commune, day)
    place: Unit = getattr(tree, unit)
    codes = [i.code for i in indicators.catalogue("conscription")]

    response = records_page(user, period=period, unit=place.code)

    shown = {item.code: value for item, value in response.context["catalogue"]}
    assert shown == dashboard(place, period, codes)
    assert any(shown.values())
