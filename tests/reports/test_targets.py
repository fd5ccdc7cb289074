"""Targets (chỉ tiêu): set by the level above or by a programme, refused with a clear message, audited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry
from qpdp.reports import services
from qpdp.reports.comparison import targets_for
from qpdp.reports.models import Target
from tests.factories.org import Tree

pytestmark = pytest.mark.django_db

ENLISTED = "conscription.enlisted"


def set_for_a(actor: Any, tree: Tree, **overrides: Any) -> Target:
    values: dict[str, Any] = {
        "actor": actor,
        "unit": tree.commune_a,
        "code": ENLISTED,
        "period_code": "2026",
        "value": 5,
        "set_by_unit": tree.province,
    }
    values.update(overrides)
    return services.set_target(**values)


def refusal(actor: Any, tree: Tree, **overrides: Any) -> dict[str, list[str]]:
    targets, audited = Target.objects.count(), AuditEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        set_for_a(actor, tree, **overrides)
    assert (Target.objects.count(), AuditEntry.objects.count()) == (targets, audited)
    return refused.value.by_field()


def test_the_province_sets_a_communes_target_and_it_is_audited(tree: Tree, province_officer: Any) -> None:
    target = set_for_a(province_officer, tree, note="Quyết định 15/QĐ-UBND")

    assert (target.value, target.unit_path, target.set_by_unit, target.period_code) == (
        Decimal("5"),
        tree.commune_a.path,
        tree.province,
        "2026",
    )
    entry = AuditEntry.objects.get(action="reports.target.set")
    assert (entry.actor, entry.unit_path, entry.after["value"]) == (
        province_officer,
        tree.commune_a.path,
        "5",
    )
    assert targets_for(tree.commune_a, "2026") == {ENLISTED: 5}


def test_setting_it_again_changes_it_and_keeps_the_old_value_in_the_audit(
    tree: Tree, province_officer: Any
) -> None:
    set_for_a(province_officer, tree)

    set_for_a(province_officer, tree, value="6.5")

    assert Target.objects.get().value == Decimal("6.5")
    entry = AuditEntry.objects.get(action="reports.target.updated")
    assert (entry.before["value"], entry.after["value"]) == ("5.00", "6.5")
    assert targets_for(tree.commune_a, "2026") == {ENLISTED: Decimal("6.5")}


def test_a_programme_may_set_a_target_without_a_setting_unit(tree: Tree, province_officer: Any) -> None:
    target = set_for_a(province_officer, tree, set_by_unit=None, programme="Đề án 1123 giai đoạn 2016–2021")

    assert (target.set_by_unit, target.programme) == (None, "Đề án 1123 giai đoạn 2016–2021")


def test_an_unknown_indicator_is_refused_by_name(tree: Tree, province_officer: Any) -> None:
    assert refusal(province_officer, tree, code="conscription.nothing") == {
        "code": ["Không có chỉ số mã “conscription.nothing” trong danh mục chỉ số."]
    }


def test_a_period_that_does_not_parse_is_refused(tree: Tree, province_officer: Any) -> None:
    errors = refusal(province_officer, tree, period_code="năm nay")

    assert errors["period"][0].startswith("Không hiểu kỳ báo cáo “năm nay”")


def test_a_negative_target_is_refused(tree: Tree, province_officer: Any) -> None:
    assert refusal(province_officer, tree, value=-1) == {"value": [services.NEGATIVE_TARGET]}


def test_a_target_that_is_not_a_number_is_refused(tree: Tree, province_officer: Any) -> None:
    assert refusal(province_officer, tree, value="năm") == {"value": ["Chỉ tiêu “năm” không phải là số."]}


def test_a_unit_not_under_the_setter_is_refused(tree: Tree, province_officer: Any) -> None:
    errors = refusal(province_officer, tree, unit=tree.other_commune, set_by_unit=tree.province)

    assert errors == {
        "unit": ["Xã Bên Cạnh không trực thuộc Tỉnh Thử Nghiệm nên Tỉnh Thử Nghiệm không giao chỉ tiêu "
                 "cho đơn vị này được."]
    }  # fmt: skip


def test_a_unit_does_not_set_its_own_target(tree: Tree, province_officer: Any) -> None:
    errors = refusal(province_officer, tree, unit=tree.province, set_by_unit=tree.province)

    assert list(errors) == ["unit"]


def test_a_setter_outside_the_actors_scope_is_refused(tree: Tree, commune_officer_a: Any) -> None:
    errors = refusal(commune_officer_a, tree, unit=tree.village_a1, set_by_unit=tree.province)

    assert errors == {"set_by": ["Không tìm thấy đơn vị “90” trong phạm vi của bạn."]}


def test_a_target_names_who_set_it(tree: Tree, province_officer: Any) -> None:
    assert refusal(province_officer, tree, set_by_unit=None) == {"set_by": [services.TARGET_SETTER_REQUIRED]}


def test_every_problem_is_reported_at_once(tree: Tree, province_officer: Any) -> None:
    errors = refusal(province_officer, tree, code="x", period_code="?", value=-2)

    assert set(errors) == {"code", "period", "value"}
