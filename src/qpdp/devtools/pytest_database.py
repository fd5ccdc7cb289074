"""pytest plugin choosing the test database (``--db sqlite|postgres``) and isolating the test session.

Loaded through the ``pytest11`` entry point in pyproject.toml. Before pytest-django reads the
settings, it:

- ``--db sqlite`` (default): removes QPDP_DATABASE_URL for the run, so settings fall back to SQLite;
- ``--db postgres``: uses QPDP_DATABASE_URL when it is set, else starts a throwaway PostgreSQL
  server (``qpdp.devtools.throwaway_postgres``) for the session and points QPDP_DATABASE_URL at it.
  Missing PostgreSQL is an error, never a silent skip;
- points QPDP_DATA_DIR at a fresh temp folder (tests never write to ./var) and defaults
  QPDP_JOB_RUNNER to ``eager`` (background jobs run inline).

Every variable is restored, and the server and folder removed, when the session ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from qpdp.devtools.throwaway_postgres import PostgresNotFoundError, PostgresStartError, ThrowawayPostgres

DATABASE_URL_ENV = "QPDP_DATABASE_URL"
DATA_DIR_ENV = "QPDP_DATA_DIR"
JOB_RUNNER_ENV = "QPDP_JOB_RUNNER"
BACKENDS = ("sqlite", "postgres")
POSTGRES_URL_SCHEMES = ("postgres://", "postgresql://", "postgis://")

_database_description = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("qpdp", "QPĐP test database")
    group.addoption(
        "--db",
        action="store",
        dest="qpdp_db",
        choices=BACKENDS,
        default="sqlite",
        help=(
            "database for the tests: sqlite (default) or postgres. With postgres, QPDP_DATABASE_URL "
            "is used when set, else a throwaway PostgreSQL server is started for the session."
        ),
    )


def _is_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _set_env_for_session(config: pytest.Config, name: str, value: str | None) -> None:
    """Set (or, with None, remove) an environment variable until the session ends."""
    previous = os.environ.get(name)

    def restore() -> None:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous

    config.add_cleanup(restore)
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _isolate_data_dir(config: pytest.Config) -> None:
    data_dir = tempfile.mkdtemp(prefix="qpdp-test-data-")
    config.add_cleanup(lambda: shutil.rmtree(data_dir, ignore_errors=True))
    _set_env_for_session(config, DATA_DIR_ENV, data_dir)


def _use_postgres(config: pytest.Config) -> None:
    existing = os.environ.get(DATABASE_URL_ENV)
    if existing:
        if not existing.startswith(POSTGRES_URL_SCHEMES):
            raise pytest.UsageError(
                f"--db postgres, but {DATABASE_URL_ENV} points at another database ({existing}). "
                f"Unset {DATABASE_URL_ENV} to get a throwaway PostgreSQL server, or use --db sqlite."
            )
        config.stash[_database_description] = f"postgres ({DATABASE_URL_ENV} from the environment)"
        return

    server = ThrowawayPostgres()
    try:
        url = server.start()
    except PostgresNotFoundError as error:
        where = "CI must run the PostgreSQL tests; .ci/run installs it. " if _is_ci() else ""
        raise pytest.UsageError(
            f"--db postgres needs PostgreSQL. {where}{error} To run on SQLite only, use --db sqlite."
        ) from error
    except PostgresStartError as error:
        raise pytest.UsageError(
            f"--db postgres: the throwaway PostgreSQL server did not start.\n{error}"
        ) from error
    config.add_cleanup(server.stop)
    _set_env_for_session(config, DATABASE_URL_ENV, url)
    config.stash[_database_description] = f"postgres (throwaway server, {url})"


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> None:
    """Runs before pytest-django imports the settings, which read these variables once."""
    options = early_config.known_args_namespace
    if getattr(options, "help", False) or getattr(options, "version", False):
        return
    os.environ.setdefault(JOB_RUNNER_ENV, "eager")
    _isolate_data_dir(early_config)
    backend = getattr(options, "qpdp_db", "sqlite")
    if backend == "postgres":
        _use_postgres(early_config)
    else:
        _set_env_for_session(early_config, DATABASE_URL_ENV, None)
        early_config.stash[_database_description] = "sqlite"


def pytest_report_header(config: pytest.Config) -> str | None:
    description = config.stash.get(_database_description, None)
    return None if description is None else f"qpdp database: {description}"


def pytest_configure(config: pytest.Config) -> None:
    """Let Django's `flush` (between transactional and browser tests) empty the append-only audit table.

    The application never deletes audit entries; the test database must be emptied between tests.
    """
    from django.core.management.commands import flush

    from qpdp.core.audit_guard import allow_audit_purge

    original = flush.Command.handle
    if getattr(original, "_qpdp_purges_audit", False):
        return

    def handle(self: flush.Command, *args: object, **options: object) -> None:
        with allow_audit_purge():
            original(self, *args, **options)

    handle._qpdp_purges_audit = True  # type: ignore[attr-defined]
    flush.Command.handle = handle  # type: ignore[method-assign]
