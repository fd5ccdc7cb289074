"""Health reads: the men of call-up age to examine, the results in scope and their counts."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from qpdp.conscription import rules
from qpdp.conscription.choices import RegistrationKind
from qpdp.conscription.models import HealthExam, Registration
from qpdp.conscription.selectors.status import reference_date
from qpdp.core.text import fold
from qpdp.org.scope import visible_to
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_queryset


def health_exams(*, user: Any) -> QuerySet[HealthExam]:
    return visible_to(user, HealthExam.objects.select_related("citizen", "commune"))


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
