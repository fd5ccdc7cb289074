"""The dashboard: the registry's figures, ranking, trend, plan, drill links, scope and snapshots."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from qpdp.core import indicators
from qpdp.core.periods import parse_period
from qpdp.reports import dashboard, services
from qpdp.reports.dashboard import dashboard_of, trend_periods
from qpdp.reports.figures import all_codes, compute_figures
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, enlist, quota_of

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 12, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

ENLISTED, QUOTA, COMPLETION = "conscription.enlisted", "conscription.quota", "conscription.completion"
URL = "/bao-cao/bang-dieu-khien/"


@pytest.fixture
def history(tree: Tree) -> dict[str, Any]:
    """2024, 2025 in the old communes; 2026: A 4 of 4, B 2 of 3, C 2 of 3 (B and C tie)."""
    intakes = call_up_history(tree)
    quota_of(intakes["2026"], tree.commune_c, 3)
    enlist(intakes["2026"], tree.commune_c, 2)
    return intakes


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def headline(board: dashboard.Dashboard, code: str) -> dashboard.Figure:
    return next(f for f in board.headline if f.code == code)


# -- figures ------------------------------------------------------------------------------------------


def test_dashboard_figures_equal_the_registry_values_for_the_unit_and_period(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    period = parse_period("2026")
    codes = all_codes()

    board = dashboard_of(user=province_officer, unit=tree.province, period=period)

    expected = indicators.values_for(codes, tree.province.path, period, [tree.province.path])
    shown = {row.comparison.code: row.comparison.value for area in board.areas for row in area.rows}
    assert shown == {code: expected[code][tree.province.path] for code in codes}
    completion = headline(board, COMPLETION)
    assert (completion.value, completion.numerator.value, completion.denominator.value) == (  # type: ignore[union-attr]
        Decimal("80.0"),
        8,
        10,
    )
    assert board.source == dashboard.SOURCE_LIVE


def test_units_below_are_ranked_by_completion_and_equal_figures_share_a_place(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    board = dashboard_of(user=province_officer, unit=tree.province, period=parse_period("2026"))

    assert [(r.unit.code, r.rank, r.value, r.numerator, r.denominator) for r in board.ranked] == [
        ("90001", 1, Decimal("100.0"), 4, 4),
        ("90002", 2, Decimal("66.7"), 2, 3),
        ("90003", 2, Decimal("66.7"), 2, 3),
    ]
    assert [r.share for r in board.ranked] == [100, 66, 66]
    assert board.ranking is not None
    assert board.ranking.code == COMPLETION


def test_a_unit_without_a_figure_is_ranked_last_without_a_place(tree: Tree, province_officer: Any) -> None:
    call_up_history(tree)

    board = dashboard_of(user=province_officer, unit=tree.province, period=parse_period("2026"))

    assert [(r.unit.code, r.rank) for r in board.ranked] == [("90001", 1), ("90002", 2), ("90003", None)]


def test_ranking_by_another_indicator_ranks_by_its_value(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    board = dashboard_of(user=province_officer, unit=tree.province, period=parse_period("2026"), rank=QUOTA)

    assert [(r.unit.code, r.rank, r.value) for r in board.ranked] == [
        ("90001", 1, 4),
        ("90002", 2, 3),
        ("90003", 2, 3),
    ]
    assert board.trend_codes == [QUOTA]


def test_the_trend_follows_the_ranking_figure_over_five_years_across_the_reorganisation(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    board = dashboard_of(user=province_officer, unit=tree.province, period=parse_period("2026"))

    assert [p.period.code for p in board.trend] == ["2022", "2023", "2024", "2025", "2026"]
    assert board.trend_codes == [COMPLETION, ENLISTED, QUOTA]
    by_year = {p.period.code: p.values for p in board.trend}
    # 2024 and 2025 were typed in under the old communes: the new province counts them.
    assert by_year["2024"] == {COMPLETION: Decimal("85.7"), ENLISTED: 6, QUOTA: 7}
    assert by_year["2025"] == {COMPLETION: Decimal("100.0"), ENLISTED: 4, QUOTA: 4}
    assert by_year["2022"] == {COMPLETION: None, ENLISTED: 0, QUOTA: 0}
    live = compute_figures(tree.province, parse_period("2024"), board.trend_codes).of()
    assert by_year["2024"] == live


def test_plan_against_result_reads_the_targets_of_the_unit(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    services.set_target(
        actor=province_officer,
        unit=tree.province,
        code=ENLISTED,
        period_code="2026",
        value=10,
        programme="Đề án",
    )

    board = dashboard_of(user=province_officer, unit=tree.province, period=parse_period("2026"))

    assert [
        (r.comparison.code, r.comparison.target, r.comparison.value, r.comparison.completion)
        for r in board.plan
    ] == [(ENLISTED, 10, 8, Decimal("80.0"))]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("2026", ["2022", "2023", "2024", "2025", "2026"], id="year"),
        pytest.param("2026-H1", ["2022-H1", "2023-H1", "2024-H1", "2025-H1", "2026-H1"], id="half"),
        pytest.param("2021-2025", ["2021", "2022", "2023", "2024", "2025"], id="phase"),
        pytest.param("2026-01-01..2026-03-31", ["2022", "2023", "2024", "2025", "2026"], id="range"),
    ],
)
def test_trend_periods(code: str, expected: list[str]) -> None:
    assert [p.code for p in trend_periods(parse_period(code))] == expected


def test_period_choices_offer_years_halves_phases_and_the_period_shown() -> None:
    codes = [c for c, _ in dashboard.period_choices(parse_period("2019"), dt.date(2026, 12, 20))]

    assert codes[0] == "2019"
    assert {"2027", "2026", "2022", "2026-H1", "2026-H2", "2026-2030", "2021-2025"} <= set(codes)


# -- snapshots ----------------------------------------------------------------------------------------


def test_a_snapshot_is_read_when_present_in_a_few_queries(
    tree: Tree, history: Any, province_officer: Any, django_assert_max_num_queries: Any
) -> None:
    period = parse_period("2026")
    live = dashboard_of(user=province_officer, unit=tree.province, period=period, live=True)
    for year in range(2022, 2027):
        services.freeze_snapshot(actor=province_officer, unit=tree.province, period_code=str(year))

    with django_assert_max_num_queries(6):
        board = dashboard_of(user=province_officer, unit=tree.province, period=period)

    assert board.source == dashboard.SOURCE_SNAPSHOT
    assert board.computed_at is not None
    assert all(point.source == dashboard.SOURCE_SNAPSHOT for point in board.trend)
    assert [(r.unit.code, r.rank, r.value) for r in board.ranked] == [
        (r.unit.code, r.rank, r.value) for r in live.ranked
    ]
    assert [f.value for f in board.headline] == [f.value for f in live.headline]
    assert [p.values for p in board.trend] == [p.values for p in live.trend]


def test_live_computes_now_even_with_a_snapshot(tree: Tree, history: Any, province_officer: Any) -> None:
    services.freeze_snapshot(actor=province_officer, unit=tree.province, period_code="2026")
    enlist(history["2026"], tree.commune_a, 1, on=dt.date(2026, 11, 2))

    frozen = dashboard_of(user=province_officer, unit=tree.province, period=parse_period("2026"))
    live = dashboard_of(user=province_officer, unit=tree.province, period=parse_period("2026"), live=True)

    assert headline(frozen, COMPLETION).numerator.value == 8  # type: ignore[union-attr]
    assert headline(live, COMPLETION).numerator.value == 9  # type: ignore[union-attr]
    assert live.source == dashboard.SOURCE_LIVE


# -- the page -----------------------------------------------------------------------------------------


def test_the_page_shows_the_province_and_links_each_figure_to_its_records_or_a_unit_below(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    response = client_of(province_officer).get(URL, {"unit": "90", "period": "2026"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "80,0%" in page
    records = reverse("conscription:indicator_records")
    assert f"{records}?indicator=conscription.completion&amp;unit=90&amp;period=2026" in page
    assert f"{records}?indicator=conscription.completion&amp;unit=90001&amp;period=2026" in page
    assert f"{URL}?unit=90001&amp;period=2026&amp;rank=conscription.completion" in page
    charts = json.loads(json.dumps(response.context["charts"]))
    assert charts["ranking"]["units"] == ["Xã An Bình", "Phường Đông Hòa", "Xã Yên Lạc"]
    assert charts["ranking"]["values"] == [100.0, 66.7, 66.7]
    assert charts["trend"]["periods"] == ["2022", "2023", "2024", "2025", "2026"]


def test_the_working_unit_and_this_year_are_the_default(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    response = client_of(commune_officer_a).get(URL)

    board = response.context["board"]
    assert (board.unit.code, board.period.code) == ("90001", "2026")
    assert board.ranked == []  # a commune has no unit below it
    assert [u.code for u in board.ancestors] == []  # the province is out of the commune officer's scope


def test_a_village_counts_at_its_commune(tree: Tree, history: Any, commune_officer_a: Any) -> None:
    response = client_of(commune_officer_a).get(URL, {"unit": tree.village_a1.code, "period": "2026"})

    assert response.context["board"].unit.code == "90001"


def test_commune_b_officer_gets_404_on_commune_a_dashboard(
    tree: Tree, history: Any, commune_officer_b: Any
) -> None:
    response = client_of(commune_officer_b).get(URL, {"unit": "90001", "period": "2026"})

    assert response.status_code == 404


def test_drill_links_of_a_commune_stay_in_its_scope(tree: Tree, history: Any, province_officer: Any) -> None:
    board = client_of(province_officer).get(URL, {"unit": "90001", "period": "2026"}).context["board"]

    assert [u.code for u in board.ancestors] == ["90"]  # the nation is above the province officer's scope
    links = [f.records_url for f in board.headline if f.records_url]
    assert links
    assert all("unit=90001" in link for link in links)


def test_the_records_behind_the_province_completion_list_the_enlisted_citizens_by_name(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    board = dashboard_of(user=province_officer, unit=tree.province, period=parse_period("2026"))
    link = headline(board, COMPLETION).records_url

    response = client_of(province_officer).get(link)

    assert response.status_code == 200
    page = response.content.decode()
    enlisted = history["2026"].callups.select_related("citizen").filter(commune=tree.commune_a)
    names = [c.citizen.full_name for c in enlisted]
    assert len(names) == 4
    assert all(name in page for name in names)


def test_a_bad_period_is_explained_and_this_year_shown(tree: Tree, province_officer: Any) -> None:
    response = client_of(province_officer).get(URL, {"period": "năm ngoái"})

    assert response.status_code == 200
    assert response.context["period"].code == "2026"
    assert "Không hiểu kỳ báo cáo" in response.content.decode()


def test_the_page_reads_a_snapshot_in_a_bounded_number_of_queries(
    tree: Tree, history: Any, province_officer: Any, django_assert_max_num_queries: Any
) -> None:
    for year in range(2022, 2027):
        services.freeze_snapshot(actor=province_officer, unit=tree.province, period_code=str(year))
    client = client_of(province_officer)

    with django_assert_max_num_queries(16):
        response = client.get(URL, {"unit": "90", "period": "2026"})

    assert response.context["board"].source == dashboard.SOURCE_SNAPSHOT
    assert "Số liệu đã tính lúc" in response.content.decode()
