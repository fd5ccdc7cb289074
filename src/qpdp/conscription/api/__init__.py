"""Military-service REST API under /api/v1/conscription/: status, registration, health, reliefs, call-up.

Each operation parses its body with a serializer of `serializers.py`, finds what it names within the
caller's scope through `selectors` (out of scope is 404, as for a record that does not exist), calls
one service and answers with an output serializer. A service's refusal (`DomainError`) becomes a 400
in the project's single error shape, its problems renamed to the fields of the body the caller sent.
Every list is a `_ListApi` (`common`): a scoped selector narrowed by the query string, one keyset page
at a time. The operations live by step of the cycle: `status` (and the pool), `registration`,
`health`, `relief`, `quota` (intakes and quotas), `callup` (handovers, selection to outcomes).
"""

from __future__ import annotations

from django.urls import path

from qpdp.conscription.api.callup import (
    DecisionListApi,
    HandoverListApi,
    OrderListApi,
    OutcomeListApi,
    SelectionListApi,
)
from qpdp.conscription.api.health import HealthExamListApi
from qpdp.conscription.api.quota import IntakeListApi, QuotaListApi
from qpdp.conscription.api.registration import RegistrationListApi
from qpdp.conscription.api.relief import DefermentListApi, ExemptionListApi
from qpdp.conscription.api.status import CitizenStatusApi, PoolApi

urlpatterns = [
    path("status/<int:citizen_id>", CitizenStatusApi.as_view(), name="conscription-status"),
    path("registrations/", RegistrationListApi.as_view(), name="conscription-registration-list"),
    path("health-exams/", HealthExamListApi.as_view(), name="conscription-health-exam-list"),
    path("deferments/", DefermentListApi.as_view(), name="conscription-deferment-list"),
    path("exemptions/", ExemptionListApi.as_view(), name="conscription-exemption-list"),
    path("intakes/", IntakeListApi.as_view(), name="conscription-intake-list"),
    path("quotas/", QuotaListApi.as_view(), name="conscription-quota-list"),
    path("handovers/", HandoverListApi.as_view(), name="conscription-handover-list"),
    path("selections/", SelectionListApi.as_view(), name="conscription-selection-list"),
    path("decisions/", DecisionListApi.as_view(), name="conscription-decision-list"),
    path("orders/", OrderListApi.as_view(), name="conscription-order-list"),
    path("outcomes/", OutcomeListApi.as_view(), name="conscription-outcome-list"),
    path("pool/", PoolApi.as_view(), name="conscription-pool"),
]

__all__ = [
    "CitizenStatusApi",
    "DecisionListApi",
    "DefermentListApi",
    "ExemptionListApi",
    "HandoverListApi",
    "HealthExamListApi",
    "IntakeListApi",
    "OrderListApi",
    "OutcomeListApi",
    "PoolApi",
    "QuotaListApi",
    "RegistrationListApi",
    "SelectionListApi",
    "urlpatterns",
]
