"""Military-service lists as Excel workbooks in the layouts communes use: register, health, reliefs, call-up.

Each list is read through the scoped querysets of `selectors` (and of people for the register), so an
officer gets exactly the rows of the units he may see, restricted to the unit he works in. Workbooks
are written in openpyxl's streaming mode (constant memory): the issuing body and the national title
first, then the list's title with the year and the unit, the header row, and one row per record, in a
fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from typing import Any

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value, When

from qpdp.conscription import rules, selectors
from qpdp.conscription.choices import CallUpStatus, ExamStage, RegistrationKind, ReliefKind, Service
from qpdp.conscription.models import CallUp, HealthExam, Registration, Relief
from qpdp.core.spreadsheets import XLSX as XLSX
from qpdp.core.spreadsheets import YearList
from qpdp.org.exports import ExportScope, in_scope, year_sheet
from qpdp.people.choices import Qualification
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_queryset

_QUALIFICATIONS = dict(Qualification.choices)
_SERVICES = dict(Service.choices)
_CALLUP_STATUSES = dict(CallUpStatus.choices)
_RELIEF_KINDS = dict(ReliefKind.choices)
_STAGES = dict(ExamStage.choices)


def _person(number: int, citizen: Citizen) -> list[Any]:
    """The cells a list opens with: number, name, date of birth, identity number, village."""
    return [number, citizen.full_name, citizen.date_of_birth, citizen.personal_id, _village(citizen)]


def _education(citizen: Citizen) -> str:
    return f"{citizen.education_level}/12"


def _village(citizen: Citizen) -> str:
    return citizen.village.name if citizen.village else ""


def _number(value: Any) -> float | None:
    return float(value) if value is not None else None


def _dioptre(value: Any) -> str:
    return f"{value:+.2f}".replace(".", ",") if value is not None else "—"


# The columns every list opens with (heading, width).
NUMBER, NAME, PERSONAL_ID = ("STT", 6), ("Họ và tên", 26), ("Số định danh", 15)
BIRTH_DATE, BIRTH_YEAR = ("Ngày sinh", 12), ("Năm sinh", 8)

# -- (a) the register of the year -------------------------------------------------------------------

REGISTER_COLUMNS = (
    NUMBER,
    NAME,
    BIRTH_DATE,
    PERSONAL_ID,
    ("Thôn/tổ dân phố", 18),
    ("Trình độ văn hóa", 10),
    ("Trình độ chuyên môn", 16),
    ("Ngày đăng ký", 12),
    ("Số GCN", 12),
    ("Tình trạng", 26),
)
REGISTER_LIST = YearList(
    "Đăng ký NVQS", "Danh sách công dân đăng ký nghĩa vụ quân sự", REGISTER_COLUMNS, (9,)
)


def register_rows(*, user: Any, scope: ExportScope, year: int) -> QuerySet[Citizen]:
    """Citizens living under the scope who had registered by the end of `year` and were not removed
    from the register before it began, with their first registration's date and certificate."""
    first = Registration.objects.filter(citizen=OuterRef("pk"), kind=RegistrationKind.FIRST)
    removed = Registration.objects.filter(
        citizen=OuterRef("pk"), kind=RegistrationKind.REMOVAL, registered_on__lt=dt.date(year, 1, 1)
    )
    citizens = in_scope(citizen_queryset(user=user), scope)
    return (
        citizens.annotate(
            first_registered_on=Subquery(first.values("registered_on")[:1]),
            certificate=Subquery(first.values("certificate_number")[:1]),
        )
        .filter(first_registered_on__lte=dt.date(year, 12, 31))
        .exclude(Exists(removed))
        .select_related("village")
        .order_by("unit_path", "sort_key", "id")
    )


def register_statuses(scope: ExportScope, year: int) -> dict[int, rules.Status]:
    """Each citizen's standing for the intake of `year`, from the one set-based pool statement.

    Those not registered by the age reference are left out (the list reads a missing one as such),
    so that the map holds the registered men rather than the whole population of the scope.
    """
    if not scope.path:
        return {}
    reference = selectors.reference_date(scope.path, year)
    return {
        row.citizen_id: row.status
        for row in selectors.pool_rows(scope.path, year, reference)
        if row.status is not rules.Status.NOT_REGISTERED
    }


def register_workbook(
    *, user: Any, scope: ExportScope, year: int, today: dt.date
) -> tempfile.SpooledTemporaryFile[bytes]:
    """(a) "Danh sách công dân đăng ký NVQS" of the year, with each man's standing for the intake."""
    sheet = year_sheet(REGISTER_LIST, year, scope=scope, today=today, grid_lines=True)
    statuses = register_statuses(scope, year)
    not_registered = rules.STATUS_LABELS[rules.Status.NOT_REGISTERED]
    for number, c in enumerate(register_rows(user=user, scope=scope, year=year).iterator(2000), start=1):
        status = statuses.get(c.pk)
        sheet.row(
            [
                *_person(number, c),
                _education(c),
                _QUALIFICATIONS.get(c.qualification, "") if c.qualification else "",
                c.first_registered_on,  # type: ignore[attr-defined]
                c.certificate or "",  # type: ignore[attr-defined]
                rules.STATUS_LABELS[status] if status is not None else not_registered,
            ]
        )
    return sheet.finish()


# -- (b) health results -----------------------------------------------------------------------------

HEALTH_COLUMNS = (
    NUMBER,
    NAME,
    BIRTH_YEAR,
    PERSONAL_ID,
    ("Chiều cao (cm)", 9),
    ("Cân nặng (kg)", 9),
    ("BMI", 7),
    ("Khúc xạ (đi-ốp)", 18),
    ("Phân loại", 9),
    ("Đủ điều kiện", 10),
    ("Lý do", 40),
)


def health_rows(*, user: Any, scope: ExportScope, year: int, stage: str) -> QuerySet[HealthExam]:
    exams = in_scope(selectors.health_exams(user=user), scope)
    return exams.filter(intake_year=year, stage=stage).order_by(
        "unit_path", "citizen__sort_key", "citizen_id"
    )


def health_workbook(
    *, user: Any, scope: ExportScope, year: int, stage: str, today: dt.date
) -> tempfile.SpooledTemporaryFile[bytes]:
    """(b) The results of one round of health checks of the intake, with the computed decision."""
    title = f"Kết quả {_STAGES[stage].lower()} sức khỏe nghĩa vụ quân sự"
    sheet = year_sheet(
        YearList(_STAGES[stage], title, HEALTH_COLUMNS, (10,)),
        year,
        scope=scope,
        today=today,
        grid_lines=True,
    )
    for number, exam in enumerate(
        health_rows(user=user, scope=scope, year=year, stage=stage).iterator(2000), start=1
    ):
        c = exam.citizen
        if exam.present:
            eligible = "Đủ" if exam.fit else "Không đủ"
            reasons = "; ".join(exam.not_called_reasons)
        else:
            eligible, reasons = "Không đủ", "Vắng mặt khi khám"
        sheet.row(
            [
                number,
                c.full_name,
                c.date_of_birth.year,
                c.personal_id,
                _number(exam.height_cm),
                _number(exam.weight_kg),
                _number(exam.bmi),
                f"MP {_dioptre(exam.refraction_right)}; MT {_dioptre(exam.refraction_left)}"
                if exam.refraction_right is not None or exam.refraction_left is not None
                else "",
                exam.health_type,
                eligible,
                reasons,
            ]
        )
    return sheet.finish()


# -- (c) deferments and exemptions -----------------------------------------------------------------

RELIEF_COLUMNS = (
    NUMBER,
    NAME,
    BIRTH_YEAR,
    ("Thôn", 16),
    ("Loại", 14),
    ("Căn cứ", 48),
    ("Hiệu lực đến", 12),
    ("Số quyết định", 16),
)
RELIEF_LIST = YearList(
    "Tạm hoãn, miễn", "Danh sách công dân được tạm hoãn, miễn gọi nhập ngũ", RELIEF_COLUMNS, (5,)
)
_KIND_ORDER = Case(
    When(kind=ReliefKind.DEFERMENT, then=Value(0)), default=Value(1), output_field=IntegerField()
)
_GROUND_ORDER = Case(
    *[When(ground=code, then=Value(position)) for code, position in rules.GROUND_ORDER.items()],
    default=Value(len(rules.GROUND_ORDER)),
    output_field=IntegerField(),
)


def relief_rows(*, user: Any, scope: ExportScope, year: int) -> QuerySet[Relief]:
    """The year's deferments, then exemptions, by legal ground in the law's order, then by name."""
    reliefs = in_scope(selectors.reliefs(user=user), scope).filter(intake_year=year)
    return (
        reliefs.select_related("citizen__village")
        .annotate(kind_order=_KIND_ORDER, ground_order=_GROUND_ORDER)
        .order_by("kind_order", "ground_order", "ground", "unit_path", "citizen__sort_key", "id")
    )


def _ground_text(code: str) -> str:
    law = rules.ground(code)
    return f"{code} – {law.label}" if law else code


def relief_workbook(
    *, user: Any, scope: ExportScope, year: int, today: dt.date
) -> tempfile.SpooledTemporaryFile[bytes]:
    """(c) Deferments and exemptions of the year, grouped by legal ground, each group headed by the
    ground's article and how many it holds."""
    sheet = year_sheet(RELIEF_LIST, year, scope=scope, today=today, grid_lines=True)
    reliefs = relief_rows(user=user, scope=scope, year=year)
    sizes = {
        (r["kind"], r["ground"]): r["n"]
        for r in reliefs.order_by().values("kind", "ground").annotate(n=Count("id"))
    }
    group: tuple[str, str] | None = None
    for number, relief in enumerate(reliefs.iterator(2000), start=1):
        if (relief.kind, relief.ground) != group:
            group = (relief.kind, relief.ground)
            law = rules.ground(relief.ground)
            where = f" ({law.article})" if law else ""
            sheet.group(
                f"{_RELIEF_KINDS.get(relief.kind, relief.kind)} — căn cứ {relief.ground}{where}: "
                f"{sizes.get(group, 0)} người"
            )
        c = relief.citizen
        sheet.row(
            [
                number,
                c.full_name,
                c.date_of_birth.year,
                _village(c),
                "Tạm hoãn" if relief.kind == ReliefKind.DEFERMENT else "Miễn",
                _ground_text(relief.ground),
                relief.valid_until,
                relief.decision_number,
            ]
        )
    return sheet.finish()


# -- (d) the call-up list ---------------------------------------------------------------------------

CALLUP_COLUMNS = (
    NUMBER,
    NAME,
    BIRTH_DATE,
    PERSONAL_ID,
    ("Thôn", 16),
    ("Trình độ", 14),
    ("Lực lượng", 12),
    ("Tình nguyện", 10),
    ("Đảng viên", 10),
    ("Tình trạng", 16),
    ("Số lệnh", 11),
    ("Đơn vị nhận", 20),
)
CALLUP_LIST = YearList("Gọi nhập ngũ", "Danh sách công dân gọi nhập ngũ", CALLUP_COLUMNS)


def callup_rows(*, user: Any, scope: ExportScope, year: int) -> QuerySet[CallUp]:
    callups = in_scope(selectors.callups(user=user), scope).filter(intake__year=year)
    return callups.select_related("citizen__village").order_by("unit_path", "intake__round", "priority", "id")


def callup_workbook(
    *, user: Any, scope: ExportScope, year: int, today: dt.date
) -> tempfile.SpooledTemporaryFile[bytes]:
    """(d) The citizens selected and called in the intake of `year`, in the council's order."""
    sheet = year_sheet(CALLUP_LIST, year, scope=scope, today=today, grid_lines=True)
    for number, callup in enumerate(callup_rows(user=user, scope=scope, year=year).iterator(2000), start=1):
        c = callup.citizen
        qualification = _QUALIFICATIONS.get(c.qualification, "") if c.qualification else ""
        sheet.row(
            [
                *_person(number, c),
                f"{_education(c)}, {qualification}" if qualification else _education(c),
                _SERVICES.get(callup.service, callup.service),
                "x" if callup.volunteer else "",
                "x" if callup.party_member else "",
                _CALLUP_STATUSES.get(callup.status, callup.status),
                callup.order_number,
                callup.receiving_unit,
            ]
        )
    return sheet.finish()
