"""Military-service API of standing: one citizen's status for an intake, and the pool of a unit by status."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.conscription import rules, selectors
from qpdp.conscription import serializers as shapes
from qpdp.conscription.api.common import _own_unit_code, _refuse, _year_param
from qpdp.core.access import requires
from qpdp.org.selectors import unit_detail, units_under
from qpdp.people.selectors import citizen_detail

YEAR_REQUIRED = "Ghi năm tuyển quân (year), ví dụ year=2026."


def _current_intake_year() -> int:
    """The intake being prepared: next year's once the examinations have begun (November)."""
    today = timezone.localdate()
    return today.year + 1 if today.month >= 11 else today.year


# -- status ------------------------------------------------------------------------------------------


@requires("conscription.view")
class CitizenStatusApi(APIView):
    @extend_schema(
        operation_id="conscription_status",
        parameters=[OpenApiParameter("year", int, required=True, description="năm tuyển quân")],
        responses=shapes.StatusOutputSerializer,
    )
    def get(self, request: Request, citizen_id: int) -> Response:
        citizen = citizen_detail(user=request.user, citizen_id=citizen_id)
        year = _year_param(request)
        if year is None:
            raise _refuse("year", YEAR_REQUIRED)
        return Response(selectors.status_of(citizen, year).as_dict())


# -- the pool ----------------------------------------------------------------------------------------


@requires("conscription.view")
class PoolApi(APIView):
    @extend_schema(
        operation_id="conscription_pool",
        parameters=[
            OpenApiParameter("year", int, description="năm tuyển quân; mặc định đợt đang chuẩn bị"),
            OpenApiParameter("unit", str, description="mã đơn vị; mặc định đơn vị của người dùng"),
        ],
        responses=shapes.PoolOutputSerializer,
        description="Số công dân theo tình trạng (giá trị `status` của /status/) ở từng xã, phường.",
    )
    def get(self, request: Request) -> Response:
        year = _year_param(request) or _current_intake_year()
        code = request.query_params.get("unit", "").strip() or _own_unit_code(request.user)
        unit = unit_detail(user=request.user, code=code)
        reference = selectors.reference_date(unit.path, year)
        summary = selectors.pool_summary(unit.path, year, reference)
        names = dict(units_under(unit).filter(path__in=list(summary)).values_list("path", "name"))
        statuses = [s.value for s in rules.Status]
        totals: Counter[str] = Counter()
        communes = []
        for commune_path in sorted(summary):
            counts = summary[commune_path]
            totals.update(counts)
            communes.append(
                {
                    "commune": commune_path.rstrip("/").split("/")[-1],
                    "name": names.get(commune_path, ""),
                    "counts": {s: counts.get(s, 0) for s in statuses},
                    "total": sum(counts.values()),
                }
            )
        answer = {
            "year": year,
            "unit": unit.code,
            "reference": reference,
            "communes": communes,
            "totals": {s: totals.get(s, 0) for s in statuses},
            "total": sum(totals.values()),
        }
        return Response(shapes.PoolOutputSerializer(answer).data)
