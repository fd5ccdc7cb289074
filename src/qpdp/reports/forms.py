"""Input shapes of the report pages: a new report, its sections, heading and targets, article, return."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from qpdp.core.page_forms import PageForm
from qpdp.core.page_forms import apply_problems as apply_problems
from qpdp.reports.choices import ReportKind

PERIOD_HELP = "2026 (năm), 2026-H1 (6 tháng đầu năm), 2021-2025 (giai đoạn) hoặc 2026-01-01..2026-03-31."
TARGET_INVALID = "Chỉ tiêu phải là một số không âm, ví dụ 12 hoặc 95,5."


def _text(
    label: str, *, rows: int = 6, required: bool = False, max_length: int | None = None
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Nhập {label.lower()}."},
    )


class ConferenceChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": "Chọn một hội nghị của đơn vị trong danh sách."}

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.held_on:%d/%m/%Y})"


class ReportCreateForm(PageForm):
    kind = forms.ChoiceField(label="Loại", choices=ReportKind.choices, initial=ReportKind.REPORT)
    period = forms.CharField(
        label="Kỳ báo cáo",
        max_length=30,
        help_text=PERIOD_HELP,
        error_messages={"required": "Nhập kỳ báo cáo, ví dụ 2026."},
    )
    title = forms.CharField(
        label="Tiêu đề", max_length=300, required=False, help_text="Để trống: hệ thống đặt tiêu đề theo kỳ."
    )
    conference = ConferenceChoiceField(
        label="Hội nghị sơ kết, tổng kết",
        queryset=None,
        required=False,
        empty_label="(không gắn hội nghị)",
        help_text="Bài viết tin tức kể lại hội nghị: ngày, địa điểm, kết luận, khen thưởng.",
    )

    def __init__(self, *args: Any, conferences: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conference"].queryset = conferences  # type: ignore[attr-defined]


class SectionForm(PageForm):
    code = forms.CharField(max_length=80, widget=forms.HiddenInput)
    text = _text("Nội dung", rows=5)


class HeadingForm(PageForm):
    """What the report's heading and signature carry."""

    title = forms.CharField(label="Tiêu đề", max_length=300, error_messages={"required": "Nhập tiêu đề."})
    number = forms.CharField(
        label="Số, ký hiệu",
        max_length=40,
        required=False,
        help_text="Ví dụ 07/BC-UBND; để trống khi chưa có số.",
    )
    signer_name = forms.CharField(label="Họ tên người ký", max_length=100, required=False)
    signer_title = forms.CharField(
        label="Chức vụ người ký", max_length=200, required=False, help_text="Ví dụ: Chủ tịch, Phó Chủ tịch."
    )

    def __init__(self, *args: Any, targets: Iterable[tuple[str, str, str]] = (), **kwargs: Any) -> None:
        """`targets`: (code, label, measure) of each indicator whose next-period target may be set."""
        super().__init__(*args, **kwargs)
        self.target_codes: dict[str, str] = {}
        for code, label, measure in targets:
            name = f"target_{len(self.target_codes)}"
            self.target_codes[name] = code
            self.fields[name] = forms.DecimalField(
                label=f"{label} ({measure})" if measure else label,
                required=False,
                min_value=0,
                localize=True,
                error_messages={"invalid": TARGET_INVALID, "min_value": TARGET_INVALID},
            )

    def target_fields(self) -> list[BoundField]:
        return [self[name] for name in self.target_codes]

    def next_targets(self) -> dict[str, Any]:
        """{indicator code: target} of the targets filled in (an empty field sets none)."""
        data = self.cleaned_data
        return {code: data[name] for name, code in self.target_codes.items() if data.get(name) is not None}


class ArticleForm(PageForm):
    title = forms.CharField(label="Tiêu đề", max_length=300, error_messages={"required": "Nhập tiêu đề."})
    lead = _text("Sa pô (đoạn mở đầu)", rows=4, required=True)
    body = _text("Nội dung", rows=16, required=True)


class ReturnForm(PageForm):
    comment = _text("Ý kiến khi trả lại", rows=3, required=True)


# -- targets ------------------------------------------------------------------------------------------

UNIT_NOT_IN_LIST = "Chọn một đơn vị trong danh sách (trong phạm vi của bạn)."
INDICATOR_NOT_IN_LIST = "Chọn một chỉ số trong danh mục."
SET_BY_PROGRAMME = ""


class UnitChoiceField(forms.ModelChoiceField):
    """A unit chosen by its code among those in the user's scope."""

    default_error_messages = {"invalid_choice": UNIT_NOT_IN_LIST}

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class TargetForm(PageForm):
    """One indicator's target for a unit and period, set by the working unit or by a programme."""

    code = forms.ChoiceField(
        label="Chỉ số",
        error_messages={"required": "Chọn chỉ số.", "invalid_choice": INDICATOR_NOT_IN_LIST},
    )
    unit = UnitChoiceField(
        label="Đơn vị nhận chỉ tiêu",
        queryset=None,
        to_field_name="code",
        empty_label=None,
        error_messages={"required": "Chọn đơn vị nhận chỉ tiêu."},
    )
    period = forms.CharField(
        label="Kỳ",
        max_length=30,
        help_text=PERIOD_HELP,
        error_messages={"required": "Nhập kỳ của chỉ tiêu, ví dụ 2026."},
    )
    value = forms.DecimalField(
        label="Chỉ tiêu",
        max_digits=14,
        decimal_places=2,
        localize=True,
        error_messages={"required": "Nhập chỉ tiêu, ví dụ 12 hoặc 95,5.", "invalid": TARGET_INVALID},
    )
    set_by = forms.ChoiceField(label="Cấp giao", required=False)
    programme = forms.CharField(
        label="Chương trình, đề án",
        max_length=255,
        required=False,
        help_text="Ghi khi chỉ tiêu do một chương trình, đề án giao.",
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(
        self,
        *args: Any,
        indicators: Iterable[tuple[str, str]],
        units: Any,
        shown: Iterable[Any],
        setter: Any,
        **kwargs: Any,
    ) -> None:
        """`indicators`: (code, label) of the catalogue; `units`: every unit the field accepts (the
        user's scope); `shown`: those offered; `setter`: the working unit, which gives the target."""
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        assert isinstance(code, forms.ChoiceField)
        code.choices = [("", "— chọn chỉ số —"), *indicators]
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units
        unit.widget.choices = [(u.code, u.name) for u in shown]
        set_by = self.fields["set_by"]
        assert isinstance(set_by, forms.ChoiceField)
        set_by.choices = [
            (setter.code, setter.name),
            (SET_BY_PROGRAMME, "Chương trình, đề án (ghi bên dưới)"),
        ]
