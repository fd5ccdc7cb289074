"""The legal sources the military-service rules cite, the 2025 reform date, and the refusal a rule gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REFORM_DATE = dt.date(2025, 7, 1)  # two-tier local government; Luật 98/2025/QH15 in force

LAW = "Luật Nghĩa vụ quân sự 2015 (sửa đổi 2019, 2025)"
ART_12 = f"Điều 12 {LAW}"
ART_13 = f"Điều 13 {LAW}"
ART_14 = f"Điều 14 {LAW}"
ART_16 = f"Điều 16 {LAW}"
ART_17 = f"Điều 17 {LAW}"
ART_30 = f"Điều 30 {LAW}"
ART_41_1 = f"Khoản 1 Điều 41 {LAW}"
ART_41_2 = f"Khoản 2 Điều 41 {LAW}"
ART_41_3 = f"Khoản 3 Điều 41 {LAW}"
ART_4_4 = f"Khoản 4 Điều 4 {LAW}"
TT105_ART_6 = "Khoản 2 Điều 6 Thông tư 105/2023/TT-BQP"
TT148_ART_4_HEALTH = "Điểm a, c khoản 3 Điều 4 Thông tư 148/2018/TT-BQP (sửa đổi bởi Thông tư 68/2025/TT-BQP)"
TT148_OLD_ART_4_HEALTH = "Khoản 3 Điều 4 Thông tư 148/2018/TT-BQP (trước sửa đổi)"
TT148_ART_4_EDUCATION = "Khoản 4 Điều 4 Thông tư 148/2018/TT-BQP"
TT148_ART_5_POSTING = "Khoản 4 Điều 5 Thông tư 148/2018/TT-BQP (sửa đổi bởi Thông tư 68/2025/TT-BQP)"
ND70_EDUCATION = "Nghị định 70/2019/NĐ-CP (sửa đổi bởi Nghị định 184/2025/NĐ-CP)"


@dataclass(frozen=True)
class Refusal:
    """Why an act is refused: a Vietnamese message and the article it applies."""

    message: str
    article: str
