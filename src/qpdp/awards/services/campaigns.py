"""Emulation campaigns: launch, correct, sign pledges between groups of units, review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qpdp.awards.choices import CampaignStatus
from qpdp.awards.models import Campaign, Pledge
from qpdp.awards.services.checks import (
    NOT_FOUND_RECORD,
    collect,
    ordered,
    problem,
    raise_if,
    record,
    refuse,
    required,
    text,
    unit_exists_on,
    unit_problem,
    units_note,
    user_or_none,
)
from qpdp.core import audit
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path

CAMPAIGN_NOT_FOUND = NOT_FOUND_RECORD.format(what="phong trào thi đua")
CAMPAIGN_ALREADY_REVIEWED = "Phong trào “{name}” đã được sơ kết, tổng kết ngày {day:%d/%m/%Y}."
PLEDGE_OUTSIDE_CAMPAIGN = (
    "Ngày ký giao ước ({day:%d/%m/%Y}) phải từ ngày phát động ({start:%d/%m/%Y}) đến ngày kết thúc "
    "đợt thi đua ({end:%d/%m/%Y})."
)

CAMPAIGN_FIELDS = [
    "unit",
    "name",
    "launched_by",
    "launched_on",
    "starts_on",
    "ends_on",
    "scope",
    "criteria",
    "status",
    "reviewed_on",
    "review_summary",
]
PLEDGE_FIELDS = ["campaign", "signed_on", "parties", "content"]


@dataclass(frozen=True)
class CampaignInput:
    unit: Unit
    name: str
    launched_by: str
    launched_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    scope: str = ""
    criteria: str = ""
    participants: Sequence[Unit] = ()


def _check_campaign(actor: Any, data: CampaignInput) -> None:
    raise_if(collect(unit_problem(actor, data.unit, "unit")))
    days = ordered(data.starts_on, data.ends_on, ("ngày bắt đầu", "Ngày kết thúc"), "ends_on") or ordered(
        data.launched_on, data.ends_on, ("ngày phát động", "Ngày kết thúc"), "ends_on"
    )
    raise_if(
        collect(
            required(data.name, "tên phong trào, đợt thi đua", "name"),
            required(data.launched_by, "người, cơ quan phát động", "launched_by"),
            days,
            unit_exists_on(data.unit, data.launched_on, "unit"),
        )
    )


def _write(actor: Any, campaign: Campaign, data: CampaignInput) -> None:
    campaign.unit = data.unit
    campaign.unit_path = data.unit.path
    campaign.name = text(data.name, 255)
    campaign.launched_by = text(data.launched_by, 200)
    campaign.launched_on = data.launched_on
    campaign.starts_on = data.starts_on
    campaign.ends_on = data.ends_on
    campaign.scope = text(data.scope)
    campaign.criteria = text(data.criteria)
    campaign.save()
    campaign.participants.set(list(data.participants))


@transaction.atomic
def launch_campaign(*, actor: Any, data: CampaignInput) -> Campaign:
    """Launch (phát động) an emulation campaign of a unit, with its days, scope and criteria."""
    _check_campaign(actor, data)
    campaign = Campaign(created_by=user_or_none(actor))
    _write(actor, campaign, data)
    record(actor, "awards.campaign.launched", campaign, CAMPAIGN_FIELDS, note=units_note(data.participants))
    return campaign


def _locked(actor: Any, campaign: Campaign) -> Campaign:
    if not can_see_path(actor, campaign.unit_path):
        raise refuse("campaign", CAMPAIGN_NOT_FOUND)
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def update_campaign(*, actor: Any, campaign: Campaign, data: CampaignInput) -> Campaign:
    """Correct a campaign's particulars (its review stays as recorded)."""
    campaign = _locked(actor, campaign)
    _check_campaign(actor, data)
    if campaign.reviewed_on is not None:
        raise_if(
            collect(
                ordered(data.starts_on, campaign.reviewed_on, ("ngày bắt đầu", "Ngày sơ kết"), "starts_on")
            )
        )
    before = audit.snapshot(campaign, CAMPAIGN_FIELDS)
    _write(actor, campaign, data)
    record(
        actor,
        "awards.campaign.updated",
        campaign,
        CAMPAIGN_FIELDS,
        before=before,
        note=units_note(data.participants),
    )
    return campaign


@transaction.atomic
def sign_pledge(
    *, actor: Any, campaign: Campaign, signed_on: dt.date, parties: str, content: str = ""
) -> Pledge:
    """An emulation pledge (ký kết giao ước thi đua) between groups of units, during the campaign."""
    campaign = _locked(actor, campaign)
    problems = collect(required(parties, "các bên ký giao ước", "parties"))
    if not (campaign.launched_on <= signed_on <= campaign.ends_on):
        message = PLEDGE_OUTSIDE_CAMPAIGN.format(
            day=signed_on, start=campaign.launched_on, end=campaign.ends_on
        )
        problems.append(problem("signed_on", message))
    raise_if(problems)
    pledge = Pledge(
        campaign=campaign,
        unit_path=campaign.unit_path,
        signed_on=signed_on,
        parties=text(parties, 500),
        content=text(content),
        created_by=user_or_none(actor),
    )
    pledge.save()
    record(actor, "awards.pledge.signed", pledge, PLEDGE_FIELDS)
    return pledge


@transaction.atomic
def review_campaign(*, actor: Any, campaign: Campaign, reviewed_on: dt.date, summary: str) -> Campaign:
    """Review (sơ kết, tổng kết) a campaign: its results, once, not before it started."""
    campaign = _locked(actor, campaign)
    if campaign.status == CampaignStatus.REVIEWED and campaign.reviewed_on is not None:
        raise refuse(
            "reviewed_on", CAMPAIGN_ALREADY_REVIEWED.format(name=campaign.name, day=campaign.reviewed_on)
        )
    raise_if(
        collect(
            ordered(
                campaign.starts_on,
                reviewed_on,
                ("ngày bắt đầu đợt thi đua", "Ngày sơ kết, tổng kết"),
                "reviewed_on",
            ),
            required(summary, "kết quả sơ kết, tổng kết", "review_summary"),
        )
    )
    before = audit.snapshot(campaign, CAMPAIGN_FIELDS)
    campaign.status = CampaignStatus.REVIEWED
    campaign.reviewed_on = reviewed_on
    campaign.review_summary = text(summary)
    campaign.save(update_fields=["status", "reviewed_on", "review_summary"])
    record(actor, "awards.campaign.reviewed", campaign, CAMPAIGN_FIELDS, before=before)
    return campaign
