"""The project's security settings as configured (not the fast test overrides)."""

from __future__ import annotations

from qpdp import settings as project_settings


def test_passwords_are_hashed_with_argon2() -> None:
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_login_lockout_is_per_username_after_five_failures() -> None:
    assert project_settings.AXES_FAILURE_LIMIT == 5
    assert project_settings.AXES_LOCKOUT_PARAMETERS == ["username"]


def test_interface_is_vietnamese_in_hanoi_time() -> None:
    assert project_settings.LANGUAGE_CODE == "vi"
    assert project_settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
