"""Award API of decisions: list and decide (from agreed nominations and direct lines), one decision with
its lines, signing a draft, recording the presentation, revoking one line, and the decision as an
official document (DOCX or PDF)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from qpdp.awards import documents, selectors, services
from qpdp.awards import serializers as shapes
from qpdp.awards.api.common import (
    ListApi,
    all_of,
    citizen_of,
    created,
    list_schema,
    one_of,
    optional_unit,
    unit_of,
    year_param,
)
from qpdp.awards.choices import DecisionStatus
from qpdp.awards.models import AwardDecision
from qpdp.awards.selectors import DecisionDetail
from qpdp.core import documents as official
from qpdp.core.access import requires
from qpdp.core.api_input import body_of, choice_param, fields_named, refuse
from qpdp.core.errors import DomainError

FORMATS = ("docx", "pdf")
FORMAT_INVALID = "Định dạng “{value}” không hợp lệ; chọn docx hoặc pdf."


@contextmanager
def _line_fields() -> Iterator[None]:
    """A problem of a direct line is named after the line of the body (`lines[0].form_code`); one of a
    nomination after `nominations`."""
    try:
        yield
    except DomainError as refused:
        renamed = [
            replace(p, field=f"lines[{p.row - 1}].{p.field}", row=None) if p.row else p
            for p in refused.problems
        ]
        raise DomainError(renamed) from refused


def _line(user: Any, index: int, values: dict[str, Any]) -> services.AwardLine:
    return services.AwardLine(
        recipient_kind=values["recipient_kind"],
        form_code=values["form_code"],
        period_code=values["period_code"],
        achievement_year=values["achievement_year"],
        recipient_unit=optional_unit(user, values["recipient_unit"]),
        recipient_citizen=citizen_of(user, values["recipient_citizen"]),
        recipient_name=values["recipient_name"],
        recipient_detail=values["recipient_detail"],
        achievement=values["achievement"],
        money=values["money"],
        row=index + 1,
    )


def _detail(detail: DecisionDetail) -> Any:
    detail.decision.line_count = len(detail.lines)  # type: ignore[attr-defined]
    return shapes.DecisionDetailSerializer(detail).data


def _state(user: Any, decision_id: int) -> Any:
    """Where a decision stands (status, number, signer, presentation), without its lines."""
    return _detail(selectors.decision_detail(user, decision_id))["decision"]


@requires("awards.view")
@list_schema(
    "decisions",
    shapes.page_of("DecisionPage", shapes.DecisionOutputSerializer()),
    [OpenApiParameter("status", str, enum=DecisionStatus.values), OpenApiParameter("year", int)],
)
class DecisionListApi(ListApi):
    method_access = {"POST": "awards.decide"}
    selector = staticmethod(selectors.decisions)
    output = shapes.DecisionOutputSerializer

    def filters(self, request: Request) -> dict[str, Any]:
        return {
            "status": choice_param(request, "status", DecisionStatus.values) or None,
            "year": year_param(request),
        }

    @extend_schema(
        operation_id="awards_decisions_create",
        request=shapes.DecisionInputSerializer,
        responses={201: shapes.DecisionDetailSerializer},
        description=(
            "Quyết định khen thưởng: các đề nghị đã được hội đồng nhất trí và/hoặc các dòng ghi trực tiếp; "
            "mọi điều kiện được kiểm tra lại theo luật tại ngày quyết định; tất cả hoặc không dòng nào."
        ),
    )
    def post(self, request: Request) -> Response:
        data = body_of(request, shapes.DecisionInputSerializer)
        user = request.user
        header = services.DecisionInput(
            issuing_unit=unit_of(user, data["issuing_unit"]),
            issuer=data["issuer"],
            decided_on=data["decided_on"],
            number=data["number"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            issuing_body=data["issuing_body"],
            subject=data["subject"],
            campaign=one_of(selectors.campaigns(user), data["campaign"]),
            conference=one_of(selectors.conferences(user), data["conference"]),
            draft=data["draft"],
        )
        nominations = all_of(selectors.nominations(user), data["nominations"])
        lines = [_line(user, index, values) for index, values in enumerate(data["lines"])]
        with _line_fields():
            decision = services.decide_awards(actor=user, data=header, nominations=nominations, lines=lines)
        return created(_detail(selectors.decision_detail(user, decision.pk)))


@requires("awards.view")
class DecisionDetailApi(APIView):
    @extend_schema(operation_id="awards_decisions_detail", responses=shapes.DecisionDetailSerializer)
    def get(self, request: Request, decision_id: int) -> Response:
        return Response(_detail(selectors.decision_detail(request.user, decision_id)))


class _DecisionActionApi(APIView):
    """A POST that changes one decision of the caller's scope (`act`, one service call) and answers the
    decision with its lines; its GET shows where the decision stands."""

    method_access = {"POST": "awards.decide"}
    body: type[Serializer]

    def act(self, user: Any, decision: AwardDecision, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def get(self, request: Request, decision_id: int) -> Response:
        return Response(_state(request.user, decision_id))

    def post(self, request: Request, decision_id: int) -> Response:
        user = request.user
        decision = selectors.decision_detail(user, decision_id).decision
        self.act(user, decision, body_of(request, self.body))
        return Response(_detail(selectors.decision_detail(user, decision_id)))


def _action_schema(name: str, body: type[Serializer], description: str) -> Any:
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"awards_decisions_{name}_state", responses=shapes.DecisionOutputSerializer
        ),
        post=extend_schema(
            operation_id=f"awards_decisions_{name}",
            request=body,
            responses={200: shapes.DecisionDetailSerializer},
            description=description,
        ),
    )


@requires("awards.view")
@_action_schema(
    "sign",
    shapes.SignInputSerializer,
    "Ký dự thảo quyết định: ghi số, ngày ký và người ký; mọi điều kiện được kiểm tra lại theo luật tại ngày "
    "ký; các đề nghị trong quyết định chuyển sang đã quyết định.",
)
class DecisionSignApi(_DecisionActionApi):
    body = shapes.SignInputSerializer

    def act(self, user: Any, decision: AwardDecision, data: dict[str, Any]) -> None:
        services.sign_decision(
            actor=user,
            decision=decision,
            number=data["number"],
            decided_on=data["decided_on"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
        )


@requires("awards.view")
@_action_schema(
    "present",
    shapes.PresentInputSerializer,
    "Ghi việc trao khen thưởng theo quyết định đã ký: tại hội nghị (mặc định ngày của hội nghị) hoặc vào "
    "ngày ghi; ngày trao không được trước ngày quyết định.",
)
class DecisionPresentApi(_DecisionActionApi):
    body = shapes.PresentInputSerializer

    def act(self, user: Any, decision: AwardDecision, data: dict[str, Any]) -> None:
        services.present_awards(
            actor=user,
            decision=decision,
            presented_on=data["presented_on"],
            conference=one_of(selectors.conferences(user), data["conference"]),
        )


@requires("awards.view")
class AwardRevokeApi(APIView):
    method_access = {"POST": "awards.decide"}

    @extend_schema(operation_id="awards_awards_revoke_state", responses=shapes.AwardOutputSerializer)
    def get(self, request: Request, award_id: int) -> Response:
        return Response(shapes.AwardOutputSerializer(selectors.award_detail(request.user, award_id)).data)

    @extend_schema(
        operation_id="awards_awards_revoke",
        request=shapes.RevokeInputSerializer,
        responses={200: shapes.DecisionDetailSerializer},
        description=(
            "Hủy bỏ khen thưởng của một tập thể, cá nhân (hồ sơ không trung thực, vi phạm phát hiện sau): "
            "dòng vẫn ở trong quyết định, được đánh dấu và không còn được tính; trả về quyết định."
        ),
    )
    def post(self, request: Request, award_id: int) -> Response:
        user = request.user
        award = selectors.award_detail(user, award_id)
        data = body_of(request, shapes.RevokeInputSerializer)
        with fields_named(revocation_reason="reason"):
            services.revoke_award(
                actor=user,
                award=award,
                revoked_on=data["revoked_on"],
                reason=data["reason"],
                revocation_number=data["revocation_number"],
            )
        return Response(_detail(selectors.decision_detail(user, award.decision_id)))


def _filename(detail: DecisionDetail) -> str:
    """ "quyet-dinh-125-QĐ-UBND-2026", or "du-thao-quyet-dinh-<id>" for a draft."""
    decision = detail.decision
    if decision.status != DecisionStatus.SIGNED or not decision.number:
        return f"du-thao-quyet-dinh-{decision.pk}"
    return f"quyet-dinh-{re.sub(r'[^\w-]+', '-', decision.number).strip('-')}-{decision.year}"


@requires("awards.view")
class DecisionDocumentApi(APIView):
    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # `format` names the document's format here, not DRF's renderer: errors are answered in JSON.
        renderer = self.get_renderers()[0]
        return renderer, renderer.media_type

    @extend_schema(
        operation_id="awards_decisions_document",
        parameters=[OpenApiParameter("format", str, enum=list(FORMATS), description="mặc định docx")],
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="quyết định khen thưởng")},
        description="Quyết định khen thưởng theo thể thức Nghị định 30/2020/NĐ-CP, kèm danh sách.",
    )
    def get(self, request: Request, decision_id: int) -> HttpResponse:
        detail = selectors.decision_detail(request.user, decision_id)
        fmt = request.query_params.get("format", "").strip().lower() or "docx"
        if fmt not in FORMATS:
            raise refuse("format", FORMAT_INVALID.format(value=fmt))
        document = documents.decision_document(detail.decision, detail.lines)
        content, content_type, extension = official.render(document, fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = official.content_disposition(f"{_filename(detail)}.{extension}")
        return response
