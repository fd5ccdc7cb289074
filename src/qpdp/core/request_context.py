"""Where the current request comes from (address, agent), for audit entries written by services."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
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


def client_address(request: HttpRequest) -> str:
    """The client's address; behind a trusted reverse proxy, the one the proxy appended last.

    Only proxies listed in QPDP_TRUSTED_PROXIES are believed: anyone can send X-Forwarded-For.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if remote not in getattr(settings, "TRUSTED_PROXIES", ()):
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    return forwarded[-1] if forwarded else remote


class RequestContextMiddleware:
    """Sets the origin of the request for the duration of the view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        value = Origin(
            channel=channel,
            address=client_address(request),
            agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        )
        with origin(value):
            return self.get_response(request)
