"""Call-up reads: selection in priority order, call-ups in scope and printable, handover ceremonies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus
from qpdp.conscription.models import CallUp, Handover, Intake
from qpdp.conscription.selectors.places import province_paths
from qpdp.conscription.selectors.pool import pool_rows
from qpdp.org.models import Unit
from qpdp.org.scope import get_visible_or_404, scope_paths, visible_to
from qpdp.people.choices import Qualification
from qpdp.people.models import Citizen


def callups(*, user: Any) -> QuerySet[CallUp]:
    return visible_to(user, CallUp.objects.select_related("citizen", "commune", "intake", "handover"))


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


# -- handovers --------------------------------------------------------------------------------------


def handovers(*, user: Any) -> QuerySet[Handover]:
    """Handover ceremonies in scope, and those of the intakes of the user's own province."""
    own = Handover.objects.filter(intake__unit_path__in=province_paths(user))
    return (visible_to(user, Handover.objects.all()) | own).select_related("intake", "organiser")


def intake_handover(*, intake_id: int, handover_id: int) -> Handover | None:
    """A ceremony of an intake, by id: the province's event, named for a call-up already in scope."""
    return Handover.objects.filter(pk=handover_id, intake_id=intake_id).first()


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
