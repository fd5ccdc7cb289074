"""One citizen's standing: his province's intake, the facts the status rule reads, the status, his file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus, ExamStage, RegistrationKind
from qpdp.conscription.models import CallUp, HealthExam, Intake, Registration, RegistrationBar, Relief
from qpdp.core.periods import Period
from qpdp.people.models import Citizen


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
