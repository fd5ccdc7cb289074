"""Sources of the award rules: the laws and their eras, the citations, and the verdict every rule returns.

Three eras, by the date a decision is made (the decisive date, never "today"):

- from 01/07/2004 to 31/12/2023: Luật Thi đua, khen thưởng 15/2003/QH11, amended by Luật 47/2005/QH11 and
  Luật 39/2013/QH13 (in force 01/06/2014), detailed by Nghị định 91/2017/NĐ-CP; in the army Thông tư
  160/2014/TT-BQP, then 151/2018/TT-BQP (from 25/11/2018); for the militia Thông tư 57/2020/TT-BQP (from
  01/07/2020);
- from 01/01/2024: Luật Thi đua, khen thưởng 06/2022/QH15 [V, S39b], Art. 80 on who awards what [V, S39a];
- from 01/07/2025: the same law under two-tier local government: no district level; Nghị định
  129/2025/NĐ-CP gives the commune chairman the powers of Art. 80(2) and (3) [C, Báo Lao Động].

`docs/law.md` ("Thi đua, khen thưởng") lists each rule with its marker ([V], [C], [?]) and source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qpdp.org.rules import TWO_TIER_FROM

# Luật 15/2003/QH11 in force [C: vbpl.vn, "Ngày có hiệu lực: 01/07/2004"].
LAW_2003_FROM = dt.date(2004, 7, 1)
# Luật 06/2022/QH15 in force [V, S39b].
LAW_2022_FROM = dt.date(2024, 1, 1)
# Two-tier local government, district levels dissolved (re-exported from org.rules) [V, S35b; C, S41].
REFORM_FROM = TWO_TIER_FROM
LAST_DISTRICT_DAY = REFORM_FROM - dt.timedelta(days=1)

LAW_2022 = "Luật Thi đua, khen thưởng 2022"
LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)"

# Art. 80 of the 2022 law, read in Công báo 571+572/2022 p. 57 [V, S39a].
ART_80 = f"Điều 80 {LAW_2022}"
ART_80_2 = f"Khoản 2 Điều 80 {LAW_2022}"
ART_80_3 = f"Khoản 3 Điều 80 {LAW_2022}"
ART_80_5 = f"Khoản 5 Điều 80 {LAW_2022}"
# Two-tier exercise of Art. 80(2)-(3) by the commune chairman [C: Báo Lao Động, 2025, on ND 129/2025].
ND_129_2025 = "Nghị định 129/2025/NĐ-CP"
# Titles' standards in the 2022 law: Art. 24 (LĐTT, CSTT) [C: laocai.edu.vn, laodong.vn]; Art. 23
# (CSTĐCS) [C: laodong.vn; one lawyer's answer says Art. 21, see docs/law.md].
ART_23_2022 = f"Điều 23 {LAW_2022}"
ART_24_1_2022 = f"Khoản 1 Điều 24 {LAW_2022}"
ART_24_2022 = f"Điều 24 {LAW_2022}"
# Old law, quoted by emulation portals (Lạng Sơn, Supreme People's Court) [C].
ART_22_2003 = f"Điều 22 {LAW_2003}"
ART_23_2003 = f"Điều 23 {LAW_2003}"
ART_28_2003 = f"Điều 28 {LAW_2003}"
ART_28_2_2003 = f"Khoản 2 Điều 28 {LAW_2003}"
ND_91_2017_ART_9_3 = "Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP"
# Principle "one achievement, one form": Luật 39/2013/QH13 rewrote Art. 6(2)(b) [C: law text on
# vietjack.me]; the 2022 law keeps it among its principles [V, S39b; article number not read].
PRINCIPLE_2003 = f"Điểm b khoản 2 Điều 6 {LAW_2003}"
PRINCIPLE_2022 = f"nguyên tắc khen thưởng, {LAW_2022}"  # [?] article number not read
# Family and village titles: ND 122/2018/NĐ-CP before, ND 86/2023/NĐ-CP from 30/01/2024 [C].
ND_122_2018 = "Nghị định 122/2018/NĐ-CP"
ND_86_2023 = "Nghị định 86/2023/NĐ-CP"
# Army and militia circulars of the Ministry of Defence [C: hethongphapluat.com, vbpl.vn, thuvienphapluat].
ARMY_CIRCULARS_2003 = "Thông tư 160/2014/TT-BQP, từ 25/11/2018 Thông tư 151/2018/TT-BQP"
TT_151_2018_ART_12 = "Điều 12 Thông tư 151/2018/TT-BQP"
TT_57_2020_ART_10 = "Điều 10 Thông tư 57/2020/TT-BQP"


@dataclass(frozen=True)
class Verdict:
    """The answer of a rule: allowed or not, the Vietnamese reason (empty when allowed), the article."""

    allowed: bool
    message: str
    article: str


def allowed(article: str) -> Verdict:
    return Verdict(True, "", article)


def refused(message: str, article: str) -> Verdict:
    return Verdict(False, message, article)


def date_text(day: dt.date) -> str:
    """dd/mm/yyyy, as every message shows a date."""
    return day.strftime("%d/%m/%Y")


def law_in_force(on: dt.date) -> str:
    """The emulation law that governs a decision dated `on` ("" before 01/07/2004)."""
    if on >= LAW_2022_FROM:
        return LAW_2022
    if on >= LAW_2003_FROM:
        return LAW_2003
    return ""
