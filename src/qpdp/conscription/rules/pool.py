"""Grounds (Art. 13, 14, 41) and a citizen's status for one intake: the rule behind the pool."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from qpdp.conscription.rules.ages import callup_age
from qpdp.conscription.rules.law import (
    ART_4_4,
    ART_12,
    ART_13,
    ART_14,
    ART_16,
    ART_30,
    ART_41_1,
    ART_41_2,
    ART_41_3,
    REFORM_DATE,
    TT148_ART_4_HEALTH,
    TT148_OLD_ART_4_HEALTH,
)


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
