"""People reads: the scoped citizen list — keyset pages in Vietnamese order, search, filters, query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404

from qpdp.org.models import User
from qpdp.people.models import Citizen
from qpdp.people.selectors import CitizenFilters, citizen_detail, citizen_list
from tests.factories import CitizenFactory, valid_personal_id
from tests.factories.org import Tree

# Scope (role units, command jurisdiction, predecessors, their paths) and the page itself.
LIST_QUERIES = 5

NAMES_IN_VIETNAMESE_ORDER = [
    "Trần Văn An",
    "Lê Văn Anh",
    "Nguyễn Văn Bình",
    "Phạm Thị Dung",
    "Hoàng Văn Đức",
    "Võ Thị Em",
    "Đỗ Văn Hùng",
]


def _names(citizens: list[Citizen]) -> list[str]:
    return [c.full_name for c in citizens]


def _fresh(user: Any) -> Any:
    """The same user without the scope cached on the object, as at the start of a request."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def register_of_a(tree: Tree) -> list[Citizen]:
    """Seven citizens of commune A, created in an order unrelated to the Vietnamese order."""
    return [
        CitizenFactory(commune=tree.commune_a, full_name=name) for name in reversed(NAMES_IN_VIETNAMESE_ORDER)
    ]


def test_citizen_list_walks_keyset_pages_in_vietnamese_order(
    register_of_a: list[Citizen], commune_officer_a: Any
) -> None:
    first = citizen_list(user=commune_officer_a, filters=CitizenFilters(), page_size=3)
    second = citizen_list(
        user=commune_officer_a, filters=CitizenFilters(), cursor=first.next_cursor or "", page_size=3
    )
    third = citizen_list(
        user=commune_officer_a, filters=CitizenFilters(), cursor=second.next_cursor or "", page_size=3
    )

    assert _names(first.items) == NAMES_IN_VIETNAMESE_ORDER[:3]
    assert first.next_cursor is not None
    assert _names(second.items) == NAMES_IN_VIETNAMESE_ORDER[3:6]
    assert second.next_cursor is not None
    assert _names(third.items) == NAMES_IN_VIETNAMESE_ORDER[6:]
    assert third.next_cursor is None
    every_id = [c.pk for page in (first, second, third) for c in page.items]
    assert len(every_id) == len(set(every_id)) == len(NAMES_IN_VIETNAMESE_ORDER)


def test_keyset_pages_separate_namesakes_by_id(tree: Tree, commune_officer_a: Any) -> None:
    namesakes = [CitizenFactory(commune=tree.commune_a, full_name="Nguyễn Văn An") for _ in range(5)]

    first = citizen_list(user=commune_officer_a, filters=CitizenFilters(), page_size=2)
    second = citizen_list(
        user=commune_officer_a, filters=CitizenFilters(), cursor=first.next_cursor or "", page_size=2
    )
    third = citizen_list(
        user=commune_officer_a, filters=CitizenFilters(), cursor=second.next_cursor or "", page_size=2
    )

    seen = [c.pk for page in (first, second, third) for c in page.items]
    assert seen == sorted(c.pk for c in namesakes)
    assert third.next_cursor is None


def test_a_page_exactly_full_has_no_next_cursor(register_of_a: list[Citizen], commune_officer_a: Any) -> None:
    page = citizen_list(
        user=commune_officer_a, filters=CitizenFilters(), page_size=len(NAMES_IN_VIETNAMESE_ORDER)
    )

    assert len(page.items) == len(NAMES_IN_VIETNAMESE_ORDER)
    assert page.next_cursor is None


def test_a_garbled_cursor_starts_from_the_first_page(
    register_of_a: list[Citizen], commune_officer_a: Any
) -> None:
    page = citizen_list(user=commune_officer_a, filters=CitizenFilters(), cursor="not-a-cursor", page_size=2)

    assert _names(page.items) == NAMES_IN_VIETNAMESE_ORDER[:2]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        pytest.param("nguyen van an", ["Nguyễn Văn An"], id="without-diacritics"),
        pytest.param("Nguyễn Văn An", ["Nguyễn Văn An"], id="with-diacritics"),
        pytest.param("NGUYEN  VAN", ["Nguyễn Văn An", "Nguyễn Văn Đông"], id="upper-case-extra-space"),
        pytest.param("dong", ["Nguyễn Văn Đông"], id="d-stroke-folded"),
        pytest.param("hoa", [], id="no-match"),
    ],
)
def test_name_search_ignores_diacritics_and_case(
    tree: Tree, commune_officer_a: Any, query: str, found: list[str]
) -> None:
    for name in ["Nguyễn Văn An", "Trần Văn An", "Nguyễn Văn Đông"]:
        CitizenFactory(commune=tree.commune_a, full_name=name)

    page = citizen_list(user=commune_officer_a, filters=CitizenFilters(q=query))

    assert _names(page.items) == found


def test_search_by_personal_id_prefix(tree: Tree, commune_officer_a: Any) -> None:
    born = dt.date(2005, 3, 15)
    thanh_hoa = CitizenFactory(
        commune=tree.commune_a,
        full_name="Lê Văn Thanh",
        personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=42, province="038"),
    )
    CitizenFactory(
        commune=tree.commune_a,
        full_name="Lê Văn Hà",
        personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=43, province="001"),
    )

    by_province = citizen_list(user=commune_officer_a, filters=CitizenFilters(q="038"))
    by_whole_number = citizen_list(user=commune_officer_a, filters=CitizenFilters(q=thanh_hoa.personal_id))

    assert _names(by_province.items) == ["Lê Văn Thanh"]
    assert _names(by_whole_number.items) == ["Lê Văn Thanh"]


def test_filter_by_unit_keeps_that_unit_only(tree: Tree, province_officer: Any) -> None:
    CitizenFactory(commune=tree.commune_a, full_name="Trần Văn An")
    CitizenFactory(commune=tree.commune_b, full_name="Lê Văn Bình")
    CitizenFactory(commune=tree.commune_c, full_name="Phạm Văn Cường")

    page = citizen_list(user=province_officer, filters=CitizenFilters(unit=tree.commune_b))

    assert _names(page.items) == ["Lê Văn Bình"]


def test_out_of_scope_rows_are_never_listed(tree: Tree, commune_officer_a: Any) -> None:
    CitizenFactory(commune=tree.commune_a, full_name="Trần Văn An")
    b_citizen = CitizenFactory(commune=tree.commune_b, full_name="Trần Văn Ba")
    CitizenFactory(commune=tree.other_commune, full_name="Trần Văn Bảy")

    whole_list = citizen_list(user=commune_officer_a, filters=CitizenFilters())
    searched = citizen_list(user=commune_officer_a, filters=CitizenFilters(q="tran van ba"))
    by_number = citizen_list(user=commune_officer_a, filters=CitizenFilters(q=b_citizen.personal_id))
    filtered_to_b = citizen_list(user=commune_officer_a, filters=CitizenFilters(unit=tree.commune_b))

    assert _names(whole_list.items) == ["Trần Văn An"]
    assert searched.items == []
    assert by_number.items == []
    assert filtered_to_b.items == []


def test_records_of_predecessor_communes_are_listed_for_the_successor(
    tree: Tree, commune_officer_a: Any
) -> None:
    CitizenFactory(commune=tree.legacy_commune_a1, full_name="Trần Văn Cũ")
    CitizenFactory(commune=tree.legacy_commune_b, full_name="Trần Văn Khác")

    page = citizen_list(user=commune_officer_a, filters=CitizenFilters())

    assert _names(page.items) == ["Trần Văn Cũ"]


def test_citizen_detail_out_of_scope_is_not_found(tree: Tree, commune_officer_a: Any) -> None:
    b_citizen = CitizenFactory(commune=tree.commune_b)

    with pytest.raises(Http404):
        citizen_detail(user=commune_officer_a, citizen_id=b_citizen.pk)


@pytest.mark.parametrize("rows", [1, 60])
def test_citizen_list_query_count_does_not_grow_with_rows(
    tree: Tree, commune_officer_a: Any, rows: int, django_assert_num_queries: Any
) -> None:
    CitizenFactory.create_batch(rows, commune=tree.commune_a, village=tree.village_a1)
    CitizenFactory.create_batch(3, commune=tree.commune_b, village=tree.village_b1)
    user = _fresh(commune_officer_a)

    with django_assert_num_queries(LIST_QUERIES):
        page = citizen_list(user=user, filters=CitizenFilters(q="nguyen"))
        shown = [(c.full_name, c.commune.code, c.village.code if c.village else "") for c in page.items]

    assert len(shown) == min(rows, 50)
    assert {code for _, code, _ in shown} == {"90001"}
    assert {village for _, _, village in shown} == {"90001-001"}
