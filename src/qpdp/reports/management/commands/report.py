"""qpdp report UNIT --period P --kind report|article --format docx|pdf|txt|html --out PATH [--user NAME].

Writes the document of a unit's review report (or news article) for a period: the approved version
when there is one, else the newest draft. Without `--user` it reads as the operator, across every
unit (a maintenance read), and a unit with no report yet gets a preview on figures computed now,
written nowhere. With `--user` it reads within that user's scope and, when the unit has no report
of that period and kind yet, drafts one as that user (audited, like the same step on a page).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qpdp.core.errors import DomainError
from qpdp.core.periods import Period, PeriodError, parse_period
from qpdp.org.models import Unit, User
from qpdp.org.scope import visible_to
from qpdp.reports import article_services, documents, selectors, services
from qpdp.reports.choices import ReportKind, ReportStatus
from qpdp.reports.models import Report

UNIT_UNKNOWN = "Không có đơn vị mã “{code}”{where}."
IN_SCOPE = " trong phạm vi của {user}"
USER_UNKNOWN = "Không có người dùng “{username}” (hoặc tài khoản đã bị khóa)."
KIND_UNKNOWN = "Loại phải là “report” (báo cáo sơ kết, tổng kết) hoặc “article” (bài viết tin tức)."
FORMAT_UNKNOWN = "Định dạng phải là một trong: docx, pdf, txt, html."
WRITTEN = "Đã ghi {path}: {title} — {state}."
PREVIEW = "bản xem trước trên số liệu tính lúc này, chưa lưu thành báo cáo"
DRAFTED = "dự thảo mới lập"
FINAL = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)


def refusal(error: DomainError) -> CommandError:
    return CommandError(" ".join(problem.message for problem in error.problems))


class Command(BaseCommand):
    help = "Ghi văn bản báo cáo sơ kết, tổng kết (hoặc bài viết tin tức) của một đơn vị trong một kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("unit", help="mã đơn vị (90001, 90, …)")
        parser.add_argument(
            "--period", required=True, help="2026 (năm), 2026-H1 (6 tháng), 2015-2020, 2026-01-01..2026-03-31"
        )
        parser.add_argument("--kind", default=ReportKind.REPORT, help="report (mặc định) hoặc article")
        parser.add_argument(
            "--format", dest="fmt", default="", help="docx, pdf, txt, html (mặc định theo đuôi tệp --out)"
        )
        parser.add_argument("--out", default="", help="tệp ghi ra; “-” để in ra màn hình")
        parser.add_argument(
            "--user", default="", help="đọc trong phạm vi người dùng này và lập dự thảo nếu chưa có"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"].strip().lower()
        if kind not in ReportKind.values:
            raise CommandError(KIND_UNKNOWN)
        try:
            period = parse_period(options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from error
        out = options["out"].strip()
        fmt = self._format(options["fmt"], out, kind)
        user = self._user(options["user"].strip())
        unit = self._unit(options["unit"].strip(), user)
        report, state = self._report(unit, period, kind, user)
        try:
            content = documents.render_report(report, fmt)
        except DomainError as error:
            raise refusal(error) from error
        if out == "-":
            sys.stdout.buffer.write(content)
            return
        path = Path(
            out
            or f"{'bai-viet' if kind == ReportKind.ARTICLE else 'bao-cao'}-{period.code}-{unit.code}.{fmt}"
        )
        path.write_bytes(content)
        self.stdout.write(WRITTEN.format(path=path, title=report.title, state=state))

    @staticmethod
    def _format(asked: str, out: str, kind: str) -> str:
        fmt = asked.strip().lower().lstrip(".")
        if not fmt:
            suffix = Path(out).suffix.lower().lstrip(".") if out and out != "-" else ""
            fmt = suffix or ("txt" if kind == ReportKind.ARTICLE else "docx")
        if fmt not in documents.FORMATS:
            raise CommandError(FORMAT_UNKNOWN)
        return fmt

    @staticmethod
    def _user(username: str) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(USER_UNKNOWN.format(username=username))
        return user

    @staticmethod
    def _unit(code: str, user: User | None) -> Unit:
        units = Unit.objects.select_related("parent").filter(code=code)
        unit = (visible_to(user, units) if user is not None else units).first()
        if unit is None:
            where = IN_SCOPE.format(user=user.username) if user is not None else ""
            raise CommandError(UNIT_UNKNOWN.format(code=code, where=where))
        if unit.kind not in services.REPORT_UNIT_KINDS:
            raise CommandError(services.REPORT_UNIT_KIND)
        return unit

    @staticmethod
    def _report(unit: Unit, period: Period, kind: str, user: User | None) -> tuple[Report, str]:
        """The approved report, else the newest; with a user and none yet, a new draft; else a preview."""
        if user is not None:
            reports = selectors.report_list(user=user, unit=unit, period_code=period.code, kind=kind)
        else:
            reports = Report.objects.filter(
                unit_path__startswith=unit.path, period_code=period.code, kind=kind
            )
        reports = reports.filter(unit=unit).select_related("unit", "snapshot", "conference")
        found = reports.filter(status__in=FINAL).order_by("-pk").first() or reports.order_by("-pk").first()
        if found is not None:
            return found, found.get_status_display().lower()
        if user is None:
            return documents.preview_report(unit, period, kind), PREVIEW
        try:
            if kind == ReportKind.ARTICLE:
                drafted = article_services.create_article(actor=user, unit=unit, period_code=period.code)
            else:
                drafted = services.create_report(actor=user, unit=unit, period_code=period.code, kind=kind)
        except DomainError as error:
            raise refusal(error) from error
        return drafted, DRAFTED
