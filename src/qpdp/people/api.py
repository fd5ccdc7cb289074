"""People API: list, search, create, read and correct citizens, within the caller's scope."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.core.access import requires
from qpdp.core.api_pagination import page_response, requested_limit
from qpdp.org.selectors import unit_detail
from qpdp.people import selectors, services
from qpdp.people.choices import ETHNIC_GROUPS, Qualification, Sex


class CitizenOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    personal_id = serializers.CharField()
    full_name = serializers.CharField()
    sex = serializers.CharField()
    date_of_birth = serializers.DateField()
    ethnicity = serializers.CharField()
    commune = serializers.CharField(source="commune.code")
    commune_name = serializers.CharField(source="commune.name")
    village = serializers.CharField(source="village.code", allow_null=True, default=None)
    address = serializers.CharField()
    education_level = serializers.IntegerField()
    qualification = serializers.CharField()
    occupation = serializers.CharField()
    workplace = serializers.CharField()


class CitizenDetailOutputSerializer(CitizenOutputSerializer):
    permanent_commune = serializers.CharField(source="permanent_commune.code", allow_null=True, default=None)
    permanent_village = serializers.CharField(source="permanent_village.code", allow_null=True, default=None)
    permanent_address = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CitizenInputSerializer(serializers.Serializer):
    personal_id = serializers.CharField(max_length=20)
    full_name = serializers.CharField(max_length=200)
    sex = serializers.ChoiceField(choices=Sex.values)
    date_of_birth = serializers.DateField()
    commune = serializers.CharField(max_length=40)
    ethnicity = serializers.ChoiceField(choices=ETHNIC_GROUPS, default="Kinh")
    village = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    permanent_commune = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    permanent_village = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    permanent_address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    education_level = serializers.IntegerField(min_value=0, max_value=12, default=12)
    qualification = serializers.ChoiceField(
        choices=Qualification.values, required=False, allow_blank=True, default=""
    )
    occupation = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    workplace = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


_RENAMED = {"commune": "commune_code", "permanent_commune": "permanent_commune_code"}


def _service_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {_RENAMED.get(key, key): value for key, value in data.items()}


@requires("people.view")
class CitizenListApi(APIView):
    # Listing needs the right to view the register; registering a citizen, the right to change it.
    method_access = {"POST": "people.change"}

    @extend_schema(
        operation_id="citizens_list",
        parameters=[
            OpenApiParameter("q", str, description="họ tên (không phân biệt dấu) hoặc số định danh"),
            OpenApiParameter("commune", str, description="mã xã, phường"),
            OpenApiParameter("cursor", str),
            OpenApiParameter("limit", int),
        ],
        responses=inline_serializer(
            "CitizenPage",
            {"items": CitizenOutputSerializer(many=True), "next": serializers.URLField(allow_null=True)},
        ),
    )
    def get(self, request: Request) -> Response:
        unit = None
        if request.query_params.get("commune"):
            unit = unit_detail(user=request.user, code=request.query_params["commune"])
        filters = selectors.CitizenFilters(q=request.query_params.get("q", ""), unit=unit)
        page = selectors.citizen_list(
            user=request.user,
            filters=filters,
            cursor=request.query_params.get("cursor", ""),
            page_size=requested_limit(request),
        )
        return page_response(request, CitizenOutputSerializer(page.items, many=True).data, page.next_cursor)

    @extend_schema(request=CitizenInputSerializer, responses={201: CitizenDetailOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = CitizenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = _service_fields(serializer.validated_data)
        citizen = services.create_citizen(
            actor=request.user, data=services.CitizenInput(commune_code=data.pop("commune_code"), **data)
        )
        detail = selectors.citizen_detail(user=request.user, citizen_id=citizen.pk)
        return Response(CitizenDetailOutputSerializer(detail).data, status=status.HTTP_201_CREATED)


@requires("people.view")
class CitizenDetailApi(APIView):
    method_access = {"PATCH": "people.change"}

    @extend_schema(responses=CitizenDetailOutputSerializer)
    def get(self, request: Request, citizen_id: int) -> Response:
        citizen = selectors.citizen_detail(user=request.user, citizen_id=citizen_id)
        return Response(CitizenDetailOutputSerializer(citizen).data)

    @extend_schema(request=CitizenInputSerializer(partial=True), responses=CitizenDetailOutputSerializer)
    def patch(self, request: Request, citizen_id: int) -> Response:
        citizen = selectors.citizen_detail(user=request.user, citizen_id=citizen_id)
        serializer = CitizenInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_citizen(
            actor=request.user, citizen=citizen, changes=_service_fields(dict(serializer.validated_data))
        )
        return Response(
            CitizenDetailOutputSerializer(
                selectors.citizen_detail(user=request.user, citizen_id=citizen_id)
            ).data
        )
