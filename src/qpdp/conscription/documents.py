"""Military-service documents in the state format (Nghị định 30/2020/NĐ-CP): orders, decision, lists, notices.

The registration call notice (`notice_document`), the public list of deferments and exemptions
(`public_list_document`), the enlistment order and the call-up decision.

The issuer and the signer are those in force on the signing date (`rules.authority`): from
01/07/2025 the commune People's Committee chairman signs the order (“ỦY BAN NHÂN DÂN XÃ …”,
“CHỦ TỊCH”) and the provincial chairman decides the list; before, the district military command's
commander signed the order (“BAN CHỈ HUY QUÂN SỰ HUYỆN …”, “CHỈ HUY TRƯỞNG”) and the district
chairman decided. A pre-reform district is found from the commune itself or, for a commune formed
on 01/07/2025, from the old communes it succeeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from qpdp.conscription import rules
from qpdp.conscription.choices import ReliefKind, Service
from qpdp.conscription.models import CallUp, Posting, Relief
from qpdp.core.documents import Block, OfficialDocument, Paragraph, Signature, Table
from qpdp.org import rules as org_rules
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.rules import in_sentence
from qpdp.org.selectors import predecessors_of
from qpdp.people.models import Citizen

ORDER_TITLE = "Lệnh gọi công dân nhập ngũ"
POLICE_ORDER_TITLE = "Lệnh gọi công dân thực hiện nghĩa vụ tham gia Công an nhân dân"
LAW_BASIS = (
    "Căn cứ Luật Nghĩa vụ quân sự ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của "
    "Luật Nghĩa vụ quân sự (Luật Dân quân tự vệ năm 2019, Luật số 98/2025/QH15);"
)
POLICE_BASIS = "Căn cứ Nghị định số 70/2019/NĐ-CP (sửa đổi bởi Nghị định số 184/2025/NĐ-CP);"
# The division words that open a unit's name ("Xã An Bình") and are left out of the place name.
SERVICE_TEXT: dict[str, str] = {
    Service.ARMY: "Quân đội nhân dân Việt Nam",
    Service.POLICE: "Công an nhân dân",
}
RELIEF_KIND_SHORT: dict[str, str] = {ReliefKind.DEFERMENT: "Tạm hoãn", ReliefKind.EXEMPTION: "Miễn"}


def place_name(unit: Unit | None) -> str:
    """The place in "An Bình, ngày …": the unit's name without its division word."""
    return org_rules.place_name(unit.name) if unit is not None else ""


def _long_date(day: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2026" (ND 30/2020 Annex I: days below 10 and months 1, 2 take a zero)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _district_of(commune: Unit, cache: dict[int, Unit | None]) -> Unit | None:
    """The pre-reform district above a commune (itself legacy, or succeeding legacy communes)."""
    if commune.pk in cache:
        return cache[commune.pk]
    district: Unit | None = None
    parent = commune.parent
    if parent is not None and parent.kind == UnitKind.DISTRICT:
        district = parent
    else:
        for old in predecessors_of(commune).select_related("parent"):
            if old.parent is not None and old.parent.kind == UnitKind.DISTRICT:
                district = old.parent
                break
    cache[commune.pk] = district
    return district


def _province_of(unit: Unit) -> Unit | None:
    node: Unit | None = unit
    while node is not None and node.kind != UnitKind.PROVINCE:
        node = node.parent
    return node


def _address(address: str, *units: Unit | None) -> str:
    """ "Số 1, Thôn 2, Xã An Bình, Tỉnh X": the street address, then each unit not already written in it."""
    parts = [address.strip()] if address.strip() else []
    for unit in units:
        if unit is not None and unit.name.lower() not in ", ".join(parts).lower():
            parts.append(unit.name)
    return ", ".join(parts)


def _residence(callup: CallUp) -> str:
    citizen = callup.citizen
    return _address(citizen.address, citizen.village, citizen.commune, _province_of(citizen.commune))


def _permanent(callup: CallUp) -> str:
    citizen = callup.citizen
    if citizen.permanent_commune is None and not citizen.permanent_address.strip():
        return ""
    return _address(citizen.permanent_address, citizen.permanent_village, citizen.permanent_commune)


def ground_label(code: str) -> str:
    """The law's label of a legal ground ("" for a code the rules do not know)."""
    law = rules.ground(code)
    return law.label if law else ""


def decider_text(callup: CallUp) -> str:
    """ "Chủ tịch UBND tỉnh Lai Châu" from the recorded title "Chủ tịch UBND cấp tỉnh"."""
    title = callup.decider_title
    if "cấp tỉnh" in title and (province := _province_of(callup.commune)) is not None:
        return title.replace("cấp tỉnh", in_sentence(province.name))
    if "cấp huyện" in title and (district := _district_of(callup.commune, {})) is not None:
        return title.replace("cấp huyện", in_sentence(district.name))
    return title


def order_issuer(callup: CallUp, cache: dict[int, Unit | None] | None = None) -> tuple[str, str, str, str]:
    """(governing body, issuing body, signer's title, place) of the order, by the signing date's rule."""
    signed_on = callup.order_signed_on or dt.date.today()
    law = rules.authority(rules.Act.ENLISTMENT_ORDER, signed_on)
    commune = callup.commune
    if law.level == "commune":
        return "", f"Ủy ban nhân dân {commune.name}", "Chủ tịch", place_name(commune)
    district = _district_of(commune, {} if cache is None else cache)
    province = _province_of(commune)
    district_name = district.name if district is not None else "…"
    return (
        f"Bộ Chỉ huy quân sự {province.name}" if province is not None else "",
        f"Ban Chỉ huy quân sự {district_name}",
        "Chỉ huy trưởng",
        place_name(district) or place_name(commune),
    )


def enlistment_order(callup: CallUp, cache: dict[int, Unit | None] | None = None) -> OfficialDocument:
    """LỆNH GỌI CÔNG DÂN NHẬP NGŨ for one citizen (Điều 42 Luật NVQS; TT 148/2018/TT-BQP)."""
    citizen = callup.citizen
    signed_on = callup.order_signed_on or dt.date.today()
    authority, issuer, title, place = order_issuer(callup, cache)
    police = callup.service == Service.POLICE
    body: list[Block] = [
        Paragraph(f"{title} {issuer}".upper(), bold=True, align="center", indent_first_line=False),
        Paragraph(LAW_BASIS),
    ]
    if police:
        body.append(Paragraph(POLICE_BASIS))
    if callup.decision_number and callup.decided_on:
        body.append(
            Paragraph(
                f"Căn cứ Quyết định số {callup.decision_number} {_long_date(callup.decided_on)} "
                f"của {decider_text(callup)} về việc gọi công dân nhập ngũ năm {callup.intake.year},"
            )
        )
    body.append(Paragraph("GỌI:", bold=True, align="left", indent_first_line=False))
    lines = [
        f"Công dân: {citizen.full_name}",
        f"Sinh ngày: {citizen.date_of_birth:%d/%m/%Y}",
        f"Số định danh cá nhân: {citizen.personal_id}",
        f"Nơi cư trú: {_residence(callup)}",
    ]
    permanent = _permanent(callup)
    if permanent:
        lines.append(f"Nơi thường trú: {permanent}")
    report_on = f"{callup.report_on:%d/%m/%Y}" if callup.report_on else "…"
    what = "để thực hiện nghĩa vụ tham gia" if police else "để nhập ngũ vào"
    lines.append(
        f"Có mặt vào ngày {report_on}, tại {callup.report_place or '…'}, "
        f"{what} {SERVICE_TEXT.get(callup.service, '')}."
    )
    receiving = callup.receiving_unit or (callup.handover.receiving_units if callup.handover else "")
    if receiving:
        lines.append(f"Đơn vị nhận: {receiving}.")
    body.append(Paragraph("\n".join(lines), align="left", indent_first_line=False))
    body.append(
        Paragraph(
            "Công dân có tên trên phải có mặt đúng thời gian, địa điểm ghi trong lệnh. Trường hợp "
            "không chấp hành lệnh gọi nhập ngũ mà không có lý do chính đáng sẽ bị xử lý theo quy "
            "định của pháp luật."
        )
    )
    return OfficialDocument(
        authority=authority,
        issuer=issuer,
        number=callup.order_number,
        place=place,
        date=signed_on,
        kind=POLICE_ORDER_TITLE if police else ORDER_TITLE,
        body=body,
        recipients=["- Công dân có tên trên;", f"- Ban CHQS {callup.commune.name};", "- Lưu: VT."],
        signature=Signature(title=title, name=callup.order_signer_name),
    )


def enlistment_orders(callups: Iterable[CallUp]) -> list[OfficialDocument]:
    """One order per citizen, in the order given, for one file."""
    cache: dict[int, Unit | None] = {}
    return [enlistment_order(callup, cache) for callup in callups]


def callup_decision(callups: Sequence[CallUp]) -> OfficialDocument:
    """QUYẾT ĐỊNH về việc gọi công dân nhập ngũ: the decided list of one decision number, with a table."""
    first = callups[0]
    decided_on = first.decided_on or dt.date.today()
    law = rules.authority(rules.Act.CALLUP_LIST, decided_on)
    commune = first.commune
    body_unit = _province_of(commune) if law.level == "province" else _district_of(commune, {})
    unit_name = body_unit.name if body_unit is not None else "…"
    issuer = f"Ủy ban nhân dân {unit_name}"
    year = first.intake.year
    army = sum(1 for c in callups if c.service == Service.ARMY)
    police = len(callups) - army
    rows = [
        [
            str(index),
            c.citizen.full_name,
            f"{c.citizen.date_of_birth:%d/%m/%Y}",
            c.commune.name,
            c.get_service_display(),
            "Có" if c.volunteer else "",
        ]
        for index, c in enumerate(callups, start=1)
    ]
    body: list[Block] = [
        Paragraph(f"Chủ tịch {issuer}".upper(), bold=True, align="center", indent_first_line=False),
        Paragraph(LAW_BASIS),
        Paragraph(
            f"Xét đề nghị của Hội đồng nghĩa vụ quân sự về danh sách công dân gọi nhập ngũ năm {year},"
        ),
        Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent_first_line=False),
        Paragraph(
            f"Điều 1. Gọi {len(callups)} công dân có tên trong danh sách kèm theo nhập ngũ năm {year} "
            f"(Quân đội nhân dân: {army}; Công an nhân dân: {police})."
        ),
        Paragraph(
            "Điều 2. Chủ tịch Ủy ban nhân dân cấp xã nơi công dân cư trú ký lệnh gọi công dân nhập ngũ "
            "và tổ chức giao lệnh theo quy định."
        ),
        Paragraph("Điều 3. Quyết định này có hiệu lực kể từ ngày ký."),
        Table(
            ["STT", "Họ và tên", "Ngày sinh", "Xã, phường", "Lực lượng", "Tình nguyện"],
            rows,
            widths=[1, 5, 2.5, 4, 3, 2],
            align=["center", "left", "center", "left", "left", "center"],
            title="DANH SÁCH CÔNG DÂN GỌI NHẬP NGŨ",
        ),
    ]
    return OfficialDocument(
        authority="",
        issuer=issuer,
        number=first.decision_number,
        place=place_name(body_unit),
        date=decided_on,
        kind="Quyết định",
        subject=f"Về việc gọi công dân nhập ngũ năm {year}",
        body=body,
        recipients=["- Như Điều 2;", "- Bộ Chỉ huy quân sự tỉnh;", "- Lưu: VT."],
        signature=Signature(title="Chủ tịch", name=""),
    )


# -- registration: the call notice -----------------------------------------------------------------------


def signer_post(signer: str) -> str:
    """ "Chủ tịch" from "Chủ tịch UBND cấp xã": the post written over the signature."""
    for cut in (" UBND", " Ban ", " Bộ "):
        signer = signer.split(cut)[0]
    return signer


def issuer_of(commune: Unit, act: rules.Act, on: dt.date) -> tuple[str, str, rules.Authority]:
    """(governing body, issuing body, authority) of a commune's document for `act` on a date: the
    commune People's Committee from 01/07/2025, the district military command before."""
    authority = rules.authority(act, on)
    if authority.level == "commune":
        return "", f"Ủy ban nhân dân {in_sentence(commune.name)}", authority
    district = commune.parent if commune.parent and commune.parent.kind == UnitKind.DISTRICT else None
    province = (district.parent if district else commune.parent) if commune.parent else None
    return (
        f"Bộ Chỉ huy quân sự {in_sentence(province.name)}" if province else "",
        f"Ban Chỉ huy quân sự {in_sentence(district.name)}" if district else "Ban Chỉ huy quân sự cấp huyện",
        authority,
    )


def notice_document(citizen: Citizen, data: dict[str, Any]) -> OfficialDocument:
    """Giấy gọi đăng ký NVQS lần đầu for one man, signed by the authority in force on the signing day."""
    signed_on: dt.date = data["signed_on"]
    governing, issuer, authority = issuer_of(citizen.commune, rules.Act.REGISTRATION_CALL, signed_on)
    post = signer_post(authority.signer)
    address = ", ".join(
        part
        for part in (citizen.address, citizen.village.name if citizen.village else "", citizen.commune.name)
        if part
    )
    body: list[Block] = [
        Paragraph(f"Căn cứ Điều 12, Điều 16 {rules.LAW};", italic=True),
        Paragraph(f"{post} {issuer} gọi công dân:"),
        Paragraph(
            f"Họ và tên: {citizen.full_name.upper()}\n"
            f"Ngày sinh: {citizen.date_of_birth:%d/%m/%Y}\n"
            f"Số định danh cá nhân: {citizen.personal_id}\n"
            f"Nơi ở hiện tại: {address}",
            align="left",
        ),
        Paragraph(
            f"Có mặt lúc {data['report_time']} ngày {data['report_on']:%d/%m/%Y} tại {data['place']} "
            "để đăng ký nghĩa vụ quân sự lần đầu."
        ),
        Paragraph(
            "Khi đến mang theo giấy gọi này và thẻ căn cước. Công dân không đến đăng ký nghĩa vụ quân sự "
            "đúng thời gian, địa điểm mà không có lý do chính đáng sẽ bị xử lý theo quy định của pháp luật."
        ),
    ]
    return OfficialDocument(
        authority=governing,
        issuer=issuer,
        number="/GG-" + ("UBND" if authority.level == "commune" else "BCHQS"),
        place=place_name(citizen.commune),
        date=signed_on,
        kind="Giấy gọi",
        subject="Đăng ký nghĩa vụ quân sự lần đầu",
        body=body,
        recipients=["- Công dân có tên trên;", "- Ban CHQS cấp xã (theo dõi);", "- Lưu: VT."],
        signature=Signature(title=post, name=data.get("signer_name", "")),
    )


# -- deferments and exemptions: the public list ---------------------------------------------------------


def validity(relief: Relief) -> str:
    """ "01/01/2026 – 30/06/2027", or "… – không thời hạn"."""
    until = f"{relief.valid_until:%d/%m/%Y}" if relief.valid_until else "không thời hạn"
    return f"{relief.valid_from:%d/%m/%Y} – {until}"


def public_list_document(posting: Posting, reliefs: list[Relief]) -> OfficialDocument:
    """The list posted for the public (TT 148/2018 Art. 5(4)): identity numbers masked to the last three
    digits, name, birth year, village, kind, ground with its label, validity."""
    # The commune People's Committee posts the list in both eras (Art. 41(4); TT 148/2018 Art. 5(4)).
    issuer = f"Ủy ban nhân dân {in_sentence(posting.commune.name)}"
    decider = rules.authority(rules.Act.RELIEF_DECISION, posting.decided_on).signer
    rule = rules.posting_rule(posting.decided_on)
    rows = [
        [
            str(index),
            r.citizen.full_name,
            str(r.citizen.date_of_birth.year),
            r.citizen.masked_personal_id,
            r.citizen.village.name if r.citizen.village else "",
            RELIEF_KIND_SHORT.get(r.kind, r.kind),
            f"{r.ground}: {ground_label(r.ground)}",
            validity(r),
        ]
        for index, r in enumerate(reliefs, start=1)
    ]
    body: list[Block] = [
        Paragraph(
            f"Kèm theo Quyết định số {posting.decision_number} ngày {posting.decided_on:%d/%m/%Y} "
            f"của {decider}.",
            italic=True,
            align="center",
            indent_first_line=False,
        ),
        Paragraph(
            f"Niêm yết công khai {rule.days} ngày, từ ngày {posting.posted_from:%d/%m/%Y} đến hết ngày "
            f"{posting.posted_until:%d/%m/%Y}, tại: {'; '.join(posting.places)} ({posting.article}). "
            f"Mọi phản ánh, kiến nghị gửi Ban Chỉ huy quân sự và {issuer} trong thời gian niêm yết."
        ),
        Table(
            columns=[
                "TT",
                "Họ và tên",
                "Năm sinh",
                "Số định danh",
                "Thôn, tổ dân phố",
                "Diện",
                "Căn cứ",
                "Thời hạn",
            ],
            rows=rows,
            widths=[4, 16, 7, 12, 12, 8, 28, 15],
            align=["center", "left", "center", "center", "left", "left", "left", "center"],
        ),
        Paragraph(f"Tổng số: {len(rows)} trường hợp.", bold=True, indent_first_line=False),
    ]
    return OfficialDocument(
        issuer=issuer,
        number="/DS-UBND",
        place=place_name(posting.commune),
        date=posting.posted_from,
        kind="Danh sách",
        subject=f"Công dân được tạm hoãn gọi nhập ngũ, miễn gọi nhập ngũ năm {posting.intake_year}",
        body=body,
        recipients=[
            "- Các thôn, tổ dân phố (niêm yết);",
            "- Cổng thông tin điện tử xã;",
            "- Lưu: VT, Ban CHQS.",
        ],
        signature=Signature(on_behalf="TM. Ủy ban nhân dân", title="Chủ tịch"),
        landscape=True,
    )
