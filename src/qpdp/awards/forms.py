"""Input shapes of the emulation and award pages: campaigns, nominations, reviews, decisions, conferences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet

from qpdp.awards import rules
from qpdp.awards.choices import ConferenceKind, ReviewOutcome, form_choices
from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination
from qpdp.core.page_forms import PageForm
from qpdp.org.models import Unit
from qpdp.people.models import Citizen

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

DATE_INVALID = "{label} phải có dạng dd/mm/yyyy, ví dụ 05/04/2026."
REQUIRED = "Nhập {what}."
CHOOSE = "Chọn {what}."
UNIT_NOT_IN_LIST = "Chọn một đơn vị trong danh sách (trong phạm vi của bạn)."
CITIZEN_NOT_IN_LIST = "Chọn một công dân trong sổ đăng ký (trong phạm vi của bạn); gõ tên để tìm."
CAMPAIGN_NOT_IN_LIST = "Chọn một phong trào thi đua trong danh sách."
CONFERENCE_NOT_IN_LIST = "Chọn một hội nghị trong danh sách."
DECISION_NOT_IN_LIST = "Chọn một quyết định khen thưởng trong danh sách."
AWARD_NOT_IN_LIST = "Chọn một tập thể, cá nhân còn hiệu lực khen thưởng trong quyết định."
NOMINATION_NOT_IN_LIST = "Chọn các đề nghị trong danh sách."
NO_NOMINATION_PICKED = "Đánh dấu ít nhất một đề nghị."
MONEY_INVALID = "Tiền thưởng là số đồng, không âm (ví dụ 300000)."
YEAR_INVALID = "Năm thành tích là một năm, ví dụ 2026."


# -- fields ------------------------------------------------------------------------------------------


def lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """A date typed as dd/mm/yyyy (the house format), with a Vietnamese message when it is not one."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": DATE_INVALID.format(label=label),
            "required": REQUIRED.format(what=lower_first(label)),
        },
    )


def text_field(
    label: str, *, max_length: int = 200, required: bool = True, help_text: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={"required": REQUIRED.format(what=lower_first(label))},
    )


def area_field(label: str, *, rows: int = 3, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": REQUIRED.format(what=lower_first(label))},
    )


class UnitField(forms.ModelChoiceField):
    """A unit of the tree chosen among those in scope; shown by its name."""

    default_error_messages = {"invalid_choice": UNIT_NOT_IN_LIST}

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}{obj.era_label}"


class UnitsField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": UNIT_NOT_IN_LIST,
        "invalid_pk_value": UNIT_NOT_IN_LIST,
    }

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}{obj.era_label}"


def units_field(label: str) -> UnitsField:
    """Units picked from a list (the form gives the units in scope), as many as needed, or none."""
    return UnitsField(
        label=label,
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Giữ Ctrl (hoặc chạm trên điện thoại) để chọn nhiều đơn vị.",
    )


def limit_options(field: forms.Field, options: Sequence[tuple[Any, str]], *, blank: str = "") -> None:
    """Offer only `options` in the widget, while the field still accepts every value of its queryset or
    catalogue: a value outside the options is then judged by the service, with its reason."""
    shown = [("", blank)] if blank else []
    field.widget.choices = [*shown, *options]


# -- campaigns ---------------------------------------------------------------------------------------


class CampaignForm(PageForm):
    name = text_field("Tên phong trào, đợt thi đua", max_length=255)
    launched_by = text_field(
        "Người, cơ quan phát động", help_text="Ví dụ: Đảng ủy Quân sự xã, Chỉ huy trưởng Ban CHQS xã."
    )
    launched_on = date_field("Ngày phát động")
    starts_on = date_field("Thi đua từ ngày")
    ends_on = date_field("Thi đua đến ngày")
    scope = area_field("Phạm vi, đối tượng thi đua", rows=2)
    criteria = area_field("Nội dung, chỉ tiêu thi đua", rows=4)
    participants = units_field("Đơn vị tham gia")

    def __init__(self, *args: Any, units: QuerySet[Unit], shown: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participants"]
        assert isinstance(field, UnitsField)
        field.queryset = units
        limit_options(field, [(u.pk, field.label_from_instance(u)) for u in shown])


class PledgeForm(PageForm):
    signed_on = date_field("Ngày ký giao ước")
    parties = text_field(
        "Các bên ký giao ước", max_length=500, help_text="Ví dụ: Cụm thi đua số 1 và Cụm thi đua số 2."
    )
    content = area_field("Nội dung giao ước", rows=2)


class CampaignReviewForm(PageForm):
    reviewed_on = date_field("Ngày sơ kết, tổng kết")
    review_summary = area_field("Kết quả sơ kết, tổng kết", rows=4, required=True)


# -- nominations -------------------------------------------------------------------------------------


class CitizenField(forms.ModelChoiceField):
    """A citizen of the register, in scope; the page renders the search and its options itself."""

    default_error_messages = {"invalid_choice": CITIZEN_NOT_IN_LIST}


class CampaignField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": CAMPAIGN_NOT_IN_LIST}

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


KIND_CHOICES = [(kind.value, rules.RECIPIENT_KIND_LABELS[kind].capitalize()) for kind in rules.RecipientKind]


class NominationForm(PageForm):
    recipient_kind = forms.ChoiceField(
        label="Đối tượng",
        choices=KIND_CHOICES,
        initial=rules.RecipientKind.INDIVIDUAL.value,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE.format(what="đối tượng")},
    )
    recipient_unit = UnitField(
        label="Tập thể trong danh sách đơn vị", queryset=Unit.objects.none(), required=False
    )
    recipient_citizen = CitizenField(
        label="Cá nhân trong sổ đăng ký công dân", queryset=Citizen.objects.none(), required=False
    )
    recipient_name = text_field(
        "Hoặc ghi tên",
        required=False,
        help_text="Tập thể ngoài danh sách (ví dụ “Ban CHQS xã”), người ngoài sổ, hoặc chủ hộ gia đình.",
    )
    recipient_detail = text_field("Chức vụ, đơn vị, địa chỉ", max_length=255, required=False)
    issuer = forms.ChoiceField(
        label="Cấp khen thưởng được đề nghị",
        error_messages={"required": CHOOSE.format(what="cấp khen thưởng")},
    )
    proposed_on = date_field("Ngày đề nghị")
    form_code = forms.ChoiceField(
        label="Hình thức, danh hiệu",
        choices=form_choices(),
        error_messages={"required": CHOOSE.format(what="hình thức, danh hiệu")},
    )
    period_code = text_field(
        "Kỳ thành tích",
        max_length=30,
        required=False,
        help_text="Năm (2026), 6 tháng (2026-H1) hoặc giai đoạn (2021-2025).",
    )
    achievement_year = forms.IntegerField(
        label="Năm thành tích",
        required=False,
        min_value=1945,
        max_value=2100,
        help_text="Để trống: năm cuối của kỳ.",
        error_messages={"invalid": YEAR_INVALID, "min_value": YEAR_INVALID, "max_value": YEAR_INVALID},
    )
    campaign = CampaignField(label="Phong trào thi đua", queryset=Campaign.objects.none(), required=False)
    achievement = area_field("Thành tích", rows=3)

    # A rule about the recipient's history or the form is shown on the form's field.
    problem_fields = {"unit": None, "items": None}

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        shown_units: Sequence[Unit],
        citizens: QuerySet[Citizen],
        campaigns: QuerySet[Campaign],
        issuers: Sequence[tuple[str, str]],
        forms_shown: Sequence[rules.AwardForm],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["recipient_unit"]
        assert isinstance(unit_field, UnitField)
        unit_field.queryset = units
        limit_options(
            unit_field,
            [(u.pk, unit_field.label_from_instance(u)) for u in shown_units],
            blank="— chọn đơn vị —",
        )
        citizen_field = self.fields["recipient_citizen"]
        assert isinstance(citizen_field, CitizenField)
        citizen_field.queryset = citizens
        campaign_field = self.fields["campaign"]
        assert isinstance(campaign_field, CampaignField)
        campaign_field.queryset = campaigns
        campaign_field.empty_label = "— không thuộc phong trào nào —"
        issuer_field = self.fields["issuer"]
        assert isinstance(issuer_field, forms.ChoiceField)
        issuer_field.choices = [(i.value, rules.ISSUER_LABELS[i]) for i in rules.Issuer]
        limit_options(issuer_field, issuers)
        limit_options(self.fields["form_code"], [(f.code, f.name) for f in forms_shown], blank="— chọn —")


class ReviewForm(PageForm):
    nominations = forms.ModelMultipleChoiceField(
        label="Đề nghị được xét",
        queryset=Nomination.objects.none(),
        error_messages={
            "required": NO_NOMINATION_PICKED,
            "invalid_choice": NOMINATION_NOT_IN_LIST,
            "invalid_pk_value": NOMINATION_NOT_IN_LIST,
        },
    )
    outcome = forms.ChoiceField(
        label="Kết quả xét",
        choices=ReviewOutcome.choices,
        initial=ReviewOutcome.AGREE.value,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE.format(what="kết quả xét")},
    )
    reviewed_on = date_field("Ngày xét")
    review_opinion = area_field(
        "Ý kiến của hội đồng", rows=2, help_text="Bắt buộc khi không nhất trí hoặc trả lại đề nghị."
    )

    problem_fields = {"nomination": "nominations"}

    def __init__(self, *args: Any, nominations: QuerySet[Nomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["nominations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = nominations


# -- decisions ---------------------------------------------------------------------------------------


class ConferenceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": CONFERENCE_NOT_IN_LIST}

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class DecideForm(PageForm):
    issuer = forms.ChoiceField(
        label="Thẩm quyền quyết định", error_messages={"required": CHOOSE.format(what="thẩm quyền")}
    )
    nominations = forms.ModelMultipleChoiceField(
        label="Đề nghị đã được hội đồng nhất trí",
        queryset=Nomination.objects.none(),
        error_messages={
            "required": NO_NOMINATION_PICKED,
            "invalid_choice": NOMINATION_NOT_IN_LIST,
            "invalid_pk_value": NOMINATION_NOT_IN_LIST,
        },
    )
    number = text_field("Số quyết định", max_length=40, required=False, help_text="Ví dụ: 125/QĐ-UBND.")
    decided_on = date_field("Ngày quyết định")
    signer_title = text_field("Chức vụ người ký", max_length=100, required=False)
    signer_name = text_field("Họ tên người ký", max_length=100, required=False)
    subject = area_field(
        "Lý do khen thưởng",
        rows=3,
        help_text="Câu tiếp sau “Tặng … cho … tập thể, cá nhân”, ví dụ “đã có thành tích xuất sắc trong …”.",
    )
    campaign = CampaignField(
        label="Thuộc phong trào thi đua", queryset=Campaign.objects.none(), required=False
    )
    conference = ConferenceField(
        label="Trao tại hội nghị", queryset=Conference.objects.none(), required=False
    )
    draft = forms.BooleanField(
        label="Lưu là dự thảo (chưa ký, chưa cần số)", required=False, widget=forms.CheckboxInput
    )

    # The rules' refusals of one line name the form; the page shows them by the list of nominations.
    problem_fields = {
        "issuing_unit": None,
        "lines": "nominations",
        "form_code": "nominations",
        "money": "nominations",
        "achievement_year": "nominations",
        "period_code": "nominations",
    }

    def __init__(
        self,
        *args: Any,
        nominations: QuerySet[Nomination],
        listed: Sequence[Nomination],
        campaigns: QuerySet[Campaign],
        conferences: QuerySet[Conference],
        issuers: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        issuer_field = self.fields["issuer"]
        assert isinstance(issuer_field, forms.ChoiceField)
        issuer_field.choices = [(i.value, rules.ISSUER_LABELS[i]) for i in rules.Issuer]
        limit_options(issuer_field, issuers)
        picks = self.fields["nominations"]
        assert isinstance(picks, forms.ModelMultipleChoiceField)
        picks.queryset = nominations
        for field_name, queryset, empty in (
            ("campaign", campaigns, "— không thuộc phong trào nào —"),
            ("conference", conferences, "— chưa định —"),
        ):
            field = self.fields[field_name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
            field.empty_label = empty
        # One money field per nomination listed (the reward paid with the form).
        for nomination in listed:
            self.fields[money_name(nomination.pk)] = forms.IntegerField(
                label=f"Tiền thưởng của {nomination.recipient_name} (đồng)",
                required=False,
                min_value=0,
                error_messages={"invalid": MONEY_INVALID, "min_value": MONEY_INVALID},
            )

    def money_of(self, nomination: Nomination) -> int:
        return int(self.cleaned_data.get(money_name(nomination.pk)) or 0)


def money_name(nomination_id: int) -> str:
    return f"money_{nomination_id}"


class SignForm(PageForm):
    number = text_field("Số quyết định", max_length=40)
    decided_on = date_field("Ngày ký")
    signer_title = text_field("Chức vụ người ký", max_length=100, required=False)
    signer_name = text_field("Họ tên người ký", max_length=100)

    problem_fields = {"issuing_unit": None, "decision": None, "form_code": None}


class PresentForm(PageForm):
    conference = ConferenceField(
        label="Trao tại hội nghị", queryset=Conference.objects.none(), required=False
    )
    presented_on = date_field("Ngày trao", required=False, help_text="Để trống: ngày của hội nghị.")

    problem_fields = {"decision": None}

    def __init__(self, *args: Any, conferences: QuerySet[Conference], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["conference"]
        assert isinstance(field, ConferenceField)
        field.queryset = conferences
        field.empty_label = "— không trao tại hội nghị —"


class AwardLineField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": AWARD_NOT_IN_LIST, "required": AWARD_NOT_IN_LIST}

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.recipient_name} — {obj.form_name}"


class RevokeForm(PageForm):
    award = AwardLineField(label="Tập thể, cá nhân bị hủy bỏ khen thưởng", queryset=Award.objects.none())
    revoked_on = date_field("Ngày hủy bỏ")
    revocation_number = text_field("Số quyết định hủy bỏ", max_length=40, required=False)
    revocation_reason = text_field("Lý do hủy bỏ", max_length=500)

    def __init__(self, *args: Any, awards: QuerySet[Award], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["award"]
        assert isinstance(field, AwardLineField)
        field.queryset = awards
        field.empty_label = "— chọn —"


# -- conferences -------------------------------------------------------------------------------------


class ConferenceForm(PageForm):
    kind = forms.ChoiceField(label="Loại hội nghị", choices=ConferenceKind.choices)
    period_code = text_field(
        "Kỳ sơ kết, tổng kết", max_length=30, help_text="2026, 2026-H1 (6 tháng đầu năm) hoặc 2021-2025."
    )
    held_on = date_field("Ngày tổ chức")
    title = text_field(
        "Tên hội nghị",
        max_length=300,
        required=False,
        help_text="Để trống: “Hội nghị tổng kết công tác quân sự, quốc phòng địa phương năm 2026”.",
    )
    place = text_field("Địa điểm", max_length=255, required=False)
    organiser = text_field("Cơ quan tổ chức", required=False)
    chair_name = text_field("Người chủ trì", max_length=100, required=False)
    chair_title = text_field("Chức vụ người chủ trì", required=False)
    presiding = area_field("Đoàn chủ tịch, lãnh đạo dự", rows=2)
    attendees = area_field("Thành phần tham dự", rows=2)
    attending_units = units_field("Đơn vị tham dự")
    presentations = area_field("Báo cáo, tham luận", rows=3)
    conclusions = area_field("Kết luận của người chủ trì", rows=4)
    tasks = area_field("Phương hướng, nhiệm vụ", rows=4)

    problem_fields = {"unit": None, "conference": None}

    def __init__(self, *args: Any, units: QuerySet[Unit], shown: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attending_units"]
        assert isinstance(field, UnitsField)
        field.queryset = units
        limit_options(field, [(u.pk, field.label_from_instance(u)) for u in shown])


class DecisionField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": DECISION_NOT_IN_LIST, "required": DECISION_NOT_IN_LIST}

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class AttachForm(PageForm):
    decision = DecisionField(
        label="Quyết định khen thưởng trao tại hội nghị", queryset=AwardDecision.objects.none()
    )

    problem_fields = {"conference": "decision"}

    def __init__(self, *args: Any, decisions: QuerySet[AwardDecision], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        assert isinstance(field, DecisionField)
        field.queryset = decisions
        field.empty_label = "— chọn quyết định —"
