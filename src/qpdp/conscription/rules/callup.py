"""Who may be called and how many: the education standard (TT 148/2018 Art. 4(4)) and quota checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from qpdp.conscription.rules.law import ND70_EDUCATION, TT148_ART_4_EDUCATION, Refusal

# -- education (TT 148/2018 Art. 4(4)) -------------------------------------------------------------

MIN_EDUCATION_GRADE = 8
MIN_EDUCATION_GRADE_SHORT_QUOTA = 7
MAX_PRIMARY_SHARE_DIFFICULT = Decimal("0.25")


def education_refusal(
    grade: int, *, short_quota_approved: bool = False, police: bool = False
) -> Refusal | None:
    """Army: grade 8 or higher; grade 7 only where the quota cannot be filled, with approval.
    Police (ND 70/2019 as amended): upper-secondary (grade 12) — lower-secondary in difficult areas
    is an approval the commune records, as for grade 7."""
    if police:
        needed = 9 if short_quota_approved else 12
        if grade < needed:
            return Refusal(
                f"Nghĩa vụ tham gia CAND cần tốt nghiệp {'THCS' if needed == 9 else 'THPT'} (lớp {needed}); "
                f"công dân học hết lớp {grade}.",
                ND70_EDUCATION,
            )
        return None
    needed = MIN_EDUCATION_GRADE_SHORT_QUOTA if short_quota_approved else MIN_EDUCATION_GRADE
    if grade < needed:
        return Refusal(
            f"Trình độ văn hóa lớp {grade}: cần từ lớp {needed} trở lên"
            + (
                ""
                if short_quota_approved
                else " (lớp 7 chỉ khi địa phương không đủ chỉ tiêu và được phê duyệt)"
            )
            + ".",
            TT148_ART_4_EDUCATION,
        )
    return None


# -- quotas ----------------------------------------------------------------------------------------

MAX_COMMUNE_RESERVE_SHARE = Decimal("0.05")  # ≤ 5 % commune reserve: local practice [C, S52]


@dataclass(frozen=True)
class QuotaCheck:
    refusal: Refusal | None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def quota_check(
    *, count: int, reserve: int, parent_remaining: int | None, eligible_pool: int | None
) -> QuotaCheck:
    """An allocation never exceeds what the level above has left to give; above the unit's eligible
    pool (or a reserve above 5 %) it is allowed with a warning."""
    if count < 0 or reserve < 0:
        return QuotaCheck(Refusal("Chỉ tiêu và số dự phòng không được âm.", "Điều 42 Luật NVQS"))
    if parent_remaining is not None and count > parent_remaining:
        return QuotaCheck(
            Refusal(
                f"Chỉ tiêu {count} vượt số cấp trên còn lại để giao ({parent_remaining}).",
                "Quyết định giao chỉ tiêu của cấp trên",
            )
        )
    warnings = []
    if eligible_pool is not None and count + reserve > eligible_pool:
        warnings.append(
            f"Chỉ tiêu và dự phòng ({count + reserve}) vượt số công dân "
            f"đủ điều kiện hiện có ({eligible_pool})."
        )
    if count and Decimal(reserve) > MAX_COMMUNE_RESERVE_SHARE * count + Decimal("0.999"):
        warnings.append(f"Số dự phòng {reserve} vượt 5% chỉ tiêu ({count}).")
    return QuotaCheck(None, tuple(warnings))


def completion_percent(enlisted: int, quota: int) -> Decimal | None:
    """Completion of the quota ("hoàn thành …% chỉ tiêu"), a ratio of sums, one decimal."""
    if quota <= 0:
        return None
    return (Decimal(100) * enlisted / quota).quantize(Decimal("0.1"))
