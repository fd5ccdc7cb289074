"""Rules of the administrative structure: the structure in force on a date, how a unit is named (pure)."""

from __future__ import annotations

import datetime as dt
import unicodedata
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


# -- names ----------------------------------------------------------------------------------------------

# The division words that open a unit's name ("Xã An Bình", "Thị trấn Đông Hòa"), longest first.
DIVISION_WORDS = ("thị trấn", "thị xã", "thành phố", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def division_of(name: str) -> str:
    """The division word a unit's name opens with ("xã" for "Xã An Bình"), or ""."""
    lowered = _clean(name).lower()
    for word in DIVISION_WORDS:
        if lowered.startswith(word + " "):
            return word
    return ""


def place_name(name: str) -> str:
    """ "An Bình" from "Xã An Bình": the name without its division word (the place before a date)."""
    name = _clean(name)
    word = division_of(name)
    return name[len(word) + 1 :].strip() if word else name


def in_sentence(name: str, division: str = "") -> str:
    """A unit's name inside a sentence: "xã An Bình", "tỉnh Lai Châu" (the division word in lower case);
    a name without one gets `division` ("xã" + "An Bình")."""
    name = _clean(name)
    word = division_of(name)
    if word:
        return f"{word} {name[len(word) + 1 :].strip()}"
    return f"{division} {name}".strip() if division else name
