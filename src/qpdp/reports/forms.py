"""Input shapes of the report pages: a new report, its sections, heading and targets, article, return."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from qpdp.core.errors import DomainError
from qpdp.reports.choices import ReportKind

PERIOD_HELP = "2026 (năm), 2026-H1 (6 tháng đầu năm), 2021-2025 (giai đoạn) hoặc 2026-01-01..2026-03-31."
TARGET_INVALID = "Chỉ tiêu phải là một số không âm, ví dụ 12 hoặc 95,5."


class BootstrapBoundField(BoundField):
    """Each widget with its Bootstrap 5 class, marked invalid when its field has errors."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if self.errors:
            css += " is-invalid"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        return attrs


class PageForm(forms.Form):
    bound_field_class = BootstrapBoundField


def apply_problems(form: forms.Form, refusal: DomainError, renames: Mapping[str, str] | None = None) -> None:
    """Put each problem of a refused service call on the field it names (else above the form)."""
    for problem in refusal.problems:
        name = (renames or {}).get(problem.field, problem.field)
        form.add_error(name if name in form.fields else None, problem.message)


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
