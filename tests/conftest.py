"""Shared fixtures: the small tree and the personas named for what they may do."""

from __future__ import annotations

from typing import Any

import pytest

from qpdp.org.choices import Role
from tests.factories import build_tree, make_user
from tests.factories.org import Tree


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is the project's hasher (tests/core/test_settings.py); tests hash with MD5 for speed."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree(db: Any) -> Tree:
    return build_tree()


@pytest.fixture
def commune_officer_a(tree: Tree) -> Any:
    return make_user(Role.COMMUNE_OFFICER, unit=tree.commune_a, username="xa_a")


@pytest.fixture
def commune_officer_b(tree: Tree) -> Any:
    """Out of scope for A: officer of commune B of the same province."""
    return make_user(Role.COMMUNE_OFFICER, unit=tree.commune_b, username="xa_b")


@pytest.fixture
def commune_leader_a(tree: Tree) -> Any:
    return make_user(Role.COMMUNE_LEADER, unit=tree.commune_a, username="chutich_a")


@pytest.fixture
def region_officer(tree: Tree) -> Any:
    return make_user(Role.REGION_OFFICER, command=tree.region, username="khuvuc")


@pytest.fixture
def province_officer(tree: Tree) -> Any:
    return make_user(Role.PROVINCE_OFFICER, unit=tree.province, username="tinh")


@pytest.fixture
def read_only_officer(tree: Tree) -> Any:
    """An inspector of the province: may read everything there, change nothing."""
    return make_user(Role.INSPECTOR, unit=tree.province, username="thanhtra")


@pytest.fixture
def admin_user(tree: Tree) -> Any:
    return make_user(Role.ADMIN, unit=tree.nation, username="quantri")
