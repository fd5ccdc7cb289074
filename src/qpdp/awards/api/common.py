"""What every award API operation shares: finding what it names in scope, the award-specific query
parameters, and list endpoints (reading the body, choices and keyset pages come from `core`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.core import api_lists
from qpdp.core.api_input import choice_param, refuse
from qpdp.org.models import Unit
from qpdp.org.selectors import unit_detail
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_detail

ID_INVALID = "Mã “{value}” không hợp lệ; ghi mã (id) bằng chữ số."
YEAR_INVALID = "Năm “{value}” không hợp lệ; ghi năm có 4 chữ số, ví dụ 2026."

COMMUNE_FILTER = OpenApiParameter("commune", str, description="mã xã, phường (hoặc đơn vị cấp trên)")


def created(data: Any) -> Response:
    return Response(data, status=status.HTTP_201_CREATED)


def unit_of(user: Any, code: str) -> Unit:
    """The unit of this code in the user's scope (404 when absent or out of scope)."""
    return unit_detail(user=user, code=code.strip())


def optional_unit(user: Any, code: str) -> Unit | None:
    """The unit of this code, if a code was sent."""
    return unit_of(user, code) if code.strip() else None


def units_of(user: Any, codes: Iterable[str]) -> list[Unit]:
    return [unit_of(user, code) for code in dict.fromkeys(c.strip() for c in codes) if code]


def citizen_of(user: Any, citizen_id: int | None) -> Citizen | None:
    return citizen_detail(user=user, citizen_id=citizen_id) if citizen_id is not None else None


def one_of[M: Any](queryset: QuerySet[M], pk: int | None) -> M | None:
    """The record of this id among a scoped selector's rows (404 when not there); None for no id."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def all_of[M: Any](queryset: QuerySet[M], ids: Sequence[int]) -> list[M]:
    """Every named record among a scoped selector's rows, in the order named, or 404 (a record outside
    the scope is reported like one that does not exist)."""
    found = {row.pk: row for row in queryset.filter(pk__in=set(ids))}
    if set(found) != set(ids):
        raise Http404
    return [found[pk] for pk in dict.fromkeys(ids)]


def id_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise refuse(name, ID_INVALID.format(value=raw))
    return int(raw)


def year_param(request: Request) -> int | None:
    raw = request.query_params.get("year", "").strip()
    if not raw:
        return None
    if not (raw.isdigit() and len(raw) == 4):
        raise refuse("year", YEAR_INVALID.format(value=raw))
    return int(raw)


def under_commune(request: Request, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """?commune=CODE: the rows under that unit (404 when it is out of scope)."""
    unit = optional_unit(request.user, request.query_params.get("commune", ""))
    return queryset if unit is None else queryset.filter(unit_path__startswith=unit.path)


# A list endpoint. GET: the rows of a scoped selector (`rows`), narrowed by ?commune=, then by each
# ?<name>= of `choices` (one of its values, given to the selector), one keyset page at a time. POST: the
# subclass's act. (Comments, not docstrings: drf-spectacular would publish a docstring as the description.)
def list_schema(name: str, page_shape: Any, filters: Sequence[OpenApiParameter]) -> Any:
    """The schema of a list endpoint's GET: `awards_<name>_list`, its filters, a keyset page."""
    return api_lists.list_schema(f"awards_{name}_list", page_shape, [COMMUNE_FILTER, *filters])


class ListApi(APIView):
    selector: Callable[..., QuerySet[Any]]  # a scoped selector taking `user` (and the filters) first
    output: type[serializers.Serializer]
    choices: dict[str, Sequence[str]] = {}

    def filters(self, request: Request) -> dict[str, Any]:
        return {
            name: value
            for name, values in self.choices.items()
            if (value := choice_param(request, name, values))
        }

    def get(self, request: Request) -> Response:
        queryset = type(self).selector(request.user, **self.filters(request))
        return api_lists.keyset_page(request, under_commune(request, queryset), self.output)
