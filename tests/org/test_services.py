"""Org services and rules: users and roles, villages, API tokens, which units a dated record may name."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest

from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry
from qpdp.org.choices import Role
from qpdp.org.models import ApiToken, RoleAssignment, Unit, User
from qpdp.org.rules import structure_in_force, unit_usable_on
from qpdp.org.scope import visible_to
from qpdp.org.services import add_village, create_user, issue_api_token
from tests.factories.org import Tree

PASSWORD = "mat-khau-thu-2026"


def _counts() -> tuple[int, int, int]:
    return User.objects.count(), RoleAssignment.objects.count(), AuditEntry.objects.count()


@pytest.mark.parametrize(
    ("role", "unit_code", "place"),
    [
        pytest.param(Role.ADMIN, None, "VN", id="admin-nationwide-by-default"),
        pytest.param(Role.PROVINCE_OFFICER, "90", "90", id="province-officer-at-province"),
        pytest.param(Role.PROVINCE_LEADER, "90", "90", id="province-leader-at-province"),
        pytest.param(Role.REGION_OFFICER, "PTKV-90-1", "PTKV-90-1", id="region-officer-at-regional-command"),
        pytest.param(Role.COMMUNE_OFFICER, "90001", "90001", id="commune-officer-at-commune"),
        pytest.param(Role.COMMUNE_LEADER, "90002", "90002", id="commune-leader-at-commune"),
        pytest.param(Role.INSPECTOR, "90", "90", id="inspector-at-any-unit"),
        pytest.param(Role.INSPECTOR, "PTKV-90-1", "PTKV-90-1", id="inspector-at-a-command"),
    ],
)
def test_create_user_attaches_the_role_and_audits_it(
    tree: Tree, admin_user: Any, role: str, unit_code: str | None, place: str
) -> None:
    user, password = create_user(
        actor=admin_user,
        username="can_bo.moi",
        role=role,
        unit_code=unit_code,
        password=PASSWORD,
        full_name="Nguyễn Văn Mới",
    )

    assert password == PASSWORD
    assert User.objects.get(username="can_bo.moi").check_password(PASSWORD)
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.role == role
    assert (assignment.unit or assignment.command).code == place  # type: ignore[union-attr]
    assert user.is_superuser is (role == Role.ADMIN)
    entry = AuditEntry.objects.get(action="org.user.created")
    assert entry.actor == admin_user
    assert entry.after["username"] == "can_bo.moi"
    assert entry.after["role"] == role


def test_create_user_generates_a_password_when_none_is_given(tree: Tree, admin_user: Any) -> None:
    user, password = create_user(
        actor=admin_user, username="xa_moi", role=Role.COMMUNE_OFFICER, unit_code="90003"
    )

    assert len(password) >= 12
    assert user.check_password(password)


@pytest.mark.parametrize(
    ("role", "unit_code", "message"),
    [
        pytest.param(
            Role.ADMIN,
            "90",
            "Vai trò “Quản trị hệ thống” phải gắn với toàn quốc (mã VN), "
            "còn “Tỉnh Thử Nghiệm” là tỉnh, thành phố.",
            id="admin-at-a-province",
        ),
        pytest.param(
            Role.PROVINCE_OFFICER,
            "90001",
            "Vai trò “Cán bộ Bộ CHQS tỉnh” phải gắn với một tỉnh, thành phố, "
            "còn “Xã An Bình” là xã, phường, đặc khu.",
            id="province-officer-at-a-commune",
        ),
        pytest.param(
            Role.PROVINCE_LEADER,
            "90001-001",
            "Vai trò “Lãnh đạo tỉnh” phải gắn với một tỉnh, thành phố, còn “Thôn 1” là thôn, tổ dân phố.",
            id="province-leader-at-a-village",
        ),
        pytest.param(
            Role.REGION_OFFICER,
            "90001",
            "Vai trò “Cán bộ Ban CHPTKV” cần một đơn vị phù hợp (mã đơn vị hoặc mã cơ quan quân sự). "
            "Không tìm thấy Ban CHPTKV “90001”.",
            id="region-officer-at-a-commune",
        ),
        pytest.param(
            Role.COMMUNE_OFFICER,
            "90",
            "Vai trò “Cán bộ Ban CHQS xã” phải gắn với một xã, phường, đặc khu, "
            "còn “Tỉnh Thử Nghiệm” là tỉnh, thành phố.",
            id="commune-officer-at-a-province",
        ),
        pytest.param(
            Role.COMMUNE_LEADER,
            "L900",
            "Vai trò “Chủ tịch UBND xã” phải gắn với một xã, phường, đặc khu, "
            "còn “Huyện Cũ” là huyện, quận, thị xã, thành phố thuộc tỉnh.",
            id="commune-leader-at-a-district",
        ),
        pytest.param(
            Role.COMMUNE_OFFICER,
            None,
            "Vai trò “Cán bộ Ban CHQS xã” cần một đơn vị phù hợp (mã đơn vị hoặc mã cơ quan quân sự).",
            id="commune-officer-without-unit",
        ),
        pytest.param(
            Role.INSPECTOR, "99999", "Không tìm thấy đơn vị có mã “99999”.", id="inspector-at-no-unit"
        ),
    ],
)
def test_create_user_refuses_a_unit_of_the_wrong_kind_and_writes_nothing(
    tree: Tree, admin_user: Any, role: str, unit_code: str | None, message: str
) -> None:
    before = _counts()

    with pytest.raises(DomainError) as refused:
        create_user(
            actor=admin_user, username="sai_don_vi", role=role, unit_code=unit_code, password=PASSWORD
        )

    assert refused.value.by_field() == {"unit": [message]}
    assert _counts() == before


@pytest.mark.parametrize(
    ("username", "role", "field", "message"),
    [
        pytest.param(
            "xa_a",
            Role.COMMUNE_OFFICER,
            "username",
            "Tên đăng nhập “xa_a” đã có người dùng.",
            id="username-taken",
        ),
        pytest.param(
            "cán_bộ",
            Role.COMMUNE_OFFICER,
            "username",
            "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ - (tối đa 150 ký tự).",
            id="username-with-diacritics",
        ),
        pytest.param(
            "moi",
            "chief",
            "role",
            "Vai trò “chief” không tồn tại; chọn một trong: admin, province_officer, province_leader, "
            "region_officer, commune_officer, commune_leader, inspector.",
            id="unknown-role",
        ),
    ],
)
def test_create_user_refuses_bad_names_and_roles(
    tree: Tree, admin_user: Any, commune_officer_a: Any, username: str, role: str, field: str, message: str
) -> None:
    before = _counts()

    with pytest.raises(DomainError) as refused:
        create_user(actor=admin_user, username=username, role=role, unit_code="90001", password=PASSWORD)

    assert refused.value.by_field() == {field: [message]}
    assert _counts() == before


def test_create_user_refuses_a_weak_password(tree: Tree, admin_user: Any) -> None:
    before = _counts()

    with pytest.raises(DomainError) as refused:
        create_user(
            actor=admin_user, username="xa_moi", role=Role.COMMUNE_OFFICER, unit_code="90001", password="123"
        )

    assert list(refused.value.by_field()) == ["password"]
    assert _counts() == before


def test_new_user_sees_only_the_unit_of_the_role(tree: Tree, admin_user: Any) -> None:
    user, _ = create_user(
        actor=admin_user, username="xa_c", role=Role.COMMUNE_OFFICER, unit_code="90003", password=PASSWORD
    )

    assert set(visible_to(user, Unit.objects.all()).values_list("code", flat=True)) == {"90003"}


def test_add_village_creates_it_under_the_commune_and_audits_it(tree: Tree, commune_officer_a: Any) -> None:
    village = add_village(
        actor=commune_officer_a, parent=tree.commune_a, name="  Thôn   Đông ", division_type="thôn"
    )

    assert village.code == "90001-002"
    assert village.name == "Thôn Đông"
    assert village.kind == "village"
    assert village.parent == tree.commune_a
    assert village.path == "VN/90/90001/90001-002/"
    assert village.search_name == "thon dong"
    entry = AuditEntry.objects.get()
    assert entry.action == "org.unit.created"
    assert entry.actor == commune_officer_a
    assert entry.unit_path == village.path
    assert entry.after["name"] == "Thôn Đông"


@pytest.mark.parametrize(
    ("parent", "name", "field", "message"),
    [
        pytest.param(
            "commune_a",
            "thon 1",
            "name",
            "Xã An Bình đã có “thon 1”.",
            id="duplicate-ignoring-case-and-diacritics",
        ),
        pytest.param("commune_a", "   ", "name", "Tên đơn vị không được để trống.", id="blank-name"),
        pytest.param(
            "legacy_commune_a1",
            "Thôn Mới",
            "parent",
            "Chỉ thêm thôn, tổ dân phố vào xã, phường, đặc khu đang có hiệu lực.",
            id="legacy-commune",
        ),
        pytest.param(
            "province",
            "Thôn Mới",
            "parent",
            "Chỉ thêm thôn, tổ dân phố vào xã, phường, đặc khu đang có hiệu lực.",
            id="not-a-commune",
        ),
    ],
)
def test_add_village_refusals_write_nothing(
    tree: Tree, commune_officer_a: Any, parent: str, name: str, field: str, message: str
) -> None:
    units_before, audits_before = Unit.objects.count(), AuditEntry.objects.count()

    with pytest.raises(DomainError) as refused:
        add_village(actor=commune_officer_a, parent=getattr(tree, parent), name=name)

    assert refused.value.by_field() == {field: [message]}
    assert (Unit.objects.count(), AuditEntry.objects.count()) == (units_before, audits_before)


def test_issue_api_token_stores_only_its_digest(tree: Tree, admin_user: Any, commune_officer_a: Any) -> None:
    token = issue_api_token(actor=admin_user, user=commune_officer_a, label="phần mềm xã")

    stored = ApiToken.objects.get()
    assert token.startswith("qpdp_")
    assert len(token) > 40
    assert stored.user == commune_officer_a
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    assert stored.prefix == token[:12]
    assert token not in {stored.prefix, stored.digest, stored.label}
    entry = AuditEntry.objects.get(action="org.api_token.issued")
    assert entry.actor == admin_user
    assert entry.unit_path == tree.commune_a.path
    assert token not in json.dumps(entry.after, ensure_ascii=False)


def test_each_token_is_new(tree: Tree, admin_user: Any, commune_officer_a: Any) -> None:
    first = issue_api_token(actor=admin_user, user=commune_officer_a)
    second = issue_api_token(actor=admin_user, user=commune_officer_a)

    assert first != second
    assert ApiToken.objects.filter(user=commune_officer_a).count() == 2


THREE_TIERS_END = dt.date(2025, 6, 30)
TWO_TIERS_START = dt.date(2025, 7, 1)


@pytest.mark.parametrize(
    ("structure", "valid_from", "valid_to", "name", "on", "message"),
    [
        pytest.param(
            "legacy",
            None,
            THREE_TIERS_END,
            "Huyện Cũ",
            dt.date(2026, 1, 15),
            "Huyện Cũ không còn tồn tại vào ngày 15/01/2026 (đã sắp xếp từ 01/07/2025).",
            id="luat72-2025-district-named-by-a-2026-record",
        ),
        pytest.param(
            "legacy",
            None,
            THREE_TIERS_END,
            "Xã An",
            TWO_TIERS_START,
            "Xã An không còn tồn tại vào ngày 01/07/2025 (đã sắp xếp từ 01/07/2025).",
            id="nq202-2025-old-commune-on-first-day-of-two-tiers",
        ),
        pytest.param(
            "legacy",
            None,
            THREE_TIERS_END,
            "Huyện Cũ",
            THREE_TIERS_END,
            "",
            id="luat72-2025-district-on-last-day-of-three-tiers",
        ),
        pytest.param(
            "legacy",
            None,
            THREE_TIERS_END,
            "Xã An",
            dt.date(2024, 5, 10),
            "",
            id="nq202-2025-old-commune-in-2024",
        ),
        pytest.param(
            "current",
            TWO_TIERS_START,
            None,
            "Xã An Bình",
            dt.date(2024, 5, 10),
            "Xã An Bình chưa được thành lập vào ngày 10/05/2024 (có từ 01/07/2025).",
            id="nq202-2025-new-commune-named-by-a-2024-record",
        ),
        pytest.param(
            "current",
            TWO_TIERS_START,
            None,
            "Xã An Bình",
            THREE_TIERS_END,
            "Xã An Bình chưa được thành lập vào ngày 30/06/2025 (có từ 01/07/2025).",
            id="nq202-2025-new-commune-day-before-it-exists",
        ),
        pytest.param(
            "current",
            TWO_TIERS_START,
            None,
            "Xã An Bình",
            TWO_TIERS_START,
            "",
            id="nq202-2025-new-commune-first-day",
        ),
        pytest.param("both", None, None, "Việt Nam", dt.date(2020, 1, 1), "", id="nation-always"),
    ],
)
def test_unit_usable_on_judges_each_record_by_the_structure_of_its_date(
    structure: str, valid_from: dt.date | None, valid_to: dt.date | None, name: str, on: dt.date, message: str
) -> None:
    check = unit_usable_on(
        unit_structure=structure, unit_valid_from=valid_from, unit_valid_to=valid_to, unit_name=name, on=on
    )

    assert check.allowed is (message == "")
    assert check.message == message
    assert "72/2025/QH15" in check.article
    assert "202/2025/QH15" in check.article


@pytest.mark.parametrize(
    ("on", "structure"),
    [
        pytest.param(THREE_TIERS_END, "legacy", id="nq202-2025-last-day-of-three-tiers"),
        pytest.param(TWO_TIERS_START, "current", id="nq202-2025-first-day-of-two-tiers"),
    ],
)
def test_structure_in_force_changes_on_1_july_2025(on: dt.date, structure: str) -> None:
    assert structure_in_force(on) == structure
