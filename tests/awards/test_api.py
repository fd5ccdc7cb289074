"""REST API of emulation and awards: campaigns, nominations and their review, decisions with their lines and
document, signing, presenting and revoking, conferences; scoped (404), access per action (403), refusals
in the project's shape with the body's field names and nothing written; every operation in the OpenAPI
schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from qpdp.awards.choices import DecisionStatus, NominationStatus
from qpdp.awards.models import Award, AwardDecision, Nomination
from qpdp.awards.services import campaigns as campaign_services
from qpdp.awards.services import checks
from qpdp.awards.services import decisions as decision_services
from qpdp.awards.services import nominations as nomination_services
from qpdp.core.models import AuditEntry
from qpdp.org.choices import Role
from tests.factories import make_user
from tests.factories.awards import (
    HELD_ON,
    agree,
    campaign,
    conference,
    decide,
    draft_decision,
    line,
    nominate,
    person,
    provincial_decision,
    written,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/awards/"
PATHS = {
    "campaigns/": {"get", "post"},
    "campaigns/{campaign_id}": {"get"},
    "campaigns/{campaign_id}/pledges": {"get", "post"},
    "nominations/": {"get", "post"},
    "nominations/{nomination_id}": {"get"},
    "nominations/{nomination_id}/review": {"get", "post"},
    "decisions/": {"get", "post"},
    "decisions/{decision_id}": {"get"},
    "decisions/{decision_id}/document": {"get"},
    "decisions/{decision_id}/sign": {"get", "post"},
    "decisions/{decision_id}/present": {"get", "post"},
    "awards/{award_id}/revoke": {"get", "post"},
    "conferences/": {"get", "post"},
    "conferences/{conference_id}": {"get"},
    "conferences/{conference_id}/decisions": {"get", "post"},
}


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(user: Any, endpoint: str, body: dict[str, Any]) -> Any:
    return client_of(user).post(API + endpoint, body, content_type="application/json")


def get(user: Any, endpoint: str, **query: Any) -> Any:
    return client_of(user).get(API + endpoint, query)


def refused(response: Any) -> dict[str, list[str]]:
    """The errors of a 400 in the project's single shape."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"errors", "detail"}
    return dict(body["errors"])


# -- the schema ----------------------------------------------------------------------------------------


def test_openapi_schema_lists_every_awards_operation(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()

    listed = {
        p.removeprefix("/api/v1/awards/"): {m for m in operations if m in {"get", "post"}}
        for p, operations in schema["paths"].items()
        if p.startswith("/api/v1/awards/")
    }
    assert listed == PATHS
    ids = {
        operation["operationId"]
        for p in schema["paths"]
        if p.startswith(API)
        for operation in schema["paths"][p].values()
    }
    assert {
        "awards_campaigns_create",
        "awards_nominations_review",
        "awards_decisions_create",
        "awards_decisions_sign",
        "awards_decisions_present",
        "awards_awards_revoke",
    } <= ids
    actions = ("decisions/{decision_id}/sign", "decisions/{decision_id}/present", "awards/{award_id}/revoke")
    for endpoint in actions:
        operation = schema["paths"][API + endpoint]["post"]
        reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert reference.startswith("#/components/schemas/")
        assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] == (
            "#/components/schemas/DecisionDetail"
        )
    for endpoint in ("campaigns/", "nominations/", "decisions/", "conferences/"):
        operation = schema["paths"][API + endpoint]["post"]
        reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert reference.startswith("#/components/schemas/")
        assert "201" in operation["responses"]
    document = schema["paths"][API + "decisions/{decision_id}/document"]["get"]
    assert {p["name"] for p in document["parameters"]} == {"decision_id", "format"}


# -- campaigns and pledges -----------------------------------------------------------------------------

CAMPAIGN = {
    "unit": "90001",
    "name": "90 ngày hành động kiểu mẫu",
    "launched_by": "Chính trị viên Ban CHQS xã",
    "launched_on": "2026-07-01",
    "starts_on": "2026-07-01",
    "ends_on": "2026-09-30",
    "participants": ["90001-001"],
}


def test_a_commune_officer_launches_a_campaign_and_signs_pledges(tree: Any, commune_officer_a: Any) -> None:
    created = post(commune_officer_a, "campaigns/", CAMPAIGN)

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["unit"], body["name"], body["participants"], body["status"]) == (
        "90001",
        "90 ngày hành động kiểu mẫu",
        ["90001-001"],
        "launched",
    )
    campaign_id = body["id"]
    signed = post(
        commune_officer_a,
        f"campaigns/{campaign_id}/pledges",
        {"signed_on": "2026-07-05", "parties": "Cụm thi đua số 1 và Cụm thi đua số 2"},
    )
    assert signed.status_code == 201
    assert signed.json()["parties"] == "Cụm thi đua số 1 và Cụm thi đua số 2"
    assert [p["signed_on"] for p in get(commune_officer_a, f"campaigns/{campaign_id}/pledges").json()] == [
        "2026-07-05"
    ]
    assert (
        get(commune_officer_a, f"campaigns/{campaign_id}").json()["pledges"][0]["id"] == signed.json()["id"]
    )
    assert [c["id"] for c in get(commune_officer_a, "campaigns/", status="launched").json()["items"]] == [
        campaign_id
    ]
    assert AuditEntry.objects.filter(action="awards.pledge.signed").count() == 1


def test_a_campaign_refused_writes_nothing(tree: Any, commune_officer_a: Any) -> None:
    before = written()

    response = post(commune_officer_a, "campaigns/", {**CAMPAIGN, "ends_on": "2026-06-30"})

    message = checks.DATES_ORDER.format(
        later="Ngày kết thúc", day=dt.date(2026, 6, 30), earlier="ngày bắt đầu", first=dt.date(2026, 7, 1)
    )
    assert refused(response) == {"ends_on": [message]}
    assert written() == before


def test_a_pledge_outside_the_campaign_is_refused(tree: Any, commune_officer_a: Any) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    before = written()

    response = post(
        commune_officer_a,
        f"campaigns/{the_campaign.pk}/pledges",
        {"signed_on": "2026-10-05", "parties": "A và B"},
    )

    message = campaign_services.PLEDGE_OUTSIDE_CAMPAIGN.format(
        day=dt.date(2026, 10, 5), start=the_campaign.launched_on, end=the_campaign.ends_on
    )
    assert refused(response) == {"signed_on": [message]}
    assert written() == before


def test_a_malformed_body_names_its_fields(tree: Any, commune_officer_a: Any) -> None:
    response = post(commune_officer_a, "campaigns/", {"unit": "90001", "launched_on": "01/07/2026"})

    errors = refused(response)
    assert errors["name"] == ["Trường này là bắt buộc."]
    assert errors["launched_on"] == ["Ngày phải có dạng yyyy-mm-dd."]


def test_campaigns_out_of_scope_are_not_found(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    before = written()

    assert get(commune_officer_b, f"campaigns/{the_campaign.pk}").status_code == 404
    pledge = post(
        commune_officer_b, f"campaigns/{the_campaign.pk}/pledges", {"signed_on": "2026-07-05", "parties": "A"}
    )
    assert pledge.status_code == 404
    assert post(commune_officer_b, "campaigns/", CAMPAIGN).status_code == 404  # commune A is not his unit
    assert get(commune_officer_b, "campaigns/").json()["items"] == []
    assert get(commune_officer_b, "campaigns/", commune="90001").status_code == 404
    assert written() == before


# -- nominations and their review ----------------------------------------------------------------------


def nomination_body(citizen: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "unit": "90001",
        "issuer": "commune_chairman",
        "form_code": "giay_khen",
        "recipient_kind": "individual",
        "recipient_citizen": citizen.pk,
        "recipient_detail": "Dân quân",
        "proposed_on": "2026-11-20",
        "period_code": "2026",
        "achievement": "Hoàn thành xuất sắc nhiệm vụ",
        **overrides,
    }


def test_a_nomination_is_proposed_then_reviewed_from_above(
    tree: Any, commune_officer_a: Any, region_officer: Any
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")

    created = post(commune_officer_a, "nominations/", nomination_body(citizen))

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["recipient_name"], body["form_name"], body["status"], body["issuer_label"]) == (
        "Nguyễn Văn An",
        "Giấy khen",
        "proposed",
        "Chủ tịch UBND xã",
    )
    endpoint = f"nominations/{body['id']}/review"
    assert get(region_officer, endpoint).json()["outcomes"] == ["agree", "refuse", "return"]
    reviewed = post(region_officer, endpoint, {"outcome": "agree", "reviewed_on": "2026-11-25"})
    assert reviewed.status_code == 200, reviewed.content
    assert reviewed.json()["status"] == NominationStatus.REVIEWED
    assert get(region_officer, endpoint).json()["outcomes"] == []
    assert [n["id"] for n in get(commune_officer_a, "nominations/", status="reviewed").json()["items"]] == [
        body["id"]
    ]


def test_a_nomination_the_issuer_may_not_award_is_refused(tree: Any, commune_officer_a: Any) -> None:
    citizen = person(tree.commune_a)
    before = written()

    response = post(commune_officer_a, "nominations/", nomination_body(citizen, form_code="bang_khen"))

    errors = refused(response)
    assert list(errors) == ["form_code"]
    [message] = errors["form_code"]
    assert message.startswith(f"{citizen.full_name}: Chủ tịch UBND xã không có thẩm quyền tặng bằng khen (")
    assert written() == before


def test_a_nomination_of_someone_out_of_scope_is_not_found(tree: Any, commune_officer_a: Any) -> None:
    stranger = person(tree.commune_b)

    response = post(commune_officer_a, "nominations/", nomination_body(stranger))

    assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_the_review_needs_an_opinion_to_return_and_the_reviewers_role(
    tree: Any, commune_officer_a: Any, region_officer: Any
) -> None:
    nomination = nominate(commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a))
    endpoint = f"nominations/{nomination.pk}/review"
    before = written()

    returned = post(region_officer, endpoint, {"outcome": "return", "reviewed_on": "2026-11-25"})
    by_proposer = post(commune_officer_a, endpoint, {"outcome": "agree", "reviewed_on": "2026-11-25"})

    assert refused(returned) == {"opinion": [nomination_services.OPINION_REQUIRED]}
    assert by_proposer.status_code == 403
    assert written() == before


# -- decisions -----------------------------------------------------------------------------------------


def test_a_decision_from_agreed_nominations_and_a_direct_line(
    tree: Any, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> None:
    first = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, "Lê Thị Bình")
    )
    agree(region_officer, [first])
    household_head = person(tree.commune_a, "Hoàng Văn Minh")

    created = post(
        commune_leader_a,
        "decisions/",
        {
            "issuing_unit": "90001",
            "issuer": "commune_chairman",
            "decided_on": "2026-12-01",
            "number": "125/QĐ-UBND",
            "signer_name": "Trần Văn Bình",
            "subject": "đã có thành tích xuất sắc năm 2026",
            "nominations": [first.pk],
            "lines": [
                {
                    "recipient_kind": "household",
                    "recipient_citizen": household_head.pk,
                    "form_code": "gia_dinh_van_hoa",
                    "period_code": "2026",
                    "money": 200000,
                }
            ],
        },
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["decision"]["number"] == "125/QĐ-UBND"
    assert body["decision"]["issuing_body"] == "UBND xã An Bình"
    assert body["decision"]["line_count"] == 2
    assert body["phrase"] == "UBND xã An Bình khen thưởng 1 cá nhân, 1 hộ gia đình"
    assert [(a["recipient_name"], a["form_name"], a["money"]) for a in body["lines"]] == [
        ("Hoàng Văn Minh", "Gia đình văn hóa", 200000),
        ("Lê Thị Bình", "Giấy khen", 0),
    ]
    first.refresh_from_db()
    assert first.status == NominationStatus.DECIDED
    detail = get(commune_officer_a, f"decisions/{body['decision']['id']}").json()
    assert detail == body
    assert [d["line_count"] for d in get(commune_officer_a, "decisions/", year=2026).json()["items"]] == [2]


def test_a_decision_refused_names_the_line_and_writes_nothing(tree: Any, commune_leader_a: Any) -> None:
    before = written()

    response = post(
        commune_leader_a,
        "decisions/",
        {
            "issuing_unit": "90001",
            "issuer": "commune_chairman",
            "decided_on": "2026-12-01",
            "number": "",
            "lines": [
                {"recipient_kind": "collective", "recipient_name": "Tổ dân quân", "form_code": "giay_khen"},
                {
                    "recipient_kind": "individual",
                    "recipient_name": "Lê Văn Dũng",
                    "form_code": "giay_khen",
                    "money": -5,
                },
            ],
        },
    )

    errors = refused(response)
    assert errors["number"] == [checks.REQUIRED.format(what="số quyết định")]
    assert errors["signer_name"] == [checks.REQUIRED.format(what="họ tên người ký")]
    assert errors["lines[1].money"] == [decision_services.NEGATIVE_MONEY]
    assert "lines[0].form_code" not in errors
    assert written() == before


def test_a_decision_of_another_communes_nomination_is_not_found(
    tree: Any, journey: dict[str, Any], province_officer: Any, commune_leader_a: Any
) -> None:
    other = nominate(province_officer, tree.commune_b, recipient_name="Lê Văn Dũng")
    before = written()

    response = post(
        commune_leader_a,
        "decisions/",
        {
            "issuing_unit": "90001",
            "issuer": "commune_chairman",
            "decided_on": "2026-12-01",
            "nominations": [other.pk],
        },
    )

    assert response.status_code == 404
    assert written() == before


def test_only_a_decider_may_decide(tree: Any, commune_officer_a: Any, read_only_officer: Any) -> None:
    body = {"issuing_unit": "90001", "issuer": "commune_chairman", "decided_on": "2026-12-01"}

    assert post(commune_officer_a, "decisions/", body).status_code == 403
    assert post(read_only_officer, "decisions/", body).status_code == 403
    assert Client().post(API + "decisions/", body, content_type="application/json").status_code in {401, 403}
    assert not AwardDecision.objects.exists()


def test_the_decision_document_downloads_as_docx_or_pdf(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any, commune_officer_b: Any
) -> None:
    endpoint = f"decisions/{journey['decision'].pk}/document"

    docx = get(commune_officer_a, endpoint)
    pdf = get(commune_officer_a, endpoint, format="pdf")
    wrong = get(commune_officer_a, endpoint, format="odt")

    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "quyet-dinh-125-Q" in docx["Content-Disposition"]
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert refused(wrong) == {"format": ["Định dạng “odt” không hợp lệ; chọn docx hoặc pdf."]}
    assert get(commune_officer_b, endpoint).status_code == 404


# -- signing, presenting, revoking ---------------------------------------------------------------------


SIGNATURE = {"number": "130/QĐ-UBND", "decided_on": "2026-12-01", "signer_name": "Trần Văn Bình"}


def test_a_draft_is_signed_through_the_api(tree: Any, commune_leader_a: Any, commune_officer_a: Any) -> None:
    draft = draft_decision(commune_leader_a, tree.commune_a, kind="household", name="Hộ ông Hoàng Văn Minh")
    endpoint = f"decisions/{draft.pk}/sign"
    assert get(commune_officer_a, endpoint).json()["status"] == DecisionStatus.DRAFT

    response = post(commune_leader_a, endpoint, SIGNATURE)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["decision"]["status"], body["decision"]["number"], body["decision"]["signer_name"]) == (
        DecisionStatus.SIGNED,
        "130/QĐ-UBND",
        "Trần Văn Bình",
    )
    assert body == get(commune_officer_a, f"decisions/{draft.pk}").json()
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (DecisionStatus.SIGNED, "130/QĐ-UBND")
    assert AuditEntry.objects.filter(action="awards.decision.signed").count() == 1


def test_signing_is_refused_without_a_number_or_once_signed(
    tree: Any, journey: dict[str, Any], commune_leader_a: Any
) -> None:
    draft = draft_decision(commune_leader_a, tree.commune_a, kind="household", name="Hộ ông Hoàng Văn Minh")
    before = written()

    no_number = post(commune_leader_a, f"decisions/{draft.pk}/sign", {**SIGNATURE, "number": ""})
    signed = post(commune_leader_a, f"decisions/{journey['decision'].pk}/sign", SIGNATURE)
    malformed = post(commune_leader_a, f"decisions/{draft.pk}/sign", {"decided_on": "01/12/2026"})

    assert refused(no_number) == {"number": [checks.REQUIRED.format(what="số quyết định")]}
    assert refused(signed) == {"decision": [decision_services.NOT_A_DRAFT.format(number="125/QĐ-UBND")]}
    errors = refused(malformed)
    assert errors["number"] == ["Trường này là bắt buộc."]
    assert errors["decided_on"] == ["Ngày phải có dạng yyyy-mm-dd."]
    assert written() == before
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (DecisionStatus.DRAFT, "")


def test_the_awards_are_presented_at_the_conference(
    journey: dict[str, Any], commune_leader_a: Any, commune_officer_a: Any
) -> None:
    decision = journey["decision"]
    endpoint = f"decisions/{decision.pk}/present"
    before = written()

    too_early = post(commune_leader_a, endpoint, {"presented_on": "2026-11-30"})
    assert list(refused(too_early)) == ["presented_on"]
    assert written() == before

    response = post(commune_leader_a, endpoint, {"conference": journey["conference"].pk})

    assert response.status_code == 200, response.content
    assert response.json()["decision"]["presented_on"] == HELD_ON.isoformat()
    assert response.json()["decision"]["conference"] == journey["conference"].pk
    decision.refresh_from_db()
    assert decision.presented_on == HELD_ON
    assert get(commune_officer_a, endpoint).json()["presented_on"] == HELD_ON.isoformat()
    assert AuditEntry.objects.filter(action="awards.decision.presented").count() == 1


def test_an_award_is_revoked_and_no_longer_counted(
    journey: dict[str, Any], commune_leader_a: Any, commune_officer_a: Any
) -> None:
    decision = journey["decision"]
    award = decision.awards.get(recipient_name="Lê Thị Bình")
    endpoint = f"awards/{award.pk}/revoke"
    before = written()

    no_reason = post(commune_leader_a, endpoint, {"revoked_on": "2026-12-20", "reason": ""})
    assert refused(no_reason) == {"reason": [checks.REQUIRED.format(what="lý do hủy bỏ")]}
    assert written() == before

    response = post(
        commune_leader_a,
        endpoint,
        {"revoked_on": "2026-12-20", "reason": "Hồ sơ không trung thực", "revocation_number": "140/QĐ-UBND"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["decision"]["id"] == decision.pk
    assert body["phrase"] == "UBND xã An Bình khen thưởng 2 tập thể, 2 cá nhân"
    [revoked] = [a for a in body["lines"] if a["id"] == award.pk]
    assert (revoked["revoked_on"], revoked["revocation_reason"]) == ("2026-12-20", "Hồ sơ không trung thực")
    award.refresh_from_db()
    assert (award.revoked_on, award.revocation_number) == (dt.date(2026, 12, 20), "140/QĐ-UBND")
    assert get(commune_officer_a, endpoint).json()["revoked_on"] == "2026-12-20"
    assert AuditEntry.objects.filter(action="awards.award.revoked").count() == 1
    again = post(commune_leader_a, endpoint, {"revoked_on": "2026-12-21", "reason": "Lần nữa"})
    assert list(refused(again)) == ["award"]


def test_signing_presenting_and_revoking_out_of_scope_are_not_found(
    tree: Any, journey: dict[str, Any], commune_leader_a: Any
) -> None:
    draft = draft_decision(commune_leader_a, tree.commune_a, kind="household", name="Hộ ông Hoàng Văn Minh")
    award = journey["decision"].awards.first()
    leader_b = make_user(Role.COMMUNE_LEADER, unit=tree.commune_b, username="chutich_b")
    before = written()

    assert post(leader_b, f"decisions/{draft.pk}/sign", SIGNATURE).status_code == 404
    assert post(leader_b, f"decisions/{journey['decision'].pk}/present", {}).status_code == 404
    assert post(leader_b, f"awards/{award.pk}/revoke", {}).status_code == 404
    assert get(leader_b, f"awards/{award.pk}/revoke").status_code == 404
    assert post(leader_b, "awards/999999/revoke", {}).status_code == 404
    assert written() == before


def test_presenting_at_a_conference_out_of_scope_is_not_found(
    tree: Any, journey: dict[str, Any], commune_leader_a: Any, commune_officer_b: Any
) -> None:
    elsewhere = conference(commune_officer_b, tree.commune_b)
    before = written()

    response = post(
        commune_leader_a, f"decisions/{journey['decision'].pk}/present", {"conference": elsewhere.pk}
    )

    assert response.status_code == 404
    assert written() == before


def test_only_a_decider_may_sign_present_or_revoke(
    tree: Any, journey: dict[str, Any], commune_leader_a: Any, commune_officer_a: Any, read_only_officer: Any
) -> None:
    draft = draft_decision(commune_leader_a, tree.commune_a, kind="household", name="Hộ ông Hoàng Văn Minh")
    award = journey["decision"].awards.first()
    before = written()

    for user in (commune_officer_a, read_only_officer):
        assert post(user, f"decisions/{draft.pk}/sign", SIGNATURE).status_code == 403
        assert post(user, f"decisions/{journey['decision'].pk}/present", {}).status_code == 403
        body = {"revoked_on": "2026-12-20", "reason": "Hồ sơ không trung thực"}
        assert post(user, f"awards/{award.pk}/revoke", body).status_code == 403
    assert written() == before


# -- conferences ---------------------------------------------------------------------------------------


def test_a_conference_is_recorded_and_states_its_awards(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any, province_officer: Any
) -> None:
    provincial = provincial_decision(
        province_officer, tree.province, tree.commune_a, decided_on=dt.date(2026, 12, 5)
    )
    endpoint = f"conferences/{journey['conference'].pk}"

    attached = post(province_officer, f"{endpoint}/decisions", {"decision": provincial.pk})

    assert attached.status_code == 200, attached.content
    assert attached.json()["phrase"] == (
        "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân; Bộ CHQS tỉnh Thử Nghiệm khen thưởng 1 tập thể"
    )
    summary = get(commune_officer_a, endpoint).json()["summary"]
    assert [(s["issuing_body"], s["collectives"], s["individuals"]) for s in summary] == [
        ("UBND xã An Bình", 2, 3),
        ("Bộ CHQS tỉnh Thử Nghiệm", 1, 0),
    ]
    assert [d["number"] for d in get(commune_officer_a, f"{endpoint}/decisions").json()] == [
        "125/QĐ-UBND",
        "88/QĐ-BCH",
    ]


def test_recording_a_conference(tree: Any, commune_officer_a: Any) -> None:
    created = post(
        commune_officer_a,
        "conferences/",
        {"unit": "90001", "kind": "so_ket", "period_code": "2026-H1", "held_on": "2026-06-28"},
    )
    before = written()
    early = post(
        commune_officer_a,
        "conferences/",
        {"unit": "90001", "kind": "tong_ket", "period_code": "2026", "held_on": "2025-12-20"},
    )

    assert created.status_code == 201, created.content
    assert created.json()["conference"]["title"] == (
        "Hội nghị sơ kết công tác quân sự, quốc phòng địa phương 6 tháng đầu năm 2026"
    )
    assert created.json()["phrase"] == ""
    assert list(refused(early)) == ["held_on"]
    assert written() == before
    assert [c["kind"] for c in get(commune_officer_a, "conferences/", kind="so_ket").json()["items"]] == [
        "so_ket"
    ]
    assert get(commune_officer_a, "conferences/", kind="hop").status_code == 400


def test_attaching_a_decision_signed_after_the_conference_is_refused(
    tree: Any, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    early = conference(commune_officer_a, tree.commune_a, held_on=dt.date(2026, 11, 30))
    decision = decide(
        commune_leader_a, tree.commune_a, lines=[line(recipient_kind="household", recipient_name="Hộ A")]
    )
    before = written()

    response = post(commune_officer_a, f"conferences/{early.pk}/decisions", {"decision": decision.pk})

    message = decision_services.DECIDED_AFTER_CONFERENCE.format(day=decision.decided_on, held=early.held_on)
    assert refused(response) == {"conference": [message]}
    assert written() == before
    assert Award.objects.count() == 1


def test_lists_page_by_keyset(tree: Any, commune_officer_a: Any) -> None:
    for index in range(3):
        campaign(commune_officer_a, tree.commune_a, name=f"Đợt {index}")

    first = get(commune_officer_a, "campaigns/", limit=2).json()
    second = client_of(commune_officer_a).get(first["next"]).json()

    assert [c["name"] for c in first["items"]] == ["Đợt 0", "Đợt 1"]
    assert [c["name"] for c in second["items"]] == ["Đợt 2"]
    assert second["next"] is None
    assert refused(get(commune_officer_a, "campaigns/", cursor="x")) == {
        "cursor": ["Con trỏ trang (cursor) không hợp lệ; dùng đúng liên kết “next” của trang trước."]
    }
