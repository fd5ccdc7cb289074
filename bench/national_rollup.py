"""Benchmark: every indicator for every unit of the nation — one set-based roll-up vs one unit at a time.

Loads the real administrative tree (34 provinces, 3,321 communes of the current structure; the 63
provinces, 696 districts and 10,051 communes before 01/07/2025), spreads N synthetic citizens over
every current commune and gives them one call-up year of military-service records with the shared
generator of `_population.py` (registrations, bars, deferments and exemptions, health examinations,
call-ups of intake 2026 with their outcomes and the enlistments of 2025; records dated before the
reorganisation on the legacy commune the citizen's commune was made from), each province's and
commune's quotas and, when the awards app has them, award decisions with their lines — all written
set-based — then times, over the call-up year of intake 2026:

  ours, cold   `core.indicators.values_for(every registered indicator, nation, period, every unit of
               the current tree)` on a new connection: one query per batch of sums and per other sum,
               rolled up in Python; then warm;
  per sum      the same figures with one GROUP BY per sum over the nation (the registry before sums
               shared their queries), rolled up the same way;
  naive        one unit at a time: for each unit and each sum, its `compute` with that unit's scope,
               over a random sample of provinces and communes, extrapolated to all units;
  dashboard    afterwards, one province's dashboard data (the unit, its communes, every indicator)
               read from the figures stored per unit; with the reports app, its snapshot frozen
               (`reports.services.freeze_snapshot`) and its dashboard read (`reports.dashboard
               .dashboard_of`); and, for comparison, computed live;
  documents    the report batch of the province (`reports.batch`): the province's and every commune's
               report, their snapshots frozen at once, each rendered, zipped; beside it a few
               communes' reports made one at a time (each snapshot frozen alone), extrapolated.

It checks that the per-sum and naive figures equal ours, unit by unit and indicator by indicator.

    .venv/bin/python bench/national_rollup.py --db postgres                    # 300,000 citizens
    .venv/bin/python bench/national_rollup.py --db postgres --size 10000000    # the issue's size
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._population import (
    awards_available,
    fill,
    fill_awards,
    fill_quotas,
    legacy_communes,
    nation_places,
)
from bench._support import (
    BenchDatabase,
    Stopwatch,
    bench_parser,
    create_bench_user,
    load_line,
    load_units,
    machine_lines,
    result_line,
    say,
)
from bench.callup_pool import wait_for_quiet

NAME = "national_rollup"
DEFAULT_SIZE = 300_000
TARGET_SIZE = 10_000_000
YEAR = 2026  # the intake whose call-up year is measured; the data stand as on its handover day
TARGET_COLD_SECONDS = 30.0
TARGET_DASHBOARD_SECONDS = 1.0
TARGET_DOCUMENTS_SECONDS = 60.0
STORE_TABLE = "bench_dashboard_figures"  # every unit's figures as computed by ours, JSON per unit
ADMIN = "bench-admin"


def arguments() -> Any:
    parser = bench_parser(__doc__.splitlines()[0], default_size=DEFAULT_SIZE)
    parser.add_argument(
        "--province", default="01", help="province of the dashboard and documents (default 01, Hà Nội)"
    )
    parser.add_argument(
        "--sample-provinces", type=int, default=3, help="provinces computed one at a time (default 3)"
    )
    parser.add_argument(
        "--sample-communes", type=int, default=60, help="communes computed one at a time (default 60)"
    )
    parser.add_argument("--runs", type=int, default=2, help="warm runs of ours, median reported (default 2)")
    parser.add_argument(
        "--documents-format", choices=["docx", "pdf"], default="docx", help="report documents' format"
    )
    parser.add_argument(
        "--documents-sample",
        type=int,
        default=5,
        help="communes whose report is made one at a time, for comparison with the batch (default 5)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the plans of our queries (PostgreSQL: ANALYZE)"
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=0.0,
        help="before measuring, wait up to this many seconds for the 1-minute load average to fall "
        "below half the cores (on a machine shared with other work); default 0, no wait",
    )
    return parser.parse_args()


# -- the data -------------------------------------------------------------------------------------


def generate(args: Any, admin: Any, period: Any) -> dict[str, int]:
    """Citizens over every current commune, their records, quotas, and award decisions in the period
    when the awards app has them; rows written per table."""
    from django.db import connection

    from qpdp.conscription import selectors, services
    from qpdp.conscription.choices import CallUpStatus
    from qpdp.org.models import Unit

    provinces = list(Unit.objects.filter(kind="province", structure="current").order_by("path"))
    intakes = {
        p.path: {year: services.open_intake(actor=admin, province=p, year=year) for year in (YEAR - 1, YEAR)}
        for p in provinces
    }
    places = nation_places()
    legacy = legacy_communes()
    reference = selectors.reference_date(provinces[0].path, YEAR)
    say(
        f"setup: {len(provinces)} provinces, {len(places):,} communes ({len(legacy):,} with legacy "
        f"communes for records before 01/07/2025); intakes {YEAR - 1} and {YEAR} of every province; "
        f"data as on {reference:%d/%m/%Y}"
    )
    register = fill(
        size=args.size,
        vendor=args.db,
        seed=args.seed,
        places=places,
        reference=reference,
        year=YEAR,
        intakes=intakes,
        legacy=legacy,
    )
    counts = dict(register.counts)
    with Stopwatch() as quotas:
        counts["conscription_quota"] = fill_quotas(
            seed=args.seed,
            intakes=[by_year[YEAR] for by_year in intakes.values()],
            statuses=[CallUpStatus.ENLISTED],
        )
    say(f"setup: quotas of intake {YEAR} for every province and commune in {quotas.seconds:.1f} s")
    if awards_available():
        with Stopwatch() as awards:
            counts.update(fill_awards(seed=args.seed, start=period.start, end=period.end, places=places))
        say(f"setup: award decisions of every commune and province in {awards.seconds:.1f} s")
    else:
        say("setup: no award decisions (the awards app has no decisions and award lines yet)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if args.db == "postgres" else "ANALYZE")
    return counts


# -- measuring ------------------------------------------------------------------------------------


@dataclass
class Queries:
    """The statements run inside a `with recorded(queries):` block, each with its seconds: on
    PostgreSQL its execution (the client cursor receives every row there), on SQLite until the next
    statement starts (rows are fetched as they are read; the last one's includes the roll-up)."""

    items: list[tuple[str, float]] = field(default_factory=list)

    def lines(self, limit: int = 8) -> list[str]:
        ordered = sorted(self.items, key=lambda item: -item[1])
        return [f"{seconds:>7.2f} s  {_what(sql)}" for sql, seconds in ordered[:limit]]


def _table_of(sql: str) -> str:
    after = sql.split(" FROM ", 1)[-1].split()[0] if " FROM " in sql else "?"
    return after.strip('"()')


def _what(sql: str) -> str:
    """`conscription_callup ⋈ people_citizen: 1 aggregate`: the table read, the tables joined, how many
    figures one statement gives."""
    joined = [part.split()[0].strip('"') for part in sql.split(" JOIN ")[1:]]
    aggregates = sql.count(' AS "n')
    return f"{' ⋈ '.join([_table_of(sql), *joined])}: {aggregates} aggregate{'s' * (aggregates != 1)}"


@contextmanager
def recorded(queries: Queries) -> Iterator[None]:
    from django.db import connection

    runs: list[tuple[str, float, float]] = []

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            runs.append((_inlined(sql, params), start, time.perf_counter()))

    with connection.execute_wrapper(wrapper):
        yield
    if connection.vendor == "postgresql":
        queries.items.extend((sql, end - start) for sql, start, end in runs)
        return
    nexts = [start for _, start, _ in runs[1:]] + [time.perf_counter()]
    queries.items.extend((sql, after - start) for (sql, start, _), after in zip(runs, nexts, strict=True))


def _inlined(sql: str, params: Any) -> str:
    """The statement with its parameters written in, for printing and EXPLAIN (dates, paths, codes)."""
    if not params:
        return sql
    quoted = [f"'{v}'" if isinstance(v, str | dt.date) else str(v) for v in params]
    return sql % tuple(quoted)


@dataclass
class Tree:
    nation: str
    provinces: list[str]
    communes: list[str]
    names: dict[str, str]

    @property
    def nodes(self) -> list[str]:
        return [self.nation, *self.provinces, *self.communes]


def current_tree() -> Tree:
    from qpdp.org.models import Unit

    rows = list(
        Unit.objects.filter(kind__in=["nation", "province", "commune"])
        .exclude(structure="legacy")
        .order_by("path")
        .values_list("path", "kind", "name")
    )
    by_kind: dict[str, list[str]] = {"nation": [], "province": [], "commune": []}
    for path, kind, _ in rows:
        by_kind[kind].append(path)
    return Tree(by_kind["nation"][0], by_kind["province"], by_kind["commune"], {p: n for p, _, n in rows})


def ours(codes: Sequence[str], tree: Tree, period: Any) -> tuple[float, dict[str, dict[str, Any]], Queries]:
    from qpdp.core import indicators

    queries = Queries()
    with Stopwatch() as watch, recorded(queries):
        values = indicators.values_for(codes, tree.nation, period, tree.nodes)
    return watch.seconds, values, queries


def per_sum(codes: Sequence[str], tree: Tree, period: Any) -> tuple[float, dict[str, dict[str, Any]]]:
    """Every figure with one GROUP BY per sum over the nation, rolled up: what values_for did before
    sums shared their queries."""
    from qpdp.core import indicators

    items = [indicators.get(code) for code in codes]
    nodes = tree.nodes
    with Stopwatch() as watch:
        rolled = {
            i.code: indicators.rollup(i.compute(tree.nation, period), nodes)
            for i in items
            if i is not None and i.compute is not None
        }
        values: dict[str, dict[str, Any]] = {}
        for i in items:
            assert i is not None
            if i.compute is not None:
                values[i.code] = rolled[i.code]
            else:
                top, bottom = rolled[i.numerator], rolled[i.denominator]
                values[i.code] = {n: indicators.ratio(top[n], bottom[n], i.scale) for n in nodes}
    return watch.seconds, values


def naive_unit(codes: Sequence[str], path: str, period: Any) -> tuple[float, dict[str, Any]]:
    """One unit's figures the straightforward way: each sum computed with the unit's own scope."""
    from qpdp.core import indicators

    items = [indicators.get(code) for code in codes]
    figures: dict[str, Any] = {}
    with Stopwatch() as watch:
        for i in items:
            if i is not None and i.compute is not None:
                figures[i.code] = sum(i.compute(path, period).values())
        for i in items:
            if i is not None and i.compute is None:
                figures[i.code] = indicators.ratio(figures[i.numerator], figures[i.denominator], i.scale)
    return watch.seconds, figures


def differences(
    ours_values: dict[str, dict[str, Any]], other: dict[str, dict[str, Any]], paths: Sequence[str]
) -> list[str]:
    return [
        f"{code} at {path}: ours {ours_values[code][path]} ≠ {other[code][path]}"
        for code in ours_values
        for path in paths
        if ours_values[code][path] != other[code][path]
    ]


# -- the dashboard afterwards -----------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def store(values: dict[str, dict[str, Any]], tree: Tree) -> float:
    """Keep the figures of every unit (JSON per unit) in a table of their own: the floor of any stored
    snapshot, read back by `dashboard_from_store`."""
    from django.db import connection, transaction

    with Stopwatch() as watch, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {STORE_TABLE} (unit_path varchar(255) PRIMARY KEY,"
            " parent_path varchar(255) NOT NULL, figures text NOT NULL)"
        )
        cursor.execute(f"CREATE INDEX {STORE_TABLE}_parent ON {STORE_TABLE} (parent_path)")
        rows = []
        for path in tree.nodes:
            parent = path[: path.rstrip("/").rfind("/") + 1]
            figures = {code: _json_value(per_node[path]) for code, per_node in values.items()}
            rows.append((path, parent, json.dumps(figures, ensure_ascii=False)))
        cursor.executemany(f"INSERT INTO {STORE_TABLE} VALUES (%s, %s, %s)", rows)
    return watch.seconds


def dashboard_from_store(province_path: str) -> int:
    """One province's dashboard data — the unit and its communes by name, every indicator's figure —
    from the stored figures; returns the number of figures read."""
    from django.db import connection

    from qpdp.core import indicators
    from qpdp.org.models import Unit

    catalogue = indicators.catalogue()
    province = Unit.objects.get(path=province_path)
    communes = list(Unit.objects.filter(parent=province, kind="commune").order_by("name"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT unit_path, figures FROM {STORE_TABLE} WHERE unit_path = %s OR parent_path = %s",
            [province_path, province_path],
        )
        stored = {path: json.loads(text) for path, text in cursor.fetchall()}
    shown = 0
    for unit in [province, *communes]:
        raw = stored.get(unit.path, {})
        for indicator in catalogue:
            value = raw.get(indicator.code)
            _ = Decimal(value) if isinstance(value, str) else value
            shown += 1
    return shown


def _reports_function(module: str, name: str) -> Callable[..., Any] | None:
    """A function of the reports app, when the app has it (it lands beside this benchmark)."""
    if importlib.util.find_spec(module) is None:
        return None
    found = getattr(importlib.import_module(module), name, None)
    return found if callable(found) else None


@dataclass
class Dashboard:
    stored_s: float
    store_first_s: float
    store_median_s: float
    figures: int
    live_s: float
    freeze_s: float | None = None
    reports_first_s: float | None = None
    reports_median_s: float | None = None
    reports_note: str = ""


def measure_dashboard(values: dict[str, dict[str, Any]], tree: Tree, province: Any, period: Any) -> Dashboard:
    """After every figure is computed: one province's dashboard read from what was stored, and computed
    live for comparison; with the reports app, its snapshot frozen and its dashboard page's data read."""
    from django.db import connections

    from qpdp.core import indicators

    stored = store(values, tree)
    connections.close_all()
    with Stopwatch() as first:
        figures = dashboard_from_store(province.path)
    again = []
    for _ in range(10):
        with Stopwatch() as watch:
            dashboard_from_store(province.path)
        again.append(watch.seconds)
    nodes = [province.path, *(p for p in tree.communes if p.startswith(province.path))]
    codes = list(values)
    with Stopwatch() as live:
        indicators.values_for(codes, province.path, period, nodes)
    result = Dashboard(stored, first.seconds, statistics.median(again), figures, live.seconds)

    freeze = _reports_function("qpdp.reports.services", "freeze_snapshot")
    dashboard_of = _reports_function("qpdp.reports.dashboard", "dashboard_of")
    if freeze is None or dashboard_of is None:
        result.reports_note = "reports' snapshot and dashboard not built yet"
        return result
    from qpdp.org.models import User

    admin = User.objects.get(username=ADMIN)
    with Stopwatch() as frozen:
        freeze(actor=admin, unit=province, period_code=period.code)
    connections.close_all()
    timings = []
    for _ in range(6):
        with Stopwatch() as watch:
            dashboard_of(user=admin, unit=province, period=period)
        timings.append(watch.seconds)
    result.freeze_s = frozen.seconds
    result.reports_first_s = timings[0]
    result.reports_median_s = statistics.median(timings[1:])
    return result


# -- annual report documents ------------------------------------------------------------------------


@dataclass
class Documents:
    batch_s: float  # the report batch of the province, from its start to its zip
    prepare_s: float  # of which: every unit's snapshot frozen at once (reports.batch._prepare)
    files: int
    megabytes: float
    alone_s: list[float]  # a commune's report made alone (its snapshot frozen alone) and rendered
    status: str


def report_documents(province: Any, period: Any, fmt: str, sample: int) -> Documents:
    """The reports of the province and of every commune of it over the period, as the report batch makes
    them (`reports.batch`: every unit's snapshot frozen at once, then each report drafted on it and
    rendered to `fmt`, then zipped); before it, for comparison, `sample` communes' reports made one at a
    time (`batch.report_for` freezing each commune's snapshot alone, then rendered), then set aside so
    that the batch makes every report afresh."""
    import os
    import zipfile

    from qpdp.core import jobs
    from qpdp.core.models import Job
    from qpdp.org.models import Unit, User
    from qpdp.reports import batch
    from qpdp.reports.models import Report, Snapshot

    admin = User.objects.get(username=ADMIN)
    communes = list(Unit.objects.filter(parent=province, kind="commune").order_by("path"))
    alone: list[float] = []
    for commune in communes[:sample]:
        with Stopwatch() as watch:
            report = batch.report_for(actor=admin, unit=commune, period_code=period.code, kind="report")
            batch.render_document(report, fmt)
        alone.append(watch.seconds)
    Report.objects.filter(period_code=period.code).delete()
    Snapshot.objects.filter(period_code=period.code).delete()

    os.environ["QPDP_JOB_RUNNER"] = "queue"  # queued only: the job is run here, in this process
    prepared: list[float] = []
    prepare = batch._prepare

    def timed_prepare(job: Any, items: Any) -> None:
        with Stopwatch() as watch:
            prepare(job, items)
        prepared.append(watch.seconds)

    batch._prepare = timed_prepare
    try:
        with Stopwatch() as whole:
            job = batch.start_report_batch(
                actor=admin, unit=province, period_code=period.code, kind="report", fmt=fmt
            )
            jobs.run(job.pk)
    finally:
        batch._prepare = prepare
    job = Job.objects.get(pk=job.pk)
    with zipfile.ZipFile(job.output_file.path) as bundle:
        files = len(bundle.namelist())
    megabytes = Path(job.output_file.path).stat().st_size / 1e6
    return Documents(whole.seconds, sum(prepared), files, megabytes, alone, f"{job.status}: {job.message}")


# -- the plans --------------------------------------------------------------------------------------


def explain(queries: Queries, vendor: str) -> list[str]:
    """The plans of our statements, run again (their parameters inlined: dates, paths and codes)."""
    from django.db import connection

    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if vendor == "postgres" else "EXPLAIN QUERY PLAN "
    lines: list[str] = []
    for sql, _ in queries.items:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")) or "set_config" in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            lines.append(f"-- {_table_of(sql)}")
            lines.extend(" | ".join(str(v) for v in row) for row in cursor.fetchall())
    return lines


# -- the run ----------------------------------------------------------------------------------------


@dataclass
class Rollup:
    cold_s: float
    values: dict[str, dict[str, Any]]
    queries: Queries
    warm: list[float]
    repeated: bool
    per_sum_s: float
    per_sum_values: dict[str, dict[str, Any]]
    sampled: list[str]
    province_s: list[float]
    commune_s: list[float]
    naive_values: dict[str, dict[str, Any]]

    @property
    def warm_s(self) -> float:
        return statistics.median(self.warm) if self.warm else self.cold_s


def measure_rollup(args: Any, codes: Sequence[str], tree: Tree, period: Any) -> Rollup:
    """Ours cold (new connection) and warm, the same figures one GROUP BY per sum, and the naive way
    over a sample of provinces and communes."""
    from django.db import connections

    rng = random.Random(args.seed)
    provinces = rng.sample(tree.provinces, min(args.sample_provinces, len(tree.provinces)))
    communes = rng.sample(tree.communes, min(args.sample_communes, len(tree.communes)))
    connections.close_all()
    cold_s, values, queries = ours(codes, tree, period)
    warm_runs = [ours(codes, tree, period) for _ in range(args.runs)]
    per_sum_s, per_sum_values = per_sum(codes, tree, period)
    province_runs = [naive_unit(codes, path, period) for path in provinces]
    commune_runs = [naive_unit(codes, path, period) for path in communes]
    sampled = [*provinces, *communes]
    runs = [*province_runs, *commune_runs]
    return Rollup(
        cold_s=cold_s,
        values=values,
        queries=queries,
        warm=[seconds for seconds, _, _ in warm_runs],
        repeated=all(v == values for _, v, _ in warm_runs),
        per_sum_s=per_sum_s,
        per_sum_values=per_sum_values,
        sampled=sampled,
        province_s=[seconds for seconds, _ in province_runs],
        commune_s=[seconds for seconds, _ in commune_runs],
        naive_values={code: {p: f[code] for p, (_, f) in zip(sampled, runs, strict=True)} for code in codes},
    )


def main() -> int:
    args = arguments()
    with BenchDatabase(args.db, "national") as database:
        from django.db import connection

        from qpdp.conscription import selectors
        from qpdp.core import indicators
        from qpdp.org.models import Unit

        say(f"== {NAME}: every indicator for every unit of the nation, {args.size:,} citizens, {args.db} ==")
        for line in machine_lines(database):
            say(line)
        say(f"setup: administrative units loaded in {load_units():.1f} s")
        tree = current_tree()
        period = selectors.intake_period(tree.nation, YEAR)
        counts = generate(args, create_bench_user(ADMIN, "admin"), period)
        for table, count in counts.items():
            say(f"setup: {table}: {count:,} rows")

        catalogue = indicators.catalogue()
        codes = [i.code for i in catalogue]
        sums = [i for i in catalogue if i.compute is not None]
        figures_count = len(codes) * len(tree.nodes)
        say(
            f"measured: {len(codes)} indicators ({len(sums)} sums, {len(codes) - len(sums)} ratios; areas "
            f"{', '.join(sorted({i.area for i in catalogue}))}) × {len(tree.nodes):,} units (nation, "
            f"{len(tree.provinces)} provinces, {len(tree.communes):,} communes) = {figures_count:,} figures; "
            f"period {period.start:%d/%m/%Y}–{period.end:%d/%m/%Y} (the call-up year of intake {YEAR})"
        )
        province = Unit.objects.get(code=args.province, kind="province", structure="current")

        say("")
        wait_for_quiet(args.quiet_wait)
        say(load_line("before measuring", own=0.0))
        rollup = measure_rollup(args, codes, tree, period)
        say(load_line("after the roll-ups", own=1.5))
        dashboard = measure_dashboard(rollup.values, tree, province, period)
        say("measured the dashboard")
        documents = report_documents(province, period, args.documents_format, args.documents_sample)
        documents_s = documents.batch_s
        say(load_line("after measuring", own=1.5))

        province_mean = statistics.mean(rollup.province_s)
        commune_mean = statistics.mean(rollup.commune_s)
        naive_total = (
            rollup.per_sum_s + len(tree.provinces) * province_mean + len(tree.communes) * commune_mean
        )
        ratio = naive_total / rollup.cold_s
        queries = len(rollup.queries.items)

        say("")
        timings = [
            (
                "ours, cold: values_for(every code, nation, every unit), new connection",
                rollup.cold_s,
                queries,
            ),
            (f"ours, warm (median of {args.runs})", rollup.warm_s, queries),
            ("per sum: one GROUP BY per sum over the nation, rolled up", rollup.per_sum_s, len(sums)),
        ]
        say(f"{'':70} {'seconds':>9} {'queries':>8}")
        for label, seconds, count in timings:
            say(f"{label:70} {seconds:>9.2f} {count:>8}")
        say("   warm runs: " + ", ".join(f"{s:.2f}" for s in rollup.warm))
        say(
            f"naive, one unit at a time (each sum's compute with the unit's scope, {len(sums)} queries a "
            f"unit): {len(rollup.province_s)} provinces {province_mean:.3f} s each, {len(rollup.commune_s)} "
            f"communes {commune_mean * 1000:.1f} ms each; the nation's queries are the per-sum run's"
        )
        say(
            f"naive, EXTRAPOLATED to all {len(tree.nodes):,} units: {naive_total:,.1f} s "
            f"({naive_total / 60:,.1f} min, {len(sums) * len(tree.nodes):,} queries)"
        )
        say(
            f"naive extrapolated / ours cold: {ratio:,.1f}×; per sum (run warm) / ours warm: "
            f"{rollup.per_sum_s / rollup.warm_s:,.1f}×; ours: {figures_count / rollup.cold_s:,.0f} "
            "figures/s cold"
        )
        say("our statements (cold run), slowest first:")
        for line in rollup.queries.lines():
            say(f"   {line}")

        say("")
        say(
            f"stored every unit's figures (JSON per unit in {STORE_TABLE}) in {dashboard.stored_s:.2f} s; "
            f"dashboard afterwards, {province.name} ({dashboard.figures:,} figures: the province and its "
            f"communes × {len(codes)} indicators) read from them: first "
            f"{dashboard.store_first_s * 1000:.1f} ms (new connection), then median "
            f"{dashboard.store_median_s * 1000:.1f} ms"
        )
        if dashboard.reports_first_s is not None:
            assert dashboard.freeze_s is not None
            assert dashboard.reports_median_s is not None
            say(
                f"reports: froze {province.name}'s snapshot (services.freeze_snapshot: its figures, its "
                f"communes', the previous period's) in {dashboard.freeze_s:.2f} s; its dashboard "
                f"(dashboard.dashboard_of, from the snapshot): first "
                f"{dashboard.reports_first_s * 1000:.0f} ms (new connection), then median "
                f"{dashboard.reports_median_s * 1000:.0f} ms"
            )
        else:
            say(f"reports: {dashboard.reports_note}")
        say(
            "the same dashboard computed live (values_for over the province and its communes): "
            f"{dashboard.live_s:.2f} s"
        )
        alone_mean = statistics.mean(documents.alone_s)
        alone_total = alone_mean * documents.files
        documents_text = f"{documents_s:.1f} s"
        say(
            f"report documents ({args.documents_format.upper()}) of {province.name} and every commune of it, "
            f"as the report batch makes them: {documents.files} files ({documents.megabytes:.1f} MB zipped) "
            f"in {documents_s:.1f} s, of which {documents.prepare_s:.1f} s freezing every unit's snapshot at "
            f"once; job {documents.status}"
        )
        say(
            f"   one report at a time (its snapshot frozen alone, then rendered), {len(documents.alone_s)} "
            f"communes: {alone_mean:.2f} s each, EXTRAPOLATED to {documents.files} files "
            f"{alone_total:.0f} s; "
            f"one at a time / batch: {alone_total / documents_s:.1f}×"
        )

        say("")
        per_sum_diff = differences(rollup.values, rollup.per_sum_values, tree.nodes)
        naive_diff = differences(rollup.values, rollup.naive_values, rollup.sampled)
        naive_count = len(codes) * len(rollup.sampled)
        say(
            f"agreement: per sum = ours for {figures_count - len(per_sum_diff):,}/{figures_count:,} figures; "
            f"naive = ours for {naive_count - len(naive_diff):,}/{naive_count:,} figures of the sampled "
            f"units; warm runs repeat the cold answers: {'yes' if rollup.repeated else 'NO'}"
        )
        for line in (per_sum_diff + naive_diff)[:10]:
            say(f"   {line}")
        nation = rollup.values
        say(
            "the nation's figures: "
            + ", ".join(f"{code.split('.', 1)[-1]}={nation[code][tree.nation]}" for code in codes)
        )

        dashboard_s = (
            dashboard.store_first_s if dashboard.reports_first_s is None else dashboard.reports_first_s
        )
        met = (
            rollup.cold_s < TARGET_COLD_SECONDS
            and dashboard_s < TARGET_DASHBOARD_SECONDS
            and documents_s < TARGET_DOCUMENTS_SECONDS
        )
        at_target = args.db == "postgres" and args.size >= TARGET_SIZE
        say("")
        say(
            f"target at {TARGET_SIZE:,} citizens on PostgreSQL: every indicator for every unit under "
            f"{TARGET_COLD_SECONDS:.0f} s cold (here {rollup.cold_s:.2f} s), a dashboard afterwards under "
            f"{TARGET_DASHBOARD_SECONDS:.0f} s (here {dashboard_s:.3f} s), a province's report documents "
            f"under {TARGET_DOCUMENTS_SECONDS:.0f} s (here {documents_text}): "
            + (("MET" if met else "MISSED") if at_target else "not judged at this size/database")
        )

        if args.explain:
            say("")
            for line in explain(rollup.queries, args.db):
                say(f"   {line}")
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {STORE_TABLE}")

    result: dict[str, Any] = {
        "db": args.db,
        "citizens": args.size,
        "units": len(tree.nodes),
        "indicators": len(codes),
        "figures": figures_count,
        "ours_cold_s": rollup.cold_s,
        "ours_warm_s": rollup.warm_s,
        "ours_queries": queries,
        "per_sum_s": rollup.per_sum_s,
        "naive_sample_units": len(rollup.sampled),
        "naive_extrapolated_s": naive_total,
        "dashboard_stored_ms": dashboard.store_first_s * 1000,
        "dashboard_reports_ms": "n/a"
        if dashboard.reports_first_s is None
        else dashboard.reports_first_s * 1000,
        "dashboard_live_s": dashboard.live_s,
        "documents_s": documents_s,
        "documents_alone_s": alone_total,
        "agreement": "yes" if not per_sum_diff and not naive_diff else "NO",
        "target_met": ("yes" if met else "no") if at_target else "n/a",
        "ratio_vs_baseline": ratio,
    }
    say(load_line("at end", own=0.0))
    say(result_line(NAME, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
