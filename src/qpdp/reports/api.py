"""REST API of reports (/api/v1/): the indicator catalogue and values, targets, reports and their workflow.

Each operation parses its input, finds what it names within the caller's scope (out of scope is 404,
as for what does not exist), calls one selector or service and answers with an output serializer.
A service's refusal (`DomainError`) becomes a 400 in the project's single error shape.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.core.access import requires
from qpdp.core.api_input import body_of, choice_param, refuse
from qpdp.core.api_lists import PAGING, keyset_page
from qpdp.core.periods import Period, PeriodError, parse_period
from qpdp.org.models import Unit
from qpdp.org.selectors import unit_detail
from qpdp.reports import article_services, selectors, services
from qpdp.reports import serializers as shapes
from qpdp.reports.choices import ReportKind, ReportStatus
from qpdp.reports.models import Report

UNIT_REQUIRED = "Ghi mã đơn vị ({field})."
FORMAT_INVALID = "Định dạng “{value}” không hỗ trợ; chọn một trong: docx, pdf, txt, html."
CONFERENCE_NOT_FOUND = "Không có hội nghị mã {id} trong phạm vi của bạn."

DOWNLOAD_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
}

UNIT_PARAMETER = OpenApiParameter("unit", str, description="mã đơn vị; mặc định đơn vị của bạn")
PERIOD_PARAMETER = OpenApiParameter("period", str, description=shapes.PERIOD_HELP)


def _period(text: str, field: str = "period") -> Period:
    try:
        return parse_period(text)
    except PeriodError as error:
        raise refuse(field, str(error)) from error


def _unit(request: Request, code: str, field: str = "unit") -> Unit:
    """The unit named by `code` within the caller's scope (404 outside it), or the caller's own."""
    if code.strip():
        return unit_detail(user=request.user, code=code.strip())
    own = selectors.own_unit(request.user)
    if own is None:
        raise refuse(field, UNIT_REQUIRED.format(field=field))
    return own


# -- indicators ---------------------------------------------------------------------------------------


@requires("reports.view")
class IndicatorCatalogueApi(APIView):
    @extend_schema(
        operation_id="indicators_catalogue",
        parameters=[OpenApiParameter("area", str, description="chỉ lấy một lĩnh vực")],
        responses=shapes.items_of("IndicatorCatalogue", shapes.IndicatorSerializer()),
        description="Danh mục chỉ số đã đăng ký: mã, tên, đơn vị tính, lĩnh vực, cách tổng hợp.",
    )
    def get(self, request: Request) -> Response:
        items = selectors.indicator_catalogue(request.query_params.get("area", "").strip())
        return Response({"items": shapes.IndicatorSerializer(items, many=True).data})


@requires("reports.view")
class IndicatorValuesApi(APIView):
    @extend_schema(
        operation_id="indicators_values",
        parameters=[
            UNIT_PARAMETER,
            OpenApiParameter("period", str, description=f"{shapes.PERIOD_HELP}; mặc định năm nay"),
            OpenApiParameter(
                "codes", str, description="các mã chỉ số, cách nhau bởi dấu phẩy; mặc định tất cả"
            ),
        ],
        responses=shapes.items_of("IndicatorValues", shapes.IndicatorValueSerializer()),
        description="Số liệu của một đơn vị trong một kỳ, kèm chỉ tiêu được giao. Đơn vị mới (sau "
        "01/07/2025) trong kỳ trước ngày đó được tính cả số liệu của các đơn vị cũ hợp thành.",
    )
    def get(self, request: Request) -> Response:
        unit = _unit(request, request.query_params.get("unit", ""))
        period = _period(request.query_params.get("period", "").strip() or str(timezone.localdate().year))
        codes = [c.strip() for c in request.query_params.get("codes", "").split(",") if c.strip()]
        items = selectors.indicator_values(unit=unit, period=period, codes=codes)
        return Response({"items": shapes.IndicatorValueSerializer(items, many=True).data})


# -- targets ------------------------------------------------------------------------------------------


@requires("reports.view")
class TargetListApi(APIView):
    method_access = {"POST": "reports.targets"}

    @extend_schema(
        operation_id="targets_list",
        parameters=[
            OpenApiParameter("unit", str, description="mã đơn vị (cả các đơn vị trực thuộc)"),
            PERIOD_PARAMETER,
            OpenApiParameter("code", str, description="mã chỉ số"),
            *PAGING,
        ],
        responses=shapes.page_of("TargetPage", shapes.TargetOutputSerializer()),
    )
    def get(self, request: Request) -> Response:
        code = request.query_params.get("unit", "").strip()
        unit = unit_detail(user=request.user, code=code) if code else None
        period = request.query_params.get("period", "").strip()
        queryset = selectors.target_list(
            user=request.user,
            unit=unit,
            period_code=_period(period).code if period else "",
            code=request.query_params.get("code", "").strip(),
        )
        return keyset_page(request, queryset, shapes.TargetOutputSerializer, newest_first=True)

    @extend_schema(
        operation_id="targets_set",
        request=shapes.TargetInputSerializer,
        responses={201: shapes.TargetOutputSerializer},
        description="Giao (hoặc sửa) chỉ tiêu một chỉ số cho đơn vị trong kỳ; do cấp trên (set_by) hoặc "
        "một chương trình, đề án (programme) giao.",
    )
    def post(self, request: Request) -> Response:
        data = body_of(request, shapes.TargetInputSerializer)
        unit = unit_detail(user=request.user, code=data["unit"].strip())
        setter = (
            unit_detail(user=request.user, code=data["set_by"].strip()) if data["set_by"].strip() else None
        )
        target = services.set_target(
            actor=request.user,
            unit=unit,
            code=data["code"].strip(),
            period_code=data["period"],
            value=data["value"],
            set_by_unit=setter,
            programme=data["programme"],
            note=data["note"],
        )
        row = selectors.target_list(user=request.user).get(pk=target.pk)
        return Response(shapes.TargetOutputSerializer(row).data, status=status.HTTP_201_CREATED)


# -- reports ------------------------------------------------------------------------------------------


class _Detail:
    """A report with what its detail shows beside it: figures by area, subordinates, next targets."""

    def __init__(self, report: Report, user: Any) -> None:
        content = selectors.report_content(report)
        self._report = report
        self.snapshot = content.snapshot
        self.areas = content.areas
        self.subordinates = content.subordinates
        self.next_period = content.next_period
        self.next_targets = [{"code": c, "label": label, "value": v} for c, label, v in content.next_targets]
        self.actions = selectors.report_actions(user=user, report=report)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._report, name)


def _detail(request: Request, report: Report, code: int = status.HTTP_200_OK) -> Response:
    fresh = selectors.report_detail(user=request.user, report_id=report.pk)
    return Response(shapes.ReportDetailSerializer(_Detail(fresh, request.user)).data, status=code)


def _workflow(request: Request, report: Report) -> Response:
    answer = {
        "id": report.pk,
        "status": report.status,
        "status_label": report.get_status_display(),
        "actions": selectors.report_actions(user=request.user, report=report),
    }
    return Response(shapes.WorkflowOutputSerializer(answer).data)


@requires("reports.view")
class ReportListApi(APIView):
    method_access = {"POST": "reports.change"}

    @extend_schema(
        operation_id="reports_list",
        parameters=[
            OpenApiParameter("unit", str, description="mã đơn vị (cả các đơn vị trực thuộc)"),
            PERIOD_PARAMETER,
            OpenApiParameter("kind", str, enum=ReportKind.values),
            OpenApiParameter("status", str, enum=ReportStatus.values),
            *PAGING,
        ],
        responses=shapes.page_of("ReportPage", shapes.ReportOutputSerializer()),
    )
    def get(self, request: Request) -> Response:
        code = request.query_params.get("unit", "").strip()
        period = request.query_params.get("period", "").strip()
        queryset = selectors.report_list(
            user=request.user,
            unit=unit_detail(user=request.user, code=code) if code else None,
            period_code=_period(period).code if period else "",
            kind=choice_param(request, "kind", ReportKind.values),
            status=choice_param(request, "status", ReportStatus.values),
        )
        return keyset_page(request, queryset, shapes.ReportOutputSerializer, newest_first=True)

    @extend_schema(
        operation_id="reports_create",
        request=shapes.ReportCreateInputSerializer,
        responses={201: shapes.ReportDetailSerializer},
        description="Lập dự thảo báo cáo (hoặc bài viết) của đơn vị trong kỳ: số liệu được chốt từ các "
        "bản ghi; các phần viết là nội dung mẫu cần viết lại trước khi trình duyệt.",
    )
    def post(self, request: Request) -> Response:
        data = body_of(request, shapes.ReportCreateInputSerializer)
        unit = _unit(request, data["unit"])
        conference = None
        if data["conference"] is not None:
            conference = selectors.visible_conference(user=request.user, conference_id=data["conference"])
            if conference is None:
                raise refuse("conference", CONFERENCE_NOT_FOUND.format(id=data["conference"]))
        report = article_services.create_draft(
            actor=request.user,
            unit=unit,
            period_code=data["period"],
            kind=data["kind"],
            title=data["title"],
            conference=conference,
        )
        return _detail(request, report, status.HTTP_201_CREATED)


@requires("reports.view")
class ReportDetailApi(APIView):
    @extend_schema(operation_id="reports_detail", responses=shapes.ReportDetailSerializer)
    def get(self, request: Request, report_id: int) -> Response:
        return _detail(request, selectors.report_detail(user=request.user, report_id=report_id))


@requires("reports.view")
class ReportSectionsApi(APIView):
    method_access = {"POST": "reports.change"}

    @extend_schema(operation_id="reports_sections", responses=shapes.SectionsOutputSerializer)
    def get(self, request: Request, report_id: int) -> Response:
        report = selectors.report_detail(user=request.user, report_id=report_id)
        return Response(shapes.SectionsOutputSerializer(report).data)

    @extend_schema(
        operation_id="reports_sections_edit",
        request=shapes.ReportEditInputSerializer,
        responses={200: shapes.ReportDetailSerializer},
        description="Sửa các phần viết của dự thảo (chỉ khi còn là dự thảo); chỉ các phần gửi lên được thay.",
    )
    def post(self, request: Request, report_id: int) -> Response:
        report = selectors.report_detail(user=request.user, report_id=report_id)
        data = body_of(request, shapes.ReportEditInputSerializer)
        changes = services.ReportChanges(
            sections=data.get("sections"),
            title=data.get("title"),
            number=data.get("number"),
            signer_name=data.get("signer_name"),
            signer_title=data.get("signer_title"),
            lead=data.get("lead"),
            body=data.get("body"),
            next_targets=data.get("next_targets"),
        )
        report = services.edit_report(actor=request.user, report=report, changes=changes)
        if data.get("refresh_figures"):
            report = services.refresh_figures(actor=request.user, report=report)
        return _detail(request, report)


class _WorkflowApi(APIView):
    """GET: the report's status and the steps the caller may take now; POST: take this step."""

    def get(self, request: Request, report_id: int) -> Response:
        return _workflow(request, selectors.report_detail(user=request.user, report_id=report_id))


@requires("reports.view")
class ReportSubmitApi(_WorkflowApi):
    method_access = {"POST": "reports.change"}

    @extend_schema(operation_id="reports_submit_state", responses=shapes.WorkflowOutputSerializer)
    def get(self, request: Request, report_id: int) -> Response:
        return super().get(request, report_id)

    @extend_schema(
        operation_id="reports_submit",
        request=None,
        responses={200: shapes.WorkflowOutputSerializer},
        description="Trình duyệt dự thảo: mọi phần đã viết, có người ký; số liệu được chốt.",
    )
    def post(self, request: Request, report_id: int) -> Response:
        report = selectors.report_detail(user=request.user, report_id=report_id)
        return _workflow(request, services.submit_report(actor=request.user, report=report))


@requires("reports.view")
class ReportReturnApi(_WorkflowApi):
    method_access = {"POST": "reports.approve"}

    @extend_schema(operation_id="reports_return_state", responses=shapes.WorkflowOutputSerializer)
    def get(self, request: Request, report_id: int) -> Response:
        return super().get(request, report_id)

    @extend_schema(
        operation_id="reports_return",
        request=shapes.ReturnInputSerializer,
        responses={200: shapes.WorkflowOutputSerializer},
        description="Người duyệt trả báo cáo đang chờ duyệt về dự thảo, kèm ý kiến.",
    )
    def post(self, request: Request, report_id: int) -> Response:
        report = selectors.report_detail(user=request.user, report_id=report_id)
        data = body_of(request, shapes.ReturnInputSerializer)
        returned = services.return_report_to_draft(actor=request.user, report=report, comment=data["comment"])
        return _workflow(request, returned)


@requires("reports.view")
class ReportApproveApi(_WorkflowApi):
    method_access = {"POST": "reports.approve"}

    @extend_schema(operation_id="reports_approve_state", responses=shapes.WorkflowOutputSerializer)
    def get(self, request: Request, report_id: int) -> Response:
        return super().get(request, report_id)

    @extend_schema(
        operation_id="reports_approve",
        request=None,
        responses={200: shapes.WorkflowOutputSerializer},
        description="Người ký phê duyệt báo cáo đang chờ duyệt (đăng bài viết); từ đó không sửa được nữa.",
    )
    def post(self, request: Request, report_id: int) -> Response:
        report = selectors.report_detail(user=request.user, report_id=report_id)
        return _workflow(request, services.approve_report(actor=request.user, report=report))


@requires("reports.view")
class ReportDownloadApi(APIView):
    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # `format` names the document's format here, not DRF's renderer: errors are answered in JSON.
        renderer = self.get_renderers()[0]
        return renderer, renderer.media_type

    @extend_schema(
        operation_id="reports_download",
        parameters=[OpenApiParameter("format", str, enum=list(DOWNLOAD_TYPES), description="mặc định docx")],
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="văn bản báo cáo")},
    )
    def get(self, request: Request, report_id: int) -> HttpResponse:
        report = selectors.report_detail(user=request.user, report_id=report_id)
        fmt = request.query_params.get("format", "").strip().lower() or "docx"
        if fmt not in DOWNLOAD_TYPES:
            raise refuse("format", FORMAT_INVALID.format(value=fmt))
        # The document builder belongs to the documents module (Nghị định 30/2020/NĐ-CP layout).
        from qpdp.reports.documents import render_report

        response = HttpResponse(render_report(report, fmt), content_type=DOWNLOAD_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="bao-cao-{report.pk}-{report.period_code}.{fmt}"'
        )
        return response


urlpatterns: list[URLPattern | URLResolver] = [
    path("indicators/", IndicatorCatalogueApi.as_view(), name="indicator-list"),
    path("indicators/values", IndicatorValuesApi.as_view(), name="indicator-values"),
    path("targets/", TargetListApi.as_view(), name="target-list"),
    path("reports/", ReportListApi.as_view(), name="report-list"),
    path("reports/<int:report_id>", ReportDetailApi.as_view(), name="report-detail"),
    path("reports/<int:report_id>/sections", ReportSectionsApi.as_view(), name="report-sections"),
    path("reports/<int:report_id>/submit", ReportSubmitApi.as_view(), name="report-submit"),
    path("reports/<int:report_id>/return", ReportReturnApi.as_view(), name="report-return"),
    path("reports/<int:report_id>/approve", ReportApproveApi.as_view(), name="report-approve"),
    path("reports/<int:report_id>/download", ReportDownloadApi.as_view(), name="report-download"),
]
