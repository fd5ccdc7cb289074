"""The news article: drafted from the frozen figures and the review conference, edited, exported."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry
from qpdp.reports import article, article_services, documents, services
from qpdp.reports.choices import ReportKind
from qpdp.reports.models import Report
from tests.factories.awards import HELD_ON, campaign, commune_awards, pledge
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, report_of

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 12, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

PERIOD = "2026"


@pytest.fixture
def reviewed(
    tree: Tree, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> dict[str, Any]:
    """Commune A's 2026: 4 of 4 men enlisted; its review conference, where the chairman awarded two
    collectives and three individuals."""
    call_up_history(tree)
    return commune_awards(
        officer=commune_officer_a,
        reviewer=region_officer,
        decider=commune_leader_a,
        commune=tree.commune_a,
        village=tree.village_a1,
    )


def test_the_article_tells_the_conference_the_figures_and_the_awards(
    tree: Tree, reviewed: dict[str, Any], commune_officer_a: Any
) -> None:
    report = article_services.create_article(actor=commune_officer_a, unit=tree.commune_a, period_code=PERIOD)

    drafted = article.Article.of(report)

    assert report.conference == reviewed["conference"]
    assert drafted.title == "Xã An Bình tổng kết công tác quốc phòng, quân sự địa phương năm 2026"
    assert drafted.lead == (
        "Ngày 15/12/2026, tại Hội trường UBND xã, Ban CHQS xã An Bình tổ chức Hội nghị tổng kết công tác "
        "quân sự, quốc phòng địa phương năm 2026, triển khai phương hướng, nhiệm vụ năm 2027. "
        "Đồng chí Trần Văn Bình, Chủ tịch UBND xã chủ trì hội nghị."
    )
    results, conclusions, tasks, awards = drafted.paragraphs
    assert results == "Năm 2026, xã An Bình hoàn thành 100% chỉ tiêu giao quân, giao 4 công dân nhập ngũ."
    assert conclusions == (
        "Phát biểu kết luận hội nghị, đồng chí Trần Văn Bình, Chủ tịch UBND xã nêu rõ: "
        "Năm 2026 hoàn thành toàn diện các chỉ tiêu."
    )
    assert tasks == (
        "Về phương hướng, nhiệm vụ năm 2027, đồng chí Trần Văn Bình đề ra các nhiệm vụ trọng tâm: "
        "Tập trung tuyển quân năm 2027."
    )
    assert awards == (
        "Nhân dịp này, UBND xã An Bình đã tặng giấy khen cho 2 tập thể, 3 cá nhân có thành tích xuất sắc "
        "trong thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm 2026."
    )


def test_a_campaign_launched_at_the_conference_is_told_once(
    tree: Tree, reviewed: dict[str, Any], commune_officer_a: Any
) -> None:
    launched = campaign(
        commune_officer_a,
        tree.commune_a,
        launched_on=HELD_ON,
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 3, 31),
    )
    pledge(commune_officer_a, launched, signed_on=HELD_ON)

    report = article_services.create_article(actor=commune_officer_a, unit=tree.commune_a, period_code=PERIOD)

    results, told = article.Article.of(report).paragraphs[:2]
    assert told == (
        "Tại hội nghị, Chính trị viên Ban CHQS xã phát động đợt thi đua “90 ngày hành động kiểu mẫu”, "
        "thời gian từ ngày 01/01 đến ngày 31/03/2027; Cụm thi đua số 1 và Cụm thi đua số 2 ký kết "
        "giao ước thi đua."
    )
    assert "thi đua" not in results


def test_the_article_is_prefilled_through_the_audited_report_services(
    tree: Tree, reviewed: dict[str, Any], commune_officer_a: Any
) -> None:
    report = article_services.create_article(actor=commune_officer_a, unit=tree.commune_a, period_code=PERIOD)

    actions = list(
        AuditEntry.objects.filter(object_id=str(report.pk), action__startswith="reports.report.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["reports.report.created", "reports.report.edited"]
    assert (report.kind, report.status) == (ReportKind.ARTICLE, "draft")


def test_without_a_conference_no_date_place_or_award_is_invented(tree: Tree, commune_officer_a: Any) -> None:
    call_up_history(tree)

    report = article_services.create_article(actor=commune_officer_a, unit=tree.commune_a, period_code=PERIOD)

    assert report.conference is None
    assert report.lead == (
        "UBND xã An Bình tổng kết công tác quốc phòng, quân sự địa phương năm 2026, "
        "triển khai phương hướng, nhiệm vụ năm 2027."
    )
    assert report.body == "Năm 2026, xã An Bình hoàn thành 100% chỉ tiêu giao quân, giao 4 công dân nhập ngũ."
    assert "khen thưởng" not in report.body


def test_a_figure_the_snapshot_does_not_hold_is_left_out(tree: Tree, province_officer: Any) -> None:
    report = article_services.create_article(actor=province_officer, unit=tree.commune_c, period_code=PERIOD)

    drafted = article.draft_article(report)

    assert drafted.paragraphs == []
    assert "%" not in drafted.lead
    assert re.findall(r"\d+", drafted.lead) == ["2026", "2027"]
    # Nothing to tell: the body stays a placeholder the writer must replace before publishing.
    assert report.body.startswith("[Cần viết:")


def test_a_half_year_article_is_a_six_month_review(tree: Tree, commune_officer_a: Any) -> None:
    call_up_history(tree)

    report = article_services.create_article(
        actor=commune_officer_a, unit=tree.commune_a, period_code="2026-H1"
    )

    assert report.title == "Xã An Bình sơ kết công tác quốc phòng, quân sự địa phương 6 tháng đầu năm 2026"
    assert "triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2026" in report.lead


def test_the_edited_article_is_exported_as_text_and_html(
    tree: Tree, reviewed: dict[str, Any], commune_officer_a: Any
) -> None:
    report = article_services.create_article(actor=commune_officer_a, unit=tree.commune_a, period_code=PERIOD)
    body = report.body + "\n\nThu & Hà <phóng viên>"
    report = services.edit_report(
        actor=commune_officer_a, report=report, changes=services.ReportChanges(body=body)
    )

    text = documents.render_report(report, "txt").decode("utf-8")
    page = documents.render_report(report, "html").decode("utf-8")

    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == report.title
    assert blocks[1] == report.lead
    assert blocks[-1] == "Thu & Hà <phóng viên>"
    assert "đã tặng giấy khen cho 2 tập thể, 3 cá nhân" in text
    assert "hoàn thành 100% chỉ tiêu giao quân" in text
    assert f"<h1>{report.title}</h1>" in page
    assert f"<p><strong>{report.lead}</strong></p>" in page
    assert "<p>Thu &amp; Hà &lt;phóng viên&gt;</p>" in page


def test_a_redraft_writes_the_text_again_from_the_figures(
    tree: Tree, reviewed: dict[str, Any], commune_officer_a: Any
) -> None:
    report = article_services.create_article(actor=commune_officer_a, unit=tree.commune_a, period_code=PERIOD)
    report = services.edit_report(
        actor=commune_officer_a, report=report, changes=services.ReportChanges(body="Bản nháp cũ.")
    )

    redrafted = article_services.redraft_article(actor=commune_officer_a, report=report)

    assert "đã tặng giấy khen cho 2 tập thể, 3 cá nhân" in redrafted.body


def test_a_report_is_not_redrafted_as_an_article(tree: Tree, commune_officer_a: Any) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD)
    audited = AuditEntry.objects.count()

    with pytest.raises(DomainError) as refusal:
        article_services.redraft_article(actor=commune_officer_a, report=report)

    assert refusal.value.by_field() == {"kind": [article_services.NOT_AN_ARTICLE]}
    assert AuditEntry.objects.count() == audited


def test_an_article_outside_the_scope_is_refused_and_writes_nothing(
    tree: Tree, commune_officer_b: Any
) -> None:
    with pytest.raises(DomainError):
        article_services.create_article(actor=commune_officer_b, unit=tree.commune_a, period_code=PERIOD)

    assert Report.objects.count() == 0
