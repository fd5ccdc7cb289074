"""Report services: targets, frozen snapshots and the report workflow (draft → review → approved), audited.

Every function checks everything before it writes, raises `DomainError` with Vietnamese messages
(writing nothing) and records its audit entry in the same transaction.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from qpdp.core import audit, indicators
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.periods import Period, PeriodError, parse_period
from qpdp.core.text import nfc
from qpdp.org.access import user_allows
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path
from qpdp.reports import rules, snapshots
from qpdp.reports.choices import (
    AREA_NOTE_PREFIX,
    REPORT_AREAS,
    ArticlePart,
    ReportKind,
    ReportStatus,
    Section,
)
from qpdp.reports.comparison import targets_by_unit, targets_for
from qpdp.reports.figures import Figures, all_codes, compute_figures, subordinate_units, subordinates_of
from qpdp.reports.models import Report, Snapshot, Target

NOT_FOUND_UNIT = "Không tìm thấy đơn vị “{code}” trong phạm vi của bạn."
UNKNOWN_INDICATOR = "Không có chỉ số mã “{code}” trong danh mục chỉ số."
NEGATIVE_TARGET = "Chỉ tiêu không được là số âm."
TARGET_NOT_A_NUMBER = "Chỉ tiêu “{value}” không phải là số."
TARGET_SETTER_REQUIRED = "Ghi cấp giao chỉ tiêu (đơn vị cấp trên) hoặc tên chương trình, đề án giao chỉ tiêu."
TARGET_NOT_BELOW = "{unit} không trực thuộc {setter} nên {setter} không giao chỉ tiêu cho đơn vị này được."
REPORT_UNIT_KIND = "Báo cáo được lập cho toàn quốc, tỉnh, huyện (trước 01/07/2025) hoặc xã, phường, đặc khu."
REPORT_KIND_UNKNOWN = "Loại báo cáo phải là “report” (báo cáo) hoặc “article” (bài viết tin tức)."
CONFERENCE_OTHER_UNIT = "Hội nghị “{title}” không phải của đơn vị lập báo cáo."
UNKNOWN_SECTION = "Báo cáo không có phần “{code}”."
TEXT_TOO_LONG = "Phần “{label}” dài quá {limit} ký tự."
TITLE_REQUIRED = "Tiêu đề không được để trống."
PLACEHOLDER_LEFT = "Phần “{label}” còn nội dung mẫu: hãy viết nội dung trước khi trình duyệt."
ARTICLE_PART_EMPTY = "Phần “{label}” của bài viết còn trống."
SIGNER_REQUIRED = "Ghi họ tên và chức vụ người ký trước khi trình duyệt."
MAY_NOT_APPROVE = "Vai trò của bạn không được phê duyệt báo cáo, đăng bài viết."
MAY_NOT_RETURN = "Chỉ người có quyền phê duyệt mới trả lại dự thảo được."
RETURN_COMMENT_REQUIRED = "Ghi ý kiến khi trả lại dự thảo để người lập biết cần sửa gì."

TEXT_LIMIT = 50_000
REPORT_UNIT_KINDS = (UnitKind.NATION, UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)

TARGET_FIELDS = ["indicator_code", "unit", "period_code", "value", "set_by_unit", "programme", "note"]
REPORT_FIELDS = [
    "unit",
    "period_code",
    "kind",
    "status",
    "snapshot",
    "title",
    "number",
    "signer_name",
    "signer_title",
    "sections",
    "next_targets",
    "lead",
    "body",
    "conference",
    "review_comment",
]


def _problem(field_name: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field=field_name, message=message)])


def _record(
    actor: Any, action: str, target: Any, fields: list[str], *, before: Any = None, note: str = ""
) -> None:
    audit.record(
        actor=actor,
        action=action,
        target=target,
        unit_path=target.unit_path,
        before=before,
        after=audit.snapshot(target, fields),
        note=note,
    )


def _check_unit(actor: Any, unit: Unit, field_name: str = "unit") -> None:
    if not can_see_path(actor, unit.path):
        raise _problem(field_name, NOT_FOUND_UNIT.format(code=unit.code))


def _period(code: str, field_name: str = "period") -> Period:
    try:
        return parse_period(code)
    except PeriodError as error:
        raise _problem(field_name, str(error)) from error


def _text(value: str) -> str:
    """Free text of several paragraphs: NFC, trailing spaces and runs of blank lines removed."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _number(value: Any, field_name: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as error:
        raise _problem(field_name, TARGET_NOT_A_NUMBER.format(value=value)) from error
    if not number.is_finite():
        raise _problem(field_name, TARGET_NOT_A_NUMBER.format(value=value))
    if number < 0:
        raise _problem(field_name, NEGATIVE_TARGET)
    return number


# -- targets ------------------------------------------------------------------------------------------


@transaction.atomic
def set_target(
    *,
    actor: Any,
    unit: Unit,
    code: str,
    period_code: str,
    value: Decimal | int | str,
    set_by_unit: Unit | None = None,
    programme: str = "",
    note: str = "",
) -> Target:
    """Set (or change) the target of one indicator for a unit and period.

    A target is set by the level above the unit (`set_by_unit`, which must lie above it and within
    the actor's scope) or by a programme (đề án) named in `programme`.
    """
    problems: list[FieldProblem] = []
    if indicators.get(code) is None:
        problems.append(FieldProblem("code", UNKNOWN_INDICATOR.format(code=code)))
    try:
        period = parse_period(period_code)
    except PeriodError as error:
        problems.append(FieldProblem("period", str(error)))
    try:
        amount = _number(value, "value")
    except DomainError as refused:
        problems.extend(refused.problems)
    programme = nfc(programme)[:255]
    if set_by_unit is None and not programme:
        problems.append(FieldProblem("set_by", TARGET_SETTER_REQUIRED))
    setter = set_by_unit or unit
    if not can_see_path(actor, setter.path):
        problems.append(
            FieldProblem("set_by" if set_by_unit else "unit", NOT_FOUND_UNIT.format(code=setter.code))
        )
    elif set_by_unit is not None and (
        unit.path == set_by_unit.path or not unit.path.startswith(set_by_unit.path)
    ):
        problems.append(
            FieldProblem("unit", TARGET_NOT_BELOW.format(unit=unit.name, setter=set_by_unit.name))
        )
    if problems:
        raise DomainError(problems)
    existing = (
        Target.objects.select_for_update()
        .filter(indicator_code=code, unit=unit, period_code=period.code)
        .first()
    )
    before = audit.snapshot(existing, TARGET_FIELDS) if existing else None
    target = existing or Target(
        indicator_code=code, unit=unit, unit_path=unit.path, period_code=period.code, created_by=actor
    )
    target.value, target.set_by_unit, target.programme = amount, set_by_unit, programme
    target.note = nfc(note)[:255]
    target.save()
    _record(
        actor,
        "reports.target.updated" if existing else "reports.target.set",
        target,
        TARGET_FIELDS,
        before=before,
    )
    return target


# -- snapshots ----------------------------------------------------------------------------------------


@transaction.atomic
def freeze_snapshot(*, actor: Any, unit: Unit, period_code: str) -> Snapshot:
    """Compute every registered indicator of the unit (and of the units directly below it) over the
    period, with the previous period and the targets, and keep them: the open snapshot of the unit
    and period is recomputed, or a new one made when there is none (a locked one never changes)."""
    _check_unit(actor, unit)
    if unit.kind not in REPORT_UNIT_KINDS:
        raise _problem("unit", REPORT_UNIT_KIND)
    period = _period(period_code)
    Unit.objects.select_for_update().filter(pk=unit.pk).first()  # one computation of a unit at a time
    codes = all_codes()
    below = subordinate_units(unit, period)
    current = compute_figures(unit, period, codes, nodes=[u.path for u in below], count_records=True)
    previous = compute_figures(unit, period.previous(), codes)
    targets = targets_for(unit, period.code, codes)
    return _keep_snapshot(actor, unit, period, codes, current, previous, below, targets)


@transaction.atomic
def freeze_snapshots(*, actor: Any, top: Unit, units: Sequence[Unit], period_code: str) -> list[Snapshot]:
    """`freeze_snapshot` for many units under `top` at once (a batch's province and its communes): the
    figures of `top` and every node below it that the units need are computed once, and each unit's
    snapshot is filled from them — the same figures as one unit at a time (tests/reports/
    test_snapshots.py), in a few queries instead of hundreds per unit."""
    problems = [
        FieldProblem("unit", NOT_FOUND_UNIT.format(code=u.code))
        for u in (top, *units)
        if not can_see_path(actor, u.path) or not u.path.startswith(top.path)
    ]
    problems += [FieldProblem("unit", REPORT_UNIT_KIND) for u in units if u.kind not in REPORT_UNIT_KINDS][:1]
    if problems:
        raise DomainError(problems)
    period = _period(period_code)
    list(Unit.objects.select_for_update().filter(pk__in=[u.pk for u in units]).order_by("pk"))
    codes = all_codes()
    below = subordinates_of(units, period)
    nodes = {u.path for u in units} | {child.path for children in below.values() for child in children}
    current = compute_figures(top, period, codes, nodes=sorted(nodes), count_records=True)
    previous = compute_figures(top, period.previous(), codes, nodes=sorted(u.path for u in units))
    targets = targets_by_unit(units, period.code, codes)
    return [
        _keep_snapshot(actor, u, period, codes, current, previous, below[u.pk], targets.get(u.pk, {}))
        for u in units
    ]


def _keep_snapshot(
    actor: Any,
    unit: Unit,
    period: Period,
    codes: list[str],
    current: Figures,
    previous: Figures,
    below: list[Unit],
    targets: Mapping[str, Any],
) -> Snapshot:
    """Save the unit's open snapshot of the period filled anew (or a new one), audited."""
    snapshot = (
        Snapshot.objects.select_for_update()
        .filter(unit=unit, period_code=period.code, locked_at__isnull=True)
        .first()
    )
    existed = snapshot is not None
    before = {"computed_at": snapshot.computed_at, "values": snapshot.values} if snapshot else None
    snapshot = snapshots.fill(
        snapshot or Snapshot(),
        unit=unit,
        period=period,
        codes=codes,
        current=current,
        previous=previous,
        below=below,
        targets=targets,
        at=timezone.now(),
        actor=actor,
    )
    snapshot.save()
    audit.record(
        actor=actor,
        action="reports.snapshot.recomputed" if existed else "reports.snapshot.frozen",
        target=snapshot,
        unit_path=snapshot.unit_path,
        before=before,
        after={"computed_at": snapshot.computed_at, "values": snapshot.values},
    )
    return snapshot


def _lock_snapshot(snapshot: Snapshot) -> None:
    if snapshot.locked_at is None:
        snapshot.locked_at = timezone.now()
        snapshot.save(update_fields=["locked_at"])


# -- reports ------------------------------------------------------------------------------------------

SECTION_HINTS: dict[str, str] = {
    Section.SITUATION: "tình hình chung của địa phương trong kỳ, thuận lợi và khó khăn",
    Section.CONTEXT_FIGURES: "số liệu cần nêu mà hệ thống không quản lý (dân số, kinh tế …), kèm nguồn",
    Section.RESULTS: "nhận xét chung về kết quả các mặt công tác (số liệu từng lĩnh vực do hệ thống tính)",
    Section.SHORTCOMINGS: "những hạn chế, khuyết điểm trong kỳ",
    Section.CAUSES: "nguyên nhân của hạn chế (khách quan, chủ quan)",
    Section.LESSONS: "bài học kinh nghiệm rút ra",
    Section.DIRECTIONS: "phương hướng, nhiệm vụ và chỉ tiêu kỳ tới",
    Section.PROPOSALS: "đề xuất, kiến nghị với cấp trên",
}
ARTICLE_HINTS: dict[str, str] = {
    ArticlePart.TITLE: "tiêu đề bài viết",
    ArticlePart.LEAD: "đoạn mở đầu (sa pô) tóm tắt sự kiện",
    ArticlePart.BODY: "nội dung bài viết",
}


def default_title(kind: str, unit: Unit, period: Period) -> str:
    if kind == ReportKind.ARTICLE:
        return rules.placeholder(ARTICLE_HINTS[ArticlePart.TITLE])
    what = "sơ kết" if "-H" in period.code else "tổng kết"
    return f"Báo cáo {what} công tác quốc phòng, quân sự địa phương {period.label} — {unit.name}"


def _latest_snapshot(unit: Unit, period: Period) -> Snapshot | None:
    return Snapshot.objects.filter(unit=unit, period_code=period.code).order_by("-computed_at", "-pk").first()


@transaction.atomic
def create_report(
    *,
    actor: Any,
    unit: Unit,
    period_code: str,
    kind: str = ReportKind.REPORT,
    title: str = "",
    conference: Any = None,
) -> Report:
    """A new draft report (or news article) of the unit over the period, on the newest snapshot of
    the unit and period (frozen now when there is none); its texts are placeholders to be written."""
    problems: list[FieldProblem] = []
    if not can_see_path(actor, unit.path):
        problems.append(FieldProblem("unit", NOT_FOUND_UNIT.format(code=unit.code)))
    elif unit.kind not in REPORT_UNIT_KINDS:
        problems.append(FieldProblem("unit", REPORT_UNIT_KIND))
    if kind not in ReportKind.values:
        problems.append(FieldProblem("kind", REPORT_KIND_UNKNOWN))
    try:
        period = parse_period(period_code)
    except PeriodError as error:
        problems.append(FieldProblem("period", str(error)))
    if conference is not None and conference.unit_id != unit.pk:
        problems.append(FieldProblem("conference", CONFERENCE_OTHER_UNIT.format(title=conference.title)))
    if problems:
        raise DomainError(problems)
    snapshot = _latest_snapshot(unit, period) or freeze_snapshot(
        actor=actor, unit=unit, period_code=period.code
    )
    is_article = kind == ReportKind.ARTICLE
    report = Report.objects.create(
        unit=unit,
        unit_path=unit.path,
        period_code=period.code,
        kind=kind,
        snapshot=snapshot,
        title=nfc(title)[:300] or default_title(kind, unit, period),
        sections={}
        if is_article
        else {code: rules.placeholder(hint) for code, hint in SECTION_HINTS.items()},
        lead=rules.placeholder(ARTICLE_HINTS[ArticlePart.LEAD]) if is_article else "",
        body=rules.placeholder(ARTICLE_HINTS[ArticlePart.BODY]) if is_article else "",
        conference=conference,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _record(actor, "reports.report.created", report, REPORT_FIELDS)
    return report


@dataclass(frozen=True)
class ReportChanges:
    """What an edit changes; None leaves a field as it is. `sections` replaces only the named ones."""

    sections: Mapping[str, str] | None = None
    title: str | None = None
    number: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    lead: str | None = None
    body: str | None = None
    next_targets: Mapping[str, Any] | None = None


def _section_label(code: str) -> str:
    if code in Section.values:
        return str(Section(code).label)
    area = code.removeprefix(AREA_NOTE_PREFIX)
    return dict(REPORT_AREAS).get(area, area)


def _known_section(code: str) -> bool:
    if code in Section.values:
        return True
    if not code.startswith(AREA_NOTE_PREFIX):
        return False
    area = code.removeprefix(AREA_NOTE_PREFIX)
    return area in dict(REPORT_AREAS) or any(i.area == area for i in indicators.catalogue())


def _locked_report(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


def _step(report: Report, action: str) -> rules.Step:
    approved = timezone.localtime(report.approved_at).date() if report.approved_at else None
    step = rules.workflow_step(kind=report.kind, status=report.status, action=action, approved_on=approved)
    if not step.allowed:
        raise _problem("status", step.message)
    return step


def _checked_changes(
    changes: ReportChanges,
) -> tuple[dict[str, str], dict[str, str] | None, list[FieldProblem]]:
    problems: list[FieldProblem] = []
    sections: dict[str, str] = {}
    for code, text in (changes.sections or {}).items():
        if not _known_section(code):
            problems.append(FieldProblem("sections", UNKNOWN_SECTION.format(code=code)))
            continue
        cleaned = _text(str(text))
        if len(cleaned) > TEXT_LIMIT:
            problems.append(
                FieldProblem(code, TEXT_TOO_LONG.format(label=_section_label(code), limit=TEXT_LIMIT))
            )
        sections[code] = cleaned
    if changes.title is not None and not nfc(changes.title):
        problems.append(FieldProblem("title", TITLE_REQUIRED))
    next_targets: dict[str, str] | None = None
    if changes.next_targets is not None:
        next_targets = {}
        for code, value in changes.next_targets.items():
            if indicators.get(code) is None:
                problems.append(FieldProblem("next_targets", UNKNOWN_INDICATOR.format(code=code)))
                continue
            try:
                next_targets[code] = str(_number(value, "next_targets"))
            except DomainError as refused:
                problems.extend(refused.problems)
    return sections, next_targets, problems


@transaction.atomic
def edit_report(*, actor: Any, report: Report, changes: ReportChanges) -> Report:
    """Change the written parts of a draft: sections, title, number, signer, an article's lead and
    body, the targets proposed for the next period. Refused once submitted or approved."""
    report = _locked_report(report)
    _check_unit(actor, report.unit)
    _step(report, rules.EDIT)
    sections, next_targets, problems = _checked_changes(changes)
    if problems:
        raise DomainError(problems)
    before = audit.snapshot(report, REPORT_FIELDS)
    report.sections = {**report.sections, **sections}
    if changes.title is not None:
        report.title = nfc(changes.title)[:300]
    for name, limit in (("number", 40), ("signer_name", 100), ("signer_title", 200)):
        value = getattr(changes, name)
        if value is not None:
            setattr(report, name, nfc(value)[:limit])
    if changes.lead is not None:
        report.lead = _text(changes.lead)[:TEXT_LIMIT]
    if changes.body is not None:
        report.body = _text(changes.body)[:TEXT_LIMIT]
    if next_targets is not None:
        report.next_targets = next_targets
    report.save()
    changed_before, changed_after = audit.changed(before, audit.snapshot(report, REPORT_FIELDS))
    audit.record(
        actor=actor,
        action="reports.report.edited",
        target=report,
        unit_path=report.unit_path,
        before=changed_before,
        after=changed_after,
    )
    return report


def edit_section(*, actor: Any, report: Report, code: str, text: str) -> Report:
    """Write one section of a draft report."""
    return edit_report(actor=actor, report=report, changes=ReportChanges(sections={code: text}))


@transaction.atomic
def refresh_figures(*, actor: Any, report: Report) -> Report:
    """Recompute a draft's figures now (records added since), on the open snapshot of its period."""
    report = _locked_report(report)
    _check_unit(actor, report.unit)
    _step(report, rules.EDIT)
    before = audit.snapshot(report, ["snapshot"])
    report.snapshot = freeze_snapshot(actor=actor, unit=report.unit, period_code=report.period_code)
    report.save(update_fields=["snapshot", "updated_at"])
    _record(actor, "reports.report.figures_refreshed", report, ["snapshot"], before=before)
    return report


def _unwritten(report: Report) -> list[FieldProblem]:
    """What still blocks submission: placeholders left, an empty article part, no signer."""
    problems: list[FieldProblem] = []
    if report.kind == ReportKind.ARTICLE:
        for part, text in (
            (ArticlePart.TITLE, report.title),
            (ArticlePart.LEAD, report.lead),
            (ArticlePart.BODY, report.body),
        ):
            label = str(part.label)
            if not text.strip():
                problems.append(FieldProblem(part.value, ARTICLE_PART_EMPTY.format(label=label)))
            elif rules.is_placeholder(text):
                problems.append(FieldProblem(part.value, PLACEHOLDER_LEFT.format(label=label)))
        return problems
    if rules.is_placeholder(report.title):
        problems.append(FieldProblem("title", PLACEHOLDER_LEFT.format(label="Tiêu đề")))
    for code, text in report.sections.items():
        if rules.is_placeholder(text):
            problems.append(FieldProblem(code, PLACEHOLDER_LEFT.format(label=_section_label(code))))
    if not (report.signer_name.strip() and report.signer_title.strip()):
        problems.append(FieldProblem("signer_name", SIGNER_REQUIRED))
    return problems


@transaction.atomic
def submit_report(*, actor: Any, report: Report) -> Report:
    """Send a draft for approval: every placeholder written, a signer named; its figures are locked."""
    report = _locked_report(report)
    _check_unit(actor, report.unit)
    step = _step(report, rules.SUBMIT)
    problems = _unwritten(report)
    if problems:
        raise DomainError(problems)
    snapshot = Snapshot.objects.select_for_update().get(pk=report.snapshot_id)
    _lock_snapshot(snapshot)
    report.status, report.submitted_at, report.review_comment = step.status, timezone.now(), ""
    report.save(update_fields=["status", "submitted_at", "review_comment", "updated_at"])
    _record(
        actor,
        "reports.report.submitted",
        report,
        ["status", "snapshot"],
        before={"status": ReportStatus.DRAFT},
    )
    return report


@transaction.atomic
def return_report_to_draft(*, actor: Any, report: Report, comment: str) -> Report:
    """The reviewer sends a report in review back to its writer, saying what to change."""
    report = _locked_report(report)
    _check_unit(actor, report.unit)
    if not user_allows(actor, "reports.approve"):
        raise _problem("status", MAY_NOT_RETURN)
    step = _step(report, rules.RETURN)
    comment = _text(comment)
    if not comment:
        raise _problem("comment", RETURN_COMMENT_REQUIRED)
    report.status, report.review_comment = step.status, comment[:TEXT_LIMIT]
    report.save(update_fields=["status", "review_comment", "updated_at"])
    _record(
        actor,
        "reports.report.returned",
        report,
        ["status", "review_comment"],
        before={"status": ReportStatus.REVIEW},
        note=comment[:500],
    )
    return report


@transaction.atomic
def approve_report(*, actor: Any, report: Report) -> Report:
    """The signer approves a report in review (publishes a news article); from then on it never changes."""
    report = _locked_report(report)
    _check_unit(actor, report.unit)
    if not user_allows(actor, "reports.approve"):
        raise _problem("status", MAY_NOT_APPROVE)
    step = _step(report, rules.APPROVE)
    snapshot = Snapshot.objects.select_for_update().get(pk=report.snapshot_id)
    _lock_snapshot(snapshot)
    report.status, report.approved_at, report.approved_by = step.status, timezone.now(), actor
    report.save()
    action = (
        "reports.report.published" if step.status == ReportStatus.PUBLISHED else "reports.report.approved"
    )
    _record(actor, action, report, REPORT_FIELDS, before={"status": ReportStatus.REVIEW})
    return report
