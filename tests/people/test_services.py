"""People services: registering and correcting citizens writes the record and its audit, or nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace
from typing import Any

import pytest

from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry
from qpdp.people.models import Citizen
from qpdp.people.services import create_citizen, register_citizens, update_citizen
from tests.factories import CitizenFactory, UserFactory, citizen_input, valid_personal_id
from tests.factories.org import Tree


def _counts() -> tuple[int, int]:
    return Citizen.objects.count(), AuditEntry.objects.count()


def test_create_citizen_writes_the_citizen_and_one_audit_entry(tree: Tree, commune_officer_a: Any) -> None:
    data = citizen_input(full_name=unicodedata.normalize("NFD", "Nguyễn  Văn Ân"))

    citizen = create_citizen(actor=commune_officer_a, data=data)

    stored = Citizen.objects.get(pk=citizen.pk)
    assert stored.personal_id == data.personal_id
    assert stored.full_name == "Nguyễn Văn Ân"
    assert unicodedata.is_normalized("NFC", stored.full_name)
    assert stored.search_name == "nguyen van an"
    assert stored.commune == tree.commune_a
    assert stored.village == tree.village_a1
    assert stored.unit_path == "VN/90/90001/"
    entry = AuditEntry.objects.get()
    assert entry.action == "people.citizen.created"
    assert entry.actor == commune_officer_a
    assert entry.actor_name == "xa_a"
    assert entry.unit_path == tree.commune_a.path
    assert (entry.object_type, entry.object_id) == ("people.citizen", str(stored.pk))
    assert entry.before is None
    assert entry.after["personal_id"] == data.personal_id
    assert entry.after["full_name"] == "Nguyễn Văn Ân"
    assert entry.after["date_of_birth"] == "2005-03-15"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        pytest.param(
            {"personal_id": "00120590000"},
            "personal_id",
            "Số định danh cá nhân phải gồm đúng 12 chữ số.",
            id="bad-personal-id-length",
        ),
        pytest.param(
            {"personal_id": "001005900001"},
            "personal_id",
            "Chữ số thứ 4 “0” ứng với nam sinh năm 1900–1999, "
            "không khớp giới tính và năm sinh đã khai (phải là “2”).",
            id="personal-id-wrong-century",
        ),
        pytest.param(
            {"commune_code": "90002", "village": ""},
            "commune",
            "Không tìm thấy xã, phường có mã “90002” trong phạm vi của bạn.",
            id="commune-out-of-scope",
        ),
        pytest.param(
            {"commune_code": "99999", "village": ""},
            "commune",
            "Không tìm thấy xã, phường có mã “99999” trong phạm vi của bạn.",
            id="commune-missing",
        ),
        pytest.param(
            {"commune_code": "L90101", "village": ""},
            "commune",
            "“Xã An” không còn là đơn vị hành chính từ 01/07/2025; hãy dùng xã, phường mới.",
            id="legacy-commune",
        ),
        pytest.param(
            {"village": "Thôn 99"},
            "village",
            "Không tìm thấy thôn, tổ dân phố “Thôn 99” thuộc Xã An Bình.",
            id="unknown-village",
        ),
        pytest.param(
            {"village": "90002-001"},
            "village",
            "Không tìm thấy thôn, tổ dân phố “90002-001” thuộc Xã An Bình.",
            id="village-of-another-commune",
        ),
        pytest.param(
            {
                "date_of_birth": dt.date(2026, 3, 3),
                "personal_id": valid_personal_id(sex="M", date_of_birth=dt.date(2026, 3, 3), serial=1),
            },
            "date_of_birth",
            "Ngày sinh không được sau ngày hôm nay.",
            id="birth-date-tomorrow",
        ),
        pytest.param(
            {"full_name": "Nguyễn Văn 3"},
            "full_name",
            "Họ và tên chỉ gồm chữ cái, dấu cách, dấu nháy (') và gạch nối (-).",
            id="name-with-digit",
        ),
        pytest.param({"full_name": "   "}, "full_name", "Họ và tên không được để trống.", id="name-blank"),
        pytest.param(
            {"education_level": 13},
            "education_level",
            "Trình độ văn hóa là lớp đã học xong, từ 0 đến 12.",
            id="education-above-12",
        ),
        pytest.param(
            {"ethnicity": "Klingon"},
            "ethnicity",
            "Dân tộc “Klingon” không có trong danh mục 54 dân tộc Việt Nam.",
            id="unknown-ethnicity",
        ),
        pytest.param(
            {"permanent_commune_code": "99999"},
            "permanent_commune",
            "Không có xã, phường nào mã “99999”.",
            id="unknown-permanent-commune",
        ),
        pytest.param(
            {"permanent_village": "Thôn 1"},
            "permanent_village",
            "Ghi mã xã, phường nơi thường trú thì mới ghi được thôn, tổ dân phố nơi thường trú.",
            id="permanent-village-without-commune",
        ),
    ],
)
def test_create_citizen_refusal_names_the_field_and_writes_nothing(
    tree: Tree, commune_officer_a: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    before = _counts()

    with pytest.raises(DomainError) as refused:
        create_citizen(actor=commune_officer_a, data=citizen_input(**overrides))

    assert refused.value.by_field() == {field: [message]}
    assert _counts() == before


def test_birth_date_today_is_accepted(tree: Tree, commune_officer_a: Any) -> None:
    born = dt.date(2026, 3, 2)
    data = citizen_input(
        date_of_birth=born, personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=7)
    )

    citizen = create_citizen(actor=commune_officer_a, data=data)

    assert citizen.date_of_birth == born


def test_duplicate_personal_id_is_refused_and_writes_nothing(tree: Tree, commune_officer_a: Any) -> None:
    data = citizen_input()
    CitizenFactory(commune=tree.commune_b, personal_id=data.personal_id)
    before = _counts()

    with pytest.raises(DomainError) as refused:
        create_citizen(actor=commune_officer_a, data=data)

    assert refused.value.by_field() == {
        "personal_id": [f"Số định danh {data.personal_id} đã có trong sổ đăng ký."]
    }
    assert _counts() == before


def test_officer_without_any_role_cannot_register_anywhere(tree: Tree) -> None:
    stranger = UserFactory()
    before = _counts()

    with pytest.raises(DomainError) as refused:
        create_citizen(actor=stranger, data=citizen_input())

    assert list(refused.value.by_field()) == ["commune"]
    assert _counts() == before


def test_update_citizen_audits_only_the_changed_fields(tree: Tree, commune_officer_a: Any) -> None:
    citizen = CitizenFactory(commune=tree.commune_a, address="Số 1", education_level=12)

    updated = update_citizen(
        actor=commune_officer_a,
        citizen=citizen,
        changes={"address": "Số 2, ngõ 3", "education_level": 9, "full_name": citizen.full_name},
    )

    stored = Citizen.objects.get(pk=citizen.pk)
    assert (stored.address, stored.education_level) == ("Số 2, ngõ 3", 9)
    assert updated.address == "Số 2, ngõ 3"
    entry = AuditEntry.objects.get()
    assert entry.action == "people.citizen.updated"
    assert entry.actor == commune_officer_a
    assert entry.unit_path == tree.commune_a.path
    assert entry.object_id == str(citizen.pk)
    assert entry.before == {"address": "Số 1", "education_level": 12}
    assert entry.after == {"address": "Số 2, ngõ 3", "education_level": 9}


def test_update_citizen_renaming_refreshes_search_and_order_keys(tree: Tree, commune_officer_a: Any) -> None:
    citizen = CitizenFactory(commune=tree.commune_a, full_name="Lê Văn Bình")

    update_citizen(actor=commune_officer_a, citizen=citizen, changes={"full_name": "Lê Văn Đức"})

    stored = Citizen.objects.get(pk=citizen.pk)
    assert stored.search_name == "le van duc"
    assert AuditEntry.objects.get().after == {"full_name": "Lê Văn Đức"}


def test_update_citizen_with_no_change_writes_no_audit_entry(tree: Tree, commune_officer_a: Any) -> None:
    citizen = CitizenFactory(commune=tree.commune_a, address="Số 1")

    update_citizen(actor=commune_officer_a, citizen=citizen, changes={"address": "Số 1"})

    assert AuditEntry.objects.count() == 0


def test_update_citizen_moving_out_of_scope_is_refused(tree: Tree, commune_officer_a: Any) -> None:
    citizen = CitizenFactory(commune=tree.commune_a)
    before = _counts()

    with pytest.raises(DomainError) as refused:
        update_citizen(actor=commune_officer_a, citizen=citizen, changes={"commune_code": "90002"})

    assert refused.value.by_field() == {
        "commune": ["Không tìm thấy xã, phường có mã “90002” trong phạm vi của bạn."]
    }
    assert Citizen.objects.get(pk=citizen.pk).commune == tree.commune_a
    assert _counts() == before


def test_update_citizen_refuses_fields_that_are_not_inputs(tree: Tree, commune_officer_a: Any) -> None:
    citizen = CitizenFactory(commune=tree.commune_a)

    with pytest.raises(DomainError, match="unit_path"):
        update_citizen(actor=commune_officer_a, citizen=citizen, changes={"unit_path": "VN/"})

    assert Citizen.objects.get(pk=citizen.pk).unit_path == tree.commune_a.path
    assert AuditEntry.objects.count() == 0


def _batch() -> list[Any]:
    born = dt.date(2004, 6, 1)
    return [
        citizen_input(
            row=2,
            full_name="Trần Văn An",
            personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=11),
            date_of_birth=born,
        ),
        citizen_input(
            row=3,
            full_name="Lê Thị Bình",
            sex="F",
            personal_id=valid_personal_id(sex="F", date_of_birth=born, serial=12),
            date_of_birth=born,
        ),
        citizen_input(
            row=4,
            full_name="Phạm Văn Cường",
            personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=13),
            date_of_birth=born,
        ),
    ]


def test_register_citizens_writes_every_row_and_an_audit_entry_each(
    tree: Tree, commune_officer_a: Any
) -> None:
    written, problems = register_citizens(
        actor=commune_officer_a, inputs=_batch(), note="Nhập từ tệp thu.csv"
    )

    assert (written, problems) == (3, [])
    assert set(Citizen.objects.values_list("full_name", flat=True)) == {
        "Trần Văn An",
        "Lê Thị Bình",
        "Phạm Văn Cường",
    }
    entries = AuditEntry.objects.all()
    assert len(entries) == 3
    assert {e.action for e in entries} == {"people.citizen.created"}
    assert {e.note for e in entries} == {"Nhập từ tệp thu.csv"}
    assert {e.object_id for e in entries} == {str(pk) for pk in Citizen.objects.values_list("pk", flat=True)}


def test_register_citizens_is_all_or_nothing_and_names_the_bad_rows(
    tree: Tree, commune_officer_a: Any
) -> None:
    batch = _batch()
    batch[1] = replace(batch[1], full_name="Lê Thị B1nh")
    batch[2] = replace(batch[2], commune_code="90003", village="")
    before = _counts()

    with pytest.raises(DomainError) as refused:
        register_citizens(actor=commune_officer_a, inputs=batch)

    problems = refused.value.problems
    assert [(p.row, p.field, p.column) for p in problems] == [
        (3, "full_name", "Họ và tên"),
        (4, "commune", "Mã xã, phường"),
    ]
    assert str(problems[0]).startswith("Dòng 3, cột “Họ và tên”: ")
    assert _counts() == before


def test_register_citizens_refuses_a_number_repeated_within_the_batch(
    tree: Tree, commune_officer_a: Any
) -> None:
    batch = _batch()
    batch[2] = replace(batch[2], personal_id=batch[0].personal_id)
    before = _counts()

    with pytest.raises(DomainError) as refused:
        register_citizens(actor=commune_officer_a, inputs=batch)

    assert [(p.row, p.message) for p in refused.value.problems] == [
        (4, f"Số định danh {batch[0].personal_id} xuất hiện nhiều lần trong tệp (dòng 2, 4)."),
    ]
    assert _counts() == before


def test_register_citizens_applying_valid_rows_writes_only_them_and_returns_the_rest(
    tree: Tree, commune_officer_a: Any
) -> None:
    batch = _batch()
    batch[1] = replace(batch[1], education_level=14)

    written, problems = register_citizens(actor=commune_officer_a, inputs=batch, apply_valid_rows=True)

    assert written == 2
    assert [(p.row, p.column) for p in problems] == [(3, "Trình độ văn hóa")]
    assert set(Citizen.objects.values_list("full_name", flat=True)) == {"Trần Văn An", "Phạm Văn Cường"}
    assert AuditEntry.objects.count() == 2


def test_permanent_residence_may_lie_outside_the_officers_scope(tree: Tree, commune_officer_a: Any) -> None:
    citizen = create_citizen(
        actor=commune_officer_a,
        data=citizen_input(permanent_commune_code="91001", permanent_address="Nhà cũ ở tỉnh bên cạnh"),
    )

    assert citizen.permanent_commune == tree.other_commune
    assert citizen.commune == tree.commune_a
