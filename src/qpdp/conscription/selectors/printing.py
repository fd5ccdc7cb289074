"""Printing call-up orders: how many a place has and where, one commune's orders, the print jobs."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from qpdp.conscription.models import CallUp, Intake
from qpdp.conscription.selectors.callup import callups, place_callups, printable
from qpdp.core.models import Job
from qpdp.org.models import Unit

# The kind of background job that prints a place's orders, one file per commune (`conscription.tasks`).
ORDERS_PRINT = "conscription.orders_print"


def order_number_key(callup: CallUp) -> tuple[int, str]:
    """Orders in number order: "2/LGNN" before "10/LGNN"."""
    match = re.match(r"\d+", callup.order_number)
    return (int(match.group()) if match else 0, callup.order_number)


def order_spread(queryset: QuerySet[CallUp]) -> tuple[int, int]:
    """(orders, communes): how many of the call-ups have an order number, and in how many communes."""
    counts = queryset.exclude(order_number="").aggregate(
        orders=Count("pk"), communes=Count("commune_id", distinct=True)
    )
    return int(counts["orders"] or 0), int(counts["communes"] or 0)


def order_communes(*, user: Any, intake: Intake, path: str) -> list[Unit]:
    """The communes under `path` where the user sees at least one order of the intake, in code order
    (the order of their files, named by code)."""
    ordered = place_callups(user=user, intake=intake, path=path).exclude(order_number="")
    return list(Unit.objects.filter(pk__in=ordered.order_by().values("commune_id")).order_by("path"))


def commune_orders(*, user: Any, intake: Intake, commune_code: str) -> list[CallUp]:
    """A commune's orders of the intake that the user may see, with what they print, in number order."""
    queryset = callups(user=user).filter(intake=intake, commune__code=commune_code).exclude(order_number="")
    return sorted(printable(queryset), key=order_number_key)


def orders_print_jobs(*, user: Any, limit: int = 10) -> list[Job]:
    """The user's own latest order-printing jobs."""
    own = Job.objects.filter(kind=ORDERS_PRINT, requested_by_id=getattr(user, "pk", None))
    return list(own.order_by("-created_at", "-pk")[:limit])


def orders_print_detail(*, user: Any, job_id: int) -> Job:
    """One order-printing job of the user's own; anyone else's, or another kind of job, is 404."""
    job = Job.objects.filter(pk=job_id, kind=ORDERS_PRINT, requested_by_id=getattr(user, "pk", None)).first()
    if job is None:
        raise Http404
    return job
