"""The project's security settings as configured (not the fast test overrides)."""

from __future__ import annotations

from typing import Any

from qpdp import settings as project_settings


def test_passwords_are_hashed_with_argon2() -> None:
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_login_lockout_is_per_username_after_five_failures() -> None:
    assert project_settings.AXES_FAILURE_LIMIT == 5
    assert project_settings.AXES_LOCKOUT_PARAMETERS == ["username"]


def test_interface_is_vietnamese_in_hanoi_time() -> None:
    assert project_settings.LANGUAGE_CODE == "vi"
    assert project_settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_production_static_files_collect_with_hashed_names(tmp_path: Any, settings: Any) -> None:
    """Production serves hashed static files (whitenoise's manifest storage, compressed too): every
    file a vendored file references (source maps included) must be there, or `collectstatic` fails
    at deploy time. The manifest step is what fails; compression is left out to keep this fast."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
