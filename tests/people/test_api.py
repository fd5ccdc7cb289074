"""REST API v1: citizens (list, search, create, read, correct) and units, scoped; Bearer tokens; schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from qpdp.core.models import AuditEntry
from qpdp.org.services import issue_api_token
from qpdp.people.models import Citizen
from tests.factories import CitizenFactory, valid_personal_id
from tests.factories.org import Tree

CITIZENS = "/api/v1/citizens/"
NEW_ID = valid_personal_id(sex="F", date_of_birth=dt.date(2006, 8, 20), serial=777)


def citizen_url(citizen: Citizen) -> str:
    return f"/api/v1/citizens/{citizen.pk}"


def new_citizen_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "personal_id": NEW_ID,
        "full_name": "Lê Thị Hoa",
        "sex": "F",
        "date_of_birth": "2006-08-20",
        "commune": "90001",
        "village": "90001-001",
        "address": "Số 5, đường Thử Nghiệm",
        "education_level": 12,
        "qualification": "college",
    }
    body.update(overrides)
    return body


@pytest.fixture
def client_a(client: Client, commune_officer_a: Any) -> Client:
    client.force_login(commune_officer_a)
    return client


def test_citizen_list_returns_items_with_the_documented_fields(tree: Tree, client_a: Client) -> None:
    citizen = CitizenFactory(
        commune=tree.commune_a,
        village=tree.village_a1,
        full_name="Trần Văn An",
        address="Số 1",
        education_level=9,
        qualification="vocational",
    )

    response = client_a.get(CITIZENS)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "next"}
    assert body["next"] is None
    [item] = body["items"]
    assert {
        "id": item["id"],
        "personal_id": item["personal_id"],
        "full_name": item["full_name"],
        "sex": item["sex"],
        "date_of_birth": item["date_of_birth"],
        "commune": item["commune"],
        "village": item["village"],
        "address": item["address"],
        "education_level": item["education_level"],
        "qualification": item["qualification"],
    } == {
        "id": citizen.pk,
        "personal_id": citizen.personal_id,
        "full_name": "Trần Văn An",
        "sex": "M",
        "date_of_birth": "2005-03-15",
        "commune": "90001",
        "village": "90001-001",
        "address": "Số 1",
        "education_level": 9,
        "qualification": "vocational",
    }


def test_citizen_list_pages_follow_the_next_link(tree: Tree, client_a: Client) -> None:
    for name in ["Trần Văn An", "Lê Văn Bình", "Phạm Văn Cường"]:
        CitizenFactory(commune=tree.commune_a, full_name=name)

    first = client_a.get(CITIZENS, {"limit": 2}).json()
    second = client_a.get(first["next"]).json()

    assert [i["full_name"] for i in first["items"]] == ["Trần Văn An", "Lê Văn Bình"]
    assert first["next"].startswith("http://testserver/api/v1/citizens/?")
    assert [i["full_name"] for i in second["items"]] == ["Phạm Văn Cường"]
    assert second["next"] is None


def test_citizen_list_filters_by_search_text_and_commune(
    tree: Tree, client: Client, province_officer: Any
) -> None:
    CitizenFactory(commune=tree.commune_a, full_name="Nguyễn Văn An")
    CitizenFactory(commune=tree.commune_b, full_name="Nguyễn Văn Anh")
    CitizenFactory(commune=tree.commune_b, full_name="Lê Thị Bình")
    client.force_login(province_officer)

    searched = client.get(CITIZENS, {"q": "nguyen van an"}).json()
    in_b = client.get(CITIZENS, {"commune": "90002"}).json()
    both = client.get(CITIZENS, {"q": "nguyen", "commune": "90002"}).json()

    assert [i["full_name"] for i in searched["items"]] == ["Nguyễn Văn An", "Nguyễn Văn Anh"]
    assert [i["full_name"] for i in in_b["items"]] == ["Nguyễn Văn Anh", "Lê Thị Bình"]
    assert [i["full_name"] for i in both["items"]] == ["Nguyễn Văn Anh"]


def test_citizen_list_never_shows_another_communes_rows(tree: Tree, client_a: Client) -> None:
    CitizenFactory(commune=tree.commune_a, full_name="Trần Văn An")
    CitizenFactory(commune=tree.commune_b, full_name="Trần Văn Ba")

    listed = client_a.get(CITIZENS).json()
    filtered_to_b = client_a.get(CITIZENS, {"commune": "90002"})

    assert [i["full_name"] for i in listed["items"]] == ["Trần Văn An"]
    assert filtered_to_b.status_code == 404


def test_bearer_token_authenticates(
    tree: Tree, client: Client, commune_officer_a: Any, admin_user: Any
) -> None:
    CitizenFactory(commune=tree.commune_a, full_name="Trần Văn An")
    token = issue_api_token(actor=admin_user, user=commune_officer_a, label="phần mềm xã")

    response = client.get(CITIZENS, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert [i["full_name"] for i in response.json()["items"]] == ["Trần Văn An"]


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Bearer qpdp_khong-phai-ma-that", id="unknown-token"),
        pytest.param("Bearer", id="missing-token"),
    ],
)
def test_wrong_bearer_token_is_401(
    tree: Tree, client: Client, commune_officer_a: Any, admin_user: Any, authorization: str
) -> None:
    issue_api_token(actor=admin_user, user=commune_officer_a)

    response = client.get(CITIZENS, headers={"Authorization": authorization})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_anonymous_api_call_is_401(tree: Tree, client: Client) -> None:
    assert client.get(CITIZENS).status_code == 401


def test_post_creates_a_citizen_and_audits_it(
    tree: Tree, client: Client, commune_officer_a: Any, admin_user: Any
) -> None:
    token = issue_api_token(actor=admin_user, user=commune_officer_a)
    audits_before = AuditEntry.objects.count()

    response = client.post(
        CITIZENS,
        new_citizen_body(),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 201
    body = response.json()
    citizen = Citizen.objects.get(personal_id=NEW_ID)
    assert body["id"] == citizen.pk
    assert (body["full_name"], body["commune"], body["village"]) == ("Lê Thị Hoa", "90001", "90001-001")
    assert body["qualification"] == "college"
    assert AuditEntry.objects.count() == audits_before + 1
    entry = AuditEntry.objects.get(action="people.citizen.created")
    assert entry.actor == commune_officer_a
    assert entry.channel == "api"
    assert entry.object_id == str(citizen.pk)


def test_post_with_an_invalid_personal_id_is_400_with_the_vietnamese_message(
    tree: Tree, client_a: Client
) -> None:
    response = client_a.post(
        CITIZENS, new_citizen_body(personal_id="001305000777"), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "personal_id": ["Chữ số thứ 5–6 “05” phải là hai số cuối của năm sinh (06)."]
    }
    assert Citizen.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_post_with_a_personal_id_of_the_wrong_century_names_digit_four(tree: Tree, client_a: Client) -> None:
    wrong_century = "001" + "1" + NEW_ID[4:]

    response = client_a.post(
        CITIZENS, new_citizen_body(personal_id=wrong_century), content_type="application/json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["personal_id"]
    [message] = response.json()["errors"]["personal_id"]
    assert message.startswith("Chữ số thứ 4 “1”")
    assert Citizen.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_post_with_a_malformed_date_is_400_in_vietnamese(tree: Tree, client_a: Client) -> None:
    response = client_a.post(
        CITIZENS, new_citizen_body(date_of_birth="20/08/2006"), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"date_of_birth": ["Ngày phải có dạng yyyy-mm-dd."]}


def test_patch_changes_a_field_and_audits_it(tree: Tree, client_a: Client) -> None:
    citizen = CitizenFactory(commune=tree.commune_a, address="Số 1")

    response = client_a.patch(
        citizen_url(citizen), {"address": "Số 9, ngõ 2"}, content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json()["address"] == "Số 9, ngõ 2"
    assert Citizen.objects.get(pk=citizen.pk).address == "Số 9, ngõ 2"
    entry = AuditEntry.objects.get(action="people.citizen.updated")
    assert (entry.before, entry.after) == ({"address": "Số 1"}, {"address": "Số 9, ngõ 2"})


def test_get_detail_in_scope(tree: Tree, client_a: Client) -> None:
    citizen = CitizenFactory(commune=tree.commune_a)

    response = client_a.get(citizen_url(citizen))

    assert response.status_code == 200
    assert response.json()["personal_id"] == citizen.personal_id


@pytest.mark.parametrize("method", ["get", "patch"])
def test_another_communes_citizen_is_404_like_a_missing_one(
    tree: Tree, client_a: Client, method: str
) -> None:
    b_citizen = CitizenFactory(commune=tree.commune_b, address="Số 1")

    out_of_scope = getattr(client_a, method)(
        citizen_url(b_citizen), {"address": "Số 2"}, content_type="application/json"
    )
    missing = getattr(client_a, method)(
        "/api/v1/citizens/999999", {"address": "Số 2"}, content_type="application/json"
    )

    assert out_of_scope.status_code == missing.status_code == 404
    assert out_of_scope.json() == missing.json()
    assert Citizen.objects.get(pk=b_citizen.pk).address == "Số 1"


def test_read_only_inspector_may_read_but_not_create(
    tree: Tree, client: Client, read_only_officer: Any
) -> None:
    CitizenFactory(commune=tree.commune_a)
    client.force_login(read_only_officer)

    listed = client.get(CITIZENS)
    created = client.post(CITIZENS, new_citizen_body(), content_type="application/json")

    assert listed.status_code == 200
    assert len(listed.json()["items"]) == 1
    assert created.status_code == 403
    assert Citizen.objects.count() == 1


def test_read_only_inspector_may_not_patch(tree: Tree, client: Client, read_only_officer: Any) -> None:
    citizen = CitizenFactory(commune=tree.commune_a, address="Số 1")
    client.force_login(read_only_officer)

    response = client.patch(citizen_url(citizen), {"address": "Số 2"}, content_type="application/json")

    assert response.status_code == 403
    assert Citizen.objects.get(pk=citizen.pk).address == "Số 1"


def test_unit_list_gives_the_communes_of_a_province(
    tree: Tree, client: Client, province_officer: Any
) -> None:
    client.force_login(province_officer)

    response = client.get("/api/v1/units/", {"kind": "commune", "parent": "90"})

    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["code"], i["name"], i["kind"], i["parent"]) for i in items] == [
        ("90001", "Xã An Bình", "commune", "90"),
        ("90002", "Phường Đông Hòa", "commune", "90"),
        ("90003", "Xã Yên Lạc", "commune", "90"),
    ]


def test_unit_list_of_a_province_out_of_scope_is_404(
    tree: Tree, client: Client, province_officer: Any
) -> None:
    client.force_login(province_officer)

    response = client.get("/api/v1/units/", {"kind": "commune", "parent": "91"})

    assert response.status_code == 404


def test_openapi_schema_is_served_as_json_and_lists_the_citizen_endpoints(client: Client, db: Any) -> None:
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/citizens/" in schema["paths"]
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/citizens/"])
    assert "/api/v1/units/" in schema["paths"]
