"""Shapes of the reports API: indicators and their values, targets, reports and their workflow.

Figures travel as text ("12", "66.7") or null, as they are kept in snapshots: exact, and null where a
ratio has nothing to divide by.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from qpdp.reports import rules
from qpdp.reports.choices import ReportKind, ReportStatus

PERIOD_HELP = "kỳ: 2026 (năm), 2026-H1 (6 tháng), 2015-2020 (giai đoạn) hoặc 2026-01-01..2026-03-31"


@extend_schema_field({"type": "string", "nullable": True, "example": "66.7"})
class FigureField(serializers.Field):
    """A figure as text, or null."""

    def to_representation(self, value: Any) -> str | None:
        return rules.figure_text(value)

    def to_internal_value(self, data: Any) -> Any:
        return data


def _figure(**kwargs: Any) -> FigureField:
    return FigureField(read_only=True, allow_null=True, **kwargs)


def _optional_text(max_length: int = 50_000, help_text: str = "") -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, trim_whitespace=False, help_text=help_text
    )


# -- indicators ---------------------------------------------------------------------------------------


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label
    unit = serializers.CharField(help_text="đơn vị tính của số liệu: người, %, đồng …")
    area = serializers.CharField(help_text="lĩnh vực")
    aggregation = serializers.ChoiceField(
        choices=["sum", "ratio"], help_text="sum: cộng dồn; ratio: tỷ lệ của hai tổng (không lấy trung bình)"
    )
    numerator = serializers.CharField(help_text="tử số (chỉ với tỷ lệ)")
    denominator = serializers.CharField(help_text="mẫu số (chỉ với tỷ lệ)")
    note = serializers.CharField()


class IndicatorValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label
    measure = serializers.CharField(help_text="đơn vị tính")
    unit = serializers.CharField(help_text="mã đơn vị hành chính")
    period = serializers.CharField()
    value = _figure()
    target = _figure(help_text="chỉ tiêu được giao cho đơn vị trong kỳ; null nếu chưa giao")
    approximate = serializers.BooleanField(
        help_text="có cộng số liệu của đơn vị cũ bị chia tách cho nhiều đơn vị mới (số liệu ước tính)"
    )


# -- targets ------------------------------------------------------------------------------------------


class TargetInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=80, help_text="mã chỉ số")
    unit = serializers.CharField(max_length=40, help_text="mã đơn vị nhận chỉ tiêu")
    period = serializers.CharField(max_length=30, help_text=PERIOD_HELP)
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    set_by = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="mã đơn vị cấp trên giao chỉ tiêu",
    )
    programme = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        default="",
        help_text="chương trình, đề án giao chỉ tiêu",
    )
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class TargetOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(source="indicator_code")
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    period = serializers.CharField(source="period_code")
    value = _figure()
    set_by = serializers.CharField(source="set_by_unit.code", allow_null=True, default=None)
    programme = serializers.CharField()
    note = serializers.CharField()
    updated_at = serializers.DateTimeField()


# -- reports ------------------------------------------------------------------------------------------


class ReportCreateInputSerializer(serializers.Serializer):
    unit = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="mã đơn vị; mặc định đơn vị của bạn",
    )
    period = serializers.CharField(max_length=30, help_text=PERIOD_HELP)
    kind = serializers.ChoiceField(choices=ReportKind.values, default=ReportKind.REPORT)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    conference = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="mã (id) hội nghị sơ kết, tổng kết"
    )


class ReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    period = serializers.CharField(source="period_code")
    kind = serializers.ChoiceField(choices=ReportKind.values)
    status = serializers.ChoiceField(choices=ReportStatus.values)
    status_label = serializers.CharField(source="get_status_display")
    title = serializers.CharField()
    number = serializers.CharField()
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)


class ComparisonSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label
    measure = serializers.CharField(help_text="đơn vị tính")
    value = _figure()
    target = _figure()
    previous = _figure(help_text="số liệu kỳ trước")
    previous_period = serializers.CharField()
    delta = _figure(help_text="tăng (giảm) so với kỳ trước")
    completion = _figure(help_text="% hoàn thành chỉ tiêu")
    previous_folded = serializers.BooleanField(
        help_text="số liệu kỳ trước cộng cả các đơn vị cũ trước sắp xếp 01/07/2025"
    )
    approximate = serializers.BooleanField()


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label
    has_records = serializers.BooleanField()
    statement = serializers.CharField(help_text="“chưa có số liệu” khi lĩnh vực chưa có bản ghi nào trong kỳ")
    note = serializers.CharField()
    figures = ComparisonSerializer(source="rows", many=True)


class SnapshotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    computed_at = serializers.DateTimeField()
    period_closed = serializers.BooleanField()
    locked_at = serializers.DateTimeField(allow_null=True)
    registry_version = serializers.CharField()
    approximate = serializers.BooleanField()
    folded = serializers.ListField(child=serializers.DictField(), help_text="đơn vị cũ được cộng vào")


class SubordinateSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    values = serializers.DictField(child=FigureField(allow_null=True))


class NextTargetSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the field, not Field.label
    value = _figure()


class ReportDetailSerializer(ReportOutputSerializer):
    signer_name = serializers.CharField()
    signer_title = serializers.CharField()
    sections = serializers.DictField(child=serializers.CharField(allow_blank=True))
    lead = serializers.CharField()
    body = serializers.CharField()
    review_comment = serializers.CharField()
    conference = serializers.IntegerField(source="conference_id", allow_null=True)
    snapshot = SnapshotSerializer()
    areas = AreaSerializer(many=True)
    subordinates = SubordinateSerializer(many=True)
    next_period = serializers.CharField()
    next_targets = NextTargetSerializer(many=True)
    actions = serializers.ListField(child=serializers.CharField(), help_text="các bước bạn làm được lúc này")


class ReportEditInputSerializer(serializers.Serializer):
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        required=False,
        help_text="nội dung các phần theo mã: situation, context_figures, results, shortcomings, causes, "
        "lessons, directions, proposals, hoặc area:<lĩnh vực>",
    )
    title = _optional_text(300)
    number = _optional_text(40, "số, ký hiệu, ví dụ 07/BC-UBND")
    signer_name = _optional_text(100)
    signer_title = _optional_text(200)
    lead = _optional_text(help_text="sa pô (bài viết)")
    body = _optional_text(help_text="nội dung (bài viết)")
    next_targets = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        help_text="chỉ tiêu đề ra cho kỳ tới: {mã chỉ số: giá trị}",
    )
    refresh_figures = serializers.BooleanField(
        required=False, default=False, help_text="tính lại số liệu của dự thảo theo các bản ghi hiện có"
    )


class SectionsOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ReportStatus.values)
    title = serializers.CharField()
    number = serializers.CharField()
    signer_name = serializers.CharField()
    signer_title = serializers.CharField()
    sections = serializers.DictField(child=serializers.CharField(allow_blank=True))
    lead = serializers.CharField()
    body = serializers.CharField()
    next_targets = serializers.DictField(child=serializers.CharField())


class ReturnInputSerializer(serializers.Serializer):
    comment = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text="ý kiến của người duyệt"
    )


class WorkflowOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ReportStatus.values)
    status_label = serializers.CharField()
    actions = serializers.ListField(child=serializers.CharField(), help_text="các bước bạn làm được lúc này")


def items_of(name: str, item: serializers.Serializer) -> Any:
    """The schema of {"items": [...]} (a whole list, no further page)."""
    return inline_serializer(name, {"items": type(item)(many=True)})


def page_of(name: str, item: serializers.Serializer) -> Any:
    """The schema of a keyset page of `item`s: {"items": [...], "next": url or null}."""
    return inline_serializer(
        name, {"items": type(item)(many=True), "next": serializers.URLField(allow_null=True)}
    )
