"""URLs of the military-service pages: each part of the cycle lists its own patterns in its view module."""

from __future__ import annotations

from qpdp.conscription.views import (
    callup,
    handover,
    health,
    indicator,
    overview,
    pool,
    printing,
    quota,
    registration,
    relief,
)
from qpdp.conscription.views.transfer import urlpatterns as transfer_patterns

app_name = "conscription"

urlpatterns = [*overview.urlpatterns]
urlpatterns += transfer_patterns
urlpatterns += [*registration.urlpatterns, *health.urlpatterns, *relief.urlpatterns]
urlpatterns += [*quota.urlpatterns, *pool.urlpatterns, *callup.urlpatterns, *printing.urlpatterns]
urlpatterns += handover.urlpatterns
urlpatterns += indicator.urlpatterns
