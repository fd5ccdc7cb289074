"""The audit history is append-only in the database: UPDATE and DELETE fail on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from qpdp.core import audit
from qpdp.core.models import AuditEntry
from tests.factories.org import Tree


@pytest.fixture
def entry(tree: Tree, commune_officer_a: Any) -> AuditEntry:
    return audit.record(
        actor=commune_officer_a,
        action="org.unit.renamed",
        target=tree.commune_a,
        unit_path=tree.commune_a.path,
        before={"name": "Xã Cũ"},
        after={"name": "Xã An Bình"},
    )


def _raw(sql: str) -> Callable[[AuditEntry], Any]:
    def run(entry: AuditEntry) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])

    return run


def _save_changed(entry: AuditEntry) -> None:
    entry.note = "sửa lại"
    entry.save()


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(_raw("UPDATE core_auditentry SET note = 'sửa lại' WHERE id = %s"), id="raw-update"),
        pytest.param(_raw("DELETE FROM core_auditentry WHERE id = %s"), id="raw-delete"),
        pytest.param(
            lambda e: AuditEntry.objects.filter(pk=e.pk).update(after={"name": "khác"}), id="orm-update"
        ),
        pytest.param(lambda e: AuditEntry.objects.filter(pk=e.pk).delete(), id="orm-delete"),
        pytest.param(_save_changed, id="model-save"),
        pytest.param(lambda e: e.delete(), id="model-delete"),
    ],
)
def test_audit_entries_cannot_be_changed_or_removed(
    entry: AuditEntry, tamper: Callable[[AuditEntry], Any]
) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        tamper(entry)

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.note == ""
    assert stored.after == {"name": "Xã An Bình"}


def test_new_entries_can_still_be_added_after_a_refused_change(entry: AuditEntry, tree: Tree) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()

    audit.record(actor=None, action="org.unit.renamed", target=tree.commune_b)

    assert AuditEntry.objects.count() == 2


def test_an_entry_records_who_what_where_before_and_after(
    entry: AuditEntry, tree: Tree, commune_officer_a: Any
) -> None:
    stored = AuditEntry.objects.get(pk=entry.pk)

    assert stored.actor == commune_officer_a
    assert stored.actor_name == "xa_a"
    assert stored.channel == "cli"
    assert (stored.object_type, stored.object_id, stored.object_label) == (
        "org.unit",
        str(tree.commune_a.pk),
        "Xã An Bình",
    )
    assert stored.unit_path == "VN/90/90001/"
    assert (stored.before, stored.after) == ({"name": "Xã Cũ"}, {"name": "Xã An Bình"})


def test_a_change_without_a_user_is_recorded_as_the_system(tree: Tree) -> None:
    recorded = audit.record(actor=None, action="org.unit.created", target=tree.commune_c)

    assert recorded.actor is None
    assert recorded.actor_name == "hệ thống"


def test_changed_keeps_only_the_keys_that_differ() -> None:
    before, after = audit.changed({"a": 1, "b": "x", "c": None}, {"a": 1, "b": "y", "c": 0})

    assert (before, after) == ({"b": "x", "c": None}, {"b": "y", "c": 0})
