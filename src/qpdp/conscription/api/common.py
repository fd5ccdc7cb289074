"""What every military-service API operation shares: parsing the query and body, keyset list endpoints.

Reading the body, a choice in the query, keyset pages and renaming a service's fields come from
`core.api_input` and `core.api_lists`, shared with the other areas, under the names this package uses.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.core import api_input, api_lists
from qpdp.org.scope import primary_path
from qpdp.org.selectors import unit_detail

FIRST_YEAR, LAST_YEAR = 2016, 2100  # Luật NVQS 2015 is in force from 01/01/2016

YEAR_INVALID = "Năm “{value}” không hợp lệ; ghi năm từ 2016 đến 2100."

COMMUNE_FILTER = OpenApiParameter("commune", str, description="mã xã, phường (hoặc đơn vị cấp trên)")
YEAR_FILTER = OpenApiParameter("year", int, description="năm tuyển quân")


# -- input helpers -----------------------------------------------------------------------------------


_refuse = api_input.refuse
_body = api_input.body_of
_fields = api_input.fields_named
_choice_param = api_input.choice_param


def _created(shape: type[serializers.Serializer], row: Any, *, existed: bool = False) -> Response:
    """A record written by a service, read back and shaped: 201, or 200 when it was there already."""
    return Response(shape(row).data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


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


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _today_or(value: dt.date | None) -> dt.date:
    return value or timezone.localdate()


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
    return api_lists.list_schema(f"conscription_{name}_list", page, filters, description)


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
        return api_lists.keyset_page(request, queryset, self.output)


# -- intakes, quotas, handovers ----------------------------------------------------------------------


def _own_unit_code(user: Any) -> str:
    """The code of the unit where the user's scope starts (the last part of its path)."""
    return primary_path(user).rstrip("/").split("/")[-1]
