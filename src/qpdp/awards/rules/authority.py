"""Who may award what, on a date: the dated authority table (data, not code) and the questions it answers.

Each row gives one issuer's powers for one period, the article, and the forms whose grant is only [C] or
[?] in our sources. The 2022 law's Art. 80 was read [V, S39a]; the rest is marked in `docs/law.md`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qpdp.awards.rules import law
from qpdp.awards.rules.forms import FORMS, UNKNOWN_FORM, AwardForm
from qpdp.awards.rules.issuers import ISSUER_LABELS, Issuer, issuer_in_force
from qpdp.awards.rules.law import Verdict


@dataclass(frozen=True)
class AuthorityRule:
    """One issuer's power over a period (both ends inclusive; None = open)."""

    issuer: Issuer
    valid_from: dt.date
    valid_to: dt.date | None
    forms: frozenset[str]
    article: str
    # Forms this row grants on weaker evidence than the article ([C] or [?] in docs/law.md).
    unsure: frozenset[str] = frozenset()
    # Why the issuer may award nothing (a row with no forms), said in the refusal.
    reason: str = ""

    def covers(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


OLD = law.LAW_2003_FROM
LAST_OLD = law.LAW_2022_FROM - dt.timedelta(days=1)
NEW = law.LAW_2022_FROM
LAST_DISTRICT = law.LAST_DISTRICT_DAY
TWO_TIER = law.REFORM_FROM

ARMY_2022 = f"{law.ART_80_5}; thông tư của Bộ Quốc phòng"
ARMY_2003 = f"{law.LAW_2003}; {law.ARMY_CIRCULARS_2003}; {law.TT_57_2020_ART_10} (dân quân tự vệ)"
NO_SOURCE_FOR_REGIONAL = "chưa có văn bản nào giao thẩm quyền khen thưởng cho Ban CHPTKV"

_PROVINCE_FORMS = frozenset(
    {"bang_khen", "co_thi_dua", "chien_si_thi_dua_cap_tinh", "tap_the_lao_dong_xuat_sac"}
)
_DISTRICT_FORMS = frozenset(
    {
        "thon_van_hoa",
        "tap_the_lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "lao_dong_tien_tien",
        "giay_khen",
    }
)
_COMMUNE_FORMS = frozenset({"lao_dong_tien_tien", "giay_khen", "gia_dinh_van_hoa"})

AUTHORITY_RULES: tuple[AuthorityRule, ...] = (
    # -- Chairman of the commune People's Committee ------------------------------------------------------
    # Before 2024: giấy khen and "Gia đình văn hóa" (ND 122/2018) [C]; LĐTT [?: article not read].
    AuthorityRule(
        Issuer.COMMUNE_CHAIRMAN,
        OLD,
        LAST_OLD,
        _COMMUNE_FORMS,
        law.LAW_2003,
        unsure=frozenset({"lao_dong_tien_tien", "giay_khen", "gia_dinh_van_hoa"}),
    ),
    # Art. 80(3): "Lao động tiên tiến", giấy khen, "Gia đình văn hóa" [V, S39a].
    AuthorityRule(Issuer.COMMUNE_CHAIRMAN, NEW, LAST_DISTRICT, _COMMUNE_FORMS, law.ART_80_3),
    # From 01/07/2025 the commune chairman also exercises Art. 80(2), the district chairman's powers
    # [C: ND 129/2025/NĐ-CP as reported by Báo Lao Động].
    AuthorityRule(
        Issuer.COMMUNE_CHAIRMAN,
        TWO_TIER,
        None,
        _COMMUNE_FORMS | _DISTRICT_FORMS,
        f"Khoản 2, 3 Điều 80 {law.LAW_2022}; {law.ND_129_2025}",
        unsure=_DISTRICT_FORMS - _COMMUNE_FORMS,
    ),
    # -- Chairman of the district People's Committee (until 30/06/2025) ----------------------------------
    # Before 2024: giấy khen (seeds 2019, 2021, 2023) [C, S46]; TTLĐTT (TT 08/2017/TT-BNV Art. 7) [C];
    # CSTĐCS, LĐTT, village titles [?: article not read].
    AuthorityRule(
        Issuer.DISTRICT_CHAIRMAN,
        OLD,
        LAST_OLD,
        _DISTRICT_FORMS,
        law.LAW_2003,
        unsure=_DISTRICT_FORMS,
    ),
    # Art. 80(2): village titles, TTLĐTT, CSTĐCS, LĐTT, giấy khen [V, S39a].
    AuthorityRule(Issuer.DISTRICT_CHAIRMAN, NEW, LAST_DISTRICT, _DISTRICT_FORMS, law.ART_80_2),
    # -- Chairman of the provincial People's Committee ---------------------------------------------------
    # Bằng khen, Cờ thi đua of the province, CSTĐ cấp tỉnh, TTLĐXS: proposed by districts to the province
    # (Phong Thổ 17/01/2024; Bắc Giang 2020) [C]; the article (Art. 79?) was not read [?].
    AuthorityRule(
        Issuer.PROVINCE_CHAIRMAN, OLD, LAST_OLD, _PROVINCE_FORMS, law.LAW_2003, unsure=_PROVINCE_FORMS
    ),
    AuthorityRule(Issuer.PROVINCE_CHAIRMAN, NEW, None, _PROVINCE_FORMS, law.LAW_2022, unsure=_PROVINCE_FORMS),
    # -- Commander of the provincial military command -----------------------------------------------------
    # Giấy khen (domain.md §6: "military commands give giấy khen") [C, S46, S54]; the army titles of
    # Art. 80(5), by the authorities the Minister of Defence sets [V that the Minister sets them; which
    # commanders: ?].
    AuthorityRule(
        Issuer.PROVINCIAL_COMMAND,
        OLD,
        LAST_OLD,
        frozenset({"giay_khen", "chien_si_tien_tien", "don_vi_tien_tien", "chien_si_thi_dua_co_so"}),
        ARMY_2003,
        unsure=frozenset({"giay_khen", "chien_si_tien_tien", "don_vi_tien_tien", "chien_si_thi_dua_co_so"}),
    ),
    AuthorityRule(
        Issuer.PROVINCIAL_COMMAND,
        NEW,
        None,
        frozenset({"giay_khen", "chien_si_tien_tien", "don_vi_tien_tien", "chien_si_thi_dua_co_so"}),
        ARMY_2022,
        unsure=frozenset({"giay_khen", "chien_si_tien_tien", "don_vi_tien_tien", "chien_si_thi_dua_co_so"}),
    ),
    # -- Commander of the district military command (until 30/06/2025) ----------------------------------
    # "BCHQS huyện tặng danh hiệu chiến sĩ tiên tiến cho 4 cá nhân" (Bình Liêu 2021) [C, S46]; giấy khen
    # and "Đơn vị tiên tiến" [?].
    AuthorityRule(
        Issuer.DISTRICT_COMMAND,
        OLD,
        LAST_OLD,
        frozenset({"chien_si_tien_tien", "giay_khen", "don_vi_tien_tien"}),
        ARMY_2003,
        unsure=frozenset({"chien_si_tien_tien", "giay_khen", "don_vi_tien_tien"}),
    ),
    AuthorityRule(
        Issuer.DISTRICT_COMMAND,
        NEW,
        LAST_DISTRICT,
        frozenset({"chien_si_tien_tien", "giay_khen", "don_vi_tien_tien"}),
        ARMY_2022,
        unsure=frozenset({"chien_si_tien_tien", "giay_khen", "don_vi_tien_tien"}),
    ),
    # -- Regional defence command (from 01/07/2025) -------------------------------------------------------
    # No source gives a Ban CHPTKV power to award [?]: it may not award until one does.
    AuthorityRule(
        Issuer.REGIONAL_COMMAND, TWO_TIER, None, frozenset(), ARMY_2022, reason=NO_SOURCE_FOR_REGIONAL
    ),
    # -- Commander of a military region --------------------------------------------------------------------
    # Bằng khen [C, S46, S54]; the army's flag and "Đơn vị quyết thắng" [?].
    AuthorityRule(
        Issuer.MILITARY_REGION,
        OLD,
        LAST_OLD,
        frozenset({"bang_khen", "co_thi_dua_quyet_thang", "don_vi_quyet_thang"}),
        ARMY_2003,
        unsure=frozenset({"bang_khen", "co_thi_dua_quyet_thang", "don_vi_quyet_thang"}),
    ),
    AuthorityRule(
        Issuer.MILITARY_REGION,
        NEW,
        None,
        frozenset({"bang_khen", "co_thi_dua_quyet_thang", "don_vi_quyet_thang"}),
        ARMY_2022,
        unsure=frozenset({"bang_khen", "co_thi_dua_quyet_thang", "don_vi_quyet_thang"}),
    ),
)

NOT_COMPETENT = "{issuer} không có thẩm quyền tặng {form} ({article})."
NOT_COMPETENT_BECAUSE = "{issuer} không có thẩm quyền tặng {form}: {reason} ({article})."
NO_RULE = (
    "Không có quy định về thẩm quyền khen thưởng áp dụng cho ngày {day} "
    "(Luật Thi đua, khen thưởng có hiệu lực từ 01/07/2004)."
)


def authority_rule(issuer: Issuer, on: dt.date) -> AuthorityRule | None:
    """The row of `issuer` in force on `on` (None before 01/07/2004 or when the issuer does not exist)."""
    return next((rule for rule in AUTHORITY_RULES if rule.issuer is issuer and rule.covers(on)), None)


def may_award(issuer: Issuer, form_code: str, on: dt.date) -> Verdict:
    """May `issuer` decide `form_code` on `on`? Law 2022 Art. 80 from 01/01/2024 [V]; the 2003 law before;
    from 01/07/2025 no district issuers and the commune chairman holds Art. 80(2)-(3) (ND 129/2025)."""
    form = FORMS.get(form_code)
    if form is None:
        return law.refused(UNKNOWN_FORM.format(code=form_code), "")
    exists = issuer_in_force(issuer, on)
    if not exists.allowed:
        return exists
    rule = authority_rule(issuer, on)
    if rule is None:
        return law.refused(NO_RULE.format(day=law.date_text(on)), "")
    if form_code in rule.forms:
        return law.allowed(rule.article)
    return law.refused(_not_competent(issuer, form, rule), rule.article)


def _not_competent(issuer: Issuer, form: AwardForm, rule: AuthorityRule) -> str:
    if rule.reason:
        return NOT_COMPETENT_BECAUSE.format(
            issuer=ISSUER_LABELS[issuer], form=form.phrase, reason=rule.reason, article=rule.article
        )
    return NOT_COMPETENT.format(issuer=ISSUER_LABELS[issuer], form=form.phrase, article=rule.article)


def forms_for(issuer: Issuer, on: dt.date) -> list[AwardForm]:
    """The forms `issuer` may decide on `on`, in catalogue order (empty when it may award nothing)."""
    if not issuer_in_force(issuer, on).allowed:
        return []
    rule = authority_rule(issuer, on)
    if rule is None:
        return []
    return [form for code, form in FORMS.items() if code in rule.forms]
