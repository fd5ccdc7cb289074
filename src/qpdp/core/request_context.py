"""Where the current request comes from (address, agent), for audit entries written by services."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class Origin:
    """The channel and address a change came from."""

    channel: str  # web, api, cli, job
    address: str = ""
    agent: str = ""


COMMAND_LINE = Origin("cli")
_origin: contextvars.ContextVar[Origin] = contextvars.ContextVar("qpdp_origin")


def current_origin() -> Origin:
    return _origin.get(COMMAND_LINE)


@contextmanager
def origin(value: Origin) -> Iterator[None]:
    token = _origin.set(value)
    try:
        yield
    finally:
        _origin.reset(token)


class RequestContextMiddleware:
    """Sets the origin of the request for the duration of the view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        value = Origin(
            channel=channel,
            address=request.META.get("REMOTE_ADDR", ""),
            agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        )
        with origin(value):
            return self.get_response(request)
