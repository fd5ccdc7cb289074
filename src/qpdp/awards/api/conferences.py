"""Award API of review conferences: list and record, one conference with its award sentences, and the
decisions presented at it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.awards import selectors, services
from qpdp.awards import serializers as shapes
from qpdp.awards.api.common import (
    ListApi,
    created,
    list_schema,
    one_of,
    unit_of,
    units_of,
)
from qpdp.awards.choices import ConferenceKind
from qpdp.core.access import requires
from qpdp.core.api_input import body_of, choice_param


@requires("awards.view")
@list_schema(
    "conferences",
    shapes.page_of("ConferencePage", shapes.ConferenceOutputSerializer()),
    [OpenApiParameter("kind", str, enum=ConferenceKind.values), OpenApiParameter("period", str)],
)
class ConferenceListApi(ListApi):
    method_access = {"POST": "awards.change"}
    selector = staticmethod(selectors.conferences)
    output = shapes.ConferenceOutputSerializer

    def filters(self, request: Request) -> dict[str, Any]:
        return {
            "kind": choice_param(request, "kind", ConferenceKind.values) or None,
            "period_code": request.query_params.get("period", "").strip() or None,
        }

    @extend_schema(
        operation_id="awards_conferences_create",
        request=shapes.ConferenceInputSerializer,
        responses={201: shapes.ConferenceDetailSerializer},
        description="Ghi nhận hội nghị sơ kết, tổng kết của một đơn vị cho một kỳ.",
    )
    def post(self, request: Request) -> Response:
        data = body_of(request, shapes.ConferenceInputSerializer)
        user = request.user
        values = {
            **data,
            "unit": unit_of(user, data["unit"]),
            "attending_units": units_of(user, data["attending_units"]),
        }
        conference = services.record_conference(actor=user, data=services.ConferenceInput(**values))
        return created(
            shapes.ConferenceDetailSerializer(selectors.conference_detail(user, conference.pk)).data
        )


@requires("awards.view")
class ConferenceDetailApi(APIView):
    @extend_schema(operation_id="awards_conferences_detail", responses=shapes.ConferenceDetailSerializer)
    def get(self, request: Request, conference_id: int) -> Response:
        detail = selectors.conference_detail(request.user, conference_id)
        return Response(shapes.ConferenceDetailSerializer(detail).data)


@requires("awards.view")
class ConferenceDecisionsApi(APIView):
    method_access = {"POST": "awards.change"}

    @extend_schema(
        operation_id="awards_conferences_decisions",
        responses=shapes.ConferenceDecisionSerializer(many=True),
    )
    def get(self, request: Request, conference_id: int) -> Response:
        detail = selectors.conference_detail(request.user, conference_id)
        return Response(shapes.ConferenceDecisionSerializer(detail.decisions, many=True).data)

    @extend_schema(
        operation_id="awards_conferences_attach",
        request=shapes.AttachInputSerializer,
        responses={200: shapes.ConferenceDetailSerializer},
        description="Gắn quyết định khen thưởng với hội nghị nơi trao (quyết định ký trước ngày hội nghị).",
    )
    def post(self, request: Request, conference_id: int) -> Response:
        user = request.user
        detail = selectors.conference_detail(user, conference_id)
        data = body_of(request, shapes.AttachInputSerializer)
        decision = one_of(selectors.decisions(user), data["decision"])
        assert decision is not None
        services.attach_decision_to_conference(actor=user, decision=decision, conference=detail.conference)
        return Response(
            shapes.ConferenceDetailSerializer(selectors.conference_detail(user, conference_id)).data
        )
