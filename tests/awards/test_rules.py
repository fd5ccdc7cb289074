"""Rules of emulation and awards: Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013) until 31/12/2023,
Luật Thi đua, khen thưởng 06/2022/QH15 from 01/01/2024 (Art. 80 on who awards what), two-tier local
government from 01/07/2025 (ND 129/2025/NĐ-CP). Every case id names its article (docs/law.md, "Thi đua,
khen thưởng"); the three eras are tested side by side, with the days before, on and after each change."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest

from qpdp.awards import rules
from qpdp.awards.rules import (
    FORMS,
    FormKind,
    Issuer,
    NominationFacts,
    PriorAward,
    RecipientKind,
    Verdict,
    award_phrase,
    check_nomination,
    forms_for,
    issuer_in_force,
    issuer_level,
    issuing_body,
    may_award,
    recipient_allowed,
    signature_of,
)

D = dt.date
C, P, H = RecipientKind.COLLECTIVE, RecipientKind.INDIVIDUAL, RecipientKind.HOUSEHOLD

OLD_ERA = D(2023, 6, 30)  # Law 2003 (amended 2013)
NEW_ERA = D(2024, 6, 1)  # Law 2022, three tiers
TWO_TIER = D(2025, 8, 1)  # Law 2022, two tiers

ART_80_2 = "Khoản 2 Điều 80 Luật Thi đua, khen thưởng 2022"
ART_80_3 = "Khoản 3 Điều 80 Luật Thi đua, khen thưởng 2022"
ART_80_5 = "Khoản 5 Điều 80 Luật Thi đua, khen thưởng 2022"
ART_80_2_3_ND129 = "Khoản 2, 3 Điều 80 Luật Thi đua, khen thưởng 2022; Nghị định 129/2025/NĐ-CP"
LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng 2022"
PRINCIPLE_2022 = "nguyên tắc khen thưởng, Luật Thi đua, khen thưởng 2022"
PRINCIPLE_2003 = "Điểm b khoản 2 Điều 6 Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)"
ARMY_2022 = "Khoản 5 Điều 80 Luật Thi đua, khen thưởng 2022; thông tư của Bộ Quốc phòng"


def ascii_id(text: str) -> str:
    """A case id in ASCII (house style): the citation with its diacritics folded, "đ" as "d"."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return (
        "".join(char for char in folded if not unicodedata.combining(char))
        .encode("ascii", "replace")
        .decode()
    )


def case(*values: object, id: str) -> Any:
    """pytest.param with an ASCII id."""
    return pytest.param(*values, id=ascii_id(id))


# -- the catalogue: every form, its kind and its recipients --------------------------------------------------

# code: (name, kind, recipients, article the form cites, yearly). Written out here, apart from the code.
CATALOGUE = {
    "giay_khen": ("Giấy khen", FormKind.AWARD, {C, P, H}, "Điều 80 Luật Thi đua, khen thưởng 2022", False),
    "bang_khen": ("Bằng khen", FormKind.AWARD, {C, P, H}, LAW_2022, False),
    "co_thi_dua": ("Cờ thi đua của UBND tỉnh", FormKind.TITLE, {C}, LAW_2022, True),
    "lao_dong_tien_tien": ("Lao động tiên tiến", FormKind.TITLE, {P}, "Khoản 1 Điều 24 " + LAW_2022, True),
    "chien_si_tien_tien": ("Chiến sĩ tiên tiến", FormKind.TITLE, {P}, "Điều 24 " + LAW_2022, True),
    "chien_si_thi_dua_co_so": ("Chiến sĩ thi đua cơ sở", FormKind.TITLE, {P}, "Điều 23 " + LAW_2022, True),
    "chien_si_thi_dua_cap_tinh": ("Chiến sĩ thi đua cấp tỉnh", FormKind.TITLE, {P}, LAW_2022, False),
    "tap_the_lao_dong_tien_tien": (
        "Tập thể lao động tiên tiến",
        FormKind.TITLE,
        {C},
        "Điều 80 Luật Thi đua, khen thưởng 2022",
        True,
    ),
    "tap_the_lao_dong_xuat_sac": ("Tập thể lao động xuất sắc", FormKind.TITLE, {C}, LAW_2022, True),
    "don_vi_tien_tien": ("Đơn vị tiên tiến", FormKind.TITLE, {C}, ART_80_5, True),
    "don_vi_quyet_thang": ("Đơn vị quyết thắng", FormKind.TITLE, {C}, LAW_2022, True),
    "gia_dinh_van_hoa": (
        "Gia đình văn hóa",
        FormKind.TITLE,
        {H},
        ART_80_3 + "; Nghị định 86/2023/NĐ-CP",
        True,
    ),
    "thon_van_hoa": (
        "Thôn, tổ dân phố văn hóa",
        FormKind.TITLE,
        {C},
        ART_80_2 + "; Nghị định 86/2023/NĐ-CP",
        True,
    ),
    "co_thi_dua_quyet_thang": (
        "Cờ thi đua Quyết thắng",
        FormKind.TITLE,
        {C},
        "Thông tư 160/2014/TT-BQP, từ 25/11/2018 Thông tư 151/2018/TT-BQP",
        True,
    ),
}


def test_the_catalogue_holds_exactly_the_forms_of_the_law() -> None:
    assert set(FORMS) == set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_form_cites_its_article(code: str) -> None:
    name, kind, recipients, article, yearly = CATALOGUE[code]
    form = FORMS[code]
    assert (form.code, form.name, form.kind, form.article, form.yearly) == (code, name, kind, article, yearly)
    assert form.recipient_kinds == frozenset(recipients)
    assert form.article_before_2024, "every form also cites its source before 2024"


RECIPIENT_CASES = [
    case(code, kind, kind in CATALOGUE[code][2], id=f"{CATALOGUE[code][3]} {code} {kind}")
    for code in CATALOGUE
    for kind in RecipientKind
]


@pytest.mark.parametrize(("code", "kind", "expected"), RECIPIENT_CASES)
def test_recipient_kinds_of_each_form(code: str, kind: RecipientKind, expected: bool) -> None:
    verdict = recipient_allowed(code, kind)
    assert verdict.allowed is expected
    assert verdict.article == CATALOGUE[code][3]
    assert (verdict.message == "") is expected


@pytest.mark.parametrize(
    ("code", "kind", "message"),
    [
        case(
            "lao_dong_tien_tien",
            H,
            "Danh hiệu “Lao động tiên tiến” chỉ tặng cho cá nhân, không tặng cho hộ gia đình "
            "(Khoản 1 Điều 24 Luật Thi đua, khen thưởng 2022).",
            id="Art.24(1)-2022 LĐTT individuals only",
        ),
        case(
            "gia_dinh_van_hoa",
            C,
            "Danh hiệu “Gia đình văn hóa” chỉ tặng cho hộ gia đình, không tặng cho tập thể "
            "(Khoản 3 Điều 80 Luật Thi đua, khen thưởng 2022; Nghị định 86/2023/NĐ-CP).",
            id="Art.80(3)-2022 ND86/2023 Gia đình văn hóa households only",
        ),
        case(
            "tap_the_lao_dong_tien_tien",
            P,
            "Danh hiệu “Tập thể lao động tiên tiến” chỉ tặng cho tập thể, không tặng cho cá nhân "
            "(Điều 80 Luật Thi đua, khen thưởng 2022).",
            id="Art.80-2022 TTLĐTT collectives only",
        ),
    ],
)
def test_recipient_refusal_messages(code: str, kind: RecipientKind, message: str) -> None:
    assert recipient_allowed(code, kind) == Verdict(False, message, FORMS[code].article)


def test_a_form_cites_the_text_of_the_decisions_era() -> None:
    form = FORMS["chien_si_thi_dua_co_so"]
    assert form.article_on(D(2023, 12, 31)) == (
        "Điều 23 Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013); Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP"
    )
    assert form.article_on(D(2024, 1, 1)) == "Điều 23 Luật Thi đua, khen thưởng 2022"


def test_an_unknown_form_is_refused_by_name() -> None:
    expected = Verdict(False, "Không có hình thức khen thưởng, danh hiệu thi đua mã “huan_chuong”.", "")
    assert recipient_allowed("huan_chuong", P) == expected
    assert may_award(Issuer.COMMUNE_CHAIRMAN, "huan_chuong", NEW_ERA) == expected


# -- who may award what, in each era -------------------------------------------------------------------------

COMMUNE_2022 = {"lao_dong_tien_tien", "giay_khen", "gia_dinh_van_hoa"}
DISTRICT_2022 = {
    "thon_van_hoa",
    "tap_the_lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "lao_dong_tien_tien",
    "giay_khen",
}
PROVINCE = {"bang_khen", "co_thi_dua", "chien_si_thi_dua_cap_tinh", "tap_the_lao_dong_xuat_sac"}
PROVINCIAL_COMMAND = {"giay_khen", "chien_si_tien_tien", "don_vi_tien_tien", "chien_si_thi_dua_co_so"}
DISTRICT_COMMAND = {"chien_si_tien_tien", "giay_khen", "don_vi_tien_tien"}
MILITARY_REGION = {"bang_khen", "co_thi_dua_quyet_thang", "don_vi_quyet_thang"}
ARMY_2003 = (
    f"{LAW_2003}; Thông tư 160/2014/TT-BQP, từ 25/11/2018 Thông tư 151/2018/TT-BQP; "
    "Điều 10 Thông tư 57/2020/TT-BQP (dân quân tự vệ)"
)

# (issuer, date): (forms it may decide, the article cited). Empty forms: it may award nothing that day.
POWERS: dict[tuple[Issuer, dt.date], tuple[set[str], str]] = {
    (Issuer.COMMUNE_CHAIRMAN, OLD_ERA): (COMMUNE_2022, LAW_2003),
    (Issuer.COMMUNE_CHAIRMAN, NEW_ERA): (COMMUNE_2022, ART_80_3),
    (Issuer.COMMUNE_CHAIRMAN, TWO_TIER): (COMMUNE_2022 | DISTRICT_2022, ART_80_2_3_ND129),
    (Issuer.DISTRICT_CHAIRMAN, OLD_ERA): (DISTRICT_2022, LAW_2003),
    (Issuer.DISTRICT_CHAIRMAN, NEW_ERA): (DISTRICT_2022, ART_80_2),
    (Issuer.DISTRICT_CHAIRMAN, TWO_TIER): (
        set(),
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Nghị quyết 202/2025/QH15",
    ),
    (Issuer.PROVINCE_CHAIRMAN, OLD_ERA): (PROVINCE, LAW_2003),
    (Issuer.PROVINCE_CHAIRMAN, NEW_ERA): (PROVINCE, LAW_2022),
    (Issuer.PROVINCE_CHAIRMAN, TWO_TIER): (PROVINCE, LAW_2022),
    (Issuer.PROVINCIAL_COMMAND, OLD_ERA): (PROVINCIAL_COMMAND, ARMY_2003),
    (Issuer.PROVINCIAL_COMMAND, NEW_ERA): (PROVINCIAL_COMMAND, ARMY_2022),
    (Issuer.PROVINCIAL_COMMAND, TWO_TIER): (PROVINCIAL_COMMAND, ARMY_2022),
    (Issuer.DISTRICT_COMMAND, OLD_ERA): (DISTRICT_COMMAND, ARMY_2003),
    (Issuer.DISTRICT_COMMAND, NEW_ERA): (DISTRICT_COMMAND, ARMY_2022),
    (Issuer.DISTRICT_COMMAND, TWO_TIER): (set(), "Quyết định 2786/QĐ-BQP ngày 14/06/2025"),
    (Issuer.REGIONAL_COMMAND, OLD_ERA): (set(), "Quyết định 2786/QĐ-BQP ngày 14/06/2025"),
    (Issuer.REGIONAL_COMMAND, NEW_ERA): (set(), "Quyết định 2786/QĐ-BQP ngày 14/06/2025"),
    (Issuer.REGIONAL_COMMAND, TWO_TIER): (set(), ARMY_2022),
    (Issuer.MILITARY_REGION, OLD_ERA): (MILITARY_REGION, ARMY_2003),
    (Issuer.MILITARY_REGION, NEW_ERA): (MILITARY_REGION, ARMY_2022),
    (Issuer.MILITARY_REGION, TWO_TIER): (MILITARY_REGION, ARMY_2022),
}

POWER_CASES = [
    case(
        issuer,
        on,
        code,
        code in forms,
        article,
        id=f"{article} | {issuer} {on:%d/%m/%Y} {code} {'yes' if code in forms else 'no'}",
    )
    for (issuer, on), (forms, article) in POWERS.items()
    for code in CATALOGUE
]


def test_the_power_table_covers_every_issuer_in_every_era() -> None:
    assert {issuer for issuer, _ in POWERS} == set(Issuer)
    assert len(POWERS) == 3 * len(Issuer)


@pytest.mark.parametrize(("issuer", "on", "code", "expected", "article"), POWER_CASES)
def test_each_issuers_power_in_each_era(
    issuer: Issuer, on: dt.date, code: str, expected: bool, article: str
) -> None:
    verdict = may_award(issuer, code, on)
    assert verdict.allowed is expected
    assert verdict.article == article
    assert (code in {form.code for form in forms_for(issuer, on)}) is expected


@pytest.mark.parametrize(
    ("issuer", "code", "on", "message"),
    [
        case(
            Issuer.COMMUNE_CHAIRMAN,
            "chien_si_thi_dua_co_so",
            NEW_ERA,
            "Chủ tịch UBND xã không có thẩm quyền tặng danh hiệu “Chiến sĩ thi đua cơ sở” "
            "(Khoản 3 Điều 80 Luật Thi đua, khen thưởng 2022).",
            id="Art.80(3)-2022 commune chairman may not award CSTĐCS (domain-sources §6.5 rule 1)",
        ),
        case(
            Issuer.COMMUNE_CHAIRMAN,
            "bang_khen",
            TWO_TIER,
            "Chủ tịch UBND xã không có thẩm quyền tặng bằng khen "
            "(Khoản 2, 3 Điều 80 Luật Thi đua, khen thưởng 2022; Nghị định 129/2025/NĐ-CP).",
            id="Art.80(2)(3)-2022 ND129/2025 commune chairman may not award bằng khen",
        ),
        case(
            Issuer.DISTRICT_CHAIRMAN,
            "gia_dinh_van_hoa",
            NEW_ERA,
            "Chủ tịch UBND huyện không có thẩm quyền tặng danh hiệu “Gia đình văn hóa” "
            "(Khoản 2 Điều 80 Luật Thi đua, khen thưởng 2022).",
            id="Art.80(2)-2022 district chairman may not award Gia đình văn hóa",
        ),
        case(
            Issuer.DISTRICT_CHAIRMAN,
            "giay_khen",
            TWO_TIER,
            "Từ ngày 01/07/2025 không còn cấp huyện (chính quyền địa phương hai cấp, Luật Tổ chức chính "
            "quyền địa phương số 72/2025/QH15; Nghị quyết 202/2025/QH15): Chủ tịch UBND huyện không còn "
            "thẩm quyền khen thưởng vào ngày 01/08/2025.",
            id="Luật 72/2025 NQ202/2025 no district chairman from 01/07/2025",
        ),
        case(
            Issuer.DISTRICT_COMMAND,
            "chien_si_tien_tien",
            TWO_TIER,
            "Ban CHQS huyện đã giải thể (Quyết định 2786/QĐ-BQP ngày 14/06/2025; từ ngày 01/07/2025 không "
            "còn cấp huyện): Chỉ huy trưởng Ban CHQS huyện không còn thẩm quyền khen thưởng vào ngày "
            "01/08/2025.",
            id="QĐ2786/QĐ-BQP no district command from 01/07/2025",
        ),
        case(
            Issuer.REGIONAL_COMMAND,
            "giay_khen",
            NEW_ERA,
            "Ban CHPTKV chỉ có từ ngày 01/07/2025 (Quyết định 2786/QĐ-BQP ngày 14/06/2025): không có "
            "Chỉ huy trưởng Ban CHPTKV vào ngày 01/06/2024.",
            id="QĐ2786/QĐ-BQP no regional command before 01/07/2025",
        ),
        case(
            Issuer.REGIONAL_COMMAND,
            "chien_si_tien_tien",
            TWO_TIER,
            "Chỉ huy trưởng Ban CHPTKV không có thẩm quyền tặng danh hiệu “Chiến sĩ tiên tiến”: chưa có "
            "văn bản nào giao thẩm quyền khen thưởng cho Ban CHPTKV (Khoản 5 Điều 80 Luật Thi đua, khen "
            "thưởng 2022; thông tư của Bộ Quốc phòng).",
            id="Art.80(5)-2022 regional command has no source of power",
        ),
        case(
            Issuer.PROVINCE_CHAIRMAN,
            "giay_khen",
            OLD_ERA,
            "Chủ tịch UBND tỉnh không có thẩm quyền tặng giấy khen "
            "(Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)).",
            id="Law2003 province chairman gives bằng khen, not giấy khen",
        ),
        case(
            Issuer.MILITARY_REGION,
            "co_thi_dua",
            NEW_ERA,
            "Tư lệnh Quân khu không có thẩm quyền tặng Cờ thi đua của UBND tỉnh "
            "(Khoản 5 Điều 80 Luật Thi đua, khen thưởng 2022; thông tư của Bộ Quốc phòng).",
            id="Art.80(5)-2022 military region may not give the province's flag",
        ),
        case(
            Issuer.COMMUNE_CHAIRMAN,
            "giay_khen",
            D(2004, 6, 30),
            "Không có quy định về thẩm quyền khen thưởng áp dụng cho ngày 30/06/2004 "
            "(Luật Thi đua, khen thưởng có hiệu lực từ 01/07/2004).",
            id="Law2003 in force 01/07/2004: no rule the day before",
        ),
    ],
)
def test_authority_refusal_messages(issuer: Issuer, code: str, on: dt.date, message: str) -> None:
    verdict = may_award(issuer, code, on)
    assert not verdict.allowed
    assert verdict.message == message


# The day before, on and after each change: 01/07/2004 (Law 2003), 01/01/2024 (Law 2022),
# 01/07/2025 (two tiers).
BOUNDARY_CASES = [
    case(Issuer.COMMUNE_CHAIRMAN, "giay_khen", D(2004, 6, 30), False, "", id="Law2003 30/06/2004 none"),
    case(
        Issuer.COMMUNE_CHAIRMAN, "giay_khen", D(2004, 7, 1), True, LAW_2003, id="Law2003 01/07/2004 giấy khen"
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN, "giay_khen", D(2004, 7, 2), True, LAW_2003, id="Law2003 02/07/2004 giấy khen"
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN,
        "lao_dong_tien_tien",
        D(2023, 12, 31),
        True,
        LAW_2003,
        id="Law2003 31/12/2023 LĐTT",
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN,
        "lao_dong_tien_tien",
        D(2024, 1, 1),
        True,
        ART_80_3,
        id="Art.80(3)-2022 01/01/2024 LĐTT",
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN,
        "lao_dong_tien_tien",
        D(2024, 1, 2),
        True,
        ART_80_3,
        id="Art.80(3)-2022 02/01/2024 LĐTT",
    ),
    case(
        Issuer.DISTRICT_CHAIRMAN,
        "thon_van_hoa",
        D(2023, 12, 31),
        True,
        LAW_2003,
        id="Law2003 31/12/2023 thôn văn hóa",
    ),
    case(
        Issuer.DISTRICT_CHAIRMAN,
        "thon_van_hoa",
        D(2024, 1, 1),
        True,
        ART_80_2,
        id="Art.80(2)-2022 01/01/2024 thôn văn hóa",
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN,
        "chien_si_thi_dua_co_so",
        D(2025, 6, 30),
        False,
        ART_80_3,
        id="Art.80(3)-2022 30/06/2025 commune no CSTĐCS",
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN,
        "chien_si_thi_dua_co_so",
        D(2025, 7, 1),
        True,
        ART_80_2_3_ND129,
        id="ND129/2025 01/07/2025 commune CSTĐCS",
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN,
        "chien_si_thi_dua_co_so",
        D(2025, 7, 2),
        True,
        ART_80_2_3_ND129,
        id="ND129/2025 02/07/2025 commune CSTĐCS",
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN,
        "thon_van_hoa",
        D(2025, 6, 30),
        False,
        ART_80_3,
        id="Art.80(3)-2022 30/06/2025 commune no thôn văn hóa",
    ),
    case(
        Issuer.COMMUNE_CHAIRMAN,
        "thon_van_hoa",
        D(2025, 7, 1),
        True,
        ART_80_2_3_ND129,
        id="ND129/2025 01/07/2025 commune thôn văn hóa",
    ),
    case(
        Issuer.DISTRICT_CHAIRMAN,
        "giay_khen",
        D(2025, 6, 30),
        True,
        ART_80_2,
        id="Art.80(2)-2022 30/06/2025 district giấy khen",
    ),
    case(
        Issuer.DISTRICT_CHAIRMAN,
        "giay_khen",
        D(2025, 7, 1),
        False,
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Nghị quyết 202/2025/QH15",
        id="Luật 72/2025 01/07/2025 no district",
    ),
    case(
        Issuer.DISTRICT_CHAIRMAN,
        "giay_khen",
        D(2025, 7, 2),
        False,
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Nghị quyết 202/2025/QH15",
        id="Luật 72/2025 02/07/2025 no district",
    ),
    case(
        Issuer.DISTRICT_COMMAND,
        "chien_si_tien_tien",
        D(2025, 6, 30),
        True,
        ARMY_2022,
        id="Art.80(5)-2022 30/06/2025 district command CSTT",
    ),
    case(
        Issuer.DISTRICT_COMMAND,
        "chien_si_tien_tien",
        D(2025, 7, 1),
        False,
        "Quyết định 2786/QĐ-BQP ngày 14/06/2025",
        id="QĐ2786 01/07/2025 no district command",
    ),
    case(
        Issuer.DISTRICT_COMMAND,
        "chien_si_tien_tien",
        D(2023, 12, 31),
        True,
        ARMY_2003,
        id="TT151/2018 31/12/2023 district command CSTT",
    ),
    case(
        Issuer.DISTRICT_COMMAND,
        "chien_si_tien_tien",
        D(2024, 1, 1),
        True,
        ARMY_2022,
        id="Art.80(5)-2022 01/01/2024 district command CSTT",
    ),
    case(
        Issuer.REGIONAL_COMMAND,
        "giay_khen",
        D(2025, 6, 30),
        False,
        "Quyết định 2786/QĐ-BQP ngày 14/06/2025",
        id="QĐ2786 30/06/2025 no regional command yet",
    ),
    case(
        Issuer.REGIONAL_COMMAND,
        "giay_khen",
        D(2025, 7, 1),
        False,
        ARMY_2022,
        id="Art.80(5)-2022 01/07/2025 regional command no power",
    ),
    case(
        Issuer.PROVINCE_CHAIRMAN,
        "bang_khen",
        D(2023, 12, 31),
        True,
        LAW_2003,
        id="Law2003 31/12/2023 province bằng khen",
    ),
    case(
        Issuer.PROVINCE_CHAIRMAN,
        "bang_khen",
        D(2024, 1, 1),
        True,
        LAW_2022,
        id="Law2022 01/01/2024 province bằng khen",
    ),
]


@pytest.mark.parametrize(("issuer", "code", "on", "expected", "article"), BOUNDARY_CASES)
def test_boundary_dates(issuer: Issuer, code: str, on: dt.date, expected: bool, article: str) -> None:
    verdict = may_award(issuer, code, on)
    assert (verdict.allowed, verdict.article) == (expected, article)


@pytest.mark.parametrize(
    ("issuer", "code", "on"),
    [
        case(
            Issuer.DISTRICT_CHAIRMAN,
            "giay_khen",
            D(2020, 1, 10),
            id="Law2003 seed 2019 UBND huyện Duy Tiên giấy khen",
        ),
        case(
            Issuer.DISTRICT_CHAIRMAN,
            "giay_khen",
            D(2021, 12, 20),
            id="Law2003 seed 2021 UBND huyện Bình Liêu giấy khen",
        ),
        case(
            Issuer.DISTRICT_COMMAND,
            "chien_si_tien_tien",
            D(2021, 12, 20),
            id="TT151/2018 seed 2021 BCHQS huyện chiến sĩ tiên tiến",
        ),
        case(
            Issuer.PROVINCIAL_COMMAND,
            "giay_khen",
            D(2021, 12, 20),
            id="TT151/2018 seed 2021 Bộ CHQS tỉnh khen thưởng",
        ),
        case(
            Issuer.DISTRICT_CHAIRMAN,
            "giay_khen",
            D(2023, 12, 28),
            id="Law2003 seed 2023 UBND huyện Ngọc Lặc giấy khen",
        ),
    ],
)
def test_the_seed_articles_decisions_were_within_power(issuer: Issuer, code: str, on: dt.date) -> None:
    assert may_award(issuer, code, on).allowed


def test_forms_for_lists_the_commune_chairmans_forms_in_catalogue_order() -> None:
    assert [form.code for form in forms_for(Issuer.COMMUNE_CHAIRMAN, NEW_ERA)] == [
        "giay_khen",
        "lao_dong_tien_tien",
        "gia_dinh_van_hoa",
    ]
    assert forms_for(Issuer.DISTRICT_CHAIRMAN, TWO_TIER) == []
    assert forms_for(Issuer.REGIONAL_COMMAND, TWO_TIER) == []
    assert forms_for(Issuer.COMMUNE_CHAIRMAN, D(2000, 1, 1)) == []


# -- issuers: existence, level, body, signature --------------------------------------------------------------

IN_FORCE = [
    case(issuer, on, expected, id=f"{source} {issuer} {on:%d/%m/%Y}")
    for issuer, source, dates in [
        (Issuer.COMMUNE_CHAIRMAN, "Law2003/2022", {OLD_ERA: True, NEW_ERA: True, TWO_TIER: True}),
        (
            Issuer.DISTRICT_CHAIRMAN,
            "Luật 72/2025",
            {OLD_ERA: True, D(2025, 6, 30): True, D(2025, 7, 1): False},
        ),
        (Issuer.PROVINCE_CHAIRMAN, "Law2003/2022", {OLD_ERA: True, NEW_ERA: True, TWO_TIER: True}),
        (Issuer.PROVINCIAL_COMMAND, "Art.80(5)-2022", {OLD_ERA: True, NEW_ERA: True, TWO_TIER: True}),
        (
            Issuer.DISTRICT_COMMAND,
            "QĐ2786/QĐ-BQP",
            {OLD_ERA: True, D(2025, 6, 30): True, D(2025, 7, 1): False},
        ),
        (
            Issuer.REGIONAL_COMMAND,
            "QĐ2786/QĐ-BQP",
            {OLD_ERA: False, D(2025, 6, 30): False, D(2025, 7, 1): True},
        ),
        (Issuer.MILITARY_REGION, "Art.80(5)-2022", {OLD_ERA: True, NEW_ERA: True, TWO_TIER: True}),
    ]
    for on, expected in dates.items()
]


@pytest.mark.parametrize(("issuer", "on", "expected"), IN_FORCE)
def test_issuer_in_force(issuer: Issuer, on: dt.date, expected: bool) -> None:
    verdict = issuer_in_force(issuer, on)
    assert verdict.allowed is expected
    assert verdict.article
    assert (verdict.message == "") is expected


def test_issuers_in_force_cite_the_law_of_the_day() -> None:
    assert issuer_in_force(Issuer.COMMUNE_CHAIRMAN, OLD_ERA).article == LAW_2003
    assert issuer_in_force(Issuer.COMMUNE_CHAIRMAN, NEW_ERA).article == LAW_2022


@pytest.mark.parametrize(
    ("issuer", "level"),
    [
        (Issuer.COMMUNE_CHAIRMAN, "xã"),
        (Issuer.DISTRICT_CHAIRMAN, "huyện"),
        (Issuer.PROVINCE_CHAIRMAN, "tỉnh"),
        (Issuer.PROVINCIAL_COMMAND, "tỉnh"),
        (Issuer.DISTRICT_COMMAND, "huyện"),
        (Issuer.REGIONAL_COMMAND, "tỉnh"),
        (Issuer.MILITARY_REGION, "quân khu"),
    ],
)
def test_issuer_level(issuer: Issuer, level: str) -> None:
    assert issuer_level(issuer) == level


@pytest.mark.parametrize(
    ("issuer", "unit_name", "body"),
    [
        (Issuer.COMMUNE_CHAIRMAN, "Xã An Bình", "UBND xã An Bình"),
        (Issuer.COMMUNE_CHAIRMAN, "An Bình", "UBND xã An Bình"),
        (Issuer.COMMUNE_CHAIRMAN, "Phường Đông Hòa", "UBND phường Đông Hòa"),
        (Issuer.COMMUNE_CHAIRMAN, "Thị trấn Đông Hòa", "UBND thị trấn Đông Hòa"),
        (Issuer.COMMUNE_CHAIRMAN, "Đặc khu Cô Tô", "UBND đặc khu Cô Tô"),
        (Issuer.COMMUNE_CHAIRMAN, "Ủy ban nhân dân xã An Bình", "UBND xã An Bình"),
        (Issuer.DISTRICT_CHAIRMAN, "Bình Liêu", "UBND huyện Bình Liêu"),
        (Issuer.DISTRICT_CHAIRMAN, "Huyện Duy Tiên", "UBND huyện Duy Tiên"),
        (Issuer.DISTRICT_CHAIRMAN, "Thị xã Duy Tiên", "UBND thị xã Duy Tiên"),
        (Issuer.PROVINCE_CHAIRMAN, "Tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh"),
        (Issuer.PROVINCE_CHAIRMAN, "Thành phố Hà Nội", "UBND thành phố Hà Nội"),
        (Issuer.PROVINCIAL_COMMAND, "Quảng Ninh", "Bộ CHQS tỉnh Quảng Ninh"),
        (Issuer.PROVINCIAL_COMMAND, "Bộ Chỉ huy quân sự tỉnh Quảng Ninh", "Bộ CHQS tỉnh Quảng Ninh"),
        (Issuer.DISTRICT_COMMAND, "Huyện Bình Liêu", "BCHQS huyện Bình Liêu"),
        (Issuer.DISTRICT_COMMAND, "Ban Chỉ huy quân sự huyện Bình Liêu", "BCHQS huyện Bình Liêu"),
        (Issuer.REGIONAL_COMMAND, "Ban Chỉ huy phòng thủ khu vực 1 – An Bình", "Ban CHPTKV 1 – An Bình"),
        (Issuer.REGIONAL_COMMAND, "5 – Điện Bàn", "Ban CHPTKV 5 – Điện Bàn"),
        (Issuer.MILITARY_REGION, "Quân khu 3", "Bộ Tư lệnh Quân khu 3"),
        (Issuer.MILITARY_REGION, "5", "Bộ Tư lệnh Quân khu 5"),
    ],
)
def test_issuing_body(issuer: Issuer, unit_name: str, body: str) -> None:
    assert issuing_body(issuer, unit_name) == body


@pytest.mark.parametrize(
    ("issuer", "signature"),
    [
        (Issuer.COMMUNE_CHAIRMAN, ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        (Issuer.DISTRICT_CHAIRMAN, ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        (Issuer.PROVINCE_CHAIRMAN, ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        (Issuer.PROVINCIAL_COMMAND, ("", "CHỈ HUY TRƯỞNG")),
        (Issuer.DISTRICT_COMMAND, ("", "CHỈ HUY TRƯỞNG")),
        (Issuer.REGIONAL_COMMAND, ("", "CHỈ HUY TRƯỞNG")),
        (Issuer.MILITARY_REGION, ("", "TƯ LỆNH")),
    ],
)
def test_signature_block_nd30_2020(issuer: Issuer, signature: tuple[str, str]) -> None:
    assert signature_of(issuer, NEW_ERA) == signature


def test_labels_are_vietnamese_nfc() -> None:
    assert rules.RECIPIENT_KIND_LABELS == {C: "tập thể", P: "cá nhân", H: "hộ gia đình"}
    assert rules.ISSUER_LABELS[Issuer.COMMUNE_CHAIRMAN] == "Chủ tịch UBND xã"
    assert set(rules.ISSUER_LABELS) == set(Issuer)
    texts = [*rules.ISSUER_LABELS.values(), *rules.RECIPIENT_KIND_LABELS.values()]
    texts += [form.name for form in FORMS.values()] + [form.phrase for form in FORMS.values()]
    assert all(text == unicodedata.normalize("NFC", text) for text in texts)


# -- award phrase --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "phrase"),
    [
        ((2, 3), "2 tập thể, 3 cá nhân"),
        ((9, 14), "9 tập thể, 14 cá nhân"),  # seed 2019, Duy Tiên
        ((0, 4), "4 cá nhân"),  # seed 2021, Bình Liêu
        ((0, 0, 1), "1 hộ gia đình"),
        ((1, 0, 153), "1 tập thể, 153 hộ gia đình"),
        ((0, 1780, 0), "1.780 cá nhân"),
        ((0, 0, 0), ""),
    ],
)
def test_award_phrase(counts: tuple[int, ...], phrase: str) -> None:
    assert award_phrase(*counts) == phrase


def test_award_phrase_refuses_negative_counts() -> None:
    with pytest.raises(ValueError, match="không được âm"):
        award_phrase(-1, 2)


# -- check_nomination: every refusal, with its exact message -------------------------------------------------


def nomination(**changes: object) -> NominationFacts:
    """LĐTT 2024 for an individual by the commune chairman on 20/12/2024, nothing held: may be decided."""
    facts: dict[str, object] = {
        "issuer": Issuer.COMMUNE_CHAIRMAN,
        "form_code": "lao_dong_tien_tien",
        "recipient_kind": P,
        "decided_on": D(2024, 12, 20),
        "period_code": "2024",
        "achievement_year": 2024,
        "prior": (),
    }
    facts.update(changes)
    return NominationFacts(**facts)  # type: ignore[arg-type]


def held(code: str, year: int, period: str | None = None) -> PriorAward:
    return PriorAward(code, year, period or str(year))


def messages(facts: NominationFacts) -> list[str]:
    return [verdict.message for verdict in check_nomination(facts)]


@pytest.mark.parametrize(
    "facts",
    [
        case(nomination(), id="Art.80(3)-2022 LĐTT by the commune chairman"),
        case(
            nomination(
                issuer=Issuer.DISTRICT_CHAIRMAN,
                form_code="chien_si_thi_dua_co_so",
                prior=(held("lao_dong_tien_tien", 2024),),
            ),
            id="Art.23-2022 CSTĐCS with LĐTT the same year",
        ),
        case(
            nomination(
                issuer=Issuer.PROVINCIAL_COMMAND,
                form_code="chien_si_thi_dua_co_so",
                prior=(held("chien_si_tien_tien", 2024),),
            ),
            id="Art.23-2022 CSTĐCS with CSTT the same year",
        ),
        case(
            nomination(
                issuer=Issuer.DISTRICT_CHAIRMAN,
                form_code="chien_si_thi_dua_co_so",
                same_achievement_forms=("lao_dong_tien_tien",),
            ),
            id="Art.23-2022 CSTĐCS decided with LĐTT for the same achievement (the ladder)",
        ),
        case(
            nomination(
                issuer=Issuer.PROVINCE_CHAIRMAN,
                form_code="chien_si_thi_dua_cap_tinh",
                prior=tuple(held("chien_si_thi_dua_co_so", year) for year in (2022, 2023, 2024)),
            ),
            id="Law2022 CSTĐ cấp tỉnh after CSTĐCS 2022, 2023, 2024",
        ),
        case(
            nomination(prior=(held("lao_dong_tien_tien", 2023),)),
            id="Law2022 LĐTT again the next year",
        ),
        case(
            nomination(
                form_code="giay_khen", period_code="90N-2024", prior=(held("giay_khen", 2024, "2024"),)
            ),
            id="Law2022 giấy khen of a campaign after the yearly one",
        ),
        case(
            nomination(
                issuer=Issuer.DISTRICT_CHAIRMAN,
                form_code="giay_khen",
                recipient_kind=C,
                decided_on=D(2020, 1, 10),
                period_code="2019",
                achievement_year=2019,
            ),
            id="Law2003 seed 2019 UBND huyện giấy khen to a collective",
        ),
        case(
            nomination(
                issuer=Issuer.DISTRICT_COMMAND,
                form_code="chien_si_tien_tien",
                decided_on=D(2021, 12, 20),
                period_code="2021",
                achievement_year=2021,
            ),
            id="TT151/2018 seed 2021 BCHQS huyện chiến sĩ tiên tiến",
        ),
        case(
            nomination(form_code="gia_dinh_van_hoa", recipient_kind=H),
            id="Art.80(3)-2022 Gia đình văn hóa to a household",
        ),
    ],
)
def test_a_nomination_that_may_be_decided(facts: NominationFacts) -> None:
    assert check_nomination(facts) == []


REFUSALS = [
    case(
        nomination(form_code="chien_si_thi_dua_co_so", prior=(held("lao_dong_tien_tien", 2024),)),
        [
            "Chủ tịch UBND xã không có thẩm quyền tặng danh hiệu “Chiến sĩ thi đua cơ sở” "
            "(Khoản 3 Điều 80 Luật Thi đua, khen thưởng 2022)."
        ],
        id="Art.80(3)-2022 the level may not award",
    ),
    case(
        nomination(
            issuer=Issuer.DISTRICT_CHAIRMAN,
            decided_on=D(2025, 12, 20),
            period_code="2025",
            achievement_year=2025,
        ),
        [
            "Từ ngày 01/07/2025 không còn cấp huyện (chính quyền địa phương hai cấp, Luật Tổ chức chính "
            "quyền địa phương số 72/2025/QH15; Nghị quyết 202/2025/QH15): Chủ tịch UBND huyện không còn "
            "thẩm quyền khen thưởng vào ngày 20/12/2025."
        ],
        id="Luật 72/2025 the era: no district level",
    ),
    case(
        nomination(recipient_kind=C),
        [
            "Danh hiệu “Lao động tiên tiến” chỉ tặng cho cá nhân, không tặng cho tập thể "
            "(Khoản 1 Điều 24 Luật Thi đua, khen thưởng 2022)."
        ],
        id="Art.24(1)-2022 the recipient kind",
    ),
    case(
        nomination(
            issuer=Issuer.DISTRICT_CHAIRMAN,
            form_code="chien_si_thi_dua_co_so",
            prior=(held("lao_dong_tien_tien", 2023),),
        ),
        [
            "Chưa đủ điều kiện tặng danh hiệu “Chiến sĩ thi đua cơ sở”: cần đạt danh hiệu “Lao động tiên "
            "tiến” hoặc “Chiến sĩ tiên tiến” năm 2024 (Điều 23 Luật Thi đua, khen thưởng 2022)."
        ],
        id="Art.23-2022 CSTĐCS needs LĐTT or CSTT the same year",
    ),
    case(
        nomination(
            issuer=Issuer.DISTRICT_CHAIRMAN,
            form_code="chien_si_thi_dua_co_so",
            decided_on=D(2023, 12, 20),
            period_code="2023",
            achievement_year=2023,
        ),
        [
            "Chưa đủ điều kiện tặng danh hiệu “Chiến sĩ thi đua cơ sở”: cần đạt danh hiệu “Lao động tiên "
            "tiến” hoặc “Chiến sĩ tiên tiến” năm 2023 (Điều 23 Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, "
            "2013); Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP)."
        ],
        id="Art.23-2003 ND91/2017 Art.9(3) CSTĐCS before 2024",
    ),
    case(
        nomination(
            issuer=Issuer.PROVINCE_CHAIRMAN,
            form_code="chien_si_thi_dua_cap_tinh",
            prior=(held("chien_si_thi_dua_co_so", 2022), held("chien_si_thi_dua_co_so", 2024)),
        ),
        [
            "Chưa đủ điều kiện tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”: cần 03 lần liên tục đạt danh "
            "hiệu “Chiến sĩ thi đua cơ sở” (2022, 2023, 2024), còn thiếu năm 2023 (Luật Thi đua, khen "
            "thưởng 2022)."
        ],
        id="Law2022 CSTĐ cấp tỉnh needs three consecutive CSTĐCS",
    ),
    case(
        nomination(
            issuer=Issuer.PROVINCE_CHAIRMAN,
            form_code="chien_si_thi_dua_cap_tinh",
            decided_on=D(2023, 12, 20),
            period_code="2023",
            achievement_year=2023,
            prior=(held("chien_si_thi_dua_co_so", 2023),),
        ),
        [
            "Chưa đủ điều kiện tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”: cần 03 lần liên tục đạt danh "
            "hiệu “Chiến sĩ thi đua cơ sở” (2021, 2022, 2023), còn thiếu năm 2021, 2022 (Điều 22 Luật Thi "
            "đua, khen thưởng 2003 (sửa đổi 2005, 2013))."
        ],
        id="Art.22-2003 CSTĐ cấp tỉnh before 2024",
    ),
    case(
        nomination(prior=(held("lao_dong_tien_tien", 2024),)),
        [
            "Cá nhân này đã được tặng danh hiệu “Lao động tiên tiến” năm 2024 (nguyên tắc khen thưởng, "
            "Luật Thi đua, khen thưởng 2022)."
        ],
        id="Law2022 principles the same title twice for a year",
    ),
    case(
        nomination(prior=(held("lao_dong_tien_tien", 2024, "90N-2024"),)),
        [
            "Cá nhân này đã được tặng danh hiệu “Lao động tiên tiến” năm 2024 (nguyên tắc khen thưởng, "
            "Luật Thi đua, khen thưởng 2022)."
        ],
        id="Law2022 principles a yearly title is once a year whatever the period code",
    ),
    case(
        nomination(
            form_code="giay_khen",
            recipient_kind=C,
            period_code="90N-2024",
            prior=(held("giay_khen", 2024, "90N-2024"),),
        ),
        [
            "Tập thể này đã được tặng giấy khen trong đợt “90N-2024” (nguyên tắc khen thưởng, Luật Thi đua, "
            "khen thưởng 2022)."
        ],
        id="Law2022 principles giấy khen twice in one campaign",
    ),
    case(
        nomination(
            form_code="gia_dinh_van_hoa",
            recipient_kind=H,
            decided_on=D(2023, 12, 20),
            period_code="2023",
            achievement_year=2023,
            prior=(held("gia_dinh_van_hoa", 2023),),
        ),
        [
            "Hộ gia đình này đã được tặng danh hiệu “Gia đình văn hóa” năm 2023 (Điểm b khoản 2 Điều 6 Luật "
            "Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013))."
        ],
        id="Art.6(2)(b)-2003 Gia đình văn hóa twice for a year",
    ),
    case(
        nomination(form_code="giay_khen", same_achievement_forms=("bang_khen",)),
        [
            "Thành tích này đã được khen thưởng bằng bằng khen; không khen thưởng nhiều hình thức cho một "
            "thành tích (nguyên tắc khen thưởng, Luật Thi đua, khen thưởng 2022)."
        ],
        id="Law2022 principles one achievement two forms (domain-sources §6.5 rule 2)",
    ),
    case(
        nomination(same_achievement_forms=("giay_khen",)),
        [
            "Thành tích này đã được khen thưởng bằng giấy khen; không khen thưởng nhiều hình thức cho một "
            "thành tích (nguyên tắc khen thưởng, Luật Thi đua, khen thưởng 2022)."
        ],
        id="Law2022 principles a title and a giay khen for one achievement",
    ),
    case(
        nomination(same_achievement_forms=("chien_si_tien_tien",)),
        [
            "Thành tích này đã được khen thưởng bằng danh hiệu “Chiến sĩ tiên tiến”; không khen thưởng "
            "nhiều hình thức cho một thành tích (nguyên tắc khen thưởng, Luật Thi đua, khen thưởng 2022)."
        ],
        id="Law2022 principles two titles off the ladder for one achievement",
    ),
    case(
        nomination(form_code="giay_khen", same_achievement_forms=("giay_khen",)),
        ["Thành tích này đã được tặng giấy khen (nguyên tắc khen thưởng, Luật Thi đua, khen thưởng 2022)."],
        id="Law2022 principles one achievement the same form twice",
    ),
    case(
        nomination(achievement_year=2025),
        [
            "Năm thành tích 2025 sau ngày quyết định 20/12/2024: chỉ khen thưởng thành tích đã đạt được "
            "(nguyên tắc khen thưởng, Luật Thi đua, khen thưởng 2022)."
        ],
        id="Law2022 principles an achievement after the decision",
    ),
    case(
        nomination(form_code="huan_chuong"),
        ["Không có hình thức khen thưởng, danh hiệu thi đua mã “huan_chuong”."],
        id="unknown form",
    ),
]


@pytest.mark.parametrize(("facts", "expected"), REFUSALS)
def test_each_refusal_with_its_exact_message(facts: NominationFacts, expected: list[str]) -> None:
    assert messages(facts) == expected
    assert all(not verdict.allowed for verdict in check_nomination(facts))


def test_every_refusal_that_applies_is_listed_in_order() -> None:
    facts = nomination(
        form_code="chien_si_thi_dua_co_so",
        recipient_kind=H,
        prior=(held("chien_si_thi_dua_co_so", 2024),),
        same_achievement_forms=("gia_dinh_van_hoa", "tap_the_lao_dong_tien_tien", "giay_khen"),
    )
    verdicts = check_nomination(facts)
    assert [verdict.article for verdict in verdicts] == [
        ART_80_3,
        "Điều 23 Luật Thi đua, khen thưởng 2022",
        "Điều 23 Luật Thi đua, khen thưởng 2022",
        PRINCIPLE_2022,
        PRINCIPLE_2022,
        PRINCIPLE_2022,
        PRINCIPLE_2022,
    ]
    assert verdicts[1].message.startswith("Danh hiệu “Chiến sĩ thi đua cơ sở” chỉ tặng cho cá nhân")
    assert verdicts[2].message.startswith("Chưa đủ điều kiện")
    assert verdicts[3].message.startswith("Hộ gia đình này đã được tặng")
    # In catalogue order: giấy khen, Tập thể lao động tiên tiến, Gia đình văn hóa.
    assert "giấy khen" in verdicts[4].message
    assert "Tập thể lao động tiên tiến" in verdicts[5].message
    assert "Gia đình văn hóa" in verdicts[6].message


def test_the_same_form_twice_is_said_once() -> None:
    facts = nomination(
        prior=(held("lao_dong_tien_tien", 2024),), same_achievement_forms=("lao_dong_tien_tien",)
    )
    assert len(check_nomination(facts)) == 1


def test_the_old_principle_is_cited_before_2024() -> None:
    facts = nomination(
        decided_on=D(2023, 12, 20),
        period_code="2023",
        achievement_year=2023,
        form_code="giay_khen",
        same_achievement_forms=("bang_khen",),
    )
    assert [verdict.article for verdict in check_nomination(facts)] == [PRINCIPLE_2003]
