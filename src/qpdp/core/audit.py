"""Writing the audit history: called by services inside their transaction, never from signals."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models
from django.utils import timezone

from qpdp.core.bulk import insert_rows, reserve_ids, write_values
from qpdp.core.models import AuditEntry
from qpdp.core.request_context import current_origin


def json_safe(value: Any) -> Any:
    """Values as they should appear in the audit history (dates ISO, models by primary key)."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a record, JSON-safe; foreign keys by their id."""
    return {
        name: json_safe(getattr(instance, attname))
        for name, attname in _attnames(type(instance), tuple(fields))
    }


@functools.cache
def _attnames(model: type[models.Model], fields: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(field name, attribute name) pairs: foreign keys are read as their id, without a query."""
    return tuple((name, getattr(model._meta.get_field(name), "attname", name)) for name in fields)


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose value differs, from both sides."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def entry(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    unit_path: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> AuditEntry:
    """An unsaved audit entry for `target`; `record` saves one, `record_many` saves a batch."""
    origin = current_origin()
    user = actor if getattr(actor, "pk", None) else None
    return AuditEntry(
        at=at or timezone.now(),
        actor=user,
        actor_name=getattr(user, "username", "") or "hệ thống",
        channel=origin.channel,
        address=origin.address,
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_label=str(target)[:255],
        unit_path=unit_path,
        before=json_safe(dict(before)) if before is not None else None,
        after=json_safe(dict(after)) if after is not None else None,
        note=note[:500],
    )


def record(**kwargs: Any) -> AuditEntry:
    """Write one audit entry now (the caller is inside its transaction)."""
    audit_entry = entry(**kwargs)
    audit_entry.save(force_insert=True)
    return audit_entry


def record_many(entries: list[AuditEntry]) -> None:
    """Write a batch of audit entries in one COPY or executemany (set-level services)."""
    insert_rows(AuditEntry, entries)


_BATCH_COLUMNS = [
    "id", "at", "actor_id", "actor_name", "channel", "address", "action", "object_type", "object_id",
    "object_label", "unit_path", "before", "after", "note",
]  # fmt: skip


def record_created(
    *, actor: Any, action: str, targets: Sequence[models.Model], fields: Iterable[str], note: str = ""
) -> None:
    """One audit entry per newly created record, with its fields as "after" — written as one batch.

    The set-level twin of `record` for imports: the same rows `entry` would make, built as plain
    values (no model instance per entry), each target's `unit_path` as the entry's scope.
    """
    if not targets:
        return
    origin = current_origin()
    user = actor if getattr(actor, "pk", None) else None
    actor_name = getattr(user, "username", "") or "hệ thống"
    now = timezone.now()
    model = type(targets[0])
    pairs = _attnames(model, tuple(fields))
    object_type = model._meta.label_lower
    ids = reserve_ids(AuditEntry, len(targets))
    rows = (
        (
            entry_id, now, user.pk if user else None, actor_name, origin.channel, origin.address, action,
            object_type, str(target.pk), str(target)[:255], getattr(target, "unit_path", ""), None,
            {name: json_safe(getattr(target, attname)) for name, attname in pairs}, note[:500],
        )
        for entry_id, target in zip(ids, targets, strict=True)
    )  # fmt: skip
    write_values(AuditEntry, _BATCH_COLUMNS, rows)
