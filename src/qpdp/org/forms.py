"""Input shapes of org pages: login, village creation."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: sau nhiều lần sai, tài khoản bị tạm khóa."
        ),
        "inactive": "Tài khoản này đã bị vô hiệu hóa.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"


class VillageForm(forms.Form):
    name = forms.CharField(label="Tên thôn, tổ dân phố", max_length=200)
    division_type = forms.ChoiceField(
        label="Loại",
        choices=[
            ("thôn", "Thôn"),
            ("tổ dân phố", "Tổ dân phố"),
            ("ấp", "Ấp"),
            ("bản", "Bản"),
            ("buôn", "Buôn"),
            ("làng", "Làng"),
            ("khu phố", "Khu phố"),
            ("xóm", "Xóm"),
        ],
    )


class AgencyForm(forms.Form):
    name = forms.CharField(label="Tên cơ quan, tổ chức", max_length=200)
    division_type = forms.ChoiceField(
        label="Loại",
        choices=[
            ("cơ quan", "Cơ quan nhà nước"),
            ("đơn vị sự nghiệp", "Đơn vị sự nghiệp"),
            ("doanh nghiệp", "Doanh nghiệp"),
            ("tổ chức", "Tổ chức khác"),
        ],
    )
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
