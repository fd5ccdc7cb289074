"""Writing the audit history: called by services inside their transaction, never from signals."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils import timezone

from qpdp.core.models import AuditEntry
from qpdp.core.request_context import current_origin


def json_safe(value: Any) -> Any:
    """Values as they should appear in the audit history (dates ISO, models by primary key)."""
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
    data: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        data[name] = json_safe(getattr(instance, attname))
    return data


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


def record_many(entries: list[AuditEntry], batch_size: int = 2000) -> None:
    """Write a batch of audit entries in one statement per batch (set-level services)."""
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)
