"""Keyset pagination for API lists: `{"items": [...], "next": <url or null>}`, with a hard page limit."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


def requested_limit(request: Request) -> int:
    try:
        value = int(request.query_params.get("limit", DEFAULT_LIMIT))
    except ValueError:
        value = DEFAULT_LIMIT
    return max(1, min(value, MAX_LIMIT))


def page_response(request: Request, items: Any, next_cursor: str | None) -> Response:
    next_url = None
    if next_cursor:
        next_url = replace_query_param(request.build_absolute_uri(), "cursor", next_cursor)
    return Response({"items": items, "next": next_url})
