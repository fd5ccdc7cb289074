"""Benchmark: the citizen list pages over a big register — ours (keyset pages) vs Django admin's changelist.

Fills the citizen table with N synthetic people of real communes in several provinces (COPY on
PostgreSQL, executemany on SQLite, plain indexes rebuilt afterwards), analyses it, then times
server-side page renders through django.test.Client (time around client.get, after warm-up):

  ours    /cong-dan/ as a province officer with the province picked (POST /don-vi/chon/): the first
          page, a filtered page (women born 2000–2007), a search ("nguyen van an"), the next page
          (its cursor), a page deep in the province (a cursor half-way), and the first page of the
          whole nation as the administrator;
  admin   Django admin's changelist /quan-tri/people/citizen/ as the administrator: first page,
          ?sex__exact=F, ?q=nguyen van an — it counts the rows and pages with OFFSET.

    .venv/bin/python bench/list_citizens.py --db sqlite
    .venv/bin/python bench/list_citizens.py --db postgres --size 2000000
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._support import (
    BenchDatabase,
    PopulationGenerator,
    Stopwatch,
    bench_parser,
    create_bench_user,
    fill_citizens,
    load_line,
    load_units,
    machine_lines,
    median_and_p95,
    prepare_provinces,
    result_line,
    say,
    secondary_indexes_deferred,
)

NAME = "list_citizens"
DEFAULT_SIZE = 200_000
TARGET_MS = 150.0
SEARCH = "nguyen van an"
OUR_LIST = "/cong-dan/"
ADMIN_LIST = "/quan-tri/people/citizen/"
CURSOR = re.compile(r"cursor=([A-Za-z0-9_-]+)")
SELECT_LIST = re.compile(r"^SELECT .*? FROM", re.DOTALL)


def arguments() -> Any:
    parser = bench_parser(__doc__.splitlines()[0], default_size=DEFAULT_SIZE)
    parser.add_argument(
        "--provinces",
        default="01,79,31,38",
        help="current province codes to fill; the first is the one listed (default 01,79,31,38)",
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first (default 3)")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print the plan of each page's slowest query (always done for pages over target)",
    )
    return parser.parse_args()


@dataclass
class Page:
    key: str
    label: str
    client: Any
    url: str
    check: Callable[[str], str | None]
    times_ms: list[float] = field(default_factory=list)
    queries: list[tuple[float, str, Any]] = field(default_factory=list)

    @property
    def median(self) -> float:
        return median_and_p95(self.times_ms)[0]

    @property
    def p95(self) -> float:
        return median_and_p95(self.times_ms)[1]


def our_rows(body: str) -> str | None:
    if 'id="citizen-table"' not in body:
        return "no citizen table"
    if "Không có công dân phù hợp" in body:
        return "the page lists nobody"
    return None


def admin_rows(body: str) -> str | None:
    return None if 'id="result_list"' in body else "no result list"


def fetch(page: Page) -> tuple[float, str]:
    start = time.perf_counter()
    response = page.client.get(page.url)
    elapsed = (time.perf_counter() - start) * 1000
    body = response.content.decode()
    problem = f"status {response.status_code}" if response.status_code != 200 else page.check(body)
    if problem:
        raise SystemExit(f"{page.label} ({page.url}): {problem}")
    return elapsed, body


def measure(page: Page, *, warmup: int, requests: int) -> None:
    from django.db import connection

    for _ in range(warmup):
        fetch(page)
    for _ in range(requests):
        elapsed, _ = fetch(page)
        page.times_ms.append(elapsed)

    # One more request, not timed, recording each SQL statement and its duration.
    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            page.queries.append(((time.perf_counter() - start) * 1000, sql, params))

    with connection.execute_wrapper(record):
        fetch(page)


def explain(sql: str, params: Any, vendor: str) -> list[str]:
    from django.db import connection

    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if vendor == "postgres" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return [" | ".join(str(v) for v in row) for row in cursor.fetchall()]


def fill(args: Any, places: list[Any]) -> tuple[float, float]:
    """Write the people; returns (seconds writing rows, seconds rebuilding indexes and analysing)."""
    from django.db import connection

    generator = PopulationGenerator(places, seed=args.seed)
    step = max(args.size // 4, 1)
    reported = [0]

    def progress(done: int) -> None:
        if done - reported[0] >= step or done == args.size:
            reported[0] = done
            say(f"  … {done:,} citizens written")

    with Stopwatch() as rebuild:
        with secondary_indexes_deferred(args.db) as deferred:
            with Stopwatch() as load:
                fill_citizens(generator.people(args.size), vendor=args.db, progress=progress)
            say(
                f"setup: {args.size:,} citizens written in {load.seconds:.1f} s "
                f"({args.size / load.seconds:,.0f} rows/s); rebuilding {len(deferred)} indexes"
            )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE people_citizen" if args.db == "postgres" else "ANALYZE")
    return load.seconds, rebuild.seconds - load.seconds


def main() -> int:
    args = arguments()
    with BenchDatabase(args.db, "list") as database:
        from django.test import Client

        from qpdp.org.models import Unit
        from qpdp.people.models import Citizen
        from qpdp.people.selectors import encode_cursor

        say(f"== {NAME}: citizen list pages over {args.size:,} citizens, {args.db} ==")
        for line in machine_lines(database):
            say(line)
        say(f"setup: administrative units loaded in {load_units():.1f} s")
        codes = args.provinces.split(",")
        places = prepare_provinces(codes, seed=args.seed)
        _, rebuild_seconds = fill(args, places)
        say(f"setup: indexes rebuilt and table analysed in {rebuild_seconds:.1f} s")

        province = Unit.objects.get(code=codes[0], kind="province", structure="current")
        in_province = Citizen.objects.filter(unit_path__startswith=province.path)
        province_rows = in_province.count()
        officer = create_bench_user("bench-province", "province_officer", province.code)
        admin = create_bench_user("bench-admin", "admin")
        say(f"setup: {province.name} ({province.code}) holds {province_rows:,} of the {args.size:,} citizens")
        say(f"setup: users bench-province (province_officer at {province.code}), bench-admin (admin)")

        ours = Client()
        ours.force_login(officer)
        picked = ours.post("/don-vi/chon/", {"code": province.code, "next": OUR_LIST})
        if picked.status_code != 302:
            raise SystemExit(f"picking the province failed: status {picked.status_code}")
        nation = Client()
        nation.force_login(admin)
        operator = Client()
        operator.force_login(admin)

        first_body = fetch(Page("first", "ours", ours, OUR_LIST, our_rows))[1]
        next_cursor = CURSOR.search(first_body)
        if next_cursor is None:
            raise SystemExit("the first page offers no next page")
        middle = in_province.order_by("sort_key", "id").only("id", "sort_key")[province_rows // 2]
        query = SEARCH.replace(" ", "+")
        pages = [
            Page("ours_first", "ours: first page of the province", ours, OUR_LIST, our_rows),
            Page(
                "ours_filtered",
                "ours: women born 2000–2007",
                ours,
                f"{OUR_LIST}?sex=F&born_from=2000&born_to=2007",
                our_rows,
            ),
            Page("ours_search", f"ours: search “{SEARCH}”", ours, f"{OUR_LIST}?q={query}", our_rows),
            Page(
                "ours_next",
                "ours: next page (cursor)",
                ours,
                f"{OUR_LIST}?cursor={next_cursor.group(1)}",
                our_rows,
            ),
            Page(
                "ours_deep",
                "ours: page half-way through the province",
                ours,
                f"{OUR_LIST}?cursor={encode_cursor(middle)}",
                our_rows,
            ),
            Page("ours_nation_first", "ours: first page, whole nation (admin)", nation, OUR_LIST, our_rows),
            Page("admin_first", "Django admin: first page", operator, ADMIN_LIST, admin_rows),
            Page(
                "admin_filtered",
                "Django admin: ?sex__exact=F",
                operator,
                f"{ADMIN_LIST}?sex__exact=F",
                admin_rows,
            ),
            Page(
                "admin_search",
                f"Django admin: search “{SEARCH}”",
                operator,
                f"{ADMIN_LIST}?q={query}",
                admin_rows,
            ),
        ]
        say(f"measuring: {args.warmup} warm-up + {args.requests} timed requests per page")
        say("")
        for page in pages:
            measure(page, warmup=args.warmup, requests=args.requests)

        by_key = {page.key: page for page in pages}
        say(
            f"{'page':44} {'median ms':>10} {'p95 ms':>8} {'min ms':>8} {'queries':>8} {'slowest SQL ms':>15}"
        )
        for page in pages:
            slowest = max(ms for ms, _, _ in page.queries) if page.queries else 0.0
            say(
                f"{page.label:44} {page.median:>10.1f} {page.p95:>8.1f} {min(page.times_ms):>8.1f} "
                f"{len(page.queries):>8} {slowest:>15.1f}"
            )
        if args.db == "sqlite":
            say(
                "(SQLite reads rows lazily after execute: its per-query times leave out most of the reading.)"
            )
        say("")
        checked = ["ours_first", "ours_filtered", "ours_search"]
        missed = [key for key in checked if by_key[key].median >= TARGET_MS]
        for key in ("first", "filtered", "search"):
            admin_page, our_page = by_key[f"admin_{key}"], by_key[f"ours_{key}"]
            say(f"Django admin / ours, {key:8}: {admin_page.median / our_page.median:7.1f}×")
        say(
            f"target: our first, filtered and search pages under {TARGET_MS:.0f} ms median: "
            + ("met" if not missed else f"MISSED by {', '.join(missed)}")
        )

        for page in pages:
            over = page.key.startswith("ours") and page.median >= TARGET_MS
            if not (args.explain or over) or not page.queries:
                continue
            ms, sql, params = max(page.queries, key=lambda q: q[0])
            say("")
            say(f"-- {page.label}: slowest query {ms:.1f} ms" + (" (page over target)" if over else ""))
            say(SELECT_LIST.sub("SELECT … FROM", sql, count=1))
            say(f"   params: {params}")
            for line in explain(sql, params, args.db):
                say(f"   {line}")

    figures: dict[str, Any] = {"db": args.db, "rows": args.size, "province_rows": province_rows}
    for page in pages:
        figures[f"{page.key}_ms"] = page.median
    figures["target_met"] = "yes" if not missed else "no"
    figures["ratio_vs_baseline"] = by_key["admin_first"].median / by_key["ours_first"].median
    say(load_line("at end", own=1.5))
    say(result_line(NAME, figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
