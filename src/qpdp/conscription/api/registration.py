"""Military-service API of registrations: the list in scope, and every kind of registration act."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from qpdp.conscription import selectors, services
from qpdp.conscription import serializers as shapes
from qpdp.conscription.api.common import (
    COMMUNE_FILTER,
    _body,
    _checked_year,
    _created,
    _list_schema,
    _ListApi,
    _refuse,
    _today_or,
)
from qpdp.conscription.choices import REMOVAL_GROUNDS, RegistrationKind
from qpdp.conscription.models import Registration
from qpdp.core.access import requires
from qpdp.org.models import Unit
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_detail

REGISTERED_OUTSIDE_YEAR = "Ngày đăng ký {day:%d/%m/%Y} không thuộc năm {year}."
TO_COMMUNE_REQUIRED = "Ghi mã xã, phường chuyển đến (to_commune)."
COMMUNE_NOT_FOUND = "Không có xã, phường nào mã “{code}”."
ARRIVAL_REQUIRED = "Ghi ngày đến (event_on) để tính thời hạn đăng ký."
RETURN_REQUIRED = "Ghi ngày trở về (event_on) để tính thời hạn đăng ký."
REMOVAL_GROUND = "Lý do xóa đăng ký (reason) phải là một trong: {choices}."


def _commune_named(field: str, code: str) -> Unit:
    """The commune at the other end of a move, by code, anywhere in the country (or a 400)."""
    commune = selectors.commune_by_code(code)
    if commune is None:
        raise _refuse(field, COMMUNE_NOT_FOUND.format(code=code))
    return commune


@requires("conscription.view")
@_list_schema(
    "registrations",
    shapes.page_of("RegistrationPage", shapes.RegistrationOutputSerializer()),
    [
        COMMUNE_FILTER,
        OpenApiParameter("year", int, description="năm đăng ký"),
        OpenApiParameter("kind", str, enum=RegistrationKind.values),
    ],
)
class RegistrationListApi(_ListApi):
    method_access = {"POST": "conscription.change"}
    selector = staticmethod(selectors.registrations)
    output = shapes.RegistrationOutputSerializer
    year_field = "registered_on__year"
    choices = {"kind": RegistrationKind.values}

    @extend_schema(
        operation_id="conscription_registrations_create",
        request=shapes.RegistrationInputSerializer,
        responses={201: shapes.RegistrationOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.RegistrationInputSerializer)
        citizen = citizen_detail(user=request.user, citizen_id=data["citizen"])
        year = _checked_year(data["year"])
        registered_on = _today_or(data["registered_on"])
        if registered_on.year != year:
            raise _refuse("registered_on", REGISTERED_OUTSIDE_YEAR.format(day=registered_on, year=year))
        registration = self._register(request.user, citizen, data, registered_on)
        # The act stays with the commune that registered it, even when a move out hands the man on.
        return _created(
            shapes.RegistrationOutputSerializer,
            selectors.registrations(user=request.user).get(pk=registration.pk),
        )

    @staticmethod
    def _register(actor: Any, citizen: Citizen, data: dict[str, Any], registered_on: dt.date) -> Registration:
        kind, event_on = data["kind"], data["event_on"]
        if kind == RegistrationKind.FIRST:
            return services.register_first(
                actor=actor,
                citizen=citizen,
                registered_on=registered_on,
                channel=data["channel"],
                certificate_number=data["certificate_number"],
            )
        if kind == RegistrationKind.SUPPLEMENTARY:
            return services.register_supplementary(
                actor=actor,
                citizen=citizen,
                registered_on=registered_on,
                reason=data["reason"],
                channel=data["channel"],
            )
        if kind == RegistrationKind.MOVE_OUT:
            code = data["to_commune"].strip()
            if not code:
                raise _refuse("to_commune", TO_COMMUNE_REQUIRED)
            return services.register_move_out(
                actor=actor,
                citizen=citizen,
                to_commune=_commune_named("to_commune", code),
                left_on=event_on or registered_on,
                registered_on=registered_on,
            )
        if kind == RegistrationKind.MOVE_IN:
            if event_on is None:
                raise _refuse("event_on", ARRIVAL_REQUIRED)
            code = data["from_commune"].strip()
            from_commune = _commune_named("from_commune", code) if code else None
            return services.register_move_in(
                actor=actor,
                citizen=citizen,
                arrived_on=event_on,
                registered_on=registered_on,
                from_commune=from_commune,
            )
        if kind == RegistrationKind.ABSENCE:
            return services.register_absence(
                actor=actor,
                citizen=citizen,
                left_on=event_on or registered_on,
                registered_on=registered_on,
                reason=data["reason"],
            )
        if kind == RegistrationKind.RETURN:
            if event_on is None:
                raise _refuse("event_on", RETURN_REQUIRED)
            return services.register_return(
                actor=actor, citizen=citizen, returned_on=event_on, registered_on=registered_on
            )
        if data["reason"].strip() not in REMOVAL_GROUNDS:
            choices = ", ".join(f"{code} ({label})" for code, label in REMOVAL_GROUNDS.items())
            raise _refuse("reason", REMOVAL_GROUND.format(choices=choices))
        return services.remove_registration(
            actor=actor, citizen=citizen, removed_on=registered_on, ground=data["reason"].strip()
        )
