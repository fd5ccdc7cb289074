"""Demo military-service history for a demo province: last intake complete, the next one under way.

Deterministic from the seed and set-based (one bulk insert per kind of record). As of `today`:
men register in April of the year they turn 17, except this year's cohort, left for the yearly
run; last intake (examined, deferments, quotas, call-up, handover) is complete; the next intake
has its examinations started and no quota yet.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qpdp.conscription import rules
from qpdp.conscription.choices import CallUpStatus, ExamStage, RegistrationKind, ReliefKind, Service
from qpdp.conscription.models import CallUp, Handover, HealthExam, Intake, Quota, Registration, Relief
from qpdp.core import audit
from qpdp.core.bulk import insert_rows
from qpdp.org.models import Unit
from qpdp.people.models import Citizen

ACTION = "conscription.demo.created"
LAW_2015_FROM = dt.date(2016, 1, 1)
TYPE_WEIGHTS = [(1, 10), (2, 45), (3, 30), (4, 9), (5, 4), (6, 2)]
RECEIVING_UNITS = ["Sư đoàn 312", "Lữ đoàn 241", "Trung đoàn 8", "Bộ Tư lệnh Cảnh sát cơ động"]


@dataclass(frozen=True)
class DemoCycle:
    registrations: int
    exams: int
    reliefs: int
    callups: int
    enlisted: int


def _next_intake(today: dt.date) -> int:
    return today.year + 1 if today.month >= 11 else today.year


@transaction.atomic
def generate_demo_cycle(province: Unit, *, seed: int, today: dt.date | None = None) -> DemoCycle:
    today = today or dt.date.today()
    if Intake.objects.filter(province=province).exists():
        return DemoCycle(0, 0, 0, 0, 0)
    rng = random.Random(seed * 7 + 17)
    next_year = _next_intake(today)
    last_year = next_year - 1
    men = list(
        Citizen.objects.filter(
            unit_path__startswith=province.path, sex="M", date_of_birth__gte=dt.date(today.year - 29, 1, 1)
        )
        .order_by("id")
        .values_list("id", "commune_id", "unit_path", "date_of_birth", "education_level")
    )
    registrations = []
    for citizen_id, commune_id, path, born, _grade in men:
        year = rules.first_registration_year(born)
        if year >= today.year:
            continue  # this year's cohort waits for the yearly run
        day = dt.date(year, 4, rng.randint(1, 25))
        registrations.append(
            Registration(
                citizen_id=citizen_id,
                commune_id=commune_id,
                unit_path=path,
                kind=RegistrationKind.FIRST,
                registered_on=day,
                certificate_number=f"{rng.randint(1, 9999):04d}/GCN",
                # Before Luật NVQS 2015 took effect the table of authorities has no entry: left blank.
                signer_title=rules.authority(rules.Act.REGISTRATION_CERTIFICATE, day).signer
                if day >= LAW_2015_FROM
                else "",
            )
        )
    registered = {r.citizen_id for r in registrations}
    last_intake = _intake(province, last_year)
    next_intake = _intake(province, next_year)
    exams, reliefs = [], []
    fit_by_commune: dict[int, list[tuple[int, Any, str, int]]] = defaultdict(list)
    for citizen_id, commune_id, path, born, grade in men:
        if citizen_id not in registered:
            continue
        for the_intake, share in ((last_intake, 0.75), (next_intake, 0.5 if today.month >= 11 else 0.0)):
            age = rules.callup_age(born, the_intake.age_reference)
            if age.status != "in_range" or rng.random() >= share:
                continue
            roll = rng.random()
            if roll < 0.07:
                start = dt.date(the_intake.year - 1, 9, 5)
                reliefs.append(
                    _relief(
                        citizen_id,
                        commune_id,
                        path,
                        the_intake.year,
                        "41.1.g",
                        start,
                        dt.date(the_intake.year + 2, 6, 30),
                    )
                )
                continue
            if roll < 0.08:
                start = dt.date(the_intake.year - 1, 12, 1)
                reliefs.append(
                    _relief(
                        citizen_id,
                        commune_id,
                        path,
                        the_intake.year,
                        "41.1.b",
                        start,
                        dt.date(the_intake.year, 12, 31),
                    )
                )
                continue
            if roll < 0.083:
                start = dt.date(the_intake.year - 1, 12, 1)
                reliefs.append(_relief(citizen_id, commune_id, path, the_intake.year, "41.2.a", start, None))
                continue
            examined = dt.date(
                the_intake.year - 1, 11, rng.randint(1, 28 if the_intake is last_intake else 20)
            )
            if examined > today:
                continue
            health_type = rng.choices([t for t, _ in TYPE_WEIGHTS], [w for _, w in TYPE_WEIGHTS])[0]
            height = rng.randint(158, 180)
            weight = rng.randint(50, 75)
            bmi = rules.bmi(height, weight)
            decision = rules.health_decision(health_type, examined, bmi_value=bmi, refraction=(0, 0))
            exams.append(
                HealthExam(
                    citizen_id=citizen_id,
                    commune_id=commune_id,
                    unit_path=path,
                    intake_year=the_intake.year,
                    stage=ExamStage.EXAMINATION,
                    examined_on=examined,
                    height_cm=height,
                    weight_kg=weight,
                    bmi=bmi,
                    refraction_right=0,
                    refraction_left=0,
                    health_type=health_type,
                    fit=decision.callable,
                    not_called_reasons=list(decision.reasons),
                    examiner="Hội đồng khám sức khỏe khu vực",
                )
            )
            if the_intake is last_intake and decision.callable and grade >= 8:
                fit_by_commune[commune_id].append((citizen_id, born, path, grade))
    insert_rows(Registration, registrations)
    insert_rows(HealthExam, exams)
    insert_rows(Relief, reliefs)
    callups, enlisted = _last_callup(province, last_intake, fit_by_commune, rng)
    for model_objects, fields in (
        (registrations, ["citizen", "kind", "registered_on"]),
        (exams, ["citizen", "intake_year", "health_type", "fit"]),
        (reliefs, ["citizen", "kind", "ground", "valid_until"]),
        (callups, ["citizen", "intake", "status"]),
    ):
        audit.record_created(
            actor=None, action=ACTION, targets=model_objects, fields=fields, note="Dữ liệu mẫu"
        )
    return DemoCycle(len(registrations), len(exams), len(reliefs), len(callups), enlisted)


def _intake(province: Unit, year: int) -> Intake:
    start, end = rules.default_handover(year)
    return Intake.objects.create(
        province=province,
        unit_path=province.path,
        year=year,
        handover_from=start,
        handover_to=end,
        age_reference=start,
    )


def _relief(
    citizen_id: int, commune_id: int, path: str, year: int, code: str, start: dt.date, until: dt.date | None
) -> Relief:
    kind = ReliefKind.DEFERMENT if code.startswith("41.1") else ReliefKind.EXEMPTION
    return Relief(
        citizen_id=citizen_id,
        commune_id=commune_id,
        unit_path=path,
        kind=kind,
        intake_year=year,
        ground=code,
        valid_from=start,
        valid_until=until,
        decided_on=start,
        decision_number=f"{start.month:02d}/QĐ-UBND",
        decider_title=rules.authority(rules.Act.RELIEF_DECISION, start).signer,
    )


def _last_callup(
    province: Unit,
    the_intake: Intake,
    fit_by_commune: dict[int, list[tuple[int, Any, str, int]]],
    rng: random.Random,
) -> tuple[list[CallUp], int]:
    """Quotas of about 30 % of each commune's fit men, the best educated called, nearly all enlisted."""
    decided_on = dt.date(the_intake.year - 1, 9, 27)
    handover = Handover.objects.create(
        intake=the_intake,
        organiser=province,
        unit_path=province.path,
        held_on=the_intake.handover_from,
        place=f"Sân vận động {province.name.split(' ', 1)[-1]}",
        receiving_units=", ".join(RECEIVING_UNITS[:3]),
        organiser_title=rules.authority(rules.Act.HANDOVER, the_intake.handover_from).signer,
    )
    shares: list[tuple[int, str, int, int]] = []
    for commune_id, fit in sorted(fit_by_commune.items()):
        army = max(1, round(len(fit) * 0.25))
        police = 1 if len(fit) > army + 3 and rng.random() < 0.5 else 0
        shares.append((commune_id, fit[0][2], army, police))
    province_quotas: dict[str, Quota] = {}
    totals = {Service.ARMY: sum(s[2] for s in shares), Service.POLICE: sum(s[3] for s in shares)}
    for service, total in totals.items():
        if total:
            province_quotas[service] = Quota.objects.create(
                intake=the_intake,
                unit=province,
                unit_path=province.path,
                service=service,
                count=total,
                decided_on=decided_on,
                decision_number="4807/QĐ-BQP" if service == Service.ARMY else "QĐ-BCA",
                decider_title="Bộ trưởng Bộ Quốc phòng"
                if service == Service.ARMY
                else "Bộ trưởng Bộ Công an",
            )
    quotas, callups = [], []
    ordered_on = the_intake.handover_from - dt.timedelta(days=25)
    enlisted = 0
    signer = rules.authority(rules.Act.ENLISTMENT_ORDER, ordered_on).signer
    for commune_id, path, army, police in shares:
        candidates = sorted(fit_by_commune[commune_id], key=lambda c: (-c[3], c[1]))
        for service, count in ((Service.ARMY, army), (Service.POLICE, police)):
            if not count:
                continue
            quotas.append(
                Quota(
                    intake=the_intake,
                    unit_id=commune_id,
                    unit_path=path,
                    service=service,
                    count=count,
                    reserve=1 if count >= 5 else 0,
                    parent=province_quotas[service],
                    decided_on=decided_on,
                    decision_number="QĐ-UBND",
                    decider_title=rules.authority(rules.Act.QUOTA_TO_COMMUNES, decided_on).signer,
                )
            )
            for number, (citizen_id, _born, citizen_path, _grade) in enumerate(candidates[:count], start=1):
                status = CallUpStatus.ENLISTED if rng.random() > 0.02 else CallUpStatus.NOT_REPORTED
                enlisted += status == CallUpStatus.ENLISTED
                callups.append(
                    CallUp(
                        intake=the_intake,
                        citizen_id=citizen_id,
                        commune_id=commune_id,
                        unit_path=citizen_path,
                        service=service,
                        status=status,
                        priority=number,
                        volunteer=rng.random() < 0.3,
                        party_member=rng.random() < 0.04,
                        selected_on=dt.date(the_intake.year - 1, 12, 20),
                        decision_number="QĐ-UBND",
                        decided_on=dt.date(the_intake.year, 1, 15),
                        decider_title=rules.authority(
                            rules.Act.CALLUP_LIST, dt.date(the_intake.year, 1, 15)
                        ).signer,
                        order_number=f"{number:02d}/LGNN",
                        order_signed_on=ordered_on,
                        order_signer_title=signer,
                        report_on=the_intake.handover_from,
                        report_place=handover.place,
                        delivered_on=ordered_on + dt.timedelta(days=2),
                        handover=handover if status == CallUpStatus.ENLISTED else None,
                        receiving_unit=rng.choice(RECEIVING_UNITS) if status == CallUpStatus.ENLISTED else "",
                        outcome_on=the_intake.handover_from,
                        outcome_reason="" if status == CallUpStatus.ENLISTED else "Vắng mặt không lý do",
                    )
                )
            del candidates[:count]
    insert_rows(Quota, quotas)
    insert_rows(CallUp, callups)
    return callups, enlisted


def make_demo_step(province: Unit, seed: int) -> str:
    made = generate_demo_cycle(province, seed=seed)
    return (
        f"registrations={made.registrations} exams={made.exams} reliefs={made.reliefs} "
        f"callups={made.callups} enlisted={made.enlisted}"
    )
