"""Shapes of the military-service API: what each operation reads from the body and what it answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus, Channel, ExamStage, RegistrationKind, Service
from qpdp.conscription.models import Relief

OUTCOME_CHOICES = [CallUpStatus.ENLISTED, CallUpStatus.NOT_REPORTED, CallUpStatus.RETURNED]


def _measure() -> serializers.DecimalField:
    """A measured value (cm, kg, dioptre); the service checks its range and the model rounds it."""
    return serializers.DecimalField(
        max_digits=None, decimal_places=None, required=False, allow_null=True, default=None
    )


def _text(max_length: int, help_text: str = "") -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", help_text=help_text
    )


def _optional_date(help_text: str) -> serializers.DateField:
    return serializers.DateField(required=False, allow_null=True, default=None, help_text=help_text)


# -- status ------------------------------------------------------------------------------------------


class StatusOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[s.value for s in rules.Status])
    ground = serializers.CharField(help_text="mã căn cứ (ví dụ 41.1.g); rỗng nếu không có")
    article = serializers.CharField(help_text="điều, khoản áp dụng")
    explanation = serializers.CharField(help_text="giải thích bằng tiếng Việt")


# -- registration ------------------------------------------------------------------------------------


class RegistrationInputSerializer(serializers.Serializer):
    citizen = serializers.IntegerField(help_text="mã (id) công dân")
    year = serializers.IntegerField(help_text="năm đăng ký")
    kind = serializers.ChoiceField(choices=RegistrationKind.values)
    registered_on = _optional_date("ngày đăng ký; mặc định hôm nay")
    channel = serializers.ChoiceField(choices=Channel.values, default=Channel.IN_PERSON)
    certificate_number = _text(30, "số giấy chứng nhận đăng ký (lần đầu)")
    reason = _text(
        255,
        "nội dung thay đổi (bổ sung), lý do vắng mặt; "
        "lý do xóa đăng ký: death, over_age, emigrated, barred, exempt",
    )
    to_commune = _text(40, "mã xã, phường chuyển đến (di chuyển đi)")
    from_commune = _text(40, "mã xã, phường chuyển đi (di chuyển đến), nếu biết")
    event_on = _optional_date("ngày đi, ngày đến hoặc ngày trở về")


class RegistrationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    citizen = serializers.IntegerField(source="citizen_id")
    citizen_name = serializers.CharField(source="citizen.full_name")
    commune = serializers.CharField(source="commune.code")
    kind = serializers.CharField()
    registered_on = serializers.DateField()
    channel = serializers.CharField()
    certificate_number = serializers.CharField()
    reason = serializers.CharField()
    other_commune = serializers.CharField(source="other_commune.code", allow_null=True, default=None)
    event_on = serializers.DateField(allow_null=True)
    late = serializers.BooleanField()
    signer_title = serializers.CharField()
    signer_name = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


# -- health ------------------------------------------------------------------------------------------


class HealthExamInputSerializer(serializers.Serializer):
    citizen = serializers.IntegerField(help_text="mã (id) công dân")
    year = serializers.IntegerField(help_text="năm tuyển quân")
    stage = serializers.ChoiceField(choices=ExamStage.values)
    # Ranges are the service's to check, so that its message (with the value) reaches the caller.
    health_type = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="phân loại sức khỏe 1–6"
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        default=dict,
        help_text="điểm từng chỉ tiêu, 1–6; phân loại là điểm kém nhất",
    )
    examined_on = serializers.DateField()
    height_cm = _measure()
    weight_kg = _measure()
    chest_cm = _measure()
    refraction_right = _measure()
    refraction_left = _measure()
    examiner = _text(200, "hội đồng khám, trạm y tế")
    present = serializers.BooleanField(default=True)


class HealthExamOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    citizen = serializers.IntegerField(source="citizen_id")
    citizen_name = serializers.CharField(source="citizen.full_name")
    commune = serializers.CharField(source="commune.code")
    year = serializers.IntegerField(source="intake_year")
    stage = serializers.CharField()
    examined_on = serializers.DateField()
    height_cm = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    weight_kg = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    chest_cm = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    bmi = serializers.DecimalField(max_digits=4, decimal_places=1, coerce_to_string=False, allow_null=True)
    refraction_right = serializers.DecimalField(
        max_digits=4, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    refraction_left = serializers.DecimalField(
        max_digits=4, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    scores = serializers.DictField(child=serializers.IntegerField())
    health_type = serializers.IntegerField(allow_null=True)
    fit = serializers.BooleanField()
    not_called_reasons = serializers.ListField(child=serializers.CharField())
    examiner = serializers.CharField()
    present = serializers.BooleanField()


# -- deferments and exemptions -----------------------------------------------------------------------


class ReliefInputSerializer(serializers.Serializer):
    citizen = serializers.IntegerField(help_text="mã (id) công dân")
    year = serializers.IntegerField(help_text="năm tuyển quân")
    ground = _text(8, "căn cứ: 41.1.a–41.1.h (tạm hoãn), 41.2.a–41.2.đ (miễn)")
    valid_from = _optional_date("có hiệu lực từ; mặc định ngày quyết định")
    valid_until = _optional_date("đến ngày (bắt buộc với tạm hoãn)")
    volunteer = serializers.BooleanField(default=False, help_text="tình nguyện nhập ngũ")
    evidence = _text(255, "giấy tờ chứng minh")
    decision_number = _text(40, "số quyết định")
    decided_on = _optional_date("ngày quyết định; mặc định hôm nay")
    signer_name = _text(100, "người ký")


class ReliefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    citizen = serializers.IntegerField(source="citizen_id")
    citizen_name = serializers.CharField(source="citizen.full_name")
    commune = serializers.CharField(source="commune.code")
    kind = serializers.CharField()
    year = serializers.IntegerField(source="intake_year")
    ground = serializers.CharField()
    ground_label = serializers.SerializerMethodField()
    article = serializers.SerializerMethodField()
    evidence = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    volunteer = serializers.BooleanField()
    decision_number = serializers.CharField()
    decided_on = serializers.DateField()
    decider_title = serializers.CharField()
    signer_name = serializers.CharField()
    posted = serializers.SerializerMethodField(help_text="đã niêm yết công khai")
    ended_on = serializers.DateField(allow_null=True)
    end_reason = serializers.CharField()

    def get_ground_label(self, relief: Relief) -> str:
        law = rules.ground(relief.ground)
        return law.label if law else ""

    def get_article(self, relief: Relief) -> str:
        law = rules.ground(relief.ground)
        return law.article if law else ""

    def get_posted(self, relief: Relief) -> bool:
        return relief.posting_id is not None


# -- intakes, quotas, handovers ----------------------------------------------------------------------


class IntakeInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="năm tuyển quân")
    province = _text(40, "mã tỉnh, thành phố; mặc định tỉnh của người dùng")
    round = serializers.IntegerField(min_value=1, max_value=9, default=1, help_text="đợt")
    handover_from = _optional_date("giao quân từ ngày; mặc định ngày giao quân toàn quốc")
    handover_to = _optional_date("giao quân đến ngày")
    age_reference = _optional_date("ngày tính tuổi; mặc định ngày giao quân đầu tiên")


class IntakeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    province = serializers.CharField(source="province.code")
    province_name = serializers.CharField(source="province.name")
    year = serializers.IntegerField()
    round = serializers.IntegerField()
    handover_from = serializers.DateField()
    handover_to = serializers.DateField()
    age_reference = serializers.DateField()


class QuotaInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="năm tuyển quân")
    unit = serializers.CharField(max_length=40, help_text="mã tỉnh (chỉ tiêu của tỉnh) hoặc mã xã, phường")
    service = serializers.ChoiceField(choices=Service.values)
    count = serializers.IntegerField(help_text="chỉ tiêu")
    reserve = serializers.IntegerField(default=0, help_text="dự phòng")
    decision_number = _text(40, "số quyết định giao chỉ tiêu")
    decided_on = _optional_date("ngày quyết định; mặc định hôm nay")


class QuotaOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField(source="intake.year")
    intake = serializers.IntegerField(source="intake_id")
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    service = serializers.CharField()
    count = serializers.IntegerField()
    reserve = serializers.IntegerField()
    # A declared field named like Field.parent: DRF's metaclass takes it out of the class attributes.
    parent = serializers.IntegerField(  # type: ignore[assignment]
        source="parent_id", allow_null=True, help_text="chỉ tiêu cấp trên (id); rỗng với chỉ tiêu của tỉnh"
    )
    decision_number = serializers.CharField()
    decided_on = serializers.DateField()
    decider_title = serializers.CharField()
    filled = serializers.IntegerField(help_text="số công dân đã nhập ngũ của đơn vị, lực lượng này")


class QuotaResultSerializer(QuotaOutputSerializer):
    warnings = serializers.ListField(child=serializers.CharField())


class HandoverInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="năm tuyển quân")
    round = serializers.IntegerField(min_value=1, max_value=9, default=1, help_text="đợt")
    organiser = _text(40, "mã đơn vị tổ chức; mặc định đơn vị của người dùng")
    held_on = serializers.DateField()
    place = _text(255, "địa điểm")
    receiving_units = _text(500, "đơn vị nhận quân")


class HandoverOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField(source="intake.year")
    intake = serializers.IntegerField(source="intake_id")
    organiser = serializers.CharField(source="organiser.code")
    organiser_name = serializers.CharField(source="organiser.name")
    organiser_title = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    receiving_units = serializers.CharField()


# -- call-up: selection, decision, orders, outcomes --------------------------------------------------


class SelectionItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="mã (id) công dân")
    service = serializers.ChoiceField(choices=Service.values, default=Service.ARMY)
    volunteer = serializers.BooleanField(default=False)
    party_member = serializers.BooleanField(default=False)
    reserve = serializers.BooleanField(default=False, help_text="chọn vào danh sách dự phòng")
    short_quota_approved = serializers.BooleanField(
        default=False, help_text="được phép gọi công dân lớp 7 khi không đủ chỉ tiêu"
    )


class SelectionInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="năm tuyển quân")
    citizens = SelectionItemSerializer(many=True, allow_empty=False)
    selected_on = _optional_date("ngày Hội đồng NVQS cấp xã chọn; mặc định hôm nay")


class DecisionInputSerializer(serializers.Serializer):
    callups = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    decision_number = _text(40, "số quyết định gọi công dân nhập ngũ")
    decided_on = _optional_date("ngày quyết định; mặc định hôm nay")


class OrderInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="năm tuyển quân")
    citizens = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list, help_text="mã (id) công dân"
    )
    callups = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list, help_text="hoặc mã (id) gọi nhập ngũ"
    )
    signed_on = _optional_date("ngày ký lệnh; mặc định hôm nay")
    report_on = serializers.DateField(help_text="ngày có mặt")
    report_place = _text(255, "nơi có mặt")
    signer_name = _text(100, "người ký lệnh")


class OutcomeInputSerializer(serializers.Serializer):
    callup = serializers.IntegerField(help_text="mã (id) gọi nhập ngũ")
    outcome = serializers.ChoiceField(choices=OUTCOME_CHOICES)
    on = _optional_date("ngày; mặc định hôm nay")
    reason = _text(255, "lý do không có mặt hoặc bị trả về")
    handover = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="mã (id) lễ giao nhận quân"
    )
    receiving_unit = _text(200, "đơn vị nhận; mặc định đơn vị nhận của lễ giao nhận")


class CallUpOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    citizen = serializers.IntegerField(source="citizen_id")
    citizen_name = serializers.CharField(source="citizen.full_name")
    commune = serializers.CharField(source="commune.code")
    year = serializers.IntegerField(source="intake.year")
    intake = serializers.IntegerField(source="intake_id")
    service = serializers.CharField()
    status = serializers.CharField()
    priority = serializers.IntegerField()
    volunteer = serializers.BooleanField()
    party_member = serializers.BooleanField()
    reserve = serializers.BooleanField()
    selected_on = serializers.DateField()
    decision_number = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    decider_title = serializers.CharField()
    order_number = serializers.CharField()
    order_signed_on = serializers.DateField(allow_null=True)
    order_signer_title = serializers.CharField()
    order_signer_name = serializers.CharField()
    report_on = serializers.DateField(allow_null=True)
    report_place = serializers.CharField()
    delivered_on = serializers.DateField(allow_null=True)
    handover = serializers.IntegerField(source="handover_id", allow_null=True)
    receiving_unit = serializers.CharField()
    outcome_on = serializers.DateField(allow_null=True)
    outcome_reason = serializers.CharField()
    replaces = serializers.IntegerField(source="replaces_id", allow_null=True)


class CallUpListSerializer(serializers.Serializer):
    items = CallUpOutputSerializer(many=True)


# -- the pool ----------------------------------------------------------------------------------------


class PoolCommuneSerializer(serializers.Serializer):
    commune = serializers.CharField()
    name = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="số công dân theo tình trạng")
    total = serializers.IntegerField()


class PoolOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    unit = serializers.CharField()
    reference = serializers.DateField(help_text="ngày tính tuổi của đợt tuyển quân")
    communes = PoolCommuneSerializer(many=True)
    totals = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()


def page_of(name: str, item: serializers.Serializer) -> Any:
    """The schema of a keyset page of `item`s: {"items": [...], "next": url or null}."""
    return inline_serializer(
        name, {"items": type(item)(many=True), "next": serializers.URLField(allow_null=True)}
    )
