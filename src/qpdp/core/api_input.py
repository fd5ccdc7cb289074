"""Reading an API request the same way in every area: the body, a choice in the query, field names."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from rest_framework import serializers
from rest_framework.request import Request

from qpdp.core.errors import DomainError, FieldProblem

CHOICE_INVALID = "Giá trị “{value}” không hợp lệ; chọn một trong: {choices}."


def refuse(field: str, message: str) -> DomainError:
    """A refusal of one field of the request (a 400 naming it)."""
    return DomainError([FieldProblem(field=field, message=message)])


def body_of(request: Request, shape: type[serializers.Serializer]) -> dict[str, Any]:
    """The request body, checked by its input serializer (a malformed body is a 400 naming the fields)."""
    body = shape(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


@contextmanager
def fields_named(**renamed: str) -> Iterator[None]:
    """Name a service's problems after the fields of this body (`intake_year` is sent as `year` …)."""
    try:
        yield
    except DomainError as refused:
        raise DomainError(
            [replace(p, field=renamed.get(p.field, p.field)) for p in refused.problems]
        ) from refused


def choice_param(request: Request, name: str, choices: Sequence[str]) -> str:
    """?<name>=: one of `choices`, or "" when not sent (anything else is a 400 listing the choices)."""
    value = request.query_params.get(name, "").strip()
    if value and value not in choices:
        raise refuse(name, CHOICE_INVALID.format(value=value, choices=", ".join(choices)))
    return value
