"""Operator screens (Django admin) read through scope and never write domain records."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from qpdp.org.scope import visible_to


class ScopedReadOnlyAdmin(admin.ModelAdmin):
    """Lists and shows rows within the operator's scope; changes go through services only."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return visible_to(request.user, super().get_queryset(request))

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
