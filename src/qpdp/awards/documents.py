"""The award decision as an official document (Nghị định 30/2020/NĐ-CP): header, legal bases by era, the
articles, the list of collectives, individuals and households with their achievements, and the signature.

Read from what the decision recorded (its issuing body, number, date, signing line, signer) and its lines,
so a decision printed years later reads as it was signed. The legal bases are those in force on the
decision's date: Luật Thi đua, khen thưởng 2003 (amended 2005, 2013) and Nghị định 91/2017/NĐ-CP until
31/12/2023, Luật Thi đua, khen thưởng 2022 and Nghị định 98/2023/NĐ-CP from 01/01/2024; for a People's
Committee also the local-government law of its day (2015, amended 2019; from 01/07/2025 the 2025 law).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from qpdp.awards import rules
from qpdp.awards.choices import DecisionStatus
from qpdp.awards.models import Award, AwardDecision
from qpdp.core.documents import Block, OfficialDocument, Paragraph, Signature, Table
from qpdp.core.text import format_number
from qpdp.org.choices import UnitKind
from qpdp.org.rules import TWO_TIER_FROM, in_sentence, place_name

KIND = "Quyết định"
LIST_TITLE = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"
COLUMNS = [
    "STT",
    "Tên tập thể, cá nhân",
    "Chức vụ, đơn vị, địa chỉ",
    "Thành tích",
    "Hình thức",
    "Tiền thưởng (đồng)",
]
DRAFT_MARK = "DỰ THẢO"

# -- legal bases by era ------------------------------------------------------------------------------

# Luật 15/2003/QH11 (26/11/2003), amended by Luật 47/2005/QH11 (14/06/2005) and 39/2013/QH13 (16/11/2013).
LAW_2003_BASIS = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
    "Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;"
)
DECREE_2017_BASIS = (
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;"
)
# Luật 06/2022/QH15 (15/06/2022), in force 01/01/2024 [V, S39b].
LAW_2022_BASIS = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
# ND 98/2023/NĐ-CP (31/12/2023) [V, S39c]; whether ND 152/2025/NĐ-CP replaced it is unverified (domain §6).
DECREE_2023_BASIS = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng;"
)
# Luật 77/2015/QH13 (19/06/2015), amended by Luật 47/2019/QH14 (22/11/2019); Luật 72/2025/QH15 (16/06/2025).
LOCAL_GOVERNMENT_2015_BASIS = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
    "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"
)
LOCAL_GOVERNMENT_2025_BASIS = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
# The army's circulars before 2024 [C]; the circular under the 2022 law is not known by number [?].
ARMY_2018_BASIS = (
    "Căn cứ Thông tư số 151/2018/TT-BQP ngày 25 tháng 10 năm 2018 của Bộ trưởng Bộ Quốc phòng quy định "
    "công tác thi đua, khen thưởng trong Quân đội nhân dân Việt Nam;"
)
ARMY_2014_BASIS = (
    "Căn cứ Thông tư số 160/2014/TT-BQP của Bộ trưởng Bộ Quốc phòng hướng dẫn công tác thi đua, khen "
    "thưởng trong Quân đội nhân dân Việt Nam;"
)
ARMY_2022_BASIS = (
    "Căn cứ thông tư của Bộ trưởng Bộ Quốc phòng quy định công tác thi đua, khen thưởng trong Quân đội "
    "nhân dân Việt Nam;"
)
ARMY_2018_FROM = dt.date(2018, 11, 25)  # TT 151/2018/TT-BQP in force (rules.law.ARMY_CIRCULARS_2003)

PEOPLES_COMMITTEE_ISSUERS = frozenset(
    {rules.Issuer.COMMUNE_CHAIRMAN, rules.Issuer.DISTRICT_CHAIRMAN, rules.Issuer.PROVINCE_CHAIRMAN}
)
# The symbol after the number: "125/QĐ-UBND", "88/QĐ-BCH".
SYMBOLS: dict[rules.Issuer, str] = {
    rules.Issuer.COMMUNE_CHAIRMAN: "QĐ-UBND",
    rules.Issuer.DISTRICT_CHAIRMAN: "QĐ-UBND",
    rules.Issuer.PROVINCE_CHAIRMAN: "QĐ-UBND",
    rules.Issuer.PROVINCIAL_COMMAND: "QĐ-BCH",
    rules.Issuer.DISTRICT_COMMAND: "QĐ-BCH",
    rules.Issuer.REGIONAL_COMMAND: "QĐ-BCH",
    rules.Issuer.MILITARY_REGION: "QĐ-BTL",
}
# Short names of bodies (as rules.issuing_body writes them) and their full names for the heading.
LONG_BODIES = (
    ("UBND", "Ủy ban nhân dân"),
    ("Bộ CHQS", "Bộ Chỉ huy quân sự"),
    ("BCHQS", "Ban Chỉ huy quân sự"),
    ("Ban CHQS", "Ban Chỉ huy quân sự"),
    ("Ban CHPTKV", "Ban Chỉ huy phòng thủ khu vực"),
)
KIND_ORDER = (rules.RecipientKind.COLLECTIVE, rules.RecipientKind.INDIVIDUAL, rules.RecipientKind.HOUSEHOLD)
GROUP_NUMBERS = ("I", "II", "III")
GROUP_TITLES = {
    rules.RecipientKind.COLLECTIVE: "TẬP THỂ",
    rules.RecipientKind.INDIVIDUAL: "CÁ NHÂN",
    rules.RecipientKind.HOUSEHOLD: "HỘ GIA ĐÌNH",
}


def long_body(issuing_body: str) -> str:
    """ "Ủy ban nhân dân xã An Bình" from "UBND xã An Bình" (the heading spells the body out)."""
    for short, full in LONG_BODIES:
        if issuing_body.startswith(short + " "):
            return full + issuing_body[len(short) :]
    return issuing_body


def place_of(decision: AwardDecision) -> str:
    """ "An Bình" of "Xã An Bình": the place before the date (its division word left out)."""
    return place_name(decision.issuing_unit.name)


def _long_date(day: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2026" (days below 10 and the months 1, 2 with a zero, ND 30/2020 Annex I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def legal_bases(issuer: rules.Issuer, on: dt.date) -> list[str]:
    """The "Căn cứ …" lines in force on the decision's date, for this kind of issuer."""
    bases: list[str] = []
    if issuer in PEOPLES_COMMITTEE_ISSUERS:
        bases.append(LOCAL_GOVERNMENT_2025_BASIS if on >= TWO_TIER_FROM else LOCAL_GOVERNMENT_2015_BASIS)
    if on >= rules.LAW_2022_FROM:
        bases += [LAW_2022_BASIS, DECREE_2023_BASIS]
    else:
        bases += [LAW_2003_BASIS, DECREE_2017_BASIS]
    if issuer not in PEOPLES_COMMITTEE_ISSUERS:
        if on >= rules.LAW_2022_FROM:
            bases.append(ARMY_2022_BASIS)
        else:
            bases.append(ARMY_2018_BASIS if on >= ARMY_2018_FROM else ARMY_2014_BASIS)
    return bases


def _authority(decision: AwardDecision, issuer: rules.Issuer) -> str:
    """The governing body over the issuer in the heading: the provincial command over a district or
    regional command; none for a People's Committee or a provincial command."""
    if issuer not in (rules.Issuer.DISTRICT_COMMAND, rules.Issuer.REGIONAL_COMMAND):
        return ""
    unit = decision.issuing_unit
    province = unit if unit.kind == UnitKind.PROVINCE else unit.parent
    if province is None:
        return ""
    return long_body(rules.issuing_body(rules.Issuer.PROVINCIAL_COMMAND, province.name))


def _sorted_lines(lines: Sequence[Award]) -> list[Award]:
    order = {kind.value: index for index, kind in enumerate(KIND_ORDER)}
    return sorted(lines, key=lambda a: (order.get(a.recipient_kind, len(order)), a.pk or 0))


def _distinct(lines: Sequence[Award]) -> dict[str, int]:
    """Distinct recipients by kind ("2 tập thể, 3 cá nhân": a person given two forms counts once)."""
    keys: dict[str, set[str]] = {}
    for line in lines:
        keys.setdefault(line.recipient_kind, set()).add(line.recipient_key)
    return {kind: len(found) for kind, found in keys.items()}


def _phrase(counts: dict[str, int]) -> str:
    return rules.award_phrase(
        counts.get(rules.RecipientKind.COLLECTIVE, 0),
        counts.get(rules.RecipientKind.INDIVIDUAL, 0),
        counts.get(rules.RecipientKind.HOUSEHOLD, 0),
    )


def _form_phrase(code: str) -> str:
    form = rules.FORMS.get(code)
    return form.phrase if form else code


def _form_name(code: str) -> str:
    form = rules.FORMS.get(code)
    return form.name if form else code


def _article_one(decision: AwardDecision, lines: Sequence[Award]) -> str:
    """ "Điều 1. Tặng giấy khen cho 2 tập thể, 3 cá nhân (có danh sách kèm theo) đã có thành tích …"."""
    forms = list(dict.fromkeys(line.form_code for line in lines))
    reason = f" {decision.subject.rstrip('.')}" if decision.subject else ""
    if len(forms) == 1:
        what = f"Tặng {_form_phrase(forms[0])} cho {_phrase(_distinct(lines))}"
        text = f"Điều 1. {what} (có danh sách kèm theo){reason}."
    else:
        parts = [
            f"tặng {_form_phrase(code)} cho {_phrase(_distinct([a for a in lines if a.form_code == code]))}"
            for code in forms
        ]
        text = (
            f"Điều 1. Khen thưởng {_phrase(_distinct(lines))} (có danh sách kèm theo){reason}, gồm: "
            + "; ".join(parts)
            + "."
        )
    money = sum(line.money for line in lines)
    if money:
        text += (
            f"\nTổng số tiền thưởng: {format_number(money)} đồng (mức thưởng của từng tập thể, cá nhân ghi "
            "trong danh sách kèm theo), chi từ Quỹ thi đua, khen thưởng theo quy định."
        )
    return text


def _executors(decision: AwardDecision, issuer: rules.Issuer) -> str:
    unit_name = decision.issuing_unit.name
    if issuer in PEOPLES_COMMITTEE_ISSUERS:
        office = "Văn phòng Ủy ban nhân dân"
        command = f"Chỉ huy trưởng Ban Chỉ huy quân sự {in_sentence(unit_name, '')}"
        if issuer is rules.Issuer.COMMUNE_CHAIRMAN:
            office = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
        elif issuer is rules.Issuer.PROVINCE_CHAIRMAN:
            command = f"Chỉ huy trưởng Bộ Chỉ huy quân sự {in_sentence(unit_name, 'tỉnh')}"
        return f"{office}, {command}, các tập thể, cá nhân có tên tại Điều 1"
    return "Chủ nhiệm Chính trị, các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1"


def _decider(decision: AwardDecision, issuer: rules.Issuer) -> str:
    """ "Chủ tịch Ủy ban nhân dân xã An Bình": the office that decides (whoever signs for it)."""
    _, title = rules.signature_of(issuer, decision.decided_on)
    return f"{title.capitalize()} {long_body(decision.issuing_body)}"


def _council(decision: AwardDecision, issuer: rules.Issuer) -> str:
    """The emulation council that proposes: the commune's (district's, province's) or the command's."""
    if issuer in PEOPLES_COMMITTEE_ISSUERS:
        division = rules.ISSUERS[issuer].division
        return in_sentence(" ".join(decision.issuing_unit.name.split()), division)
    return long_body(decision.issuing_body)


def _row(number: str, line: Award) -> list[str]:
    return [
        number,
        line.recipient_name,
        line.recipient_detail,
        line.achievement,
        _form_name(line.form_code),
        format_number(line.money) if line.money else "",
    ]


def recipients_table(lines: Sequence[Award]) -> Table:
    """The list: a group per kind of recipient (I. TẬP THỂ, II. CÁ NHÂN, III. HỘ GIA ĐÌNH), numbered
    within the group; the total of the money at the end."""
    rows: list[list[str]] = []
    present = [kind for kind in KIND_ORDER if any(line.recipient_kind == kind for line in lines)]
    for roman, kind in zip(GROUP_NUMBERS, present, strict=False):
        group = [line for line in lines if line.recipient_kind == kind]
        rows.append([roman, GROUP_TITLES[kind], "", "", "", ""])
        rows += [_row(str(index), line) for index, line in enumerate(group, start=1)]
    money = sum(line.money for line in lines)
    if money:
        rows.append(["", "Tổng cộng", "", "", "", format_number(money)])
    return Table(
        COLUMNS,
        rows,
        widths=[1.5, 5.2, 4.2, 5.3, 3, 2.8],
        align=["center", "left", "left", "left", "left", "right"],
    )


def _number(decision: AwardDecision, issuer: rules.Issuer) -> str:
    """The recorded number, or (a draft) the symbol alone, leaving room to write the number."""
    if decision.number and decision.status == DecisionStatus.SIGNED:
        return decision.number
    return "/" + SYMBOLS.get(issuer, "QĐ")


def _subject(lines: Sequence[Award]) -> str:
    kinds = [rules.RECIPIENT_KIND_LABELS[k] for k in KIND_ORDER if any(a.recipient_kind == k for a in lines)]
    who = ", ".join(kinds) if kinds else "tập thể, cá nhân"
    return f"Về việc khen thưởng {who}"


def decision_document(decision: AwardDecision, lines: Sequence[Award] | None = None) -> OfficialDocument:
    """QUYẾT ĐỊNH về việc khen thưởng …: the decision with its recipient list (its lines as given, else
    read from the decision; a decision's list is the one it was signed with, revoked lines included)."""
    issuer = rules.Issuer(decision.issuer)
    awarded = _sorted_lines(list(decision.awards.all()) if lines is None else list(lines))
    signed = decision.status == DecisionStatus.SIGNED
    body: list[Block] = []
    if not signed:
        body.append(Paragraph(DRAFT_MARK, bold=True, align="center", indent_first_line=False))
    decider = _decider(decision, issuer)
    body.append(Paragraph(decider.upper(), bold=True, align="center", indent_first_line=False))
    body += [Paragraph(basis, italic=True) for basis in legal_bases(issuer, decision.decided_on)]
    body.append(
        Paragraph(
            f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng {_council(decision, issuer)},", italic=True
        )
    )
    body.append(Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent_first_line=False))
    body.append(Paragraph(_article_one(decision, awarded)))
    body.append(Paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."))
    body.append(
        Paragraph(f"Điều 3. {_executors(decision, issuer)} chịu trách nhiệm thi hành Quyết định này.")
    )
    number = decision.number if signed and decision.number else "……"
    body += [
        Paragraph(LIST_TITLE, bold=True, align="center", indent_first_line=False),
        Paragraph(
            f"(Kèm theo Quyết định số {number} {_long_date(decision.decided_on)} của {decider})",
            italic=True,
            align="center",
            indent_first_line=False,
        ),
        recipients_table(awarded),
    ]
    return OfficialDocument(
        authority=_authority(decision, issuer),
        issuer=long_body(decision.issuing_body),
        number=_number(decision, issuer),
        place=place_of(decision),
        date=decision.decided_on,
        kind=KIND,
        subject=_subject(awarded),
        body=body,
        recipients=["- Như Điều 3;", "- Lưu: VT."],
        signature=Signature(
            on_behalf=decision.signing_line,
            title=decision.signer_title,
            name=decision.signer_name if signed else "",
        ),
    )
