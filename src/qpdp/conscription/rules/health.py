"""Health classification and exclusions from call-up (TT 105/2023; TT 148/2018 as amended by TT 68/2025)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from qpdp.conscription.rules.law import REFORM_DATE, TT105_ART_6, TT148_ART_4_HEALTH, TT148_OLD_ART_4_HEALTH

HEALTH_TYPES = range(1, 7)
CALLABLE_TYPES = frozenset({1, 2, 3})

# TTLT 16/2016 Table 1 (men), kept as versioned data: (type, min height cm, min weight kg, min chest cm).
PHYSICAL_TABLE_2016: tuple[tuple[int, int, int, int], ...] = (
    (1, 163, 51, 81),
    (2, 160, 47, 78),
    (3, 157, 43, 75),
    (4, 155, 41, 73),
    (5, 153, 40, 71),
)
PHYSICAL_TABLE_SOURCE = (
    "Bảng 1 Thông tư liên tịch 16/2016/TTLT-BYT-BQP (ngưỡng của TT 105/2023 chưa đối chiếu [?])"
)


def physical_score(
    height_cm: float | None, weight_kg: float | None, chest_cm: float | None = None
) -> int | None:
    """The physical-development score 1–6: the worst of height, weight and chest against the table."""
    values = [v for v in (height_cm, weight_kg, chest_cm) if v is not None]
    if not values:
        return None
    worst = 1
    for position, value in ((1, height_cm), (2, weight_kg), (3, chest_cm)):
        if value is None:
            continue
        score = 6
        for health_type, *minimums in PHYSICAL_TABLE_2016:
            if value >= minimums[position - 1]:
                score = health_type
                break
        worst = max(worst, score)
    return worst


def bmi(height_cm: float | Decimal, weight_kg: float | Decimal) -> Decimal:
    """Body-mass index, kg/m², to one decimal (as the circular's thresholds are written)."""
    metres = Decimal(str(height_cm)) / 100
    return (Decimal(str(weight_kg)) / (metres * metres)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class HealthResult:
    health_type: int
    callable: bool
    reasons: tuple[str, ...]  # why not called, in Vietnamese
    article: str


def classify_health(scores: Mapping[str, int]) -> int:
    """TT 105/2023 Art. 6(2): type 1 when every criterion scores 1, otherwise the worst score."""
    if not scores:
        raise ValueError("Cần ít nhất một chỉ tiêu sức khỏe được chấm điểm.")
    for name, score in scores.items():
        if score not in HEALTH_TYPES:
            raise ValueError(f"Điểm chỉ tiêu “{name}” phải từ 1 đến 6 (đã nhập {score}).")
    return max(scores.values())


def health_decision(
    health_type: int,
    examined_on: dt.date,
    *,
    bmi_value: Decimal | None = None,
    refraction: Iterable[Decimal | float | None] = (),
) -> HealthResult:
    """Whether a health type can be called, with the exclusions in force on the examination date.

    TT 148/2018 Art. 4(3) as amended by TT 68/2025 (from 01/07/2025): types 1–3 only, and not called
    with myopia above 1.5 dioptres, any hyperopia, or BMI below 18.0 or above 29.9. Before: types 1–3,
    but not type 3 with myopia of 1.5 dioptres or more or any hyperopia. Refraction is signed
    (negative = myopia, positive = hyperopia), one value per eye.
    """
    if health_type not in HEALTH_TYPES:
        raise ValueError(f"Phân loại sức khỏe phải từ 1 đến 6 (đã nhập {health_type}).")
    reasons: list[str] = []
    eyes = [Decimal(str(v)) for v in refraction if v is not None]
    new_rules = examined_on >= REFORM_DATE
    article = TT148_ART_4_HEALTH if new_rules else TT148_OLD_ART_4_HEALTH
    if health_type not in CALLABLE_TYPES:
        reasons.append(f"Sức khỏe loại {health_type}: chỉ gọi loại 1, 2, 3 ({TT105_ART_6}).")
    if new_rules:
        if any(v < Decimal("-1.5") for v in eyes):
            reasons.append("Cận thị trên 1,5 đi-ốp.")
        if any(v > 0 for v in eyes):
            reasons.append("Viễn thị.")
        if bmi_value is not None and (bmi_value < Decimal("18.0") or bmi_value > Decimal("29.9")):
            reasons.append(f"Chỉ số BMI {str(bmi_value).replace('.', ',')} ngoài khoảng 18,0–29,9.")
    elif health_type == 3:
        if any(v <= Decimal("-1.5") for v in eyes):
            reasons.append("Sức khỏe loại 3 và cận thị từ 1,5 đi-ốp trở lên.")
        if any(v > 0 for v in eyes):
            reasons.append("Sức khỏe loại 3 và viễn thị.")
    return HealthResult(health_type, not reasons, tuple(reasons), article)
