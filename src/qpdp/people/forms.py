"""Input shapes of people pages: the citizen form, the list filters, the import upload."""

from __future__ import annotations

from typing import Any

from django import forms

from qpdp.people.choices import ETHNICITY_CHOICES, Qualification, Sex


class CitizenForm(forms.Form):
    personal_id = forms.CharField(
        label="Số định danh cá nhân", max_length=20, help_text="12 chữ số trên thẻ căn cước."
    )
    full_name = forms.CharField(label="Họ và tên", max_length=200)
    sex = forms.ChoiceField(label="Giới tính", choices=Sex.choices)
    date_of_birth = forms.DateField(
        label="Ngày sinh",
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Ngày sinh phải có dạng dd/mm/yyyy, ví dụ 05/01/2008."},
    )
    ethnicity = forms.ChoiceField(label="Dân tộc", choices=ETHNICITY_CHOICES, initial="Kinh")
    commune_code = forms.ChoiceField(label="Xã, phường nơi ở hiện tại")
    village = forms.CharField(
        label="Thôn, tổ dân phố",
        required=False,
        max_length=200,
        help_text="Tên hoặc mã thôn, tổ dân phố của xã.",
    )
    address = forms.CharField(label="Địa chỉ nơi ở hiện tại", required=False, max_length=255)
    permanent_commune_code = forms.CharField(
        label="Mã xã, phường nơi thường trú",
        required=False,
        max_length=40,
        help_text="Có thể để trống nếu chưa rõ.",
    )
    permanent_village = forms.CharField(
        label="Thôn, tổ dân phố nơi thường trú", required=False, max_length=200
    )
    permanent_address = forms.CharField(label="Địa chỉ thường trú", required=False, max_length=255)
    education_level = forms.IntegerField(
        label="Trình độ văn hóa (lớp đã học xong, 0–12)", min_value=0, max_value=12, initial=12
    )
    qualification = forms.ChoiceField(
        label="Trình độ chuyên môn", choices=Qualification.choices, required=False
    )
    occupation = forms.CharField(label="Nghề nghiệp", required=False, max_length=100)
    workplace = forms.CharField(label="Nơi làm việc, học tập", required=False, max_length=200)

    def __init__(self, *args: Any, communes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune_code"].choices = communes  # type: ignore[attr-defined]


class CitizenFilterForm(forms.Form):
    q = forms.CharField(
        label="Tìm kiếm",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Họ tên (có hoặc không dấu) hoặc số định danh"}),
    )
    sex = forms.ChoiceField(label="Giới tính", required=False, choices=[("", "Tất cả"), *Sex.choices])
    born_from = forms.IntegerField(label="Sinh từ năm", required=False, min_value=1900, max_value=2100)
    born_to = forms.IntegerField(label="đến năm", required=False, min_value=1900, max_value=2100)


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp dữ liệu dân cư (.xlsx hoặc .csv)")
    apply_valid_rows = forms.BooleanField(
        label="Nhập các dòng hợp lệ, tải về các dòng lỗi (mặc định: có lỗi thì không nhập dòng nào)",
        required=False,
    )
