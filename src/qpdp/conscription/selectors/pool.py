"""The pool at scale: the status of every citizen under a path in one SQL statement.

`pool_rows` and `pool_summary` compute for a whole scope what `status_of` explains for one citizen
(aggregates joined to the register, then a CASE in the rule's order), so that a province of millions
answers in seconds; a property test holds the two to the same answers.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, NamedTuple

from django.db import connection, transaction

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus, ExamStage, RegistrationKind
from qpdp.conscription.models import CallUp, HealthExam, Intake, Registration, RegistrationBar, Relief
from qpdp.people.models import Citizen

STATUS_CODES: tuple[rules.Status, ...] = tuple(rules.Status)

# Rank of each deferment or exemption ground in the pool statement: the rule tries exemptions
# before deferments, and within a kind the law's order (GROUND_ORDER), so deferments are shifted
# past every exemption. The lowest active rank answers.
_RELIEF_SHIFT = 100
_FIRST_EXEMPTION = min(rules.GROUND_ORDER[g.code] for g in rules.EXEMPTION_GROUNDS)
_RELIEF_RANK: dict[str, int] = {
    g.code: rules.GROUND_ORDER[g.code]
    + (0 if rules.GROUND_ORDER[g.code] >= _FIRST_EXEMPTION else _RELIEF_SHIFT)
    for g in rules.DEFERMENT_GROUNDS + rules.EXEMPTION_GROUNDS
}


def _pool_sql(year: int, reference: dt.date, *, grounds: bool = True) -> tuple[str, dict[str, Any]]:
    """One statement: each citizen's id, path, status code (index in STATUS_CODES) and ground.

    The CASE follows `rules.pool_status` test by test; every date boundary comes from the rules
    module (`latest_birth_for_age`), so the SQL holds no law of its own. A citizen has at most one
    first registration (`registration_first_once`) and one examination a year (`exam_once_per_stage`),
    so those two big tables are joined row to row, through the covering indexes `registration_first_idx`
    and `exam_pool_idx` and in citizen order; the small ones (removals, bars, reliefs, call-ups) are
    aggregated per citizen first. Without `grounds` the last column is left out (the summary).
    """
    tables = {
        "citizen": Citizen._meta.db_table,
        "registration": Registration._meta.db_table,
        "bar": RegistrationBar._meta.db_table,
        "relief": Relief._meta.db_table,
        "exam": HealthExam._meta.db_table,
        "callup": CallUp._meta.db_table,
        "intake": Intake._meta.db_table,
    }
    code = {status: index for index, status in enumerate(STATUS_CODES)}
    # Our own enumeration values, written into the statement so that the partial indexes apply.
    first, removal = RegistrationKind.FIRST.value, RegistrationKind.REMOVAL.value
    examination = ExamStage.EXAMINATION.value
    rank_cases = " ".join(f"WHEN '{g}' THEN {rank}" for g, rank in _RELIEF_RANK.items())
    ground_cases = " ".join(f"WHEN {rank} THEN '{g}'" for g, rank in _RELIEF_RANK.items())
    not_waivable = ", ".join(
        f"'{g.code}'" for g in rules.DEFERMENT_GROUNDS + rules.EXEMPTION_GROUNDS if not g.waivable
    )
    params = {
        "ref": reference,
        "year": year,
        "young": rules.latest_birth_for_age(reference, rules.MIN_CALLUP_AGE),
        "old": rules.latest_birth_for_age(reference, rules.MAX_CALLUP_AGE + 1),
        "old_study": rules.latest_birth_for_age(reference, rules.MAX_CALLUP_AGE_STUDY + 1),
        "enlisted": CallUpStatus.ENLISTED.value,
        "ordered": CallUpStatus.ORDERED.value,
        "selected": CallUpStatus.SELECTED.value,
        "decided": CallUpStatus.DECIDED.value,
        "study": "41.1.g",
        "false": False,
    }
    excluded, exempt = code[rules.Status.EXCLUDED], code[rules.Status.EXEMPT]
    deferred = code[rules.Status.DEFERRED]
    ground = (
        f""",
        CASE
            WHEN bar_key IS NOT NULL AND pool_status IN ({excluded}, {exempt}) THEN SUBSTR(bar_key, 2)
            WHEN pool_status IN ({exempt}, {deferred}) THEN COALESCE(CASE relief_rank {ground_cases} END, '')
            ELSE ''
        END"""
        if grounds
        else ""
    )
    sql = f"""
    WITH rm AS (
        SELECT DISTINCT citizen_id FROM {tables["registration"]}
        WHERE kind = '{removal}' AND registered_on <= %(ref)s
    ), bar AS (
        SELECT citizen_id, MIN(CASE WHEN ground LIKE '13.%%' THEN 0 ELSE 1 END) AS bar_rank,
               MIN(CASE WHEN ground LIKE '13.%%' THEN '0' ELSE '1' END || ground) AS bar_key
        FROM {tables["bar"]}
        WHERE valid_from <= %(ref)s AND (valid_until IS NULL OR valid_until >= %(ref)s)
        GROUP BY citizen_id
    ), rel AS (
        SELECT citizen_id,
               MAX(CASE WHEN ground = %(study)s AND valid_from <= %(ref)s THEN 1 ELSE 0 END) AS study,
               MIN(CASE WHEN valid_from <= %(ref)s AND (valid_until IS NULL OR valid_until >= %(ref)s)
                         AND (volunteer = %(false)s OR ground IN ({not_waivable}))
                    THEN CASE ground {rank_cases} END
                    END) AS relief_rank
        FROM {tables["relief"]}
        GROUP BY citizen_id
    ), cu AS (
        SELECT cu.citizen_id,
               MAX(CASE WHEN i.year = %(year)s AND cu.status = %(enlisted)s THEN 3
                        WHEN i.year = %(year)s AND cu.status = %(ordered)s THEN 2
                        WHEN i.year = %(year)s AND cu.status IN (%(selected)s, %(decided)s) THEN 1
                        ELSE 0 END) AS progress,
               MAX(CASE WHEN i.year < %(year)s AND cu.status = %(enlisted)s THEN 1 ELSE 0 END) AS served
        FROM {tables["callup"]} cu JOIN {tables["intake"]} i ON i.id = cu.intake_id
        GROUP BY cu.citizen_id
    ), pool AS (
        SELECT c.id, c.unit_path,
            CASE
                WHEN c.sex = 'F' THEN {code[rules.Status.NOT_SUBJECT]}
                WHEN rm.citizen_id IS NOT NULL THEN {code[rules.Status.NOT_SUBJECT]}
                WHEN cu.served = 1 THEN {code[rules.Status.SERVED]}
                WHEN cu.progress = 3 THEN {code[rules.Status.ENLISTED]}
                WHEN cu.progress = 2 THEN {code[rules.Status.ORDERED]}
                WHEN cu.progress = 1 THEN {code[rules.Status.SELECTED]}
                WHEN bar.bar_rank = 0 THEN {excluded}
                WHEN bar.bar_rank = 1 THEN {exempt}
                WHEN c.date_of_birth > %(young)s THEN {code[rules.Status.TOO_YOUNG]}
                WHEN c.date_of_birth <= %(old_study)s
                     OR (c.date_of_birth <= %(old)s AND (rel.study IS NULL OR rel.study = 0))
                     THEN {code[rules.Status.OVER_AGE]}
                WHEN reg.citizen_id IS NULL THEN {code[rules.Status.NOT_REGISTERED]}
                WHEN rel.relief_rank < {_RELIEF_SHIFT} THEN {exempt}
                WHEN rel.relief_rank >= {_RELIEF_SHIFT} THEN {deferred}
                WHEN exam.citizen_id IS NULL THEN {code[rules.Status.NOT_EXAMINED]}
                WHEN NOT exam.fit THEN {code[rules.Status.UNFIT]}
                ELSE {code[rules.Status.ELIGIBLE]}
            END AS pool_status,
            bar.bar_key, rel.relief_rank
        FROM {tables["citizen"]} c
        LEFT JOIN {tables["registration"]} reg
               ON reg.citizen_id = c.id AND reg.kind = '{first}' AND reg.registered_on <= %(ref)s
        LEFT JOIN {tables["exam"]} exam
               ON exam.citizen_id = c.id AND exam.intake_year = %(year)s
              AND exam.stage = '{examination}' AND exam.present
        LEFT JOIN rm ON rm.citizen_id = c.id
        LEFT JOIN bar ON bar.citizen_id = c.id
        LEFT JOIN rel ON rel.citizen_id = c.id
        LEFT JOIN cu ON cu.citizen_id = c.id
        WHERE c.unit_path LIKE %(path)s
    )
    SELECT id, unit_path, pool_status{ground}
    FROM pool
    """
    return sql, params


class PoolRow(NamedTuple):
    citizen_id: int
    unit_path: str
    status: rules.Status
    ground: str


# Rows asked of the server at a time while the pool streams (libpq 17 or later; one by one before).
_STREAM_CHUNK = 2_000
# Settings of the pool statement on PostgreSQL, for the transaction only (see _pool_cursor).
_POOL_SETTINGS = {"jit": "off"}
_STREAM_SETTINGS = {"jit": "off", "max_parallel_workers_per_gather": "0"}


@contextmanager
def _pool_cursor(*, streamed: bool = False) -> Iterator[Any]:
    """A cursor for the pool statement; on PostgreSQL, in a transaction with settings of its own.

    `jit = off`: the statement's estimated cost is far above `jit_above_cost`, so PostgreSQL would
    first compile its wide CASE and joins to machine code; at 3,000,000 citizens that took 14 s for
    a statement that runs in 4 (bench/callup_pool.py, EXPLAIN ANALYZE "JIT: … Total").
    `max_parallel_workers_per_gather = 0` when `streamed`: the rows are read while the statement
    runs, so the reader needs a core of its own, and each parallel worker would read the merge
    joins' inner sides (the registration and examination indexes) whole again; on 2 cores the
    streamed pool took a third longer in parallel.
    The settings are SET LOCAL (`set_config(…, true)`): outside a transaction this one ends with the
    statement; inside the caller's, the previous values are put back afterwards (an aborted
    transaction is undone by its own rollback).
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    settings = _STREAM_SETTINGS if streamed else _POOL_SETTINGS
    names = list(settings)
    inside = connection.in_atomic_block
    with ExitStack() as stack:
        if not inside:
            stack.enter_context(transaction.atomic())
        cursor = stack.enter_context(connection.cursor())
        current = ", ".join(f"current_setting('{name}')" for name in names)
        change = ", ".join(f"set_config('{name}', '{value}', true)" for name, value in settings.items())
        # The old values are read (in the CTE) before the new ones are set (in the select list).
        cursor.execute(f"WITH old AS MATERIALIZED (SELECT {current}) SELECT old.*, {change} FROM old")
        previous = cursor.fetchone()[: len(names)]
        try:
            yield cursor
        finally:
            if inside and _transaction_usable():
                restore = ", ".join("set_config(%s, %s, true)" for _ in names)
                cursor.execute(
                    f"SELECT {restore}", [v for pair in zip(names, previous, strict=True) for v in pair]
                )


def _transaction_usable() -> bool:
    from psycopg.pq import TransactionStatus

    return bool(connection.connection.info.transaction_status == TransactionStatus.INTRANS)


def _connection_busy(*args: Any) -> Any:
    raise RuntimeError(
        "pool_rows() is still reading the pool from this database connection: "
        "consume it to the end (or close it) before the next query."
    )


def pool_rows(path: str, year: int, reference: dt.date) -> Iterator[PoolRow]:
    """The status of every citizen under `path` (a unit's path, already scoped by the caller).

    On PostgreSQL the rows stream from the server as it computes them, so the server works while
    Python reads (a province of millions in seconds, without holding every row in memory first).
    The connection is busy until the last row: consume the iterator before the next query; a query
    made meanwhile raises instead of waiting forever on the busy connection. Left unfinished inside
    a transaction, the rest is read and dropped (cancelling the statement would abort the caller's
    transaction); outside one, the statement is cancelled.
    """
    sql, params = _pool_sql(year, reference)
    params["path"] = _like_prefix(path)
    codes = STATUS_CODES
    # tuple.__new__ makes the PoolRow without the Python-level __new__ of NamedTuple: a third of the
    # Python time per row, which counts at millions of rows.
    make = tuple.__new__
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(10_000):
                for citizen_id, unit_path, status, ground in batch:
                    yield make(PoolRow, (citizen_id, unit_path, codes[status], ground))
        return
    import psycopg

    inside = connection.in_atomic_block
    with _pool_cursor(streamed=True) as cursor:
        started = time.monotonic()
        chunk = _STREAM_CHUNK if psycopg.pq.version() >= 170000 else 1
        stream = cursor.cursor.stream(sql, params, size=chunk)
        try:
            with connection.execute_wrapper(_connection_busy):
                for citizen_id, unit_path, status, ground in stream:
                    yield make(PoolRow, (citizen_id, unit_path, codes[status], ground))
        finally:
            if inside:
                for _ in stream:
                    pass
            stream.close()
            if connection.queries_logged:  # the stream bypasses Django's cursor: log it as one query
                raw = cursor.cursor
                text = raw.mogrify(sql, params) if hasattr(raw, "mogrify") else sql
                connection.queries_log.append({"sql": text, "time": f"{time.monotonic() - started:.3f}"})


def pool_summary(path: str, year: int, reference: dt.date) -> dict[str, Counter[str]]:
    """Per commune path: how many citizens stand in each status (one GROUP BY over the pool)."""
    sql, params = _pool_sql(year, reference, grounds=False)
    params["path"] = _like_prefix(path)
    summary: dict[str, Counter[str]] = {}
    with _pool_cursor() as cursor:
        cursor.execute(
            f"SELECT unit_path, pool_status, COUNT(*) FROM ({sql}) statuses GROUP BY unit_path, pool_status",
            params,
        )
        rows = cursor.fetchall()
    for unit_path, status, count in rows:
        summary.setdefault(unit_path, Counter())[STATUS_CODES[status].value] += count
    return summary


def tallied(rows: Iterable[PoolRow], summary: dict[str, Counter[str]]) -> Iterator[PoolRow]:
    """Pass the rows through, counting them per commune and status into `summary` on the way.

    Consumed to the end, `summary` equals `pool_summary` over the same scope: the whole pool and its
    per-commune summary in one pass over the statement, instead of running the statement twice.
    """
    counts: Counter[tuple[str, rules.Status]] = Counter()
    for row in rows:
        counts[row[1], row[2]] += 1
        yield row
    for (unit_path, status), count in counts.items():
        summary.setdefault(unit_path, Counter())[status.value] += count


def _like_prefix(path: str) -> str:
    return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def eligible_count(path: str, year: int, reference: dt.date) -> int:
    summary = pool_summary(path, year, reference)
    return sum(counts.get(rules.Status.ELIGIBLE.value, 0) for counts in summary.values())


def pool_summary_over(prefixes: Iterable[str], year: int, reference: dt.date) -> dict[str, Counter[str]]:
    """`pool_summary` over the parts of a scope (a regional officer's communes), merged."""
    summary: dict[str, Counter[str]] = {}
    for prefix in prefixes:
        summary.update(pool_summary(prefix, year, reference))
    return summary
