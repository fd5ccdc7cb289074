"""Benchmark: importing a population file — our import vs django-import-export vs raw COPY (the floor).

Generates a realistic file of N citizens of real communes (CSV, or .xlsx with --format xlsx), then,
each time on a fresh copy of the same database (units, villages and an admin user; empty register
and audit history):

  ours        qpdp.people.imports.import_citizens: parse, validate every row (identity numbers,
              units, scope, duplicates), write the citizens and one audit row each, all or nothing;
  import-export  django-import-export's ModelResource over the same file into the same table, bulk
              mode as its documentation advises (and row by row on a sample);
  floor       the same rows, already resolved to table values, written by PostgreSQL COPY (SQLite:
              one executemany INSERT) — the database's own speed, with no parsing or checking.

    .venv/bin/python bench/import_citizens.py --db sqlite
    .venv/bin/python bench/import_citizens.py --db postgres --size 200000
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._support import (
    BenchDatabase,
    PopulationGenerator,
    Stopwatch,
    TableRowMaker,
    bench_parser,
    copy_payload,
    create_bench_user,
    csv_payload,
    insert_many,
    load_line,
    load_units,
    machine_lines,
    prepare_provinces,
    result_line,
    say,
    write_population_file,
)

NAME = "import_citizens"
DEFAULT_SIZE = 20_000
ADMIN_USERNAME = "bench-admin"
TARGET_VS_IMPORT_EXPORT = 10.0
TARGET_COPY_VS_OURS = 3.0


def arguments() -> Any:
    parser = bench_parser(__doc__.splitlines()[0], default_size=DEFAULT_SIZE)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv", help="file format (default csv)")
    parser.add_argument(
        "--provinces",
        default="01",
        help="current province codes whose communes the people live in (default 01, Hà Nội)",
    )
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=20_000,
        help="rows django-import-export (bulk) imports first; the full file follows only if "
        "that projects to within --baseline-budget seconds",
    )
    parser.add_argument(
        "--baseline-budget",
        type=float,
        default=300.0,
        help="seconds allowed for django-import-export (bulk) on the whole file",
    )
    parser.add_argument(
        "--row-sample",
        type=int,
        default=2_000,
        help="rows django-import-export imports row by row (its default mode)",
    )
    return parser.parse_args()


# -- django-import-export, used as its documentation advises --------------------------------------


def import_export_resource(*, bulk: bool, tuned: bool = True) -> Any:
    """A ModelResource for the population layout: Vietnamese headers, labels and dd/mm/yyyy dates.

    Built per run, so each run pays for its own unit lookups. `tuned` follows the library's advice
    for large imports (its "Bulk imports" page and its maintainer's notes): no diffs, no instance
    lookups for rows that are all new, foreign keys resolved from one query instead of one per row.
    Untuned is the library as a team first writes it: ForeignKeyWidget querying per row, the
    default instance loader looking each row up by its identity number, diffs kept.
    """
    from import_export import fields, resources, widgets

    from qpdp.core.text import collation_key, fold
    from qpdp.org.choices import Structure, UnitKind
    from qpdp.org.models import Unit
    from qpdp.people.imports import COLUMN_HEADERS
    from qpdp.people.models import Citizen

    class LabelWidget(widgets.Widget):
        """A label of the file ("Nam", "Đại học") to its stored code."""

        def __init__(self, mapping: dict[str, str]) -> None:
            super().__init__()
            self.mapping = mapping

        def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
            key = "" if value is None else str(value).strip()
            if key not in self.mapping:
                raise ValueError(f"“{key}” không hợp lệ")
            return self.mapping[key]

    class CommuneWidget(widgets.ForeignKeyWidget):  # type: ignore[misc]
        """A current commune by code."""

        def __init__(self) -> None:
            super().__init__(Unit, field="code")
            self.by_code: dict[str, Unit] | None = None

        def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any) -> Any:
            return Unit.objects.filter(kind=UnitKind.COMMUNE, structure=Structure.CURRENT)

        def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Unit | None:
            if not tuned:
                return super().clean(value, row, **kwargs)
            if not value:
                return None
            if self.by_code is None:
                self.by_code = {unit.code: unit for unit in self.get_queryset(value, row)}
            try:
                return self.by_code[str(value).strip()]
            except KeyError as missing:
                raise ValueError(f"không có xã, phường mã {value}") from missing

    class VillageWidget(widgets.ForeignKeyWidget):  # type: ignore[misc]
        """A village by its commune (another column of the row) and its name."""

        def __init__(self, commune_column: str) -> None:
            super().__init__(Unit, field="name")
            self.commune_column = commune_column
            self.by_key: dict[tuple[str, str], Unit] | None = None

        def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any) -> Any:
            villages = Unit.objects.filter(kind=UnitKind.VILLAGE)
            return villages.filter(parent__code=row[self.commune_column]) if row is not None else villages

        def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Unit | None:
            if not tuned:
                return super().clean(value, row, **kwargs)
            if not value:
                return None
            if self.by_key is None:
                villages = self.get_queryset(value, None).select_related("parent")
                self.by_key = {(v.parent.code if v.parent else "", v.name): v for v in villages}
            try:
                return self.by_key[(str(row[self.commune_column]).strip(), str(value).strip())]
            except KeyError as missing:
                raise ValueError(f"không có thôn {value}") from missing

    header = COLUMN_HEADERS

    def text(attribute: str, key: str) -> fields.Field:
        return fields.Field(
            attribute=attribute, column_name=header[key], widget=widgets.CharWidget(allow_blank=True)
        )

    class CitizenResource(resources.ModelResource):  # type: ignore[misc]
        personal_id = text("personal_id", "personal_id")
        full_name = text("full_name", "full_name")
        sex = fields.Field(
            attribute="sex", column_name=header["sex"], widget=LabelWidget({"Nam": "M", "Nữ": "F"})
        )
        date_of_birth = fields.Field(
            attribute="date_of_birth",
            column_name=header["date_of_birth"],
            widget=widgets.DateWidget(format="%d/%m/%Y"),
        )
        ethnicity = text("ethnicity", "ethnicity")
        commune = fields.Field(
            attribute="commune", column_name=header["commune_code"], widget=CommuneWidget()
        )
        village = fields.Field(
            attribute="village", column_name=header["village"], widget=VillageWidget(header["commune_code"])
        )
        address = text("address", "address")
        permanent_commune = fields.Field(
            attribute="permanent_commune",
            column_name=header["permanent_commune_code"],
            widget=CommuneWidget(),
        )
        permanent_village = fields.Field(
            attribute="permanent_village",
            column_name=header["permanent_village"],
            widget=VillageWidget(header["permanent_commune_code"]),
        )
        permanent_address = text("permanent_address", "permanent_address")
        education_level = fields.Field(
            attribute="education_level", column_name=header["education_level"], widget=widgets.IntegerWidget()
        )
        qualification = fields.Field(
            attribute="qualification",
            column_name=header["qualification"],
            widget=LabelWidget(
                {"": "", "Trung cấp": "vocational", "Cao đẳng": "college", "Đại học": "university"}
            ),
        )
        occupation = text("occupation", "occupation")
        workplace = text("workplace", "workplace")

        class Meta:
            model = Citizen
            fields = (
                "personal_id",
                "full_name",
                "sex",
                "date_of_birth",
                "ethnicity",
                "commune",
                "village",
                "address",
                "permanent_commune",
                "permanent_village",
                "permanent_address",
                "education_level",
                "qualification",
                "occupation",
                "workplace",
            )
            import_id_fields = ("personal_id",)
            use_bulk = bulk
            batch_size = 1000
            skip_diff = tuned
            force_init_instance = tuned
            report_skipped = False

        def before_save_instance(self, instance: Citizen, row: Any, **kwargs: Any) -> None:
            # The stored derived columns our import fills too: name order, folded name, scope path.
            instance.sort_key = collation_key(instance.full_name)
            instance.search_name = fold(instance.full_name)
            instance.unit_path = instance.commune.path

    return CitizenResource()


def run_import_export(path: Path, *, bulk: bool, expected: int, tuned: bool = True) -> float:
    import tablib

    content = path.read_bytes()
    with Stopwatch() as watch:
        if path.suffix == ".xlsx":
            dataset = tablib.Dataset().load(content, format="xlsx")
        else:
            dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        result = import_export_resource(bulk=bulk, tuned=tuned).import_data(
            dataset, dry_run=False, raise_errors=True, use_transactions=True
        )
    if result.has_errors() or result.has_validation_errors() or result.totals["new"] != expected:
        raise SystemExit(f"django-import-export did not import {expected} rows: {dict(result.totals)}")
    _check_count(expected, audited=False)
    return watch.seconds


# -- ours and the floor ---------------------------------------------------------------------------


# Where our import spends its time: functions on its path, timed in place. The import is being
# tuned, so these are candidates: those absent from the code are skipped, those never called are not
# shown, and a phase called inside another one is listed under it and not counted twice.
PHASES = [
    ("qpdp.people.imports", "parse_rows", "read and parse the file"),
    ("qpdp.people.services", "check_citizens", "validate rows (check_citizens)"),
    ("qpdp.people.services", "insert_rows", "write citizens (insert_rows)"),
    ("qpdp.people.services", "_saved_by_number", "read back the new ids"),
    ("qpdp.core.audit", "record_created", "audit rows (record_created)"),
    ("qpdp.core.audit", "snapshot", "audit: snapshot each citizen"),
    ("qpdp.core.audit", "entry", "audit: build each entry"),
    ("qpdp.core.audit", "record_many", "audit: write the entries"),
]


@dataclass
class Phase:
    seconds: float = 0.0
    calls: int = 0
    nested_seconds: float = 0.0  # part of `seconds` spent while another phase was running


@contextlib.contextmanager
def phase_timers() -> Iterator[dict[str, Phase]]:
    """Time the functions of PHASES while our import runs (the wrappers cost well under 1 %)."""
    phases: dict[str, Phase] = {}
    depth = [0]
    replaced: list[tuple[Any, str, Any]] = []
    for module_name, attribute, label in PHASES:
        module = importlib.import_module(module_name)
        original = getattr(module, attribute, None)
        if original is None:
            continue
        phases[label] = Phase()

        def timed(*args: Any, _original: Any = original, _label: str = label, **kwargs: Any) -> Any:
            nested = depth[0] > 0
            depth[0] += 1
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                depth[0] -= 1
                phase = phases[_label]
                phase.seconds += elapsed
                phase.calls += 1
                if nested:
                    phase.nested_seconds += elapsed

        setattr(module, attribute, timed)
        replaced.append((module, attribute, original))
    try:
        yield phases
    finally:
        for module, attribute, original in replaced:
            setattr(module, attribute, original)


def run_ours(path: Path, *, expected: int) -> tuple[float, dict[str, Phase]]:
    from qpdp.org.models import User
    from qpdp.people.imports import import_citizens

    content = path.read_bytes()
    actor = User.objects.get(username=ADMIN_USERNAME)
    with phase_timers() as phases, Stopwatch() as watch:
        outcome = import_citizens(actor=actor, name=path.name, content=content)
    if outcome.problems or outcome.applied != expected:
        for problem in outcome.problems[:10]:
            say(f"  row {problem.row} {problem.column}: {problem.message}")
        raise SystemExit(
            f"our import applied {outcome.applied} of {expected} rows ({len(outcome.problems)} problems)"
        )
    _check_count(expected, audited=True)
    return watch.seconds, phases


def run_floor(vendor: str, rows: list[tuple[Any, ...]], columns: list[str]) -> float:
    from django.db import transaction

    payload = csv_payload(rows) if vendor == "postgres" else ""
    with Stopwatch() as watch, transaction.atomic():
        if vendor == "postgres":
            copy_payload(payload, columns)
        else:
            insert_many(rows, columns)
    _check_count(len(rows), audited=False)
    return watch.seconds


def _check_count(expected: int, *, audited: bool) -> None:
    from qpdp.core.models import AuditEntry
    from qpdp.people.models import Citizen

    stored = Citizen.objects.count()
    if stored != expected:
        raise SystemExit(f"expected {expected} citizens in the table, found {stored}")
    if audited:
        entries = AuditEntry.objects.filter(action="people.citizen.created").count()
        if entries != expected:
            raise SystemExit(f"expected {expected} audit entries, found {entries}")


def rate(rows: int, seconds: float) -> float:
    return rows / seconds if seconds > 0 else float("inf")


def main() -> int:
    args = arguments()
    import_export_version = _import_export_version()
    with BenchDatabase(args.db, "import") as database:
        say(f"== {NAME}: {args.size:,} citizens from a generated {args.format.upper()} file, {args.db} ==")
        for line in machine_lines(database):
            say(line)
        say(f"setup: administrative units loaded in {load_units():.1f} s")
        places = prepare_provinces(args.provinces.split(","), seed=args.seed)
        create_bench_user(ADMIN_USERNAME, "admin")
        say(
            f"setup: {len(places):,} communes of province(s) {args.provinces} with "
            f"{sum(len(p.villages) for p in places):,} villages; actor {ADMIN_USERNAME} (role admin at VN)"
        )

        with Stopwatch() as watch:
            people = list(PopulationGenerator(places, seed=args.seed).people(args.size))
            folder = database.temp_dir
            assert folder is not None
            full_file = folder / f"citizens.{args.format}"
            write_population_file(full_file, people)
            sample_size = min(args.baseline_sample, args.size)
            sample_file = folder / f"sample.{args.format}"
            write_population_file(sample_file, people[:sample_size])
            row_sample_size = min(args.row_sample, args.size)
            row_sample_file = folder / f"row-sample.{args.format}"
            write_population_file(row_sample_file, people[:row_sample_size])
            maker = TableRowMaker(args.db)
            table_rows = [maker.row(person) for person in people]
        say(
            f"setup: generated {args.size:,} people and the file ({full_file.stat().st_size / 1e6:.1f} MB) "
            f"in {watch.seconds:.1f} s"
        )
        say("")

        measurements: list[tuple[str, int, float, str]] = []

        with database.fresh_copy():
            ours_seconds, phases = run_ours(full_file, expected=args.size)
        measurements.append(("ours: parse, validate, write citizens + audit", args.size, ours_seconds, ""))

        with database.fresh_copy():
            sample_seconds = run_import_export(sample_file, bulk=True, expected=sample_size)
        baseline_rows, baseline_seconds, baseline_note = sample_size, sample_seconds, ""
        if args.size > sample_size:
            projected = args.size / rate(sample_size, sample_seconds)
            if projected <= args.baseline_budget:
                measurements.append(
                    (
                        f"django-import-export {import_export_version} bulk, tuned",
                        sample_size,
                        sample_seconds,
                        f"first {sample_size:,} rows, before the whole file",
                    )
                )
                with database.fresh_copy():
                    baseline_seconds = run_import_export(full_file, bulk=True, expected=args.size)
                baseline_rows = args.size
            else:
                baseline_note = (
                    f"sample of the first {sample_size:,} rows: the whole file would take "
                    f"~{projected:.0f} s > {args.baseline_budget:.0f} s budget"
                )
        measurements.append(
            (
                f"django-import-export {import_export_version} bulk, tuned",
                baseline_rows,
                baseline_seconds,
                baseline_note,
            )
        )

        with database.fresh_copy():
            untuned_seconds = run_import_export(
                row_sample_file, bulk=True, tuned=False, expected=row_sample_size
            )
        measurements.append(
            (
                f"django-import-export {import_export_version} bulk, library defaults",
                row_sample_size,
                untuned_seconds,
                "per-row FK and instance lookups, diffs"
                + (f"; first {row_sample_size:,} rows" if row_sample_size < args.size else ""),
            )
        )

        with database.fresh_copy():
            row_seconds = run_import_export(row_sample_file, bulk=False, expected=row_sample_size)
        measurements.append(
            (
                f"django-import-export {import_export_version} row by row",
                row_sample_size,
                row_seconds,
                "use_bulk off, otherwise tuned"
                + (f"; first {row_sample_size:,} rows" if row_sample_size < args.size else ""),
            )
        )

        with database.fresh_copy():
            floor_seconds = run_floor(args.db, table_rows, maker.columns)
        floor_label = (
            "floor: COPY of the prepared rows" if args.db == "postgres" else "floor: executemany INSERT"
        )
        measurements.append(
            (
                floor_label,
                args.size,
                floor_seconds,
                "rows already resolved: no parsing, checking, audit"
                + ("; SQLite has no COPY" if args.db == "sqlite" else ""),
            )
        )

    ours_rate = rate(args.size, ours_seconds)
    baseline_rate = rate(baseline_rows, baseline_seconds)
    untuned_rate = rate(row_sample_size, untuned_seconds)
    row_rate = rate(row_sample_size, row_seconds)
    floor_rate = rate(args.size, floor_seconds)
    vs_baseline = ours_rate / baseline_rate
    floor_vs_ours = floor_rate / ours_rate
    floor_name = "COPY" if args.db == "postgres" else "executemany"

    say(f"{'':52} {'rows':>9} {'seconds':>8} {'rows/s':>8}")
    for label, rows, seconds, note in measurements:
        say(
            f"{label:52} {rows:>9,} {seconds:>8.2f} {rate(rows, seconds):>8,.0f}"
            + (f"  ({note})" if note else "")
        )
    say("")
    say("ours, by phase:")
    accounted = 0.0
    for label, phase in phases.items():
        if not phase.calls:
            continue
        accounted += phase.seconds - phase.nested_seconds
        inside = "  (inside the phases above)" if phase.nested_seconds >= phase.seconds else ""
        say(
            f"  {label:40} {phase.seconds:7.2f} s {100 * phase.seconds / ours_seconds:5.1f} %  "
            f"({phase.calls:,} calls){inside}"
        )
    other = ours_seconds - accounted
    say(f"  {'other (transaction, commit, sorting…)':40} {other:7.2f} s {100 * other / ours_seconds:5.1f} %")
    say("")
    say(
        f"ours / django-import-export bulk (tuned):   {vs_baseline:6.2f}×  "
        f"target ≥ {TARGET_VS_IMPORT_EXPORT:.0f}×: "
        + ("met" if vs_baseline >= TARGET_VS_IMPORT_EXPORT else "MISSED")
    )
    say(f"ours / django-import-export library defaults: {ours_rate / untuned_rate:4.2f}×")
    say(f"ours / django-import-export row by row:     {ours_rate / row_rate:6.2f}×")
    verdict = (
        ("met" if floor_vs_ours <= TARGET_COPY_VS_OURS else "MISSED")
        if args.db == "postgres"
        else "the target applies to PostgreSQL"
    )
    say(
        f"{floor_name} floor / ours:{'':{30 - len(floor_name)}}{floor_vs_ours:6.2f}×  "
        f"target ≤ {TARGET_COPY_VS_OURS:.0f}×: {verdict}"
    )
    say("django-import-export checks no identity numbers, scope or duplicates and writes no audit rows.")
    say(load_line("at end", own=1.5))
    say(
        result_line(
            NAME,
            {
                "db": args.db,
                "format": args.format,
                "rows": args.size,
                "ours_rows_per_s": ours_rate,
                "import_export_rows_per_s": baseline_rate,
                "import_export_rows": baseline_rows,
                "import_export_defaults_rows_per_s": untuned_rate,
                "import_export_row_by_row_rows_per_s": row_rate,
                f"{floor_name.lower()}_rows_per_s": floor_rate,
                "floor_vs_ours": floor_vs_ours,
                "ratio_vs_baseline": vs_baseline,
            },
        )
    )
    return 0


def _import_export_version() -> str:
    from importlib.metadata import version

    return version("django-import-export")


if __name__ == "__main__":
    sys.exit(main())
