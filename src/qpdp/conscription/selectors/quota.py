"""Intake and quota reads: intakes and quotas in scope, the shares given out and filled."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from qpdp.conscription.choices import CallUpStatus
from qpdp.conscription.models import CallUp, Intake, Quota
from qpdp.conscription.selectors.places import province_paths
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import visible_to


def intakes(*, user: Any) -> QuerySet[Intake]:
    """Intakes in scope, and those of the user's own province: a commune works to its province's
    intake (its handover days, its ceremonies) without seeing any other commune's records."""
    own = Intake.objects.filter(unit_path__in=province_paths(user))
    return (visible_to(user, Intake.objects.all()) | own).select_related("province")


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
