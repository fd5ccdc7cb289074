"""Emulation and award REST API under /api/v1/awards/: campaigns, nominations, decisions, conferences.

Each operation parses its body with a serializer of `awards.serializers`, finds what it names within the
caller's scope through `selectors` (out of scope is 404, as for a record that does not exist), calls one
service and answers with an output serializer. A service's refusal (`DomainError`) becomes a 400 in the
project's single error shape, named after the fields of the body the caller sent. Reads need
`awards.view`; proposing, campaigns and conferences `awards.change`; the council's review
`awards.review`; decisions, signing, presenting and revoking `awards.decide`.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from qpdp.awards.api.campaigns import CampaignDetailApi, CampaignListApi, PledgeListApi
from qpdp.awards.api.conferences import ConferenceDecisionsApi, ConferenceDetailApi, ConferenceListApi
from qpdp.awards.api.decisions import (
    AwardRevokeApi,
    DecisionDetailApi,
    DecisionDocumentApi,
    DecisionListApi,
    DecisionPresentApi,
    DecisionSignApi,
)
from qpdp.awards.api.nominations import NominationDetailApi, NominationListApi, NominationReviewApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("campaigns/", CampaignListApi.as_view(), name="awards-campaign-list"),
    path("campaigns/<int:campaign_id>", CampaignDetailApi.as_view(), name="awards-campaign-detail"),
    path("campaigns/<int:campaign_id>/pledges", PledgeListApi.as_view(), name="awards-pledge-list"),
    path("nominations/", NominationListApi.as_view(), name="awards-nomination-list"),
    path("nominations/<int:nomination_id>", NominationDetailApi.as_view(), name="awards-nomination-detail"),
    path(
        "nominations/<int:nomination_id>/review",
        NominationReviewApi.as_view(),
        name="awards-nomination-review",
    ),
    path("decisions/", DecisionListApi.as_view(), name="awards-decision-list"),
    path("decisions/<int:decision_id>", DecisionDetailApi.as_view(), name="awards-decision-detail"),
    path(
        "decisions/<int:decision_id>/document", DecisionDocumentApi.as_view(), name="awards-decision-document"
    ),
    path("decisions/<int:decision_id>/sign", DecisionSignApi.as_view(), name="awards-decision-sign"),
    path("decisions/<int:decision_id>/present", DecisionPresentApi.as_view(), name="awards-decision-present"),
    path("awards/<int:award_id>/revoke", AwardRevokeApi.as_view(), name="awards-award-revoke"),
    path("conferences/", ConferenceListApi.as_view(), name="awards-conference-list"),
    path("conferences/<int:conference_id>", ConferenceDetailApi.as_view(), name="awards-conference-detail"),
    path(
        "conferences/<int:conference_id>/decisions",
        ConferenceDecisionsApi.as_view(),
        name="awards-conference-decisions",
    ),
]

__all__ = [
    "AwardRevokeApi",
    "CampaignDetailApi",
    "CampaignListApi",
    "ConferenceDecisionsApi",
    "ConferenceDetailApi",
    "ConferenceListApi",
    "DecisionDetailApi",
    "DecisionDocumentApi",
    "DecisionListApi",
    "DecisionPresentApi",
    "DecisionSignApi",
    "NominationDetailApi",
    "NominationListApi",
    "NominationReviewApi",
    "PledgeListApi",
    "urlpatterns",
]
