"""Scope matrix: each user sees exactly the records under their units, on every page, list, API and export."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from qpdp.org import selectors as org_selectors
from qpdp.org.access import user_allows
from qpdp.org.choices import Role
from qpdp.org.models import Unit, User
from qpdp.people.imports import COLUMN_HEADERS
from qpdp.people.models import Citizen
from qpdp.people.services import register_citizens
from tests.factories import citizen_input, make_user, valid_personal_id
from tests.factories.org import Tree

# Citizens by where they live; every name is found in one place only, so a leak cannot hide.
NAMES: dict[str, tuple[str, ...]] = {
    "a": ("Nguyễn Văn Ánh", "Trần Thị Ân"),
    "b": ("Phạm Thị Bưởi", "Lê Văn Bằng", "Vũ Thị Bích"),
    "c": ("Hoàng Văn Chè",),
    "other": ("Đỗ Thị Dừa",),  # commune 91001 of the neighbouring province 91
}
PLACES = frozenset(NAMES)
COMMUNE_OF = {"a": "commune_a", "b": "commune_b", "c": "commune_c", "other": "other_commune"}
VILLAGE_OF = {"a": "90001-001", "b": "90002-001", "c": "", "other": ""}

CITIZEN_CARD = "Công dân trong sổ đăng ký"
COMMUNE_CARD = "Xã, phường, đặc khu"
VILLAGE_CARD = "Thôn, tổ dân phố"


@dataclass(frozen=True)
class Viewer:
    """A persona and, hand-checked on the `tree`, exactly what it may see."""

    persona: str
    sees: frozenset[str]  # the places (keys of NAMES) whose citizens it sees
    communes: int  # communes in force today on its dashboard
    villages: int
    picker: frozenset[str]  # units the picker offers: current and (predecessor) legacy ones
    units: frozenset[str]  # units the API lists


VIEWERS = [
    pytest.param(
        Viewer(
            "commune_officer_a",
            frozenset({"a"}),
            communes=1,
            villages=1,
            picker=frozenset({"90001", "L90101", "L90102"}),
            units=frozenset({"90001", "90001-001", "L90101", "L90102"}),
        ),
        id="commune-a",
    ),
    pytest.param(
        Viewer(
            "commune_officer_b",
            frozenset({"b"}),
            communes=1,
            villages=1,
            picker=frozenset({"90002", "L90103"}),
            units=frozenset({"90002", "90002-001", "L90103"}),
        ),
        id="commune-b",
    ),
    pytest.param(
        Viewer(
            "region_officer",
            frozenset({"a", "b"}),
            communes=2,
            villages=2,
            picker=frozenset({"90001", "90002", "L90101", "L90102", "L90103"}),
            units=frozenset({"90001", "90001-001", "90002", "90002-001", "L90101", "L90102", "L90103"}),
        ),
        id="region-a-b",
    ),
    pytest.param(
        Viewer(
            "province_officer",
            frozenset({"a", "b", "c"}),
            communes=3,
            villages=2,
            picker=frozenset({"90", "90001", "90002", "90003", "L90", "L90101", "L90102", "L90103"}),
            units=frozenset(
                {"90", "90001", "90001-001", "90002", "90002-001", "90003"}
                | {"L90", "L900", "L90101", "L90102", "L90103"}
            ),
        ),
        id="province-90",
    ),
]


@dataclass(frozen=True)
class Register:
    tree: Tree
    citizens: dict[str, list[Citizen]]

    def names(self, places: frozenset[str]) -> set[str]:
        return {c.full_name for p in places for c in self.citizens[p]}

    def hidden(self, viewer: Viewer) -> list[Citizen]:
        return [c for p in sorted(PLACES - viewer.sees) for c in self.citizens[p]]

    def hidden_communes(self, viewer: Viewer) -> list[Unit]:
        return [getattr(self.tree, COMMUNE_OF[p]) for p in sorted(PLACES - viewer.sees)]


@pytest.fixture
def register(tree: Tree, admin_user: User) -> Register:
    """The citizens of NAMES, registered through the service, so each has its audit entry."""
    inputs = []
    born = dt.date(2005, 3, 15)
    for serial, (place, name) in enumerate(((p, n) for p, ns in NAMES.items() for n in ns), start=1):
        sex = "F" if " Thị " in name else "M"
        inputs.append(
            citizen_input(
                personal_id=valid_personal_id(sex=sex, date_of_birth=born, serial=serial),
                full_name=name,
                sex=sex,
                date_of_birth=born,
                commune_code=getattr(tree, COMMUNE_OF[place]).code,
                village=VILLAGE_OF[place],
            )
        )
    register_citizens(actor=admin_user, inputs=inputs)
    by_name = {c.full_name: c for c in Citizen.objects.all()}
    return Register(tree, {place: [by_name[n] for n in names] for place, names in NAMES.items()})


@pytest.fixture
def inspector_a(tree: Tree) -> User:
    """An inspector of commune A only: reads A's audit history."""
    return make_user(Role.INSPECTOR, unit=tree.commune_a, username="thanhtra_a")


def signed_in(request: pytest.FixtureRequest, persona: str) -> tuple[User, Client]:
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user)
    return user, client


def opened(client: Client, method: str, url: str) -> Any:
    """The response to opening `url`: a page or API read, a form post, or an (empty) API correction."""
    if method == "PATCH":
        return client.patch(url, "{}", content_type="application/json")
    if method == "POST":
        return client.post(url, {})
    return client.get(url)


def all_api_items(client: Client, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paginated API list, following `next` two at a time."""
    body = client.get(url, {**params, "limit": 2}).json()
    items = list(body["items"])
    while body["next"]:
        body = client.get(body["next"]).json()
        items.extend(body["items"])
    return items


@pytest.mark.parametrize("viewer", VIEWERS)
def test_citizen_out_of_scope_is_404_wherever_it_is_opened(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    user, client = signed_in(request, viewer.persona)
    # What the role may do at all; a role that may not edit gets 403 before any record is looked up.
    openers = [
        ("GET", "/cong-dan/{id}/", "people.view"),
        ("GET", "/api/v1/citizens/{id}", "people.view"),
        ("GET", "/cong-dan/{id}/sua/", "people.change"),
        ("POST", "/cong-dan/{id}/sua/", "people.change"),
        ("PATCH", "/api/v1/citizens/{id}", "people.change"),
    ]
    allowed = [(method, url) for method, url, action in openers if user_allows(user, action)]

    statuses = {
        c.full_name: {opened(client, method, url.format(id=c.pk)).status_code for method, url in allowed}
        for c in register.hidden(viewer)
    }

    assert statuses
    assert statuses == {key: {404} for key in statuses}
    seen = register.citizens[sorted(viewer.sees)[0]][0]
    assert client.get(f"/cong-dan/{seen.pk}/").status_code == 200


@pytest.mark.parametrize("viewer", VIEWERS)
def test_citizen_list_shows_only_citizens_in_scope(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, viewer.persona)

    page = client.get("/cong-dan/")
    fragment = client.get("/cong-dan/", headers={"HX-Request": "true"})

    for response in (page, fragment):
        assert response.status_code == 200
        assert {c.full_name for c in response.context["page"].items} == register.names(viewer.sees)
        content = response.content.decode()
        assert [c.full_name for c in register.hidden(viewer) if c.full_name in content] == []


@pytest.mark.parametrize("viewer", VIEWERS)
def test_search_never_finds_a_citizen_out_of_scope(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, viewer.persona)

    found = {}
    for citizen in register.hidden(viewer):
        for q in (citizen.full_name, citizen.personal_id, citizen.search_name):
            page = client.get("/cong-dan/", {"q": q}).context["page"].items
            api = client.get("/api/v1/citizens/", {"q": q}).json()["items"]
            found[q] = [c.full_name for c in page] + [c["full_name"] for c in api]

    assert found == {key: [] for key in found}
    seen = register.citizens[sorted(viewer.sees)[0]][0]
    assert [c.full_name for c in client.get("/cong-dan/", {"q": seen.search_name}).context["page"].items] == [
        seen.full_name
    ]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_api_citizen_list_holds_only_citizens_in_scope(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, viewer.persona)

    items = all_api_items(client, "/api/v1/citizens/")

    assert sorted(i["full_name"] for i in items) == sorted(register.names(viewer.sees))


@pytest.mark.parametrize("viewer", VIEWERS)
def test_export_holds_only_citizens_in_scope(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, viewer.persona)

    response = client.get("/cong-dan/xuat-excel/")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    header, *rows = workbook.active.iter_rows(values_only=True)
    workbook.close()

    assert response.status_code == 200
    name_column = header.index(COLUMN_HEADERS["full_name"])
    assert sorted(row[name_column] for row in rows) == sorted(register.names(viewer.sees))


@pytest.mark.parametrize("viewer", VIEWERS)
def test_home_dashboard_counts_only_rows_in_scope(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, viewer.persona)

    response = client.get("/")

    cards = {card["label"]: card["value"] for card in response.context["cards"]}
    assert {k: cards[k] for k in (CITIZEN_CARD, COMMUNE_CARD, VILLAGE_CARD)} == {
        CITIZEN_CARD: len(register.names(viewer.sees)),
        COMMUNE_CARD: viewer.communes,
        VILLAGE_CARD: viewer.villages,
    }


@pytest.mark.parametrize("viewer", VIEWERS)
def test_unit_picker_offers_only_units_in_scope(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, viewer.persona)

    offered = {u.code for u in client.get("/don-vi/tim/").context["units"]}
    searched = {
        unit.name: [u.code for u in client.get("/don-vi/tim/", {"q": unit.name}).context["units"]]
        for unit in register.hidden_communes(viewer)
    }

    assert offered == viewer.picker
    assert searched == {key: [] for key in searched}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_api_unit_list_holds_only_units_in_scope(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, viewer.persona)

    codes = [i["code"] for i in all_api_items(client, "/api/v1/units/")]

    assert sorted(codes) == sorted(viewer.units)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_unit_out_of_scope_is_404_and_never_listed(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, viewer.persona)

    statuses = {}
    listed = {}
    for unit in register.hidden_communes(viewer):
        statuses[unit.code] = [
            client.get(f"/don-vi/{unit.code}/").status_code,
            client.get("/don-vi/", {"parent": unit.code}).status_code,
            client.post("/don-vi/chon/", {"code": unit.code}).status_code,
            client.get("/api/v1/units/", {"parent": unit.code}).status_code,
            client.get("/api/v1/citizens/", {"commune": unit.code}).status_code,
        ]
        listed[unit.code] = [u.code for u in client.get("/don-vi/", {"q": unit.name}).context["units"]]

    assert statuses == dict.fromkeys(statuses, [404] * 5)
    assert listed == {key: [] for key in listed}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_audit_history_holds_only_entries_in_scope(
    viewer: Viewer, register: Register, request: pytest.FixtureRequest
) -> None:
    # Commune officers and the regional officer may not open the audit page (no "org.audit"), but
    # the selector behind it, and behind every later history view, is scoped for everyone alike.
    user = request.getfixturevalue(viewer.persona)

    entries = org_selectors.audit_list(user=user)

    assert sorted((e.object_type, e.object_id) for e in entries) == sorted(
        ("people.citizen", str(c.pk)) for p in viewer.sees for c in register.citizens[p]
    )


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        pytest.param("inspector_a", frozenset({"a"}), id="inspector-a"),
        pytest.param("read_only_officer", frozenset({"a", "b", "c"}), id="inspector-90"),
        pytest.param("province_officer", frozenset({"a", "b", "c"}), id="province-90"),
    ],
)
def test_audit_list_page_shows_only_entries_in_scope(
    persona: str, sees: frozenset[str], register: Register, request: pytest.FixtureRequest
) -> None:
    _, client = signed_in(request, persona)

    response = client.get("/nhat-ky/")

    assert response.status_code == 200
    assert sorted((e.object_type, e.object_id) for e in response.context["entries"]) == sorted(
        ("people.citizen", str(c.pk)) for p in sees for c in register.citizens[p]
    )
    content = response.content.decode()
    assert [n for p in PLACES - sees for n in NAMES[p] if n in content] == []
