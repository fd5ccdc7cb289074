"""Rules of military service (NVQS) and the police-service obligation: pure functions citing their articles.

Every function takes the dates it judges by as arguments (never "today") and applies the rule set in
force on the record's decisive date: the 2025 reform (Luật 98/2025/QH15, Nghị định 220/2025/NĐ-CP,
Thông tư 68/2025/TT-BQP, Nghị định 184/2025/NĐ-CP) changed authorities, deadlines and health
exclusions from 01/07/2025. `docs/law.md` §7 lists each rule with its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

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


class Status(StrEnum):
    """A citizen's standing for one call-up year (the values of the API's `status`)."""

    ELIGIBLE = "eligible"
    TOO_YOUNG = "too_young"
    OVER_AGE = "over_age"
    NOT_EXAMINED = "not_examined"
    UNFIT = "unfit"
    DEFERRED = "deferred"
    EXEMPT = "exempt"
    NOT_SUBJECT = "not_subject"
    EXCLUDED = "excluded"
    NOT_REGISTERED = "not_registered"
    SELECTED = "selected"
    ORDERED = "ordered"
    ENLISTED = "enlisted"
    SERVED = "served"


STATUS_LABELS: dict[str, str] = {
    Status.ELIGIBLE: "Đủ điều kiện gọi nhập ngũ",
    Status.TOO_YOUNG: "Chưa đủ tuổi gọi nhập ngũ",
    Status.OVER_AGE: "Quá tuổi gọi nhập ngũ",
    Status.NOT_EXAMINED: "Chưa khám sức khỏe",
    Status.UNFIT: "Không đủ sức khỏe",
    Status.DEFERRED: "Tạm hoãn gọi nhập ngũ",
    Status.EXEMPT: "Miễn gọi nhập ngũ",
    Status.NOT_SUBJECT: "Không thuộc diện gọi nhập ngũ",
    Status.EXCLUDED: "Không được đăng ký NVQS",
    Status.NOT_REGISTERED: "Chưa đăng ký NVQS",
    Status.SELECTED: "Đã được chọn",
    Status.ORDERED: "Đã có lệnh gọi nhập ngũ",
    Status.ENLISTED: "Đã nhập ngũ",
    Status.SERVED: "Đã thực hiện NVQS",
}


class GroundKind(StrEnum):
    DEFERMENT = "deferment"
    EXEMPTION = "exemption"
    REGISTRATION_EXCLUSION = "registration_exclusion"
    REGISTRATION_EXEMPTION = "registration_exemption"


@dataclass(frozen=True)
class Ground:
    """A legal ground, coded by the law's own numbering (`41.1.a`, `41.2.đ`, `13.a`, `14`)."""

    code: str
    kind: GroundKind
    label: str
    article: str
    # Art. 41(3): a citizen deferred or exempted who volunteers may be selected; not the health
    # ground (a), which the health standard itself decides.
    waivable: bool = True
    # Art. 30: a deferment for college or university study raises the upper call-up age to 27.
    raises_age_limit: bool = False


def _deferment(letter: str, label: str, **kwargs: bool) -> Ground:
    return Ground(f"41.1.{letter}", GroundKind.DEFERMENT, label, f"Điểm {letter} {ART_41_1}", **kwargs)


def _exemption(letter: str, label: str) -> Ground:
    return Ground(f"41.2.{letter}", GroundKind.EXEMPTION, label, f"Điểm {letter} {ART_41_2}")


DEFERMENT_GROUNDS: tuple[Ground, ...] = (
    _deferment(
        "a", "Chưa đủ sức khỏe phục vụ tại ngũ theo kết luận của Hội đồng khám sức khỏe", waivable=False
    ),
    _deferment(
        "b",
        "Là lao động duy nhất trực tiếp nuôi dưỡng thân nhân không còn khả năng lao động hoặc chưa đến tuổi "
        "lao động; gia đình bị thiệt hại nặng về người và tài sản do tai nạn, thiên tai, dịch bệnh nguy "
        "hiểm, được UBND cấp xã xác nhận",
    ),
    _deferment(
        "c",
        "Một con của bệnh binh, người nhiễm chất độc da cam suy giảm khả năng lao động từ 61% đến 80%",
    ),
    _deferment(
        "d",
        "Có anh, chị hoặc em ruột là hạ sĩ quan, binh sĩ đang phục vụ tại ngũ; hạ sĩ quan, chiến sĩ thực "
        "hiện nghĩa vụ tham gia Công an nhân dân",
    ),
    _deferment(
        "đ",
        "Người thuộc diện di dân, giãn dân trong 03 năm đầu đến các xã đặc biệt khó khăn theo dự án phát "
        "triển kinh tế - xã hội của Nhà nước do UBND cấp tỉnh trở lên quyết định",
    ),
    _deferment(
        "e",
        "Cán bộ, công chức, viên chức, thanh niên xung phong được điều động đến công tác, làm việc ở vùng có "
        "điều kiện kinh tế - xã hội đặc biệt khó khăn",
    ),
    _deferment(
        "g",
        "Đang học tại cơ sở giáo dục phổ thông; đang được đào tạo trình độ đại học hệ chính quy, trình độ "
        "cao đẳng hệ chính quy trong thời gian một khóa đào tạo của một trình độ đào tạo",
        raises_age_limit=True,
    ),
    _deferment("h", "Dân quân thường trực"),
)

EXEMPTION_GROUNDS: tuple[Ground, ...] = (
    _exemption("a", "Con của liệt sĩ, con của thương binh hạng một"),
    _exemption("b", "Một anh hoặc một em trai của liệt sĩ"),
    _exemption(
        "c",
        "Một con của thương binh hạng hai; một con của bệnh binh suy giảm khả năng lao động từ 81% trở lên; "
        "một con của người nhiễm chất độc da cam suy giảm khả năng lao động từ 81% trở lên",
    ),
    _exemption("d", "Người làm công tác cơ yếu không phải là quân nhân, Công an nhân dân"),
    _exemption(
        "đ",
        "Cán bộ, công chức, viên chức, thanh niên xung phong được điều động đến công tác, làm việc ở vùng có "
        "điều kiện kinh tế - xã hội đặc biệt khó khăn từ 24 tháng trở lên",
    ),
)

REGISTRATION_EXCLUSIONS: tuple[Ground, ...] = (
    Ground(
        "13.a",
        GroundKind.REGISTRATION_EXCLUSION,
        "Đang bị truy cứu trách nhiệm hình sự; đang chấp hành hình phạt tù, cải tạo không giam giữ, quản "
        "chế hoặc đã chấp hành xong hình phạt tù nhưng chưa được xóa án tích",
        f"Điểm a khoản 1 {ART_13}",
        waivable=False,
    ),
    Ground(
        "13.b",
        GroundKind.REGISTRATION_EXCLUSION,
        "Đang bị áp dụng biện pháp giáo dục tại xã, phường, thị trấn hoặc đưa vào trường giáo dưỡng, cơ sở "
        "giáo dục bắt buộc, cơ sở cai nghiện bắt buộc",
        f"Điểm b khoản 1 {ART_13}",
        waivable=False,
    ),
    Ground(
        "13.c",
        GroundKind.REGISTRATION_EXCLUSION,
        "Bị tước quyền phục vụ trong lực lượng vũ trang nhân dân",
        f"Điểm c khoản 1 {ART_13}",
        waivable=False,
    ),
)

REGISTRATION_EXEMPTIONS: tuple[Ground, ...] = (
    Ground(
        "14",
        GroundKind.REGISTRATION_EXEMPTION,
        "Người khuyết tật, người mắc bệnh hiểm nghèo, bệnh tâm thần hoặc bệnh mãn tính theo quy định của "
        "pháp luật (danh mục bệnh: Mục III Phụ lục I Thông tư 105/2023/TT-BQP)",
        ART_14,
        waivable=False,
    ),
)

GROUNDS: dict[str, Ground] = {
    g.code: g
    for g in DEFERMENT_GROUNDS + EXEMPTION_GROUNDS + REGISTRATION_EXCLUSIONS + REGISTRATION_EXEMPTIONS
}


GROUND_ORDER: dict[str, int] = {code: position for position, code in enumerate(GROUNDS)}


def ground(code: str) -> Ground | None:
    """The ground with this code; `41.1.d` and `41.1.đ` are different grounds (NFC compared as typed)."""
    return GROUNDS.get(code.strip())


# -- ages (Art. 12, 16, 30) ------------------------------------------------------------------------


def age_on(birth: dt.date, on: dt.date) -> int:
    """Full years of age on a date, by exact birthdays (a 29 February birthday falls on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def birthday(birth: dt.date, age: int) -> dt.date:
    """The date a person born on `birth` reaches `age` full years."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29 February in a non-leap year: the age is reached on 1 March
        return dt.date(birth.year + age, 3, 1)


MIN_CALLUP_AGE = 18
MAX_CALLUP_AGE = 25  # "đến hết 25 tuổi": eligible until the 26th birthday
MAX_CALLUP_AGE_STUDY = 27  # deferred for college/university study: until the 28th birthday
FIRST_REGISTRATION_AGE = 17
WOMEN_REGISTRATION_AGE = 18


@dataclass(frozen=True)
class AgeCheck:
    status: str  # "too_young" | "in_range" | "over_age"
    limit: int
    article: str
    explanation: str


def callup_age(birth: dt.date, reference: dt.date, *, study_deferred: bool = False) -> AgeCheck:
    """Art. 30: called from the full age of 18 to the end of 25; to the end of 27 if deferred to study.

    Exact birthdays [S24]: born dd/mm/yyyy, in range from dd/mm/(yyyy+18) up to the day before
    dd/mm/(yyyy+26) (yyyy+28 with a study deferment). `reference` is the intake's reference date.
    """
    limit = MAX_CALLUP_AGE_STUDY if study_deferred else MAX_CALLUP_AGE
    start = birthday(birth, MIN_CALLUP_AGE)
    end = birthday(birth, limit + 1)
    on = reference.strftime("%d/%m/%Y")
    if reference < start:
        return AgeCheck(
            "too_young",
            limit,
            ART_30,
            f"Đến ngày {on} chưa đủ 18 tuổi (đủ 18 tuổi vào ngày {start:%d/%m/%Y}).",
        )
    if reference >= end:
        why = (
            " (đã được tạm hoãn để học cao đẳng, đại học nên tính đến hết 27 tuổi)" if study_deferred else ""
        )
        return AgeCheck(
            "over_age",
            limit,
            ART_30,
            f"Đến ngày {on} đã hết {limit} tuổi (ngày {end:%d/%m/%Y} tròn {limit + 1} tuổi){why}.",
        )
    return AgeCheck(
        "in_range", limit, ART_30, f"Đến ngày {on} trong độ tuổi gọi nhập ngũ (18 đến hết {limit})."
    )


def latest_birth_for_age(reference: dt.date, age: int) -> dt.date:
    """The last birth date of someone who is a full `age` on `reference` (the SQL form of `age_on`)."""
    try:
        return reference.replace(year=reference.year - age)
    except ValueError:  # reference 29 February: those born 28 February are of age, 1 March not yet
        return dt.date(reference.year - age, 2, 28)


def first_registration_year(birth: dt.date) -> int:
    """Art. 16: a man is listed in January and registers in April of the year he turns 17."""
    return birth.year + FIRST_REGISTRATION_AGE


@dataclass(frozen=True)
class Refusal:
    """Why an act is refused: a Vietnamese message and the article it applies."""

    message: str
    article: str


def first_registration_refusal(birth: dt.date, sex: str, on: dt.date) -> Refusal | None:
    """Art. 12 and 16: first registration from the year a man turns 17 (women from 18, by profession).

    A man may register in the year he turns 17 or later while still of call-up age (men of age who
    never registered are listed with the cohort, Art. 16(1)); a woman once she is a full 18.
    """
    if sex == "F":
        if age_on(birth, on) < WOMEN_REGISTRATION_AGE:
            return Refusal(
                f"Công dân nữ đăng ký NVQS khi đủ 18 tuổi (ngày {birthday(birth, 18):%d/%m/%Y}).", ART_12
            )
        return None
    due = first_registration_year(birth)
    if on.year < due:
        return Refusal(
            f"Công dân sinh năm {birth.year} đến năm {due} mới đủ 17 tuổi; "
            "chưa đến tuổi đăng ký NVQS lần đầu.",
            f"{ART_12}; {ART_16}",
        )
    if on >= birthday(birth, MAX_CALLUP_AGE_STUDY + 1):
        return Refusal(
            f"Công dân đã quá tuổi gọi nhập ngũ (tròn 28 tuổi ngày {birthday(birth, 28):%d/%m/%Y}); "
            "không đăng ký NVQS lần đầu.",
            ART_30,
        )
    return None


# -- who acts: authorities as data with validity dates ----------------------------------------------


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


# -- health (TT 105/2023; TT 148/2018 as amended by TT 68/2025) --------------------------------------

HEALTH_TYPES = range(1, 7)
CALLABLE_TYPES = frozenset({1, 2, 3})

# TTLT 16/2016 Table 1 (men), kept as versioned data: (type, min height cm, min weight kg, min chest cm).
PHYSICAL_TABLE_2016: tuple[tuple[int, int, int, int], ...] = (
    (1, 163, 51, 81),
    (2, 160, 47, 78),
    (3, 157, 43, 75),
    (4, 155, 41, 73),
    (5, 153, 40, 71),
)
PHYSICAL_TABLE_SOURCE = (
    "Bảng 1 Thông tư liên tịch 16/2016/TTLT-BYT-BQP (ngưỡng của TT 105/2023 chưa đối chiếu [?])"
)


def physical_score(
    height_cm: float | None, weight_kg: float | None, chest_cm: float | None = None
) -> int | None:
    """The physical-development score 1–6: the worst of height, weight and chest against the table."""
    values = [v for v in (height_cm, weight_kg, chest_cm) if v is not None]
    if not values:
        return None
    worst = 1
    for position, value in ((1, height_cm), (2, weight_kg), (3, chest_cm)):
        if value is None:
            continue
        score = 6
        for health_type, *minimums in PHYSICAL_TABLE_2016:
            if value >= minimums[position - 1]:
                score = health_type
                break
        worst = max(worst, score)
    return worst


def bmi(height_cm: float | Decimal, weight_kg: float | Decimal) -> Decimal:
    """Body-mass index, kg/m², to one decimal (as the circular's thresholds are written)."""
    metres = Decimal(str(height_cm)) / 100
    return (Decimal(str(weight_kg)) / (metres * metres)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class HealthResult:
    health_type: int
    callable: bool
    reasons: tuple[str, ...]  # why not called, in Vietnamese
    article: str


def classify_health(scores: Mapping[str, int]) -> int:
    """TT 105/2023 Art. 6(2): type 1 when every criterion scores 1, otherwise the worst score."""
    if not scores:
        raise ValueError("Cần ít nhất một chỉ tiêu sức khỏe được chấm điểm.")
    for name, score in scores.items():
        if score not in HEALTH_TYPES:
            raise ValueError(f"Điểm chỉ tiêu “{name}” phải từ 1 đến 6 (đã nhập {score}).")
    return max(scores.values())


def health_decision(
    health_type: int,
    examined_on: dt.date,
    *,
    bmi_value: Decimal | None = None,
    refraction: Iterable[Decimal | float | None] = (),
) -> HealthResult:
    """Whether a health type can be called, with the exclusions in force on the examination date.

    TT 148/2018 Art. 4(3) as amended by TT 68/2025 (from 01/07/2025): types 1–3 only, and not called
    with myopia above 1.5 dioptres, any hyperopia, or BMI below 18.0 or above 29.9. Before: types 1–3,
    but not type 3 with myopia of 1.5 dioptres or more or any hyperopia. Refraction is signed
    (negative = myopia, positive = hyperopia), one value per eye.
    """
    if health_type not in HEALTH_TYPES:
        raise ValueError(f"Phân loại sức khỏe phải từ 1 đến 6 (đã nhập {health_type}).")
    reasons: list[str] = []
    eyes = [Decimal(str(v)) for v in refraction if v is not None]
    new_rules = examined_on >= REFORM_DATE
    article = TT148_ART_4_HEALTH if new_rules else TT148_OLD_ART_4_HEALTH
    if health_type not in CALLABLE_TYPES:
        reasons.append(f"Sức khỏe loại {health_type}: chỉ gọi loại 1, 2, 3 ({TT105_ART_6}).")
    if new_rules:
        if any(v < Decimal("-1.5") for v in eyes):
            reasons.append("Cận thị trên 1,5 đi-ốp.")
        if any(v > 0 for v in eyes):
            reasons.append("Viễn thị.")
        if bmi_value is not None and (bmi_value < Decimal("18.0") or bmi_value > Decimal("29.9")):
            reasons.append(f"Chỉ số BMI {str(bmi_value).replace('.', ',')} ngoài khoảng 18,0–29,9.")
    elif health_type == 3:
        if any(v <= Decimal("-1.5") for v in eyes):
            reasons.append("Sức khỏe loại 3 và cận thị từ 1,5 đi-ốp trở lên.")
        if any(v > 0 for v in eyes):
            reasons.append("Sức khỏe loại 3 và viễn thị.")
    return HealthResult(health_type, not reasons, tuple(reasons), article)


# -- education (TT 148/2018 Art. 4(4)) -------------------------------------------------------------

MIN_EDUCATION_GRADE = 8
MIN_EDUCATION_GRADE_SHORT_QUOTA = 7
MAX_PRIMARY_SHARE_DIFFICULT = Decimal("0.25")


def education_refusal(
    grade: int, *, short_quota_approved: bool = False, police: bool = False
) -> Refusal | None:
    """Army: grade 8 or higher; grade 7 only where the quota cannot be filled, with approval.
    Police (ND 70/2019 as amended): upper-secondary (grade 12) — lower-secondary in difficult areas
    is an approval the commune records, as for grade 7."""
    if police:
        needed = 9 if short_quota_approved else 12
        if grade < needed:
            return Refusal(
                f"Nghĩa vụ tham gia CAND cần tốt nghiệp {'THCS' if needed == 9 else 'THPT'} (lớp {needed}); "
                f"công dân học hết lớp {grade}.",
                ND70_EDUCATION,
            )
        return None
    needed = MIN_EDUCATION_GRADE_SHORT_QUOTA if short_quota_approved else MIN_EDUCATION_GRADE
    if grade < needed:
        return Refusal(
            f"Trình độ văn hóa lớp {grade}: cần từ lớp {needed} trở lên"
            + (
                ""
                if short_quota_approved
                else " (lớp 7 chỉ khi địa phương không đủ chỉ tiêu và được phê duyệt)"
            )
            + ".",
            TT148_ART_4_EDUCATION,
        )
    return None


# -- the pool status -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReliefFact:
    """A deferment or exemption decision as the status rule sees it."""

    ground: str
    valid_from: dt.date
    valid_until: dt.date | None  # None: until revoked (exemptions)
    volunteer: bool = False

    def active_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


@dataclass(frozen=True)
class BarFact:
    """A registration exclusion (Art. 13) or registration exemption (Art. 14)."""

    ground: str
    valid_from: dt.date
    valid_until: dt.date | None = None

    def active_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


@dataclass(frozen=True)
class HealthFact:
    health_type: int
    callable: bool
    examined_on: dt.date
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class CitizenFacts:
    """Everything the status rule reads about one citizen for one call-up year; nothing else."""

    sex: str
    date_of_birth: dt.date
    registered: bool
    bars: tuple[BarFact, ...] = ()
    reliefs: tuple[ReliefFact, ...] = ()
    health: HealthFact | None = None  # the examination for this intake (khám tuyển), if any
    removed: bool = False  # registration removed (death, emigration …) on or before the reference date
    progress: str = ""  # this intake: "" | "selected" | "ordered" | "enlisted"
    served: bool = False  # enlisted in an earlier intake, or recognised under Art. 4(4)


@dataclass(frozen=True)
class PoolStatus:
    status: Status
    ground: str
    article: str
    explanation: str

    def as_dict(self) -> dict[str, str]:
        return {
            "status": str(self.status),
            "ground": self.ground,
            "article": self.article,
            "explanation": self.explanation,
        }


def pool_status(facts: CitizenFacts, reference: dt.date) -> PoolStatus:
    """A citizen's standing for the intake whose reference date is `reference`, with its ground and article.

    Order of the tests (the first that applies answers): women are not subject to call-up (Art. 12,
    they register by profession and serve by volunteering); served; this intake's progress
    (enlisted, ordered, selected); registration exclusion (Art. 13) and exemption (Art. 14); age
    (Art. 30, 27 with a study deferment); not registered (Art. 16); exemption (Art. 41(2)); deferment
    (Art. 41(1)); health (TT 105/2023 Art. 6; TT 148/2018 Art. 4(3) as in force on the exam date).
    A volunteer's waivable ground does not stop the call (Art. 41(3)).
    """
    on = reference.strftime("%d/%m/%Y")
    if facts.sex == "F":
        return PoolStatus(
            Status.NOT_SUBJECT,
            "",
            ART_12,
            "Công dân nữ không thuộc diện gọi nhập ngũ; "
            "chỉ đăng ký NVQS theo chuyên môn và nhập ngũ khi tình nguyện.",
        )
    if facts.removed:
        return PoolStatus(Status.NOT_SUBJECT, "", "Điều 20 Luật NVQS [?]", "Đã xóa đăng ký NVQS.")
    if facts.served:
        return PoolStatus(
            Status.SERVED, "", ART_4_4, "Đã nhập ngũ ở đợt trước hoặc được công nhận hoàn thành NVQS."
        )
    if facts.progress == "enlisted":
        return PoolStatus(Status.ENLISTED, "", "Điều 42 Luật NVQS", "Đã nhập ngũ trong đợt này.")
    if facts.progress == "ordered":
        return PoolStatus(Status.ORDERED, "", "Điều 42 Luật NVQS", "Đã có lệnh gọi nhập ngũ trong đợt này.")
    if facts.progress == "selected":
        return PoolStatus(
            Status.SELECTED, "", "Điều 37, 38 Luật NVQS", "Đã được Hội đồng NVQS chọn trong đợt này."
        )
    # Exclusions (Art. 13) answer before exemptions from registration (Art. 14).
    for bar in sorted(facts.bars, key=lambda b: (not b.ground.startswith("13."), b.ground)):
        if bar.active_on(reference):
            law = GROUNDS.get(bar.ground)
            if law is None or law.kind not in (
                GroundKind.REGISTRATION_EXCLUSION,
                GroundKind.REGISTRATION_EXEMPTION,
            ):
                continue  # only Art. 13 and Art. 14 bar registration; a 41.x code here is a data error
            if law.kind is GroundKind.REGISTRATION_EXCLUSION:
                return PoolStatus(
                    Status.EXCLUDED,
                    law.code,
                    law.article,
                    f"Không được đăng ký NVQS đến ngày {on}: {law.label}.",
                )
            return PoolStatus(Status.EXEMPT, law.code, law.article, f"Miễn đăng ký NVQS: {law.label}.")
    # Age before registration: a boy of 12 is too young, not "unregistered"; a man past the age
    # limit is over age whether or not he ever registered.
    study = any(r.ground == "41.1.g" and r.valid_from <= reference for r in facts.reliefs)
    age = callup_age(facts.date_of_birth, reference, study_deferred=study)
    if age.status == "too_young":
        return PoolStatus(Status.TOO_YOUNG, "", age.article, age.explanation)
    if age.status == "over_age":
        return PoolStatus(Status.OVER_AGE, "", age.article, age.explanation)
    if not facts.registered:
        return PoolStatus(Status.NOT_REGISTERED, "", ART_16, f"Chưa đăng ký NVQS lần đầu đến ngày {on}.")
    waived: list[str] = []
    active = [r for r in facts.reliefs if r.active_on(reference) and r.ground in GROUNDS]
    for kind in (GroundKind.EXEMPTION, GroundKind.DEFERMENT):
        # Within a kind, the ground first in the law's order answers (a, b, c, d, đ, e, g, h); for one
        # ground, a decision not waived by volunteering, the open-ended or latest-ending one first, so
        # that the answer never depends on the order of the records.
        for relief in sorted(
            (r for r in active if GROUNDS[r.ground].kind is kind),
            key=lambda r: (
                GROUND_ORDER[r.ground],
                r.volunteer,
                r.valid_until is not None,
                -r.valid_until.toordinal() if r.valid_until else 0,
            ),
        ):
            law = GROUNDS[relief.ground]
            if relief.volunteer and law.waivable:
                if law.code not in waived:
                    waived.append(law.code)
                continue
            until = f" đến ngày {relief.valid_until:%d/%m/%Y}" if relief.valid_until else ""
            status = Status.EXEMPT if kind is GroundKind.EXEMPTION else Status.DEFERRED
            verb = "Miễn gọi nhập ngũ" if status is Status.EXEMPT else f"Tạm hoãn gọi nhập ngũ{until}"
            return PoolStatus(status, law.code, law.article, f"{verb}: {law.label}.")
    volunteer_note = ""
    if waived:
        volunteer_note = (
            f" Công dân tình nguyện nhập ngũ nên không áp dụng diện {', '.join(waived)} ({ART_41_3})."
        )
    if facts.health is None:
        return PoolStatus(
            Status.NOT_EXAMINED,
            "",
            "Điều 40 Luật NVQS",
            "Chưa có kết quả khám tuyển sức khỏe cho đợt này." + volunteer_note,
        )
    if not facts.health.callable:
        reasons = " ".join(facts.health.reasons) or f"Sức khỏe loại {facts.health.health_type}."
        return PoolStatus(
            Status.UNFIT,
            "",
            TT148_ART_4_HEALTH if facts.health.examined_on >= REFORM_DATE else TT148_OLD_ART_4_HEALTH,
            f"Không đủ tiêu chuẩn sức khỏe: {reasons}" + volunteer_note,
        )
    return PoolStatus(
        Status.ELIGIBLE,
        ",".join(waived),
        ART_41_3 if waived else ART_30,
        f"Trong độ tuổi, đã đăng ký, sức khỏe loại {facts.health.health_type}, "
        "không thuộc diện tạm hoãn hay miễn." + volunteer_note,
    )


# -- quotas ----------------------------------------------------------------------------------------

MAX_COMMUNE_RESERVE_SHARE = Decimal("0.05")  # ≤ 5 % commune reserve: local practice [C, S52]


@dataclass(frozen=True)
class QuotaCheck:
    refusal: Refusal | None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def quota_check(
    *, count: int, reserve: int, parent_remaining: int | None, eligible_pool: int | None
) -> QuotaCheck:
    """An allocation never exceeds what the level above has left to give; above the unit's eligible
    pool (or a reserve above 5 %) it is allowed with a warning."""
    if count < 0 or reserve < 0:
        return QuotaCheck(Refusal("Chỉ tiêu và số dự phòng không được âm.", "Điều 42 Luật NVQS"))
    if parent_remaining is not None and count > parent_remaining:
        return QuotaCheck(
            Refusal(
                f"Chỉ tiêu {count} vượt số cấp trên còn lại để giao ({parent_remaining}).",
                "Quyết định giao chỉ tiêu của cấp trên",
            )
        )
    warnings = []
    if eligible_pool is not None and count + reserve > eligible_pool:
        warnings.append(
            f"Chỉ tiêu và dự phòng ({count + reserve}) vượt số công dân "
            f"đủ điều kiện hiện có ({eligible_pool})."
        )
    if count and Decimal(reserve) > MAX_COMMUNE_RESERVE_SHARE * count + Decimal("0.999"):
        warnings.append(f"Số dự phòng {reserve} vượt 5% chỉ tiêu ({count}).")
    return QuotaCheck(None, tuple(warnings))


def completion_percent(enlisted: int, quota: int) -> Decimal | None:
    """Completion of the quota ("hoàn thành …% chỉ tiêu"), a ratio of sums, one decimal."""
    if quota <= 0:
        return None
    return (Decimal(100) * enlisted / quota).quantize(Decimal("0.1"))


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
