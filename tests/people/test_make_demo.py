"""qpdp make-demo: a deterministic synthetic population with valid identity numbers, run once per province."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import transaction

from qpdp.core.models import AuditEntry
from qpdp.org.models import Command, Unit
from qpdp.people.models import Citizen
from qpdp.people.rules import Sex, check_personal_id
from tests.factories.org import Tree


def test_make_demo_fills_the_province_with_valid_people_and_demo_users(tree: Tree, db: Any) -> None:
    out = StringIO()

    call_command("make_demo", province="90", scale=300, stdout=out)

    citizens = list(Citizen.objects.all())
    assert len(citizens) == 300
    assert all(c.unit_path.startswith(tree.province.path) for c in citizens)
    assert all(
        check_personal_id(c.personal_id, sex=Sex(c.sex), date_of_birth=c.date_of_birth).valid
        for c in citizens
    )
    assert len({c.personal_id for c in citizens}) == 300
    assert Unit.objects.filter(parent=tree.commune_c, kind="village").exists()
    assert Command.objects.filter(kind="regional", seat=tree.province).exists()
    assert AuditEntry.objects.filter(action="people.demo.generated").count() == 1
    assert "qpdp-demo-2026" in out.getvalue()


def test_make_demo_is_deterministic_from_its_seed(tree: Tree, db: Any) -> None:
    with transaction.atomic():
        call_command("make_demo", province="90", scale=50, no_users=True, stdout=StringIO())
        first = sorted(Citizen.objects.values_list("personal_id", "full_name", "date_of_birth"))
        transaction.set_rollback(True)
    assert not Citizen.objects.exists()

    call_command("make_demo", province="90", scale=50, no_users=True, stdout=StringIO())

    assert sorted(Citizen.objects.values_list("personal_id", "full_name", "date_of_birth")) == first


def test_make_demo_does_not_add_people_twice(tree: Tree, db: Any) -> None:
    call_command("make_demo", province="90", scale=50, no_users=True, stdout=StringIO())
    first = sorted(Citizen.objects.values_list("personal_id", "full_name"))
    out = StringIO()

    call_command("make_demo", province="90", scale=50, no_users=True, stdout=out)

    assert sorted(Citizen.objects.values_list("personal_id", "full_name")) == first
    assert "đã có dữ liệu mẫu" in out.getvalue()
