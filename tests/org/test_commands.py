"""The console commands of org: create-user and create-token, with their refusals."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from qpdp.org.api_auth import token_digest
from qpdp.org.models import ApiToken, RoleAssignment, User
from tests.factories.org import Tree


def test_create_user_attaches_the_role_to_the_unit_and_prints_the_generated_password(tree: Tree) -> None:
    out = StringIO()

    call_command("create_user", "can_bo_moi", role="commune_officer", unit="90001", stdout=out)

    user = User.objects.get(username="can_bo_moi")
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.unit) == ("commune_officer", tree.commune_a)
    password = out.getvalue().splitlines()[-1].removeprefix("password=")
    assert user.check_password(password)


def test_create_user_refuses_a_commune_role_at_a_province_with_a_vietnamese_message(tree: Tree) -> None:
    with pytest.raises(CommandError, match="phải gắn với một xã, phường, đặc khu"):
        call_command("create_user", "sai_don_vi", role="commune_officer", unit="90", stdout=StringIO())

    assert not User.objects.filter(username="sai_don_vi").exists()


def test_create_token_prints_the_token_on_its_last_line_and_keeps_only_its_digest(
    commune_officer_a: Any,
) -> None:
    out = StringIO()

    call_command("create_token", commune_officer_a.username, stdout=out)

    token = out.getvalue().splitlines()[-1]
    stored = ApiToken.objects.get(user=commune_officer_a)
    assert stored.digest == token_digest(token)
    assert token not in {stored.digest, stored.prefix}


def test_create_token_for_an_unknown_user_is_refused(db: Any) -> None:
    with pytest.raises(CommandError, match="Không có người dùng “khong_co”"):
        call_command("create_token", "khong_co", stdout=StringIO())
