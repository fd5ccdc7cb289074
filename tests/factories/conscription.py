"""Factories for the military-service cycle: a man ready for call-up, intakes and quotas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from qpdp.conscription import services
from qpdp.conscription.choices import ExamStage
from qpdp.conscription.models import Intake
from qpdp.org.models import Unit
from qpdp.people.models import Citizen
from tests.factories.people import CitizenFactory, valid_personal_id

INTAKE_YEAR = 2026
REGISTERED_ON = dt.date(2024, 4, 10)
EXAMINED_ON = dt.date(2025, 11, 20)


def man(commune: Unit, *, born: dt.date = dt.date(2005, 3, 15), serial: int = 0, **values: Any) -> Citizen:
    """A man of the commune with a valid identity number (serials keep numbers unique)."""
    counter = man.__dict__.setdefault("counter", [500_000])
    counter[0] += 1
    return CitizenFactory(
        commune=commune,
        date_of_birth=born,
        personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=serial or counter[0]),
        **values,
    )


def ready_man(actor: Any, commune: Unit, *, health_type: int = 2, **values: Any) -> Citizen:
    """Registered, examined fit for the 2026 intake: eligible unless something else is recorded."""
    citizen = man(commune, **values)
    services.register_first(actor=actor, citizen=citizen, registered_on=REGISTERED_ON)
    services.record_health(
        actor=actor,
        data=services.HealthInput(
            citizen=citizen,
            intake_year=INTAKE_YEAR,
            stage=ExamStage.EXAMINATION,
            examined_on=EXAMINED_ON,
            health_type=health_type,
            height_cm=Decimal("168"),
            weight_kg=Decimal("60"),
        ),
    )
    return citizen


def intake(actor: Any, province: Unit, year: int = INTAKE_YEAR) -> Intake:
    return services.open_intake(actor=actor, province=province, year=year)


def conscription_records(actor: Any, tree: Any) -> dict[str, Any]:
    """One record of each kind of the cycle for commune A (a province officer acts), for URL walks."""
    from qpdp.conscription.choices import CallUpStatus, ReliefKind, Service

    the_intake = intake(actor, tree.province)
    citizen = ready_man(actor, tree.commune_a)
    deferred = ready_man(actor, tree.commune_a)
    relief = services.decide_relief(
        actor=actor,
        data=services.ReliefInput(
            citizen=deferred,
            kind=ReliefKind.DEFERMENT,
            intake_year=INTAKE_YEAR,
            ground="41.1.g",
            decided_on=dt.date(2025, 12, 1),
            valid_until=dt.date(2027, 6, 30),
            decision_number="15/QĐ-UBND",
        ),
    )
    posting = services.post_list(
        actor=actor,
        commune=tree.commune_a,
        intake_year=INTAKE_YEAR,
        decision_number="15/QĐ-UBND",
        decided_on=dt.date(2025, 12, 1),
    )
    services.set_quota(
        actor=actor,
        intake=the_intake,
        unit=tree.province,
        service=Service.ARMY,
        count=10,
        decided_on=dt.date(2025, 9, 27),
    )
    quota = services.set_quota(
        actor=actor,
        intake=the_intake,
        unit=tree.commune_a,
        service=Service.ARMY,
        count=2,
        decided_on=dt.date(2025, 10, 10),
    ).quota
    [callup] = services.select_citizens(
        actor=actor,
        intake=the_intake,
        selected_on=dt.date(2025, 12, 20),
        selections=[services.Selection(citizen=citizen)],
    )
    handover = services.create_handover(
        actor=actor,
        intake=the_intake,
        organiser=tree.province,
        held_on=dt.date(2026, 3, 4),
        place="Ban CHPTKV 1",
        receiving_units="Sư đoàn 312",
    )
    from qpdp.conscription.models import HealthExam, Registration

    assert callup.status == CallUpStatus.SELECTED
    return {
        "intake": the_intake,
        "citizen": citizen,
        "registration": Registration.objects.filter(citizen=citizen).first(),
        "exam": HealthExam.objects.filter(citizen=citizen).first(),
        "relief": relief,
        "posting": posting,
        "quota": quota,
        "callup": callup,
        "handover": handover,
    }
