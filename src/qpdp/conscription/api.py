"""Military-service REST API under /api/v1/conscription/: status, registration, health, reliefs, call-up.

Each operation parses its body with a serializer of `serializers.py`, finds what it names within the
caller's scope through `selectors` (out of scope is 404, as for a record that does not exist), calls
one service and answers with an output serializer. A service's refusal (`DomainError`) becomes a 400
in the project's single error shape, its problems renamed to the fields of the body the caller sent.
Every list is a `_ListApi`: a scoped selector narrowed by the query string, one keyset page at a time.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from qpdp.conscription import rules, selectors, services
from qpdp.conscription import serializers as shapes
from qpdp.conscription.choices import (
    REMOVAL_GROUNDS,
    CallUpStatus,
    ExamStage,
    RegistrationKind,
    ReliefKind,
    Service,
)
from qpdp.conscription.models import CallUp, Handover, Intake, Registration
from qpdp.core.access import requires
from qpdp.core.api_pagination import page_response, requested_limit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import primary_path
from qpdp.org.selectors import unit_detail, units_under
from qpdp.people.models import Citizen
from qpdp.people.selectors import citizen_detail

FIRST_YEAR, LAST_YEAR = 2016, 2100  # Luật NVQS 2015 is in force from 01/01/2016

YEAR_REQUIRED = "Ghi năm tuyển quân (year), ví dụ year=2026."
YEAR_INVALID = "Năm “{value}” không hợp lệ; ghi năm từ 2016 đến 2100."
CHOICE_INVALID = "Giá trị “{value}” không hợp lệ; chọn một trong: {choices}."
CURSOR_INVALID = "Con trỏ trang (cursor) không hợp lệ; dùng đúng liên kết “next” của trang trước."
REGISTERED_OUTSIDE_YEAR = "Ngày đăng ký {day:%d/%m/%Y} không thuộc năm {year}."
TO_COMMUNE_REQUIRED = "Ghi mã xã, phường chuyển đến (to_commune)."
COMMUNE_NOT_FOUND = "Không có xã, phường nào mã “{code}”."
ARRIVAL_REQUIRED = "Ghi ngày đến (event_on) để tính thời hạn đăng ký."
RETURN_REQUIRED = "Ghi ngày trở về (event_on) để tính thời hạn đăng ký."
NO_INTAKE = "Tỉnh chưa mở đợt tuyển quân năm {year}."
NO_PROVINCE = "Ghi mã tỉnh, thành phố ({field})."
NO_ORGANISER = "Ghi mã đơn vị tổ chức lễ giao nhận quân (organiser)."
REMOVAL_GROUND = "Lý do xóa đăng ký (reason) phải là một trong: {choices}."
QUOTA_UNIT_KIND = "Chỉ tiêu được giao cho tỉnh, thành phố hoặc xã, phường."
ORDER_TARGET_REQUIRED = "Ghi danh sách công dân (citizens) hoặc danh sách gọi nhập ngũ (callups)."
ORDER_TARGET_BOTH = "Chỉ ghi một trong hai danh sách: citizens hoặc callups."
NOT_CALLED = "{name}: chưa được chọn gọi nhập ngũ năm {year}."
CALLUP_OTHER_YEAR = "{name}: thuộc đợt tuyển quân năm {other}, không phải năm {year}."
NAMED_TWICE = "Mỗi công dân chỉ ghi một lần trong danh sách: {names}."
HANDOVER_NOT_FOUND = "Không có lễ giao nhận quân mã {id} của đợt tuyển quân này."

COMMUNE_FILTER = OpenApiParameter("commune", str, description="mã xã, phường (hoặc đơn vị cấp trên)")
YEAR_FILTER = OpenApiParameter("year", int, description="năm tuyển quân")
PAGING = [OpenApiParameter("cursor", str), OpenApiParameter("limit", int)]


# -- input helpers -----------------------------------------------------------------------------------


def _refuse(field: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field=field, message=message)])


def _body(request: Request, shape: type[serializers.Serializer]) -> dict[str, Any]:
    """The request body, checked by its input serializer (a malformed body is a 400 naming the fields)."""
    body = shape(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def _created(shape: type[serializers.Serializer], row: Any, *, existed: bool = False) -> Response:
    """A record written by a service, read back and shaped: 201, or 200 when it was there already."""
    return Response(shape(row).data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


@contextmanager
def _fields(**renamed: str) -> Iterator[None]:
    """Name a service's problems after the fields of this body (`intake_year` is sent as `year`)."""
    try:
        yield
    except DomainError as refused:
        raise DomainError(
            [replace(p, field=renamed.get(p.field, p.field)) for p in refused.problems]
        ) from refused


def _checked_year(value: int, field: str = "year") -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise _refuse(field, YEAR_INVALID.format(value=value))
    return value


def _year_param(request: Request) -> int | None:
    raw = request.query_params.get("year", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise _refuse("year", YEAR_INVALID.format(value=raw))
    return _checked_year(int(raw))


def _current_intake_year() -> int:
    """The intake being prepared: next year's once the examinations have begun (November)."""
    today = timezone.localdate()
    return today.year + 1 if today.month >= 11 else today.year


def _choice_param(request: Request, name: str, choices: Sequence[str]) -> str:
    value = request.query_params.get(name, "").strip()
    if value and value not in choices:
        raise _refuse(name, CHOICE_INVALID.format(value=value, choices=", ".join(choices)))
    return value


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _today_or(value: dt.date | None) -> dt.date:
    return value or timezone.localdate()


# -- finding what a body names ------------------------------------------------------------------------


def _handover_of(intake_id: int, handover_id: int) -> Handover:
    handover = selectors.intake_handover(intake_id=intake_id, handover_id=handover_id)
    if handover is None:
        raise _refuse("handover", HANDOVER_NOT_FOUND.format(id=handover_id))
    return handover


def _commune_named(field: str, code: str) -> Unit:
    """The commune at the other end of a move, by code, anywhere in the country (or a 400)."""
    commune = selectors.commune_by_code(code)
    if commune is None:
        raise _refuse(field, COMMUNE_NOT_FOUND.format(code=code))
    return commune


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


def _page(request: Request, queryset: QuerySet[Any], serializer: type[serializers.Serializer]) -> Response:
    """One keyset page in creation order (id), never OFFSET: `next` continues after the last row."""
    cursor = request.query_params.get("cursor", "")
    if cursor:
        if not cursor.isdigit():
            raise _refuse("cursor", CURSOR_INVALID)
        queryset = queryset.filter(pk__gt=int(cursor))
    limit = requested_limit(request)
    rows = list(queryset.order_by("pk")[: limit + 1])
    items = rows[:limit]
    next_cursor = str(items[-1].pk) if len(rows) > limit else None
    return page_response(request, serializer(items, many=True).data, next_cursor)


def _under_commune(request: Request, queryset: QuerySet[Any], field: str = "unit_path") -> QuerySet[Any]:
    code = request.query_params.get("commune", "").strip()
    if not code:
        return queryset
    unit = unit_detail(user=request.user, code=code)
    return queryset.filter(**{f"{field}__startswith": unit.path})


def _of_year(request: Request, queryset: QuerySet[Any], field: str) -> QuerySet[Any]:
    year = _year_param(request)
    return queryset if year is None else queryset.filter(**{field: year})


# A list endpoint. GET: the rows of a scoped selector (`rows`), narrowed by the query string in this
# order — ?commune= (under a unit, on `commune_field`), ?year= (on `year_field`), then `narrow`, then
# each ?<field>= of `choices` (one of its values) — one keyset page at a time. POST: the subclass's act.
# (Comments, not docstrings: drf-spectacular would publish a docstring as every operation's description.)
def _list_schema(name: str, page: Any, filters: Sequence[OpenApiParameter], description: str = "") -> Any:
    """The schema of a list endpoint's GET: `conscription_<name>_list`, its filters, a keyset `page`."""
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"conscription_{name}_list",
            parameters=[*filters, *PAGING],
            responses=page,
            description=description or None,
        )
    )


class _ListApi(APIView):
    selector: Callable[..., QuerySet[Any]]  # a scoped selector taking `user`
    output: type[serializers.Serializer]
    commune_field: str | None = "unit_path"
    year_field = ""
    choices: dict[str, Sequence[str]] = {}

    def rows(self, request: Request) -> QuerySet[Any]:
        return type(self).selector(user=request.user)

    def narrow(self, request: Request, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset

    def get(self, request: Request) -> Response:
        queryset = self.rows(request)
        if self.commune_field:
            queryset = _under_commune(request, queryset, self.commune_field)
        if self.year_field:
            queryset = _of_year(request, queryset, self.year_field)
        queryset = self.narrow(request, queryset)
        for name, values in self.choices.items():
            if value := _choice_param(request, name, values):
                queryset = queryset.filter(**{name: value})
        return _page(request, queryset, self.output)


# -- status ------------------------------------------------------------------------------------------


@requires("conscription.view")
class CitizenStatusApi(APIView):
    @extend_schema(
        operation_id="conscription_status",
        parameters=[OpenApiParameter("year", int, required=True, description="năm tuyển quân")],
        responses=shapes.StatusOutputSerializer,
    )
    def get(self, request: Request, citizen_id: int) -> Response:
        citizen = citizen_detail(user=request.user, citizen_id=citizen_id)
        year = _year_param(request)
        if year is None:
            raise _refuse("year", YEAR_REQUIRED)
        return Response(selectors.status_of(citizen, year).as_dict())


# -- registration ------------------------------------------------------------------------------------


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


# -- health ------------------------------------------------------------------------------------------


@requires("conscription.view")
@_list_schema(
    "health_exams",
    shapes.page_of("HealthExamPage", shapes.HealthExamOutputSerializer()),
    [COMMUNE_FILTER, YEAR_FILTER, OpenApiParameter("stage", str, enum=ExamStage.values)],
)
class HealthExamListApi(_ListApi):
    method_access = {"POST": "conscription.change"}
    selector = staticmethod(selectors.health_exams)
    output = shapes.HealthExamOutputSerializer
    year_field = "intake_year"
    choices = {"stage": ExamStage.values}

    @extend_schema(
        operation_id="conscription_health_exams_create",
        request=shapes.HealthExamInputSerializer,
        responses={201: shapes.HealthExamOutputSerializer, 200: shapes.HealthExamOutputSerializer},
        description="Ghi (hoặc sửa) kết quả sơ tuyển, khám tuyển; trả về BMI, phân loại, đủ điều kiện "
        "và lý do không gọi. Đã có kết quả cùng vòng khám thì sửa (200).",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.HealthExamInputSerializer)
        citizen = citizen_detail(user=request.user, citizen_id=data["citizen"])
        year = _checked_year(data["year"])
        existed = (
            selectors.health_exams(user=request.user)
            .filter(citizen=citizen, intake_year=year, stage=data["stage"])
            .exists()
        )
        with _fields(intake_year="year"):
            exam = services.record_health(
                actor=request.user,
                data=services.HealthInput(
                    citizen=citizen,
                    intake_year=year,
                    stage=data["stage"],
                    examined_on=data["examined_on"],
                    health_type=data["health_type"],
                    scores={_nfc(k): v for k, v in data["scores"].items()},
                    height_cm=data["height_cm"],
                    weight_kg=data["weight_kg"],
                    chest_cm=data["chest_cm"],
                    refraction_right=data["refraction_right"],
                    refraction_left=data["refraction_left"],
                    examiner=data["examiner"],
                    present=data["present"],
                ),
            )
        row = selectors.health_exams(user=request.user).get(pk=exam.pk)
        return _created(shapes.HealthExamOutputSerializer, row, existed=existed)


# -- deferments and exemptions -----------------------------------------------------------------------


class _ReliefListApi(_ListApi):
    """A deferment or exemption list and decision; the kind is fixed by the endpoint."""

    method_access = {"POST": "conscription.change"}
    selector = staticmethod(selectors.reliefs)
    output = shapes.ReliefOutputSerializer
    year_field = "intake_year"
    kind: str = ""

    def rows(self, request: Request) -> QuerySet[Any]:
        return super().rows(request).filter(kind=self.kind)

    def post(self, request: Request) -> Response:
        data = _body(request, shapes.ReliefInputSerializer)
        citizen = citizen_detail(user=request.user, citizen_id=data["citizen"])
        year = _checked_year(data["year"])
        with _fields(intake_year="year"):
            relief = services.decide_relief(
                actor=request.user,
                data=services.ReliefInput(
                    citizen=citizen,
                    kind=self.kind,
                    intake_year=year,
                    ground=_nfc(data["ground"]),
                    decided_on=_today_or(data["decided_on"]),
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                    evidence=data["evidence"],
                    volunteer=data["volunteer"],
                    decision_number=data["decision_number"],
                    signer_name=data["signer_name"],
                ),
            )
        return _created(shapes.ReliefOutputSerializer, selectors.reliefs(user=request.user).get(pk=relief.pk))


_RELIEF_PAGE = shapes.page_of("ReliefPage", shapes.ReliefOutputSerializer())


def _relief_schema(plural: str, description: str) -> Any:
    """The schema of a relief endpoint: `conscription_<plural>_list` and `conscription_<plural>_create`."""

    def mark(view: Any) -> Any:
        _list_schema(plural, _RELIEF_PAGE, [COMMUNE_FILTER, YEAR_FILTER])(view)
        return extend_schema_view(
            post=extend_schema(
                operation_id=f"conscription_{plural}_create",
                request=shapes.ReliefInputSerializer,
                responses={201: shapes.ReliefOutputSerializer},
                description=description,
            )
        )(view)

    return mark


@requires("conscription.view")
@_relief_schema(
    "deferments", "Quyết định tạm hoãn gọi nhập ngũ (khoản 1 Điều 41 Luật NVQS); căn cứ 41.1.a–41.1.h."
)
class DefermentListApi(_ReliefListApi):
    kind = ReliefKind.DEFERMENT


@requires("conscription.view")
@_relief_schema(
    "exemptions", "Quyết định miễn gọi nhập ngũ (khoản 2 Điều 41 Luật NVQS); căn cứ 41.2.a–41.2.đ."
)
class ExemptionListApi(_ReliefListApi):
    kind = ReliefKind.EXEMPTION


# -- intakes, quotas, handovers ----------------------------------------------------------------------


def _own_unit_code(user: Any) -> str:
    """The code of the unit where the user's scope starts (the last part of its path)."""
    return primary_path(user).rstrip("/").split("/")[-1]


def _province_of(request: Request, code: str, field: str) -> Unit:
    """The province named by `code`, or the caller's own when `code` is empty."""
    if not code:
        parts = primary_path(request.user).split("/")
        if len(parts) < 3:
            raise _refuse(field, NO_PROVINCE.format(field=field))
        code = parts[1]
    return unit_detail(user=request.user, code=code)


@requires("conscription.view")
@_list_schema("intakes", shapes.page_of("IntakePage", shapes.IntakeOutputSerializer()), [YEAR_FILTER])
class IntakeListApi(_ListApi):
    method_access = {"POST": "conscription.quota"}
    selector = staticmethod(selectors.intakes)
    output = shapes.IntakeOutputSerializer
    commune_field = None
    year_field = "year"

    @extend_schema(
        operation_id="conscription_intakes_create",
        request=shapes.IntakeInputSerializer,
        responses={201: shapes.IntakeOutputSerializer, 200: shapes.IntakeOutputSerializer},
        description="Mở đợt tuyển quân của tỉnh; đợt đã mở thì trả về đợt đó (200).",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.IntakeInputSerializer)
        year = _checked_year(data["year"])
        province = _province_of(request, data["province"].strip(), "province")
        existed = selectors.intake_of(province.path, year, data["round"]) is not None
        with _fields(unit="province"):
            intake = services.open_intake(
                actor=request.user,
                province=province,
                year=year,
                handover_from=data["handover_from"],
                handover_to=data["handover_to"],
                age_reference=data["age_reference"],
                round_number=data["round"],
            )
        return _created(shapes.IntakeOutputSerializer, intake, existed=existed)


@requires("conscription.view")
@_list_schema(
    "quotas",
    shapes.page_of("QuotaPage", shapes.QuotaOutputSerializer()),
    [
        YEAR_FILTER,
        OpenApiParameter("unit", str, description="mã đơn vị: chỉ tiêu của đơn vị và các đơn vị trực thuộc"),
        OpenApiParameter("service", str, enum=Service.values),
    ],
)
class QuotaListApi(_ListApi):
    method_access = {"POST": "conscription.quota"}
    selector = staticmethod(selectors.quotas)
    output = shapes.QuotaOutputSerializer
    commune_field = None
    year_field = "intake__year"
    choices = {"service": Service.values}

    def narrow(self, request: Request, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """?unit=CODE: the quotas of the unit and of the units under it."""
        if code := request.query_params.get("unit", "").strip():
            queryset = queryset.filter(unit_path__startswith=unit_detail(user=request.user, code=code).path)
        return queryset

    @extend_schema(
        operation_id="conscription_quotas_create",
        request=shapes.QuotaInputSerializer,
        responses={201: shapes.QuotaResultSerializer},
        description="Giao chỉ tiêu cho tỉnh (từ Bộ) hoặc cho xã, phường (Chủ tịch UBND tỉnh); mở đợt tuyển "
        "quân của tỉnh nếu chưa mở. Chỉ tiêu xã không vượt số tỉnh còn lại; vượt số công dân đủ "
        "điều kiện thì vẫn giao, kèm cảnh báo.",
    )
    def post(self, request: Request) -> Response:
        data = _body(request, shapes.QuotaInputSerializer)
        year = _checked_year(data["year"])
        unit = unit_detail(user=request.user, code=data["unit"].strip())
        if unit.kind not in (UnitKind.PROVINCE, UnitKind.COMMUNE):
            raise _refuse("unit", QUOTA_UNIT_KIND)
        province = _province_of(request, unit.path.split("/")[1], "unit")
        # Opening the intake and setting the quota stand or fall together.
        with transaction.atomic(), _fields(province="unit", handover_from="year", handover_to="year"):
            intake = selectors.intake_of(unit.path, year) or services.open_intake(
                actor=request.user, province=province, year=year
            )
            pool = (
                selectors.eligible_count(unit.path, year, intake.age_reference)
                if unit.kind == UnitKind.COMMUNE
                else None
            )
            result = services.set_quota(
                actor=request.user,
                intake=intake,
                unit=unit,
                service=data["service"],
                count=data["count"],
                reserve=data["reserve"],
                decision_number=data["decision_number"],
                decided_on=_today_or(data["decided_on"]),
                eligible_pool=pool,
            )
        row = selectors.quotas(user=request.user).get(pk=result.quota.pk)
        answer = dict(shapes.QuotaOutputSerializer(row).data, warnings=list(result.warnings))
        return Response(answer, status=status.HTTP_201_CREATED)


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


# -- the pool ----------------------------------------------------------------------------------------


@requires("conscription.view")
class PoolApi(APIView):
    @extend_schema(
        operation_id="conscription_pool",
        parameters=[
            OpenApiParameter("year", int, description="năm tuyển quân; mặc định đợt đang chuẩn bị"),
            OpenApiParameter("unit", str, description="mã đơn vị; mặc định đơn vị của người dùng"),
        ],
        responses=shapes.PoolOutputSerializer,
        description="Số công dân theo tình trạng (giá trị `status` của /status/) ở từng xã, phường.",
    )
    def get(self, request: Request) -> Response:
        year = _year_param(request) or _current_intake_year()
        code = request.query_params.get("unit", "").strip() or _own_unit_code(request.user)
        unit = unit_detail(user=request.user, code=code)
        reference = selectors.reference_date(unit.path, year)
        summary = selectors.pool_summary(unit.path, year, reference)
        names = dict(units_under(unit).filter(path__in=list(summary)).values_list("path", "name"))
        statuses = [s.value for s in rules.Status]
        totals: Counter[str] = Counter()
        communes = []
        for commune_path in sorted(summary):
            counts = summary[commune_path]
            totals.update(counts)
            communes.append(
                {
                    "commune": commune_path.rstrip("/").split("/")[-1],
                    "name": names.get(commune_path, ""),
                    "counts": {s: counts.get(s, 0) for s in statuses},
                    "total": sum(counts.values()),
                }
            )
        answer = {
            "year": year,
            "unit": unit.code,
            "reference": reference,
            "communes": communes,
            "totals": {s: totals.get(s, 0) for s in statuses},
            "total": sum(totals.values()),
        }
        return Response(shapes.PoolOutputSerializer(answer).data)


urlpatterns = [
    path("status/<int:citizen_id>", CitizenStatusApi.as_view(), name="conscription-status"),
    path("registrations/", RegistrationListApi.as_view(), name="conscription-registration-list"),
    path("health-exams/", HealthExamListApi.as_view(), name="conscription-health-exam-list"),
    path("deferments/", DefermentListApi.as_view(), name="conscription-deferment-list"),
    path("exemptions/", ExemptionListApi.as_view(), name="conscription-exemption-list"),
    path("intakes/", IntakeListApi.as_view(), name="conscription-intake-list"),
    path("quotas/", QuotaListApi.as_view(), name="conscription-quota-list"),
    path("handovers/", HandoverListApi.as_view(), name="conscription-handover-list"),
    path("selections/", SelectionListApi.as_view(), name="conscription-selection-list"),
    path("decisions/", DecisionListApi.as_view(), name="conscription-decision-list"),
    path("orders/", OrderListApi.as_view(), name="conscription-order-list"),
    path("outcomes/", OutcomeListApi.as_view(), name="conscription-outcome-list"),
    path("pool/", PoolApi.as_view(), name="conscription-pool"),
]
