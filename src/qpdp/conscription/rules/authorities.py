"""Who signs each act of the cycle: authorities as data with validity dates, both eras."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from qpdp.conscription.rules.law import ART_16, REFORM_DATE


class Act(StrEnum):
    REGISTRATION_CALL = "registration_call"
    REGISTRATION_CERTIFICATE = "registration_certificate"
    CALLUP_LIST = "callup_list"
    RELIEF_DECISION = "relief_decision"
    SCREENING_SUMMONS = "screening_summons"
    EXAM_SUMMONS = "exam_summons"
    ENLISTMENT_ORDER = "enlistment_order"
    HANDOVER = "handover"
    QUOTA_TO_COMMUNES = "quota_to_communes"


@dataclass(frozen=True)
class Authority:
    act: Act
    signer: str  # the post that signs, in Vietnamese
    level: str  # "commune" | "district" | "province"
    valid_from: dt.date
    valid_to: dt.date | None
    source: str


_BEFORE = dt.date(2016, 1, 1)
_LAST_OLD_DAY = dt.date(2025, 6, 30)
AUTHORITIES: tuple[Authority, ...] = (
    Authority(
        Act.REGISTRATION_CALL,
        "Chỉ huy trưởng Ban CHQS cấp huyện",
        "district",
        _BEFORE,
        _LAST_OLD_DAY,
        f"{ART_16} (bản 2015) [?]",
    ),
    Authority(
        Act.REGISTRATION_CALL,
        "Chủ tịch UBND cấp xã",
        "commune",
        REFORM_DATE,
        None,
        f"{ART_16} sửa đổi bởi Luật 98/2025/QH15",
    ),
    Authority(
        Act.REGISTRATION_CERTIFICATE,
        "Chỉ huy trưởng Ban CHQS cấp huyện",
        "district",
        _BEFORE,
        _LAST_OLD_DAY,
        "Nghị định 13/2016/NĐ-CP [?]",
    ),
    Authority(
        Act.REGISTRATION_CERTIFICATE,
        "Chủ tịch UBND cấp xã",
        "commune",
        REFORM_DATE,
        None,
        "Nghị định 13/2016/NĐ-CP sửa đổi bởi Nghị định 220/2025/NĐ-CP",
    ),
    Authority(
        Act.CALLUP_LIST,
        "Chủ tịch UBND cấp huyện",
        "district",
        _BEFORE,
        _LAST_OLD_DAY,
        "Điều 42 Luật NVQS 2015",
    ),
    Authority(
        Act.CALLUP_LIST,
        "Chủ tịch UBND cấp tỉnh",
        "province",
        REFORM_DATE,
        None,
        "Điều 42 Luật NVQS sửa đổi bởi Luật 98/2025/QH15; Cục Quân lực (S6)",
    ),
    Authority(
        Act.RELIEF_DECISION,
        "Chủ tịch UBND cấp huyện",
        "district",
        _BEFORE,
        _LAST_OLD_DAY,
        "Khoản 4 Điều 41 Luật NVQS 2015",
    ),
    Authority(
        Act.RELIEF_DECISION,
        "Chủ tịch UBND cấp tỉnh",
        "province",
        REFORM_DATE,
        None,
        "Điều 41 Luật NVQS sửa đổi bởi Luật 98/2025/QH15",
    ),
    Authority(
        Act.SCREENING_SUMMONS,
        "Chỉ huy trưởng Ban CHQS cấp huyện",
        "district",
        _BEFORE,
        _LAST_OLD_DAY,
        "Điều 40 Luật NVQS 2015",
    ),
    Authority(
        Act.SCREENING_SUMMONS, "Chủ tịch UBND cấp xã", "commune", REFORM_DATE, None, "Cục Quân lực (S6)"
    ),
    Authority(
        Act.EXAM_SUMMONS,
        "Chỉ huy trưởng Ban CHQS cấp huyện",
        "district",
        _BEFORE,
        _LAST_OLD_DAY,
        "Điều 40 Luật NVQS 2015",
    ),
    Authority(Act.EXAM_SUMMONS, "Chủ tịch UBND cấp xã", "commune", REFORM_DATE, None, "Cục Quân lực (S6)"),
    Authority(
        Act.ENLISTMENT_ORDER,
        "Chỉ huy trưởng Ban CHQS cấp huyện",
        "district",
        _BEFORE,
        _LAST_OLD_DAY,
        "Điều 42 Luật NVQS 2015",
    ),
    Authority(
        Act.ENLISTMENT_ORDER, "Chủ tịch UBND cấp xã", "commune", REFORM_DATE, None, "Cục Quân lực (S6)"
    ),
    Authority(Act.HANDOVER, "UBND cấp huyện", "district", _BEFORE, _LAST_OLD_DAY, "Thông tư 148/2018/TT-BQP"),
    Authority(
        Act.HANDOVER, "UBND cấp tỉnh", "province", REFORM_DATE, None, "Thông tư 68/2025/TT-BQP (S7, S8)"
    ),
    Authority(
        Act.QUOTA_TO_COMMUNES,
        "Chủ tịch UBND cấp huyện",
        "district",
        _BEFORE,
        _LAST_OLD_DAY,
        "Điều 42 Luật NVQS 2015",
    ),
    Authority(
        Act.QUOTA_TO_COMMUNES, "Chủ tịch UBND cấp tỉnh", "province", REFORM_DATE, None, "Cục Quân lực (S6)"
    ),
)


def authority(act: Act, on: dt.date) -> Authority:
    """Who signs `act` on a date: the authority in force then (both eras; the reform is 01/07/2025)."""
    for candidate in AUTHORITIES:
        if (
            candidate.act == act
            and candidate.valid_from <= on
            and (candidate.valid_to is None or on <= candidate.valid_to)
        ):
            return candidate
    raise LookupError(f"Không có quy định về thẩm quyền “{act}” vào ngày {on:%d/%m/%Y}.")
