"""Throwaway PostgreSQL server for tests and benchmarks: lives in a temp folder, leaves nothing behind.

In Python::

    with ThrowawayPostgres() as server:
        os.environ["QPDP_DATABASE_URL"] = server.url

From a shell, running one command against a fresh server (``QPDP_DATABASE_URL`` is set for it)::

    python -m qpdp.devtools.throwaway_postgres -- python bench/some_bench.py --db postgres

The server trusts every local connection and runs with fsync off: it is for tests only. It listens on
a free loopback port, keeps its socket inside its temp folder, and has a database ``qpdp`` with the
extensions ``pg_trgm`` and ``unaccent``. The extensions are also created in ``template1``, so the
test databases Django creates (``test_qpdp``) have them too.

``initdb`` refuses to run as root, so as root the data folder belongs to the ``postgres`` system
user (or ``qpdptest``, created on first use) and the server tools run through ``runuser``.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, Self

__all__ = [
    "PostgresNotFoundError",
    "PostgresStartError",
    "ThrowawayPostgres",
    "find_bin_dir",
    "main",
]

HOST = "127.0.0.1"
SUPERUSER = "postgres"
DATABASE = "qpdp"
EXTENSIONS: tuple[str, ...] = ("pg_trgm", "unaccent")
FALLBACK_OS_USER = "qpdptest"
REQUIRED_TOOLS: tuple[str, ...] = ("initdb", "pg_ctl", "pg_isready", "psql")
# Durability is worthless for a database that is deleted after the run; these make tests faster.
SERVER_SETTINGS: tuple[str, ...] = (
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    f"listen_addresses={HOST}",
)
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
START_ATTEMPTS = 5
COMMAND_TIMEOUT_SECONDS = 120.0
LOG_TAIL_LINES = 30

# Signals that end a run from outside (CI cancelling a job, a closed terminal). They are turned into
# KeyboardInterrupt so the ordinary cleanup paths (context managers, pytest cleanups, atexit) run.
_CLEANUP_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGHUP)
type _SignalHandler = Callable[[int, FrameType | None], Any] | int | None


class PostgresNotFoundError(RuntimeError):
    """The PostgreSQL server programs (initdb, pg_ctl, ...) are not installed."""


class PostgresStartError(RuntimeError):
    """The throwaway server could not be created, started or prepared."""


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", bin_dir.parent.name))


def _has_tools(bin_dir: Path) -> bool:
    return all(os.access(bin_dir / tool, os.X_OK) for tool in REQUIRED_TOOLS)


def find_bin_dir() -> Path:
    """Return the folder of the newest PostgreSQL server programs (Debian layout first, then PATH)."""
    debian_dirs = [Path(path) for path in glob.glob(DEBIAN_BIN_GLOB)]
    usable = [path for path in debian_dirs if _has_tools(path)]
    if usable:
        return max(usable, key=_version_key)
    initdb = shutil.which("initdb")
    if initdb is not None and _has_tools(Path(initdb).parent):
        return Path(initdb).parent
    raise PostgresNotFoundError(
        "PostgreSQL server programs (initdb, pg_ctl, pg_isready, psql) were not found in "
        f"{DEBIAN_BIN_GLOB} or on PATH. Install them (Debian: apt-get install postgresql "
        "postgresql-contrib) or point QPDP_DATABASE_URL at an existing server."
    )


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _server_os_user() -> str | None:
    """The user the server runs as when we are root (initdb refuses root); None means 'ourselves'."""
    if os.geteuid() != 0:
        return None
    if _user_exists("postgres"):
        return "postgres"
    if not _user_exists(FALLBACK_OS_USER):
        created = subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                FALLBACK_OS_USER,
            ],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        # Another process may have created the user at the same moment; only its absence is fatal.
        if created.returncode != 0 and not _user_exists(FALLBACK_OS_USER):
            raise PostgresStartError(
                f"cannot create the system user {FALLBACK_OS_USER!r} for PostgreSQL: {created.stderr.strip()}"
            )
    return FALLBACK_OS_USER


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _clean_env() -> dict[str, str]:
    # Stray PG* variables (PGDATABASE, PGOPTIONS, PGSERVICE, ...) must not change what the tools do.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["PGCONNECT_TIMEOUT"] = "10"
    return env


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


class ThrowawayPostgres:
    """A PostgreSQL server in a temp folder: ``start()`` (or ``with``) it, read ``url``, ``stop()`` it.

    ``stop()`` is idempotent and is also registered with atexit, so the server and its folder are
    removed even when the caller forgets or fails. SIGTERM and SIGHUP raise KeyboardInterrupt while
    the server runs (when their handlers were the default ones), so a cancelled run cleans up too.
    """

    def __init__(
        self,
        *,
        database: str = DATABASE,
        extensions: Sequence[str] = EXTENSIONS,
        bin_dir: Path | None = None,
        timeout: float = COMMAND_TIMEOUT_SECONDS,
    ) -> None:
        self.database = database
        self.extensions = tuple(extensions)
        self._bin_dir = bin_dir
        self.timeout = timeout
        self.port: int | None = None
        self.temp_dir: Path | None = None
        self._os_user: str | None = None
        self._previous_handlers: dict[signal.Signals, _SignalHandler] = {}
        # Re-entrant: a signal handler may interrupt stop() in the same thread.
        self._lock = threading.RLock()

    # -- public interface -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.temp_dir is not None and self.port is not None

    @property
    def url(self) -> str:
        """``postgres://postgres@127.0.0.1:<port>/qpdp``: the value for QPDP_DATABASE_URL."""
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        if self.port is None:
            raise RuntimeError("the throwaway PostgreSQL server is not running")
        return f"postgres://{SUPERUSER}@{HOST}:{self.port}/{database}"

    @property
    def data_dir(self) -> Path:
        return self._require_temp_dir() / "data"

    @property
    def socket_dir(self) -> Path:
        return self._require_temp_dir() / "socket"

    @property
    def log_file(self) -> Path:
        return self._require_temp_dir() / "server.log"

    def start(self) -> str:
        """Create, start and prepare the server; return its URL. Cleans up fully if any step fails."""
        with self._lock:
            if self.temp_dir is not None:
                raise RuntimeError("the throwaway PostgreSQL server is already started")
            bin_dir = self._bin_dir or find_bin_dir()
            self._bin_dir = bin_dir
            self._os_user = _server_os_user()
            # Registered before anything exists on disk, so every later failure is cleaned up.
            atexit.register(self.stop)
            self._install_signal_handlers()
            self.temp_dir = Path(tempfile.mkdtemp(prefix="qpdp-pg-"))
        try:
            self._prepare_folders()
            self._initdb()
            self._start_server()
            self._wait_until_ready()
            self._create_database()
        except BaseException:
            self.stop()
            raise
        return self.url

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its folder. Safe to call more than once."""
        with self._lock:
            temp_dir = self.temp_dir
            try:
                if temp_dir is not None:
                    self._stop_server(temp_dir / "data")
            finally:
                if temp_dir is not None:
                    shutil.rmtree(temp_dir, ignore_errors=True)
                self.temp_dir = None
                self.port = None
                atexit.unregister(self.stop)
                self._restore_signal_handlers()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- steps ------------------------------------------------------------------------------------

    def _require_temp_dir(self) -> Path:
        if self.temp_dir is None:
            raise RuntimeError("the throwaway PostgreSQL server is not started")
        return self.temp_dir

    def _tool(self, name: str) -> str:
        assert self._bin_dir is not None
        return str(self._bin_dir / name)

    def _as_server_user(self, command: list[str]) -> list[str]:
        if self._os_user is None:
            return command
        return ["runuser", "-u", self._os_user, "--", *command]

    def _run(self, command: list[str], *, what: str) -> subprocess.CompletedProcess[str]:
        try:
            result = subprocess.run(
                command,
                cwd=self._require_temp_dir(),
                env=_clean_env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise PostgresStartError(f"{what} did not finish within {self.timeout:.0f} s") from error
        except OSError as error:
            raise PostgresStartError(f"{what} could not be run: {error}") from error
        return result

    def _prepare_folders(self) -> None:
        temp_dir = self._require_temp_dir()
        self.socket_dir.mkdir()
        if self._os_user is not None:
            entry = pwd.getpwnam(self._os_user)
            for path in (temp_dir, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)

    def _initdb(self) -> None:
        command = [
            self._tool("initdb"),
            "--pgdata",
            str(self.data_dir),
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            f"--username={SUPERUSER}",
            # The folder is deleted after the run: no need to wait for the disk.
            "--no-sync",
        ]
        result = self._run(self._as_server_user(command), what="initdb")
        if result.returncode != 0:
            raise PostgresStartError(f"initdb failed:\n{result.stdout}{result.stderr}")

    def _start_server(self) -> None:
        settings = " ".join(f"-c {setting}" for setting in SERVER_SETTINGS)
        for attempt in range(1, START_ATTEMPTS + 1):
            port = _free_port()
            # pg_ctl passes -o through a shell, hence the quoting.
            options = f"-p {port} -k {shlex.quote(str(self.socket_dir))} {settings}"
            command = [
                self._tool("pg_ctl"),
                "--pgdata",
                str(self.data_dir),
                "--log",
                str(self.log_file),
                "--options",
                options,
                "--wait",
                f"--timeout={int(self.timeout)}",
                "start",
            ]
            result = self._run(self._as_server_user(command), what="pg_ctl start")
            if result.returncode == 0:
                self.port = port
                return
            log = _tail(self.log_file)
            # Another process may take the port between our probe and the server's bind: retry.
            if ("could not bind" in log or "already in use" in log) and attempt < START_ATTEMPTS:
                continue
            raise PostgresStartError(
                f"pg_ctl start failed:\n{result.stdout}{result.stderr}\nserver log:\n{log}"
            )

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.timeout
        command = [
            self._tool("pg_isready"),
            f"--host={HOST}",
            f"--port={self.port}",
            f"--username={SUPERUSER}",
            "--dbname=postgres",
            "--quiet",
        ]
        while self._run(command, what="pg_isready").returncode != 0:
            if time.monotonic() > deadline:
                raise PostgresStartError(
                    f"PostgreSQL did not accept connections within {self.timeout:.0f} s:\n"
                    f"{_tail(self.log_file)}"
                )
            time.sleep(0.1)

    def _psql(self, database: str, *statements: str) -> None:
        command = [
            self._tool("psql"),
            "--no-psqlrc",
            "--quiet",
            "--set=ON_ERROR_STOP=1",
            f"--host={HOST}",
            f"--port={self.port}",
            f"--username={SUPERUSER}",
            f"--dbname={database}",
        ]
        for statement in statements:
            command += ["--command", statement]
        result = self._run(command, what="psql")
        if result.returncode != 0:
            raise PostgresStartError(
                f"preparing database {database!r} failed:\n{result.stdout}{result.stderr}"
            )

    def _create_database(self) -> None:
        create_extensions = [f'CREATE EXTENSION IF NOT EXISTS "{name}"' for name in self.extensions]
        # template1 first: every database created afterwards (ours, Django's test_*) copies it.
        self._psql("template1", *create_extensions)
        self._psql("postgres", f'CREATE DATABASE "{self.database}"')
        self._psql(self.database, *create_extensions)

    def _stop_server(self, data_dir: Path) -> None:
        pid_file = data_dir / "postmaster.pid"
        if not pid_file.exists():
            return
        command = [
            self._tool("pg_ctl"),
            "--pgdata",
            str(data_dir),
            "--mode=fast",
            "--wait",
            f"--timeout={int(self.timeout)}",
            "stop",
        ]
        with contextlib.suppress(PostgresStartError):
            self._run(self._as_server_user(command), what="pg_ctl stop")
        if pid_file.exists():
            self._kill_postmaster(pid_file)

    def _kill_postmaster(self, pid_file: Path) -> None:
        """Last resort when pg_ctl could not stop the server: signal the postmaster directly."""
        try:
            pid = int(pid_file.read_text(encoding="ascii").splitlines()[0])
        except (OSError, ValueError, IndexError):
            return
        for sig, grace_seconds in ((signal.SIGQUIT, 5.0), (signal.SIGKILL, 5.0)):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                return
            except PermissionError:
                return
            deadline = time.monotonic() + grace_seconds
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
                time.sleep(0.1)

    # -- signals ----------------------------------------------------------------------------------

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in _CLEANUP_SIGNALS:
            if signal.getsignal(sig) is signal.SIG_DFL:
                self._previous_handlers[sig] = signal.signal(sig, _interrupt)

    def _restore_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig, previous in self._previous_handlers.items():
            if signal.getsignal(sig) is _interrupt and previous is not None:
                signal.signal(sig, previous)
        self._previous_handlers.clear()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"received {signal.Signals(signum).name}")


USAGE = """\
usage: python -m qpdp.devtools.throwaway_postgres [-- COMMAND [ARGS...]]

Start a throwaway PostgreSQL server, run COMMAND with QPDP_DATABASE_URL pointing at it, then stop
the server and delete its files. Exits with COMMAND's status. Without COMMAND, print the URL and
keep the server until interrupted (Ctrl-C).
"""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["-h"], ["--help"]):
        print(USAGE, end="")
        return 0
    if args[:1] == ["--"]:
        args = args[1:]
    try:
        with ThrowawayPostgres() as server:
            if not args:
                print(f"QPDP_DATABASE_URL={server.url}", flush=True)
                print("PostgreSQL is running; press Ctrl-C to stop it.", file=sys.stderr, flush=True)
                while True:
                    time.sleep(3600)
            env = {**os.environ, "QPDP_DATABASE_URL": server.url}
            try:
                completed = subprocess.run(args, env=env, check=False)
            except FileNotFoundError:
                print(f"throwaway_postgres: command not found: {args[0]}", file=sys.stderr)
                return 127
            except PermissionError:
                print(f"throwaway_postgres: command not executable: {args[0]}", file=sys.stderr)
                return 126
            code = completed.returncode
            return 128 - code if code < 0 else code
    except (PostgresNotFoundError, PostgresStartError) as error:
        print(f"throwaway_postgres: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
