"""Military-service REST API under /api/v1/conscription/."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
