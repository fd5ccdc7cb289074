"""URLs of the awards pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "awards"

urlpatterns: list[URLPattern | URLResolver] = []
