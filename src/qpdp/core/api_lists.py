"""API list endpoints: one keyset page from ?cursor= and ?limit=, and the schema of such a list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from qpdp.core.api_input import refuse
from qpdp.core.api_pagination import page_response, requested_limit

CURSOR_INVALID = "Con trỏ trang (cursor) không hợp lệ; dùng đúng liên kết “next” của trang trước."

PAGING = [OpenApiParameter("cursor", str), OpenApiParameter("limit", int)]


def keyset_page(
    request: Request,
    queryset: QuerySet[Any],
    serializer: type[serializers.Serializer],
    *,
    newest_first: bool = False,
) -> Response:
    """One keyset page by id, never OFFSET: in creation order, or newest first; `next` continues after
    the last row of this page."""
    cursor = request.query_params.get("cursor", "")
    if cursor:
        if not cursor.isdigit():
            raise refuse("cursor", CURSOR_INVALID)
        after = {"pk__lt": int(cursor)} if newest_first else {"pk__gt": int(cursor)}
        queryset = queryset.filter(**after)
    limit = requested_limit(request)
    rows = list(queryset.order_by("-pk" if newest_first else "pk")[: limit + 1])
    items = rows[:limit]
    next_cursor = str(items[-1].pk) if len(rows) > limit else None
    return page_response(request, serializer(items, many=True).data, next_cursor)


def list_schema(
    operation_id: str, page: Any, parameters: Sequence[OpenApiParameter], description: str = ""
) -> Any:
    """The schema of a list endpoint's GET: its id, its filters then the paging, a keyset `page`."""
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            parameters=[*parameters, *PAGING],
            responses=page,
            description=description or None,
        )
    )
