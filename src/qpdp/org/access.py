"""Deny by default: every view must declare `@requires(action)` or `@public` (see core.access).

The middleware refuses any view that declares neither, sends anonymous visitors of a page to the
login page, and answers 403 when the user's roles do not allow the declared action. API views are
checked by DeclaredActionPermission after DRF has authenticated the token. Whether a record is in
the user's scope is not decided here but in `org.scope` (404).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from qpdp.core.access import PUBLIC, declared_access
from qpdp.org.models import RoleAssignment
from qpdp.org.roles import role_allows

logger = logging.getLogger(__name__)

_ROLES_ATTRIBUTE = "_qpdp_roles"
UNDECLARED_VIEW = "Trang này chưa khai báo quyền truy cập nên bị từ chối."


def user_roles(user: Any) -> tuple[str, ...]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, _ROLES_ATTRIBUTE, None)
    if cached is None:
        cached = tuple(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
        setattr(user, _ROLES_ATTRIBUTE, cached)
    return tuple(cached)


def user_allows(user: Any, action: str) -> bool:
    """Whether one of the user's roles allows `action`."""
    return any(role_allows(role, action) for role in user_roles(user))


def _is_django_admin(view_func: Callable[..., Any]) -> bool:
    module = getattr(view_func, "__module__", "") or ""
    # AdminSite and ModelAdmin wrap the views they mount (a ModelAdmin's "<id>/" redirect is a plain
    # RedirectView, so its module is not the admin's): the wrapper names its site or model admin.
    return (
        module.startswith("django.contrib.admin")
        or getattr(view_func, "admin_site", None) is not None
        or getattr(view_func, "model_admin", None) is not None
    )


class DenyByDefaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        rule = declared_access(view_func)
        if rule is None:
            # The operator screens keep Django admin's own staff check (and our scoped querysets).
            if _is_django_admin(view_func):
                return None
            logger.error("view %s declares no access rule", getattr(view_func, "__qualname__", view_func))
            raise PermissionDenied(UNDECLARED_VIEW)
        if rule == PUBLIC or getattr(view_func, "cls", None) is not None:
            return None  # public, or an API view: DRF authenticates, then DeclaredActionPermission checks.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not user_allows(request.user, rule):
            raise PermissionDenied("Vai trò của bạn không được phép thực hiện thao tác này.")
        return None
