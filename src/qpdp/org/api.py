"""Org API: administrative units within scope, and the OpenAPI schema."""

from __future__ import annotations

from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.core.access import public, requires
from qpdp.core.api_pagination import page_response, requested_limit
from qpdp.org import selectors
from qpdp.org.choices import UnitKind


@public
class OpenApiSchemaApi(SpectacularAPIView):
    """The OpenAPI schema as JSON; public, it holds no data."""

    renderer_classes = [OpenApiJsonRenderer]


@requires("org.view")
class UnitListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        code = serializers.CharField()
        name = serializers.CharField()
        kind = serializers.CharField()
        division_type = serializers.CharField()
        structure = serializers.CharField()
        parent = serializers.CharField(source="parent.code", allow_null=True, default=None)  # type: ignore[assignment]
        valid_from = serializers.DateField(allow_null=True)
        valid_to = serializers.DateField(allow_null=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=UnitKind.values),
            OpenApiParameter("parent", str, description="mã đơn vị cấp trên"),
            OpenApiParameter("q", str, description="tìm theo tên (không phân biệt dấu)"),
            OpenApiParameter("cursor", str),
            OpenApiParameter("limit", int),
        ],
        responses=inline_serializer(
            "UnitPage", {"items": OutputSerializer(many=True), "next": serializers.URLField(allow_null=True)}
        ),
    )
    def get(self, request: Request) -> Response:
        parent = None
        if request.query_params.get("parent"):
            parent = selectors.unit_detail(user=request.user, code=request.query_params["parent"])
        queryset = selectors.unit_list(
            user=request.user,
            kind=request.query_params.get("kind", ""),
            parent=parent,
            q=request.query_params.get("q", ""),
        )
        cursor = request.query_params.get("cursor", "")
        if cursor:
            queryset = queryset.filter(path__gt=cursor)
        limit = requested_limit(request)
        rows = list(queryset[: limit + 1])
        items = rows[:limit]
        next_cursor = items[-1].path if len(rows) > limit else None
        return page_response(request, self.OutputSerializer(items, many=True).data, next_cursor)
