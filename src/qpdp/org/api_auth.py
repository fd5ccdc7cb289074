"""API authentication (Bearer tokens, stored as digests) and the declared-action permission."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions
from rest_framework.request import Request

from qpdp.core.access import PUBLIC, declared_access
from qpdp.org.access import user_allows
from qpdp.org.models import ApiToken

TOKEN_INVALID = "Mã truy cập không hợp lệ hoặc đã bị thu hồi."
LAST_USED_RESOLUTION = dt.timedelta(minutes=5)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(TOKEN_INVALID)
        try:
            token = header[1].decode()
        except UnicodeError as bad:
            raise exceptions.AuthenticationFailed(TOKEN_INVALID) from bad
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            raise exceptions.AuthenticationFailed(TOKEN_INVALID)
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found.user, found

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class DeclaredActionPermission(permissions.BasePermission):
    """The API view's declared action must be allowed by one of the user's roles."""

    message = "Vai trò của bạn không được phép thực hiện thao tác này."

    def has_permission(self, request: Request, view: Any) -> bool:
        rule = getattr(view, "method_access", {}).get(request.method) or declared_access(type(view))
        if rule is None:
            return False
        if rule == PUBLIC:
            return True
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated("Cần đăng nhập hoặc mã truy cập API.")
        return user_allows(request.user, rule)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Describes Bearer tokens in the OpenAPI schema."""

    target_class = "qpdp.org.api_auth.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer"}
