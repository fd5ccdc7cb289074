"""URLs of the military-service pages: each part of the cycle lists its own patterns in its view module."""

from __future__ import annotations

from qpdp.conscription.views import overview

app_name = "conscription"

urlpatterns = [*overview.urlpatterns]
