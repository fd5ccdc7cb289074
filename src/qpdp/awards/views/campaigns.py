"""Emulation campaign pages: list, launch and correction, pledges between units, the review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from qpdp.awards import page_queries, selectors, services
from qpdp.awards.choices import CampaignStatus
from qpdp.awards.forms import CampaignForm, CampaignReviewForm, PledgeForm
from qpdp.awards.models import Campaign
from qpdp.awards.views.common import NO_UNIT, list_page, place_of, today
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows


@requires("awards.view")
def campaign_list(request: HttpRequest) -> HttpResponseBase:
    return list_page(
        request,
        "awards/campaign_list.html",
        page_queries.campaign_list,
        CampaignStatus,
        can_change="awards.change",
    )


def _campaign_form(request: HttpRequest, campaign: Campaign | None) -> CampaignForm:
    place = place_of(request)
    unit = campaign.unit if campaign else place.unit
    if unit is None:
        raise Http404(NO_UNIT)
    initial: dict[str, Any] = {}
    if campaign is not None:
        initial = {
            name: getattr(campaign, name) for name in CampaignForm.base_fields if name != "participants"
        }
        initial["participants"] = [u.pk for u in campaign.participants.all()]
    else:
        initial = {"launched_on": today(), "starts_on": today()}
    return CampaignForm(
        request.POST or None,
        initial=initial,
        units=page_queries.visible_units(request.user),
        shown=page_queries.units_around(request.user, unit, on=today()),
    )


def _save_campaign(request: HttpRequest, form: CampaignForm, campaign: Campaign | None) -> Campaign | None:
    unit = campaign.unit if campaign else place_of(request).unit
    assert unit is not None
    data = services.CampaignInput(unit=unit, **form.cleaned_data)
    try:
        if campaign is None:
            return services.launch_campaign(actor=request.user, data=data)
        return services.update_campaign(actor=request.user, campaign=campaign, data=data)
    except DomainError as refusal:
        form.show_refusal(refusal)
        return None


@requires("awards.change")
def campaign_create(request: HttpRequest) -> HttpResponseBase:
    form = _campaign_form(request, None)
    if request.method == "POST" and form.is_valid():
        campaign = _save_campaign(request, form, None)
        if campaign is not None:
            messages.success(request, f"Đã phát động phong trào “{campaign.name}”.")
            return redirect("awards:campaign-detail", campaign_id=campaign.pk)
    return render(
        request, "awards/campaign_form.html", {"form": form, "campaign": None, "place": place_of(request)}
    )


@requires("awards.change")
def campaign_edit(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    campaign = selectors.campaign_detail(request.user, campaign_id)
    form = _campaign_form(request, campaign)
    if request.method == "POST" and form.is_valid():
        saved = _save_campaign(request, form, campaign)
        if saved is not None:
            messages.success(request, "Đã lưu thay đổi của phong trào.")
            return redirect("awards:campaign-detail", campaign_id=campaign.pk)
    return render(
        request, "awards/campaign_form.html", {"form": form, "campaign": campaign, "place": place_of(request)}
    )


def _detail(
    request: HttpRequest,
    campaign: Campaign,
    *,
    pledge_form: PledgeForm | None = None,
    review_form: CampaignReviewForm | None = None,
) -> HttpResponseBase:
    day = today()
    context = {
        "campaign": campaign,
        "pledges": list(campaign.pledges.all()),
        "participants": list(campaign.participants.all()),
        "decisions": list(page_queries.campaign_decisions(request.user, campaign)),
        "nomination_count": page_queries.campaign_nomination_count(request.user, campaign),
        "can_change": user_allows(request.user, "awards.change"),
        "pledge_form": pledge_form or PledgeForm(initial={"signed_on": min(day, campaign.ends_on)}),
        "review_form": review_form or CampaignReviewForm(initial={"reviewed_on": day}),
    }
    return render(request, "awards/campaign_detail.html", context)


@requires("awards.view")
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    return _detail(request, selectors.campaign_detail(request.user, campaign_id))


@requires("awards.change")
@require_POST
def pledge_create(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    campaign = selectors.campaign_detail(request.user, campaign_id)
    form = PledgeForm(request.POST)
    if form.is_valid():
        try:
            services.sign_pledge(actor=request.user, campaign=campaign, **form.cleaned_data)
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            messages.success(request, "Đã ghi giao ước thi đua.")
            return redirect("awards:campaign-detail", campaign_id=campaign.pk)
    return _detail(request, campaign, pledge_form=form)


@requires("awards.change")
@require_POST
def campaign_review(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    campaign = selectors.campaign_detail(request.user, campaign_id)
    form = CampaignReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_campaign(
                actor=request.user,
                campaign=campaign,
                reviewed_on=form.cleaned_data["reviewed_on"],
                summary=form.cleaned_data["review_summary"],
            )
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            messages.success(request, "Đã ghi kết quả sơ kết, tổng kết phong trào.")
            return redirect("awards:campaign-detail", campaign_id=campaign.pk)
    return _detail(request, campaign, review_form=form)


urlpatterns = [
    path("phong-trao/", campaign_list, name="campaign-list"),
    path("phong-trao/them/", campaign_create, name="campaign-create"),
    path("phong-trao/<int:campaign_id>/", campaign_detail, name="campaign-detail"),
    path("phong-trao/<int:campaign_id>/sua/", campaign_edit, name="campaign-edit"),
    path("phong-trao/<int:campaign_id>/giao-uoc/", pledge_create, name="pledge-create"),
    path("phong-trao/<int:campaign_id>/so-ket/", campaign_review, name="campaign-review"),
]
