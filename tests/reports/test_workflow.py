"""The report workflow: draft → review → approved by the signer; the approved version never changes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry
from qpdp.reports import rules, selectors, services
from qpdp.reports.choices import ReportKind, ReportStatus, Section
from qpdp.reports.models import REPORT_FROZEN, Report, Snapshot
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, report_of, written

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

LOCKED = "Báo cáo đã được phê duyệt ngày 20/03/2026 nên không thay đổi được nữa; cần sửa thì lập báo cáo mới."


def refused(call: Any, **kwargs: Any) -> dict[str, list[str]]:
    """The refusal of a service call, which must write nothing."""
    audited = AuditEntry.objects.count()
    with pytest.raises(DomainError) as refusal:
        call(**kwargs)
    assert AuditEntry.objects.count() == audited
    return refusal.value.by_field()


def in_review(officer: Any, tree: Tree) -> Report:
    report = written(officer, report_of(officer, tree.commune_a))
    return services.submit_report(actor=officer, report=report)


def test_a_new_report_is_a_draft_of_placeholders_on_frozen_figures(
    tree: Tree, commune_officer_a: Any
) -> None:
    call_up_history(tree)

    report = report_of(commune_officer_a, tree.commune_a)

    assert (report.status, report.kind, report.period_code, report.unit_path) == (
        ReportStatus.DRAFT,
        ReportKind.REPORT,
        "2025",
        tree.commune_a.path,
    )
    assert report.title == "Báo cáo tổng kết công tác quốc phòng, quân sự địa phương năm 2025 — Xã An Bình"
    assert set(report.sections) == set(Section.values)
    assert all(rules.is_placeholder(text) for text in report.sections.values())
    assert not any(ch.isdigit() for text in report.sections.values() for ch in text)  # no invented figure
    assert report.snapshot.values["conscription.enlisted"] == "4"
    assert AuditEntry.objects.filter(action="reports.report.created", object_id=str(report.pk)).exists()


def test_a_second_report_of_the_period_reuses_the_snapshot(tree: Tree, commune_officer_a: Any) -> None:
    first = report_of(commune_officer_a, tree.commune_a)
    second = report_of(commune_officer_a, tree.commune_a, kind=ReportKind.ARTICLE)

    assert second.snapshot_id == first.snapshot_id
    assert Snapshot.objects.count() == 1


def test_an_area_with_no_records_is_stated_as_such_never_as_zero(tree: Tree, province_officer: Any) -> None:
    content = selectors.report_content(report_of(province_officer, tree.commune_c))

    areas = {area.code: area for area in content.areas}
    assert areas["conscription"].has_records is False
    assert (areas["conscription"].statement, areas["conscription"].rows) == ("chưa có số liệu", [])
    assert areas["militia"].statement == "chưa có số liệu"  # no app records militia yet


def test_report_content_reads_the_frozen_comparison_by_area(tree: Tree, commune_officer_a: Any) -> None:
    call_up_history(tree)
    report = report_of(commune_officer_a, tree.commune_a)
    services.edit_report(
        actor=commune_officer_a,
        report=report,
        changes=services.ReportChanges(
            sections={"area:conscription": "Giao quân đạt chỉ tiêu."},
            next_targets={"conscription.completion": "100"},
        ),
    )

    content = selectors.report_content(Report.objects.get(pk=report.pk))

    conscription = next(a for a in content.areas if a.code == "conscription")
    completion = next(r for r in conscription.rows if r.code == "conscription.completion")
    assert (completion.value, completion.previous, str(completion.delta)) == (100, 80, "20.0")
    assert conscription.note == "Giao quân đạt chỉ tiêu."
    assert content.next_period == "2026"
    assert content.next_targets == [("conscription.completion", "Hoàn thành chỉ tiêu giao quân", 100)]


def test_editing_a_draft_changes_only_the_named_sections_and_audits_the_change(
    tree: Tree, commune_officer_a: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a)

    edited = services.edit_section(
        actor=commune_officer_a,
        report=report,
        code=Section.SITUATION,
        text="Tình hình ổn định.\r\n\r\n\r\nTốt.",
    )

    assert edited.sections[Section.SITUATION] == "Tình hình ổn định.\n\nTốt."
    assert rules.is_placeholder(edited.sections[Section.LESSONS])
    entry = AuditEntry.objects.get(action="reports.report.edited")
    assert set(entry.after) == {"sections"}


def test_an_unknown_section_or_indicator_is_refused(tree: Tree, commune_officer_a: Any) -> None:
    report = report_of(commune_officer_a, tree.commune_a)

    errors = refused(
        services.edit_report,
        actor=commune_officer_a,
        report=report,
        changes=services.ReportChanges(sections={"poem": "…"}, next_targets={"x.y": "1"}),
    )

    assert errors == {
        "sections": ["Báo cáo không có phần “poem”."],
        "next_targets": ["Không có chỉ số mã “x.y” trong danh mục chỉ số."],
    }


def test_submitting_with_placeholders_or_without_a_signer_is_refused(
    tree: Tree, commune_officer_a: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a)

    errors = refused(services.submit_report, actor=commune_officer_a, report=report)

    assert errors[Section.SITUATION] == [
        "Phần “Tình hình chung” còn nội dung mẫu: hãy viết nội dung trước khi trình duyệt."
    ]
    assert errors["signer_name"] == [services.SIGNER_REQUIRED]
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_a_submitted_report_is_in_review_and_no_longer_editable(tree: Tree, commune_officer_a: Any) -> None:
    report = in_review(commune_officer_a, tree)

    errors = refused(
        services.edit_section, actor=commune_officer_a, report=report, code="lessons", text="Sửa."
    )

    assert report.status == ReportStatus.REVIEW
    assert Snapshot.objects.get(pk=report.snapshot_id).locked_at is not None
    assert errors == {"status": [rules.EDIT_IN_REVIEW]}


def test_a_commune_officer_may_not_approve(tree: Tree, commune_officer_a: Any) -> None:
    report = in_review(commune_officer_a, tree)

    errors = refused(services.approve_report, actor=commune_officer_a, report=report)

    assert errors == {"status": [services.MAY_NOT_APPROVE]}
    assert Report.objects.get(pk=report.pk).status == ReportStatus.REVIEW


def test_a_draft_is_submitted_before_it_is_approved(
    tree: Tree, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a)

    assert refused(services.approve_report, actor=commune_leader_a, report=report) == {
        "status": [rules.APPROVE_NOT_SUBMITTED]
    }


def test_the_reviewer_returns_a_report_to_draft_with_a_comment(
    tree: Tree, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    report = in_review(commune_officer_a, tree)
    assert refused(services.return_report_to_draft, actor=commune_officer_a, report=report, comment="x") == {
        "status": [services.MAY_NOT_RETURN]
    }
    assert refused(services.return_report_to_draft, actor=commune_leader_a, report=report, comment="  ") == {
        "comment": [services.RETURN_COMMENT_REQUIRED]
    }

    returned = services.return_report_to_draft(
        actor=commune_leader_a, report=report, comment="Bổ sung số liệu."
    )
    refreshed = services.refresh_figures(actor=commune_officer_a, report=returned)

    assert (returned.status, returned.review_comment) == (ReportStatus.DRAFT, "Bổ sung số liệu.")
    assert refreshed.snapshot_id != report.snapshot_id  # the locked figures stay as they were reviewed
    assert services.submit_report(actor=commune_officer_a, report=refreshed).review_comment == ""


def test_the_signer_approves_and_from_then_on_every_change_is_refused(
    tree: Tree, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    report = in_review(commune_officer_a, tree)

    approved = services.approve_report(actor=commune_leader_a, report=report)

    assert (approved.status, approved.approved_by, approved.signer_name) == (
        ReportStatus.APPROVED,
        commune_leader_a,
        "Nguyễn Văn Chủ",
    )
    entry = AuditEntry.objects.get(action="reports.report.approved")
    assert (entry.actor, entry.before, entry.after["status"]) == (
        commune_leader_a,
        {"status": "review"},
        "approved",
    )
    for call, kwargs in [
        (services.edit_section, {"code": "lessons", "text": "Sửa sau khi duyệt."}),
        (services.submit_report, {}),
        (services.return_report_to_draft, {"comment": "Trả lại."}),
        (services.approve_report, {}),
        (services.refresh_figures, {}),
    ]:
        actor = (
            commune_leader_a
            if call in (services.return_report_to_draft, services.approve_report)
            else commune_officer_a
        )
        assert refused(call, actor=actor, report=approved, **kwargs) == {"status": [LOCKED]}, call
    approved.title = "Đổi tên"
    with pytest.raises(DomainError, match=re.escape(REPORT_FROZEN)):
        approved.save()
    with pytest.raises(DomainError, match=re.escape(REPORT_FROZEN)):
        approved.delete()
    assert Report.objects.get(pk=report.pk).title.startswith("Báo cáo tổng kết")


def test_an_out_of_scope_officer_can_do_nothing_to_the_report(
    tree: Tree, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a)

    errors = refused(services.edit_section, actor=commune_officer_b, report=report, code="lessons", text="x")

    assert errors == {"unit": ["Không tìm thấy đơn vị “90001” trong phạm vi của bạn."]}
    assert refused(services.create_report, actor=commune_officer_b, unit=tree.commune_a, period_code="2025")


def test_a_news_article_is_edited_then_published_and_then_frozen(
    tree: Tree, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    article = report_of(commune_officer_a, tree.commune_a, kind=ReportKind.ARTICLE)
    assert rules.is_placeholder(article.title)
    assert rules.is_placeholder(article.body)
    assert set(refused(services.submit_report, actor=commune_officer_a, report=article)) == {
        "title",
        "lead",
        "body",
    }

    article = services.submit_report(actor=commune_officer_a, report=written(commune_officer_a, article))
    published = services.approve_report(actor=commune_leader_a, report=article)

    assert published.status == ReportStatus.PUBLISHED
    assert AuditEntry.objects.filter(action="reports.report.published").count() == 1
    errors = refused(
        services.edit_report,
        actor=commune_officer_a,
        report=published,
        changes=services.ReportChanges(body="Sửa bài đã đăng."),
    )
    assert errors == {"status": ["Bài viết đã đăng ngày 20/03/2026 nên không thay đổi được nữa."]}


def test_report_actions_follow_status_and_role(
    tree: Tree, commune_officer_a: Any, commune_leader_a: Any, read_only_officer: Any
) -> None:
    report = report_of(commune_officer_a, tree.commune_a)

    assert selectors.report_actions(user=commune_officer_a, report=report) == ["edit", "submit"]
    assert selectors.report_actions(user=read_only_officer, report=report) == []
    report = services.submit_report(actor=commune_officer_a, report=written(commune_officer_a, report))
    assert selectors.report_actions(user=commune_leader_a, report=report) == ["return", "approve"]


@pytest.mark.parametrize(
    ("status", "action", "allowed", "after"),
    [
        ("draft", "edit", True, "draft"),
        ("draft", "submit", True, "review"),
        ("draft", "return", False, "draft"),
        ("draft", "approve", False, "draft"),
        ("review", "edit", False, "review"),
        ("review", "submit", False, "review"),
        ("review", "return", True, "draft"),
        ("review", "approve", True, "approved"),
        ("approved", "edit", False, "approved"),
        ("approved", "return", False, "approved"),
    ],
)
def test_workflow_step(status: str, action: str, allowed: bool, after: str) -> None:
    step = rules.workflow_step(kind="report", status=status, action=action, approved_on=dt.date(2026, 3, 20))

    assert (step.allowed, step.status, bool(step.message)) == (allowed, after, not allowed)
