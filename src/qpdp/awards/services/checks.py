"""What every award service shares: problems, scope and date checks, periods, recipients, the audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from qpdp.awards import rules
from qpdp.awards.models import Campaign
from qpdp.awards.selectors import recipient_key
from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.periods import Period, PeriodError, parse_period
from qpdp.core.text import nfc
from qpdp.org import rules as org_rules
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path
from qpdp.people.models import Citizen

NOT_FOUND_UNIT = "Không tìm thấy đơn vị “{name}” trong phạm vi của bạn."
NOT_FOUND_CITIZEN = "Không tìm thấy công dân trong phạm vi của bạn."
NOT_FOUND_RECORD = "Không tìm thấy {what} trong phạm vi của bạn."
REQUIRED = "Phải ghi {what}."
DATES_ORDER = "{later} ({day:%d/%m/%Y}) không được trước {earlier} ({first:%d/%m/%Y})."
UNKNOWN_ISSUER = "Cấp khen thưởng “{value}” không hợp lệ; chọn một trong: {choices}."
UNKNOWN_FORM = "Hình thức, danh hiệu “{value}” không có trong danh mục; chọn một trong: {choices}."
UNKNOWN_KIND = "Đối tượng “{value}” không hợp lệ; chọn tập thể, cá nhân hoặc hộ gia đình."
YEAR_OUTSIDE_PERIOD = "Năm thành tích {year} không thuộc kỳ {period}."
CITIZEN_NOT_INDIVIDUAL = "Tập thể không chọn từ sổ công dân; chọn đơn vị hoặc ghi tên tập thể."
UNIT_NOT_COLLECTIVE = (
    "Chỉ tập thể mới chọn từ danh sách đơn vị; cá nhân, hộ gia đình chọn từ sổ công dân hoặc ghi tên."
)
NO_RECIPIENT = "Chọn {what} hoặc ghi tên người, tập thể được khen thưởng."
TWO_RECIPIENTS = "Chọn đối tượng từ danh sách hoặc ghi tên, không cả hai."


def problem(field: str, message: str, row: int | None = None) -> FieldProblem:
    return FieldProblem(field=field, message=message, row=row)


def refuse(field: str, message: str) -> DomainError:
    return DomainError([problem(field, message)])


def raise_if(problems: Sequence[FieldProblem]) -> None:
    if problems:
        raise DomainError(list(problems))


def verdict_problem(field: str, verdict: rules.Verdict, row: int | None = None) -> FieldProblem:
    """A rule's refusal as a field problem, with the article it cites."""
    message = verdict.message
    if verdict.article and verdict.article not in message:
        message = f"{message} ({verdict.article})"
    return problem(field, message, row)


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def text(value: str, limit: int | None = None) -> str:
    """NFC, white space collapsed (multi-line text keeps its lines)."""
    lines = [nfc(line) for line in (value or "").splitlines()]
    cleaned = "\n".join(lines).strip()
    return cleaned[:limit] if limit else cleaned


def unit_problem(actor: Any, unit: Unit | None, field: str, row: int | None = None) -> FieldProblem | None:
    if unit is None or not can_see_path(actor, unit.path):
        return problem(field, NOT_FOUND_UNIT.format(name=unit.name if unit else ""), row)
    return None


def unit_exists_on(unit: Unit, on: dt.date, field: str, row: int | None = None) -> FieldProblem | None:
    """A record dated `on` names a unit that existed that day (no district after 30/06/2025)."""
    check = org_rules.unit_usable_on(
        unit_structure=unit.structure,
        unit_valid_from=unit.valid_from,
        unit_valid_to=unit.valid_to,
        unit_name=unit.name,
        on=on,
    )
    return None if check.allowed else problem(field, check.message, row)


def ordered(
    earlier: dt.date, later: dt.date, names: tuple[str, str], field: str, row: int | None = None
) -> FieldProblem | None:
    if later < earlier:
        message = DATES_ORDER.format(later=names[1], day=later, earlier=names[0], first=earlier)
        return problem(field, message[:1].upper() + message[1:], row)
    return None


def required(value: str, what: str, field: str, row: int | None = None) -> FieldProblem | None:
    return None if value.strip() else problem(field, REQUIRED.format(what=what), row)


def collect(*found: FieldProblem | None) -> list[FieldProblem]:
    return [p for p in found if p is not None]


def issuer_of(value: str, row: int | None = None) -> tuple[rules.Issuer | None, FieldProblem | None]:
    try:
        return rules.Issuer(value), None
    except ValueError:
        choices = ", ".join(rules.ISSUER_LABELS[i] for i in rules.Issuer)
        return None, problem("issuer", UNKNOWN_ISSUER.format(value=value, choices=choices), row)


def form_of(code: str, row: int | None = None) -> FieldProblem | None:
    if code in rules.FORMS:
        return None
    choices = ", ".join(form.name for form in rules.FORMS.values())
    return problem("form_code", UNKNOWN_FORM.format(value=code, choices=choices), row)


def kind_of(value: str, row: int | None = None) -> tuple[rules.RecipientKind | None, FieldProblem | None]:
    try:
        return rules.RecipientKind(value), None
    except ValueError:
        return None, problem("recipient_kind", UNKNOWN_KIND.format(value=value), row)


def campaign_period_code(campaign: Campaign) -> str:
    """A campaign as a period: its days ("2024-07-01..2024-09-30")."""
    return f"{campaign.starts_on.isoformat()}..{campaign.ends_on.isoformat()}"


def period_of(
    code: str, campaign: Campaign | None, field: str = "period_code", row: int | None = None
) -> tuple[Period | None, FieldProblem | None]:
    code = code.strip() or (campaign_period_code(campaign) if campaign is not None else "")
    if not code:
        return None, problem(field, REQUIRED.format(what="kỳ thành tích (2026, 2026-H1 …)"), row)
    try:
        return parse_period(code), None
    except PeriodError as error:
        return None, problem(field, str(error), row)


def achievement_year_of(
    requested: int | None, period: Period | None, row: int | None = None
) -> tuple[int, FieldProblem | None]:
    """The year an achievement counts for: the one given, else the period's last; it lies in the period."""
    year = requested or (period.end.year if period else 0)
    if period is not None and year not in period.years():
        message = YEAR_OUTSIDE_PERIOD.format(year=year, period=period.label)
        return year, problem("achievement_year", message, row)
    return year, None


def commune_level_path(unit: Unit) -> str:
    """Where a unit's awards count: a village or an agency counts in the unit it belongs to."""
    if unit.kind in (UnitKind.VILLAGE, UnitKind.AGENCY):
        return unit.path[: unit.path.rstrip("/").rfind("/") + 1]
    return unit.path


@dataclass(frozen=True)
class ResolvedRecipient:
    """A recipient ready to be written on a nomination or an award line."""

    kind: str
    unit: Unit | None
    citizen: Citizen | None
    name: str
    detail: str
    key: str
    path: str

    def fields(self) -> dict[str, Any]:
        return {
            "recipient_kind": self.kind,
            "recipient_unit": self.unit,
            "recipient_citizen": self.citizen,
            "recipient_name": self.name,
            "recipient_detail": self.detail,
            "recipient_key": self.key,
            "recipient_path": self.path,
        }


def resolve_recipient(
    actor: Any,
    *,
    kind: rules.RecipientKind,
    unit: Unit | None,
    citizen: Citizen | None,
    name: str,
    detail: str,
    home: Unit,
    row: int | None = None,
) -> tuple[ResolvedRecipient | None, list[FieldProblem]]:
    """Who is awarded, checked against the user's scope: a collective is a unit of the tree or a name;
    a person or a head of household is a citizen of the register or a name. `home` is the unit a
    name outside the register belongs to (the proposing or issuing unit)."""
    name = text(name, 200)
    detail = text(detail, 255)
    if kind is rules.RecipientKind.COLLECTIVE and citizen is not None:
        return None, [problem("recipient_citizen", CITIZEN_NOT_INDIVIDUAL, row)]
    if kind is not rules.RecipientKind.COLLECTIVE and unit is not None:
        return None, [problem("recipient_unit", UNIT_NOT_COLLECTIVE, row)]
    chosen = unit or citizen
    if chosen is not None and name and name != getattr(chosen, "name", getattr(chosen, "full_name", "")):
        return None, [problem("recipient_name", TWO_RECIPIENTS, row)]
    if unit is not None:
        if not can_see_path(actor, unit.path):
            return None, [problem("recipient_unit", NOT_FOUND_UNIT.format(name=unit.name), row)]
        key = recipient_key(kind, unit_id=unit.pk)
        return ResolvedRecipient(kind, unit, None, unit.name, detail, key, commune_level_path(unit)), []
    if citizen is not None:
        if not can_see_path(actor, citizen.unit_path):
            return None, [problem("recipient_citizen", NOT_FOUND_CITIZEN, row)]
        key = recipient_key(kind, citizen_id=citizen.pk)
        return ResolvedRecipient(kind, None, citizen, citizen.full_name, detail, key, citizen.unit_path), []
    if not name:
        what = "đơn vị" if kind is rules.RecipientKind.COLLECTIVE else "công dân trong sổ"
        field = "recipient_unit" if kind is rules.RecipientKind.COLLECTIVE else "recipient_citizen"
        return None, [problem(field, NO_RECIPIENT.format(what=what), row)]
    key = recipient_key(kind, name=name)
    return ResolvedRecipient(kind, None, None, name, detail, key, commune_level_path(home)), []


def units_note(units: Iterable[Unit]) -> str:
    """The units a record names (participants, attendees), as an audit entry's note."""
    return ", ".join(unit.name for unit in units)[:500]


def record(
    actor: Any,
    action: str,
    target: Any,
    fields: Sequence[str],
    *,
    before: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    audit.record(
        actor=actor,
        action=action,
        target=target,
        unit_path=getattr(target, "unit_path", ""),
        before=before,
        after=audit.snapshot(target, fields),
        note=note,
    )
