"""The API's single error shape speaks Vietnamese for DRF's own validation errors."""

from __future__ import annotations

from rest_framework import serializers

from qpdp.core.api_errors import exception_handler


class _Body(serializers.Serializer[dict[str, object]]):
    decided_on = serializers.DateField()
    count = serializers.IntegerField(min_value=1)


def _errors(data: dict[str, object]) -> dict[str, object]:
    body = _Body(data=data)
    assert not body.is_valid()
    response = exception_handler(serializers.ValidationError(body.errors), {})
    assert response is not None
    assert response.status_code == 400
    errors: dict[str, object] = response.data["errors"]
    return errors


def test_any_bad_date_gets_the_date_format_message() -> None:
    assert _errors({"decided_on": "23/11/2026", "count": 1}) == {
        "decided_on": ["Ngày phải có dạng yyyy-mm-dd."]
    }


def test_other_errors_keep_their_own_message() -> None:
    assert _errors({"decided_on": "2026-11-23", "count": 0}) == {"count": ["Giá trị nhỏ hơn mức cho phép."]}
