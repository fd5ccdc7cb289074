"""Input shapes of the military-service pages: registration acts, health results, reliefs, postings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from qpdp.conscription import rules
from qpdp.conscription.choices import REMOVAL_GROUNDS, Channel, ExamStage, ReliefKind
from qpdp.core.errors import DomainError

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class BootstrapBoundField(BoundField):
    """Renders each widget with its Bootstrap 5 class, and marks it invalid when the field has errors."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if self.errors:
            css += " is-invalid"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        return attrs


class PageForm(forms.Form):
    """A form of these pages: Bootstrap widgets, service problems shown on their fields."""

    bound_field_class = BootstrapBoundField


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """A date typed as dd/mm/yyyy (the house format), with a Vietnamese message when it is not one."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": f"{label} phải có dạng dd/mm/yyyy, ví dụ 05/04/2026.",
            "required": f"Nhập {label[:1].lower() + label[1:]}.",
        },
    )


class PointOrCommaDecimalField(forms.DecimalField):
    """A decimal typed with a comma (Vietnamese) or a point; never read as a thousands separator, so
    that "-1.75" dioptres is not taken for -175."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


def decimal_field(label: str, *, places: int = 1, help_text: str = "") -> forms.DecimalField:
    return PointOrCommaDecimalField(
        label=label,
        required=False,
        max_digits=5,
        decimal_places=places,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"invalid": f"{label}: nhập một số, ví dụ 165,5."},
    )


def apply_problems(form: forms.Form, refusal: DomainError, renames: Mapping[str, str] | None = None) -> None:
    """Put each problem of a refused service call on the form field it names (else above the form)."""
    for problem in refusal.problems:
        name = (renames or {}).get(problem.field, problem.field)
        form.add_error(name if name in form.fields else None, problem.message)


def ground_choices(*groups: tuple[str, tuple[rules.Ground, ...]]) -> list[Any]:
    """Grouped choices "41.1.g — Đang học …" for a select, labels from the rules."""
    return [(title, [(g.code, f"{g.code} — {g.label}") for g in grounds]) for title, grounds in groups]


class CitizenPickerField(forms.ModelChoiceField):
    """A citizen chosen by id among a scoped queryset; shown as "Họ tên (dd/mm/yyyy)"."""

    default_error_messages = {
        "invalid_choice": "Chọn một công dân trong danh sách (nam công dân của đơn vị, đã đăng ký NVQS).",
        "required": "Chọn công dân.",
    }

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.date_of_birth:%d/%m/%Y})"


# -- the yearly registration run ----------------------------------------------------------------------


class RegistrationRunForm(PageForm):
    registered_on = date_field("Ngày đăng ký")
    signer_name = forms.CharField(label="Người ký giấy chứng nhận", required=False, max_length=100)


class NoticeForm(PageForm):
    """The call to first registration (giấy gọi đăng ký NVQS lần đầu), printed for unregistered men."""

    signed_on = date_field("Ngày ký giấy gọi")
    report_on = date_field("Ngày có mặt")
    report_time = forms.CharField(label="Giờ có mặt", max_length=10, initial="07 giờ 30")
    place = forms.CharField(label="Địa điểm đăng ký", max_length=200)
    signer_name = forms.CharField(label="Họ tên người ký", required=False, max_length=100)


# -- acts on one citizen's registration ------------------------------------------------------------


class FirstRegistrationForm(PageForm):
    registered_on = date_field("Ngày đăng ký")
    channel = forms.ChoiceField(label="Hình thức", choices=Channel.choices, initial=Channel.IN_PERSON)
    certificate_number = forms.CharField(label="Số giấy chứng nhận đăng ký", required=False, max_length=30)
    signer_name = forms.CharField(label="Họ tên người ký", required=False, max_length=100)


class SupplementaryForm(PageForm):
    registered_on = date_field("Ngày đăng ký")
    reason = forms.CharField(
        label="Nội dung thay đổi",
        required=False,
        max_length=255,
        help_text="Chức vụ, trình độ văn hóa, chuyên môn, tình trạng sức khỏe …",
    )
    channel = forms.ChoiceField(label="Hình thức", choices=Channel.choices, initial=Channel.IN_PERSON)


class MoveOutForm(PageForm):
    to_commune = forms.CharField(
        label="Xã, phường nơi đến (mã)",
        max_length=40,
        help_text="Gõ tên để tìm rồi chọn; có thể nhập thẳng mã xã, phường.",
    )
    left_on = date_field("Ngày đi")
    registered_on = date_field("Ngày đăng ký di chuyển")


class MoveInForm(PageForm):
    arrived_on = date_field("Ngày đến")
    registered_on = date_field("Ngày đăng ký")
    from_commune = forms.CharField(
        label="Xã, phường nơi đi (mã)", required=False, max_length=40, help_text="Có thể để trống."
    )


class AbsenceForm(PageForm):
    left_on = date_field("Ngày đi")
    registered_on = date_field("Ngày đăng ký vắng mặt")
    reason = forms.CharField(label="Lý do, nơi đến", required=False, max_length=255)


class ReturnForm(PageForm):
    returned_on = date_field("Ngày trở về")
    registered_on = date_field("Ngày đăng ký")


class RemovalForm(PageForm):
    removed_on = date_field("Ngày xóa đăng ký")
    ground = forms.ChoiceField(label="Lý do", choices=[("", "— chọn —"), *REMOVAL_GROUNDS.items()])


class BarForm(PageForm):
    ground = forms.ChoiceField(
        label="Căn cứ",
        choices=[
            ("", "— chọn —"),
            *ground_choices(
                ("Không được đăng ký (Điều 13)", rules.REGISTRATION_EXCLUSIONS),
                ("Miễn đăng ký (Điều 14)", rules.REGISTRATION_EXEMPTIONS),
            ),
        ],
    )
    valid_from = date_field("Từ ngày")
    valid_until = date_field("Đến ngày", required=False, help_text="Để trống nếu chưa rõ ngày kết thúc.")
    evidence = forms.CharField(label="Giấy tờ chứng minh", required=False, max_length=255)


# -- health ------------------------------------------------------------------------------------------

# The criteria scored 1–6 at the examination (TT 105/2023 Annex I); keys are stored with the scores.
HEALTH_CRITERIA: dict[str, str] = {
    "physical": "Thể lực",
    "eyes": "Mắt",
    "ent": "Tai – mũi – họng",
    "dental": "Răng – hàm – mặt",
    "internal": "Nội khoa",
    "neuro": "Tâm thần – thần kinh",
    "surgical": "Ngoại khoa",
    "skin": "Da liễu",
}


class HealthForm(PageForm):
    citizen = CitizenPickerField(label="Công dân", queryset=None, empty_label="— chọn công dân —")
    stage = forms.ChoiceField(label="Vòng khám", choices=ExamStage.choices, initial=ExamStage.EXAMINATION)
    examined_on = date_field("Ngày khám")
    height_cm = decimal_field("Chiều cao (cm)")
    weight_kg = decimal_field("Cân nặng (kg)")
    chest_cm = decimal_field("Vòng ngực (cm)")
    refraction_right = decimal_field(
        "Khúc xạ mắt phải (đi-ốp)", places=2, help_text="Âm là cận thị, dương là viễn thị."
    )
    refraction_left = decimal_field("Khúc xạ mắt trái (đi-ốp)", places=2)
    health_type = forms.TypedChoiceField(
        label="Phân loại sức khỏe",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "— tính từ điểm các chỉ tiêu —"), *[(n, f"Loại {n}") for n in rules.HEALTH_TYPES]],
    )
    examiner = forms.CharField(label="Hội đồng khám, trạm y tế", required=False, max_length=200)
    present = forms.BooleanField(label="Có mặt khám", required=False, initial=True)

    def __init__(self, *args: Any, citizens: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizen"].queryset = citizens  # type: ignore[attr-defined]
        for key, label in HEALTH_CRITERIA.items():
            self.fields[f"score_{key}"] = forms.IntegerField(
                label=f"Điểm {label.lower()}",
                required=False,
                min_value=1,
                max_value=6,
                error_messages={"min_value": "Điểm từ 1 đến 6.", "max_value": "Điểm từ 1 đến 6."},
            )

    def scores(self) -> dict[str, int]:
        return {
            key: self.cleaned_data[f"score_{key}"]
            for key in HEALTH_CRITERIA
            if self.cleaned_data.get(f"score_{key}") is not None
        }

    def score_fields(self) -> list[forms.BoundField]:
        return [self[f"score_{key}"] for key in HEALTH_CRITERIA]


# -- deferments and exemptions ---------------------------------------------------------------------


class ReliefForm(PageForm):
    citizen = CitizenPickerField(label="Công dân", queryset=None, empty_label="— chọn công dân —")
    kind = forms.ChoiceField(label="Loại", choices=ReliefKind.choices, initial=ReliefKind.DEFERMENT)
    # Optional here: the service names a missing ground in its own words ("Phải ghi căn cứ …").
    ground = forms.ChoiceField(
        label="Căn cứ (điểm, khoản Điều 41)",
        required=False,
        choices=[
            ("", "— chọn căn cứ —"),
            *ground_choices(
                ("Tạm hoãn gọi nhập ngũ (khoản 1 Điều 41)", rules.DEFERMENT_GROUNDS),
                ("Miễn gọi nhập ngũ (khoản 2 Điều 41)", rules.EXEMPTION_GROUNDS),
            ),
        ],
    )
    evidence = forms.CharField(label="Giấy tờ chứng minh", required=False, max_length=255)
    valid_from = date_field("Có hiệu lực từ", required=False, help_text="Để trống: từ ngày quyết định.")
    valid_until = date_field("Đến ngày", required=False, help_text="Bắt buộc với tạm hoãn.")
    volunteer = forms.BooleanField(label="Tình nguyện nhập ngũ", required=False)
    decision_number = forms.CharField(label="Số quyết định", required=False, max_length=40)
    decided_on = date_field("Ngày quyết định")
    signer_name = forms.CharField(label="Họ tên người ký", required=False, max_length=100)

    def __init__(self, *args: Any, citizens: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizen"].queryset = citizens  # type: ignore[attr-defined]


class EndReliefForm(PageForm):
    ended_on = date_field("Ngày chấm dứt")
    end_reason = forms.CharField(label="Lý do chấm dứt", required=False, max_length=255)


# -- public posting and complaints -----------------------------------------------------------------


class PostingForm(PageForm):
    commune = forms.ChoiceField(label="Xã, phường")
    decision_number = forms.CharField(label="Số quyết định được niêm yết", required=False, max_length=40)
    decided_on = date_field("Ngày ký quyết định", help_text="Niêm yết 20 ngày kể từ ngày ký.")

    def __init__(self, *args: Any, communes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = communes  # type: ignore[attr-defined]


class ComplaintForm(PageForm):
    received_on = date_field("Ngày nhận")
    complainant = forms.CharField(label="Người phản ánh", required=False, max_length=100)
    content = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    relief = forms.TypedChoiceField(
        label="Về trường hợp", required=False, coerce=int, empty_value=None, choices=[]
    )

    def __init__(self, *args: Any, reliefs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relief"].choices = [("", "— chung cả danh sách —"), *reliefs]  # type: ignore[attr-defined]


class ResolveForm(PageForm):
    complaint = forms.TypedChoiceField(label="Phản ánh", coerce=int, choices=[])
    resolved_on = date_field("Ngày giải quyết")
    resolution = forms.CharField(
        label="Kết quả giải quyết", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, complaints: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["complaint"].choices = [("", "— chọn phản ánh —"), *complaints]  # type: ignore[attr-defined]
