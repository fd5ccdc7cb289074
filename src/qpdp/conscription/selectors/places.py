"""The units pages and API work in: in scope or by path, and communes nationwide for a move."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import get_visible_or_404, scope_paths, visible_to


def province_paths(user: Any) -> set[str]:
    """The paths of the provinces the user's units lie in (an intake is the province's record)."""
    return {"/".join(p.split("/")[:2]) + "/" for p in scope_paths(user) if p.count("/") >= 2}


def commune_by_code(code: str) -> Unit | None:
    """A commune anywhere in the country, by code.

    Unscoped on purpose: a man may move to (or arrive from) any commune of the country, so the
    commune at the other end of a move is looked up nationwide; nothing but its name is shown.
    """
    return Unit.objects.filter(code=code, kind=UnitKind.COMMUNE).first()


def commune_search(text: str, *, limit: int) -> list[Unit]:
    """Communes of the whole country in force today whose folded name contains `text`, or whose
    code starts with it, in name order.

    Unscoped on purpose, like `commune_by_code`: it offers the destination (or origin) of a move,
    which may lie anywhere in the country.
    """
    return list(
        Unit.objects.filter(kind=UnitKind.COMMUNE, valid_to__isnull=True)
        .filter(Q(search_name__contains=text) | Q(code__startswith=text))
        .select_related("parent")
        .order_by("search_name")[:limit]
    )


def unit_at(path: str) -> Unit | None:
    """The unit at a path the caller has already placed (a page's place, a province over it)."""
    return Unit.objects.filter(path=path).first()


def visible_unit_at(*, user: Any, path: str) -> Unit:
    """The unit at `path` if the user may see it, else 404."""
    return get_visible_or_404(user, Unit.objects.all(), path=path)


def visible_units(*, user: Any, paths: Iterable[str]) -> dict[str, Unit]:
    """The units at these paths that the user may see, by path."""
    return {u.path: u for u in visible_to(user, Unit.objects.filter(path__in=list(paths)))}
