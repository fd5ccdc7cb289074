"""The streamed pool leaves the connection and the caller's transaction as it found them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction

from qpdp.conscription import selectors
from qpdp.people.models import Citizen
from tests.conscription.test_pool import REFERENCES, _random_register

pytestmark = pytest.mark.django_db

REFERENCE = REFERENCES[0]


def _settings() -> tuple[str, str] | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')")
        row = cursor.fetchone()
    return row[0], row[1]


def test_pool_left_unfinished_leaves_the_transaction_usable(tree: Any) -> None:
    _random_register(tree, 4, 40)
    before = _settings()
    with transaction.atomic():
        rows = selectors.pool_rows(tree.province.path, REFERENCE.year, REFERENCE)
        assert next(rows).status
        rows.close()
        assert Citizen.objects.count() == 40
        assert _settings() == before
    assert _settings() == before


def test_pool_settings_are_put_back_inside_a_transaction(tree: Any) -> None:
    _random_register(tree, 5, 20)
    before = _settings()
    with transaction.atomic():
        assert len(list(selectors.pool_rows(tree.province.path, REFERENCE.year, REFERENCE))) == 20
        selectors.pool_summary(tree.province.path, REFERENCE.year, REFERENCE)
        assert _settings() == before


def test_a_query_while_the_pool_streams_raises_instead_of_hanging(tree: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL streams the pool")
    _random_register(tree, 6, 20)
    rows = selectors.pool_rows(tree.province.path, REFERENCE.year, REFERENCE)
    first = next(rows)
    with pytest.raises(RuntimeError, match="consume it to the end"):
        Citizen.objects.get(pk=first.citizen_id)
    rows.close()
    assert Citizen.objects.count() == 20  # the connection and the test's transaction still work
