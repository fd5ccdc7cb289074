"""REST API of military service: status, registration, health, reliefs, quotas, call-up; scoped; schema."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from qpdp.conscription import rules, services
from qpdp.conscription.choices import CallUpStatus, ReliefKind
from qpdp.conscription.models import CallUp, HealthExam, Intake, Quota, Registration, Relief
from qpdp.core.models import AuditEntry
from qpdp.org.services import issue_api_token
from qpdp.people.models import Citizen
from tests.factories import CitizenFactory, valid_personal_id
from tests.factories.conscription import INTAKE_YEAR, intake, man, ready_man
from tests.factories.org import Tree

pytestmark = pytest.mark.django_db

API = "/api/v1/conscription/"
TODAY = dt.date(2026, 2, 10)
PATHS = [
    "status/{citizen_id}",
    "registrations/",
    "health-exams/",
    "deferments/",
    "exemptions/",
    "intakes/",
    "quotas/",
    "handovers/",
    "selections/",
    "decisions/",
    "orders/",
    "outcomes/",
    "pool/",
]


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Tuesday 10/02/2026, 09:00 in Hà Nội: the 2026 intake's orders are being signed."""
    with time_machine.travel(dt.datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        yield


@pytest.fixture
def client_a(client: Client, commune_officer_a: Any) -> Client:
    client.force_login(commune_officer_a)
    return client


@pytest.fixture
def client_b(commune_officer_b: Any) -> Client:
    other = Client()
    other.force_login(commune_officer_b)
    return other


@pytest.fixture
def province_client(province_officer: Any) -> Client:
    other = Client()
    other.force_login(province_officer)
    return other


def post(client: Client, endpoint: str, body: dict[str, Any]) -> Any:
    return client.post(API + endpoint, body, content_type="application/json")


def status_of(client: Client, citizen: Citizen, year: Any = INTAKE_YEAR) -> Any:
    return client.get(f"{API}status/{citizen.pk}", {"year": year})


def defer(actor: Any, citizen: Citizen, ground: str = "41.1.g", *, volunteer: bool = False) -> Relief:
    return services.decide_relief(
        actor=actor,
        data=services.ReliefInput(
            citizen=citizen,
            kind=ReliefKind.DEFERMENT,
            intake_year=INTAKE_YEAR,
            ground=ground,
            decided_on=dt.date(2025, 12, 1),
            valid_until=dt.date(2027, 6, 30),
            volunteer=volunteer,
        ),
    )


def decided(province_officer: Any, tree: Tree, citizen: Citizen) -> CallUp:
    """The man selected by his commune's council and called by the provincial chairman's decision."""
    [callup] = services.select_citizens(
        actor=province_officer,
        intake=intake(province_officer, tree.province),
        selected_on=dt.date(2025, 12, 20),
        selections=[services.Selection(citizen=citizen)],
    )
    [callup] = services.decide_callup(
        actor=province_officer,
        callups=[callup],
        decision_number="20/QĐ-UBND",
        decided_on=dt.date(2026, 1, 15),
    )
    return callup


def order_body(*citizens: Citizen) -> dict[str, Any]:
    return {
        "year": INTAKE_YEAR,
        "citizens": [c.pk for c in citizens],
        "signed_on": "2026-02-10",
        "report_on": "2026-03-04",
        "report_place": "Ban CHQS xã An Bình",
        "signer_name": "Nguyễn Văn Chủ",
    }


# -- status ------------------------------------------------------------------------------------------


def test_status_of_an_eligible_man_explains_itself(
    tree: Tree, client_a: Client, commune_officer_a: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a)

    response = status_of(client_a, citizen)

    assert response.status_code == 200
    assert response.json() == {
        "status": "eligible",
        "ground": "",
        "article": rules.ART_30,
        "explanation": "Trong độ tuổi, đã đăng ký, sức khỏe loại 2, không thuộc diện tạm hoãn hay miễn.",
    }


def test_status_of_a_deferred_student_names_the_ground_and_article(
    tree: Tree, client_a: Client, commune_officer_a: Any, province_officer: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a)
    defer(province_officer, citizen, "41.1.g")

    body = status_of(client_a, citizen).json()

    assert (body["status"], body["ground"]) == ("deferred", "41.1.g")
    assert body["article"] == rules.GROUNDS["41.1.g"].article
    assert body["article"].startswith("Điểm g")
    assert "Điều 41" in body["article"]
    assert body["explanation"].startswith("Tạm hoãn gọi nhập ngũ đến ngày 30/06/2027: Đang học")


def test_a_woman_is_not_subject_to_call_up(tree: Tree, client_a: Client) -> None:
    born = dt.date(2005, 6, 1)
    woman = CitizenFactory(
        commune=tree.commune_a,
        sex="F",
        date_of_birth=born,
        full_name="Lê Thị Hoa",
        personal_id=valid_personal_id(sex="F", date_of_birth=born, serial=31),
    )

    body = status_of(client_a, woman).json()

    assert (body["status"], body["ground"], body["article"]) == ("not_subject", "", rules.ART_12)
    assert body["explanation"].startswith("Công dân nữ không thuộc diện gọi nhập ngũ")


def test_a_volunteer_waiving_his_deferment_is_eligible_and_told_why(
    tree: Tree, client_a: Client, commune_officer_a: Any, province_officer: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a)
    defer(province_officer, citizen, "41.1.d", volunteer=True)

    body = status_of(client_a, citizen).json()

    assert (body["status"], body["ground"], body["article"]) == ("eligible", "41.1.d", rules.ART_41_3)
    assert "tình nguyện nhập ngũ nên không áp dụng diện 41.1.d" in body["explanation"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        pytest.param({}, "Ghi năm tuyển quân (year), ví dụ year=2026.", id="missing"),
        pytest.param(
            {"year": "hai-nghin"}, "Năm “hai-nghin” không hợp lệ; ghi năm từ 2016 đến 2100.", id="text"
        ),
        pytest.param({"year": "1990"}, "Năm “1990” không hợp lệ; ghi năm từ 2016 đến 2100.", id="too-early"),
    ],
)
def test_status_needs_a_valid_year(
    tree: Tree, client_a: Client, commune_officer_a: Any, query: dict[str, str], message: str
) -> None:
    citizen = man(tree.commune_a)

    response = client_a.get(f"{API}status/{citizen.pk}", query)

    assert response.status_code == 400
    assert response.json() == {"errors": {"year": [message]}, "detail": message}


def test_status_of_another_communes_citizen_is_404_like_a_missing_one(tree: Tree, client_b: Client) -> None:
    citizen = man(tree.commune_a)

    out_of_scope = status_of(client_b, citizen)
    missing = client_b.get(f"{API}status/999999", {"year": INTAKE_YEAR})

    assert out_of_scope.status_code == missing.status_code == 404
    assert out_of_scope.json() == missing.json()


def test_status_with_a_bearer_token(
    tree: Tree, client: Client, commune_officer_a: Any, admin_user: Any
) -> None:
    citizen = man(tree.commune_a)
    token = issue_api_token(actor=admin_user, user=commune_officer_a, label="phần mềm xã")

    response = client.get(
        f"{API}status/{citizen.pk}", {"year": INTAKE_YEAR}, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "not_registered"


# -- registration ------------------------------------------------------------------------------------


def test_first_registration_of_a_man_turning_17_is_written_and_audited(tree: Tree, client_a: Client) -> None:
    citizen = man(tree.commune_a, born=dt.date(2009, 5, 2))

    response = post(
        client_a,
        "registrations/",
        {"citizen": citizen.pk, "year": 2026, "kind": "first", "certificate_number": "GCN-0012"},
    )

    assert response.status_code == 201
    body = response.json()
    registration = Registration.objects.get(citizen=citizen)
    assert body["id"] == registration.pk
    assert (body["kind"], body["registered_on"], body["commune"]) == ("first", "2026-02-10", "90001")
    assert (body["certificate_number"], body["signer_title"]) == ("GCN-0012", "Chủ tịch UBND cấp xã")
    entry = AuditEntry.objects.get(action="conscription.registration.first")
    assert (entry.channel, entry.object_id) == ("api", str(registration.pk))


def test_registration_of_a_boy_not_yet_17_is_refused_and_nothing_is_written(
    tree: Tree, client_a: Client
) -> None:
    citizen = man(tree.commune_a, born=dt.date(2010, 1, 5))
    audited = AuditEntry.objects.count()

    response = post(client_a, "registrations/", {"citizen": citizen.pk, "year": 2026, "kind": "first"})

    assert response.status_code == 400
    [message] = response.json()["errors"]["citizen"]
    assert message.startswith(
        "Công dân sinh năm 2010 đến năm 2027 mới đủ 17 tuổi; chưa đến tuổi đăng ký NVQS lần đầu."
    )
    assert list(response.json()["errors"]) == ["citizen"]
    assert Registration.objects.count() == 0
    assert AuditEntry.objects.count() == audited


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        pytest.param(
            {"kind": "twice"}, {"kind": ["Giá trị không nằm trong danh sách được phép."]}, id="kind"
        ),
        pytest.param({"year": None}, {"year": ["Trường này không được để trống."]}, id="year-null"),
        pytest.param(
            {"registered_on": "2025-12-30"},
            {"registered_on": ["Ngày đăng ký 30/12/2025 không thuộc năm 2026."]},
            id="other-year",
        ),
        pytest.param(
            {"kind": "move_out"},
            {"to_commune": ["Ghi mã xã, phường chuyển đến (to_commune)."]},
            id="move-without-destination",
        ),
        pytest.param(
            {"kind": "move_out", "to_commune": "99999"},
            {"to_commune": ["Không có xã, phường nào mã “99999”."]},
            id="unknown-destination",
        ),
        pytest.param(
            {"kind": "move_in"},
            {"event_on": ["Ghi ngày đến (event_on) để tính thời hạn đăng ký."]},
            id="arrival-without-date",
        ),
    ],
)
def test_bad_registration_input_names_the_field(
    tree: Tree, client_a: Client, body: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    citizen = man(tree.commune_a, born=dt.date(2009, 5, 2))

    response = post(
        client_a, "registrations/", {"citizen": citizen.pk, "year": 2026, "kind": "first", **body}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert Registration.objects.count() == 0


def test_removal_takes_one_of_the_coded_reasons(tree: Tree, client_a: Client, commune_officer_a: Any) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a)
    body = {"citizen": citizen.pk, "year": 2026, "kind": "removal"}

    refused = post(client_a, "registrations/", {**body, "reason": "Chết"})
    removed = post(client_a, "registrations/", {**body, "reason": "emigrated"})

    assert refused.status_code == 400
    [message] = refused.json()["errors"]["reason"]
    assert message.startswith("Lý do xóa đăng ký (reason) phải là một trong: death (Chết), over_age (")
    assert removed.status_code == 201
    assert status_of(client_a, citizen).json()["status"] == "not_subject"


def test_move_out_hands_the_man_to_his_new_commune(
    tree: Tree, client_a: Client, commune_officer_a: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a)

    response = post(
        client_a,
        "registrations/",
        {
            "citizen": citizen.pk,
            "year": 2026,
            "kind": "move_out",
            "to_commune": "90002",
            "event_on": "2026-02-09",
        },
    )

    assert response.status_code == 201
    assert (response.json()["other_commune"], response.json()["event_on"]) == ("90002", "2026-02-09")
    assert Citizen.objects.get(pk=citizen.pk).commune == tree.commune_b
    assert status_of(client_a, citizen).status_code == 404


def test_registration_list_filters_and_pages(
    tree: Tree, client_a: Client, commune_officer_a: Any, province_officer: Any
) -> None:
    first, second = ready_man(commune_officer_a, tree.commune_a), ready_man(commune_officer_a, tree.commune_a)
    services.register_supplementary(
        actor=commune_officer_a, citizen=first, registered_on=TODAY, reason="Tốt nghiệp đại học"
    )
    ready_man(province_officer, tree.commune_b)

    page_one = client_a.get(API + "registrations/", {"limit": 2}).json()
    page_two = client_a.get(page_one["next"]).json()
    supplementary = client_a.get(API + "registrations/", {"kind": "supplementary", "year": 2026}).json()
    of_2024 = client_a.get(API + "registrations/", {"year": 2024}).json()

    assert [(i["citizen"], i["kind"]) for i in page_one["items"] + page_two["items"]] == [
        (first.pk, "first"),
        (second.pk, "first"),
        (first.pk, "supplementary"),
    ]
    assert page_two["next"] is None
    assert [i["reason"] for i in supplementary["items"]] == ["Tốt nghiệp đại học"]
    assert [i["citizen"] for i in of_2024["items"]] == [first.pk, second.pk]


# -- health ------------------------------------------------------------------------------------------


def test_health_result_answers_bmi_type_and_why_not_called(tree: Tree, client_a: Client) -> None:
    citizen = man(tree.commune_a)

    response = post(
        client_a,
        "health-exams/",
        {
            "citizen": citizen.pk,
            "year": 2026,
            "stage": "examination",
            "scores": {"thể lực": 2, "mắt": 3, "tai mũi họng": 1},
            "examined_on": "2025-11-20",
            "height_cm": 170,
            "weight_kg": "50.5",
            "refraction_right": -2.0,
            "refraction_left": -0.5,
            "examiner": "Hội đồng khám sức khỏe khu vực 1",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["health_type"], body["bmi"], body["fit"]) == (3, 17.5, False)
    assert body["not_called_reasons"] == [
        "Cận thị trên 1,5 đi-ốp.",
        "Chỉ số BMI 17,5 ngoài khoảng 18,0–29,9.",
    ]
    assert HealthExam.objects.get(citizen=citizen).health_type == 3


def test_health_type_7_is_refused_and_nothing_is_written(tree: Tree, client_a: Client) -> None:
    citizen = man(tree.commune_a)
    audited = AuditEntry.objects.count()

    response = post(
        client_a,
        "health-exams/",
        {
            "citizen": citizen.pk,
            "year": 2026,
            "stage": "examination",
            "health_type": 7,
            "examined_on": "2025-11-20",
        },
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"health_type": ["Phân loại sức khỏe phải từ 1 đến 6 (đã nhập 7)."]}
    assert HealthExam.objects.count() == 0
    assert AuditEntry.objects.count() == audited


def test_a_second_result_of_the_same_stage_corrects_the_first(tree: Tree, client_a: Client) -> None:
    citizen = man(tree.commune_a)
    body = {"citizen": citizen.pk, "year": 2026, "stage": "screening", "examined_on": "2025-11-05"}

    first = post(client_a, "health-exams/", {**body, "health_type": 4})
    second = post(client_a, "health-exams/", {**body, "health_type": 2})

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["id"] == first.json()["id"]
    assert HealthExam.objects.get().health_type == 2


# -- deferments and exemptions -----------------------------------------------------------------------


def test_deferment_is_decided_with_the_authority_of_its_date(tree: Tree, client_a: Client) -> None:
    citizen = man(tree.commune_a)

    response = post(
        client_a,
        "deferments/",
        {
            "citizen": citizen.pk,
            "year": 2026,
            "ground": "41.1.g",
            "valid_until": "2027-06-30",
            "evidence": "Giấy xác nhận sinh viên",
            "decision_number": "15/QĐ-UBND",
            "decided_on": "2025-12-01",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["ground"], body["decider_title"]) == (
        "deferment",
        "41.1.g",
        "Chủ tịch UBND cấp tỉnh",
    )
    assert body["article"] == rules.GROUNDS["41.1.g"].article
    assert (body["valid_from"], body["posted"]) == ("2025-12-01", False)
    assert AuditEntry.objects.filter(action="conscription.deferment.decided").count() == 1


def test_deferment_without_a_ground_is_refused(tree: Tree, client_a: Client) -> None:
    citizen = man(tree.commune_a)
    audited = AuditEntry.objects.count()

    response = post(
        client_a, "deferments/", {"citizen": citizen.pk, "year": 2026, "valid_until": "2027-06-30"}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "ground": ["Phải ghi căn cứ tạm hoãn hoặc miễn (ví dụ 41.1.g, 41.2.a)."]
    }
    assert Relief.objects.count() == 0
    assert AuditEntry.objects.count() == audited


def test_an_exemption_takes_only_exemption_grounds(tree: Tree, client_a: Client) -> None:
    citizen = man(tree.commune_a)

    refused = post(client_a, "exemptions/", {"citizen": citizen.pk, "year": 2026, "ground": "41.1.g"})
    granted = post(client_a, "exemptions/", {"citizen": citizen.pk, "year": 2026, "ground": "41.2.a"})

    assert refused.status_code == 400
    [message] = refused.json()["errors"]["ground"]
    assert message.startswith("Căn cứ “41.1.g” không hợp lệ; chọn một trong: 41.2.a")
    assert granted.status_code == 201
    assert (granted.json()["kind"], granted.json()["valid_until"]) == ("exemption", None)
    assert [r.kind for r in Relief.objects.all()] == [ReliefKind.EXEMPTION]


# -- intakes and quotas ------------------------------------------------------------------------------


def test_province_quota_opens_the_intake_and_commune_quotas_share_it(
    tree: Tree, province_client: Client
) -> None:
    province = post(
        province_client,
        "quotas/",
        {"year": 2026, "unit": "90", "service": "army", "count": 10, "decided_on": "2025-09-27"},
    )
    commune = post(
        province_client,
        "quotas/",
        {
            "year": 2026,
            "unit": "90001",
            "service": "army",
            "count": 3,
            "reserve": 1,
            "decided_on": "2025-10-10",
        },
    )

    assert province.status_code == commune.status_code == 201
    assert Intake.objects.get().year == 2026
    assert (province.json()["parent"], province.json()["filled"], province.json()["warnings"]) == (
        None,
        0,
        [],
    )
    assert province.json()["decider_title"] == "Bộ trưởng Bộ Quốc phòng"
    body = commune.json()
    assert (body["unit"], body["count"], body["reserve"], body["parent"]) == (
        "90001",
        3,
        1,
        province.json()["id"],
    )
    assert body["warnings"] == ["Chỉ tiêu và dự phòng (4) vượt số công dân đủ điều kiện hiện có (0)."]


def test_commune_quota_above_what_the_province_has_left_is_refused(
    tree: Tree, province_client: Client
) -> None:
    for unit, count in (("90", 10), ("90001", 3)):
        post(province_client, "quotas/", {"year": 2026, "unit": unit, "service": "army", "count": count})
    audited = AuditEntry.objects.count()

    response = post(
        province_client, "quotas/", {"year": 2026, "unit": "90002", "service": "army", "count": 8}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"count": ["Chỉ tiêu 8 vượt số cấp trên còn lại để giao (7)."]}
    assert Quota.objects.count() == 2
    assert AuditEntry.objects.count() == audited


def test_a_refused_quota_leaves_no_intake_behind(tree: Tree, province_client: Client) -> None:
    response = post(
        province_client, "quotas/", {"year": 2026, "unit": "90001", "service": "army", "count": 3}
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["unit"]
    assert Intake.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_commune_officer_may_not_set_quotas(tree: Tree, client_a: Client) -> None:
    response = post(client_a, "quotas/", {"year": 2026, "unit": "90001", "service": "army", "count": 3})

    assert response.status_code == 403
    assert Quota.objects.count() == 0


def test_intake_is_opened_once_and_seen_by_the_communes_of_the_province(
    tree: Tree, province_client: Client, client_a: Client
) -> None:
    opened = post(province_client, "intakes/", {"year": 2026})
    again = post(province_client, "intakes/", {"year": 2026})

    assert (opened.status_code, again.status_code) == (201, 200)
    assert opened.json()["province"] == "90"
    assert (opened.json()["handover_from"], opened.json()["handover_to"]) == ("2026-03-04", "2026-03-06")
    assert [i["year"] for i in client_a.get(API + "intakes/").json()["items"]] == [2026]


def test_a_regional_command_holds_a_handover_at_its_own_commune(
    tree: Tree, client: Client, region_officer: Any, province_officer: Any
) -> None:
    intake(province_officer, tree.province)
    client.force_login(region_officer)

    response = post(
        client,
        "handovers/",
        {"year": 2026, "held_on": "2026-03-05", "place": "Nhà văn hóa xã", "receiving_units": "Lữ đoàn 201"},
    )

    assert response.status_code == 201
    assert (response.json()["organiser"], response.json()["year"]) == ("90001", 2026)
    assert [h["place"] for h in client.get(API + "handovers/").json()["items"]] == ["Nhà văn hóa xã"]


# -- call-up: selection, decision, orders, outcomes --------------------------------------------------


def test_whole_call_up_through_the_api(
    tree: Tree, client_a: Client, province_client: Client, commune_officer_a: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a)
    for unit, count in (("90", 10), ("90001", 1)):
        assert (
            post(
                province_client, "quotas/", {"year": 2026, "unit": unit, "service": "army", "count": count}
            ).status_code
            == 201
        )

    selected = post(
        client_a, "selections/", {"year": 2026, "citizens": [{"id": citizen.pk, "volunteer": True}]}
    )
    [callup] = selected.json()["items"]
    decision = post(
        province_client, "decisions/", {"callups": [callup["id"]], "decision_number": "20/QĐ-UBND"}
    )
    ordered = post(client_a, "orders/", order_body(citizen))
    handover = post(
        province_client,
        "handovers/",
        {"year": 2026, "held_on": "2026-03-04", "place": "Sân vận động xã", "receiving_units": "Sư đoàn 312"},
    )
    enlisted = post(
        client_a,
        "outcomes/",
        {
            "callup": callup["id"],
            "outcome": "enlisted",
            "on": "2026-03-04",
            "handover": handover.json()["id"],
        },
    )

    assert (selected.status_code, decision.status_code, ordered.status_code) == (201, 201, 201)
    assert (callup["status"], callup["volunteer"]) == ("selected", True)
    assert decision.json()["items"][0]["decider_title"] == "Chủ tịch UBND cấp tỉnh"
    [order] = ordered.json()["items"]
    assert (order["status"], order["order_number"], order["report_on"]) == (
        "ordered",
        "01/LGNN",
        "2026-03-04",
    )
    assert handover.status_code == 201
    assert enlisted.status_code == 201
    assert (enlisted.json()["status"], enlisted.json()["receiving_unit"]) == ("enlisted", "Sư đoàn 312")
    quotas = {q["unit"]: q["filled"] for q in province_client.get(API + "quotas/").json()["items"]}
    assert quotas == {"90": 1, "90001": 1}
    assert [c["id"] for c in client_a.get(API + "outcomes/").json()["items"]] == [callup["id"]]
    assert status_of(client_a, citizen).json()["status"] == "enlisted"


def test_order_for_a_deferred_man_is_refused(
    tree: Tree, client_a: Client, province_officer: Any, commune_officer_a: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a, full_name="Trần Văn Hoãn")
    callup = decided(province_officer, tree, citizen)
    defer(province_officer, citizen, "41.1.b")
    audited = AuditEntry.objects.count()

    response = post(client_a, "orders/", order_body(citizen))

    assert response.status_code == 400
    [message] = response.json()["errors"]["citizens"]
    assert message.startswith(
        "Trần Văn Hoãn: tạm hoãn gọi nhập ngũ — Tạm hoãn gọi nhập ngũ đến ngày 30/06/2027"
    )
    assert CallUp.objects.get(pk=callup.pk).order_number == ""
    assert AuditEntry.objects.count() == audited


def test_order_for_a_man_already_enlisted_is_refused(
    tree: Tree, client_a: Client, province_officer: Any, commune_officer_a: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a, full_name="Lê Văn Lính")
    callup = decided(province_officer, tree, citizen)
    [callup] = services.issue_orders(
        actor=province_officer,
        callups=[callup],
        signed_on=TODAY,
        report_on=dt.date(2026, 3, 4),
        report_place="Ban CHQS xã",
    )
    handover = services.create_handover(
        actor=province_officer,
        intake=callup.intake,
        organiser=tree.province,
        held_on=dt.date(2026, 3, 4),
        place="Ban CHPTKV 1",
        receiving_units="Sư đoàn 312",
    )
    services.record_outcome(
        actor=province_officer,
        callup=callup,
        outcome=CallUpStatus.ENLISTED,
        on=dt.date(2026, 3, 4),
        handover=handover,
    )
    audited = AuditEntry.objects.count()

    by_citizen = post(client_a, "orders/", order_body(citizen))
    by_callup = post(client_a, "orders/", {**order_body(), "citizens": [], "callups": [callup.pk]})

    assert by_citizen.status_code == by_callup.status_code == 400
    message = "Lê Văn Lính đã nhập ngũ; không cấp lệnh gọi nhập ngũ."
    assert by_citizen.json()["errors"] == {"citizens": [message]}
    assert by_callup.json()["errors"] == {"callups": [message]}
    assert AuditEntry.objects.count() == audited


def test_order_for_a_man_never_selected_names_him(
    tree: Tree, client_a: Client, commune_officer_a: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a, full_name="Phạm Văn Chưa")

    response = post(client_a, "orders/", order_body(citizen))

    assert response.status_code == 400
    assert response.json()["errors"] == {"citizens": ["Phạm Văn Chưa: chưa được chọn gọi nhập ngũ năm 2026."]}


def test_selection_of_an_unfit_man_is_refused_whole(
    tree: Tree, client_a: Client, commune_officer_a: Any, province_officer: Any
) -> None:
    intake(province_officer, tree.province)
    fit = ready_man(commune_officer_a, tree.commune_a)
    unfit = ready_man(commune_officer_a, tree.commune_a, health_type=5, full_name="Vũ Văn Yếu")

    response = post(client_a, "selections/", {"year": 2026, "citizens": [{"id": fit.pk}, {"id": unfit.pk}]})

    assert response.status_code == 400
    [message] = response.json()["errors"]["citizens"]
    assert message.startswith("Vũ Văn Yếu: không đủ sức khỏe")
    assert CallUp.objects.count() == 0


def test_selection_naming_a_man_twice_is_refused(
    tree: Tree, client_a: Client, commune_officer_a: Any, province_officer: Any
) -> None:
    intake(province_officer, tree.province)
    citizen = ready_man(commune_officer_a, tree.commune_a, full_name="Đỗ Văn Hai")

    response = post(
        client_a, "selections/", {"year": 2026, "citizens": [{"id": citizen.pk}, {"id": citizen.pk}]}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "citizens": ["Mỗi công dân chỉ ghi một lần trong danh sách: Đỗ Văn Hai."]
    }
    assert CallUp.objects.count() == 0


# -- scope -------------------------------------------------------------------------------------------


@pytest.fixture
def records_of_a(tree: Tree, commune_officer_a: Any, province_officer: Any) -> dict[str, Any]:
    """A man of commune A who is selected, and one of commune A to name in requests."""
    citizen = ready_man(commune_officer_a, tree.commune_a)
    return {"citizen": citizen, "callup": decided(province_officer, tree, citizen)}


OUT_OF_SCOPE_POSTS = {
    "registrations/": lambda r: {
        "citizen": r["citizen"].pk,
        "year": 2026,
        "kind": "supplementary",
        "reason": "Đổi nghề",
    },
    "health-exams/": lambda r: {
        "citizen": r["citizen"].pk,
        "year": 2026,
        "stage": "screening",
        "health_type": 1,
        "examined_on": "2025-11-05",
    },
    "deferments/": lambda r: {
        "citizen": r["citizen"].pk,
        "year": 2026,
        "ground": "41.1.g",
        "valid_until": "2027-06-30",
    },
    "exemptions/": lambda r: {"citizen": r["citizen"].pk, "year": 2026, "ground": "41.2.a"},
    "selections/": lambda r: {"year": 2026, "citizens": [{"id": r["citizen"].pk}]},
    "orders/": lambda r: order_body(r["citizen"]),
    "outcomes/": lambda r: {"callup": r["callup"].pk, "outcome": "not_reported", "reason": "Ốm"},
}


@pytest.mark.parametrize("endpoint", list(OUT_OF_SCOPE_POSTS))
def test_officer_of_commune_b_gets_404_when_naming_a_citizen_of_a(
    endpoint: str, records_of_a: dict[str, Any], client_b: Client
) -> None:
    audited = AuditEntry.objects.count()

    response = post(client_b, endpoint, OUT_OF_SCOPE_POSTS[endpoint](records_of_a))

    assert response.status_code == 404
    assert AuditEntry.objects.count() == audited


def test_lists_never_show_another_communes_rows(
    tree: Tree, client_a: Client, commune_officer_a: Any, province_officer: Any, province_client: Client
) -> None:
    for commune in (tree.commune_a, tree.commune_b):
        citizen = ready_man(province_officer, commune)
        defer(province_officer, citizen, "41.1.g")
        services.decide_relief(
            actor=province_officer,
            data=services.ReliefInput(
                citizen=ready_man(province_officer, commune),
                kind=ReliefKind.EXEMPTION,
                intake_year=INTAKE_YEAR,
                ground="41.2.b",
                decided_on=dt.date(2025, 12, 1),
            ),
        )
        decided(province_officer, tree, ready_man(province_officer, commune))
        for unit, count in (("90", 10), (commune.code, 1)):
            post(province_client, "quotas/", {"year": 2026, "unit": unit, "service": "army", "count": count})

    lists = {
        endpoint: client_a.get(API + endpoint).json()["items"]
        for endpoint in (
            "registrations/",
            "health-exams/",
            "deferments/",
            "exemptions/",
            "orders/",
            "decisions/",
        )
    }
    quotas = client_a.get(API + "quotas/").json()["items"]
    filtered_to_b = client_a.get(API + "registrations/", {"commune": "90002"})

    assert {e: len(items) for e, items in lists.items()} == {
        "registrations/": 3,
        "health-exams/": 3,
        "deferments/": 1,
        "exemptions/": 1,
        "orders/": 1,
        "decisions/": 1,
    }
    assert {i["commune"] for items in lists.values() for i in items} == {"90001"}
    assert [q["unit"] for q in quotas] == ["90001"]
    assert filtered_to_b.status_code == 404


def test_read_only_inspector_may_list_but_not_decide(
    tree: Tree, client: Client, read_only_officer: Any, commune_officer_a: Any
) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a)
    client.force_login(read_only_officer)

    listed = client.get(API + "deferments/")
    refused = post(client, "deferments/", {"citizen": citizen.pk, "year": 2026, "ground": "41.1.g"})

    assert listed.status_code == 200
    assert refused.status_code == 403
    assert Relief.objects.count() == 0


def test_list_query_count_does_not_grow_with_rows(
    tree: Tree, client_a: Client, commune_officer_a: Any, province_officer: Any
) -> None:
    def queries(endpoint: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get(API + endpoint).status_code == 200
        return len(captured)

    ready_man(commune_officer_a, tree.commune_a)
    few = {e: queries(e) for e in ("registrations/", "health-exams/", "orders/", "quotas/")}
    for _ in range(4):
        citizen = ready_man(commune_officer_a, tree.commune_a)
        decided(province_officer, tree, citizen)
    many = {e: queries(e) for e in few}

    assert many == few


# -- pool --------------------------------------------------------------------------------------------


def test_pool_counts_each_communes_citizens_by_status(
    tree: Tree, province_client: Client, commune_officer_a: Any, province_officer: Any, client_a: Client
) -> None:
    ready_man(commune_officer_a, tree.commune_a)
    defer(province_officer, ready_man(commune_officer_a, tree.commune_a))
    man(tree.commune_b)

    province = province_client.get(API + "pool/", {"year": 2026, "unit": "90"}).json()
    own = client_a.get(API + "pool/", {"year": 2026}).json()
    other = client_a.get(API + "pool/", {"year": 2026, "unit": "90002"})

    assert (province["unit"], province["reference"], province["total"]) == ("90", "2026-03-04", 3)
    by_commune = {c["commune"]: c for c in province["communes"]}
    assert by_commune["90001"]["name"] == "Xã An Bình"
    assert {s: n for s, n in by_commune["90001"]["counts"].items() if n} == {"eligible": 1, "deferred": 1}
    assert {s: n for s, n in by_commune["90002"]["counts"].items() if n} == {"not_registered": 1}
    assert (own["unit"], [c["commune"] for c in own["communes"]]) == ("90001", ["90001"])
    assert other.status_code == 404


# -- schema ------------------------------------------------------------------------------------------


def test_openapi_schema_lists_every_conscription_endpoint(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()

    listed = {p.removeprefix("/api/v1/conscription/") for p in schema["paths"] if "/conscription/" in p}
    assert listed == set(PATHS)
    for endpoint in ("registrations/", "health-exams/", "deferments/", "quotas/", "orders/", "outcomes/"):
        operation = schema["paths"][API + endpoint]["post"]
        reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert reference.startswith("#/components/schemas/")
        assert "201" in operation["responses"]
    status = schema["paths"][API + "status/{citizen_id}"]["get"]
    assert {p["name"]: p["required"] for p in status["parameters"]} == {"citizen_id": True, "year": True}
    response = status["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert set(schema["components"]["schemas"][response.rsplit("/", 1)[1]]["properties"]) == {
        "status",
        "ground",
        "article",
        "explanation",
    }
