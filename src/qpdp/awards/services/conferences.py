"""Review conferences (hội nghị sơ kết, tổng kết): recorded and corrected, tied to a unit and a period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qpdp.awards.choices import ConferenceKind
from qpdp.awards.models import Conference
from qpdp.awards.services.checks import (
    NOT_FOUND_RECORD,
    collect,
    period_of,
    problem,
    raise_if,
    record,
    refuse,
    text,
    unit_exists_on,
    unit_problem,
    units_note,
    user_or_none,
)
from qpdp.core import audit
from qpdp.core.periods import Period
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path

CONFERENCE_NOT_FOUND = NOT_FOUND_RECORD.format(what="hội nghị")
UNKNOWN_CONFERENCE_KIND = "Loại hội nghị phải là sơ kết, tổng kết hoặc chuyên đề."
HELD_BEFORE_PERIOD = (
    "Hội nghị ngày {day:%d/%m/%Y} không thể sơ kết, tổng kết {period} (bắt đầu {start:%d/%m/%Y})."
)
DEFAULT_TITLE = "Hội nghị {kind} công tác quân sự, quốc phòng địa phương {period}"

CONFERENCE_FIELDS = [
    "unit",
    "kind",
    "period_code",
    "title",
    "held_on",
    "place",
    "organiser",
    "chair_name",
    "chair_title",
    "presiding",
    "attendees",
    "presentations",
    "conclusions",
    "tasks",
]


@dataclass(frozen=True)
class ConferenceInput:
    unit: Unit
    kind: str
    period_code: str
    held_on: dt.date
    # Empty: "Hội nghị tổng kết công tác quân sự, quốc phòng địa phương năm 2026".
    title: str = ""
    place: str = ""
    organiser: str = ""
    chair_name: str = ""
    chair_title: str = ""
    presiding: str = ""
    attendees: str = ""
    attending_units: Sequence[Unit] = ()
    presentations: str = ""
    conclusions: str = ""
    tasks: str = ""


def _check(actor: Any, data: ConferenceInput) -> Period:
    scope = unit_problem(actor, data.unit, "unit")
    if scope is not None:
        raise_if([scope])
    period, bad_period = period_of(data.period_code, None)
    problems = collect(bad_period, unit_exists_on(data.unit, data.held_on, "unit"))
    if data.kind not in ConferenceKind.values:
        problems.append(problem("kind", UNKNOWN_CONFERENCE_KIND))
    if period is not None and data.held_on < period.start:
        message = HELD_BEFORE_PERIOD.format(day=data.held_on, period=period.label, start=period.start)
        problems.append(problem("held_on", message))
    raise_if(problems)
    assert period is not None
    return period


def _write(conference: Conference, data: ConferenceInput, period: Period) -> None:
    kind_label = ConferenceKind(data.kind).label.lower()
    conference.unit = data.unit
    conference.unit_path = data.unit.path
    conference.kind = data.kind
    conference.period_code = period.code
    conference.title = text(data.title, 300) or DEFAULT_TITLE.format(kind=kind_label, period=period.label)
    conference.held_on = data.held_on
    conference.place = text(data.place, 255)
    conference.organiser = text(data.organiser, 200)
    conference.chair_name = text(data.chair_name, 100)
    conference.chair_title = text(data.chair_title, 200)
    conference.presiding = text(data.presiding)
    conference.attendees = text(data.attendees)
    conference.presentations = text(data.presentations)
    conference.conclusions = text(data.conclusions)
    conference.tasks = text(data.tasks)
    conference.save()
    conference.attending_units.set(list(data.attending_units))


@transaction.atomic
def record_conference(*, actor: Any, data: ConferenceInput) -> Conference:
    """Record a review conference of a unit for a period (the period report and the news article are
    later written from it)."""
    period = _check(actor, data)
    conference = Conference(created_by=user_or_none(actor))
    _write(conference, data, period)
    record(
        actor,
        "awards.conference.recorded",
        conference,
        CONFERENCE_FIELDS,
        note=units_note(data.attending_units),
    )
    return conference


@transaction.atomic
def update_conference(*, actor: Any, conference: Conference, data: ConferenceInput) -> Conference:
    """Correct a conference: its particulars, conclusions and tasks."""
    if not can_see_path(actor, conference.unit_path):
        raise refuse("conference", CONFERENCE_NOT_FOUND)
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    period = _check(actor, data)
    before = audit.snapshot(conference, CONFERENCE_FIELDS)
    _write(conference, data, period)
    record(
        actor,
        "awards.conference.updated",
        conference,
        CONFERENCE_FIELDS,
        before=before,
        note=units_note(data.attending_units),
    )
    return conference
