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

import contextlib
import datetime as dt
import os
import random
import statistics
import sys
import time
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._support import (
    BenchDatabase,
    Person,
    Place,
    PopulationGenerator,
    Stopwatch,
    bench_parser,
    create_bench_user,
    fill_citizens,
    load_line,
    load_units,
    machine_lines,
    prepare_provinces,
    result_line,
    say,
    secondary_indexes_deferred,
)

NAME = "callup_pool"
DEFAULT_SIZE = 200_000
TARGET_SECONDS = 10.0
TARGET_SIZE = 3_000_000
YEAR = 2026  # the intake measured; the data are as they stand on its handover day
READ_CHUNK = 50_000  # citizens read back (and given their records) per step

# Shares of the synthetic register (of all citizens unless said otherwise).
MEN_SHARE = 0.85
YOUNG_SHARE = 0.88  # aged 16–30 on the reference date; the rest 31–45
REGISTERED_SHARE = 0.93  # of men whose registration year (the year they turn 17) has come
WOMEN_REGISTERED_SHARE = 0.02  # of women 18–30 (by profession)
SUPPLEMENTARY_SHARE = 0.08  # of registered men
REMOVED_SHARE = 0.004  # of registered men: death, emigration
BAR_SHARE = 0.01  # of men aged 17 and over
RELIEF_SHARE = 0.2  # of registered men aged 18–27 (≈ 9 % of all citizens)
RELIEF_EXPIRED_SHARE = 0.1  # of reliefs: last intake's, ended before this one
VOLUNTEER_SHARE = 0.05  # of reliefs on a waivable ground
EXAM_SHARE = 0.6  # of registered men aged 18–27 (not barred, not enlisted last year)
ABSENT_SHARE = 0.03  # of those summoned to the examination
SCREENING_SHARE = 0.5  # of those examined: a screening record too (not read by the pool)
LAST_YEAR_EXAM_SHARE = 0.15  # of registered men aged 19–27: last intake's examination (not read)
SERVED_SHARE = 0.022  # of registered men aged 19–27: called up last year (≈ 1 % of all citizens)
CALLUP_SHARE = 0.1  # of men fit at this year's examination (≈ 1 % of all citizens)

# Grounds of deferment and exemption with how often they are decided (Art. 41); study dominates.
RELIEF_WEIGHTS: dict[str, int] = {
    "41.1.a": 12,
    "41.1.b": 15,
    "41.1.c": 4,
    "41.1.d": 10,
    "41.1.đ": 2,
    "41.1.e": 3,
    "41.1.g": 35,
    "41.1.h": 4,
    "41.2.a": 5,
    "41.2.b": 3,
    "41.2.c": 4,
    "41.2.d": 1,
    "41.2.đ": 2,
}
BAR_WEIGHTS: dict[str, int] = {"13.a": 40, "13.b": 15, "13.c": 5, "14": 40}
HEALTH_TYPE_WEIGHTS: dict[int, int] = {1: 12, 2: 35, 3: 30, 4: 15, 5: 5, 6: 3}
CALLUP_WEIGHTS: dict[str, int] = {
    "enlisted": 45,
    "ordered": 30,
    "decided": 10,
    "selected": 5,
    "withdrawn": 4,
    "returned": 3,
    "not_reported": 3,
}
HEALTH_CRITERIA = ("thể lực", "mắt", "tai mũi họng", "răng hàm mặt", "nội khoa", "ngoại khoa", "da liễu")
REMOVAL_REASONS = ("death", "emigrated")


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


# -- the synthetic register -------------------------------------------------------------------------


class YoungPopulation(PopulationGenerator):
    """The demo population reshaped for call-up: mostly men, mostly aged 16–30 on the reference date."""

    def __init__(self, places: Sequence[Place], *, seed: int, reference: dt.date) -> None:
        super().__init__(places, seed=seed)
        self.reference = reference

    def _birth_date(self) -> dt.date:
        rng = self.rng
        years = 16 + rng.random() * 15 if rng.random() < YOUNG_SHARE else 31 + rng.random() * 15
        return self.reference - dt.timedelta(days=int(years * 365.25))

    def _person(self, place: Place, family: str, ethnicity: str) -> Person:
        rng = self.rng
        sex = "M" if rng.random() < MEN_SHARE else "F"
        middle = rng.choice(self.male_middle if sex == "M" else self.female_middle)
        given = rng.choice(self.male_given if sex == "M" else self.female_given)
        birth = self._birth_date()
        village = self._village(place)
        address = f"Số {1 + int(rng.random() * 300)}, {village.name if village else place.name}"
        age = self.reference.year - birth.year
        level = 12 if age > 18 and rng.random() < 0.7 else min(max(age - 6, 0), rng.choice((9, 9, 12, 12)))
        qualification = ""
        if age >= 22 and level == 12:
            qualification = rng.choices(
                ("", "vocational", "college", "university"), weights=(50, 20, 10, 20)
            )[0]
        occupation = rng.choice(self.occupations)
        return Person(
            personal_id=self._personal_id(place, sex, birth),
            full_name=f"{family} {middle} {given}",
            sex=sex,
            date_of_birth=birth,
            ethnicity=ethnicity,
            place=place,
            village=village,
            address=address,
            permanent_place=place,
            permanent_village=village,
            permanent_address=address,
            education_level=level,
            qualification=qualification,
            occupation=occupation,
            workplace="",
        )


class RowMaker:
    """Rows of one model as tuples in its column order (no id): defaults filled, a few values set."""

    def __init__(self, model: type[Any], now: dt.datetime) -> None:
        from django.db import models

        self.model = model
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.columns = [f.attname for f in fields]
        self.index = {name: i for i, name in enumerate(self.columns)}
        defaults: list[Any] = []
        for f in fields:
            if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
                defaults.append(now)
            elif f.has_default():
                defaults.append(f.get_default())
            elif isinstance(f, models.CharField | models.TextField) and not f.null:
                defaults.append("")
            else:
                defaults.append(None)
        self.defaults = defaults
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, **values: Any) -> None:
        row = list(self.defaults)
        for name, value in values.items():
            row[self.index[name]] = value
        self.rows.append(tuple(row))

    def flush(self) -> None:
        from qpdp.core.bulk import write_values

        if self.rows:
            write_values(self.model, self.columns, self.rows)
            self.written += len(self.rows)
            self.rows = []


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Callable[[], Any]:
    keys = list(weights)
    cumulative: list[float] = []
    total = 0.0
    for key in keys:
        total += weights[key]
        cumulative.append(total)
    return lambda: rng.choices(keys, cum_weights=cumulative)[0]


def _day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=int(rng.random() * ((end - start).days + 1)))


@dataclass
class Register:
    """What was generated: the citizens' ids (for the sample) and rows per table."""

    ids: array[int] = field(default_factory=lambda: array("q"))
    counts: dict[str, int] = field(default_factory=dict)


class RecordMaker:
    """Military-service records for citizens read back from the table, by the shares above."""

    def __init__(self, *, seed: int, reference: dt.date, intakes: dict[int, Any]) -> None:
        from django.utils import timezone

        from qpdp.conscription import rules
        from qpdp.conscription.models import CallUp, HealthExam, Registration, RegistrationBar, Relief

        self.rules = rules
        self.rng = random.Random(seed * 7919 + 1)
        self.reference = reference
        self.intakes = intakes
        now = timezone.now()
        self.registrations = RowMaker(Registration, now)
        self.bars = RowMaker(RegistrationBar, now)
        self.reliefs = RowMaker(Relief, now)
        self.exams = RowMaker(HealthExam, now)
        self.callups = RowMaker(CallUp, now)
        self.makers = [self.registrations, self.bars, self.reliefs, self.exams, self.callups]
        self.relief_ground = _weighted(self.rng, RELIEF_WEIGHTS)
        self.bar_ground = _weighted(self.rng, BAR_WEIGHTS)
        self.health_type = _weighted(self.rng, HEALTH_TYPE_WEIGHTS)
        self.callup_status = _weighted(self.rng, CALLUP_WEIGHTS)
        self.signers: dict[tuple[Any, bool], str] = {}
        self.decisions = 0
        self.health_cache: dict[tuple[int, bool, Decimal, Decimal, Decimal], Any] = {}

    def signer(self, act: Any, on: dt.date) -> str:
        key = (act, on >= self.rules.REFORM_DATE)
        if key not in self.signers:
            with contextlib.suppress(LookupError):
                self.signers[key] = self.rules.authority(act, max(on, dt.date(2016, 1, 1))).signer
        return self.signers.get(key, "")

    def number(self, suffix: str) -> str:
        self.decisions += 1
        return f"{self.decisions}/{suffix}"

    def flush(self) -> None:
        for maker in self.makers:
            maker.flush()

    # one citizen

    def citizen(self, citizen_id: int, sex: str, birth: dt.date, commune_id: int, path: str) -> None:
        rules, rng, ref = self.rules, self.rng, self.reference
        age = rules.age_on(birth, ref)
        common = {"citizen_id": citizen_id, "commune_id": commune_id, "unit_path": path}
        if sex == "F":
            if 18 <= age <= 30 and rng.random() < WOMEN_REGISTERED_SHARE:
                on = _day_between(rng, rules.birthday(birth, 18), ref)
                self.first_registration(common, on)
            return
        barred = False
        if age >= 17 and rng.random() < BAR_SHARE:
            barred = self.bar(common)
        registered_on: dt.date | None = None
        due = rules.first_registration_year(birth)
        if due < ref.year and not (barred and rng.random() < 0.5) and rng.random() < REGISTERED_SHARE:
            late = rng.random() < 0.03
            year = min(due + 1, ref.year - 1) if late else due
            registered_on = dt.date(year, 4, 1 + int(rng.random() * 30))
            self.first_registration(common, registered_on, late=late)
            if rng.random() < SUPPLEMENTARY_SHARE:
                self.registrations.add(
                    **common,
                    kind="supplementary",
                    registered_on=_day_between(rng, registered_on, ref),
                    reason="Thay đổi trình độ học vấn, nghề nghiệp",
                )
            if rng.random() < REMOVED_SHARE:
                self.registrations.add(
                    **common,
                    kind="removal",
                    registered_on=_day_between(rng, registered_on, ref),
                    reason=rng.choice(REMOVAL_REASONS),
                )
        if registered_on is None or not 18 <= age <= 27:
            return
        if age >= 19 and rng.random() < SERVED_SHARE:
            self.callup(common, self.intakes[YEAR - 1], served=True)
            return
        if rng.random() < RELIEF_SHARE:
            self.relief(common, birth)
        if age >= 19 and rng.random() < LAST_YEAR_EXAM_SHARE:
            self.exam(common, YEAR - 1, dt.date(YEAR - 2, 11, 1), dt.date(YEAR - 2, 12, 31))
        if not barred and rng.random() < EXAM_SHARE:
            fit = self.exam(common, YEAR, dt.date(YEAR - 1, 11, 1), dt.date(YEAR - 1, 12, 31))
            if fit and rng.random() < CALLUP_SHARE:
                self.callup(common, self.intakes[YEAR], served=False)

    # records

    def first_registration(self, common: dict[str, Any], on: dt.date, *, late: bool = False) -> None:
        self.registrations.add(
            **common,
            kind="first",
            registered_on=on,
            channel="online" if self.rng.random() < 0.2 else "in_person",
            certificate_number=self.number("GCN"),
            late=late,
            signer_title=self.signer(self.rules.Act.REGISTRATION_CERTIFICATE, on),
        )

    def bar(self, common: dict[str, Any]) -> bool:
        """A bar from registration; returns whether it starts before the man's registration year."""
        rng, ref = self.rng, self.reference
        ground = self.bar_ground()
        start = _day_between(rng, dt.date(ref.year - 4, 1, 1), ref)
        until = None
        if ground != "14" and rng.random() < 0.5:
            until = _day_between(rng, start + dt.timedelta(days=90), start + dt.timedelta(days=3 * 365))
        self.bars.add(
            **common,
            ground=ground,
            valid_from=start,
            valid_until=until,
            evidence="Bản án, quyết định của cơ quan có thẩm quyền"
            if ground != "14"
            else "Giấy xác nhận khuyết tật",
        )
        return True

    def relief(self, common: dict[str, Any], birth: dt.date) -> None:
        rules, rng = self.rules, self.rng
        ground = self.relief_ground()
        law = rules.GROUNDS[ground]
        expired = rng.random() < RELIEF_EXPIRED_SHARE
        year = YEAR - 1 if expired else YEAR
        decided = _day_between(rng, dt.date(year - 1, 10, 1), dt.date(year - 1, 12, 31))
        until: dt.date | None
        if law.kind is rules.GroundKind.EXEMPTION:
            until = None  # until revoked; last year's stand as well
        elif expired:
            until = dt.date(year - 1, 12, 31)
        elif ground == "41.1.g":
            until = dt.date(YEAR + int(rng.random() * 4), 8, 31)  # to the end of the course
        else:
            until = dt.date(YEAR, 12, 31)
        self.reliefs.add(
            **common,
            kind="exemption" if law.kind is rules.GroundKind.EXEMPTION else "deferment",
            intake_year=year,
            ground=ground,
            evidence="Giấy xác nhận của UBND cấp xã"
            if ground != "41.1.g"
            else "Giấy xác nhận của nhà trường",
            valid_from=decided,
            valid_until=until,
            volunteer=law.waivable and rng.random() < VOLUNTEER_SHARE,
            decision_number=self.number("QĐ-UBND"),
            decided_on=decided,
            decider_title=self.signer(rules.Act.RELIEF_DECISION, decided),
            signer_name="Nguyễn Văn Bình",
        )

    def exam(self, common: dict[str, Any], year: int, start: dt.date, end: dt.date) -> bool:
        """An examination (and, for half, the screening before it); returns whether he is callable."""
        rules, rng = self.rules, self.rng
        on = _day_between(rng, start, end)
        if rng.random() < SCREENING_SHARE:
            self.exams.add(
                **common,
                intake_year=year,
                stage="screening",
                examined_on=on - dt.timedelta(days=30),
                examiner="Trạm y tế xã",
            )
        if rng.random() < ABSENT_SHARE:
            self.exams.add(
                **common, intake_year=year, stage="examination", examined_on=on, present=False, fit=False
            )
            return False
        health_type = self.health_type()
        height = Decimal(155 + int(rng.random() * 30))
        weight = Decimal(45 + int(rng.random() * 40))
        eye = rng.random()
        refraction = (
            Decimal("0.00")
            if eye < 0.85
            else Decimal(f"-{0.25 * (1 + int(rng.random() * 14)):.2f}")
            if eye < 0.97
            else Decimal(f"{0.25 * (1 + int(rng.random() * 6)):.2f}")
        )
        bmi = rules.bmi(height, weight)
        key = (health_type, on >= rules.REFORM_DATE, bmi, refraction, refraction)
        decision = self.health_cache.get(key)
        if decision is None:
            decision = self.health_cache[key] = rules.health_decision(
                health_type, on, bmi_value=bmi, refraction=(refraction, refraction)
            )
        scores = {name: 1 + int(rng.random() * health_type) for name in HEALTH_CRITERIA}
        scores[HEALTH_CRITERIA[int(rng.random() * len(HEALTH_CRITERIA))]] = health_type
        self.exams.add(
            **common,
            intake_year=year,
            stage="examination",
            examined_on=on,
            height_cm=height,
            weight_kg=weight,
            chest_cm=Decimal(75 + int(rng.random() * 20)),
            bmi=bmi,
            refraction_right=refraction,
            refraction_left=refraction,
            scores=scores,
            health_type=health_type,
            fit=decision.callable,
            not_called_reasons=list(decision.reasons),
            examiner="Hội đồng khám sức khỏe NVQS",
        )
        return bool(decision.callable)

    def callup(self, common: dict[str, Any], intake: Any, *, served: bool) -> None:
        rules, rng = self.rules, self.rng
        status = (
            ("enlisted" if rng.random() < 0.9 else rng.choice(("returned", "not_reported")))
            if served
            else self.callup_status()
        )
        selected = _day_between(rng, dt.date(intake.year - 1, 12, 1), dt.date(intake.year - 1, 12, 31))
        values: dict[str, Any] = {
            "intake_id": intake.id,
            "service": "police" if rng.random() < 0.1 else "army",
            "status": status,
            "priority": int(rng.random() * 1000),
            "volunteer": rng.random() < 0.1,
            "party_member": rng.random() < 0.03,
            "selected_on": selected,
        }
        if status not in ("selected", "withdrawn"):
            decided = selected + dt.timedelta(days=20)
            values |= {
                "decision_number": self.number("QĐ-UBND"),
                "decided_on": decided,
                "decider_title": self.signer(rules.Act.CALLUP_LIST, decided),
            }
        if status in ("ordered", "enlisted", "returned", "not_reported"):
            signed = intake.handover_from - dt.timedelta(days=25)
            values |= {
                "order_number": self.number("LGNN"),
                "order_signed_on": signed,
                "order_signer_title": self.signer(rules.Act.ENLISTMENT_ORDER, signed),
                "order_signer_name": "Trần Văn Hùng",
                "report_on": intake.handover_from,
                "report_place": "Sân vận động trung tâm",
                "delivered_on": signed + dt.timedelta(days=2),
            }
        if status in ("enlisted", "returned", "not_reported"):
            values |= {
                "receiving_unit": "Sư đoàn 301, Bộ Tư lệnh Thủ đô",
                "outcome_on": intake.handover_from,
                "outcome_reason": "" if status == "enlisted" else "Không đủ điều kiện khi phúc tra",
            }
        self.callups.add(**common, **values)


def fill(args: Any, places: list[Place], reference: dt.date, intakes: dict[int, Any]) -> Register:
    """Citizens by COPY, then their records read back chunk by chunk; indexes rebuilt, tables analysed."""
    from django.db import connection, transaction

    from qpdp.conscription.models import CallUp, HealthExam, Registration, RegistrationBar, Relief
    from qpdp.people.models import Citizen

    register = Register()
    step = max(args.size // 4, 1)
    reported = [0]

    def progress(done: int) -> None:
        if done - reported[0] >= step or done == args.size:
            reported[0] = done
            say(f"  … {done:,} citizens written")

    record_tables = [m._meta.db_table for m in (Registration, RegistrationBar, Relief, HealthExam, CallUp)]
    with Stopwatch() as total, contextlib.ExitStack() as deferred:
        names = [
            name
            for table in [Citizen._meta.db_table, *record_tables]
            for name in deferred.enter_context(secondary_indexes_deferred(args.db, table))
        ]
        generator = YoungPopulation(places, seed=args.seed, reference=reference)
        with Stopwatch() as people:
            fill_citizens(generator.people(args.size), vendor=args.db, progress=progress)
        say(f"setup: {args.size:,} citizens written in {people.seconds:.1f} s")
        maker = RecordMaker(seed=args.seed, reference=reference, intakes=intakes)
        with Stopwatch() as records, transaction.atomic():
            last = 0
            while True:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT id, sex, date_of_birth, commune_id, unit_path FROM {Citizen._meta.db_table}"
                        " WHERE id > %s ORDER BY id LIMIT %s",
                        [last, READ_CHUNK],
                    )
                    chunk = cursor.fetchall()
                if not chunk:
                    break
                for citizen_id, sex, birth, commune_id, path in chunk:
                    if isinstance(birth, str):  # SQLite
                        birth = dt.date.fromisoformat(birth)
                    maker.citizen(citizen_id, sex, birth, commune_id, path)
                    register.ids.append(citizen_id)
                maker.flush()
                last = chunk[-1][0]
                if len(register.ids) % (READ_CHUNK * 10) == 0 or len(chunk) < READ_CHUNK:
                    say(f"  … records of {len(register.ids):,} citizens written")
        say(f"setup: records written in {records.seconds:.1f} s; rebuilding {len(names)} indexes")
    for maker_of in maker.makers:
        register.counts[maker_of.model._meta.db_table] = maker_of.written
    with Stopwatch() as analyse, connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if args.db == "postgres" else "ANALYZE")
    say(
        f"setup: indexes rebuilt in {total.seconds - people.seconds - records.seconds:.1f} s; "
        f"analysed in {analyse.seconds:.1f} s"
    )
    return register


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
        register = fill(args, places, reference, intakes)
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
