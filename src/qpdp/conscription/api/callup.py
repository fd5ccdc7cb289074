"""Military-service API of call-up: handovers, selection, decisions, orders and outcomes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from qpdp.conscription import selectors, services
from qpdp.conscription import serializers as shapes
from qpdp.conscription.api.common import (
    COMMUNE_FILTER,
    YEAR_FILTER,
    _body,
    _checked_year,
    _created,
    _fields,
    _list_schema,
    _ListApi,
    _own_unit_code,
    _refuse,
    _today_or,
)
from qpdp.conscription.choices import CallUpStatus
from qpdp.conscription.models import CallUp, Handover, Intake
from qpdp.core.access import requires
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.scope import primary_path
from qpdp.org.selectors import unit_detail
from qpdp.people.models import Citizen

NO_INTAKE = "Tỉnh chưa mở đợt tuyển quân năm {year}."
NO_ORGANISER = "Ghi mã đơn vị tổ chức lễ giao nhận quân (organiser)."
ORDER_TARGET_REQUIRED = "Ghi danh sách công dân (citizens) hoặc danh sách gọi nhập ngũ (callups)."
ORDER_TARGET_BOTH = "Chỉ ghi một trong hai danh sách: citizens hoặc callups."
NOT_CALLED = "{name}: chưa được chọn gọi nhập ngũ năm {year}."
CALLUP_OTHER_YEAR = "{name}: thuộc đợt tuyển quân năm {other}, không phải năm {year}."
NAMED_TWICE = "Mỗi công dân chỉ ghi một lần trong danh sách: {names}."
HANDOVER_NOT_FOUND = "Không có lễ giao nhận quân mã {id} của đợt tuyển quân này."


# -- finding what a body names ------------------------------------------------------------------------


def _handover_of(intake_id: int, handover_id: int) -> Handover:
    handover = selectors.intake_handover(intake_id=intake_id, handover_id=handover_id)
    if handover is None:
        raise _refuse("handover", HANDOVER_NOT_FOUND.format(id=handover_id))
    return handover


def _visible_citizens(user: Any, ids: Iterable[int]) -> dict[int, Citizen]:
    """Every named citizen, or 404: one outside the scope is reported like one that does not exist."""
    wanted = set(ids)
    found = selectors.visible_citizens(user=user, ids=wanted)
    if set(found) != wanted:
        raise Http404
    return found


def _visible_callups(user: Any, ids: Sequence[int]) -> list[CallUp]:
    found = {c.pk: c for c in selectors.callups(user=user).filter(pk__in=set(ids))}
    if set(found) != set(ids):
        raise Http404
    return [found[i] for i in dict.fromkeys(ids)]


def _callups_answer(user: Any, callups: Iterable[CallUp]) -> Response:
    """The call-ups a batch act wrote, read back in one query, in the order they were named."""
    ids = [c.pk for c in callups]
    rows = {c.pk: c for c in selectors.callups(user=user).filter(pk__in=ids)}
    items = shapes.CallUpOutputSerializer([rows[i] for i in ids], many=True).data
    return Response({"items": items}, status=status.HTTP_201_CREATED)


# -- handovers --------------------------------------------------------------------------------------


@requires("conscription.view")
@_list_schema("handovers", shapes.page_of("HandoverPage", shapes.HandoverOutputSerializer()), [YEAR_FILTER])
class HandoverListApi(_ListApi):
    method_access = {"POST": "conscription.handover"}
    selector = staticmethod(selectors.handovers)
    output = shapes.HandoverOutputSerializer
    commune_field = None
    year_field = "intake__year"

    @extend_schema(
        operation_id="conscription_handovers_create",
        request=shapes.HandoverInputSerializer,
        responses={201: shapes.HandoverOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.HandoverInputSerializer)
        year = _checked_year(data["year"])
        # By default the caller's own unit organises: the province for its officers, the first commune
        # of a regional command's jurisdiction for the command's officers.
        code = data["organiser"].strip()
        if not code:
            if primary_path(request.user).count("/") < 2:  # the nation's own officers name the unit
                raise _refuse("organiser", NO_ORGANISER)
            code = _own_unit_code(request.user)
        organiser = unit_detail(user=request.user, code=code)
        intake = selectors.intake_of(organiser.path, year, data["round"])
        if intake is None:
            raise _refuse("year", NO_INTAKE.format(year=year))
        with _fields(unit="organiser"):
            handover = services.create_handover(
                actor=request.user,
                intake=intake,
                organiser=organiser,
                held_on=data["held_on"],
                place=data["place"],
                receiving_units=data["receiving_units"],
            )
        return _created(
            shapes.HandoverOutputSerializer, selectors.handovers(user=request.user).get(pk=handover.pk)
        )


# -- call-up: selection, decision, orders, outcomes --------------------------------------------------

_CALLUP_FILTERS = [COMMUNE_FILTER, YEAR_FILTER, OpenApiParameter("status", str, enum=CallUpStatus.values)]
_CALLUP_PAGE = shapes.page_of("CallUpPage", shapes.CallUpOutputSerializer())


def _callup_list_schema(plural: str, description: str = "") -> Any:
    """The schema of a call-up list: `conscription_<plural>_list`, filtered like every call-up list."""
    return _list_schema(plural, _CALLUP_PAGE, _CALLUP_FILTERS, description)


# The call-ups in scope at one step of the cycle (`rows`), and the act of that step (POST).
class _CallUpListApi(_ListApi):
    selector = staticmethod(selectors.callups)
    output = shapes.CallUpOutputSerializer
    year_field = "intake__year"
    choices = {"status": CallUpStatus.values}


@requires("conscription.view")
@_callup_list_schema("selections")
class SelectionListApi(_CallUpListApi):
    method_access = {"POST": "conscription.change"}

    @extend_schema(
        operation_id="conscription_selections_create",
        request=shapes.SelectionInputSerializer,
        responses={201: shapes.CallUpListSerializer},
        description="Hội đồng NVQS cấp xã chọn công dân gọi nhập ngũ; tất cả hoặc không ai.",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.SelectionInputSerializer)
        year = _checked_year(data["year"])
        ids = [item["id"] for item in data["citizens"]]
        citizens = _visible_citizens(request.user, ids)
        twice = [citizens[i].full_name for i, n in Counter(ids).items() if n > 1]
        if twice:
            raise _refuse("citizens", NAMED_TWICE.format(names=", ".join(twice)))
        by_intake: dict[int, tuple[Intake, list[services.Selection]]] = {}
        for item in data["citizens"]:
            citizen = citizens[item["id"]]
            intake = selectors.intake_of(citizen.unit_path, year)
            if intake is None:
                raise _refuse("year", NO_INTAKE.format(year=year))
            by_intake.setdefault(intake.pk, (intake, []))[1].append(
                services.Selection(
                    citizen=citizen,
                    service=item["service"],
                    volunteer=item["volunteer"],
                    party_member=item["party_member"],
                    reserve=item["reserve"],
                    short_quota_approved=item["short_quota_approved"],
                )
            )
        selected: list[CallUp] = []
        with transaction.atomic(), _fields(citizen="citizens"):
            for intake, choices in by_intake.values():
                selected += services.select_citizens(
                    actor=request.user,
                    intake=intake,
                    selections=choices,
                    selected_on=_today_or(data["selected_on"]),
                )
        return _callups_answer(request.user, selected)


@requires("conscription.view")
@_callup_list_schema("decisions", "Các trường hợp đã có quyết định gọi nhập ngũ.")
class DecisionListApi(_CallUpListApi):
    method_access = {"POST": "conscription.decide"}

    def rows(self, request: Request) -> QuerySet[Any]:
        return super().rows(request).exclude(decision_number="")

    @extend_schema(
        operation_id="conscription_decisions_create",
        request=shapes.DecisionInputSerializer,
        responses={201: shapes.CallUpListSerializer},
        description="Quyết định gọi công dân nhập ngũ (Chủ tịch UBND cấp tỉnh từ 01/07/2025).",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.DecisionInputSerializer)
        callups = _visible_callups(request.user, data["callups"])
        with _fields(callup="callups"):
            decided = services.decide_callup(
                actor=request.user,
                callups=callups,
                decision_number=data["decision_number"],
                decided_on=_today_or(data["decided_on"]),
            )
        return _callups_answer(request.user, decided)


@requires("conscription.view")
@_callup_list_schema("orders", "Danh sách gọi nhập ngũ với số lệnh, ngày ký, ngày và nơi có mặt.")
class OrderListApi(_CallUpListApi):
    method_access = {"POST": "conscription.change"}

    @extend_schema(
        operation_id="conscription_orders_create",
        request=shapes.OrderInputSerializer,
        responses={201: shapes.CallUpListSerializer},
        description="Lệnh gọi nhập ngũ cho các công dân (citizens) hoặc các trường hợp (callups) của đợt "
        "tuyển quân năm `year`; người không đủ điều kiện hoặc đã nhập ngũ không được cấp lệnh.",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.OrderInputSerializer)
        year = _checked_year(data["year"])
        if data["citizens"] and data["callups"]:
            raise _refuse("citizens", ORDER_TARGET_BOTH)
        if not data["citizens"] and not data["callups"]:
            raise _refuse("citizens", ORDER_TARGET_REQUIRED)
        field = "citizens" if data["citizens"] else "callups"
        callups = self._callups(request.user, year, data["citizens"], data["callups"])
        with _fields(callup=field, citizen=field):
            ordered = services.issue_orders(
                actor=request.user,
                callups=callups,
                signed_on=_today_or(data["signed_on"]),
                report_on=data["report_on"],
                report_place=data["report_place"],
                signer_name=data["signer_name"],
            )
        return _callups_answer(request.user, ordered)

    @staticmethod
    def _callups(user: Any, year: int, citizen_ids: list[int], callup_ids: list[int]) -> list[CallUp]:
        if callup_ids:
            callups = _visible_callups(user, callup_ids)
            for callup in callups:
                if callup.intake.year != year:
                    raise _refuse(
                        "callups",
                        CALLUP_OTHER_YEAR.format(
                            name=callup.citizen.full_name, other=callup.intake.year, year=year
                        ),
                    )
            return callups
        citizens = _visible_citizens(user, citizen_ids)
        found = {
            c.citizen_id: c
            for c in selectors.callups(user=user).filter(citizen_id__in=list(citizens), intake__year=year)
        }
        problems = [
            FieldProblem("citizens", NOT_CALLED.format(name=citizens[i].full_name, year=year))
            for i in dict.fromkeys(citizen_ids)
            if i not in found
        ]
        if problems:
            raise DomainError(problems)
        return [found[i] for i in dict.fromkeys(citizen_ids)]


@requires("conscription.view")
@_callup_list_schema("outcomes", "Các trường hợp đã có kết quả: nhập ngũ, không có mặt, trả về sau phúc tra.")
class OutcomeListApi(_CallUpListApi):
    method_access = {"POST": "conscription.change"}

    def rows(self, request: Request) -> QuerySet[Any]:
        return super().rows(request).filter(outcome_on__isnull=False)

    @extend_schema(
        operation_id="conscription_outcomes_create",
        request=shapes.OutcomeInputSerializer,
        responses={201: shapes.CallUpOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.OutcomeInputSerializer)
        [callup] = _visible_callups(request.user, [data["callup"]])
        handover = _handover_of(callup.intake_id, data["handover"]) if data["handover"] else None
        with _fields(outcome_reason="reason"):
            recorded = services.record_outcome(
                actor=request.user,
                callup=callup,
                outcome=data["outcome"],
                on=_today_or(data["on"]),
                reason=data["reason"],
                handover=handover,
                receiving_unit=data["receiving_unit"],
            )
        return _created(
            shapes.CallUpOutputSerializer, selectors.callups(user=request.user).get(pk=recorded.pk)
        )
