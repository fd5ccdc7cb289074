"""Deferment and exemption reads: decisions in scope, counts by ground, public postings and complaints."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet

from qpdp.conscription.choices import ReliefKind
from qpdp.conscription.models import Complaint, Posting, Relief
from qpdp.org.scope import visible_to


def reliefs(*, user: Any) -> QuerySet[Relief]:
    return visible_to(user, Relief.objects.select_related("citizen", "commune", "posting"))


RELIEF_KINDS = dict(ReliefKind.choices)


def relief_ground_counts(reliefs: QuerySet[Relief]) -> Counter[tuple[str, str]]:
    """How many decisions of each (kind, ground) the list holds."""
    return Counter(reliefs.order_by().values_list("kind", "ground"))


def postings(*, user: Any) -> QuerySet[Posting]:
    return visible_to(user, Posting.objects.select_related("commune"))


def posting_list(*, user: Any, path: str, year: int) -> list[Posting]:
    """The public postings of an intake under `path`, newest first, each with `relief_count`."""
    return list(
        postings(user=user)
        .filter(unit_path__startswith=path, intake_year=year)
        .annotate(relief_count=Count("reliefs"))
        .order_by("-decided_on", "-id")
    )


def posting_reliefs(posting: Posting) -> list[Relief]:
    """The decisions a posting lists, by kind, ground and name (as printed)."""
    return list(
        posting.reliefs.select_related("citizen__village").order_by("kind", "ground", "citizen__sort_key")
    )


def posting_complaints(posting: Posting) -> list[Complaint]:
    """The complaints received on a posting, in the order they came."""
    return list(posting.complaints.select_related("relief__citizen", "commune").order_by("received_on", "id"))
