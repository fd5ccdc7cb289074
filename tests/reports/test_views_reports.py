"""Report pages: the list in scope, a new report, sections saved by htmx, the workflow, downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from qpdp.core.models import AuditEntry
from qpdp.reports import services
from qpdp.reports.choices import ReportKind, ReportStatus, Section
from qpdp.reports.models import Report
from tests.factories.awards import commune_awards
from tests.factories.org import Tree
from tests.factories.reports import WRITTEN, call_up_history, report_of, written

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 12, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

PERIOD = "2026"


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, report: Report | None = None) -> str:
    return reverse(f"reports:{name}", args=[report.pk] if report is not None else [])


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_list_shows_the_reports_within_scope_only(
    tree: Tree, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    own = report_of(commune_officer_a, tree.commune_a, PERIOD)
    other = report_of(commune_officer_b, tree.commune_b, PERIOD)

    page = client_of(commune_officer_a).get(url("report-list")).content.decode()

    assert own.title in page
    assert other.title not in page


def test_the_list_costs_the_same_queries_for_one_report_or_many(
    tree: Tree, commune_officer_a: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_of(commune_officer_a)
    report_of(commune_officer_a, tree.commune_a, PERIOD)
    client.get(url("report-list"))
    with django_assert_max_num_queries(12) as one:
        client.get(url("report-list"))
    for period in ("2025", "2026-H1", "2026-H2", "2024"):
        report_of(commune_officer_a, tree.commune_a, period)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url("report-list"))

    assert response.content.decode().count('<tr id="report-') == 5


def test_an_officer_creates_the_annual_report_of_the_working_unit(tree: Tree, commune_officer_a: Any) -> None:
    call_up_history(tree)
    client = client_of(commune_officer_a)

    response = client.post(url("report-create"), {"kind": "report", "period": PERIOD})

    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("report-detail", report)
    assert (report.unit, report.period_code, report.kind) == (tree.commune_a, PERIOD, ReportKind.REPORT)
    page = client.get(response["Location"]).content.decode()
    assert "Tổng kết công tác quốc phòng" in page or report.title in page
    assert "Chưa có số liệu" in page  # areas without records
    assert "Hoàn thành chỉ tiêu giao quân" in page
    assert page.count('class="mb-3 report-section"') == len(Section.values) + 7  # and a note per area


def test_a_bad_period_is_shown_on_its_field_and_nothing_is_written(
    tree: Tree, commune_officer_a: Any
) -> None:
    response = client_of(commune_officer_a).post(
        url("report-create"), {"kind": "report", "period": "năm 2026"}
    )

    assert response.status_code == 200
    assert "Không hiểu kỳ báo cáo “năm 2026”" in response.content.decode()
    assert Report.objects.count() == 0


def test_a_new_article_is_drafted_from_the_conference(
    tree: Tree, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> None:
    call_up_history(tree)
    journey = commune_awards(
        officer=commune_officer_a,
        reviewer=region_officer,
        decider=commune_leader_a,
        commune=tree.commune_a,
        village=tree.village_a1,
    )
    client = client_of(commune_officer_a)

    form = client.get(url("report-create") + "?kind=article").content.decode()
    response = client.post(
        url("report-create"), {"kind": "article", "period": PERIOD, "conference": journey["conference"].pk}
    )

    assert journey["conference"].title in form
    report = Report.objects.get()
    assert report.conference == journey["conference"]
    page = client.get(response["Location"]).content.decode()
    assert "đã tặng giấy khen cho 2 tập thể, 3 cá nhân" in page
    text = client.get(url("report-download", report) + "?format=txt")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert "hoàn thành 100% chỉ tiêu giao quân" in text.content.decode()


def test_a_section_is_saved_by_htmx_and_the_fragment_comes_back(tree: Tree, commune_officer_a: Any) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD)

    response = client_of(commune_officer_a).post(
        url("report-section", report),
        {"code": "shortcomings", "text": "Công tác tuyên truyền ở thôn 2 còn hạn chế."},
        HTTP_HX_REQUEST="true",
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section class="mb-3 report-section" id="phan-shortcomings"')
    assert "Đã lưu." in body
    report.refresh_from_db()
    assert report.sections["shortcomings"] == "Công tác tuyên truyền ở thôn 2 còn hạn chế."
    assert AuditEntry.objects.filter(action="reports.report.edited", object_id=str(report.pk)).count() == 1


def test_an_area_note_is_a_section_too(tree: Tree, commune_officer_a: Any) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD)

    response = client_of(commune_officer_a).post(
        url("report-section", report), {"code": "area:conscription", "text": "Giao quân đúng thời gian."}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#phan-area-conscription")
    report.refresh_from_db()
    assert report.sections["area:conscription"] == "Giao quân đúng thời gian."


def test_submitting_with_placeholders_left_names_each_section(tree: Tree, commune_officer_a: Any) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD)

    response = client_of(commune_officer_a).post(url("report-submit", report), follow=True)

    said = messages_of(response)
    assert "Phần “Hạn chế, khuyết điểm” còn nội dung mẫu: hãy viết nội dung trước khi trình duyệt." in said
    assert "Ghi họ tên và chức vụ người ký trước khi trình duyệt." in said
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_heading_signer_and_next_targets_are_edited(tree: Tree, commune_officer_a: Any) -> None:
    call_up_history(tree)
    report = report_of(commune_officer_a, tree.commune_a, PERIOD)
    client = client_of(commune_officer_a)
    form = client.get(url("report-edit", report)).context["form"]
    quota_field = next(name for name, code in form.target_codes.items() if code == "conscription.quota")

    response = client.post(
        url("report-edit", report),
        {
            "title": report.title,
            "number": "07/BC-UBND",
            "signer_name": "Trần Văn Bình",
            "signer_title": "Chủ tịch",
            quota_field: "5",
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.number, report.signer_name, report.next_targets) == (
        "07/BC-UBND",
        "Trần Văn Bình",
        {"conscription.quota": "5"},
    )
    page = client.get(url("report-detail", report)).content.decode()
    assert "Các chỉ tiêu chủ yếu năm 2027" in page


def test_the_leader_approves_and_the_report_cannot_be_changed_again(
    tree: Tree, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    report = written(commune_officer_a, report_of(commune_officer_a, tree.commune_a, PERIOD))
    officer, leader = client_of(commune_officer_a), client_of(commune_leader_a)
    officer.post(url("report-submit", report))
    assert 'id="approve-report"' in leader.get(url("report-detail", report)).content.decode()

    leader.post(url("report-approve", report))
    refused = officer.post(
        url("report-section", report), {"code": "shortcomings", "text": "Sửa sau khi duyệt."}
    )

    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.sections["shortcomings"] == WRITTEN["shortcomings"]
    assert refused.status_code == 302
    page = officer.get(refused["Location"])
    assert any(m.startswith("Báo cáo đã được phê duyệt ngày 20/12/2026") for m in messages_of(page))
    html = page.content.decode()
    assert "<textarea" not in html
    assert 'id="submit-report"' not in html
    assert officer.get(url("report-edit", report)).status_code == 302


def test_the_reviewer_returns_a_report_with_a_comment(
    tree: Tree, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    report = services.submit_report(
        actor=commune_officer_a,
        report=written(commune_officer_a, report_of(commune_officer_a, tree.commune_a)),
    )

    client_of(commune_leader_a).post(url("report-return", report), {"comment": "Bổ sung số liệu huấn luyện."})

    report.refresh_from_db()
    assert (report.status, report.review_comment) == (ReportStatus.DRAFT, "Bổ sung số liệu huấn luyện.")
    page = client_of(commune_officer_a).get(url("report-detail", report)).content.decode()
    assert "Bổ sung số liệu huấn luyện." in page


@pytest.mark.parametrize(
    ("fmt", "content_type", "opening"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
        ("txt", "text/plain; charset=utf-8", "ỦY BAN".encode()),
        ("html", "text/html; charset=utf-8", b"<!doctype html>"),
    ],
)
def test_the_report_downloads_in_each_format(
    tree: Tree, commune_officer_a: Any, fmt: str, content_type: str, opening: bytes
) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD)

    response = client_of(commune_officer_a).get(url("report-download", report) + f"?format={fmt}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="bao-cao-2026-90001-{report.pk}.{fmt}"'
    assert response.content.startswith(opening)


def test_an_article_as_pdf_is_refused_with_a_message(tree: Tree, commune_officer_a: Any) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD, kind=ReportKind.ARTICLE)

    response = client_of(commune_officer_a).get(url("report-download", report) + "?format=pdf", follow=True)

    assert messages_of(response) == ["Bài viết tin tức chỉ xuất được dạng văn bản (txt) hoặc trang HTML."]


def test_the_article_is_edited_before_publishing(tree: Tree, commune_officer_a: Any) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD, kind=ReportKind.ARTICLE)

    client_of(commune_officer_a).post(
        url("report-edit", report),
        {
            "title": "Xã An Bình tổng kết năm 2026",
            "lead": "Ngày 15/12/2026, …",
            "body": "Đoạn một.\n\nĐoạn hai.",
        },
    )

    report.refresh_from_db()
    assert (report.title, report.body) == ("Xã An Bình tổng kết năm 2026", "Đoạn một.\n\nĐoạn hai.")


def test_another_communes_report_is_not_found(
    tree: Tree, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD)
    client = client_of(commune_officer_b)

    assert client.get(url("report-detail", report)).status_code == 404
    assert client.get(url("report-download", report)).status_code == 404
    assert client.post(url("report-section", report), {"code": "lessons", "text": "x"}).status_code == 404
