"""Org reads: units in scope (tree, picker, children as of a date), commands, the audit history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from qpdp.core.models import AuditEntry, Job
from qpdp.core.text import fold
from qpdp.org.choices import Structure, UnitKind
from qpdp.org.models import Command, RoleAssignment, Unit
from qpdp.org.scope import get_visible_or_404, visible_to


def valid_on(day: dt.date) -> Q:
    """Units in force on `day`."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def units_under(unit: Unit, *, on: dt.date | None = None, kind: str | None = None) -> QuerySet[Unit]:
    """Every unit under `unit` (itself included), optionally those in force on a date: one indexed query."""
    queryset = Unit.objects.filter(path__startswith=unit.path)
    if on is not None:
        queryset = queryset.filter(valid_on(on))
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def unit_list(
    *, user: Any, kind: str = "", parent: Unit | None = None, q: str = "", structure: str = ""
) -> QuerySet[Unit]:
    queryset = visible_to(user, Unit.objects.select_related("parent"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if parent is not None:
        queryset = queryset.filter(parent=parent)
    if structure:
        queryset = queryset.filter(structure__in=[structure, Structure.BOTH])
    if q.strip():
        queryset = queryset.filter(search_name__contains=fold(q))
    return queryset.order_by("path")


def unit_detail(*, user: Any, code: str) -> Unit:
    return get_visible_or_404(user, Unit.objects.select_related("parent"), code=code)


def home_units(*, user: Any) -> list[Unit]:
    """The units the user's roles attach to: the top of what they see (predecessors are implied)."""
    assignments = (
        RoleAssignment.objects.filter(user=user) if getattr(user, "is_authenticated", False) else None
    )
    if assignments is None:
        return []
    unit_ids = set(assignments.filter(unit__isnull=False).values_list("unit_id", flat=True))
    unit_ids |= set(assignments.values_list("command__jurisdiction__id", flat=True))
    unit_ids.discard(None)
    return list(Unit.objects.filter(id__in=unit_ids).order_by("path"))


def picker_units(*, user: Any, q: str = "", limit: int = 30) -> list[Unit]:
    """Provinces and communes within scope that a user can switch to, current structure first."""
    queryset = visible_to(
        user, Unit.objects.filter(kind__in=[UnitKind.NATION, UnitKind.PROVINCE, UnitKind.COMMUNE])
    )
    if q.strip():
        queryset = queryset.filter(search_name__contains=fold(q))
    return list(queryset.order_by("structure", "depth", "path")[:limit])


def village_list(*, user: Any, commune: Unit) -> QuerySet[Unit]:
    return visible_to(user, Unit.objects.filter(parent=commune, kind=UnitKind.VILLAGE)).order_by("code")


def command_list(*, user: Any, kind: str = "") -> QuerySet[Command]:
    queryset = visible_to(user, Command.objects.select_related("seat", "parent"))
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("code")


def predecessors_of(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(successions__successor=unit).order_by("path")


def successors_of(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(predecessions__predecessor=unit).order_by("path")


def audit_list(
    *, user: Any, object_type: str = "", object_id: str = "", limit: int = 200
) -> list[AuditEntry]:
    queryset = visible_to(user, AuditEntry.objects.all())
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if object_id:
        queryset = queryset.filter(object_id=object_id)
    return list(queryset.order_by("-at", "-id")[:limit])


def job_detail(*, user: Any, job_id: int) -> Job:
    """A background job is visible only to the user who asked for it; anyone else gets 404."""
    job = Job.objects.filter(pk=job_id, requested_by_id=getattr(user, "pk", None)).first()
    if job is None:
        raise Http404
    return job
