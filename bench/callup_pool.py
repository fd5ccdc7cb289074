"""Benchmark: the call-up pool of a province — one set-based SQL statement vs the rule one citizen at a time.

Fills one province's real communes with N synthetic citizens (mostly men aged 16–30) and their
military-service records — first and other registrations, bars (Art. 13, 14), deferments and
exemptions with real grounds, health examinations typed 1–6 and judged by `rules.health_decision`,
call-ups of this intake and enlistments of the last — all written set-based (COPY on PostgreSQL,
executemany on SQLite, plain indexes rebuilt afterwards), then times:

  ours    `selectors.pool_rows(province, year, reference)` consumed to the last row (the status of
          every citizen) and `selectors.pool_summary(…)` (citizens per commune and status), cold
          (first run on a new connection) and warm (median of --runs);
  naive   `selectors.status_of(citizen, year, reference=…)` one citizen at a time through the ORM
          over a random sample (--sample), extrapolated to the whole province, plus the per-commune
          summary counted from those statuses.

It checks that pool_rows gives each sampled citizen the status (and ground) status_of gives.

    .venv/bin/python bench/callup_pool.py --db sqlite
    .venv/bin/python bench/callup_pool.py --db postgres --size 3000000
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._population import fill
from bench._support import (
    BenchDatabase,
    Stopwatch,
    bench_parser,
    create_bench_user,
    load_line,
    load_units,
    machine_lines,
    prepare_provinces,
    result_line,
    say,
)

NAME = "callup_pool"
DEFAULT_SIZE = 200_000
TARGET_SECONDS = 10.0
TARGET_SIZE = 3_000_000
YEAR = 2026  # the intake measured; the data are as they stand on its handover day


def arguments() -> Any:
    parser = bench_parser(__doc__.splitlines()[0], default_size=DEFAULT_SIZE)
    parser.add_argument(
        "--province",
        default="01",
        help="current province code whose communes are filled (default 01, Hà Nội)",
    )
    parser.add_argument(
        "--sample", type=int, default=2_000, help="citizens computed one at a time (default 2,000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="warm runs of ours, median reported (default 3)")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print the plans of the pool statements (always done on PostgreSQL when over target)",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=0.0,
        help="before measuring, wait up to this many seconds for the 1-minute load average to fall "
        "below half the cores (on a machine shared with other work); default 0, no wait",
    )
    return parser.parse_args()


def wait_for_quiet(limit: float) -> None:
    """Wait (up to `limit` seconds) until other work leaves the cores, saying how long it took."""
    if limit <= 0:
        return
    quiet = (os.cpu_count() or 1) / 2
    start = time.monotonic()
    while os.getloadavg()[0] >= quiet and time.monotonic() - start < limit:
        time.sleep(5)
    waited = time.monotonic() - start
    reached = "reached" if os.getloadavg()[0] < quiet else "NOT reached"
    say(f"waited {waited:.0f} s (of at most {limit:.0f}) for a load below {quiet:.1f}: {reached}")


# -- measurements -----------------------------------------------------------------------------------


@dataclass
class Run:
    rows_seconds: float
    summary_seconds: float
    statuses: Counter[str]
    picked: dict[int, tuple[str, str]]
    summary: dict[str, Counter[str]]

    @property
    def seconds(self) -> float:
        return self.rows_seconds + self.summary_seconds


def ours(path: str, reference: dt.date, sample: set[int]) -> Run:
    """pool_rows consumed to the end (statuses counted, the sample's kept), then pool_summary."""
    from qpdp.conscription import selectors

    by_status: Counter[Any] = Counter()
    picked: dict[int, tuple[str, str]] = {}
    with Stopwatch() as rows:
        for row in selectors.pool_rows(path, YEAR, reference):
            by_status[row.status] += 1
            if row.citizen_id in sample:
                picked[row.citizen_id] = (row.status.value, row.ground)
    with Stopwatch() as summary_watch:
        summary = selectors.pool_summary(path, YEAR, reference)
    statuses = Counter({status.value: count for status, count in by_status.items()})
    return Run(rows.seconds, summary_watch.seconds, statuses, picked, summary)


def naive(
    citizens: list[Any], reference: dt.date
) -> tuple[float, dict[int, tuple[str, str]], dict[str, Counter[str]]]:
    """status_of for each citizen, one at a time, and the per-commune counts made from them."""
    from qpdp.conscription import rules, selectors

    answers: dict[int, tuple[str, str]] = {}
    summary: dict[str, Counter[str]] = {}
    with Stopwatch() as watch:
        for citizen in citizens:
            status = selectors.status_of(citizen, YEAR, reference=reference)
            ground = "" if status.status is rules.Status.ELIGIBLE else status.ground
            answers[citizen.pk] = (status.status.value, ground)
            summary.setdefault(citizen.unit_path, Counter())[status.status.value] += 1
    return watch.seconds, answers, summary


def explain(path: str, reference: dt.date, vendor: str) -> list[str]:
    """The plans of both pool statements, run as the selectors run them (same settings)."""
    from qpdp.conscription import selectors

    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if vendor == "postgres" else "EXPLAIN QUERY PLAN "
    lines: list[str] = []
    for label, streamed, grounds in (("pool_rows", True, True), ("pool_summary", False, False)):
        sql, params = selectors._pool_sql(YEAR, reference, grounds=grounds)
        params["path"] = selectors._like_prefix(path)
        if not streamed:
            # As selectors.pool_summary groups it.
            sql = (
                f"SELECT unit_path, pool_status, COUNT(*) FROM ({sql}) statuses"
                " GROUP BY unit_path, pool_status"
            )
        with selectors._pool_cursor(streamed=streamed) as cursor:
            cursor.execute(prefix + sql, params)
            lines.append(f"-- {label}")
            lines.extend(" | ".join(str(v) for v in row) for row in cursor.fetchall())
    return lines


def main() -> int:
    args = arguments()
    with BenchDatabase(args.db, "pool") as database:
        from django.db import connections

        from qpdp.conscription import rules, selectors, services
        from qpdp.org.models import Unit
        from qpdp.people.models import Citizen

        say(f"== {NAME}: call-up pool of {args.size:,} citizens, intake {YEAR}, {args.db} ==")
        for line in machine_lines(database):
            say(line)
        say(f"setup: administrative units loaded in {load_units():.1f} s")
        places = prepare_provinces([args.province], seed=args.seed)
        province = Unit.objects.get(code=args.province, kind="province", structure="current")
        admin = create_bench_user("bench-admin", "admin")
        intakes = {
            year: services.open_intake(actor=admin, province=province, year=year) for year in (YEAR - 1, YEAR)
        }
        reference = selectors.reference_date(province.path, YEAR)
        say(
            f"setup: {province.name} ({province.code}), {len(places)} communes; "
            f"intakes {YEAR - 1} and {YEAR}; age reference {reference:%d/%m/%Y}"
        )
        register = fill(
            size=args.size,
            vendor=args.db,
            seed=args.seed,
            places=places,
            reference=reference,
            year=YEAR,
            intakes={province.path: intakes},
        )
        for table, count in register.counts.items():
            say(f"setup: {table}: {count:,} rows")

        rng = random.Random(args.seed)
        sample_ids = rng.sample(list(register.ids), min(args.sample, len(register.ids)))
        sample = set(sample_ids)
        in_bulk = Citizen.objects.in_bulk(sample_ids)
        sampled = [in_bulk[pk] for pk in sample_ids]
        connections.close_all()  # a new connection: nothing of the setup's session settings remains

        say("")
        wait_for_quiet(args.quiet_wait)
        say(load_line("before measuring", own=0.0))
        cold = ours(province.path, reference, sample)
        warm_runs = [ours(province.path, reference, sample) for _ in range(args.runs)]
        rows_warm = statistics.median(r.rows_seconds for r in warm_runs)
        summary_warm = statistics.median(r.summary_seconds for r in warm_runs)
        total_warm = statistics.median(r.seconds for r in warm_runs)
        naive_seconds, answers, naive_summary = naive(sampled, reference)
        say(load_line("after measuring", own=1.5))

        size = sum(cold.statuses.values())
        per_citizen = naive_seconds / len(sampled)
        naive_total = per_citizen * size
        say("")
        say(f"{'':52} {'cold s':>8} {'warm s':>8} {'rows/s (warm)':>14}")
        say(
            f"{'ours: pool_rows, every citizen (consumed)':52} {cold.rows_seconds:>8.2f} {rows_warm:>8.2f} "
            f"{size / rows_warm:>14,.0f}"
        )
        say(
            f"{'ours: pool_summary, per commune and status':52} {cold.summary_seconds:>8.2f} "
            f"{summary_warm:>8.2f} {size / summary_warm:>14,.0f}"
        )
        say(f"{'ours: both':52} {cold.seconds:>8.2f} {total_warm:>8.2f}")
        say(
            "warm runs (rows + summary): "
            + ", ".join(f"{r.rows_seconds:.2f} + {r.summary_seconds:.2f}" for r in warm_runs)
        )
        say(
            f"naive: status_of one citizen at a time over a random sample of {len(sampled):,}: "
            f"{naive_seconds:.2f} s ({per_citizen * 1000:.2f} ms per citizen, "
            f"{1 / per_citizen:,.0f} citizens/s)"
        )
        say(
            f"naive, EXTRAPOLATED from the sample to all {size:,} citizens (statuses, then counted per "
            f"commune): {naive_total:,.0f} s ({naive_total / 60:,.1f} min)"
        )
        ratio = naive_total / total_warm
        say(
            f"naive extrapolated / ours (both, warm): {ratio:,.0f}×; "
            f"/ ours pool_rows alone: {naive_total / rows_warm:,.0f}×"
        )

        agree = sum(1 for pk in sample_ids if cold.picked.get(pk) == answers[pk])
        say("")
        say(f"agreement: {agree}/{len(sample_ids)} (status and ground of pool_rows vs status_of)")
        for pk in [pk for pk in sample_ids if cold.picked.get(pk) != answers[pk]][:10]:
            say(f"   citizen {pk}: pool_rows {cold.picked.get(pk)} ≠ status_of {answers[pk]}")
        summary_totals: Counter[str] = Counter()
        for counts in cold.summary.values():
            summary_totals.update(counts)
        repeated = all(r.statuses == cold.statuses for r in warm_runs)
        consistent = summary_totals == cold.statuses
        say(
            f"pool_summary totals equal pool_rows' counts: {'yes' if consistent else 'NO'}; "
            f"communes in the summary: {len(cold.summary)}; "
            f"warm runs repeat the cold answers: {'yes' if repeated else 'NO'}"
        )
        sample_share: Counter[str] = Counter()
        for counts in naive_summary.values():
            sample_share.update(counts)
        say("")
        say(f"{'status':18} {'label':34} {'citizens':>10} {'share':>7} {'in sample':>10}")
        for status in rules.Status:
            count = cold.statuses.get(status.value, 0)
            say(
                f"{status.value:18} {rules.STATUS_LABELS[status]:34} {count:>10,} "
                f"{100 * count / size:>6.1f}% {sample_share.get(status.value, 0):>10,}"
            )

        say("")
        met = total_warm < TARGET_SECONDS
        at_target_size = args.db == "postgres" and size >= TARGET_SIZE
        verdict = (
            f"target: status of every citizen and the per-commune summary under {TARGET_SECONDS:.0f} s at "
            f"{TARGET_SIZE:,} citizens on PostgreSQL: "
        )
        if at_target_size:
            verdict += ("MET" if met and cold.seconds < TARGET_SECONDS else "MISSED") + (
                f" (cold {cold.seconds:.2f} s, warm {total_warm:.2f} s)"
            )
        else:
            verdict += (
                f"not judged at this size/database (here: cold {cold.seconds:.2f} s, warm {total_warm:.2f} s)"
            )
        say(verdict)

        if args.explain or (args.db == "postgres" and cold.seconds >= TARGET_SECONDS):
            say("")
            for line in explain(province.path, reference, args.db):
                say(f"   {line}")

    figures: dict[str, Any] = {
        "db": args.db,
        "citizens": size,
        "communes": len(cold.summary),
        "ours_rows_cold_s": cold.rows_seconds,
        "ours_rows_s": rows_warm,
        "ours_summary_cold_s": cold.summary_seconds,
        "ours_summary_s": summary_warm,
        "ours_total_s": total_warm,
        "ours_rows_per_s": size / rows_warm,
        "naive_sample": len(sampled),
        "naive_ms_per_citizen": per_citizen * 1000,
        "naive_extrapolated_s": naive_total,
        "agreement": f"{agree}/{len(sample_ids)}",
        "target_met": ("yes" if met and cold.seconds < TARGET_SECONDS else "no") if at_target_size else "n/a",
        "ratio_vs_baseline": ratio,
    }
    say(load_line("at end", own=0.0))
    say(result_line(NAME, figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
