"""Ages of military service by exact birthdays: call-up age and first registration (Art. 12, 16, 30)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qpdp.conscription.rules.law import ART_12, ART_16, ART_30, Refusal


def age_on(birth: dt.date, on: dt.date) -> int:
    """Full years of age on a date, by exact birthdays (a 29 February birthday falls on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def birthday(birth: dt.date, age: int) -> dt.date:
    """The date a person born on `birth` reaches `age` full years."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29 February in a non-leap year: the age is reached on 1 March
        return dt.date(birth.year + age, 3, 1)


MIN_CALLUP_AGE = 18
MAX_CALLUP_AGE = 25  # "đến hết 25 tuổi": eligible until the 26th birthday
MAX_CALLUP_AGE_STUDY = 27  # deferred for college/university study: until the 28th birthday
FIRST_REGISTRATION_AGE = 17
WOMEN_REGISTRATION_AGE = 18


@dataclass(frozen=True)
class AgeCheck:
    status: str  # "too_young" | "in_range" | "over_age"
    limit: int
    article: str
    explanation: str


def callup_age(birth: dt.date, reference: dt.date, *, study_deferred: bool = False) -> AgeCheck:
    """Art. 30: called from the full age of 18 to the end of 25; to the end of 27 if deferred to study.

    Exact birthdays [S24]: born dd/mm/yyyy, in range from dd/mm/(yyyy+18) up to the day before
    dd/mm/(yyyy+26) (yyyy+28 with a study deferment). `reference` is the intake's reference date.
    """
    limit = MAX_CALLUP_AGE_STUDY if study_deferred else MAX_CALLUP_AGE
    start = birthday(birth, MIN_CALLUP_AGE)
    end = birthday(birth, limit + 1)
    on = reference.strftime("%d/%m/%Y")
    if reference < start:
        return AgeCheck(
            "too_young",
            limit,
            ART_30,
            f"Đến ngày {on} chưa đủ 18 tuổi (đủ 18 tuổi vào ngày {start:%d/%m/%Y}).",
        )
    if reference >= end:
        why = (
            " (đã được tạm hoãn để học cao đẳng, đại học nên tính đến hết 27 tuổi)" if study_deferred else ""
        )
        return AgeCheck(
            "over_age",
            limit,
            ART_30,
            f"Đến ngày {on} đã hết {limit} tuổi (ngày {end:%d/%m/%Y} tròn {limit + 1} tuổi){why}.",
        )
    return AgeCheck(
        "in_range", limit, ART_30, f"Đến ngày {on} trong độ tuổi gọi nhập ngũ (18 đến hết {limit})."
    )


def latest_birth_for_age(reference: dt.date, age: int) -> dt.date:
    """The last birth date of someone who is a full `age` on `reference` (the SQL form of `age_on`)."""
    try:
        return reference.replace(year=reference.year - age)
    except ValueError:  # reference 29 February: those born 28 February are of age, 1 March not yet
        return dt.date(reference.year - age, 2, 28)


def first_registration_year(birth: dt.date) -> int:
    """Art. 16: a man is listed in January and registers in April of the year he turns 17."""
    return birth.year + FIRST_REGISTRATION_AGE


def first_registration_refusal(birth: dt.date, sex: str, on: dt.date) -> Refusal | None:
    """Art. 12 and 16: first registration from the year a man turns 17 (women from 18, by profession).

    A man may register in the year he turns 17 or later while still of call-up age (men of age who
    never registered are listed with the cohort, Art. 16(1)); a woman once she is a full 18.
    """
    if sex == "F":
        if age_on(birth, on) < WOMEN_REGISTRATION_AGE:
            return Refusal(
                f"Công dân nữ đăng ký NVQS khi đủ 18 tuổi (ngày {birthday(birth, 18):%d/%m/%Y}).", ART_12
            )
        return None
    due = first_registration_year(birth)
    if on.year < due:
        return Refusal(
            f"Công dân sinh năm {birth.year} đến năm {due} mới đủ 17 tuổi; "
            "chưa đến tuổi đăng ký NVQS lần đầu.",
            f"{ART_12}; {ART_16}",
        )
    if on >= birthday(birth, MAX_CALLUP_AGE_STUDY + 1):
        return Refusal(
            f"Công dân đã quá tuổi gọi nhập ngũ (tròn 28 tuổi ngày {birthday(birth, 28):%d/%m/%Y}); "
            "không đăng ký NVQS lần đầu.",
            ART_30,
        )
    return None
