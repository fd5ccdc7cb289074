"""API error handler: every 400 has one shape, {"errors": {field: [messages]}, "detail": …}."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from qpdp.core.errors import DomainError

INVALID_INPUT = "Dữ liệu gửi lên chưa hợp lệ."
# DRF's own messages by error code; its Vietnamese catalogue is incomplete.
MESSAGES_BY_CODE = {
    "required": "Trường này là bắt buộc.",
    "null": "Trường này không được để trống.",
    "blank": "Trường này không được để trống.",
    "invalid_choice": "Giá trị không nằm trong danh sách được phép.",
    "invalid": "Giá trị không hợp lệ.",
    "max_length": "Nội dung dài quá mức cho phép.",
    "min_length": "Nội dung ngắn hơn mức tối thiểu.",
    "max_value": "Giá trị lớn hơn mức cho phép.",
    "min_value": "Giá trị nhỏ hơn mức cho phép.",
    "max_string_length": "Số quá lớn.",
    "date": "Ngày phải có dạng yyyy-mm-dd.",
    "parse_error": "Nội dung gửi lên không đọc được (JSON không hợp lệ).",
}


def _is_bad_date(message: str) -> bool:
    """DRF's DateField says "Date has wrong format…" (in the active language) under the code "invalid"."""
    template = str(serializers.DateField.default_error_messages["invalid"])
    return message.startswith(template.split("{format}")[0])


def _vietnamese(detail: Any, field: str = "") -> Any:
    if isinstance(detail, dict):
        return {key: _vietnamese(value, key) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_vietnamese(item, field) for item in detail]
    code = getattr(detail, "code", "")
    if code == "invalid" and (field == "date_of_birth" or _is_bad_date(str(detail))):
        code = "date"
    return MESSAGES_BY_CODE.get(code, str(detail))


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response({"errors": exc.by_field(), "detail": str(exc)}, status=400)
    if isinstance(exc, exceptions.ValidationError):
        errors = _vietnamese(exc.detail)
        if not isinstance(errors, dict):
            errors = {"__all__": errors}
        return Response({"errors": errors, "detail": INVALID_INPUT}, status=400)
    if isinstance(exc, exceptions.ParseError):
        return Response({"errors": {}, "detail": MESSAGES_BY_CODE["parse_error"]}, status=400)
    return drf_exception_handler(exc, context)
