"""Award API of emulation campaigns: list and launch, one campaign, its pledges."""

from __future__ import annotations

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
    unit_of,
    units_of,
)
from qpdp.awards.choices import CampaignStatus
from qpdp.core.access import requires
from qpdp.core.api_input import body_of


@requires("awards.view")
@list_schema(
    "campaigns",
    shapes.page_of("CampaignPage", shapes.CampaignOutputSerializer()),
    [OpenApiParameter("status", str, enum=CampaignStatus.values)],
)
class CampaignListApi(ListApi):
    method_access = {"POST": "awards.change"}
    selector = staticmethod(selectors.campaigns)
    output = shapes.CampaignOutputSerializer
    choices = {"status": CampaignStatus.values}

    @extend_schema(
        operation_id="awards_campaigns_create",
        request=shapes.CampaignInputSerializer,
        responses={201: shapes.CampaignDetailSerializer},
        description="Phát động phong trào, đợt thi đua của một đơn vị trong phạm vi.",
    )
    def post(self, request: Request) -> Response:
        data = body_of(request, shapes.CampaignInputSerializer)
        unit = unit_of(request.user, data.pop("unit"))
        participants = units_of(request.user, data.pop("participants"))
        campaign = services.launch_campaign(
            actor=request.user,
            data=services.CampaignInput(unit=unit, participants=participants, **data),
        )
        detail = selectors.campaign_detail(request.user, campaign.pk)
        return created(shapes.CampaignDetailSerializer(detail).data)


@requires("awards.view")
class CampaignDetailApi(APIView):
    @extend_schema(operation_id="awards_campaigns_detail", responses=shapes.CampaignDetailSerializer)
    def get(self, request: Request, campaign_id: int) -> Response:
        campaign = selectors.campaign_detail(request.user, campaign_id)
        return Response(shapes.CampaignDetailSerializer(campaign).data)


@requires("awards.view")
class PledgeListApi(APIView):
    method_access = {"POST": "awards.change"}

    @extend_schema(operation_id="awards_pledges_list", responses=shapes.PledgeOutputSerializer(many=True))
    def get(self, request: Request, campaign_id: int) -> Response:
        campaign = selectors.campaign_detail(request.user, campaign_id)
        return Response(shapes.PledgeOutputSerializer(campaign.pledges.all(), many=True).data)

    @extend_schema(
        operation_id="awards_pledges_create",
        request=shapes.PledgeInputSerializer,
        responses={201: shapes.PledgeOutputSerializer},
        description="Ký kết giao ước thi đua giữa các cụm, khối trong thời gian của phong trào.",
    )
    def post(self, request: Request, campaign_id: int) -> Response:
        campaign = selectors.campaign_detail(request.user, campaign_id)
        data = body_of(request, shapes.PledgeInputSerializer)
        pledge = services.sign_pledge(actor=request.user, campaign=campaign, **data)
        return created(shapes.PledgeOutputSerializer(pledge).data)
