"""Military-service API of intakes and quotas: a province's intake opened, quotas allocated down the tree."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from qpdp.conscription import selectors, services
from qpdp.conscription import serializers as shapes
from qpdp.conscription.api.common import (
    YEAR_FILTER,
    _body,
    _checked_year,
    _created,
    _fields,
    _list_schema,
    _ListApi,
    _refuse,
    _today_or,
)
from qpdp.conscription.choices import Service
from qpdp.core.access import requires
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import primary_path
from qpdp.org.selectors import unit_detail

NO_PROVINCE = "Ghi mã tỉnh, thành phố ({field})."
QUOTA_UNIT_KIND = "Chỉ tiêu được giao cho tỉnh, thành phố hoặc xã, phường."


def _province_of(request: Request, code: str, field: str) -> Unit:
    """The province named by `code`, or the caller's own when `code` is empty."""
    if not code:
        parts = primary_path(request.user).split("/")
        if len(parts) < 3:
            raise _refuse(field, NO_PROVINCE.format(field=field))
        code = parts[1]
    return unit_detail(user=request.user, code=code)


@requires("conscription.view")
@_list_schema("intakes", shapes.page_of("IntakePage", shapes.IntakeOutputSerializer()), [YEAR_FILTER])
class IntakeListApi(_ListApi):
    method_access = {"POST": "conscription.quota"}
    selector = staticmethod(selectors.intakes)
    output = shapes.IntakeOutputSerializer
    commune_field = None
    year_field = "year"

    @extend_schema(
        operation_id="conscription_intakes_create",
        request=shapes.IntakeInputSerializer,
        responses={201: shapes.IntakeOutputSerializer, 200: shapes.IntakeOutputSerializer},
        description="Mở đợt tuyển quân của tỉnh; đợt đã mở thì trả về đợt đó (200).",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.IntakeInputSerializer)
        year = _checked_year(data["year"])
        province = _province_of(request, data["province"].strip(), "province")
        existed = selectors.intake_of(province.path, year, data["round"]) is not None
        with _fields(unit="province"):
            intake = services.open_intake(
                actor=request.user,
                province=province,
                year=year,
                handover_from=data["handover_from"],
                handover_to=data["handover_to"],
                age_reference=data["age_reference"],
                round_number=data["round"],
            )
        return _created(shapes.IntakeOutputSerializer, intake, existed=existed)


@requires("conscription.view")
@_list_schema(
    "quotas",
    shapes.page_of("QuotaPage", shapes.QuotaOutputSerializer()),
    [
        YEAR_FILTER,
        OpenApiParameter("unit", str, description="mã đơn vị: chỉ tiêu của đơn vị và các đơn vị trực thuộc"),
        OpenApiParameter("service", str, enum=Service.values),
    ],
)
class QuotaListApi(_ListApi):
    method_access = {"POST": "conscription.quota"}
    selector = staticmethod(selectors.quotas)
    output = shapes.QuotaOutputSerializer
    commune_field = None
    year_field = "intake__year"
    choices = {"service": Service.values}

    def narrow(self, request: Request, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """?unit=CODE: the quotas of the unit and of the units under it."""
        if code := request.query_params.get("unit", "").strip():
            queryset = queryset.filter(unit_path__startswith=unit_detail(user=request.user, code=code).path)
        return queryset

    @extend_schema(
        operation_id="conscription_quotas_create",
        request=shapes.QuotaInputSerializer,
        responses={201: shapes.QuotaResultSerializer},
        description="Giao chỉ tiêu cho tỉnh (từ Bộ) hoặc cho xã, phường (Chủ tịch UBND tỉnh); mở đợt tuyển "
        "quân của tỉnh nếu chưa mở. Chỉ tiêu xã không vượt số tỉnh còn lại; vượt số công dân đủ "
        "điều kiện thì vẫn giao, kèm cảnh báo.",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.QuotaInputSerializer)
        year = _checked_year(data["year"])
        unit = unit_detail(user=request.user, code=data["unit"].strip())
        if unit.kind not in (UnitKind.PROVINCE, UnitKind.COMMUNE):
            raise _refuse("unit", QUOTA_UNIT_KIND)
        province = _province_of(request, unit.path.split("/")[1], "unit")
        # Opening the intake and setting the quota stand or fall together.
        with transaction.atomic(), _fields(province="unit", handover_from="year", handover_to="year"):
            intake = selectors.intake_of(unit.path, year) or services.open_intake(
                actor=request.user, province=province, year=year
            )
            pool = (
                selectors.eligible_count(unit.path, year, intake.age_reference)
                if unit.kind == UnitKind.COMMUNE
                else None
            )
            result = services.set_quota(
                actor=request.user,
                intake=intake,
                unit=unit,
                service=data["service"],
                count=data["count"],
                reserve=data["reserve"],
                decision_number=data["decision_number"],
                decided_on=_today_or(data["decided_on"]),
                eligible_pool=pool,
            )
        row = selectors.quotas(user=request.user).get(pk=result.quota.pk)
        answer = dict(shapes.QuotaOutputSerializer(row).data, warnings=list(result.warnings))
        return Response(answer, status=status.HTTP_201_CREATED)
