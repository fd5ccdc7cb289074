"""Rules of the administrative structure: which structure is in force on a date (pure, no Django)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Nghị quyết 202/2025/QH15 and Luật Tổ chức chính quyền địa phương 72/2025/QH15: two-tier local
# government (province, commune), no districts, from 01/07/2025.
TWO_TIER_FROM = dt.date(2025, 7, 1)
TWO_TIER_SOURCE = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Nghị quyết 202/2025/QH15"


@dataclass(frozen=True)
class StructureCheck:
    allowed: bool
    message: str
    article: str


def structure_in_force(on: dt.date) -> str:
    """`legacy` (province, district, commune) until 30/06/2025, `current` (province, commune) after."""
    return "current" if on >= TWO_TIER_FROM else "legacy"


def unit_usable_on(
    *,
    unit_structure: str,
    unit_valid_from: dt.date | None,
    unit_valid_to: dt.date | None,
    unit_name: str,
    on: dt.date,
) -> StructureCheck:
    """Whether a record dated `on` may name this unit: the unit must exist on that date.

    A record dated on or after 01/07/2025 naming a district (or a commune dissolved by the 2025
    reorganisation) is an error, and so is a record before that date naming a new commune.
    """
    if (unit_valid_from is None or unit_valid_from <= on) and (unit_valid_to is None or on <= unit_valid_to):
        return StructureCheck(True, "", TWO_TIER_SOURCE)
    when = on.strftime("%d/%m/%Y")
    if unit_structure == "legacy":
        message = f"{unit_name} không còn tồn tại vào ngày {when} (đã sắp xếp từ 01/07/2025)."
    else:
        message = f"{unit_name} chưa được thành lập vào ngày {when} (có từ 01/07/2025)."
    return StructureCheck(False, message, TWO_TIER_SOURCE)
