"""API error handler: domain refusals become 400 with the Vietnamese message per field."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from qpdp.core.errors import DomainError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response({"errors": exc.by_field(), "detail": str(exc)}, status=400)
    return drf_exception_handler(exc, context)
