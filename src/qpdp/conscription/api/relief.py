"""Military-service API of deferments and exemptions: one endpoint per kind, listed and decided."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.request import Request
from rest_framework.response import Response

from qpdp.conscription import selectors, services
from qpdp.conscription import serializers as shapes
from qpdp.conscription.api.common import (
    COMMUNE_FILTER,
    YEAR_FILTER,
    _body,
    _checked_year,
    _created,
    _fields,
    _list_schema,
    _ListApi,
    _nfc,
    _today_or,
)
from qpdp.conscription.choices import ReliefKind
from qpdp.core.access import requires
from qpdp.people.selectors import citizen_detail


class _ReliefListApi(_ListApi):
    """A deferment or exemption list and decision; the kind is fixed by the endpoint."""

    method_access = {"POST": "conscription.change"}
    selector = staticmethod(selectors.reliefs)
    output = shapes.ReliefOutputSerializer
    year_field = "intake_year"
    kind: str = ""

    def rows(self, request: Request) -> QuerySet[Any]:
        return super().rows(request).filter(kind=self.kind)

    def post(self, request: Request) -> Response:
        data = _body(request, shapes.ReliefInputSerializer)
        citizen = citizen_detail(user=request.user, citizen_id=data["citizen"])
        year = _checked_year(data["year"])
        with _fields(intake_year="year"):
            relief = services.decide_relief(
                actor=request.user,
                data=services.ReliefInput.of(
                    {
                        **data,
                        "kind": self.kind,
                        "ground": _nfc(data["ground"]),
                        "decided_on": _today_or(data["decided_on"]),
                    },
                    citizen=citizen,
                    intake_year=year,
                ),
            )
        return _created(shapes.ReliefOutputSerializer, selectors.reliefs(user=request.user).get(pk=relief.pk))


_RELIEF_PAGE = shapes.page_of("ReliefPage", shapes.ReliefOutputSerializer())


def _relief_schema(plural: str, description: str) -> Any:
    """The schema of a relief endpoint: `conscription_<plural>_list` and `conscription_<plural>_create`."""

    def mark(view: Any) -> Any:
        _list_schema(plural, _RELIEF_PAGE, [COMMUNE_FILTER, YEAR_FILTER])(view)
        return extend_schema_view(
            post=extend_schema(
                operation_id=f"conscription_{plural}_create",
                request=shapes.ReliefInputSerializer,
                responses={201: shapes.ReliefOutputSerializer},
                description=description,
            )
        )(view)

    return mark


@requires("conscription.view")
@_relief_schema(
    "deferments", "Quyết định tạm hoãn gọi nhập ngũ (khoản 1 Điều 41 Luật NVQS); căn cứ 41.1.a–41.1.h."
)
class DefermentListApi(_ReliefListApi):
    kind = ReliefKind.DEFERMENT


@requires("conscription.view")
@_relief_schema(
    "exemptions", "Quyết định miễn gọi nhập ngũ (khoản 2 Điều 41 Luật NVQS); căn cứ 41.2.a–41.2.đ."
)
class ExemptionListApi(_ReliefListApi):
    kind = ReliefKind.EXEMPTION
