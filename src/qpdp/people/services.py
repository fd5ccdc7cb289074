"""People services: register, correct and import citizens — validation first, then one set-based write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from qpdp.core import audit
from qpdp.core.bulk import insert_rows
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.text import collation_key, fold, nfc
from qpdp.org.choices import Structure, UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path
from qpdp.people import rules
from qpdp.people.choices import ETHNIC_GROUPS, Qualification
from qpdp.people.models import Citizen

NAME_REQUIRED = "Họ và tên không được để trống."
NAME_TOO_LONG = "Họ và tên dài quá 100 ký tự."
NAME_CHARACTERS = "Họ và tên chỉ gồm chữ cái, dấu cách, dấu nháy (') và gạch nối (-)."
SEX_UNKNOWN = "Giới tính phải là “Nam” hoặc “Nữ”."
BIRTH_DATE_REQUIRED = "Ngày sinh không được để trống (dạng dd/mm/yyyy)."
BIRTH_DATE_FUTURE = "Ngày sinh không được sau ngày hôm nay."
BIRTH_DATE_TOO_OLD = "Ngày sinh trước năm 1900 không hợp lệ."
ETHNICITY_UNKNOWN = "Dân tộc “{value}” không có trong danh mục 54 dân tộc Việt Nam."
COMMUNE_NOT_FOUND = "Không tìm thấy xã, phường có mã “{code}” trong phạm vi của bạn."
PERMANENT_COMMUNE_NOT_FOUND = "Không có xã, phường nào mã “{code}”."
PERMANENT_VILLAGE_WITHOUT_COMMUNE = (
    "Ghi mã xã, phường nơi thường trú thì mới ghi được thôn, tổ dân phố nơi thường trú."
)
COMMUNE_NOT_CURRENT = "“{name}” không còn là đơn vị hành chính từ 01/07/2025; hãy dùng xã, phường mới."
VILLAGE_NOT_IN_COMMUNE = "Không tìm thấy thôn, tổ dân phố “{value}” thuộc {commune}."
QUALIFICATION_UNKNOWN = (
    "Trình độ chuyên môn phải là một trong: đại học, cao đẳng, trung cấp (nghề) hoặc để trống."
)
PERSONAL_ID_TAKEN = "Số định danh {number} đã có trong sổ đăng ký."
PERSONAL_ID_REPEATED = "Số định danh {number} xuất hiện nhiều lần trong tệp (dòng {rows})."
TEXT_TOO_LONG = "Nội dung dài quá {limit} ký tự."

FIELD_LABELS = {
    "personal_id": "Số định danh cá nhân",
    "full_name": "Họ và tên",
    "sex": "Giới tính",
    "date_of_birth": "Ngày sinh",
    "ethnicity": "Dân tộc",
    "commune": "Mã xã, phường",
    "village": "Thôn, tổ dân phố",
    "address": "Địa chỉ",
    "permanent_commune": "Mã xã nơi thường trú",
    "permanent_village": "Thôn nơi thường trú",
    "permanent_address": "Địa chỉ thường trú",
    "education_level": "Trình độ văn hóa",
    "qualification": "Trình độ chuyên môn",
    "occupation": "Nghề nghiệp",
    "workplace": "Nơi làm việc, học tập",
}

AUDITED_FIELDS = [
    "personal_id",
    "full_name",
    "sex",
    "date_of_birth",
    "ethnicity",
    "commune",
    "village",
    "address",
    "permanent_commune",
    "permanent_village",
    "permanent_address",
    "education_level",
    "qualification",
    "occupation",
    "workplace",
]
_ETHNICITY_BY_FOLD = {fold(name).replace("-", " ").replace("'", ""): name for name in ETHNIC_GROUPS}
_QUALIFICATION_CODES = frozenset(Qualification.values)


@dataclass(frozen=True)
class CitizenInput:
    """One citizen as typed, parsed from a form, an API body or a row of an import file.

    Communes are given by code and villages by code or name; `row` is the line of an import file.
    """

    personal_id: str
    full_name: str
    sex: str
    date_of_birth: dt.date | None
    commune_code: str
    ethnicity: str = "Kinh"
    village: str = ""
    address: str = ""
    permanent_commune_code: str = ""
    permanent_village: str = ""
    permanent_address: str = ""
    education_level: int = 12
    qualification: str = ""
    occupation: str = ""
    workplace: str = ""
    row: int | None = None


@dataclass
class _Resolved:
    citizen: Citizen
    problems: list[FieldProblem] = field(default_factory=list)


class _UnitDirectory:
    """Communes and villages named by a batch of inputs, loaded in two queries, checked against scope."""

    def __init__(self, actor: Any, inputs: Sequence[CitizenInput]) -> None:
        codes = {i.commune_code.strip() for i in inputs} | {i.permanent_commune_code.strip() for i in inputs}
        codes.discard("")
        # Permanent residences may lie outside the officer's scope (people move); current ones may not.
        self.communes = {u.code: u for u in Unit.objects.filter(code__in=codes, kind=UnitKind.COMMUNE)}
        self.visible = {code for code, unit in self.communes.items() if can_see_path(actor, unit.path)}
        villages = Unit.objects.filter(
            parent_id__in=[u.id for u in self.communes.values()], kind=UnitKind.VILLAGE
        )
        self.villages: dict[tuple[int, str], Unit] = {}
        for village in villages:
            self.villages[(village.parent_id or 0, village.code.lower())] = village
            self.villages[(village.parent_id or 0, fold(village.name))] = village

    def village(self, commune: Unit, value: str) -> Unit | None:
        key = value.strip()
        return self.villages.get((commune.id, key.lower())) or self.villages.get((commune.id, fold(key)))


def _check_text(problems: list[FieldProblem], name: str, value: str, limit: int, row: int | None) -> str:
    clean = nfc(value)
    if len(clean) > limit:
        problems.append(_problem(name, TEXT_TOO_LONG.format(limit=limit), row))
    return clean


def _problem(name: str, message: str, row: int | None) -> FieldProblem:
    return FieldProblem(field=name, message=message, row=row, column=FIELD_LABELS.get(name) if row else None)


def _check_one(data: CitizenInput, directory: _UnitDirectory, today: dt.date) -> _Resolved:
    row = data.row
    problems: list[FieldProblem] = []
    name = nfc(data.full_name)
    if not name:
        problems.append(_problem("full_name", NAME_REQUIRED, row))
    elif len(name) > 100:
        problems.append(_problem("full_name", NAME_TOO_LONG, row))
    elif not name.replace(" ", "").replace("'", "").replace("-", "").isalpha():
        problems.append(_problem("full_name", NAME_CHARACTERS, row))
    sex = data.sex.strip().upper()
    if sex not in {"M", "F"}:
        problems.append(_problem("sex", SEX_UNKNOWN, row))
    birth = data.date_of_birth
    if birth is None:
        problems.append(_problem("date_of_birth", BIRTH_DATE_REQUIRED, row))
    elif birth > today:
        problems.append(_problem("date_of_birth", BIRTH_DATE_FUTURE, row))
    elif birth.year < 1900:
        problems.append(_problem("date_of_birth", BIRTH_DATE_TOO_OLD, row))
    number = data.personal_id.replace(" ", "").replace(".", "")
    legacy = False
    if birth is not None and sex in {"M", "F"} and birth.year >= 1900:
        check = rules.check_personal_id(number, sex=rules.Sex(sex), date_of_birth=birth)
        problems.extend(_problem("personal_id", message, row) for message in check.problems)
        legacy = check.kind == rules.IdKind.LEGACY_CARD
    elif len(number) != 12 or not number.isdigit():
        problems.append(_problem("personal_id", "Số định danh cá nhân phải gồm đúng 12 chữ số.", row))
    ethnicity = _ETHNICITY_BY_FOLD.get(fold(data.ethnicity or "Kinh").replace("-", " ").replace("'", ""))
    if ethnicity is None:
        problems.append(_problem("ethnicity", ETHNICITY_UNKNOWN.format(value=data.ethnicity), row))
    commune = directory.communes.get(data.commune_code.strip())
    village = None
    if commune is None or data.commune_code.strip() not in directory.visible:
        problems.append(_problem("commune", COMMUNE_NOT_FOUND.format(code=data.commune_code.strip()), row))
        commune = None
    elif commune.structure != Structure.CURRENT:
        problems.append(_problem("commune", COMMUNE_NOT_CURRENT.format(name=commune.name), row))
    elif data.village.strip():
        village = directory.village(commune, data.village)
        if village is None:
            problems.append(
                _problem(
                    "village", VILLAGE_NOT_IN_COMMUNE.format(value=data.village, commune=commune.name), row
                )
            )
    permanent_commune = None
    permanent_village = None
    if data.permanent_commune_code.strip():
        permanent_commune = directory.communes.get(data.permanent_commune_code.strip())
        if permanent_commune is None:
            problems.append(
                _problem(
                    "permanent_commune",
                    PERMANENT_COMMUNE_NOT_FOUND.format(code=data.permanent_commune_code.strip()),
                    row,
                )
            )
        elif data.permanent_village.strip():
            permanent_village = directory.village(permanent_commune, data.permanent_village)
            if permanent_village is None:
                problems.append(
                    _problem(
                        "permanent_village",
                        VILLAGE_NOT_IN_COMMUNE.format(
                            value=data.permanent_village, commune=permanent_commune.name
                        ),
                        row,
                    )
                )
    elif data.permanent_village.strip():
        problems.append(_problem("permanent_village", PERMANENT_VILLAGE_WITHOUT_COMMUNE, row))
    level_problem = rules.education_level_problem(data.education_level)
    if level_problem:
        problems.append(_problem("education_level", level_problem, row))
    if data.qualification not in _QUALIFICATION_CODES:
        problems.append(_problem("qualification", QUALIFICATION_UNKNOWN, row))
    citizen = Citizen(  # type: ignore[misc]  # (ids may be None on rows that already have problems)
        personal_id=number,
        legacy_id_card=legacy,
        full_name=name,
        sort_key=collation_key(name),
        search_name=fold(name),
        sex=sex,
        # A missing date is already a problem; the placeholder keeps the unsaved row well-typed.
        date_of_birth=birth or dt.date(1900, 1, 1),
        ethnicity=ethnicity or "Kinh",
        # Foreign keys by id: the descriptors' bookkeeping is a large share of a 200,000-row import.
        commune_id=commune.id if commune else None,
        village_id=village.id if village else None,
        address=_check_text(problems, "address", data.address, 255, row),
        permanent_commune_id=permanent_commune.id if permanent_commune else None,
        permanent_village_id=permanent_village.id if permanent_village else None,
        permanent_address=_check_text(problems, "permanent_address", data.permanent_address, 255, row),
        unit_path=commune.path if commune else "",
        education_level=data.education_level,
        qualification=data.qualification,
        occupation=_check_text(problems, "occupation", data.occupation, 100, row),
        workplace=_check_text(problems, "workplace", data.workplace, 200, row),
    )
    return _Resolved(citizen, problems)


def check_citizens(
    *, actor: Any, inputs: Sequence[CitizenInput], existing: Citizen | None = None
) -> tuple[list[Citizen], list[FieldProblem]]:
    """Validate a batch without writing: unsaved citizens and every problem, by row and column.

    Uniqueness of identity numbers is checked against the register (one query) and within the batch.
    """
    today = timezone.localdate()
    directory = _UnitDirectory(actor, inputs)
    resolved = [_check_one(data, directory, today) for data in inputs]
    problems = [p for r in resolved for p in r.problems]
    rows_by_number: dict[str, list[int]] = {}
    for index, r in enumerate(resolved):
        rows_by_number.setdefault(r.citizen.personal_id, []).append(inputs[index].row or index + 1)
    for number, rows_seen in rows_by_number.items():
        if len(rows_seen) > 1 and inputs[0].row is not None:
            problems.append(
                _problem(
                    "personal_id",
                    PERSONAL_ID_REPEATED.format(number=number, rows=", ".join(map(str, rows_seen))),
                    rows_seen[-1],
                )
            )
    numbers = [n for n in rows_by_number if len(n) in (9, 12)]
    taken: set[str] = set()
    for start in range(0, len(numbers), 5000):
        query = Citizen.objects.filter(personal_id__in=numbers[start : start + 5000])
        if existing is not None:
            query = query.exclude(pk=existing.pk)
        taken.update(query.values_list("personal_id", flat=True))
    for index, r in enumerate(resolved):
        if r.citizen.personal_id in taken:
            problems.append(
                _problem(
                    "personal_id", PERSONAL_ID_TAKEN.format(number=r.citizen.personal_id), inputs[index].row
                )
            )
    problems.sort(
        key=lambda p: (p.row or 0, list(FIELD_LABELS).index(p.field) if p.field in FIELD_LABELS else 99)
    )
    return [r.citizen for r in resolved], problems


@transaction.atomic
def register_citizens(
    *, actor: Any, inputs: Sequence[CitizenInput], note: str = "", apply_valid_rows: bool = False
) -> tuple[int, list[FieldProblem]]:
    """Add a batch of citizens to the register with one audit entry each; returns (added, problems).

    The set-level path behind the import and the single form alike: validation first, then one
    COPY/bulk insert of citizens and one of audit rows. All or nothing: any problem raises with every
    problem found and nothing is written — unless `apply_valid_rows`, when the rows without problems
    are written and the problems are returned for the rejects list.
    """
    citizens, problems = check_citizens(actor=actor, inputs=inputs)
    if problems and not apply_valid_rows:
        raise DomainError(problems)
    bad_rows = {p.row for p in problems}
    valid = [
        c for c, data in zip(citizens, inputs, strict=True) if data.row is None or data.row not in bad_rows
    ]
    insert_rows(Citizen, valid)
    audit.record_created(
        actor=actor, action="people.citizen.created", targets=valid, fields=AUDITED_FIELDS, note=note
    )
    return len(valid), problems


@transaction.atomic
def create_citizen(*, actor: Any, data: CitizenInput) -> Citizen:
    """Register one citizen (form or API)."""
    register_citizens(actor=actor, inputs=[replace(data, row=None)])
    return Citizen.objects.get(personal_id=data.personal_id.replace(" ", "").replace(".", ""))


def input_from(citizen: Citizen) -> CitizenInput:
    """The input that would produce `citizen` as it is: the base of a partial update."""
    return CitizenInput(
        personal_id=citizen.personal_id,
        full_name=citizen.full_name,
        sex=citizen.sex,
        date_of_birth=citizen.date_of_birth,
        commune_code=citizen.commune.code,
        ethnicity=citizen.ethnicity,
        village=citizen.village.code if citizen.village else "",
        address=citizen.address,
        permanent_commune_code=citizen.permanent_commune.code if citizen.permanent_commune else "",
        permanent_village=citizen.permanent_village.code if citizen.permanent_village else "",
        permanent_address=citizen.permanent_address,
        education_level=citizen.education_level,
        qualification=citizen.qualification,
        occupation=citizen.occupation,
        workplace=citizen.workplace,
    )


INPUT_FIELDS = {f.name for f in fields(CitizenInput)} - {"row"}


@transaction.atomic
def update_citizen(*, actor: Any, citizen: Citizen, changes: dict[str, Any]) -> Citizen:
    """Correct a citizen's record; the audit entry holds the changed fields before and after."""
    locked = (
        Citizen.objects.select_for_update(of=("self",))
        .select_related("commune", "village", "permanent_commune", "permanent_village")
        .get(pk=citizen.pk)
    )
    unknown = set(changes) - INPUT_FIELDS
    if unknown:
        raise DomainError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    data = replace(input_from(locked), **changes)
    checked, problems = check_citizens(actor=actor, inputs=[data], existing=locked)
    if problems:
        raise DomainError(problems)
    before = audit.snapshot(locked, AUDITED_FIELDS)
    fresh = checked[0]
    for name in [*AUDITED_FIELDS, "legacy_id_card", "sort_key", "search_name", "unit_path"]:
        attname = Citizen._meta.get_field(name).attname  # type: ignore[union-attr]
        setattr(locked, attname, getattr(fresh, attname))
    after = audit.snapshot(locked, AUDITED_FIELDS)
    old_values, new_values = audit.changed(before, after)
    if not new_values:
        return locked
    locked.save()
    audit.record(
        actor=actor,
        action="people.citizen.updated",
        target=locked,
        unit_path=locked.unit_path,
        before=old_values,
        after=new_values,
    )
    return locked
