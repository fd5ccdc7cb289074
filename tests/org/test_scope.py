"""Scope: who sees which rows — one persona at a time, across the 2025 reorganisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from qpdp.org.choices import Role
from qpdp.org.models import Unit
from qpdp.org.scope import get_visible_or_404, visible_to
from qpdp.people.models import Citizen
from tests.factories import CitizenFactory, UserFactory, make_user
from tests.factories.org import Tree

# One citizen hanging under each of these units of the `tree` fixture.
PLACES = [
    "commune_a",
    "commune_b",
    "commune_c",
    "other_commune",
    "legacy_commune_a1",
    "legacy_commune_a2",
    "legacy_commune_b",
    "legacy_district",
]


@pytest.fixture
def citizen_everywhere(tree: Tree) -> dict[str, Citizen]:
    return {place: CitizenFactory(commune=getattr(tree, place), full_name="Trần Văn An") for place in PLACES}


def _visible_places(user: Any, citizens: dict[str, Citizen]) -> set[str]:
    by_id = {c.pk: place for place, c in citizens.items()}
    return {by_id[pk] for pk in visible_to(user, Citizen.objects.all()).values_list("pk", flat=True)}


@pytest.mark.parametrize(
    ("persona", "places"),
    [
        pytest.param(
            "commune_officer_a",
            {"commune_a", "legacy_commune_a1", "legacy_commune_a2"},
            id="commune-a-and-its-predecessors",
        ),
        pytest.param(
            "commune_leader_a",
            {"commune_a", "legacy_commune_a1", "legacy_commune_a2"},
            id="commune-leader-same-as-officer",
        ),
        pytest.param(
            "commune_officer_b", {"commune_b", "legacy_commune_b"}, id="commune-b-and-its-predecessor"
        ),
        pytest.param(
            "region_officer",
            {"commune_a", "commune_b", "legacy_commune_a1", "legacy_commune_a2", "legacy_commune_b"},
            id="region-covers-a-and-b-not-c",
        ),
        pytest.param(
            "province_officer",
            {
                "commune_a",
                "commune_b",
                "commune_c",
                "legacy_commune_a1",
                "legacy_commune_a2",
                "legacy_commune_b",
                "legacy_district",
            },
            id="province-90-and-legacy-l90-not-91",
        ),
        pytest.param(
            "read_only_officer",
            {
                "commune_a",
                "commune_b",
                "commune_c",
                "legacy_commune_a1",
                "legacy_commune_a2",
                "legacy_commune_b",
                "legacy_district",
            },
            id="inspector-of-the-province",
        ),
        pytest.param("admin_user", set(PLACES), id="admin-sees-everything"),
    ],
)
def test_each_persona_sees_exactly_its_units(
    request: pytest.FixtureRequest, citizen_everywhere: dict[str, Citizen], persona: str, places: set[str]
) -> None:
    user = request.getfixturevalue(persona)

    assert _visible_places(user, citizen_everywhere) == places


def test_a_user_without_any_role_sees_nothing(citizen_everywhere: dict[str, Citizen]) -> None:
    assert _visible_places(UserFactory(), citizen_everywhere) == set()


def test_an_anonymous_visitor_sees_nothing(citizen_everywhere: dict[str, Citizen]) -> None:
    assert _visible_places(AnonymousUser(), citizen_everywhere) == set()
    assert _visible_places(None, citizen_everywhere) == set()


def test_a_deactivated_user_sees_nothing(
    citizen_everywhere: dict[str, Citizen], commune_officer_a: Any
) -> None:
    commune_officer_a.is_active = False
    commune_officer_a.save()

    assert _visible_places(commune_officer_a, citizen_everywhere) == set()


def test_a_second_role_widens_the_scope(tree: Tree, citizen_everywhere: dict[str, Citizen]) -> None:
    user = make_user(Role.COMMUNE_OFFICER, unit=tree.commune_c)
    user.roles.create(role=Role.INSPECTOR, unit=tree.other_commune)

    assert _visible_places(user, citizen_everywhere) == {"commune_c", "other_commune"}


def test_a_predecessor_does_not_open_its_other_successors(
    tree: Tree, citizen_everywhere: dict[str, Citizen]
) -> None:
    """Commune C's officer inherits nothing: C has no predecessors, and A's old communes are A's alone."""
    officer_c = make_user(Role.COMMUNE_OFFICER, unit=tree.commune_c)

    assert _visible_places(officer_c, citizen_everywhere) == {"commune_c"}


def test_units_themselves_are_scoped_by_their_path(tree: Tree, commune_officer_a: Any) -> None:
    codes = set(visible_to(commune_officer_a, Unit.objects.all()).values_list("code", flat=True))

    assert codes == {"90001", "90001-001", "L90101", "L90102"}


def test_get_visible_or_404_returns_a_record_in_scope(
    citizen_everywhere: dict[str, Citizen], commune_officer_a: Any
) -> None:
    mine = citizen_everywhere["commune_a"]

    assert get_visible_or_404(commune_officer_a, Citizen.objects.all(), pk=mine.pk) == mine


@pytest.mark.parametrize(
    "lookup",
    [
        pytest.param(lambda citizens: {"pk": citizens["commune_b"].pk}, id="out-of-scope"),
        pytest.param(lambda citizens: {"pk": 987654321}, id="missing"),
        pytest.param(lambda citizens: {"pk": "not-a-number"}, id="malformed-id"),
    ],
)
def test_get_visible_or_404_raises_the_same_not_found_for_out_of_scope_and_missing(
    citizen_everywhere: dict[str, Citizen], commune_officer_a: Any, lookup: Any
) -> None:
    with pytest.raises(Http404):
        get_visible_or_404(commune_officer_a, Citizen.objects.all(), **lookup(citizen_everywhere))
