"""Military-service reads: one citizen's facts and status, and the set-based pool of a whole scope.

`status_of` gathers one citizen's records into `rules.CitizenFacts` and asks the pure rule, which
explains itself. `pool_rows` and `pool_summary` compute the same status for every citizen under a
path in one SQL statement (aggregates joined to the register, then a CASE in the rule's order), so
that a province of millions answers in seconds; a property test holds the two to the same answers.

The rest are the reads of the pages, the API, the exports and the documents: scoped querysets
(`visible_to`), single records or 404 (`get_visible_or_404`), and the counts the pages show, each in
one query or a few.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus, ExamStage, RegistrationKind, ReliefKind
from qpdp.conscription.models import (
    CallUp,
    Complaint,
    Handover,
    HealthExam,
    Intake,
    Posting,
    Quota,
    Registration,
    RegistrationBar,
    Relief,
)
from qpdp.core.periods import Period
from qpdp.core.text import fold
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import get_visible_or_404, scope_paths, visible_to
from qpdp.people.choices import Qualification
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_queryset


def intake_of(citizen_path: str, year: int, round_number: int = 1) -> Intake | None:
    """The intake of the province above a path (its path is a prefix of the citizen's)."""
    province_path = "/".join(citizen_path.split("/")[:2]) + "/"
    return Intake.objects.filter(unit_path=province_path, year=year, round=round_number).first()


def reference_date(citizen_path: str, year: int) -> dt.date:
    """The age reference of the year's intake: the province's if opened, the national days otherwise."""
    intake = intake_of(citizen_path, year)
    return intake.age_reference if intake else rules.default_handover(year)[0]


def intake_period(path: str, year: int) -> Period:
    """The intake of `year` as a reporting period (`rules.intake_cycle`), from the province's
    handover days where it opened the intakes, the national ones otherwise."""
    days = []
    for intake_year in (year - 1, year):
        intake = intake_of(path, intake_year) if path.count("/") >= 2 else None
        days.append(intake.handover_to if intake else rules.default_handover(intake_year)[1])
    start, end = rules.intake_cycle(days[0], days[1])
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def facts_of(
    citizen: Citizen, year: int, reference: dt.date, *, ignore_callup: int | None = None
) -> rules.CitizenFacts:
    """Everything the status rule reads about one citizen, in a handful of indexed queries."""
    kinds = set(
        Registration.objects.filter(
            citizen=citizen,
            registered_on__lte=reference,
            kind__in=[RegistrationKind.FIRST, RegistrationKind.REMOVAL],
        ).values_list("kind", flat=True)
    )
    bars = tuple(
        rules.BarFact(b.ground, b.valid_from, b.valid_until)
        for b in RegistrationBar.objects.filter(citizen=citizen)
    )
    reliefs = tuple(
        rules.ReliefFact(r.ground, r.valid_from, r.valid_until, r.volunteer)
        for r in Relief.objects.filter(citizen=citizen)
    )
    exam = HealthExam.objects.filter(
        citizen=citizen, intake_year=year, stage=ExamStage.EXAMINATION, present=True
    ).first()
    health = (
        rules.HealthFact(exam.health_type or 6, exam.fit, exam.examined_on, tuple(exam.not_called_reasons))
        if exam is not None
        else None
    )
    callups = CallUp.objects.filter(citizen=citizen)
    if ignore_callup is not None:
        callups = callups.exclude(pk=ignore_callup)
    progress_rank = 0
    served = False
    for intake_year, status in callups.values_list("intake__year", "status"):
        if intake_year < year and status == CallUpStatus.ENLISTED:
            served = True
        if intake_year == year:
            progress_rank = max(progress_rank, _PROGRESS_RANK.get(status, 0))
    return rules.CitizenFacts(
        sex=citizen.sex,
        date_of_birth=citizen.date_of_birth,
        registered=RegistrationKind.FIRST in kinds,
        removed=RegistrationKind.REMOVAL in kinds,
        bars=bars,
        reliefs=reliefs,
        health=health,
        progress=_PROGRESS_NAME[progress_rank],
        served=served,
    )


_PROGRESS_RANK: dict[str, int] = {
    CallUpStatus.SELECTED: 1,
    CallUpStatus.DECIDED: 1,
    CallUpStatus.ORDERED: 2,
    CallUpStatus.ENLISTED: 3,
}
_PROGRESS_NAME = {0: "", 1: "selected", 2: "ordered", 3: "enlisted"}


def status_of(
    citizen: Citizen, year: int, *, reference: dt.date | None = None, ignore_callup: int | None = None
) -> rules.PoolStatus:
    """The citizen's standing for the intake of `year`, explained (the API's status endpoint)."""
    on = reference or reference_date(citizen.unit_path, year)
    return rules.pool_status(facts_of(citizen, year, on, ignore_callup=ignore_callup), on)


# -- the set-based pool ----------------------------------------------------------------------------

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


def _like_prefix(path: str) -> str:
    return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def eligible_count(path: str, year: int, reference: dt.date) -> int:
    summary = pool_summary(path, year, reference)
    return sum(counts.get(rules.Status.ELIGIBLE.value, 0) for counts in summary.values())


# -- lists for pages and API -------------------------------------------------------------------------


def registration_due(*, user: Any, path: str, year: int) -> QuerySet[Citizen]:
    """Men under `path` who must register in `year`: those turning 17, and men of call-up age never
    registered; annotated with whether they have registered (first registration) by now."""
    oldest = dt.date(year - rules.MAX_CALLUP_AGE_STUDY - 1, 1, 1)
    born = year - rules.FIRST_REGISTRATION_AGE
    cohort = Q(date_of_birth__gte=dt.date(born, 1, 1), date_of_birth__lte=dt.date(born, 12, 31))
    never = Q(date_of_birth__gte=oldest, date_of_birth__lt=dt.date(born, 1, 1))
    registered = Registration.objects.filter(citizen=OuterRef("pk"), kind=RegistrationKind.FIRST)
    barred = RegistrationBar.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=dt.date(year, 1, 1)), citizen=OuterRef("pk")
    )
    queryset = visible_to(user, Citizen.objects.filter(unit_path__startswith=path, sex="M"))
    queryset = queryset.annotate(registered=Exists(registered), barred=Exists(barred))
    return queryset.filter(cohort | (never & Q(registered=False))).order_by("sort_key", "id")


def registrations(*, user: Any) -> QuerySet[Registration]:
    return visible_to(user, Registration.objects.select_related("citizen", "commune", "other_commune"))


def reliefs(*, user: Any) -> QuerySet[Relief]:
    return visible_to(user, Relief.objects.select_related("citizen", "commune", "posting"))


def health_exams(*, user: Any) -> QuerySet[HealthExam]:
    return visible_to(user, HealthExam.objects.select_related("citizen", "commune"))


def callups(*, user: Any) -> QuerySet[CallUp]:
    return visible_to(user, CallUp.objects.select_related("citizen", "commune", "intake", "handover"))


def citizen_records(citizen: Citizen) -> dict[str, Any]:
    """A citizen's whole military-service file, whichever commune each act was done in (the record
    follows the person)."""
    return {
        "registrations": list(
            Registration.objects.filter(citizen=citizen)
            .select_related("commune", "other_commune")
            .order_by("registered_on", "id")
        ),
        "bars": list(RegistrationBar.objects.filter(citizen=citizen).order_by("valid_from")),
        "exams": list(HealthExam.objects.filter(citizen=citizen).order_by("-intake_year", "stage")),
        "reliefs": list(Relief.objects.filter(citizen=citizen).order_by("-decided_on")),
        "callups": list(
            CallUp.objects.filter(citizen=citizen)
            .select_related("intake", "handover")
            .order_by("-intake__year")
        ),
    }


RELIEF_KINDS = dict(ReliefKind.choices)


# -- scoped reads of the pages and the API --------------------------------------------------------------


def province_paths(user: Any) -> set[str]:
    """The paths of the provinces the user's units lie in (an intake is the province's record)."""
    return {"/".join(p.split("/")[:2]) + "/" for p in scope_paths(user) if p.count("/") >= 2}


def intakes(*, user: Any) -> QuerySet[Intake]:
    """Intakes in scope, and those of the user's own province: a commune works to its province's
    intake (its handover days, its ceremonies) without seeing any other commune's records."""
    own = Intake.objects.filter(unit_path__in=province_paths(user))
    return (visible_to(user, Intake.objects.all()) | own).select_related("province")


def handovers(*, user: Any) -> QuerySet[Handover]:
    """Handover ceremonies in scope, and those of the intakes of the user's own province."""
    own = Handover.objects.filter(intake__unit_path__in=province_paths(user))
    return (visible_to(user, Handover.objects.all()) | own).select_related("intake", "organiser")


def quotas(*, user: Any) -> QuerySet[Quota]:
    """Quotas in scope, each with `filled`: its unit's enlisted citizens of that service and intake."""
    enlisted = (
        CallUp.objects.filter(
            intake=OuterRef("intake"),
            service=OuterRef("service"),
            status=CallUpStatus.ENLISTED,
            unit_path__startswith=OuterRef("unit_path"),
        )
        .order_by()
        .values("intake")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return visible_to(user, Quota.objects.select_related("intake", "unit")).annotate(
        filled=Coalesce(Subquery(enlisted, output_field=IntegerField()), Value(0))
    )


def intake_handover(*, intake_id: int, handover_id: int) -> Handover | None:
    """A ceremony of an intake, by id: the province's event, named for a call-up already in scope."""
    return Handover.objects.filter(pk=handover_id, intake_id=intake_id).first()


def commune_by_code(code: str) -> Unit | None:
    """A commune anywhere in the country, by code.

    Unscoped on purpose: a man may move to (or arrive from) any commune of the country, so the
    commune at the other end of a move is looked up nationwide; nothing but its name is shown.
    """
    return Unit.objects.filter(code=code, kind=UnitKind.COMMUNE).first()


def commune_search(text: str, *, limit: int) -> list[Unit]:
    """Communes of the whole country in force today whose folded name contains `text`, or whose
    code starts with it, in name order.

    Unscoped on purpose, like `commune_by_code`: it offers the destination (or origin) of a move,
    which may lie anywhere in the country.
    """
    return list(
        Unit.objects.filter(kind=UnitKind.COMMUNE, valid_to__isnull=True)
        .filter(Q(search_name__contains=text) | Q(code__startswith=text))
        .select_related("parent")
        .order_by("search_name")[:limit]
    )


def unit_at(path: str) -> Unit | None:
    """The unit at a path the caller has already placed (a page's place, a province over it)."""
    return Unit.objects.filter(path=path).first()


def visible_unit_at(*, user: Any, path: str) -> Unit:
    """The unit at `path` if the user may see it, else 404."""
    return get_visible_or_404(user, Unit.objects.all(), path=path)


def visible_units(*, user: Any, paths: Iterable[str]) -> dict[str, Unit]:
    """The units at these paths that the user may see, by path."""
    return {u.path: u for u in visible_to(user, Unit.objects.filter(path__in=list(paths)))}


# -- registration ------------------------------------------------------------------------------------


def registration_due_counts(due: QuerySet[Citizen]) -> dict[str, int]:
    """Of `registration_due`: must register (everyone listed but the barred), registered, not yet,
    barred, listed — in one GROUP BY on its annotations."""
    counts = {"listed": 0, "barred": 0, "registered": 0}
    flags = ("registered", "barred")
    for registered, barred, number in (
        due.order_by().values(*flags).annotate(n=Count("pk")).values_list(*flags, "n")
    ):
        counts["listed"] += number
        counts["barred"] += number if barred else 0
        counts["registered"] += number if registered and not barred else 0
    must = counts["listed"] - counts["barred"]
    return {
        "must": must,
        "registered": counts["registered"],
        "not_registered": must - counts["registered"],
        "barred": counts["barred"],
        "listed": counts["listed"],
    }


def bar_grounds(*, user: Any, citizen_ids: list[int], year: int) -> dict[int, str]:
    """The ground of each listed man's bar in force during the year (the first in the law's order)."""
    bars = visible_to(
        user,
        RegistrationBar.objects.filter(citizen_id__in=citizen_ids).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=dt.date(year, 1, 1))
        ),
    ).values_list("citizen_id", "ground")
    grounds: dict[int, str] = {}
    for citizen_id, ground in sorted(bars, key=lambda pair: rules.GROUND_ORDER.get(pair[1], 99)):
        grounds.setdefault(citizen_id, ground)
    return grounds


# -- health, deferments and exemptions -----------------------------------------------------------------


def callup_age_men(*, user: Any, path: str, year: int) -> QuerySet[Citizen]:
    """The men under `path` registered for military service and of call-up age for the intake of
    `year` (18 to the end of 27 on the intake's reference date: 26–27 only count with a study
    deferment, which the status rule checks), in name order."""
    reference = reference_date(path, year)
    youngest_birth = rules.latest_birth_for_age(reference, rules.MIN_CALLUP_AGE)
    too_old_birth = rules.latest_birth_for_age(reference, rules.MAX_CALLUP_AGE_STUDY + 1)
    first = Registration.objects.filter(citizen=OuterRef("pk"), kind=RegistrationKind.FIRST)
    removed = Registration.objects.filter(citizen=OuterRef("pk"), kind=RegistrationKind.REMOVAL)
    return (
        citizen_queryset(user=user)
        .filter(
            unit_path__startswith=path,
            sex="M",
            date_of_birth__lte=youngest_birth,
            date_of_birth__gt=too_old_birth,
        )
        .filter(Exists(first), ~Exists(removed))
        .select_related("village")
        .order_by("sort_key", "id")
    )


def citizen_choices(
    citizens: QuerySet[Citizen], *, q: str = "", selected: Any = None, limit: int
) -> list[Citizen]:
    """The first `limit` citizens of a picker (by name, or matching `q`), with the selected one kept in."""
    if q.strip():
        citizens = citizens.filter(search_name__contains=fold(q))
    options = list(citizens[:limit])
    if selected and str(selected).isdigit() and all(c.pk != int(selected) for c in options):
        options.extend(citizens.filter(pk=int(selected)))
    return options


def health_counts(exams: QuerySet[HealthExam]) -> tuple[dict[int | None, int], dict[str, int]]:
    """Of a list of results: those present by health type (None: unclassified), and the totals
    examined (present), absent and fit."""
    by_type = dict(
        exams.filter(present=True)
        .order_by()
        .values("health_type")
        .annotate(n=Count("id"))
        .values_list("health_type", "n")
    )
    totals = exams.order_by().aggregate(
        examined=Count("id", filter=Q(present=True)),
        absent=Count("id", filter=Q(present=False)),
        fit=Count("id", filter=Q(fit=True)),
    )
    return by_type, totals


def relief_ground_counts(reliefs: QuerySet[Relief]) -> Counter[tuple[str, str]]:
    """How many decisions of each (kind, ground) the list holds."""
    return Counter(reliefs.order_by().values_list("kind", "ground"))


def postings(*, user: Any) -> QuerySet[Posting]:
    return visible_to(user, Posting.objects.select_related("commune"))


def posting_list(*, user: Any, path: str, year: int) -> list[Posting]:
    """The public postings of an intake under `path`, newest first, each with `relief_count`."""
    return list(
        postings(user=user)
        .filter(unit_path__startswith=path, intake_year=year)
        .annotate(relief_count=Count("reliefs"))
        .order_by("-decided_on", "-id")
    )


def posting_reliefs(posting: Posting) -> list[Relief]:
    """The decisions a posting lists, by kind, ground and name (as printed)."""
    return list(
        posting.reliefs.select_related("citizen__village").order_by("kind", "ground", "citizen__sort_key")
    )


def posting_complaints(posting: Posting) -> list[Complaint]:
    """The complaints received on a posting, in the order they came."""
    return list(posting.complaints.select_related("relief__citizen", "commune").order_by("received_on", "id"))


# -- quotas --------------------------------------------------------------------------------------------


def commune_quotas(*, user: Any, intake: Intake, path: str) -> dict[tuple[str, str], Quota]:
    """The communes' quotas of an intake under `path`, by (commune path, service)."""
    queryset = visible_to(
        user,
        Quota.objects.filter(intake=intake, unit_path__startswith=path, unit__kind=UnitKind.COMMUNE),
    )
    return {(q.unit_path, q.service): q for q in queryset}


def enlisted_counts(*, user: Any, intake: Intake, path: str) -> dict[tuple[str, str], int]:
    """How many citizens of each commune under `path` enlisted in each service, by (path, service)."""
    rows = (
        visible_to(
            user,
            CallUp.objects.filter(intake=intake, status=CallUpStatus.ENLISTED, unit_path__startswith=path),
        )
        .order_by()
        .values("unit_path", "service")
        .annotate(n=Count("pk"))
    )
    return {(r["unit_path"], r["service"]): r["n"] for r in rows}


def unit_quotas(intake: Intake, unit: Unit) -> dict[str, Quota]:
    """A unit's own quotas of an intake, by service (callers check that the user sees the unit)."""
    return {q.service: q for q in Quota.objects.filter(intake=intake, unit=unit)}


def allocated_counts(intake: Intake, unit: Unit) -> Counter[str]:
    """How much of a unit's quota is shared out to the units under it, by service."""
    given: Counter[str] = Counter()
    for service, count in Quota.objects.filter(intake=intake, parent__unit=unit).values_list(
        "service", "count"
    ):
        given[service] += count
    return given


def pool_summary_over(prefixes: Iterable[str], year: int, reference: dt.date) -> dict[str, Counter[str]]:
    """`pool_summary` over the parts of a scope (a regional officer's communes), merged."""
    summary: dict[str, Counter[str]] = {}
    for prefix in prefixes:
        summary.update(pool_summary(prefix, year, reference))
    return summary


# -- call-up -------------------------------------------------------------------------------------------

# Priority of selection (TT 148/2018 Art. 4(4): "from higher to lower" education): professional
# qualification first (university, college, vocational), then general education grade, then the
# older man first (he leaves the call-up age sooner), then the name.
QUALIFICATION_RANK = Case(
    When(qualification=Qualification.UNIVERSITY, then=Value(3)),
    When(qualification=Qualification.COLLEGE, then=Value(2)),
    When(qualification=Qualification.VOCATIONAL, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)
PRIORITY_ORDER = ("-qualification_rank", "-education_level", "date_of_birth", "sort_key", "id")


def eligible_citizens(*, user: Any, commune: Unit, intake: Intake) -> QuerySet[Citizen]:
    """The commune's men eligible for the intake, in the order of selection priority."""
    ids = [
        row.citizen_id
        for row in pool_rows(commune.path, intake.year, intake.age_reference)
        if row.status is rules.Status.ELIGIBLE
    ]
    return (
        visible_to(user, Citizen.objects.filter(pk__in=ids))
        .select_related("village")
        .annotate(qualification_rank=QUALIFICATION_RANK)
        .order_by(*PRIORITY_ORDER)
    )


def citizen_name_keys(ids: list[int], *, chunk: int = 5000) -> list[tuple[str, int]]:
    """(sort key, id) of these citizens in name order, read in chunks (a pool may be large)."""
    keys: list[tuple[str, int]] = []
    for start in range(0, len(ids), chunk):
        keys.extend(Citizen.objects.filter(pk__in=ids[start : start + chunk]).values_list("sort_key", "id"))
    keys.sort()
    return keys


def visible_citizens(*, user: Any, ids: Iterable[int]) -> dict[int, Citizen]:
    """The citizens of these ids that the user may see (with commune and village), by id."""
    queryset = Citizen.objects.filter(pk__in=list(ids)).select_related("commune", "village")
    return {c.pk: c for c in visible_to(user, queryset)}


def visible_citizen(*, user: Any, citizen_id: int) -> Citizen | None:
    """One citizen the user may see, or None (a picked id may be stale or out of scope)."""
    return visible_to(user, Citizen.objects.filter(pk=citizen_id)).first()


def commune_callups(*, user: Any, intake: Intake, commune: Unit) -> list[CallUp]:
    """The citizens of a commune already selected for the intake, in the council's order."""
    queryset = CallUp.objects.filter(intake=intake, unit_path=commune.path).select_related("citizen")
    return list(visible_to(user, queryset).order_by("priority"))


def picked_callups(*, user: Any, ids: Iterable[int]) -> list[CallUp]:
    """The call-ups of these ids that the user may see, in the council's order."""
    return list(callups(user=user).filter(pk__in=list(ids)).order_by("priority", "pk"))


def place_callups(*, user: Any, intake: Intake, path: str) -> QuerySet[CallUp]:
    """The call-ups of an intake under `path`."""
    return (
        callups(user=user)
        .filter(intake=intake, unit_path__startswith=path)
        .select_related("citizen", "commune", "replaces__citizen")
    )


def callup_status_counts(queryset: QuerySet[CallUp]) -> dict[str, int]:
    """How many call-ups of the list stand in each status."""
    return {row["status"]: row["n"] for row in queryset.order_by().values("status").annotate(n=Count("pk"))}


def decision_numbers(queryset: QuerySet[CallUp]) -> set[tuple[str, dt.date | None]]:
    """The (decision number, date) of every call-up decision of the list."""
    return set(
        queryset.exclude(decision_number="")
        .order_by()
        .values_list("decision_number", "decided_on")
        .distinct()
    )


def callup_detail(*, user: Any, callup_id: int) -> CallUp:
    """One call-up with what its page shows, or 404 (absent and out of scope look the same)."""
    return get_visible_or_404(
        user,
        CallUp.objects.select_related(
            "citizen", "citizen__village", "commune", "intake", "handover", "replaces__citizen"
        ),
        pk=callup_id,
    )


def replacement_of(*, user: Any, callup: CallUp) -> CallUp | None:
    """The call-up of the reserve called in place of this one, if the user sees it."""
    return visible_to(user, CallUp.objects.filter(replaces=callup).select_related("citizen")).first()


def printable(queryset: QuerySet[CallUp]) -> QuerySet[CallUp]:
    """Call-ups with everything an order or a decision prints about them."""
    return queryset.select_related(
        "citizen",
        "citizen__commune__parent__parent",
        "citizen__village",
        "citizen__permanent_commune",
        "citizen__permanent_village",
        "commune__parent__parent",
        "intake",
        "handover",
    )


def printable_callup(callup: CallUp) -> CallUp:
    """One call-up (already found in scope), read again with what its order prints."""
    return printable(CallUp.objects.filter(pk=callup.pk)).get()


def handover_visible(user: Any, handover_path: str) -> bool:
    """A ceremony is the province's event: seen by those over it and by those whose units it serves."""
    return any(p.startswith(handover_path) or handover_path.startswith(p) for p in scope_paths(user))


def handover_detail(*, user: Any, handover_id: int) -> Handover:
    """One ceremony the user may see (`handover_visible`), or 404."""
    handover = Handover.objects.select_related("intake", "organiser").filter(pk=handover_id).first()
    if handover is None or not handover_visible(user, handover.unit_path):
        raise Http404
    return handover


def intake_handovers(*, user: Any, intake: Intake) -> list[Handover]:
    """The ceremonies of an intake that the user may see, by day."""
    held = intake.handovers.select_related("organiser").order_by("held_on", "pk")
    return [h for h in held if handover_visible(user, h.unit_path)]


def handover_callups(*, user: Any, handover: Handover, path: str | None = None) -> list[CallUp]:
    """The ordered (or not reported) citizens a ceremony serves, and those it received; only those
    under `path` when given; by commune and order number."""
    queryset = visible_to(
        user,
        CallUp.objects.filter(intake=handover.intake, unit_path__startswith=handover.unit_path).filter(
            Q(status__in=[CallUpStatus.ORDERED, CallUpStatus.NOT_REPORTED]) | Q(handover=handover)
        ),
    )
    if path is not None:
        queryset = queryset.filter(unit_path__startswith=path)
    return list(
        queryset.select_related("citizen", "commune", "replaces__citizen", "replaced_by__citizen").order_by(
            "commune__search_name", "commune_id", "order_number", "pk"
        )
    )


def intake_callup(*, user: Any, intake: Intake, callup_id: int) -> CallUp | None:
    """A call-up of this intake that the user may see."""
    return (
        visible_to(user, CallUp.objects.select_related("citizen")).filter(pk=callup_id, intake=intake).first()
    )
