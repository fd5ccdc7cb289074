"""Registration reads: the men due to register in a year, their counts and bars, registrations in scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from qpdp.conscription import rules
from qpdp.conscription.choices import RegistrationKind
from qpdp.conscription.models import Registration, RegistrationBar
from qpdp.org.scope import visible_to
from qpdp.people.models import Citizen


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
