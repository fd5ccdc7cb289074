"""What every military-service API operation shares: parsing the query and body, keyset list endpoints."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.core.api_pagination import page_response, requested_limit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.scope import primary_path
from qpdp.org.selectors import unit_detail

FIRST_YEAR, LAST_YEAR = 2016, 2100  # Luật NVQS 2015 is in force from 01/01/2016

YEAR_INVALID = "Năm “{value}” không hợp lệ; ghi năm từ 2016 đến 2100."
CHOICE_INVALID = "Giá trị “{value}” không hợp lệ; chọn một trong: {choices}."
CURSOR_INVALID = "Con trỏ trang (cursor) không hợp lệ; dùng đúng liên kết “next” của trang trước."

COMMUNE_FILTER = OpenApiParameter("commune", str, description="mã xã, phường (hoặc đơn vị cấp trên)")
YEAR_FILTER = OpenApiParameter("year", int, description="năm tuyển quân")
PAGING = [OpenApiParameter("cursor", str), OpenApiParameter("limit", int)]


# -- input helpers -----------------------------------------------------------------------------------


def _refuse(field: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field=field, message=message)])


def _body(request: Request, shape: type[serializers.Serializer]) -> dict[str, Any]:
    """The request body, checked by its input serializer (a malformed body is a 400 naming the fields)."""
    body = shape(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def _created(shape: type[serializers.Serializer], row: Any, *, existed: bool = False) -> Response:
    """A record written by a service, read back and shaped: 201, or 200 when it was there already."""
    return Response(shape(row).data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


@contextmanager
def _fields(**renamed: str) -> Iterator[None]:
    """Name a service's problems after the fields of this body (`intake_year` is sent as `year`)."""
    try:
        yield
    except DomainError as refused:
        raise DomainError(
            [replace(p, field=renamed.get(p.field, p.field)) for p in refused.problems]
        ) from refused


def _checked_year(value: int, field: str = "year") -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise _refuse(field, YEAR_INVALID.format(value=value))
    return value


def _year_param(request: Request) -> int | None:
    raw = request.query_params.get("year", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise _refuse("year", YEAR_INVALID.format(value=raw))
    return _checked_year(int(raw))


def _choice_param(request: Request, name: str, choices: Sequence[str]) -> str:
    value = request.query_params.get(name, "").strip()
    if value and value not in choices:
        raise _refuse(name, CHOICE_INVALID.format(value=value, choices=", ".join(choices)))
    return value


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _today_or(value: dt.date | None) -> dt.date:
    return value or timezone.localdate()


def _page(request: Request, queryset: QuerySet[Any], serializer: type[serializers.Serializer]) -> Response:
    """One keyset page in creation order (id), never OFFSET: `next` continues after the last row."""
    cursor = request.query_params.get("cursor", "")
    if cursor:
        if not cursor.isdigit():
            raise _refuse("cursor", CURSOR_INVALID)
        queryset = queryset.filter(pk__gt=int(cursor))
    limit = requested_limit(request)
    rows = list(queryset.order_by("pk")[: limit + 1])
    items = rows[:limit]
    next_cursor = str(items[-1].pk) if len(rows) > limit else None
    return page_response(request, serializer(items, many=True).data, next_cursor)


def _under_commune(request: Request, queryset: QuerySet[Any], field: str = "unit_path") -> QuerySet[Any]:
    code = request.query_params.get("commune", "").strip()
    if not code:
        return queryset
    unit = unit_detail(user=request.user, code=code)
    return queryset.filter(**{f"{field}__startswith": unit.path})


def _of_year(request: Request, queryset: QuerySet[Any], field: str) -> QuerySet[Any]:
    year = _year_param(request)
    return queryset if year is None else queryset.filter(**{field: year})


# A list endpoint. GET: the rows of a scoped selector (`rows`), narrowed by the query string in this
# order — ?commune= (under a unit, on `commune_field`), ?year= (on `year_field`), then `narrow`, then
# each ?<field>= of `choices` (one of its values) — one keyset page at a time. POST: the subclass's act.
# (Comments, not docstrings: drf-spectacular would publish a docstring as every operation's description.)
def _list_schema(name: str, page: Any, filters: Sequence[OpenApiParameter], description: str = "") -> Any:
    """The schema of a list endpoint's GET: `conscription_<name>_list`, its filters, a keyset `page`."""
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"conscription_{name}_list",
            parameters=[*filters, *PAGING],
            responses=page,
            description=description or None,
        )
    )


class _ListApi(APIView):
    selector: Callable[..., QuerySet[Any]]  # a scoped selector taking `user`
    output: type[serializers.Serializer]
    commune_field: str | None = "unit_path"
    year_field = ""
    choices: dict[str, Sequence[str]] = {}

    def rows(self, request: Request) -> QuerySet[Any]:
        return type(self).selector(user=request.user)

    def narrow(self, request: Request, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset

    def get(self, request: Request) -> Response:
        queryset = self.rows(request)
        if self.commune_field:
            queryset = _under_commune(request, queryset, self.commune_field)
        if self.year_field:
            queryset = _of_year(request, queryset, self.year_field)
        queryset = self.narrow(request, queryset)
        for name, values in self.choices.items():
            if value := _choice_param(request, name, values):
                queryset = queryset.filter(**{name: value})
        return _page(request, queryset, self.output)


# -- intakes, quotas, handovers ----------------------------------------------------------------------


def _own_unit_code(user: Any) -> str:
    """The code of the unit where the user's scope starts (the last part of its path)."""
    return primary_path(user).rstrip("/").split("/")[-1]
