"""Synthetic military-service register for the benchmarks: young citizens and their records, set-based.

`YoungPopulation` makes citizens (mostly men aged 16–30 on the intake's reference date) for real
communes; `RecordMaker` gives each citizen, read back from the table, the records of the call-up
cycle by the shares below — first and other registrations, bars (Art. 13, 14), deferments and
exemptions with real grounds, health examinations typed 1–6 and judged by `rules.health_decision`,
call-ups of this intake and enlistments of the last; `fill` writes them all (COPY on PostgreSQL,
executemany on SQLite, plain indexes rebuilt afterwards). Records dated before the reorganisation
(01/07/2025) can be put on a legacy commune the citizen's commune succeeded (`legacy_communes`).
Used by `callup_pool.py` (one province) and `national_rollup.py` (the nation).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bench._support import (
    Person,
    Place,
    PopulationGenerator,
    Stopwatch,
    fill_citizens,
    say,
    secondary_indexes_deferred,
)

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


def weighted(rng: random.Random, weights: dict[Any, int]) -> Callable[[], Any]:
    keys = list(weights)
    cumulative: list[float] = []
    total = 0.0
    for key in keys:
        total += weights[key]
        cumulative.append(total)
    return lambda: rng.choices(keys, cum_weights=cumulative)[0]


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=int(rng.random() * ((end - start).days + 1)))


@dataclass
class Register:
    """What was generated: the citizens' ids (for the sample) and rows per table."""

    ids: array[int] = field(default_factory=lambda: array("q"))
    counts: dict[str, int] = field(default_factory=dict)


class RecordMaker:
    """Military-service records for citizens read back from the table, by the shares above.

    `intakes` holds each province's intakes by year (keyed by the province's path); with `legacy`
    (a current commune's path → the legacy communes it succeeded, as (id, path)), a record dated
    before the reorganisation is put on one of those, the same one for all of a citizen's records.
    """

    def __init__(
        self,
        *,
        seed: int,
        reference: dt.date,
        year: int,
        intakes: Mapping[str, Mapping[int, Any]],
        legacy: Mapping[str, Sequence[tuple[int, str]]] | None = None,
    ) -> None:
        from django.utils import timezone

        from qpdp.conscription import rules
        from qpdp.conscription.models import CallUp, HealthExam, Registration, RegistrationBar, Relief

        self.rules = rules
        self.rng = random.Random(seed * 7919 + 1)
        self.reference = reference
        self.year = year
        self.intakes = intakes
        self.legacy = legacy or {}
        now = timezone.now()
        self.registrations = RowMaker(Registration, now)
        self.bars = RowMaker(RegistrationBar, now)
        self.reliefs = RowMaker(Relief, now)
        self.exams = RowMaker(HealthExam, now)
        self.callups = RowMaker(CallUp, now)
        self.makers = [self.registrations, self.bars, self.reliefs, self.exams, self.callups]
        self.relief_ground = weighted(self.rng, RELIEF_WEIGHTS)
        self.bar_ground = weighted(self.rng, BAR_WEIGHTS)
        self.health_type = weighted(self.rng, HEALTH_TYPE_WEIGHTS)
        self.callup_status = weighted(self.rng, CALLUP_WEIGHTS)
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

    def at(self, common: dict[str, Any], on: dt.date) -> dict[str, Any]:
        """Where a record dated `on` belongs: before the reorganisation, a legacy commune if known."""
        if on >= self.rules.REFORM_DATE:
            return common
        before = self.legacy.get(common["unit_path"])
        if not before:
            return common
        commune_id, path = before[common["citizen_id"] % len(before)]
        return {**common, "commune_id": commune_id, "unit_path": path}

    def intake(self, common: dict[str, Any], year: int) -> Any:
        path = common["unit_path"]
        return self.intakes[path[: path.index("/", 3) + 1]][year]

    # one citizen

    def citizen(self, citizen_id: int, sex: str, birth: dt.date, commune_id: int, path: str) -> None:
        rules, rng, ref, year = self.rules, self.rng, self.reference, self.year
        age = rules.age_on(birth, ref)
        common = {"citizen_id": citizen_id, "commune_id": commune_id, "unit_path": path}
        if sex == "F":
            if 18 <= age <= 30 and rng.random() < WOMEN_REGISTERED_SHARE:
                on = day_between(rng, rules.birthday(birth, 18), ref)
                self.first_registration(common, on)
            return
        barred = False
        if age >= 17 and rng.random() < BAR_SHARE:
            barred = self.bar(common)
        registered_on: dt.date | None = None
        due = rules.first_registration_year(birth)
        if due < ref.year and not (barred and rng.random() < 0.5) and rng.random() < REGISTERED_SHARE:
            late = rng.random() < 0.03
            registered_on = dt.date(
                min(due + 1, ref.year - 1) if late else due, 4, 1 + int(rng.random() * 30)
            )
            self.first_registration(common, registered_on, late=late)
            if rng.random() < SUPPLEMENTARY_SHARE:
                on = day_between(rng, registered_on, ref)
                self.registrations.add(
                    **self.at(common, on),
                    kind="supplementary",
                    registered_on=on,
                    reason="Thay đổi trình độ học vấn, nghề nghiệp",
                )
            if rng.random() < REMOVED_SHARE:
                on = day_between(rng, registered_on, ref)
                self.registrations.add(
                    **self.at(common, on),
                    kind="removal",
                    registered_on=on,
                    reason=rng.choice(REMOVAL_REASONS),
                )
        if registered_on is None or not 18 <= age <= 27:
            return
        if age >= 19 and rng.random() < SERVED_SHARE:
            self.callup(common, self.intake(common, year - 1), served=True)
            return
        if rng.random() < RELIEF_SHARE:
            self.relief(common, birth)
        if age >= 19 and rng.random() < LAST_YEAR_EXAM_SHARE:
            self.exam(common, year - 1, dt.date(year - 2, 11, 1), dt.date(year - 2, 12, 31))
        if not barred and rng.random() < EXAM_SHARE:
            fit = self.exam(common, year, dt.date(year - 1, 11, 1), dt.date(year - 1, 12, 31))
            if fit and rng.random() < CALLUP_SHARE:
                self.callup(common, self.intake(common, year), served=False)

    # records

    def first_registration(self, common: dict[str, Any], on: dt.date, *, late: bool = False) -> None:
        self.registrations.add(
            **self.at(common, on),
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
        start = day_between(rng, dt.date(ref.year - 4, 1, 1), ref)
        until = None
        if ground != "14" and rng.random() < 0.5:
            until = day_between(rng, start + dt.timedelta(days=90), start + dt.timedelta(days=3 * 365))
        self.bars.add(
            **self.at(common, start),
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
        year = self.year - 1 if expired else self.year
        decided = day_between(rng, dt.date(year - 1, 10, 1), dt.date(year - 1, 12, 31))
        until: dt.date | None
        if law.kind is rules.GroundKind.EXEMPTION:
            until = None  # until revoked; last year's stand as well
        elif expired:
            until = dt.date(year - 1, 12, 31)
        elif ground == "41.1.g":
            until = dt.date(self.year + int(rng.random() * 4), 8, 31)  # to the end of the course
        else:
            until = dt.date(self.year, 12, 31)
        self.reliefs.add(
            **self.at(common, decided),
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
        on = day_between(rng, start, end)
        if rng.random() < SCREENING_SHARE:
            self.exams.add(
                **self.at(common, on - dt.timedelta(days=30)),
                intake_year=year,
                stage="screening",
                examined_on=on - dt.timedelta(days=30),
                examiner="Trạm y tế xã",
            )
        if rng.random() < ABSENT_SHARE:
            self.exams.add(
                **self.at(common, on),
                intake_year=year,
                stage="examination",
                examined_on=on,
                present=False,
                fit=False,
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
            **self.at(common, on),
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
        selected = day_between(rng, dt.date(intake.year - 1, 12, 1), dt.date(intake.year - 1, 12, 31))
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
        self.callups.add(**self.at(common, selected), **values)


def fill(
    *,
    size: int,
    vendor: str,
    seed: int,
    places: Sequence[Place],
    reference: dt.date,
    year: int,
    intakes: Mapping[str, Mapping[int, Any]],
    legacy: Mapping[str, Sequence[tuple[int, str]]] | None = None,
) -> Register:
    """Citizens by COPY, then their records read back chunk by chunk; indexes rebuilt, tables analysed.

    `intakes` and `legacy` as `RecordMaker` takes them; `year` is the intake the data stand before.
    """
    from django.db import connection, transaction

    from qpdp.conscription.models import CallUp, HealthExam, Registration, RegistrationBar, Relief
    from qpdp.people.models import Citizen

    register = Register()
    step = max(size // 4, 1)
    reported = [0]

    def progress(done: int) -> None:
        if done - reported[0] >= step or done == size:
            reported[0] = done
            say(f"  … {done:,} citizens written")

    record_tables = [m._meta.db_table for m in (Registration, RegistrationBar, Relief, HealthExam, CallUp)]
    with Stopwatch() as total, contextlib.ExitStack() as deferred:
        names = [
            name
            for table in [Citizen._meta.db_table, *record_tables]
            for name in deferred.enter_context(secondary_indexes_deferred(vendor, table))
        ]
        generator = YoungPopulation(places, seed=seed, reference=reference)
        with Stopwatch() as people:
            fill_citizens(generator.people(size), vendor=vendor, progress=progress)
        say(f"setup: {size:,} citizens written in {people.seconds:.1f} s")
        maker = RecordMaker(seed=seed, reference=reference, year=year, intakes=intakes, legacy=legacy)
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
        cursor.execute("VACUUM ANALYZE" if vendor == "postgres" else "ANALYZE")
    say(
        f"setup: indexes rebuilt in {total.seconds - people.seconds - records.seconds:.1f} s; "
        f"analysed in {analyse.seconds:.1f} s"
    )
    return register


# -- the nation -------------------------------------------------------------------------------------


def nation_places() -> list[Place]:
    """Every current commune of the nation as a place (no villages: nothing measured reads them), with
    the birth-registration codes of the old provinces its province was made from."""
    from qpdp.org.choices import Structure, UnitKind
    from qpdp.org.models import Unit, UnitSuccession
    from qpdp.people import rules

    known = set(rules.BIRTH_PROVINCE_CODES)
    codes: dict[int, set[str]] = {}
    for province_id, official in UnitSuccession.objects.filter(
        successor__kind=UnitKind.PROVINCE, predecessor__kind=UnitKind.PROVINCE
    ).values_list("successor_id", "predecessor__official_code"):
        if f"0{official}" in known:
            codes.setdefault(province_id, set()).add(f"0{official}")
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, structure=Structure.CURRENT).order_by("path")
    return [
        Place(c.id, c.code, c.name, c.path, (), tuple(sorted(codes.get(c.parent_id or 0, ()))) or ("001",))
        for c in communes
    ]


def legacy_communes() -> dict[str, list[tuple[int, str]]]:
    """Each current commune's path → the legacy communes it was made from (all or part), as (id, path)."""
    from qpdp.org.choices import Structure, UnitKind
    from qpdp.org.models import UnitSuccession

    links = (
        UnitSuccession.objects.filter(
            successor__kind=UnitKind.COMMUNE,
            successor__structure=Structure.CURRENT,
            predecessor__kind=UnitKind.COMMUNE,
        )
        .order_by("successor__path", "predecessor__path")
        .values_list("successor__path", "predecessor_id", "predecessor__path")
    )
    out: dict[str, list[tuple[int, str]]] = {}
    for path, legacy_id, legacy_path in links:
        out.setdefault(path, []).append((legacy_id, legacy_path))
    return out


QUOTA_SHORT_SHARE = 0.1  # of communes: given one recruit more than they hand over
QUOTA_RESERVE_SHARE = 0.1  # reserve beside each commune's quota (rounded at random)


def fill_quotas(*, seed: int, intakes: Sequence[Any], statuses: Sequence[str]) -> int:
    """Quotas of these intakes: each province's for the army and the police, shared out to its communes.

    A commune's quota is the number of its call-ups of the intake in `statuses` (and, for some, one
    more), so that completion figures look like the real ones; the province's is the sum of its
    communes'. Returns the number of rows written.
    """
    from django.db.models import Count

    from qpdp.conscription.models import CallUp, Quota

    rng = random.Random(seed * 31 + 7)
    written = 0
    for intake in intakes:
        counted = (
            CallUp.objects.filter(intake=intake, status__in=statuses)
            .values("commune_id", "unit_path", "service")
            .annotate(n=Count("pk"))
            .order_by("unit_path", "service")
        )
        shares: dict[str, list[tuple[int, str, int]]] = {}
        for row in counted:
            count = row["n"] + (1 if rng.random() < QUOTA_SHORT_SHARE else 0)
            shares.setdefault(row["service"], []).append((row["commune_id"], row["unit_path"], count))
        decided = intake.handover_from - dt.timedelta(days=100)
        for service, communes in shares.items():
            total = sum(count for _, _, count in communes)
            reserves = [int(count * QUOTA_RESERVE_SHARE + rng.random()) for _, _, count in communes]
            province_quota = Quota.objects.create(
                intake=intake,
                unit_id=intake.province_id,
                unit_path=intake.unit_path,
                service=service,
                count=total,
                reserve=sum(reserves),
                decision_number=f"{intake.province_id}/QĐ-UBND",
                decided_on=decided,
                decider_title="Chủ tịch Ủy ban nhân dân tỉnh",
            )
            Quota.objects.bulk_create(
                [
                    Quota(
                        intake=intake,
                        unit_id=commune_id,
                        unit_path=path,
                        service=service,
                        count=count,
                        reserve=reserve,
                        parent=province_quota,
                        decision_number=f"{commune_id}/QĐ-UBND",
                        decided_on=decided + dt.timedelta(days=10),
                        decider_title="Chủ tịch Ủy ban nhân dân xã",
                    )
                    for (commune_id, path, count), reserve in zip(communes, reserves, strict=True)
                ],
                batch_size=2_000,
            )
            written += 1 + len(communes)
    return written


# -- awards -----------------------------------------------------------------------------------------

AWARD_DECISIONS_PER_COMMUNE = 3  # giấy khen of the commune chairman, a year
AWARD_LINES = (2, 8)  # recipient lines of a decision, at least and at most
PROVINCE_DECISIONS = 6  # bằng khen of the province chairman, each for some of its communes
AWARD_KIND_WEIGHTS: dict[str, int] = {"individual": 60, "collective": 30, "household": 10}
AWARD_MONEY = {"giay_khen": 300_000, "bang_khen": 1_500_000}


def awards_available() -> bool:
    """Whether the awards app and its decisions and award lines exist (the generator then covers them)."""
    import importlib.util

    from django.apps import apps

    if importlib.util.find_spec("qpdp.awards.models") is None or not apps.is_installed("qpdp.awards"):
        return False
    names = {model.__name__ for model in apps.get_app_config("awards").get_models()}
    return {"AwardDecision", "Award"} <= names


def fill_awards(*, seed: int, start: dt.date, end: dt.date, places: Sequence[Place]) -> dict[str, int]:
    """Signed award decisions dated between `start` and `end`, with their recipient lines: each commune's
    chairman's giấy khen, and each province chairman's bằng khen for some of its communes. Rows per table."""
    from qpdp.awards.models import Award, AwardDecision
    from qpdp.awards.selectors import recipient_key
    from qpdp.org.models import Unit

    rng = random.Random(seed * 17 + 3)
    kind_of = weighted(rng, AWARD_KIND_WEIGHTS)
    people = PopulationGenerator(places, seed=seed + 1)

    def full_name() -> str:
        male = rng.random() < 0.7
        return " ".join(
            (
                rng.choice(people.families),
                rng.choice(people.male_middle if male else people.female_middle),
                rng.choice(people.male_given if male else people.female_given),
            )
        )

    provinces = {u.path: u for u in Unit.objects.filter(kind="province", structure="current")}
    decisions: list[AwardDecision] = []
    # (decision index, form, issuer's path, recipient's path, recipient unit's name)
    lines: list[tuple[int, str, str, str, str]] = []

    def decision(unit_id: int, path: str, issuer: str, body: str, number: int) -> int:
        on = day_between(rng, start, end)
        decisions.append(
            AwardDecision(
                unit_path=path,
                issuing_unit_id=unit_id,
                issuer=issuer,
                issuing_body=body,
                number=f"{number}/QĐ-{'UBND' if issuer != 'provincial_command' else 'BCH'}",
                year=on.year,
                decided_on=on,
                signer_title="Chủ tịch",
                signer_name="Nguyễn Văn Hòa",
                subject="Đã có thành tích xuất sắc trong công tác quốc phòng, quân sự địa phương",
                presented_on=on,
                status="signed",
            )
        )
        return len(decisions) - 1

    for place in places:
        for n in range(AWARD_DECISIONS_PER_COMMUNE):
            index = decision(place.commune_id, place.path, "commune_chairman", f"UBND {place.name}", n + 1)
            for _ in range(rng.randint(*AWARD_LINES)):
                lines.append((index, "giay_khen", place.path, place.path, ""))
    by_province: dict[str, list[Place]] = {}
    for place in places:
        by_province.setdefault(place.path[: place.path.index("/", 3) + 1], []).append(place)
    for path, communes in by_province.items():
        province = provinces[path]
        for n in range(PROVINCE_DECISIONS):
            index = decision(province.id, path, "province_chairman", f"UBND {province.name}", n + 1)
            for place in rng.sample(communes, min(len(communes), rng.randint(*AWARD_LINES))):
                lines.append((index, "bang_khen", path, place.path, place.name))
    AwardDecision.objects.bulk_create(decisions, batch_size=2_000)
    awards = []
    for index, form, issuer_path, recipient_path, unit_name in lines:
        kind = kind_of()
        if kind == "collective" and unit_name:
            name = f"Ban Chỉ huy quân sự {unit_name}"
        elif kind == "collective":
            name = f"Trung đội dân quân cơ động số {rng.randint(1, 3)}"
        else:
            name = full_name() if kind == "individual" else f"Hộ ông (bà) {full_name()}"
        on = decisions[index].decided_on
        awards.append(
            Award(
                unit_path=issuer_path,
                decision_id=decisions[index].pk,
                recipient_kind=kind,
                recipient_name=name,
                recipient_detail="Dân quân tự vệ" if kind == "individual" else "",
                recipient_key=recipient_key(kind, name=name),
                recipient_path=recipient_path,
                form_code=form,
                period_code=str(on.year - 1 if on.month < 7 else on.year),
                achievement_year=on.year - 1 if on.month < 7 else on.year,
                achievement="Hoàn thành xuất sắc nhiệm vụ quốc phòng, quân sự địa phương",
                money=AWARD_MONEY[form],
            )
        )
    Award.objects.bulk_create(awards, batch_size=5_000)
    return {AwardDecision._meta.db_table: len(decisions), Award._meta.db_table: len(awards)}
