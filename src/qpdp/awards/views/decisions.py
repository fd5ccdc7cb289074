"""Award decision pages: list, deciding, one decision, its document, signing, presenting, revoking."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from qpdp.awards import documents, page_queries, rules, selectors, services
from qpdp.awards.choices import DecisionStatus, NominationStatus
from qpdp.awards.forms import DecideForm, PresentForm, RevokeForm, SignForm, money_name
from qpdp.awards.models import AwardDecision
from qpdp.awards.views.common import NO_UNIT, list_page, place_of, today
from qpdp.core import documents as official
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows

FORMATS = ("pdf", "docx")
# A decision may be presented at a conference recorded shortly before it is typed in.
RECENT_CONFERENCE = dt.timedelta(days=90)
SUBJECT = "đã có thành tích xuất sắc trong công tác quân sự, quốc phòng địa phương năm {year}"


@requires("awards.view")
def decision_list(request: HttpRequest) -> HttpResponseBase:
    return list_page(
        request,
        "awards/decision_list.html",
        page_queries.decision_list,
        DecisionStatus,
        can_decide="awards.decide",
    )


# -- deciding ----------------------------------------------------------------------------------------


@requires("awards.decide")
def decision_create(request: HttpRequest) -> HttpResponseBase:
    """The agreed nominations addressed to the chosen issuer under the working unit; the ticked ones
    become the lines of one decision of that unit."""
    place = place_of(request)
    unit = place.unit
    if unit is None:
        raise Http404(NO_UNIT)
    day = today()
    source: Any = request.POST if request.method == "POST" else request.GET
    issuer = source.get("issuer") or page_queries.default_issuer(unit).value
    listed = list(
        page_queries.nomination_list(
            request.user, path=unit.path, status=NominationStatus.REVIEWED, issuer=issuer
        )
    )
    try:
        title = rules.signature_of(rules.Issuer(issuer), day)[1]
    except ValueError:
        title = ""
    form = DecideForm(
        request.POST or None,
        initial={
            "issuer": issuer,
            "decided_on": day,
            "signer_title": title,
            "signer_name": getattr(request.user, "full_name", ""),
            "subject": SUBJECT.format(year=day.year),
            "nominations": [n.pk for n in listed],
        },
        nominations=selectors.nominations(request.user, status=NominationStatus.REVIEWED),
        listed=listed,
        campaigns=page_queries.campaign_choices(request.user, unit),
        conferences=page_queries.conference_choices(request.user, held_from=day - RECENT_CONFERENCE),
        issuers=page_queries.issuers_on(day),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(data["nominations"])
        try:
            decision = services.decide_awards(
                actor=request.user,
                data=services.DecisionInput(
                    issuing_unit=unit,
                    issuer=data["issuer"],
                    decided_on=data["decided_on"],
                    number=data["number"],
                    signer_name=data["signer_name"],
                    signer_title=data["signer_title"],
                    subject=data["subject"],
                    campaign=data["campaign"],
                    conference=data["conference"],
                    draft=data["draft"],
                ),
                lines=[services.AwardLine(nomination=n, money=form.money_of(n)) for n in chosen],
            )
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            state = "dự thảo" if decision.status == DecisionStatus.DRAFT else f"số {decision.number}"
            messages.success(
                request, f"Đã lập quyết định khen thưởng {state} cho {len(chosen)} tập thể, cá nhân."
            )
            return redirect("awards:decision-detail", decision_id=decision.pk)
    posted = request.POST.getlist("nominations") if request.method == "POST" else None
    rows = [
        {
            "nomination": n,
            "picked": str(n.pk) in posted if posted is not None else True,
            "money": form[money_name(n.pk)],
        }
        for n in listed
    ]
    context = {"form": form, "place": place, "rows": rows, "issuer": issuer}
    return render(request, "awards/decision_form.html", context)


# -- one decision ------------------------------------------------------------------------------------


def _detail(
    request: HttpRequest,
    decision_id: int,
    *,
    sign_form: SignForm | None = None,
    present_form: PresentForm | None = None,
    revoke_form: RevokeForm | None = None,
) -> HttpResponseBase:
    detail = selectors.decision_detail(request.user, decision_id)
    decision = detail.decision
    day = today()
    can_decide = user_allows(request.user, "awards.decide")
    context: dict[str, Any] = {
        "decision": decision,
        "lines": detail.lines,
        "summary": detail.summary,
        "issuer_label": rules.ISSUER_LABELS.get(rules.Issuer(decision.issuer), decision.issuer),
        "total_money": sum(a.money for a in detail.lines if a.revoked_on is None),
        "can_decide": can_decide,
        "is_draft": decision.status == DecisionStatus.DRAFT,
    }
    if can_decide:
        context["sign_form"] = sign_form or SignForm(
            initial={
                "decided_on": day,
                "signer_title": decision.signer_title,
                "signer_name": decision.signer_name,
                "number": decision.number,
            }
        )
        context["present_form"] = present_form or PresentForm(
            initial={"conference": decision.conference_id, "presented_on": decision.presented_on},
            conferences=page_queries.conference_choices(request.user, held_from=decision.decided_on),
        )
        context["revoke_form"] = revoke_form or RevokeForm(
            initial={"revoked_on": day}, awards=page_queries.revocable_awards(decision)
        )
    return render(request, "awards/decision_detail.html", context)


def _decision(request: HttpRequest, decision_id: int) -> AwardDecision:
    return selectors.decision_detail(request.user, decision_id).decision


@requires("awards.view")
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponseBase:
    return _detail(request, decision_id)


@requires("awards.view")
def decision_document(request: HttpRequest, decision_id: int) -> HttpResponseBase:
    """The decision as an official document (Nghị định 30/2020/NĐ-CP): PDF to print, DOCX to edit."""
    fmt = request.GET.get("format") or "pdf"
    if fmt not in FORMATS:
        raise Http404
    decision = _decision(request, decision_id)
    content, content_type, extension = official.render(documents.decision_document(decision), fmt)
    number = re.sub(r"\W+", "-", decision.number).strip("-") or f"du-thao-{decision.pk}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = official.content_disposition(
        f"quyet-dinh-khen-thuong-{number}.{extension}"
    )
    return response


@requires("awards.decide")
@require_POST
def decision_sign(request: HttpRequest, decision_id: int) -> HttpResponseBase:
    decision = _decision(request, decision_id)
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            services.sign_decision(actor=request.user, decision=decision, **form.cleaned_data)
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            messages.success(request, f"Đã ký quyết định số {form.cleaned_data['number']}.")
            return redirect("awards:decision-detail", decision_id=decision.pk)
    return _detail(request, decision_id, sign_form=form)


@requires("awards.decide")
@require_POST
def decision_present(request: HttpRequest, decision_id: int) -> HttpResponseBase:
    decision = _decision(request, decision_id)
    form = PresentForm(
        request.POST, conferences=page_queries.conference_choices(request.user, held_from=decision.decided_on)
    )
    if form.is_valid():
        try:
            services.present_awards(
                actor=request.user,
                decision=decision,
                presented_on=form.cleaned_data["presented_on"],
                conference=form.cleaned_data["conference"],
            )
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            messages.success(request, "Đã ghi việc trao khen thưởng.")
            return redirect("awards:decision-detail", decision_id=decision.pk)
    return _detail(request, decision_id, present_form=form)


@requires("awards.decide")
@require_POST
def award_revoke(request: HttpRequest, decision_id: int) -> HttpResponseBase:
    decision = _decision(request, decision_id)
    form = RevokeForm(request.POST, awards=page_queries.revocable_awards(decision))
    if form.is_valid():
        data = form.cleaned_data
        try:
            award = services.revoke_award(
                actor=request.user,
                award=data["award"],
                revoked_on=data["revoked_on"],
                reason=data["revocation_reason"],
                revocation_number=data["revocation_number"],
            )
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            messages.success(request, f"Đã hủy bỏ khen thưởng của {award.recipient_name}.")
            return redirect("awards:decision-detail", decision_id=decision.pk)
    return _detail(request, decision_id, revoke_form=form)


urlpatterns = [
    path("quyet-dinh/", decision_list, name="decision-list"),
    path("quyet-dinh/them/", decision_create, name="decision-create"),
    path("quyet-dinh/<int:decision_id>/", decision_detail, name="decision-detail"),
    path("quyet-dinh/<int:decision_id>/van-ban/", decision_document, name="decision-document"),
    path("quyet-dinh/<int:decision_id>/ky/", decision_sign, name="decision-sign"),
    path("quyet-dinh/<int:decision_id>/trao/", decision_present, name="decision-present"),
    path("quyet-dinh/<int:decision_id>/huy-bo/", award_revoke, name="award-revoke"),
]
