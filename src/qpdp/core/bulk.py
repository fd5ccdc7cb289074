"""Set-based inserts: one COPY (PostgreSQL) or one executemany (SQLite) per batch, ids assigned up front.

`bulk_create` spends most of its time building SQL and preparing each value through the field
machinery, and on SQLite it cannot return the new ids, so callers had to read them back. Here the
conversion of each column is decided once per model, the ids are reserved before writing (a
sequence range on PostgreSQL; the next free range inside the write-locked transaction on SQLite),
and the rows go to the database as plain tuples.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models, transaction

Converter = Callable[[Any], Any]


def _converter(field: models.Field[Any, Any]) -> Converter | None:
    """How one column's Python value becomes what the driver expects; None when it passes as it is."""
    if isinstance(field, models.JSONField):
        return lambda v: json.dumps(v, ensure_ascii=False)
    if isinstance(field, models.DateTimeField):
        return lambda v: connection.ops.adapt_datetimefield_value(v)
    if isinstance(field, models.DateField):
        return lambda v: v.isoformat() if isinstance(v, dt.date) else v
    if isinstance(field, models.BooleanField) and connection.vendor == "sqlite":
        return int
    if isinstance(field, models.FileField):
        return lambda v: str(v.name if hasattr(v, "name") else v)
    return None


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the surrounding transaction holds the write lock (BEGIN IMMEDIATE), so no one else
        # can take these ids; an explicit id also moves AUTOINCREMENT's sequence past it.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = int(cursor.fetchone()[0]) + 1
        return list(range(start, start + count))


@transaction.atomic
def insert_rows(
    model: type[models.Model], objects: Sequence[models.Model], *, batch_size: int = 10_000
) -> None:
    """Insert unsaved objects of `model` in bulk and set their primary keys.

    Defaults such as auto_now_add are applied first, so both databases store the same values. No
    signals and no save(): callers are set-level services that audit what they write themselves.
    """
    if not objects:
        return
    fields = list(model._meta.concrete_fields)
    automatic = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for obj in objects:
        for field in automatic:
            field.pre_save(obj, add=True)
    for obj, pk in zip(objects, reserve_ids(model, len(objects)), strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    take = operator.itemgetter(*(f.attname for f in fields))
    write_values(
        model, [f.attname for f in fields], (take(obj.__dict__) for obj in objects), batch_size=batch_size
    )


def write_values(
    model: type[models.Model],
    attnames: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    batch_size: int = 10_000,
) -> None:
    """Write rows given as Python values, one per named column (ids included), in one COPY or executemany.

    For set-level writers that never need model instances (the audit rows of an import).
    """
    fields = [model._meta.get_field(name) for name in attnames]
    conversions = [(i, convert) for i, f in enumerate(fields) if (convert := _converter(f)) is not None]  # type: ignore[arg-type]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)  # type: ignore[union-attr]

    def converted(values: Sequence[Any]) -> list[Any]:
        out = list(values)
        for index, convert in conversions:
            if out[index] is not None:
                out[index] = convert(out[index])
        return out

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(converted(values))
            return
        statement = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
        batch: list[list[Any]] = []
        for values in rows:
            batch.append(converted(values))
            if len(batch) >= batch_size:
                cursor.executemany(statement, batch)
                batch = []
        if batch:
            cursor.executemany(statement, batch)
