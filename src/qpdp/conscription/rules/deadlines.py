"""Deadlines of the cycle (moves, posting, order delivery) and its yearly calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from qpdp.conscription.rules.authorities import Act, authority
from qpdp.conscription.rules.law import ART_16, ART_17, REFORM_DATE, TT148_ART_5_POSTING, Refusal

# -- deadlines --------------------------------------------------------------------------------------


def working_days_between(start: dt.date, end: dt.date, holidays: Iterable[dt.date] = ()) -> int:
    """Working days after `start` up to and including `end` (Saturdays, Sundays and holidays excluded)."""
    off = set(holidays)
    days = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            days += 1
    return days


def move_deadline_days(arrived_on: dt.date) -> int:
    """Art. 17(2) (Art. 18 for a return from temporary absence): register within 10 working days of
    arriving before 01/07/2025, within 5 from then on (Luật 98/2025/QH15)."""
    return 5 if arrived_on >= REFORM_DATE else 10


@dataclass(frozen=True)
class DeadlineCheck:
    late: bool
    limit_days: int
    used_days: int
    article: str
    explanation: str


def move_registration_deadline(
    arrived_on: dt.date, registered_on: dt.date, holidays: Iterable[dt.date] = ()
) -> DeadlineCheck:
    """Whether a move (or a return from temporary absence) was registered in time, by the rule in force
    on the arrival date."""
    limit = move_deadline_days(arrived_on)
    used = working_days_between(arrived_on, registered_on, holidays)
    era = "từ 01/07/2025" if arrived_on >= REFORM_DATE else "trước 01/07/2025"
    late = used > limit
    verdict = "quá hạn" if late else "đúng hạn"
    return DeadlineCheck(
        late,
        limit,
        used,
        f"Khoản 2 {ART_17}",
        f"Đăng ký sau {used} ngày làm việc kể từ ngày đến; "
        f"thời hạn {era} là {limit} ngày làm việc: {verdict}.",
    )


TEMPORARY_ABSENCE_MONTHS = 3
POSTING_DAYS = 20  # TT 148/2018 Art. 5(4) as amended by TT 68/2025; 20 days before too (Art. 41(4))
ORDER_LEAD_DAYS = 15  # [?] commonly quoted; local plans deliver 16–25 days ahead (domain.md §1)


@dataclass(frozen=True)
class PostingRule:
    days: int
    places: tuple[str, ...]
    starts: str
    article: str


def posting_rule(decided_on: dt.date) -> PostingRule:
    """Where and how long the deferment/exemption list is posted, by the rule in force on the decision."""
    if decided_on >= REFORM_DATE:
        return PostingRule(
            POSTING_DAYS,
            (
                "Cổng thông tin điện tử cấp xã",
                "Trụ sở UBND cấp xã",
                "Cơ quan, tổ chức",
                "Nhà văn hóa thôn, tổ dân phố",
            ),
            "từ ngày Chủ tịch UBND cấp tỉnh ký quyết định",
            TT148_ART_5_POSTING,
        )
    return PostingRule(
        POSTING_DAYS,
        ("Trụ sở UBND cấp xã", "Cơ quan, tổ chức"),
        "từ ngày Chủ tịch UBND cấp huyện ký quyết định",
        "Khoản 4 Điều 41 Luật NVQS 2015",
    )


def order_delivery_refusal(delivered_on: dt.date, report_on: dt.date) -> Refusal | None:
    """A call-up order reaches the citizen at least 15 days before the reporting date [?: Art. 42]."""
    if (report_on - delivered_on).days < ORDER_LEAD_DAYS:
        return Refusal(
            f"Lệnh gọi nhập ngũ phải giao trước ngày nhập ngũ ít nhất {ORDER_LEAD_DAYS} ngày "
            f"(giao ngày {delivered_on:%d/%m/%Y}, nhập ngũ ngày {report_on:%d/%m/%Y}).",
            "Điều 42 Luật NVQS 2015 [?]",
        )
    return None


# -- the yearly calendar -----------------------------------------------------------------------------

# Handover days fixed nationally for past intakes [C, S25, S12]; other years default to mid-February.
HANDOVER_DAYS: dict[int, tuple[dt.date, dt.date]] = {
    2025: (dt.date(2025, 2, 13), dt.date(2025, 2, 15)),
    2026: (dt.date(2026, 3, 4), dt.date(2026, 3, 6)),
}


def default_handover(year: int) -> tuple[dt.date, dt.date]:
    """Art. 33: once a year in February or March; the dates of the year when known."""
    return HANDOVER_DAYS.get(year, (dt.date(year, 2, 15), dt.date(year, 2, 17)))


def intake_cycle(previous_handover_to: dt.date, handover_to: dt.date) -> tuple[dt.date, dt.date]:
    """The days whose records belong to an intake: from the day after the previous intake's last
    handover day to this intake's last handover day — its registration (April), examinations
    (November–December), decisions and orders (January) and handover (February or March)."""
    return previous_handover_to + dt.timedelta(days=1), handover_to


@dataclass(frozen=True)
class CalendarStep:
    code: str
    label: str
    starts: dt.date
    ends: dt.date
    who: str
    article: str


def cycle_calendar(year: int, handover_from: dt.date, handover_to: dt.date) -> list[CalendarStep]:
    """The deadlines of the cycle that ends with the intake of `year`, in the order they fall.

    Registration (January list, April registration) belongs to the year before the intake; the
    examination period is 1/11–31/12 of that year (Art. 40); orders reach citizens 15 days before
    reporting; the deferment/exemption list is posted 20 days from the decision.
    """
    before = year - 1
    signer = authority(Act.ENLISTMENT_ORDER, handover_from)
    steps = [
        CalendarStep(
            "january_list",
            "Lập danh sách nam công dân đủ 17 tuổi",
            dt.date(before, 1, 1),
            dt.date(before, 1, 31),
            "Ban CHQS cấp xã",
            ART_16,
        ),
        CalendarStep(
            "first_registration",
            "Đăng ký NVQS lần đầu",
            dt.date(before, 4, 1),
            dt.date(before, 4, 30),
            authority(Act.REGISTRATION_CALL, dt.date(before, 4, 1)).signer + " ra lệnh gọi",
            ART_16,
        ),
        CalendarStep(
            "screening",
            "Sơ tuyển sức khỏe tại trạm y tế xã",
            dt.date(before, 10, 1),
            dt.date(before, 11, 10),
            "Trạm y tế cấp xã",
            "Điều 7 Thông tư 105/2023/TT-BQP",
        ),
        CalendarStep(
            "examination",
            "Khám tuyển sức khỏe",
            dt.date(before, 11, 1),
            dt.date(before, 12, 31),
            "Hội đồng khám sức khỏe",
            "Điều 40 Luật NVQS",
        ),
        CalendarStep(
            "posting",
            "Niêm yết công khai danh sách tạm hoãn, miễn",
            dt.date(before, 12, 1),
            dt.date(before, 12, 1) + dt.timedelta(days=POSTING_DAYS - 1),
            "UBND cấp xã",
            TT148_ART_5_POSTING,
        ),
        CalendarStep(
            "orders",
            "Giao lệnh gọi nhập ngũ (chậm nhất)",
            handover_from - dt.timedelta(days=30),
            handover_from - dt.timedelta(days=ORDER_LEAD_DAYS),
            signer.signer,
            "Điều 42 Luật NVQS [?]",
        ),
        CalendarStep(
            "handover",
            "Lễ giao nhận quân",
            handover_from,
            handover_to,
            authority(Act.HANDOVER, handover_from).signer,
            "Điều 33 Luật NVQS",
        ),
    ]
    return steps
