"""People reads: the scoped citizen list (keyset pages, search, filters), detail, export rows, counts."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qpdp.core.text import fold
from qpdp.org.models import Unit
from qpdp.org.scope import get_visible_or_404, visible_to
from qpdp.people.models import Citizen

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class CitizenFilters:
    """What a list asks for: free text (name or identity number), a unit, sex, birth years."""

    q: str = ""
    unit: Unit | None = None
    sex: str = ""
    born_from: int | None = None
    born_to: int | None = None


@dataclass(frozen=True)
class Page:
    items: list[Citizen]
    next_cursor: str | None


def encode_cursor(citizen: Citizen) -> str:
    raw = json.dumps([citizen.sort_key, citizen.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int] | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return str(key), int(pk)
    except (ValueError, TypeError):
        return None


def citizen_queryset(*, user: Any) -> QuerySet[Citizen]:
    return visible_to(user, Citizen.objects.all())


def filtered_citizens(*, user: Any, filters: CitizenFilters) -> QuerySet[Citizen]:
    """The scoped, filtered register in Vietnamese name order (sort key, then id)."""
    queryset = citizen_queryset(user=user)
    if filters.unit is not None:
        queryset = queryset.filter(unit_path__startswith=filters.unit.path)
    text = filters.q.strip()
    if text:
        digits = text.replace(" ", "")
        if digits.isdigit() and len(digits) >= 3:
            queryset = queryset.filter(personal_id__startswith=digits)
        else:
            # Diacritic-insensitive: "nguyen van an" finds "Nguyễn Văn An" (trigram index on PostgreSQL).
            queryset = queryset.filter(search_name__contains=fold(text))
    if filters.sex in {"M", "F"}:
        queryset = queryset.filter(sex=filters.sex)
    if filters.born_from:
        queryset = queryset.filter(date_of_birth__year__gte=filters.born_from)
    if filters.born_to:
        queryset = queryset.filter(date_of_birth__year__lte=filters.born_to)
    return queryset.order_by("sort_key", "id")


def citizen_list(*, user: Any, filters: CitizenFilters, cursor: str = "", page_size: int = PAGE_SIZE) -> Page:
    """One keyset page: never counts the whole register, never uses OFFSET."""
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    queryset = filtered_citizens(user=user, filters=filters).select_related("commune", "village")
    position = decode_cursor(cursor) if cursor else None
    if position is not None:
        key, pk = position
        # `sort_key >= key` is implied by the OR but gives the (sort_key, id) index a starting point:
        # without it PostgreSQL walks the index from the first name and filters, so a page a million
        # rows deep reads a million rows (3 s at 2,000,000 citizens; bench/list_citizens.py).
        queryset = queryset.filter(sort_key__gte=key).filter(Q(sort_key__gt=key) | Q(sort_key=key, id__gt=pk))
    rows = list(queryset[: page_size + 1])
    has_more = len(rows) > page_size
    items = rows[:page_size]
    return Page(items=items, next_cursor=encode_cursor(items[-1]) if has_more and items else None)


def citizen_detail(*, user: Any, citizen_id: int) -> Citizen:
    return get_visible_or_404(
        user,
        Citizen.objects.select_related("commune", "village", "permanent_commune", "permanent_village"),
        pk=citizen_id,
    )


def citizen_export_rows(*, user: Any, filters: CitizenFilters) -> Iterator[Citizen]:
    """Every matching citizen, streamed in name order for an export."""
    queryset = filtered_citizens(user=user, filters=filters).select_related(
        "commune", "village", "permanent_commune", "permanent_village"
    )
    return queryset.iterator(chunk_size=2000)


def citizen_count(*, user: Any, unit: Unit | None = None) -> int:
    queryset = citizen_queryset(user=user)
    if unit is not None:
        queryset = queryset.filter(unit_path__startswith=unit.path)
    return queryset.count()
