"""The review report as an official document: Nghị định 30 heading, sections in order, frozen figures,
"chưa có số liệu" for an area without records, one appendix row per subordinate unit, every format."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.table import Table as DocxTable

from qpdp.core import indicators
from qpdp.core.errors import DomainError
from qpdp.core.periods import parse_period
from qpdp.reports import documents, services
from qpdp.reports.choices import ReportKind, ReportStatus
from qpdp.reports.models import Report, Snapshot
from tests.factories.org import Tree
from tests.factories.reports import WRITTEN, call_up_history, enlist, report_of, written

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 12, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

PERIOD = "2026"
HEADINGS = [
    "I. TÌNH HÌNH CHUNG",
    "II. KẾT QUẢ THỰC HIỆN CÁC MẶT CÔNG TÁC",
    "III. HẠN CHẾ, KHUYẾT ĐIỂM, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
]
CONSCRIPTION = "5. Tuyển chọn và gọi công dân nhập ngũ"
NUMBERED = re.compile(r"^(\d+|[IVX]+)\. ")


@pytest.fixture
def history(tree: Tree) -> Any:
    return call_up_history(tree)


def commune_report(officer: Any, tree: Tree) -> Report:
    return written(officer, report_of(officer, tree.commune_a, PERIOD))


def docx_of(report: Report) -> Any:
    return Document(io.BytesIO(documents.render_report(report, "docx")))


def body_texts(word: Any) -> list[str]:
    return [p.text for p in word.paragraphs if p.text.strip()]


def table_rows(table: Any) -> list[list[str]]:
    return [[cell.text.strip() for cell in row.cells] for row in table.rows]


def tables_after(word: Any, heading: str) -> list[list[list[str]]]:
    """The tables between the paragraph `heading` and the next numbered heading ("5. …", "III. …")."""
    tables: list[list[list[str]]] = []
    found = False
    for block in word.iter_inner_content():
        if isinstance(block, DocxTable):
            if found:
                tables.append(table_rows(block))
        elif block.text.strip() == heading:
            found = True
        elif found and NUMBERED.match(block.text.strip()):
            break
    return tables


def figure_row(rows: list[list[str]], label: str) -> list[str]:
    return next(row for row in rows if row[1] == label)


def test_the_docx_carries_the_state_heading_and_the_five_parts_in_order(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    report = commune_report(commune_officer_a, tree)

    word = docx_of(report)

    heading = table_rows(word.tables[0])
    assert heading[0][0] == "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH"
    assert heading[0][1].split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert heading[1] == ["Số: 07/BC-UBND", "An Bình, ngày 20 tháng 12 năm 2026"]
    texts = body_texts(word)
    assert texts[:3] == ["BÁO CÁO", "Tổng kết công tác quốc phòng, quân sự địa phương năm 2026", "DỰ THẢO"]
    positions = [texts.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    # Each written section sits in its part, in the order of domain.md §8.
    order = [
        WRITTEN["situation"],
        WRITTEN["results"],
        WRITTEN["shortcomings"],
        WRITTEN["causes"],
        WRITTEN["lessons"],
        WRITTEN["directions"],
        WRITTEN["proposals"],
    ]
    written_at = [texts.index(text) for text in order]
    assert written_at == sorted(written_at)
    assert positions[0] < written_at[0] < positions[1] < written_at[1] < positions[2] < written_at[2]
    assert positions[3] < written_at[5] < positions[4] < written_at[6]
    assert texts[texts.index(HEADINGS[2]) + 1 : texts.index(HEADINGS[2]) + 6 : 2] == [
        "1. Hạn chế, khuyết điểm",
        "2. Nguyên nhân",
        "3. Bài học kinh nghiệm",
    ]
    closing = table_rows(word.tables[-1])[0]
    assert closing[0].startswith("Nơi nhận:")
    assert [line for line in closing[1].split("\n") if line.strip()] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn Chủ",
    ]


def test_the_figures_are_the_frozen_snapshot_equal_to_the_registry(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    report = commune_report(commune_officer_a, tree)
    live = indicators.values_for(
        ["conscription.quota", "conscription.enlisted", "conscription.completion"],
        tree.province.path,
        parse_period(PERIOD),
        [tree.commune_a.path],
    )
    # Records typed in after the draft was made do not change its figures until they are recomputed.
    enlist(history["2026"], tree.commune_a, 1)

    word = docx_of(report)

    texts = body_texts(word)
    assert "Xã An Bình hoàn thành 100% chỉ tiêu giao quân, giao 4 công dân nhập ngũ." in texts
    (table,) = tables_after(word, CONSCRIPTION)
    assert table[0] == ["TT", "Nội dung", "Đơn vị tính", "Năm 2026", "Năm 2025", "Chỉ tiêu", "Đạt (%)"]
    assert (
        figure_row(table, "Chỉ tiêu giao quân")[3]
        == str(live["conscription.quota"][tree.commune_a.path])
        == "4"
    )
    assert figure_row(table, "Giao quân (nhập ngũ và CAND)")[3:5] == ["4", "4"]  # 2025: the old communes'
    assert live["conscription.enlisted"][tree.commune_a.path] == 4
    assert figure_row(table, "Hoàn thành chỉ tiêu giao quân")[3] == "100"
    assert report.snapshot.values["conscription.enlisted"] == "4"


def test_an_area_without_records_says_it_has_no_figures_never_zero(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    report = report_of(province_officer, tree.commune_c, PERIOD)

    word = docx_of(report)

    texts = body_texts(word)
    for heading in ("1. Giáo dục quốc phòng và an ninh", CONSCRIPTION):
        assert texts[texts.index(heading) + 1] == documents.NO_RECORDS
        assert tables_after(word, heading) == []
    assert "chưa có số liệu" in documents.NO_RECORDS.lower()
    assert not any("hoàn thành" in text for text in texts)


def test_the_appendix_has_one_row_per_subordinate_unit(
    tree: Tree, history: Any, province_officer: Any
) -> None:
    report = report_of(province_officer, tree.province, PERIOD)
    communes = [tree.commune_a, tree.commune_b, tree.commune_c]
    live = indicators.values_for(
        ["conscription.quota", "conscription.enlisted"],
        tree.province.path,
        parse_period(PERIOD),
        [c.path for c in communes] + [tree.province.path],
    )

    word = docx_of(report)

    texts = body_texts(word)
    assert texts.count("PHỤ LỤC") == 1
    assert "Số liệu các đơn vị trực thuộc năm 2026" in texts
    appendix = table_rows(word.tables[-2])  # the last table closes the appendix (recipients, signature)
    assert appendix[0][:4] == [
        "TT",
        "Đơn vị",
        "Chỉ tiêu giao quân (người)",
        "Chỉ tiêu nhập ngũ Quân đội (người)",
    ]
    assert [row[1] for row in appendix[1:]] == [c.name for c in communes] + ["Toàn tỉnh Thử Nghiệm"]
    quota_column = appendix[0].index("Chỉ tiêu giao quân (người)")
    enlisted_column = appendix[0].index("Giao quân (nhập ngũ và CAND) (người)")
    for row, node in zip(appendix[1:], [*communes, tree.province], strict=True):
        assert row[quota_column] == str(live["conscription.quota"].get(node.path, 0))
        assert row[enlisted_column] == str(live["conscription.enlisted"].get(node.path, 0))
    assert appendix[1][quota_column : enlisted_column + 1] == ["4", "4", "4"]


def test_a_commune_report_has_no_appendix(tree: Tree, history: Any, commune_officer_a: Any) -> None:
    report = commune_report(commune_officer_a, tree)

    assert [d.kind for d in documents.report_documents(report)] == ["Báo cáo"]


def test_the_pdf_text_keeps_its_vietnamese_diacritics(
    tree: Tree, history: Any, commune_officer_a: Any, tmp_path: Path
) -> None:
    report = commune_report(commune_officer_a, tree)
    pdf = tmp_path / "bao-cao.pdf"

    pdf.write_bytes(documents.render_report(report, "pdf"))

    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    squeezed = unicodedata.normalize("NFC", " ".join(text.split()))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Bình, ngày 20 tháng 12 năm 2026",
        "III. HẠN CHẾ, KHUYẾT ĐIỂM, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM",
        WRITTEN["shortcomings"],
        "Xã An Bình hoàn thành 100% chỉ tiêu giao quân",
        "Nguyễn Văn Chủ",
    ):
        assert expected in squeezed


def test_text_and_html_carry_the_sections_and_the_figures(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    report = commune_report(commune_officer_a, tree)
    report = services.edit_section(
        actor=commune_officer_a, report=report, code="proposals", text="Kiến nghị <hỗ trợ> & kinh phí."
    )

    text = documents.render_report(report, "txt").decode("utf-8")
    page = documents.render_report(report, "html").decode("utf-8")

    assert unicodedata.is_normalized("NFC", text)
    assert WRITTEN["shortcomings"] in text
    assert "Hoàn thành chỉ tiêu giao quân | % | 100 | 100 | – | –" in text
    assert "Kiến nghị <hỗ trợ> & kinh phí." in text
    assert page.startswith("<!doctype html>")
    assert "Kiến nghị &lt;hỗ trợ&gt; &amp; kinh phí." in page
    assert "<h2>III. HẠN CHẾ, KHUYẾT ĐIỂM, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM</h2>" in page


def test_an_approved_report_is_no_longer_marked_as_a_draft(
    tree: Tree, history: Any, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    report = services.submit_report(actor=commune_officer_a, report=commune_report(commune_officer_a, tree))
    approved = services.approve_report(actor=commune_leader_a, report=report)

    texts = body_texts(docx_of(approved))

    assert approved.status == ReportStatus.APPROVED
    assert documents.DRAFT_MARK not in texts
    assert any(
        text.startswith("Số liệu trong báo cáo do hệ thống QPĐP tính") and "đã chốt lúc" in text
        for text in texts
    )


def test_next_period_targets_are_listed_under_part_iv(
    tree: Tree, history: Any, commune_officer_a: Any
) -> None:
    report = services.edit_report(
        actor=commune_officer_a,
        report=commune_report(commune_officer_a, tree),
        changes=services.ReportChanges(next_targets={"conscription.quota": "5"}),
    )

    word = docx_of(report)

    (targets,) = tables_after(word, HEADINGS[3])
    assert targets == [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2027"],
        ["1", "Chỉ tiêu giao quân", "người", "5"],
    ]


def test_an_article_is_text_and_html_only(tree: Tree, history: Any, commune_officer_a: Any) -> None:
    article = report_of(commune_officer_a, tree.commune_a, PERIOD, kind=ReportKind.ARTICLE)

    with pytest.raises(DomainError) as refusal:
        documents.render_report(article, "pdf")

    assert refusal.value.by_field() == {"format": [documents.ARTICLE_FORMATS]}
    assert documents.render_report(article, "txt").decode("utf-8").startswith("[Cần viết: tiêu đề bài viết]")


def test_an_unknown_format_is_refused(tree: Tree, commune_officer_a: Any) -> None:
    report = report_of(commune_officer_a, tree.commune_a, PERIOD)

    with pytest.raises(DomainError) as refusal:
        documents.render_report(report, "exe")

    assert refusal.value.by_field() == {
        "format": ["Định dạng “exe” không hỗ trợ; chọn một trong: docx, pdf, txt, html."]
    }


def test_a_preview_computes_the_figures_now_and_writes_nothing(tree: Tree, history: Any) -> None:
    report = documents.preview_report(tree.commune_a, parse_period(PERIOD), ReportKind.REPORT)

    text = documents.render_report(report, "txt").decode("utf-8")

    assert (Report.objects.count(), Snapshot.objects.count()) == (0, 0)
    assert "Xã An Bình hoàn thành 100% chỉ tiêu giao quân, giao 4 công dân nhập ngũ." in text
    assert "[Cần viết: những hạn chế, khuyết điểm trong kỳ]" in text
