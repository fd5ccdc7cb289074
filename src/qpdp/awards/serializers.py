"""Shapes of the emulation and award API: what each operation reads from the body and what it answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from qpdp.awards import rules
from qpdp.awards.choices import (
    CampaignStatus,
    ConferenceKind,
    DecisionStatus,
    NominationStatus,
    ReviewOutcome,
)
from qpdp.awards.models import Campaign, Nomination

ISSUERS = [issuer.value for issuer in rules.Issuer]
RECIPIENT_KINDS = [kind.value for kind in rules.RecipientKind]
LONG_TEXT = 10_000  # achievements, conclusions, criteria: free text, within reason


def page_of(name: str, item: serializers.Serializer) -> Any:
    """The schema of a keyset page of `item`s: {"items": [...], "next": url or null}."""
    return inline_serializer(
        name, {"items": type(item)(many=True), "next": serializers.URLField(allow_null=True)}
    )


def _text(max_length: int = LONG_TEXT, help_text: str = "") -> serializers.CharField:
    """An optional text ("" when left out)."""
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", help_text=help_text
    )


def _optional_id(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(required=False, allow_null=True, default=None, help_text=help_text)


def _codes(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, default=list, help_text=help_text
    )


def _unit_code(**extra: Any) -> serializers.CharField:
    return serializers.CharField(allow_null=True, default=None, **extra)


# -- campaigns and pledges ---------------------------------------------------------------------------


class CampaignInputSerializer(serializers.Serializer):
    unit = serializers.CharField(max_length=40, help_text="mã đơn vị phát động")
    name = serializers.CharField(max_length=255, help_text="tên phong trào, đợt thi đua")
    launched_by = serializers.CharField(max_length=200, help_text="người, cơ quan phát động")
    launched_on = serializers.DateField(help_text="ngày phát động")
    starts_on = serializers.DateField(help_text="thi đua từ ngày")
    ends_on = serializers.DateField(help_text="thi đua đến ngày")
    scope = _text(help_text="phạm vi, đối tượng thi đua")
    criteria = _text(help_text="nội dung, chỉ tiêu thi đua")
    participants = _codes("mã các đơn vị tham gia")


class PledgeInputSerializer(serializers.Serializer):
    signed_on = serializers.DateField(help_text="ngày ký giao ước")
    parties = serializers.CharField(max_length=500, help_text="các bên ký giao ước")
    content = _text(help_text="nội dung giao ước")


class PledgeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    campaign = serializers.IntegerField(source="campaign_id")
    signed_on = serializers.DateField()
    parties = serializers.CharField()
    content = serializers.CharField()


class CampaignOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    name = serializers.CharField()
    launched_by = serializers.CharField()
    launched_on = serializers.DateField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    scope = serializers.CharField()
    criteria = serializers.CharField()
    status = serializers.ChoiceField(choices=CampaignStatus.values)
    reviewed_on = serializers.DateField(allow_null=True)
    review_summary = serializers.CharField()


class CampaignDetailSerializer(CampaignOutputSerializer):
    participants = serializers.SerializerMethodField(help_text="mã các đơn vị tham gia")
    pledges = PledgeOutputSerializer(many=True)

    def get_participants(self, campaign: Campaign) -> list[str]:
        return [unit.code for unit in campaign.participants.all()]


# -- nominations -------------------------------------------------------------------------------------


class NominationInputSerializer(serializers.Serializer):
    unit = serializers.CharField(max_length=40, help_text="mã đơn vị đề nghị")
    issuer = serializers.CharField(
        max_length=30, help_text="cấp khen thưởng được đề nghị: " + ", ".join(ISSUERS)
    )
    form_code = serializers.CharField(max_length=40, help_text="mã hình thức, danh hiệu (giay_khen …)")
    recipient_kind = serializers.CharField(max_length=12, help_text="collective, individual, household")
    proposed_on = serializers.DateField(help_text="ngày đề nghị")
    period_code = _text(30, "kỳ thành tích: 2026, 2026-H1 …; mặc định thời gian của phong trào")
    achievement_year = _optional_id("năm thành tích; mặc định năm cuối của kỳ")
    campaign = _optional_id("mã (id) phong trào thi đua")
    recipient_unit = _text(40, "mã đơn vị được đề nghị (tập thể)")
    recipient_citizen = _optional_id("mã (id) công dân được đề nghị (cá nhân, chủ hộ)")
    recipient_name = _text(200, "tên tập thể, cá nhân, chủ hộ khi không chọn từ danh sách")
    recipient_detail = _text(255, "chức vụ, đơn vị, địa chỉ")
    achievement = _text(help_text="thành tích")


class ReviewInputSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=10, help_text="agree, refuse, return")
    reviewed_on = serializers.DateField(help_text="ngày hội đồng xét")
    opinion = _text(help_text="ý kiến của hội đồng (bắt buộc khi không nhất trí hoặc trả lại)")


class NominationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    proposed_on = serializers.DateField()
    issuer = serializers.ChoiceField(choices=ISSUERS)
    issuer_label = serializers.CharField(source="get_issuer_display")
    form_code = serializers.CharField()
    form_name = serializers.CharField()
    period_code = serializers.CharField()
    achievement_year = serializers.IntegerField()
    campaign = serializers.IntegerField(source="campaign_id", allow_null=True)
    recipient_kind = serializers.ChoiceField(choices=RECIPIENT_KINDS)
    recipient_unit = _unit_code(source="recipient_unit.code")
    recipient_citizen = serializers.IntegerField(source="recipient_citizen_id", allow_null=True)
    recipient_name = serializers.CharField()
    recipient_detail = serializers.CharField()
    achievement = serializers.CharField()
    status = serializers.ChoiceField(choices=NominationStatus.values)
    status_label = serializers.CharField(source="get_status_display")
    reviewed_on = serializers.DateField(allow_null=True)
    review_opinion = serializers.CharField()
    agreed = serializers.BooleanField(allow_null=True)


class ReviewOutputSerializer(serializers.Serializer):
    """Where a nomination stands in the council's review, and the outcomes a review may give."""

    nomination = serializers.IntegerField(source="id")
    status = serializers.ChoiceField(choices=NominationStatus.values)
    status_label = serializers.CharField(source="get_status_display")
    reviewed_on = serializers.DateField(allow_null=True)
    review_opinion = serializers.CharField()
    agreed = serializers.BooleanField(allow_null=True)
    outcomes = serializers.SerializerMethodField()

    def get_outcomes(self, nomination: Nomination) -> list[str]:
        """The outcomes still open: any while the nomination waits for review, none after."""
        return list(ReviewOutcome.values) if nomination.status == NominationStatus.PROPOSED else []


# -- decisions ---------------------------------------------------------------------------------------


class AwardLineInputSerializer(serializers.Serializer):
    recipient_kind = serializers.CharField(max_length=12, help_text="collective, individual, household")
    form_code = serializers.CharField(max_length=40, help_text="mã hình thức, danh hiệu")
    period_code = _text(30, "kỳ thành tích; mặc định thời gian của phong trào")
    achievement_year = _optional_id("năm thành tích")
    recipient_unit = _text(40, "mã đơn vị (tập thể)")
    recipient_citizen = _optional_id("mã (id) công dân")
    recipient_name = _text(200, "tên khi không chọn từ danh sách")
    recipient_detail = _text(255, "chức vụ, đơn vị, địa chỉ")
    achievement = _text(help_text="thành tích")
    # The service refuses a negative amount with its own message.
    money = serializers.IntegerField(default=0, help_text="tiền thưởng (đồng)")


class DecisionInputSerializer(serializers.Serializer):
    issuing_unit = serializers.CharField(max_length=40, help_text="mã đơn vị ban hành (xã, tỉnh …)")
    issuer = serializers.CharField(max_length=30, help_text="thẩm quyền quyết định: " + ", ".join(ISSUERS))
    decided_on = serializers.DateField(help_text="ngày quyết định")
    number = _text(40, "số quyết định, ví dụ 125/QĐ-UBND (bỏ trống với dự thảo)")
    signer_name = _text(100, "họ tên người ký")
    signer_title = _text(100, "chức vụ người ký; mặc định theo cấp quyết định")
    issuing_body = _text(200, "cơ quan ban hành; mặc định theo cấp và đơn vị")
    subject = _text(help_text="lý do khen thưởng")
    campaign = _optional_id("mã (id) phong trào thi đua")
    conference = _optional_id("mã (id) hội nghị trao khen thưởng")
    draft = serializers.BooleanField(default=False, help_text="dự thảo (chưa ký)")
    nominations = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list, help_text="mã các đề nghị đã nhất trí"
    )
    lines = AwardLineInputSerializer(many=True, required=False, default=list)


class SignInputSerializer(serializers.Serializer):
    # Sent blank, the number or the signer is refused by the service with its own message.
    number = serializers.CharField(
        max_length=40, allow_blank=True, help_text="số quyết định, ví dụ 125/QĐ-UBND"
    )
    decided_on = serializers.DateField(help_text="ngày ký quyết định")
    signer_name = serializers.CharField(max_length=100, allow_blank=True, help_text="họ tên người ký")
    signer_title = _text(100, "chức vụ người ký; mặc định chức vụ của dự thảo hoặc theo cấp quyết định")


class PresentInputSerializer(serializers.Serializer):
    presented_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="ngày trao; mặc định ngày của hội nghị"
    )
    conference = _optional_id("mã (id) hội nghị nơi trao khen thưởng")


class RevokeInputSerializer(serializers.Serializer):
    revoked_on = serializers.DateField(help_text="ngày hủy bỏ")
    reason = serializers.CharField(max_length=500, allow_blank=True, help_text="lý do hủy bỏ khen thưởng")
    revocation_number = _text(40, "số quyết định hủy bỏ")


class AwardOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    recipient_kind = serializers.ChoiceField(choices=RECIPIENT_KINDS)
    recipient_unit = _unit_code(source="recipient_unit.code")
    recipient_citizen = serializers.IntegerField(source="recipient_citizen_id", allow_null=True)
    recipient_name = serializers.CharField()
    recipient_detail = serializers.CharField()
    form_code = serializers.CharField()
    form_name = serializers.CharField()
    period_code = serializers.CharField()
    achievement_year = serializers.IntegerField()
    achievement = serializers.CharField()
    money = serializers.IntegerField()
    nomination = serializers.IntegerField(source="nomination_id", allow_null=True)
    revoked_on = serializers.DateField(allow_null=True)
    revocation_reason = serializers.CharField()


class DecisionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    issuing_unit = serializers.CharField(source="issuing_unit.code")
    issuer = serializers.ChoiceField(choices=ISSUERS)
    issuer_label = serializers.CharField(source="get_issuer_display")
    issuing_body = serializers.CharField()
    number = serializers.CharField()
    year = serializers.IntegerField()
    decided_on = serializers.DateField()
    signing_line = serializers.CharField()
    signer_title = serializers.CharField()
    signer_name = serializers.CharField()
    subject = serializers.CharField()
    campaign = serializers.IntegerField(source="campaign_id", allow_null=True)
    conference = serializers.IntegerField(source="conference_id", allow_null=True)
    presented_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=DecisionStatus.values)
    line_count = serializers.IntegerField(help_text="số dòng khen thưởng")


class DecisionDetailSerializer(serializers.Serializer):
    """A decision with its recipient lines and its "khen thưởng 2 tập thể, 3 cá nhân" sentence."""

    decision = DecisionOutputSerializer()
    phrase = serializers.CharField(source="summary.phrase", help_text="câu tóm tắt (không tính dòng đã hủy)")
    lines = AwardOutputSerializer(many=True)


# -- conferences -------------------------------------------------------------------------------------


class ConferenceInputSerializer(serializers.Serializer):
    unit = serializers.CharField(max_length=40, help_text="mã đơn vị được sơ kết, tổng kết")
    kind = serializers.CharField(max_length=10, help_text="so_ket, tong_ket, chuyen_de")
    period_code = serializers.CharField(max_length=30, help_text="kỳ: 2026, 2026-H1, 2021-2025 …")
    held_on = serializers.DateField(help_text="ngày tổ chức")
    title = _text(300, "tên hội nghị; mặc định theo loại và kỳ")
    place = _text(255, "địa điểm")
    organiser = _text(200, "cơ quan tổ chức")
    chair_name = _text(100, "người chủ trì")
    chair_title = _text(200, "chức vụ người chủ trì")
    presiding = _text(help_text="đoàn chủ tịch, lãnh đạo dự")
    attendees = _text(help_text="thành phần tham dự")
    attending_units = _codes("mã các đơn vị tham dự")
    presentations = _text(help_text="báo cáo, tham luận")
    conclusions = _text(help_text="kết luận của chủ trì")
    tasks = _text(help_text="phương hướng, nhiệm vụ")


class AttachInputSerializer(serializers.Serializer):
    decision = serializers.IntegerField(help_text="mã (id) quyết định khen thưởng trao tại hội nghị")


class ConferenceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    kind = serializers.ChoiceField(choices=ConferenceKind.values)
    period_code = serializers.CharField()
    title = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    organiser = serializers.CharField()
    chair_name = serializers.CharField()
    chair_title = serializers.CharField()
    presiding = serializers.CharField()
    attendees = serializers.CharField()
    presentations = serializers.CharField()
    conclusions = serializers.CharField()
    tasks = serializers.CharField()


class IssuerSummarySerializer(serializers.Serializer):
    issuing_body = serializers.CharField()
    issuer = serializers.ChoiceField(choices=ISSUERS)
    collectives = serializers.IntegerField()
    individuals = serializers.IntegerField()
    households = serializers.IntegerField()
    total = serializers.IntegerField()
    phrase = serializers.CharField(help_text="“UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân”")


class ConferenceDecisionSerializer(serializers.Serializer):
    """A decision presented at a conference: its number, body and how many (not revoked) lines."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    decided_on = serializers.DateField()
    issuing_body = serializers.CharField()
    issuer = serializers.ChoiceField(choices=ISSUERS)
    line_count = serializers.IntegerField()


class ConferenceDetailSerializer(serializers.Serializer):
    conference = ConferenceOutputSerializer()
    phrase = serializers.CharField(help_text="các câu khen thưởng, mỗi cơ quan một câu, cách nhau “; ”")
    summary = IssuerSummarySerializer(many=True)
    decisions = ConferenceDecisionSerializer(many=True)
