"""Shared pieces of the benchmarks: arguments, a throwaway database, synthetic citizens, machine, RESULT line.

Import this module before Django is set up: `BenchDatabase.open()` chooses the database (a temp
SQLite file, or a new database on the server of ``QPDP_DATABASE_URL`` or on a throwaway PostgreSQL
server), sets the environment ``qpdp.settings`` reads, then sets Django up and migrates.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import os
import platform
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

SETTINGS_MODULE = "qpdp.settings"
# Births are generated up to this day, so every generated person is born before "today".
REFERENCE_DAY = dt.date(2025, 12, 31)
# Share of people whose identity number carries the birth-registration code of their own province.
LOCAL_BIRTH_SHARE = 0.7
# Share of people whose permanent residence differs from where they live now.
MOVED_SHARE = 0.1
QUALIFICATION_TEXT = {"": "", "vocational": "Trung cấp", "college": "Cao đẳng", "university": "Đại học"}
WORKPLACES = [
    "",
    "",
    "",
    "Công ty TNHH May Sông Hồng",
    "Hợp tác xã nông nghiệp",
    "Trường Trung học cơ sở",
    "Ủy ban nhân dân xã",
    "Bệnh viện đa khoa",
    "Công ty Cổ phần Xây dựng số 1",
]
COPY_CHUNK_ROWS = 20_000


# -- command line and output ----------------------------------------------------------------------


def bench_parser(description: str, *, default_size: int) -> argparse.ArgumentParser:
    """The arguments every benchmark takes: its main count and the database."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--size", type=int, default=default_size, help=f"main count (citizens); default {default_size:,}"
    )
    parser.add_argument(
        "--db",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="sqlite (temp file) or postgres (QPDP_DATABASE_URL's server, else a throwaway one)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the synthetic data")
    return parser


def say(text: str = "") -> None:
    print(text, flush=True)


def format_value(value: Any) -> str:
    if isinstance(value, float):
        if value >= 100:
            return f"{value:.0f}"
        if value >= 1:
            return f"{value:.2f}"
        return f"{value:.3g}"
    return str(value).replace(" ", "_")


def result_line(name: str, figures: dict[str, Any]) -> str:
    """`RESULT <name> key=value …`: the one machine-readable line each benchmark ends with."""
    if "ratio_vs_baseline" not in figures:
        raise ValueError("a RESULT line must include ratio_vs_baseline")
    return " ".join(["RESULT", name, *(f"{key}={format_value(value)}" for key, value in figures.items())])


class Stopwatch:
    """`with Stopwatch() as watch: …` then `watch.seconds`."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._start


def median_and_p95(samples: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return statistics.median(ordered), p95


# -- the machine ----------------------------------------------------------------------------------


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def load_line(moment: str, *, own: float = 0.0) -> str:
    """The load average now, with a warning when other work competes for the cores.

    `own` is the load the benchmark itself adds (about 1.5 while it runs: Python and the database).
    """
    one, five, _ = os.getloadavg()
    cores = os.cpu_count() or 1
    busy = ""
    if one > cores / 2 + own:
        busy = "  — BUSY: other processes compete for the cores; figures are pessimistic"
    return f"Load average {moment}: {one:.2f} (1 min), {five:.2f} (5 min) on {cores} cores{busy}"


def machine_lines(database: BenchDatabase) -> list[str]:
    """CPU, cores, RAM, OS, Python, Django and database versions (and PostgreSQL's key settings)."""
    import django

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    lines = [
        f"CPU: {_cpu_model()}; cores: {os.cpu_count()} (usable by this process: {usable})",
        f"RAM: {_ram_gib():.1f} GiB; OS: {platform.platform()}",
        f"Python {platform.python_version()}; Django {django.get_version()}",
    ]
    lines.append(f"Database: {database.describe()}")
    lines.append(load_line("at start"))
    return lines


# -- the database ---------------------------------------------------------------------------------


def _url_with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


class BenchDatabase:
    """A fresh, migrated database for one benchmark run, deleted afterwards; fresh copies on demand.

    SQLite: a file in a temp folder. PostgreSQL: a new database ``qpdp_bench_<label>_<pid>`` on the
    server of ``QPDP_DATABASE_URL`` (the user needs CREATEDB; the database named in the URL is never
    touched), or on a throwaway server started for the run. `fresh_copy()` clones the database as it
    is at that moment (``CREATE DATABASE … TEMPLATE`` / SQLite backup), so each measurement starts
    from the same state with empty registers, audit triggers included.
    """

    def __init__(self, vendor: str, label: str) -> None:
        self.vendor = vendor
        self.label = label
        self.temp_dir: Path | None = None
        self.server: Any = None
        self.server_url = ""
        self.server_origin = ""
        self.main_name = ""
        self._copies = 0

    # lifecycle

    def open(self) -> BenchDatabase:
        self.temp_dir = Path(tempfile.mkdtemp(prefix=f"qpdp-bench-{self.label}-"))
        os.environ["QPDP_DATA_DIR"] = str(self.temp_dir / "data")
        # WhiteNoise warns when the static root is missing; the pages are rendered, never their assets.
        (self.temp_dir / "data" / "static").mkdir(parents=True)
        os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
        if self.vendor == "sqlite":
            self.main_name = str(self.temp_dir / "bench.sqlite3")
            os.environ["QPDP_DATABASE_URL"] = f"sqlite:///{self.main_name}"
        else:
            self._open_postgres()
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        return self

    def _open_postgres(self) -> None:
        url = os.environ.get("QPDP_DATABASE_URL", "")
        if url and not url.startswith(("postgres://", "postgresql://")):
            raise SystemExit(f"--db postgres needs a PostgreSQL QPDP_DATABASE_URL, not {url.split(':')[0]}")
        if url:
            self.server_origin = "server of QPDP_DATABASE_URL"
        else:
            from qpdp.devtools.throwaway_postgres import ThrowawayPostgres

            self.server = ThrowawayPostgres()
            url = self.server.start()
            self.server_origin = (
                "throwaway server (fsync=off, synchronous_commit=off, default memory settings)"
            )
        self.server_url = url
        self.main_name = f"qpdp_bench_{self.label}_{os.getpid()}"
        self._admin_sql(f'DROP DATABASE IF EXISTS "{self.main_name}" WITH (FORCE)')
        self._admin_sql(f'CREATE DATABASE "{self.main_name}"')
        os.environ["QPDP_DATABASE_URL"] = _url_with_database(url, self.main_name)

    def close(self) -> None:
        try:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            if self.vendor == "postgres" and self.main_name and self.server_url:
                with contextlib.suppress(Exception):
                    self._admin_sql(f'DROP DATABASE IF EXISTS "{self.main_name}" WITH (FORCE)')
        finally:
            if self.server is not None:
                self.server.stop()
            if self.temp_dir is not None:
                shutil.rmtree(self.temp_dir, ignore_errors=True)

    def __enter__(self) -> BenchDatabase:
        try:
            return self.open()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc: object) -> None:
        self.close()

    # helpers

    def _admin_sql(self, statement: str) -> None:
        """Run a statement outside a transaction on the server's own database (CREATE/DROP DATABASE)."""
        import psycopg

        for attempt in range(20):
            try:
                with psycopg.connect(self.server_url, autocommit=True) as connection:
                    connection.execute(statement)  # type: ignore[arg-type]
                return
            except psycopg.errors.ObjectInUse:
                # An autovacuum worker may hold the template for a moment.
                if attempt == 19:
                    raise
                time.sleep(0.5)

    def describe(self) -> str:
        from django.db import connection

        if self.vendor == "sqlite":
            return f"SQLite {sqlite3.sqlite_version} (temp file, WAL, synchronous=NORMAL)"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
            settings = []
            for name in ("shared_buffers", "work_mem", "effective_cache_size", "jit", "fsync"):
                cursor.execute(f"SHOW {name}")
                settings.append(f"{name}={cursor.fetchone()[0]}")
        return f"PostgreSQL {version} on the {self.server_origin}; {', '.join(settings)}"

    @contextlib.contextmanager
    def fresh_copy(self) -> Iterator[None]:
        """Point Django at a copy of the database as it is now; drop the copy afterwards."""
        from django.db import connections

        self._copies += 1
        connections.close_all()
        settings = connections["default"].settings_dict
        original = settings["NAME"]
        if self.vendor == "sqlite":
            copy_name = str(Path(self.main_name).with_name(f"copy{self._copies}.sqlite3"))
            source, target = sqlite3.connect(self.main_name), sqlite3.connect(copy_name)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
        else:
            copy_name = f"{self.main_name}_copy{self._copies}"
            self._admin_sql(f'CREATE DATABASE "{copy_name}" TEMPLATE "{self.main_name}"')
        settings["NAME"] = copy_name
        try:
            yield
        finally:
            connections.close_all()
            settings["NAME"] = original
            if self.vendor == "sqlite":
                for suffix in ("", "-wal", "-shm"):
                    Path(copy_name + suffix).unlink(missing_ok=True)
            else:
                self._admin_sql(f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)')


# -- the administrative setting: units, villages, users -------------------------------------------


class Village(NamedTuple):
    id: int
    code: str
    name: str


class Place(NamedTuple):
    """A current commune with its villages and the birth-registration codes of its province."""

    commune_id: int
    code: str
    name: str
    path: str
    villages: tuple[Village, ...]
    birth_codes: tuple[str, ...]


def load_units() -> float:
    """Load the real administrative tree; returns the seconds it took."""
    from qpdp.org.services import load_administrative_units

    with Stopwatch() as watch:
        load_administrative_units()
    return watch.seconds


def prepare_provinces(codes: Sequence[str], *, seed: int) -> list[Place]:
    """Villages for every current commune of the provinces (the demo generator's), as places."""
    from qpdp.org.choices import Structure, UnitKind
    from qpdp.org.models import Unit, UnitSuccession
    from qpdp.people import rules
    from qpdp.people.demo_data import generate_demo_population

    places: list[Place] = []
    for code in codes:
        province = Unit.objects.get(code=code, kind=UnitKind.PROVINCE, structure=Structure.CURRENT)
        generate_demo_population(province=province, citizens=0, seed=seed)
        old_codes = UnitSuccession.objects.filter(
            successor=province, predecessor__kind=UnitKind.PROVINCE
        ).values_list("predecessor__official_code", flat=True)
        birth_codes = tuple(sorted({f"0{c}" for c in old_codes} & set(rules.BIRTH_PROVINCE_CODES))) or (
            "001",
        )
        communes = Unit.objects.filter(
            path__startswith=province.path, kind=UnitKind.COMMUNE, structure=Structure.CURRENT
        ).order_by("code")
        villages: dict[int, list[Village]] = {}
        for village in Unit.objects.filter(parent__in=communes, kind=UnitKind.VILLAGE).order_by("code"):
            villages.setdefault(village.parent_id or 0, []).append(
                Village(village.id, village.code, village.name)
            )
        places.extend(
            Place(c.id, c.code, c.name, c.path, tuple(villages.get(c.id, [])), birth_codes) for c in communes
        )
    return places


def create_bench_user(username: str, role: str, unit_code: str | None = None) -> Any:
    from qpdp.org.services import create_user

    user, _ = create_user(
        actor=None, username=username, role=role, unit_code=unit_code, password="bench-password-2026"
    )
    return user


# -- synthetic people -----------------------------------------------------------------------------


class Person(NamedTuple):
    personal_id: str
    full_name: str
    sex: str
    date_of_birth: dt.date
    ethnicity: str
    place: Place
    village: Village | None
    address: str
    permanent_place: Place
    permanent_village: Village | None
    permanent_address: str
    education_level: int
    qualification: str
    occupation: str
    workplace: str


class PopulationGenerator:
    """Deterministic synthetic citizens for real communes: names by sex, valid and unique identity numbers.

    Uses the demo generator's name, ethnicity and occupation tables; identity numbers follow
    rules.check_personal_id (birth-registration province code, century/sex digit, year of birth).
    """

    def __init__(self, places: Sequence[Place], *, seed: int) -> None:
        from qpdp.people import demo_data, rules

        if not places:
            raise ValueError("no communes to put people in")
        self.rules = rules
        self.rng = random.Random(seed)
        self.places = list(places)
        self.place_weights = _cumulative([self.rng.uniform(0.5, 1.5) for _ in self.places])
        self.families = [name for name, _ in demo_data.FAMILY_NAMES]
        self.family_weights = _cumulative([w for _, w in demo_data.FAMILY_NAMES])
        self.ethnicities = [name for name, _ in demo_data.ETHNICITIES]
        self.ethnicity_weights = _cumulative([w for _, w in demo_data.ETHNICITIES])
        self.male_middle, self.female_middle = demo_data.MALE_MIDDLE, demo_data.FEMALE_MIDDLE
        self.male_given, self.female_given = demo_data.MALE_GIVEN, demo_data.FEMALE_GIVEN
        self.occupations = demo_data.OCCUPATIONS
        self.all_birth_codes = sorted(rules.BIRTH_PROVINCE_CODES)
        self.serials: dict[str, int] = {}

    def _birth_date(self) -> dt.date:
        rng = self.rng
        age = min(int(rng.triangular(0, 85, 22)), 85)
        if rng.random() < 0.25:
            age = 15 + int(rng.random() * 14)
        return REFERENCE_DAY - dt.timedelta(days=age * 365 + int(rng.random() * 365))

    def _personal_id(self, place: Place, sex: str, birth: dt.date) -> str:
        rng = self.rng
        codes = place.birth_codes if rng.random() < LOCAL_BIRTH_SHARE else self.all_birth_codes
        code = codes[int(rng.random() * len(codes))]
        digit = self.rules.century_sex_digit(sex=self.rules.Sex(sex), birth_year=birth.year)
        prefix = f"{code}{digit}{birth.year % 100:02d}"
        serial = self.serials.get(prefix)
        if serial is None:
            serial = int(rng.random() * 400_000)
        if serial >= 1_000_000:
            raise RuntimeError(f"more than a million people with identity prefix {prefix}")
        self.serials[prefix] = serial + 1
        return f"{prefix}{serial:06d}"

    def _village(self, place: Place) -> Village | None:
        if not place.villages:
            return None
        return place.villages[int(self.rng.random() * len(place.villages))]

    def people(self, count: int) -> Iterator[Person]:
        rng = self.rng
        chunk = 10_000
        made = 0
        while made < count:
            k = min(chunk, count - made)
            places = rng.choices(self.places, cum_weights=self.place_weights, k=k)
            families = rng.choices(self.families, cum_weights=self.family_weights, k=k)
            ethnicities = rng.choices(self.ethnicities, cum_weights=self.ethnicity_weights, k=k)
            for place, family, ethnicity in zip(places, families, ethnicities, strict=True):
                yield self._person(place, family, ethnicity)
            made += k

    def _person(self, place: Place, family: str, ethnicity: str) -> Person:
        rng = self.rng
        sex = "M" if rng.random() < 0.5 else "F"
        middle = rng.choice(self.male_middle if sex == "M" else self.female_middle)
        given = rng.choice(self.male_given if sex == "M" else self.female_given)
        birth = self._birth_date()
        village = self._village(place)
        address = f"Số {1 + int(rng.random() * 300)}, {village.name if village else place.name}"
        permanent_place, permanent_village, permanent_address = place, village, address
        if rng.random() < MOVED_SHARE:
            permanent_place = self.places[int(rng.random() * len(self.places))]
            permanent_village = self._village(permanent_place)
            permanent_address = f"Số {1 + int(rng.random() * 300)}, " + (
                permanent_village.name if permanent_village else permanent_place.name
            )
        age = REFERENCE_DAY.year - birth.year
        level = 12 if age > 18 and rng.random() < 0.6 else min(max(age - 6, 0), rng.choice((5, 9, 9, 12, 12)))
        qualification = ""
        if age >= 22 and level == 12:
            qualification = rng.choices(
                ("", "vocational", "college", "university"), weights=(50, 20, 10, 20)
            )[0]
        occupation = rng.choice(self.occupations) if age >= 15 else ""
        workplace = rng.choice(WORKPLACES) if occupation else ""
        return Person(
            personal_id=self._personal_id(place, sex, birth),
            full_name=f"{family} {middle} {given}",
            sex=sex,
            date_of_birth=birth,
            ethnicity=ethnicity,
            place=place,
            village=village,
            address=address,
            permanent_place=permanent_place,
            permanent_village=permanent_village,
            permanent_address=permanent_address,
            education_level=level,
            qualification=qualification,
            occupation=occupation,
            workplace=workplace,
        )


def _cumulative(weights: Iterable[float]) -> list[float]:
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return out


# -- people as a population file ------------------------------------------------------------------


def file_headers() -> list[str]:
    """The column headers of the import layout (qpdp.people.imports.COLUMNS), in its order."""
    from qpdp.people.imports import COLUMNS

    return [column.header for column in COLUMNS]


def file_row(person: Person) -> list[str]:
    """One person as a commune's population file has them: Vietnamese labels, dd/mm/yyyy dates."""
    from qpdp.people.imports import COLUMNS

    values = {
        "personal_id": person.personal_id,
        "full_name": person.full_name,
        "sex": "Nam" if person.sex == "M" else "Nữ",
        "date_of_birth": person.date_of_birth.strftime("%d/%m/%Y"),
        "ethnicity": person.ethnicity,
        "commune_code": person.place.code,
        "village": person.village.name if person.village else "",
        "address": person.address,
        "permanent_commune_code": person.permanent_place.code,
        "permanent_village": person.permanent_village.name if person.permanent_village else "",
        "permanent_address": person.permanent_address,
        "education_level": str(person.education_level),
        "qualification": QUALIFICATION_TEXT[person.qualification],
        "occupation": person.occupation,
        "workplace": person.workplace,
    }
    return [values[column.key] for column in COLUMNS]


def write_population_file(path: Path, people: Sequence[Person]) -> None:
    """A CSV (UTF-8 with BOM, as Excel saves it) or an .xlsx file, by the path's suffix."""
    headers = file_headers()
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Dân cư")
        sheet.append(headers)
        for person in people:
            sheet.append(file_row(person))
        workbook.save(path)
        return
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(file_row(person) for person in people)


# -- people as rows of the citizen table ----------------------------------------------------------


def citizen_columns() -> list[str]:
    """Columns of people_citizen that an insert fills (all but the id), in model order."""
    from django.db import models

    from qpdp.people.models import Citizen

    return [f.column for f in Citizen._meta.concrete_fields if not isinstance(f, models.AutoField)]


class TableRowMaker:
    """People as rows of the citizen table, values already in the database's representation."""

    def __init__(self, vendor: str) -> None:
        from django.db import connection
        from django.utils import timezone

        from qpdp.core.text import collation_key, fold

        self.vendor = vendor
        self.collation_key = collation_key
        self.fold = fold
        self.keys: dict[str, tuple[str, str]] = {}
        now = timezone.now()
        self.now = connection.ops.adapt_datetimefield_value(now) if vendor == "sqlite" else now.isoformat()
        self.columns = citizen_columns()
        expected = [
            "personal_id",
            "legacy_id_card",
            "full_name",
            "sort_key",
            "search_name",
            "sex",
            "date_of_birth",
            "ethnicity",
            "commune_id",
            "village_id",
            "address",
            "permanent_commune_id",
            "permanent_village_id",
            "permanent_address",
            "unit_path",
            "education_level",
            "qualification",
            "occupation",
            "workplace",
            "created_at",
            "updated_at",
        ]
        if sorted(self.columns) != sorted(expected):
            raise RuntimeError(f"people_citizen changed ({self.columns}); update bench/_support.py")
        self._order = [expected.index(column) for column in self.columns]

    def row(self, p: Person) -> tuple[Any, ...]:
        keys = self.keys.get(p.full_name)
        if keys is None:
            keys = self.keys[p.full_name] = (self.collation_key(p.full_name), self.fold(p.full_name))
        values = (
            p.personal_id,
            False,
            p.full_name,
            keys[0],
            keys[1],
            p.sex,
            p.date_of_birth.isoformat(),
            p.ethnicity,
            p.place.commune_id,
            p.village.id if p.village else None,
            p.address,
            p.permanent_place.commune_id,
            p.permanent_village.id if p.permanent_village else None,
            p.permanent_address,
            p.place.path,
            p.education_level,
            p.qualification,
            p.occupation,
            p.workplace,
            self.now,
            self.now,
        )
        return tuple(values[i] for i in self._order)


def csv_payload(rows: Iterable[tuple[Any, ...]]) -> str:
    """Rows as CSV for PostgreSQL's COPY: every non-NULL value quoted, so '' stays an empty string."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_NOTNULL, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _copy_statement(columns: Sequence[str], table: str) -> str:
    column_list = ", ".join(f'"{c}"' for c in columns)
    return f'COPY "{table}" ({column_list}) FROM STDIN WITH (FORMAT csv)'


def copy_payload(payload: str | Iterable[str], columns: Sequence[str], table: str = "people_citizen") -> None:
    """One COPY … FROM STDIN (FORMAT csv) of prepared CSV text, or of successive chunks (PostgreSQL).

    Chunks are sent as they come, so the server inserts one while the caller prepares the next.
    """
    from django.db import connection

    chunks = [payload] if isinstance(payload, str) else payload
    with connection.cursor() as cursor, cursor.cursor.copy(_copy_statement(columns, table)) as copy:
        for chunk in chunks:
            data = chunk.encode("utf-8")
            for start in range(0, len(data), 1 << 20):
                copy.write(data[start : start + (1 << 20)])


def insert_many(
    rows: Sequence[tuple[Any, ...]], columns: Sequence[str], table: str = "people_citizen"
) -> None:
    """executemany of one INSERT with the prepared rows (SQLite)."""
    from django.db import connection

    marks = ", ".join("%s" for _ in columns)
    column_list = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f'INSERT INTO "{table}" ({column_list}) VALUES ({marks})', rows)


def fill_citizens(
    people: Iterator[Person], *, vendor: str, progress: Callable[[int], None] | None = None
) -> int:
    """Write generated people straight into the citizen table: one transaction, one COPY (or executemany)."""
    from django.db import transaction

    maker = TableRowMaker(vendor)
    written = 0

    def chunks() -> Iterator[list[tuple[Any, ...]]]:
        nonlocal written
        chunk: list[tuple[Any, ...]] = []
        for person in people:
            chunk.append(maker.row(person))
            if len(chunk) >= COPY_CHUNK_ROWS:
                yield chunk
                written += len(chunk)
                chunk = []
                if progress is not None:
                    progress(written)
        if chunk:
            yield chunk
            written += len(chunk)
            if progress is not None:
                progress(written)

    with transaction.atomic():
        if vendor == "postgres":
            copy_payload((csv_payload(chunk) for chunk in chunks()), maker.columns)
        else:
            for chunk in chunks():
                insert_many(chunk, maker.columns)
    return written


@contextlib.contextmanager
def secondary_indexes_deferred(vendor: str, table: str = "people_citizen") -> Iterator[list[str]]:
    """Drop the table's plain indexes for a bulk load and recreate them, identically, afterwards.

    Indexes backing the primary key and unique constraints stay (they are the integrity the load
    must respect); the others are rebuilt from their own definitions, which is much faster than
    maintaining them row by row. Yields the names of the deferred indexes.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if vendor == "postgres":
            cursor.execute(
                """SELECT i.relname, pg_get_indexdef(i.oid)
                   FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                   WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        definitions = list(cursor.fetchall())
        for name, _ in definitions:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield [name for name, _ in definitions]
    finally:
        with connection.cursor() as cursor:
            if vendor == "postgres":
                cursor.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in definitions:
                cursor.execute(definition)
