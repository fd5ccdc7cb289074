"""What every award API operation shares: parsing the body and the query, finding what it names in scope,
keyset list pages, and naming a service's problems after the body's fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.core.api_pagination import page_response, requested_limit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.models import Unit
from qpdp.org.selectors import unit_detail
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_detail

CHOICE_INVALID = "Giá trị “{value}” không hợp lệ; chọn một trong: {choices}."
CURSOR_INVALID = "Con trỏ trang (cursor) không hợp lệ; dùng đúng liên kết “next” của trang trước."
ID_INVALID = "Mã “{value}” không hợp lệ; ghi mã (id) bằng chữ số."
YEAR_INVALID = "Năm “{value}” không hợp lệ; ghi năm có 4 chữ số, ví dụ 2026."

COMMUNE_FILTER = OpenApiParameter("commune", str, description="mã xã, phường (hoặc đơn vị cấp trên)")
PAGING = [OpenApiParameter("cursor", str), OpenApiParameter("limit", int)]


def refuse(field: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field=field, message=message)])


def body_of(request: Request, shape: type[serializers.Serializer]) -> dict[str, Any]:
    """The request body, checked by its input serializer (a malformed body is a 400 naming the fields)."""
    body = shape(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def created(data: Any) -> Response:
    return Response(data, status=status.HTTP_201_CREATED)


@contextmanager
def fields_named(**renamed: str) -> Iterator[None]:
    """Name a service's problems after the fields of this body (`recipient_unit` is sent as a code …)."""
    try:
        yield
    except DomainError as refused:
        raise DomainError(
            [replace(p, field=renamed.get(p.field, p.field)) for p in refused.problems]
        ) from refused


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


def choice_param(request: Request, name: str, choices: Sequence[str]) -> str:
    value = request.query_params.get(name, "").strip()
    if value and value not in choices:
        raise refuse(name, CHOICE_INVALID.format(value=value, choices=", ".join(choices)))
    return value


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


def page(request: Request, queryset: QuerySet[Any], serializer: type[serializers.Serializer]) -> Response:
    """One keyset page in creation order (id), never OFFSET: `next` continues after the last row."""
    cursor = request.query_params.get("cursor", "")
    if cursor:
        if not cursor.isdigit():
            raise refuse("cursor", CURSOR_INVALID)
        queryset = queryset.filter(pk__gt=int(cursor))
    limit = requested_limit(request)
    rows = list(queryset.order_by("pk")[: limit + 1])
    items = rows[:limit]
    next_cursor = str(items[-1].pk) if len(rows) > limit else None
    return page_response(request, serializer(items, many=True).data, next_cursor)


def under_commune(request: Request, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """?commune=CODE: the rows under that unit (404 when it is out of scope)."""
    unit = optional_unit(request.user, request.query_params.get("commune", ""))
    return queryset if unit is None else queryset.filter(unit_path__startswith=unit.path)


# A list endpoint. GET: the rows of a scoped selector (`rows`), narrowed by ?commune=, then by each
# ?<name>= of `choices` (one of its values, given to the selector), one keyset page at a time. POST: the
# subclass's act. (Comments, not docstrings: drf-spectacular would publish a docstring as the description.)
def list_schema(name: str, page_shape: Any, filters: Sequence[OpenApiParameter]) -> Any:
    """The schema of a list endpoint's GET: `awards_<name>_list`, its filters, a keyset page."""
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"awards_{name}_list",
            parameters=[COMMUNE_FILTER, *filters, *PAGING],
            responses=page_shape,
        )
    )


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
        return page(request, under_commune(request, queryset), self.output)
