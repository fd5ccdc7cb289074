"""Factories for people: citizens with valid identity numbers and NFC Vietnamese names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from qpdp.core.text import collation_key, fold
from qpdp.people.models import Citizen
from qpdp.people.rules import Sex, century_sex_digit
from qpdp.people.services import CitizenInput


def valid_personal_id(*, sex: str, date_of_birth: dt.date, serial: int, province: str = "001") -> str:
    """A 12-digit number consistent with sex and birth year (ND 137/2015 Art. 13)."""
    digit = century_sex_digit(sex=Sex(sex), birth_year=date_of_birth.year)
    return f"{province}{digit}{date_of_birth.year % 100:02d}{serial % 1_000_000:06d}"


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {chr(ord('A') + n % 26)}")
    sex = "M"
    date_of_birth = dt.date(2005, 3, 15)
    personal_id = factory.Sequence(
        lambda n: valid_personal_id(sex="M", date_of_birth=dt.date(2005, 3, 15), serial=n)
    )
    commune = None
    unit_path = factory.LazyAttribute(lambda o: o.commune.path)
    sort_key = factory.LazyAttribute(lambda o: collation_key(o.full_name))
    search_name = factory.LazyAttribute(lambda o: fold(o.full_name))
    ethnicity = "Kinh"
    education_level = 12


def citizen_input(**overrides: Any) -> CitizenInput:
    """A valid input for the people services: a young man of commune 90001 (the `tree` fixture's A)."""
    values: dict[str, Any] = {
        "personal_id": valid_personal_id(sex="M", date_of_birth=dt.date(2005, 3, 15), serial=900_001),
        "full_name": "Nguyễn Văn An",
        "sex": "M",
        "date_of_birth": dt.date(2005, 3, 15),
        "commune_code": "90001",
        "village": "90001-001",
        "address": "Số 1, đường Thử Nghiệm",
        "education_level": 12,
    }
    values.update(overrides)
    return CitizenInput(**values)
