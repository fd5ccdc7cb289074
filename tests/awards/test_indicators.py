"""Award indicators: registered, computed per unit and rolled up the tree (a province's decision at the
province node, an old district's at the district), revoked awards left out, and every figure opening the
records behind it — on the page, scoped."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qpdp.awards import rules, services
from qpdp.awards.indicators import AREA, RECORDS_URL
from qpdp.core import indicators
from qpdp.core.indicators import Aggregation
from qpdp.core.periods import parse_period
from tests.factories.awards import (
    campaign,
    conference,
    decide,
    draft_decision,
    line,
    pledge,
    provincial_decision,
)

pytestmark = pytest.mark.django_db

YEAR_2026 = parse_period("2026")
TABLES = ("award", "campaign", "pledge", "conference")


@pytest.fixture
def awarded(
    tree: Any, commune_officer_a: Any, province_officer: Any, journey: dict[str, Any]
) -> dict[str, Any]:
    """Commune A's chairman: giấy khen to 2 collectives and 3 individuals; the provincial command: giấy khen
    to commune A's command, with 2.000.000 đồng; a campaign of commune A with two pledges, reviewed; the
    province's campaign; commune A's year-end conference."""
    provincial = provincial_decision(
        province_officer,
        tree.province,
        tree.commune_a,
        detail="Ban CHQS xã",
        money=2_000_000,
        decided_on=dt.date(2026, 12, 5),
    )
    first = campaign(commune_officer_a, tree.commune_a)
    pledge(commune_officer_a, first)
    pledge(commune_officer_a, first, parties="Thôn 1 và Thôn 2")
    services.review_campaign(
        actor=commune_officer_a, campaign=first, reviewed_on=dt.date(2026, 10, 5), summary="Hoàn thành"
    )
    campaign(province_officer, tree.province, launched_by="Chỉ huy trưởng Bộ CHQS tỉnh")
    return {**journey, "provincial": provincial}


def code(name: str) -> str:
    return f"{AREA}.{name}"


def test_the_area_declares_its_indicators() -> None:
    catalogue = {i.code: i for i in indicators.catalogue(AREA)}

    for name in ("total", "collectives", "individuals", "households", "money"):
        assert code(name) in catalogue
    assert {code(f"form_{form}") for form in rules.FORMS} <= catalogue.keys()
    for name in ("issuer_commune", "issuer_district", "issuer_province", "issuer_military_region"):
        assert code(name) in catalogue
    for name in ("campaigns_launched", "campaigns_reviewed", "pledges", "conferences"):
        assert code(name) in catalogue
    for item in catalogue.values():
        assert item.aggregation is Aggregation.SUM
        assert item.records is not None
        assert item.records_url == RECORDS_URL
    assert catalogue[code("form_lao_dong_tien_tien")].label == "Danh hiệu “Lao động tiên tiến”"
    assert catalogue[code("form_giay_khen")].label == "Giấy khen"
    assert catalogue[code("money")].unit == "đồng"


def test_figures_per_unit_and_rolled_up(tree: Any, awarded: dict[str, Any]) -> None:
    conference(awarded["decision"].created_by, tree.commune_a, held_on=dt.date(2026, 12, 20))
    nodes = [tree.nation.path, tree.province.path, tree.commune_a.path, tree.commune_b.path]
    wanted = [
        code(name)
        for name in (
            "total",
            "collectives",
            "individuals",
            "households",
            "form_giay_khen",
            "form_bang_khen",
            "issuer_commune",
            "issuer_province",
            "money",
            "campaigns_launched",
            "campaigns_reviewed",
            "pledges",
            "conferences",
        )
    ]

    values = indicators.values_for(wanted, tree.nation.path, YEAR_2026, nodes)

    def at(name: str) -> tuple[int, int, int, int]:
        figures = values[code(name)]
        return (
            figures[tree.nation.path],
            figures[tree.province.path],
            figures[tree.commune_a.path],
            figures[tree.commune_b.path],
        )

    # The provincial command's decision counts at the province node, never inside commune A.
    assert at("total") == (6, 6, 5, 0)
    assert at("collectives") == (3, 3, 2, 0)
    assert at("individuals") == (3, 3, 3, 0)
    assert at("households") == (0, 0, 0, 0)
    assert at("form_giay_khen") == (6, 6, 5, 0)
    assert at("form_bang_khen") == (0, 0, 0, 0)
    assert at("issuer_commune") == (5, 5, 5, 0)
    assert at("issuer_province") == (1, 1, 0, 0)
    assert at("money") == (2_000_000, 2_000_000, 0, 0)
    assert at("campaigns_launched") == (2, 2, 1, 0)
    assert at("campaigns_reviewed") == (1, 1, 1, 0)
    assert at("pledges") == (2, 2, 2, 0)
    assert at("conferences") == (2, 2, 2, 0)


def test_figures_count_by_the_decisive_date(tree: Any, awarded: dict[str, Any]) -> None:
    nodes = [tree.province.path]
    first_half = indicators.values_for(
        [code("total"), code("campaigns_launched"), code("campaigns_reviewed"), code("pledges")],
        tree.province.path,
        parse_period("2026-H1"),
        nodes,
    )
    next_year = indicators.values_for([code("total")], tree.province.path, parse_period("2027"), nodes)

    assert first_half == {
        code("total"): {tree.province.path: 0},
        code("campaigns_launched"): {tree.province.path: 0},  # launched 01/07/2026
        code("campaigns_reviewed"): {tree.province.path: 0},
        code("pledges"): {tree.province.path: 0},
    }
    assert next_year[code("total")][tree.province.path] == 0


def test_revoked_awards_and_drafts_do_not_count(
    tree: Any, awarded: dict[str, Any], commune_leader_a: Any
) -> None:
    award = awarded["decision"].awards.filter(recipient_kind="individual").first()
    services.revoke_award(actor=commune_leader_a, award=award, revoked_on=dt.date(2026, 12, 20), reason="Sai")
    draft_decision(commune_leader_a, tree.commune_a, kind="household", name="Hộ ông Lê Văn Dũng")

    values = indicators.values_for(
        [code("total"), code("individuals"), code("households")],
        tree.province.path,
        YEAR_2026,
        [tree.commune_a.path],
    )

    assert values == {
        code("total"): {tree.commune_a.path: 4},
        code("individuals"): {tree.commune_a.path: 2},
        code("households"): {tree.commune_a.path: 0},
    }


def test_an_old_district_decision_rolls_up_its_own_tree(tree: Any, province_officer: Any) -> None:
    decide(
        province_officer,
        tree.legacy_district,
        issuer="district_chairman",
        decided_on=dt.date(2021, 12, 2),
        number="312/QĐ-UBND",
        lines=[
            line(recipient_kind="collective", recipient_name="Trung đội dân quân xã An", period_code="2021"),
            line(
                recipient_kind="individual",
                recipient_name="Hoàng Văn Minh",
                period_code="2021",
                form_code="lao_dong_tien_tien",
            ),
        ],
    )
    nodes = [tree.nation.path, tree.legacy_province.path, tree.legacy_district.path, tree.province.path]

    values = indicators.values_for(
        [code("total"), code("issuer_district"), code("form_lao_dong_tien_tien")],
        tree.nation.path,
        parse_period("2021"),
        nodes,
    )

    assert values[code("total")] == {
        tree.nation.path: 2,
        tree.legacy_province.path: 2,
        tree.legacy_district.path: 2,
        tree.province.path: 0,
    }
    assert values[code("issuer_district")][tree.legacy_province.path] == 2
    assert values[code("form_lao_dong_tien_tien")][tree.nation.path] == 1


def test_each_figure_opens_the_records_behind_it(tree: Any, awarded: dict[str, Any]) -> None:
    scope = tree.province.path
    for item in indicators.catalogue(AREA):
        assert item.records is not None
        assert item.compute is not None
        records = item.records(scope, YEAR_2026)
        figure = sum(item.compute(scope, YEAR_2026).values())
        if item.code == code("money"):
            assert sum(records.values_list("money", flat=True)) == figure
            assert records.count() == 1
        else:
            assert records.count() == figure, item.code
    names = {a.recipient_name for a in indicators.get(code("issuer_province")).records(scope, YEAR_2026)}  # type: ignore[union-attr]
    assert names == {"Xã An Bình"}


def test_every_figure_of_the_area_in_four_queries(tree: Any, awarded: dict[str, Any]) -> None:
    wanted = [i.code for i in indicators.catalogue(AREA)]

    with CaptureQueriesContext(connection) as captured:
        indicators.values_for(wanted, tree.nation.path, YEAR_2026, [tree.nation.path, tree.province.path])

    # The registry may set up its connection (PostgreSQL's JIT); the area reads each table once: the
    # award lines (every award sum and the money), the campaigns (launched, reviewed), pledges, conferences.
    read = [q["sql"] for q in captured.captured_queries if '"awards_' in q["sql"]]
    assert len(read) == 4
    assert [any(f'FROM "awards_{table}"' in sql for sql in read) for table in TABLES] == [True] * 4


# -- the records page ----------------------------------------------------------------------------------


def page(user: Any, **query: str) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(reverse("awards:indicator-records"), query)


def test_the_page_lists_the_figures_and_opens_their_records(
    tree: Any, awarded: dict[str, Any], commune_officer_a: Any, province_officer: Any
) -> None:
    catalogue = page(commune_officer_a, period="2026")
    total = page(commune_officer_a, period="2026", indicator=code("total"))
    province = page(province_officer, period="2026", indicator=code("issuer_province"))

    assert catalogue.status_code == 200
    assert "Khen thưởng (tập thể, cá nhân, hộ gia đình)" in catalogue.content.decode()
    assert total.status_code == 200
    body = total.content.decode()
    assert total.context["value"] == 5  # commune A's own: the province's decision is not his
    assert "Nguyễn Văn An" in body
    assert "125/QĐ-UBND" in body
    decision_url = reverse("awards:decision-detail", kwargs={"decision_id": awarded["decision"].pk})
    assert decision_url in body
    assert province.context["value"] == 1
    assert "88/QĐ-BCH" in province.content.decode()


def test_money_and_campaign_records_read_well(
    tree: Any, awarded: dict[str, Any], province_officer: Any
) -> None:
    money = page(province_officer, period="2026", indicator=code("money"))
    reviewed = page(province_officer, period="2026", indicator=code("campaigns_reviewed"))

    assert money.context["value"] == 2_000_000
    assert "2.000.000" in money.content.decode()
    [row] = reviewed.context["records"].rows
    assert row.day == dt.date(2026, 10, 5)
    assert row.title == "90 ngày hành động kiểu mẫu"


def test_the_page_keeps_to_scope(
    tree: Any, awarded: dict[str, Any], commune_officer_b: Any, region_officer: Any
) -> None:
    own = page(commune_officer_b, period="2026", indicator=code("total"))
    other_unit = page(commune_officer_b, period="2026", indicator=code("total"), unit=tree.commune_a.code)
    regional = page(region_officer, period="2026", indicator=code("total"))
    above = page(region_officer, period="2026", indicator=code("total"), unit=tree.province.code)

    assert own.status_code == 200
    assert own.context["value"] == 0
    assert list(own.context["records"].rows) == []
    assert other_unit.status_code == 404
    # A regional officer works in his province by default: his communes' sum, never the province's decision.
    assert regional.context["place"].path == tree.province.path
    assert regional.context["value"] == 5
    assert above.status_code == 404
    assert len(regional.context["records"].rows) == 5


def test_an_unknown_indicator_or_period_is_not_found(tree: Any, commune_officer_a: Any) -> None:
    assert page(commune_officer_a, indicator="conscription.enlisted").status_code == 404
    assert page(commune_officer_a, indicator="awards.nothing").status_code == 404
    assert page(commune_officer_a, period="hai nghìn").status_code == 404
