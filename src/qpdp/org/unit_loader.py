"""Reads Vietnam's administrative structures (current and pre-2025) from the vietnam-provinces package."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import vietnam_provinces
from vietnam_provinces import Province, Ward
from vietnam_provinces import legacy as legacy_structure

from qpdp.org.rules import TWO_TIER_FROM

LEGACY_VALID_TO = TWO_TIER_FROM - dt.timedelta(days=1)
NATION_CODE = "VN"
SUCCESSION_SOURCE = (
    "Bảng chuyển đổi đơn vị hành chính mới – cũ (Cục Thống kê), "
    f"gói vietnam-provinces {getattr(vietnam_provinces, '__version__', '')} "
    f"dữ liệu {getattr(vietnam_provinces, '__data_version__', '')}"
).replace("  ", " ")


@dataclass(frozen=True)
class UnitRow:
    code: str
    official_code: str
    name: str
    division_type: str
    kind: str
    structure: str
    parent_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None


@dataclass(frozen=True)
class SuccessionRow:
    predecessor_code: str
    successor_code: str
    partial: bool


def current_province_code(code: int) -> str:
    return f"{code:02d}"


def current_commune_code(code: int) -> str:
    return f"{code:05d}"


def legacy_province_code(code: int) -> str:
    return f"L{code:02d}"


def legacy_district_code(code: int) -> str:
    return f"L{code:03d}"


def legacy_commune_code(code: int) -> str:
    return f"L{code:05d}"


def _division(value: object) -> str:
    return str(getattr(value, "value", value))


def read_units() -> list[UnitRow]:
    """Every unit of both structures, parents before children."""
    rows = [UnitRow(NATION_CODE, "", "Việt Nam", "quốc gia", "nation", "both", "", None, None)]
    for p in Province.iter_all():
        rows.append(
            UnitRow(
                current_province_code(int(p.code)),
                f"{int(p.code):02d}",
                p.name,
                _division(p.division_type),
                "province",
                "current",
                NATION_CODE,
                TWO_TIER_FROM,
                None,
            )
        )
    for lp in legacy_structure.Province.iter_all():
        rows.append(
            UnitRow(
                legacy_province_code(int(lp.code)),
                f"{int(lp.code):02d}",
                lp.name,
                _division(lp.division_type),
                "province",
                "legacy",
                NATION_CODE,
                None,
                LEGACY_VALID_TO,
            )
        )
    for d in legacy_structure.District.iter_all():
        rows.append(
            UnitRow(
                legacy_district_code(int(d.code)),
                f"{int(d.code):03d}",
                d.name,
                _division(d.division_type),
                "district",
                "legacy",
                legacy_province_code(int(d.province_code)),
                None,
                LEGACY_VALID_TO,
            )
        )
    for w in Ward.iter_all():
        rows.append(
            UnitRow(
                current_commune_code(int(w.code)),
                f"{int(w.code):05d}",
                w.name,
                _division(w.division_type),
                "commune",
                "current",
                current_province_code(int(w.province_code)),
                TWO_TIER_FROM,
                None,
            )
        )
    for lw in legacy_structure.Ward.iter_all():
        rows.append(
            UnitRow(
                legacy_commune_code(int(lw.code)),
                f"{int(lw.code):05d}",
                lw.name,
                _division(lw.division_type),
                "commune",
                "legacy",
                legacy_district_code(int(lw.district_code)),
                None,
                LEGACY_VALID_TO,
            )
        )
    return rows


def read_successions() -> list[SuccessionRow]:
    """Which old provinces and communes formed which new ones on 01/07/2025.

    Province links are derived from the commune links rather than taken from the package's province
    table, which names some old provinces as sources of a new one that received none of their
    communes (Tiền Giang is listed under Tây Ninh); a wrong link would widen a user's scope.
    """
    legacy_province_of_district = {
        int(d.code): int(d.province_code) for d in legacy_structure.District.iter_all()
    }
    commune_links: list[tuple[str, str]] = []
    province_links: set[tuple[str, str]] = set()
    for ward in Ward.iter_all():
        for old_ward in ward.get_legacy_sources():
            commune_links.append(
                (legacy_commune_code(int(old_ward.code)), current_commune_code(int(ward.code)))
            )
            old_province = legacy_province_of_district[int(old_ward.district_code)]
            province_links.add(
                (legacy_province_code(old_province), current_province_code(int(ward.province_code)))
            )
    # An old unit split between several new ones passed only part of itself to each.
    commune_spread = Counter(old for old, _ in commune_links)
    province_spread = Counter(old for old, _ in province_links)
    rows = [SuccessionRow(old, new, province_spread[old] > 1) for old, new in sorted(province_links)]
    rows.extend(SuccessionRow(old, new, commune_spread[old] > 1) for old, new in commune_links)
    return rows
