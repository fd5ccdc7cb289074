"""Nomination pages: the list, proposing an award, one nomination, the council's batch review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from qpdp.awards import page_queries, rules, selectors, services
from qpdp.awards.choices import NominationStatus, ReviewOutcome
from qpdp.awards.forms import DATE_FORMATS, NominationForm, ReviewForm
from qpdp.awards.models import Nomination
from qpdp.awards.views.common import (
    NO_UNIT,
    Place,
    list_page,
    page_of,
    place_of,
    today,
)
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows

REVIEW_PAGE_SIZE = 100
OUTCOME_DONE = {
    ReviewOutcome.AGREE: "nhất trí đề nghị khen thưởng",
    ReviewOutcome.REFUSE: "không nhất trí",
    ReviewOutcome.RETURN: "trả lại để hoàn thiện hồ sơ",
}
# The same recipient proposed again: what the next form keeps from the last one.
KEPT_FOR_NEXT = ("issuer", "form_code", "period_code", "recipient_kind")


@requires("awards.view")
def nomination_list(request: HttpRequest) -> HttpResponseBase:
    return list_page(
        request,
        "awards/nomination_list.html",
        page_queries.nomination_list,
        NominationStatus,
        can_change="awards.change",
        can_review="awards.review",
    )


# -- proposing ---------------------------------------------------------------------------------------


def _day(raw: str | None) -> dt.date:
    """The proposal's day as typed so far (the form's options depend on it), else today."""
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime((raw or "").strip(), fmt).date()
        except ValueError:
            continue
    return today()


def _nomination_form(request: HttpRequest, place: Place) -> NominationForm:
    unit = place.unit
    if unit is None:
        raise Http404(NO_UNIT)
    source: Any = request.POST if request.method == "POST" else request.GET
    day = _day(source.get("proposed_on"))
    issuer = source.get("issuer") or page_queries.default_issuer(unit).value
    initial = {
        "proposed_on": day,
        "issuer": issuer,
        "period_code": str(day.year),
        **{name: request.GET[name] for name in KEPT_FOR_NEXT if request.GET.get(name)},
    }
    return NominationForm(
        request.POST or None,
        initial=initial,
        units=page_queries.visible_units(request.user),
        shown_units=page_queries.units_around(request.user, unit, on=day),
        citizens=page_queries.visible_citizens(request.user),
        campaigns=page_queries.campaign_choices(request.user, unit),
        issuers=page_queries.issuers_on(day),
        forms_shown=page_queries.forms_on(issuer, day),
    )


def _render_create(request: HttpRequest, form: NominationForm, place: Place) -> HttpResponseBase:
    selected = form["recipient_citizen"].value()
    context = {
        "form": form,
        "place": place,
        "citizens": page_queries.citizen_options(request.user, unit=place.unit, selected=selected),
        "selected_citizen": str(selected or ""),
        "kind": form["recipient_kind"].value(),
    }
    return render(request, "awards/nomination_form.html", context)


@requires("awards.change")
def nomination_create(request: HttpRequest) -> HttpResponseBase:
    place = place_of(request)
    form = _nomination_form(request, place)
    if request.method == "POST" and form.is_valid():
        assert place.unit is not None
        data = form.cleaned_data
        try:
            nomination = services.nominate(
                actor=request.user,
                data=services.NominationInput(
                    unit=place.unit,
                    issuer=data["issuer"],
                    form_code=data["form_code"],
                    recipient_kind=data["recipient_kind"],
                    proposed_on=data["proposed_on"],
                    period_code=data["period_code"],
                    achievement_year=data["achievement_year"],
                    campaign=data["campaign"],
                    recipient_unit=data["recipient_unit"],
                    recipient_citizen=data["recipient_citizen"],
                    recipient_name=data["recipient_name"],
                    recipient_detail=data["recipient_detail"],
                    achievement=data["achievement"],
                ),
            )
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            messages.success(
                request,
                f"Đã lập đề nghị {nomination.form_name.lower()} cho {nomination.recipient_name} "
                f"gửi {rules.ISSUER_LABELS[rules.Issuer(nomination.issuer)]}.",
            )
            if "again" in request.POST:
                kept = "&".join(f"{name}={getattr(nomination, name)}" for name in KEPT_FOR_NEXT)
                return redirect(f"{reverse('awards:nomination-create')}?{kept}")
            return redirect("awards:nomination-detail", nomination_id=nomination.pk)
    return _render_create(request, form, place)


@requires("awards.view")
def form_options(request: HttpRequest) -> HttpResponseBase:
    """htmx: the forms the chosen issuer may give on the day typed, for the form picker."""
    day = _day(request.GET.get("proposed_on"))
    forms = page_queries.forms_on(request.GET.get("issuer", ""), day)
    context = {"forms": forms, "selected": request.GET.get("form_code", ""), "day": day}
    return render(request, "awards/partials/form_options.html", context)


@requires("awards.view")
def citizen_options(request: HttpRequest) -> HttpResponseBase:
    """htmx: the register's search for the individual picker, under the working unit."""
    place = place_of(request)
    q = request.GET.get("q", "")
    citizens = page_queries.citizen_options(request.user, unit=place.picked, q=q)
    context = {"citizens": citizens, "selected_citizen": "", "searched": bool(q.strip())}
    return render(request, "awards/partials/citizen_options.html", context)


# -- one nomination ----------------------------------------------------------------------------------


@requires("awards.view")
def nomination_detail(request: HttpRequest, nomination_id: int) -> HttpResponseBase:
    nomination = selectors.nomination_detail(request.user, nomination_id)
    prior = selectors.prior_awards_of(
        request.user,
        recipient_kind=nomination.recipient_kind,
        citizen_id=nomination.recipient_citizen_id,
        unit_id=nomination.recipient_unit_id,
        name=nomination.recipient_name,
        path=nomination.recipient_path,
    )
    can_review = user_allows(request.user, "awards.review") and nomination.status == NominationStatus.PROPOSED
    context = {
        "nomination": nomination,
        "issuer_label": rules.ISSUER_LABELS.get(rules.Issuer(nomination.issuer), nomination.issuer),
        "award": page_queries.nomination_award(nomination),
        "prior": list(prior[:20]),
        "can_review": can_review,
        "review_form": ReviewForm(
            initial={"reviewed_on": today(), "nominations": [nomination.pk]},
            nominations=selectors.nominations(request.user),
        )
        if can_review
        else None,
    }
    return render(request, "awards/nomination_detail.html", context)


# -- the council's review ----------------------------------------------------------------------------


def _back(request: HttpRequest) -> str:
    """Where a review sent from a nomination's page returns (only a page of this site)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("awards:nomination-review")


@requires("awards.review")
def nomination_review(request: HttpRequest) -> HttpResponseBase:
    """The proposed nominations in reach; the ticked ones agreed, refused or returned at once."""
    place = place_of(request)
    waiting = page_queries.nomination_list(request.user, path=place.path, status=NominationStatus.PROPOSED)
    form = ReviewForm(
        request.POST or None,
        initial={"reviewed_on": today(), "outcome": ReviewOutcome.AGREE.value},
        nominations=selectors.nominations(request.user, status=NominationStatus.PROPOSED),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen: list[Nomination] = list(data["nominations"])
        try:
            services.review_nominations(
                actor=request.user,
                nominations=chosen,
                outcome=data["outcome"],
                reviewed_on=data["reviewed_on"],
                opinion=data["review_opinion"],
            )
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            outcome = OUTCOME_DONE[ReviewOutcome(data["outcome"])]
            messages.success(request, f"Đã xét {len(chosen)} đề nghị: {outcome}.")
            return redirect(_back(request))
    posted = {str(v) for v in request.POST.getlist("nominations")}
    context = {
        "place": place,
        "form": form,
        "page": page_of(request, waiting, REVIEW_PAGE_SIZE),
        "picked": posted,
        "next": request.POST.get("next", ""),
    }
    return render(request, "awards/nomination_review.html", context)


urlpatterns = [
    path("de-nghi/", nomination_list, name="nomination-list"),
    path("de-nghi/them/", nomination_create, name="nomination-create"),
    path("de-nghi/hinh-thuc/", form_options, name="form-options"),
    path("de-nghi/cong-dan/", citizen_options, name="citizen-options"),
    path("de-nghi/xet/", nomination_review, name="nomination-review"),
    path("de-nghi/<int:nomination_id>/", nomination_detail, name="nomination-detail"),
]
