"""Review conference pages: list, recording, the awards presented there, attaching a decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from qpdp.awards import page_queries, selectors, services
from qpdp.awards.choices import ConferenceKind
from qpdp.awards.forms import AttachForm, ConferenceForm
from qpdp.awards.models import Conference
from qpdp.awards.views.common import NO_UNIT, list_page, place_of, today
from qpdp.core.access import requires
from qpdp.core.errors import DomainError
from qpdp.org.access import user_allows

FORM_FIELDS = (
    "kind",
    "period_code",
    "held_on",
    "title",
    "place",
    "organiser",
    "chair_name",
    "chair_title",
    "presiding",
    "attendees",
    "presentations",
    "conclusions",
    "tasks",
)


@requires("awards.view")
def conference_list(request: HttpRequest) -> HttpResponseBase:
    return list_page(
        request,
        "awards/conference_list.html",
        page_queries.conference_list,
        ConferenceKind,
        field="kind",
        choices_name="kinds",
        can_change="awards.change",
    )


def _conference_form(request: HttpRequest, conference: Conference | None) -> ConferenceForm:
    unit = conference.unit if conference else place_of(request).unit
    if unit is None:
        raise Http404(NO_UNIT)
    day = today()
    if conference is not None:
        initial: dict[str, Any] = {name: getattr(conference, name) for name in FORM_FIELDS}
        initial["attending_units"] = [u.pk for u in conference.attending_units.all()]
    else:
        initial = {"kind": ConferenceKind.TONG_KET.value, "period_code": str(day.year), "held_on": day}
    return ConferenceForm(
        request.POST or None,
        initial=initial,
        units=page_queries.visible_units(request.user),
        shown=page_queries.units_around(request.user, unit, on=conference.held_on if conference else day),
    )


def _save(request: HttpRequest, form: ConferenceForm, conference: Conference | None) -> Conference | None:
    unit = conference.unit if conference else place_of(request).unit
    assert unit is not None
    data = services.ConferenceInput(unit=unit, **form.cleaned_data)
    try:
        if conference is None:
            return services.record_conference(actor=request.user, data=data)
        return services.update_conference(actor=request.user, conference=conference, data=data)
    except DomainError as refusal:
        form.show_refusal(refusal)
        return None


@requires("awards.change")
def conference_create(request: HttpRequest) -> HttpResponseBase:
    form = _conference_form(request, None)
    if request.method == "POST" and form.is_valid():
        conference = _save(request, form, None)
        if conference is not None:
            messages.success(request, f"Đã ghi {conference.title}.")
            return redirect("awards:conference-detail", conference_id=conference.pk)
    context = {"form": form, "conference": None, "place": place_of(request)}
    return render(request, "awards/conference_form.html", context)


@requires("awards.change")
def conference_edit(request: HttpRequest, conference_id: int) -> HttpResponseBase:
    conference = selectors.conference_detail(request.user, conference_id).conference
    form = _conference_form(request, conference)
    if request.method == "POST" and form.is_valid() and _save(request, form, conference) is not None:
        messages.success(request, "Đã lưu thay đổi của hội nghị.")
        return redirect("awards:conference-detail", conference_id=conference.pk)
    context = {"form": form, "conference": conference, "place": place_of(request)}
    return render(request, "awards/conference_form.html", context)


def _detail(
    request: HttpRequest, conference_id: int, *, attach_form: AttachForm | None = None
) -> HttpResponseBase:
    detail = selectors.conference_detail(request.user, conference_id)
    conference = detail.conference
    can_change = user_allows(request.user, "awards.change")
    lines = page_queries.decision_lines(detail.decisions)
    context: dict[str, Any] = {
        "conference": conference,
        "kind_label": ConferenceKind(conference.kind).label,
        "summary": [line for line in detail.summary if line.total],
        "decisions": [(d, lines.get(d.pk, [])) for d in detail.decisions],
        "attending_units": list(conference.attending_units.all()),
        "can_change": can_change,
    }
    if can_change:
        context["attach_form"] = attach_form or AttachForm(
            decisions=page_queries.attachable_decisions(request.user, conference)
        )
    return render(request, "awards/conference_detail.html", context)


@requires("awards.view")
def conference_detail(request: HttpRequest, conference_id: int) -> HttpResponseBase:
    return _detail(request, conference_id)


@requires("awards.change")
@require_POST
def conference_attach(request: HttpRequest, conference_id: int) -> HttpResponseBase:
    """A decision whose awards are (to be) presented at this conference."""
    conference = selectors.conference_detail(request.user, conference_id).conference
    form = AttachForm(request.POST, decisions=page_queries.attachable_decisions(request.user, conference))
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            services.attach_decision_to_conference(
                actor=request.user, decision=decision, conference=conference
            )
        except DomainError as refusal:
            form.show_refusal(refusal)
        else:
            messages.success(request, f"Đã gắn {decision} vào hội nghị.")
            return redirect("awards:conference-detail", conference_id=conference.pk)
    return _detail(request, conference_id, attach_form=form)


urlpatterns = [
    path("hoi-nghi/", conference_list, name="conference-list"),
    path("hoi-nghi/them/", conference_create, name="conference-create"),
    path("hoi-nghi/<int:conference_id>/", conference_detail, name="conference-detail"),
    path("hoi-nghi/<int:conference_id>/sua/", conference_edit, name="conference-edit"),
    path("hoi-nghi/<int:conference_id>/gan-quyet-dinh/", conference_attach, name="conference-attach"),
]
