"""Every URL pattern of the project, found by walking the URLconf, and a concrete URL for each one."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

from qpdp.core.access import PUBLIC, declared_access

ADMIN_NAMESPACE = "admin"
_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<parameter>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern as the resolver sees it: the chain of patterns from the root, and its view."""

    patterns: tuple[RoutePattern | RegexPattern, ...]
    namespace: str
    url_name: str | None
    callback: Callable[..., Any]

    @property
    def route(self) -> str:
        return "/" + "".join(str(p) for p in self.patterns)

    @property
    def name(self) -> str | None:
        """The reversible name, "org:unit-detail"; None for the few unnamed patterns (admin's)."""
        if self.url_name is None:
            return None
        return f"{self.namespace}:{self.url_name}" if self.namespace else self.url_name

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(name for p in self.patterns for name in p.regex.groupindex)

    @property
    def is_admin(self) -> bool:
        """Mounted by the Django admin site (operator screens keep the admin's own staff check)."""
        return self.namespace.split(":")[0] == ADMIN_NAMESPACE

    @property
    def api_view(self) -> type | None:
        """The DRF view class behind an API endpoint; None for a page."""
        return getattr(self.callback, "cls", None)

    @property
    def rule(self) -> str | None:
        return declared_access(self.callback)

    @property
    def is_public(self) -> bool:
        return self.rule == PUBLIC

    @property
    def method_access(self) -> dict[str, str]:
        """An API view's per-method actions (writes), beside the action the class declares."""
        return dict(getattr(self.api_view, "method_access", {}) or {})


def project_routes() -> list[Route]:
    """Every pattern of the root URLconf, through every include (pages, fragments, API, admin)."""
    return list(_walk(get_resolver(), (), ""))


def _walk(
    resolver: URLResolver, prefix: tuple[RoutePattern | RegexPattern, ...], namespace: str
) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        chain = (*prefix, entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, chain, inner)
        elif isinstance(entry, URLPattern):
            yield Route(chain, namespace, entry.name, entry.callback)


def url_of(route: Route, values: Mapping[str, Any]) -> str:
    """The concrete URL of `route` with its parameters filled from `values`; it must resolve back to it."""
    parts = []
    for pattern in route.patterns:
        if isinstance(pattern, RoutePattern):
            converters = pattern.converters
            parts.append(
                _ROUTE_PARAMETER.sub(
                    lambda m, c=converters: str(c[m["parameter"]].to_url(values[m["parameter"]])),
                    str(pattern),
                )
            )
        else:
            text = str(pattern).removeprefix("^").removesuffix("$")
            parts.append(_REGEX_GROUP.sub(lambda m: str(values[m["parameter"]]), text))
    url = "/" + "".join(parts)
    found = resolve(url).func
    if found is not route.callback:
        raise AssertionError(f"{url} built for {route.route} resolves to another view ({found!r})")
    return url
