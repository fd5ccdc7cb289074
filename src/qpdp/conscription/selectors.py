"""Military-service reads: one citizen's facts and status, and the set-based pool of a whole scope.

`status_of` gathers one citizen's records into `rules.CitizenFacts` and asks the pure rule, which
explains itself. `pool_rows` and `pool_summary` compute the same status for every citizen under a
path in one SQL statement (aggregates joined to the register, then a CASE in the rule's order), so
that a province of millions answers in seconds; a property test holds the two to the same answers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus, ExamStage, RegistrationKind, ReliefKind
from qpdp.conscription.models import CallUp, HealthExam, Intake, Registration, RegistrationBar, Relief
from qpdp.org.scope import visible_to
from qpdp.people.models import Citizen


def intake_of(citizen_path: str, year: int, round_number: int = 1) -> Intake | None:
    """The intake of the province above a path (its path is a prefix of the citizen's)."""
    province_path = "/".join(citizen_path.split("/")[:2]) + "/"
    return Intake.objects.filter(unit_path=province_path, year=year, round=round_number).first()


def reference_date(citizen_path: str, year: int) -> dt.date:
    """The age reference of the year's intake: the province's if opened, the national days otherwise."""
    intake = intake_of(citizen_path, year)
    return intake.age_reference if intake else rules.default_handover(year)[0]


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


def _pool_sql(year: int, reference: dt.date) -> tuple[str, dict[str, Any]]:
    """One statement: each citizen's status code (index in STATUS_CODES) and the ranking ground.

    The CASE follows `rules.pool_status` test by test; every date boundary comes from the rules
    module (`latest_birth_for_age`), so the SQL holds no law of its own.
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
    rank_cases = " ".join(
        f"WHEN '{g}' THEN {rules.GROUND_ORDER[g]}"
        for g in rules.GROUND_ORDER
        if rules.GROUNDS[g].kind in (rules.GroundKind.DEFERMENT, rules.GroundKind.EXEMPTION)
    )
    not_waivable = ", ".join(
        f"'{g.code}'" for g in rules.DEFERMENT_GROUNDS + rules.EXEMPTION_GROUNDS if not g.waivable
    )
    first_exemption = min(rules.GROUND_ORDER[g.code] for g in rules.EXEMPTION_GROUNDS)
    params = {
        "ref": reference,
        "year": year,
        "young": rules.latest_birth_for_age(reference, rules.MIN_CALLUP_AGE),
        "old": rules.latest_birth_for_age(reference, rules.MAX_CALLUP_AGE + 1),
        "old_study": rules.latest_birth_for_age(reference, rules.MAX_CALLUP_AGE_STUDY + 1),
        "first": RegistrationKind.FIRST.value,
        "removal": RegistrationKind.REMOVAL.value,
        "examination": ExamStage.EXAMINATION.value,
        "enlisted": CallUpStatus.ENLISTED.value,
        "ordered": CallUpStatus.ORDERED.value,
        "selected": CallUpStatus.SELECTED.value,
        "decided": CallUpStatus.DECIDED.value,
        "study": "41.1.g",
    }
    # Exemptions rank before deferments in the rule; GROUND_ORDER lists deferments first, so shift them.
    shift = 100
    sql = f"""
    WITH reg AS (
        SELECT citizen_id,
               MAX(CASE WHEN kind = %(first)s THEN 1 ELSE 0 END) AS registered,
               MAX(CASE WHEN kind = %(removal)s THEN 1 ELSE 0 END) AS removed
        FROM {tables["registration"]}
        WHERE registered_on <= %(ref)s AND kind IN (%(first)s, %(removal)s)
        GROUP BY citizen_id
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
                    THEN (CASE ground {rank_cases} END)
                         + (CASE WHEN (CASE ground {rank_cases} END) >= {first_exemption}
                            THEN 0 ELSE {shift} END)
                    END) AS relief_rank
        FROM {tables["relief"]}
        GROUP BY citizen_id
    ), exam AS (
        SELECT citizen_id, MAX(CASE WHEN fit THEN 1 ELSE 0 END) AS fit
        FROM {tables["exam"]}
        WHERE intake_year = %(year)s AND stage = %(examination)s AND present
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
    )
    SELECT c.id, c.unit_path,
        CASE
            WHEN c.sex = 'F' THEN {code[rules.Status.NOT_SUBJECT]}
            WHEN reg.removed = 1 THEN {code[rules.Status.NOT_SUBJECT]}
            WHEN cu.served = 1 THEN {code[rules.Status.SERVED]}
            WHEN cu.progress = 3 THEN {code[rules.Status.ENLISTED]}
            WHEN cu.progress = 2 THEN {code[rules.Status.ORDERED]}
            WHEN cu.progress = 1 THEN {code[rules.Status.SELECTED]}
            WHEN bar.bar_rank = 0 THEN {code[rules.Status.EXCLUDED]}
            WHEN bar.bar_rank = 1 THEN {code[rules.Status.EXEMPT]}
            WHEN c.date_of_birth > %(young)s THEN {code[rules.Status.TOO_YOUNG]}
            WHEN c.date_of_birth <= %(old_study)s
                 OR (c.date_of_birth <= %(old)s AND (rel.study IS NULL OR rel.study = 0))
                 THEN {code[rules.Status.OVER_AGE]}
            WHEN reg.registered IS NULL OR reg.registered = 0 THEN {code[rules.Status.NOT_REGISTERED]}
            WHEN rel.relief_rank < {shift} THEN {code[rules.Status.EXEMPT]}
            WHEN rel.relief_rank >= {shift} THEN {code[rules.Status.DEFERRED]}
            WHEN exam.fit IS NULL THEN {code[rules.Status.NOT_EXAMINED]}
            WHEN exam.fit = 0 THEN {code[rules.Status.UNFIT]}
            ELSE {code[rules.Status.ELIGIBLE]}
        END AS status,
        rel.relief_rank, bar.bar_key
    FROM {tables["citizen"]} c
    LEFT JOIN reg ON reg.citizen_id = c.id
    LEFT JOIN bar ON bar.citizen_id = c.id
    LEFT JOIN rel ON rel.citizen_id = c.id
    LEFT JOIN exam ON exam.citizen_id = c.id
    LEFT JOIN cu ON cu.citizen_id = c.id
    WHERE c.unit_path LIKE %(path)s
    """
    params["false"] = False
    return sql, params


_GROUND_BY_RANK = {position: code for code, position in rules.GROUND_ORDER.items()}


def _ground_of(status: rules.Status, relief_rank: int | None, bar_key: str | None) -> str:
    if bar_key and status in (rules.Status.EXCLUDED, rules.Status.EXEMPT):
        return bar_key[1:]  # an active bar answers before any decision (its rank digit first)
    if relief_rank is None or status not in (rules.Status.EXEMPT, rules.Status.DEFERRED):
        return ""
    return _GROUND_BY_RANK.get(relief_rank % 100, "")


@dataclass(frozen=True)
class PoolRow:
    citizen_id: int
    unit_path: str
    status: rules.Status
    ground: str


def pool_rows(path: str, year: int, reference: dt.date) -> Iterator[PoolRow]:
    """The status of every citizen under `path` (a unit's path, already scoped by the caller)."""
    sql, params = _pool_sql(year, reference)
    params["path"] = _like_prefix(path)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(10_000):
            for citizen_id, unit_path, status, rank, bar_key in batch:
                status_value = STATUS_CODES[status]
                yield PoolRow(citizen_id, unit_path, status_value, _ground_of(status_value, rank, bar_key))


def pool_summary(path: str, year: int, reference: dt.date) -> dict[str, Counter[str]]:
    """Per commune path: how many citizens stand in each status (one GROUP BY over the pool)."""
    sql, params = _pool_sql(year, reference)
    params["path"] = _like_prefix(path)
    summary: dict[str, Counter[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT unit_path, status, COUNT(*) FROM ({sql}) pool GROUP BY unit_path, status", params
        )
        for unit_path, status, count in cursor.fetchall():
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
