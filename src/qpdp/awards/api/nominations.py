"""Award API of nominations: list by status and propose, one nomination, the council's review."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.awards import rules, selectors, services
from qpdp.awards import serializers as shapes
from qpdp.awards.api.common import (
    ListApi,
    citizen_of,
    created,
    id_param,
    list_schema,
    one_of,
    optional_unit,
    unit_of,
)
from qpdp.awards.choices import NominationStatus
from qpdp.core.access import requires
from qpdp.core.api_input import body_of, fields_named

_FILTERS = [
    OpenApiParameter("status", str, enum=NominationStatus.values),
    OpenApiParameter("issuer", str, enum=shapes.ISSUERS),
    OpenApiParameter("form_code", str, enum=list(rules.FORMS)),
    OpenApiParameter("campaign", int, description="mã (id) phong trào thi đua"),
]


@requires("awards.view")
@list_schema("nominations", shapes.page_of("NominationPage", shapes.NominationOutputSerializer()), _FILTERS)
class NominationListApi(ListApi):
    method_access = {"POST": "awards.change"}
    selector = staticmethod(selectors.nominations)
    output = shapes.NominationOutputSerializer
    choices = {"status": NominationStatus.values, "issuer": shapes.ISSUERS, "form_code": list(rules.FORMS)}

    def filters(self, request: Request) -> dict[str, Any]:
        found = super().filters(request)
        campaign = one_of(selectors.campaigns(request.user), id_param(request, "campaign"))
        if campaign is not None:
            found["campaign_id"] = campaign.pk
        return found

    @extend_schema(
        operation_id="awards_nominations_create",
        request=shapes.NominationInputSerializer,
        responses={201: shapes.NominationOutputSerializer},
        description=(
            "Đề nghị khen thưởng một tập thể, cá nhân hoặc hộ gia đình gửi cấp có thẩm quyền; "
            "kiểm tra thẩm quyền, đối tượng, điều kiện và khen thưởng trùng theo luật tại ngày đề nghị."
        ),
    )
    def post(self, request: Request) -> Response:
        data = body_of(request, shapes.NominationInputSerializer)
        user = request.user
        campaign = one_of(selectors.campaigns(user), data.pop("campaign"))
        values = {
            **data,
            "unit": unit_of(user, data["unit"]),
            "campaign": campaign,
            "recipient_unit": optional_unit(user, data["recipient_unit"]),
            "recipient_citizen": citizen_of(user, data["recipient_citizen"]),
        }
        nomination = services.nominate(actor=user, data=services.NominationInput(**values))
        return created(
            shapes.NominationOutputSerializer(selectors.nomination_detail(user, nomination.pk)).data
        )


@requires("awards.view")
class NominationDetailApi(APIView):
    @extend_schema(operation_id="awards_nominations_detail", responses=shapes.NominationOutputSerializer)
    def get(self, request: Request, nomination_id: int) -> Response:
        nomination = selectors.nomination_detail(request.user, nomination_id)
        return Response(shapes.NominationOutputSerializer(nomination).data)


@requires("awards.view")
class NominationReviewApi(APIView):
    method_access = {"POST": "awards.review"}

    @extend_schema(operation_id="awards_nominations_review_state", responses=shapes.ReviewOutputSerializer)
    def get(self, request: Request, nomination_id: int) -> Response:
        nomination = selectors.nomination_detail(request.user, nomination_id)
        return Response(shapes.ReviewOutputSerializer(nomination).data)

    @extend_schema(
        operation_id="awards_nominations_review",
        request=shapes.ReviewInputSerializer,
        responses={200: shapes.NominationOutputSerializer},
        description=(
            "Hội đồng thi đua – khen thưởng cấp trên xét đề nghị: nhất trí (agree), không nhất trí (refuse) "
            "hoặc trả lại để hoàn thiện (return)."
        ),
    )
    def post(self, request: Request, nomination_id: int) -> Response:
        nomination = selectors.nomination_detail(request.user, nomination_id)
        data = body_of(request, shapes.ReviewInputSerializer)
        with fields_named(review_opinion="opinion"):
            services.review_nomination(
                actor=request.user,
                nomination=nomination,
                outcome=data["outcome"],
                reviewed_on=data["reviewed_on"],
                opinion=data["opinion"],
            )
        reviewed = selectors.nomination_detail(request.user, nomination_id)
        return Response(shapes.NominationOutputSerializer(reviewed).data)
