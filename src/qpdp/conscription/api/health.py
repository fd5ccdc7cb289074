"""Military-service API of health: screening and examination results, listed and recorded."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
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
)
from qpdp.conscription.choices import ExamStage
from qpdp.core.access import requires
from qpdp.people.selectors import citizen_detail


@requires("conscription.view")
@_list_schema(
    "health_exams",
    shapes.page_of("HealthExamPage", shapes.HealthExamOutputSerializer()),
    [COMMUNE_FILTER, YEAR_FILTER, OpenApiParameter("stage", str, enum=ExamStage.values)],
)
class HealthExamListApi(_ListApi):
    method_access = {"POST": "conscription.change"}
    selector = staticmethod(selectors.health_exams)
    output = shapes.HealthExamOutputSerializer
    year_field = "intake_year"
    choices = {"stage": ExamStage.values}

    @extend_schema(
        operation_id="conscription_health_exams_create",
        request=shapes.HealthExamInputSerializer,
        responses={201: shapes.HealthExamOutputSerializer, 200: shapes.HealthExamOutputSerializer},
        description="Ghi (hoặc sửa) kết quả sơ tuyển, khám tuyển; trả về BMI, phân loại, đủ điều kiện "
        "và lý do không gọi. Đã có kết quả cùng vòng khám thì sửa (200).",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.HealthExamInputSerializer)
        citizen = citizen_detail(user=request.user, citizen_id=data["citizen"])
        year = _checked_year(data["year"])
        existed = (
            selectors.health_exams(user=request.user)
            .filter(citizen=citizen, intake_year=year, stage=data["stage"])
            .exists()
        )
        with _fields(intake_year="year"):
            exam = services.record_health(
                actor=request.user,
                data=services.HealthInput.of(
                    {**data, "scores": {_nfc(k): v for k, v in data["scores"].items()}},
                    citizen=citizen,
                    intake_year=year,
                ),
            )
        row = selectors.health_exams(user=request.user).get(pk=exam.pk)
        return _created(shapes.HealthExamOutputSerializer, row, existed=existed)
