"""REST API of reports: indicator catalogue and values, targets, reports, their workflow; scope; schema."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from qpdp.awards.models import Conference
from qpdp.core.models import AuditEntry
from qpdp.reports import services
from qpdp.reports.models import Report, Target
from tests.factories.org import Tree
from tests.factories.reports import WRITTEN, call_up_history, report_of

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

API = "/api/v1/"
ENLISTED, COMPLETION = "conscription.enlisted", "conscription.completion"
REPORT_PATHS = ["", "/sections", "/submit", "/return", "/approve", "/download"]


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_a(commune_officer_a: Any) -> Client:
    return signed_in(commune_officer_a)


@pytest.fixture
def client_b(commune_officer_b: Any) -> Client:
    return signed_in(commune_officer_b)


@pytest.fixture
def leader_a(commune_leader_a: Any) -> Client:
    return signed_in(commune_leader_a)


@pytest.fixture
def province(province_officer: Any) -> Client:
    return signed_in(province_officer)


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(API + url, body or {}, content_type="application/json")


# -- indicators ---------------------------------------------------------------------------------------


def test_the_catalogue_lists_every_indicator_with_how_it_aggregates(client_a: Client) -> None:
    items = client_a.get(API + "indicators/").json()["items"]

    by_code = {item["code"]: item for item in items}
    assert {"code", "label", "unit", "area", "aggregation"} <= set(items[0])
    assert by_code[ENLISTED] | {"note": ""} == {
        "code": ENLISTED,
        "label": "Giao quân (nhập ngũ và CAND)",
        "unit": "người",
        "area": "conscription",
        "aggregation": "sum",
        "numerator": "",
        "denominator": "",
        "note": "",
    }
    assert (by_code[COMPLETION]["aggregation"], by_code[COMPLETION]["numerator"]) == ("ratio", ENLISTED)


def test_values_of_a_new_commune_before_2025_add_up_its_old_communes_with_the_target(
    tree: Tree, client_a: Client, province_officer: Any
) -> None:
    call_up_history(tree)
    services.set_target(
        actor=province_officer,
        unit=tree.commune_a,
        code=ENLISTED,
        period_code="2024",
        value=5,
        set_by_unit=tree.province,
    )

    answer = client_a.get(
        API + "indicators/values", {"unit": "90001", "period": "2024", "codes": f"{ENLISTED},{COMPLETION}"}
    )

    assert answer.status_code == 200
    assert [
        {k: i[k] for k in ("code", "unit", "period", "value", "target")} for i in answer.json()["items"]
    ] == [
        {"code": ENLISTED, "unit": "90001", "period": "2024", "value": "4", "target": "5"},
        {"code": COMPLETION, "unit": "90001", "period": "2024", "value": "80.0", "target": None},
    ]


def test_values_default_to_the_callers_unit_and_this_year(tree: Tree, client_a: Client) -> None:
    call_up_history(tree)

    items = client_a.get(API + "indicators/values", {"codes": ENLISTED}).json()["items"]

    assert items == [
        {
            "code": ENLISTED,
            "label": "Giao quân (nhập ngũ và CAND)",
            "measure": "người",
            "unit": "90001",
            "period": "2026",
            "value": "4",
            "target": None,
            "approximate": False,
        }
    ]


def test_values_of_another_commune_are_not_found(tree: Tree, client_b: Client) -> None:
    assert client_b.get(API + "indicators/values", {"unit": "90001", "period": "2025"}).status_code == 404


def test_values_refuse_a_bad_period_and_name_an_unknown_code(client_a: Client) -> None:
    bad_period = client_a.get(API + "indicators/values", {"period": "2025-H3"})
    unknown = client_a.get(
        API + "indicators/values", {"period": "2025", "codes": f"{ENLISTED},conscription.nope"}
    )

    assert bad_period.status_code == 400
    assert bad_period.json()["errors"]["period"][0].startswith("Không hiểu kỳ báo cáo “2025-H3”")
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {
        "codes": ["Không có chỉ số mã “conscription.nope” trong danh mục chỉ số."]
    }


# -- targets ------------------------------------------------------------------------------------------


def test_the_province_sets_targets_and_a_commune_reads_its_own(
    tree: Tree, province: Client, client_a: Client, client_b: Client
) -> None:
    body = {"code": ENLISTED, "unit": "90001", "period": "2026", "value": "5", "set_by": "90"}

    created = post(province, "targets/", body)
    refused = post(client_a, "targets/", body)
    own = client_a.get(API + "targets/", {"period": "2026"}).json()
    other = client_b.get(API + "targets/").json()

    assert created.status_code == 201
    assert created.json() | {"id": 0, "updated_at": ""} == {
        "id": 0,
        "code": ENLISTED,
        "unit": "90001",
        "unit_name": "Xã An Bình",
        "period": "2026",
        "value": "5.00",
        "set_by": "90",
        "programme": "",
        "note": "",
        "updated_at": "",
    }
    assert refused.status_code == 403
    assert ([t["unit"] for t in own["items"]], own["next"]) == (["90001"], None)
    assert other["items"] == []


def test_a_bad_target_is_a_400_naming_the_field(tree: Tree, province: Client) -> None:
    answer = post(
        province, "targets/", {"code": "x", "unit": "90001", "period": "2026", "value": "-1", "set_by": "90"}
    )

    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"code", "value"}
    assert Target.objects.count() == 0


# -- reports ------------------------------------------------------------------------------------------


def test_a_report_goes_from_draft_to_approval_through_the_api(
    tree: Tree, client_a: Client, leader_a: Client
) -> None:
    call_up_history(tree)

    created = post(client_a, "reports/", {"period": "2025"})
    report_id = created.json()["id"]
    edited = post(
        client_a,
        f"reports/{report_id}/sections",
        {
            "sections": WRITTEN,
            "number": "07/BC-UBND",
            "signer_name": "Nguyễn Văn Chủ",
            "signer_title": "Chủ tịch",
        },
    )
    submitted = post(client_a, f"reports/{report_id}/submit")
    not_by_officer = post(client_a, f"reports/{report_id}/approve")
    approved = post(leader_a, f"reports/{report_id}/approve")
    after = post(client_a, f"reports/{report_id}/sections", {"sections": {"lessons": "Sửa."}})

    assert created.status_code == 201
    detail = created.json()
    assert (detail["unit"], detail["period"], detail["status"], detail["actions"]) == (
        "90001",
        "2025",
        "draft",
        ["edit", "submit"],
    )
    conscription = next(a for a in detail["areas"] if a["code"] == "conscription")
    completion = next(f for f in conscription["figures"] if f["code"] == COMPLETION)
    assert (
        completion["value"],
        completion["previous"],
        completion["delta"],
        completion["previous_folded"],
    ) == (
        "100.0",
        "80.0",
        "20.0",
        True,
    )
    militia = next(a for a in detail["areas"] if a["code"] == "militia")
    assert (militia["has_records"], militia["statement"], militia["figures"]) == (
        False,
        "chưa có số liệu",
        [],
    )
    assert (edited.status_code, edited.json()["number"]) == (200, "07/BC-UBND")
    assert (submitted.status_code, submitted.json()["status"]) == (200, "review")
    assert not_by_officer.status_code == 403
    assert (approved.status_code, approved.json()) == (
        200,
        {"id": report_id, "status": "approved", "status_label": "Đã phê duyệt", "actions": []},
    )
    assert after.status_code == 400
    assert after.json()["errors"]["status"][0].startswith("Báo cáo đã được phê duyệt ngày 20/03/2026")


def test_a_report_belongs_to_a_review_conference_of_its_unit(tree: Tree, client_a: Client) -> None:
    def held(unit: Any) -> Conference:
        return Conference.objects.create(
            unit=unit,
            unit_path=unit.path,
            kind="tong_ket",
            period_code="2025",
            title=f"Hội nghị tổng kết năm 2025 — {unit.name}",
            held_on=dt.date(2025, 12, 20),
        )

    own, other = held(tree.commune_a), held(tree.commune_b)

    linked = post(client_a, "reports/", {"period": "2025", "conference": own.pk})
    refused = post(client_a, "reports/", {"period": "2025", "conference": other.pk})

    assert (linked.status_code, linked.json()["conference"]) == (201, own.pk)
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "conference": [f"Không có hội nghị mã {other.pk} trong phạm vi của bạn."]
    }


def test_submitting_an_unwritten_draft_names_each_part_to_write(tree: Tree, client_a: Client) -> None:
    report_id = post(client_a, "reports/", {"period": "2025"}).json()["id"]

    answer = post(client_a, f"reports/{report_id}/submit")

    assert answer.status_code == 400
    assert {"situation", "lessons", "signer_name"} <= set(answer.json()["errors"])


def test_the_reviewer_returns_a_report_with_a_comment(
    tree: Tree, client_a: Client, leader_a: Client, commune_officer_a: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a)
    post(
        client_a,
        f"reports/{report.pk}/sections",
        {"sections": WRITTEN, "signer_name": "A", "signer_title": "B"},
    )
    post(client_a, f"reports/{report.pk}/submit")

    without = post(leader_a, f"reports/{report.pk}/return", {"comment": ""})
    returned = post(leader_a, f"reports/{report.pk}/return", {"comment": "Bổ sung phần hạn chế."})

    assert without.status_code == 400
    assert (returned.status_code, returned.json()["status"]) == (200, "draft")
    assert client_a.get(f"{API}reports/{report.pk}").json()["review_comment"] == "Bổ sung phần hạn chế."


def test_lists_keep_to_scope_and_filter(
    tree: Tree, client_a: Client, client_b: Client, commune_officer_a: Any
) -> None:
    report_of(commune_officer_a, tree.commune_a, "2025")
    report_of(commune_officer_a, tree.commune_a, "2025-H1", kind="article")

    mine = client_a.get(API + "reports/").json()
    articles = client_a.get(API + "reports/", {"kind": "article"}).json()
    bad = client_a.get(API + "reports/", {"status": "lost"})

    assert [r["period"] for r in mine["items"]] == ["2025-H1", "2025"]
    assert [r["kind"] for r in articles["items"]] == ["article"]
    assert client_b.get(API + "reports/").json()["items"] == []
    assert bad.status_code == 400


def test_another_communes_officer_gets_404_on_every_report_url(
    tree: Tree, client_b: Client, commune_officer_a: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a)
    audited = AuditEntry.objects.count()

    statuses = {
        suffix: client_b.get(f"{API}reports/{report.pk}{suffix}").status_code for suffix in REPORT_PATHS
    }
    posts = {
        suffix: post(client_b, f"reports/{report.pk}{suffix}", {"sections": {"lessons": "x"}}).status_code
        for suffix in ("/sections", "/submit")
    }
    created = post(client_b, "reports/", {"unit": "90001", "period": "2025"})

    assert statuses == dict.fromkeys(REPORT_PATHS, 404)
    assert posts == {"/sections": 404, "/submit": 404}
    assert created.status_code == 404
    assert AuditEntry.objects.count() == audited
    assert Report.objects.count() == 1


def test_a_download_in_an_unknown_format_is_refused(
    tree: Tree, client_a: Client, commune_officer_a: Any
) -> None:
    # The document itself is built by qpdp.reports.documents.render_report (tested with the documents).
    report = report_of(commune_officer_a, tree.commune_a)

    answer = client_a.get(f"{API}reports/{report.pk}/download", {"format": "exe"})

    assert answer.status_code == 400
    assert answer.json()["errors"] == {
        "format": ["Định dạng “exe” không hỗ trợ; chọn một trong: docx, pdf, txt, html."]
    }


def test_the_workflow_urls_say_what_the_caller_may_do(
    tree: Tree, client_a: Client, read_only_officer: Any, commune_officer_a: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a)

    mine = client_a.get(f"{API}reports/{report.pk}/approve").json()
    inspector = signed_in(read_only_officer).get(f"{API}reports/{report.pk}/submit").json()

    assert (mine["status"], mine["actions"]) == ("draft", ["edit", "submit"])
    assert inspector["actions"] == []


# -- schema -------------------------------------------------------------------------------------------


def test_openapi_schema_lists_every_reports_endpoint(client: Client) -> None:
    schema = client.get(API + "openapi.json").json()

    paths = set(schema["paths"])
    assert {
        "/api/v1/indicators/",
        "/api/v1/indicators/values",
        "/api/v1/targets/",
        "/api/v1/reports/",
        *(f"/api/v1/reports/{{report_id}}{suffix}" for suffix in REPORT_PATHS),
    } <= paths
    values = schema["paths"]["/api/v1/indicators/values"]["get"]
    assert {p["name"] for p in values["parameters"]} == {"unit", "period", "codes"}
    create = schema["paths"]["/api/v1/reports/"]["post"]
    assert "201" in create["responses"]
    download = schema["paths"]["/api/v1/reports/{report_id}/download"]["get"]
    assert [sorted(p["schema"]["enum"]) for p in download["parameters"] if p["name"] == "format"] == [
        ["docx", "html", "pdf", "txt"]
    ]
