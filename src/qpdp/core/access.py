"""Access markers for views: every view declares `@requires(action)` or `@public`; org enforces them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ACCESS_ATTRIBUTE = "qpdp_access"
PUBLIC = "public"


def requires[F: Callable[..., Any]](action: str) -> Callable[[F], F]:
    """Declare the action (`<app>.<verb>`) a user's role must allow to open this view."""

    def mark(view: F) -> F:
        setattr(view, ACCESS_ATTRIBUTE, action)
        return view

    return mark


def public[F: Callable[..., Any]](view: F) -> F:
    """Declare a view open to anyone: the login page and the lists the law says must be posted."""
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def declared_access(view: Any) -> str | None:
    """The action a view (function view or DRF view class) declares, or None if it declares none."""
    for candidate in (view, getattr(view, "cls", None), getattr(view, "view_class", None)):
        if candidate is not None and getattr(candidate, ACCESS_ATTRIBUTE, None):
            return str(getattr(candidate, ACCESS_ATTRIBUTE))
    return None
