"""Synthetic demo population for real communes: plausible names, valid identity numbers, set-based."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from qpdp.core import audit
from qpdp.core.bulk import insert_rows
from qpdp.core.text import collation_key, fold
from qpdp.org.choices import Structure, UnitKind
from qpdp.org.models import Unit
from qpdp.org.rules import TWO_TIER_FROM
from qpdp.people import rules
from qpdp.people.models import Citizen

# Family names with their approximate shares in Vietnam.
FAMILY_NAMES = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 1),
    ("Phan", 4.5),
    ("Vũ", 3),
    ("Võ", 1),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Đinh", 0.8),
    ("Trịnh", 0.6),
    ("Đào", 0.6),
    ("Lương", 0.4),
    ("Mai", 0.4),
    ("Cao", 0.4),
    ("Lò", 0.3),
    ("Hà", 0.5),
    ("Tạ", 0.3),
    ("Vương", 0.2),
    ("Quàng", 0.2),
    ("Triệu", 0.3),
]
MALE_MIDDLE = [
    "Văn",
    "Văn",
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quang",
    "Công",
    "Thành",
    "Xuân",
    "Trọng",
    "Anh",
    "Tuấn",
    "Duy",
    "Ngọc",
    "Mạnh",
    "Hoàng",
    "Gia",
]
FEMALE_MIDDLE = [
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thu",
    "Thanh",
    "Minh",
    "Hồng",
    "Phương",
    "Bích",
    "Khánh",
    "Thùy",
    "Mai",
    "Kim",
    "Hải",
]
MALE_GIVEN = [
    "An",
    "Anh",
    "Bảo",
    "Bình",
    "Cường",
    "Chiến",
    "Công",
    "Dũng",
    "Duy",
    "Dương",
    "Đạt",
    "Đức",
    "Định",
    "Giang",
    "Hải",
    "Hào",
    "Hiếu",
    "Hòa",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khang",
    "Khánh",
    "Khoa",
    "Kiên",
    "Lâm",
    "Linh",
    "Long",
    "Lộc",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nguyên",
    "Nhân",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Quý",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tú",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
]
FEMALE_GIVEN = [
    "An",
    "Anh",
    "Ánh",
    "Châu",
    "Chi",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Huyền",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Ly",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thu",
    "Thủy",
    "Trang",
    "Trâm",
    "Uyên",
    "Vân",
    "Vy",
    "Yến",
]
ETHNICITIES = [
    ("Kinh", 85),
    ("Tày", 2),
    ("Thái", 2),
    ("Mường", 1.5),
    ("Khmer", 1.5),
    ("H'Mông", 1.5),
    ("Nùng", 1.2),
    ("Dao", 1),
    ("Hoa", 0.8),
    ("Gia Rai", 0.5),
]
OCCUPATIONS = [
    "Làm ruộng",
    "Công nhân",
    "Học sinh",
    "Sinh viên",
    "Buôn bán",
    "Lao động tự do",
    "Giáo viên",
    "Lái xe",
    "Thợ xây",
    "Nhân viên văn phòng",
    "Nuôi trồng thủy sản",
    "",
]


@dataclass(frozen=True)
class DemoSummary:
    communes: int
    villages: int
    citizens: int


def _weighted(rng: random.Random, table: list[tuple[str, float]]) -> str:
    return rng.choices([n for n, _ in table], weights=[w for _, w in table])[0]


def _birth_date(rng: random.Random, today: dt.date) -> dt.date:
    # More young people than old: ages 0-85 weighted towards the working ages, dense around 15-30.
    age = min(int(rng.triangular(0, 85, 22)), 85)
    if rng.random() < 0.25:
        age = rng.randint(15, 28)
    return today - dt.timedelta(days=age * 365 + rng.randint(0, 364))


def _birth_province_codes(province: Unit) -> list[str]:
    """Identity-number codes of the old provinces that formed this one (births registered there)."""
    olds = Unit.objects.filter(successions__successor=province, kind=UnitKind.PROVINCE)
    codes = [f"0{u.official_code}" for u in olds if f"0{u.official_code}" in rules.BIRTH_PROVINCE_CODES]
    return codes or ["001"]


@transaction.atomic
def generate_demo_population(
    *, province: Unit, citizens: int, seed: int = 2026, today: dt.date | None = None
) -> DemoSummary:
    """Villages for every current commune of `province` and `citizens` synthetic people in them.

    A set-level maintenance service for demonstrations and benchmarks: deterministic from `seed`,
    written with COPY/bulk inserts, one audit entry for the whole batch. Numbers already in the
    register are skipped, so running it twice adds people instead of failing.
    """
    rng = random.Random(f"{seed}-{province.code}")
    today = today or dt.date(2026, 1, 1)
    communes = list(
        Unit.objects.filter(
            path__startswith=province.path, kind=UnitKind.COMMUNE, structure=Structure.CURRENT
        ).order_by("code")
    )
    new_villages: list[Unit] = []
    have_villages = set(
        Unit.objects.filter(parent__in=communes, kind=UnitKind.VILLAGE).values_list("parent_id", flat=True)
    )
    for commune in communes:
        if commune.id in have_villages:
            continue
        ward = commune.division_type == "phường"
        for n in range(1, rng.randint(5, 12) + 1):
            name = f"Tổ dân phố {n}" if ward else f"Thôn {n}"
            code = f"{commune.code}-{n:03d}"
            new_villages.append(
                Unit(
                    code=code,
                    name=name,
                    division_type="tổ dân phố" if ward else "thôn",
                    kind=UnitKind.VILLAGE,
                    structure=Structure.CURRENT,
                    parent=commune,
                    path=f"{commune.path}{code}/",
                    depth=commune.depth + 1,
                    valid_from=TWO_TIER_FROM,
                    search_name=fold(name),
                )
            )
    Unit.objects.bulk_create(new_villages, batch_size=5000)
    villages_by_commune: dict[int, list[Unit]] = {}
    for existing in Unit.objects.filter(parent__in=communes, kind=UnitKind.VILLAGE):
        villages_by_commune.setdefault(existing.parent_id or 0, []).append(existing)

    id_codes = _birth_province_codes(province)
    taken = set(
        Citizen.objects.filter(unit_path__startswith=province.path).values_list("personal_id", flat=True)
    )
    counters: dict[str, int] = {}
    people: list[Citizen] = []
    weights = [rng.uniform(0.5, 1.5) for _ in communes]
    chosen_communes = rng.choices(communes, weights=weights, k=citizens) if communes else []
    for commune in chosen_communes:
        sex = "M" if rng.random() < 0.5 else "F"
        family = _weighted(rng, FAMILY_NAMES)
        middle = rng.choice(MALE_MIDDLE if sex == "M" else FEMALE_MIDDLE)
        given = rng.choice(MALE_GIVEN if sex == "M" else FEMALE_GIVEN)
        name = f"{family} {middle} {given}"
        birth = _birth_date(rng, today)
        prefix = (
            rng.choice(id_codes)
            + str(rules.century_sex_digit(sex=rules.Sex(sex), birth_year=birth.year))
            + f"{birth.year % 100:02d}"
        )
        serial = counters.get(prefix, rng.randrange(0, 500_000))
        number = f"{prefix}{serial % 1_000_000:06d}"
        while number in taken:
            serial += 1
            number = f"{prefix}{serial % 1_000_000:06d}"
        counters[prefix] = serial + 1
        taken.add(number)
        village: Unit | None = rng.choice(villages_by_commune.get(commune.id) or [None])
        age = today.year - birth.year
        level = 12 if age > 18 and rng.random() < 0.6 else min(max(age - 6, 0), rng.choice([5, 9, 9, 12, 12]))
        qualification = ""
        if age >= 22 and level == 12:
            qualification = rng.choices(
                ["", "vocational", "college", "university"], weights=[50, 20, 10, 20]
            )[0]
        people.append(
            Citizen(
                personal_id=number,
                full_name=name,
                sort_key=collation_key(name),
                search_name=fold(name),
                sex=sex,
                date_of_birth=birth,
                ethnicity=_weighted(rng, ETHNICITIES),
                commune=commune,
                village=village,
                address=f"Số {rng.randint(1, 300)}, {village.name if village else commune.name}",
                permanent_commune=commune,
                permanent_village=village,
                unit_path=commune.path,
                education_level=level,
                qualification=qualification,
                occupation=rng.choice(OCCUPATIONS) if age >= 15 else "",
            )
        )
        if len(people) >= 50_000:
            insert_rows(Citizen, people)
            people = []
    insert_rows(Citizen, people)
    marker = Unit.objects.get(pk=province.pk)
    audit.record(
        actor=None,
        action="people.demo.generated",
        target=marker,
        unit_path=province.path,
        after={"citizens": citizens, "villages": len(new_villages), "seed": seed},
    )
    return DemoSummary(communes=len(communes), villages=len(new_villages), citizens=citizens)
