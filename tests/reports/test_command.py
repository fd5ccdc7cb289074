"""`qpdp report UNIT --period P --kind report|article --format docx|pdf|txt|html --out PATH`."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from docx import Document

from qpdp import cli
from qpdp.core.models import AuditEntry
from qpdp.reports import services
from qpdp.reports.choices import ReportKind
from qpdp.reports.models import Report, Snapshot
from tests.factories.org import Tree
from tests.factories.reports import call_up_history, report_of, written

pytestmark = pytest.mark.django_db

# The moment every test here runs at, the clock stopped (conftest.frozen_clock).
NOW = dt.datetime(2026, 12, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("period", "label"),
    [
        pytest.param("2026", "năm 2026", id="year"),
        pytest.param("2026-H1", "6 tháng đầu năm 2026", id="half"),
        pytest.param("2021-2025", "giai đoạn 2021–2025", id="phase"),
        pytest.param("2026-01-01..2026-03-31", "từ 01/01/2026 đến 31/03/2026", id="range"),
    ],
)
def test_each_period_form_gives_the_report_of_that_period(
    tree: Tree, period: str, label: str, tmp_path: Path
) -> None:
    call_up_history(tree)
    out = tmp_path / "bao-cao.txt"

    said = run("90001", "--period", period, "--kind", "report", "--format", "txt", "--out", str(out))

    text = out.read_text(encoding="utf-8")
    assert f"công tác quốc phòng, quân sự địa phương {label}" in text
    assert str(out) in said
    assert "bản xem trước" in said
    assert (Report.objects.count(), Snapshot.objects.count()) == (0, 0)  # a preview writes nothing


@pytest.mark.parametrize(
    ("fmt", "opening"),
    [
        pytest.param("docx", b"PK\x03\x04", id="docx"),
        pytest.param("pdf", b"%PDF-", id="pdf"),
        pytest.param("txt", "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH".encode(), id="txt"),
        pytest.param("html", b"<!doctype html>", id="html"),
    ],
)
def test_each_format_is_written(tree: Tree, fmt: str, opening: bytes, tmp_path: Path) -> None:
    call_up_history(tree)
    out = tmp_path / f"bao-cao.{fmt}"

    run("90001", "--period", "2026", "--kind", "report", "--format", fmt, "--out", str(out))

    assert out.read_bytes().startswith(opening)


def test_the_format_follows_the_file_name_when_not_given(tree: Tree, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"

    run("90001", "--period", "2026", "--out", str(out))

    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Tổng kết công tác quốc phòng, quân sự địa phương năm 2026" in texts


def test_the_approved_report_is_written_rather_than_a_newer_draft(
    tree: Tree, commune_officer_a: Any, commune_leader_a: Any, tmp_path: Path
) -> None:
    call_up_history(tree)
    approved = written(commune_officer_a, report_of(commune_officer_a, tree.commune_a, "2026"))
    services.submit_report(actor=commune_officer_a, report=approved)
    services.approve_report(actor=commune_leader_a, report=approved)
    report_of(commune_officer_a, tree.commune_a, "2026")
    out = tmp_path / "bao-cao.txt"

    said = run("90001", "--period", "2026", "--format", "txt", "--out", str(out))

    assert "đã phê duyệt" in said
    assert "Một số thôn chưa làm tốt công tác tuyên truyền." in out.read_text(encoding="utf-8")


def test_with_a_user_a_missing_report_is_drafted_once_and_audited(
    tree: Tree, commune_officer_a: Any, tmp_path: Path
) -> None:
    call_up_history(tree)
    out = tmp_path / "bao-cao.txt"
    args = ("90001", "--period", "2026", "--format", "txt", "--out", str(out), "--user", "xa_a")

    first = run(*args)
    second = run(*args)

    assert "dự thảo mới lập" in first
    assert "dự thảo" in second
    report = Report.objects.get()
    entry = AuditEntry.objects.get(action="reports.report.created", object_id=str(report.pk))
    assert (entry.actor, entry.channel) == (commune_officer_a, "cli")


def test_an_article_is_written_as_text(tree: Tree, tmp_path: Path) -> None:
    call_up_history(tree)
    out = tmp_path / "bai-viet.txt"

    run("90001", "--period", "2026", "--kind", "article", "--out", str(out))

    text = out.read_text(encoding="utf-8")
    assert text.startswith("Xã An Bình tổng kết công tác quốc phòng, quân sự địa phương năm 2026\n\n")
    assert "hoàn thành 100% chỉ tiêu giao quân" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["99999", "--period", "2026"], "Không có đơn vị mã “99999”.", id="unknown-unit"),
        pytest.param(
            ["90001", "--period", "năm nay"],
            "Không hiểu kỳ báo cáo “năm nay”: dùng 2026 (năm), 2026-H1 (6 tháng), 2015-2020 (giai đoạn) "
            "hoặc 2026-01-01..2026-03-31.",
            id="unknown-period",
        ),
        pytest.param(
            ["90001", "--period", "2026-2020"],
            "Giai đoạn “2026-2020”: năm cuối phải sau năm đầu.",
            id="phase-reversed",
        ),
        pytest.param(
            ["90001", "--period", "2026", "--kind", "tin"], "Loại phải là “report”", id="unknown-kind"
        ),
        pytest.param(
            ["90001", "--period", "2026", "--format", "odt"],
            "Định dạng phải là một trong",
            id="unknown-format",
        ),
        pytest.param(
            ["90001", "--period", "2026", "--kind", "article", "--format", "pdf"],
            "Bài viết tin tức chỉ xuất được dạng văn bản (txt) hoặc trang HTML.",
            id="article-as-pdf",
        ),
        pytest.param(
            ["90002", "--period", "2026", "--user", "xa_a"],
            "Không có đơn vị mã “90002” trong phạm vi của xa_a.",
            id="out-of-scope",
        ),
    ],
)
def test_a_refusal_is_a_vietnamese_message_and_a_non_zero_exit(
    tree: Tree,
    commune_officer_a: Any,
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "khong-ghi.txt"
    # The command line closes the database connections when it ends; the test's must stay open.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    with pytest.raises(SystemExit) as exit_status:
        cli.main(["report", *args, "--out", str(out)])

    assert exit_status.value.code != 0
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert Report.objects.count() == 0


def test_a_refusal_raises_a_command_error_when_called_from_code(tree: Tree) -> None:
    with pytest.raises(CommandError, match=r"Không có đơn vị mã “99999”\."):
        run("99999", "--period", "2026")


def test_a_unit_that_reports_nothing_is_refused(tree: Tree) -> None:
    with pytest.raises(CommandError, match="Báo cáo được lập cho"):
        run(tree.village_a1.code, "--period", "2026", "--kind", ReportKind.REPORT)
