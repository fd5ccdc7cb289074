"""Scope: the one place where "who sees what" becomes a queryset filter (pages, API, exports, jobs).

A user sees exactly the records hanging under the units their roles attach to, plus the records of
those units' predecessors from before the 2025 reorganisation (a merged commune inherits its old
communes' history). Everything is decided here:

- no authenticated user, or no role: no rows at all (deny by default);
- a role at a unit: that unit's materialised path is a prefix;
- a role at a command: each unit of the command's jurisdiction is a prefix;
- each prefix unit's predecessors (UnitSuccession) are prefixes too;
- the nation's path as a prefix means everything, and the filter is skipped.

Every scoped model names where it hangs in the tree with `scope_path_field` (its own indexed path
column on big registers, or the path of its unit through a relation). Out of scope is "not found"
(404), never "forbidden": a 403 would confirm that the record exists.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from qpdp.org.models import RoleAssignment, Unit, UnitSuccession

NATION_PATH = "VN/"
_CACHE_ATTRIBUTE = "_qpdp_scope_paths"


def _minimal(paths: set[str]) -> tuple[str, ...]:
    """Drop every path that lies under another one in the set."""
    kept: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(kept)


def scope_paths(user: Any) -> tuple[str, ...]:
    """The path prefixes the user may see; cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return tuple(cached)
    assignments = RoleAssignment.objects.filter(user=user)
    unit_ids = set(assignments.filter(unit__isnull=False).values_list("unit_id", flat=True))
    unit_ids |= set(
        assignments.filter(command__isnull=False).values_list("command__jurisdiction__id", flat=True)
    )
    unit_ids.discard(None)
    predecessor_ids = set(
        UnitSuccession.objects.filter(successor_id__in=unit_ids).values_list("predecessor_id", flat=True)
    )
    paths = set(Unit.objects.filter(id__in=unit_ids | predecessor_ids).values_list("path", flat=True))
    result = _minimal(paths)
    setattr(user, _CACHE_ATTRIBUTE, result)
    return result


def primary_path(user: Any) -> str:
    """Where a user's own records (jobs, tokens) hang: the first unit of their scope."""
    paths = scope_paths(user)
    return paths[0] if paths else ""


def forget_scope(user: Any) -> None:
    """Drop the cached scope (after the user's roles change)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def path_field_of(model: type[Model]) -> str:
    field = getattr(model, "scope_path_field", None)
    if field is None:
        raise TypeError(f"{model.__name__} does not say where it hangs in the tree (scope_path_field)")
    return str(field)


def prefix_filter(field: str, paths: tuple[str, ...]) -> Q:
    """OR of one indexed prefix condition per path."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def visible_to[M: Model](user: Any, queryset: QuerySet[M]) -> QuerySet[M]:
    """Keep the rows of `queryset` that `user` may see."""
    paths = scope_paths(user)
    if not paths:
        return queryset.none()
    if NATION_PATH in paths:
        return queryset
    return queryset.filter(prefix_filter(path_field_of(queryset.model), paths))


def get_visible_or_404[M: Model](user: Any, queryset: QuerySet[M], **lookup: Any) -> M:
    """One record the user may see; absent and out of scope look exactly the same (404)."""
    try:
        return visible_to(user, queryset).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing


def can_see_path(user: Any, path: str) -> bool:
    """Whether a record hanging at `path` is within the user's scope (for checks before a write)."""
    return any(path.startswith(p) for p in scope_paths(user))
