"""URLs of the reports pages: each part lists its own patterns in its view module."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from qpdp.reports.views import batch, dashboard, reports, targets

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    *reports.urlpatterns,
    *dashboard.urlpatterns,
    *batch.urlpatterns,
    *targets.urlpatterns,
]
