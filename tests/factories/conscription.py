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
