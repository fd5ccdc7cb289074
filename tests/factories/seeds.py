"""The five seed articles (shared/seeds/) as records, built through the services: the old units, the call-up,
the awards presented at the review conference, the 2024 emulation campaign — one builder per seed.

Each builder makes what the built areas can hold of its article's figures (shared/seeds/figures.md):
the call-up of the year with every quota filled (the articles say 100 %), the award decisions by issuer
with their collectives and individuals, the conference itself, and for the 2024 review the campaign
"90 ngày hành động kiểu mẫu" with its pledges. Militia, training, exercises, education and programmes
are not built yet, so nothing of theirs is made. Units are those of the old structure with their
codes in the administrative data (package vietnam-provinces, `org.unit_loader`): "L35" Hà Nam, "L349"
Duy Tiên. Quotas per commune, dates the articles do not give, people's names and the conference texts
are invented; the conference texts hold none of the figures, which the report and the article must
compute from the records. Each builder may run alone or beside the others in one database.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from qpdp.awards import services as awards
from qpdp.awards.choices import ConferenceKind
from qpdp.awards.models import AwardDecision, Campaign, Conference, Pledge
from qpdp.conscription import services as conscription
from qpdp.conscription.choices import CallUpStatus, ExamStage
from qpdp.conscription.models import Intake
from qpdp.org.choices import Role, UnitKind
from qpdp.org.models import Unit, User
from qpdp.people.models import Citizen
from tests.factories.awards import person
from tests.factories.conscription import man
from tests.factories.org import UnitFactory, make_user


@dataclass
class Seed:
    """What one seed's builder made: the district reviewed, its period, and the records of the article."""

    actor: User
    province: Unit
    district: Unit
    communes: list[Unit]
    period_code: str
    conference: Conference
    decisions: list[AwardDecision] = field(default_factory=list)
    intake: Intake | None = None
    campaign: Campaign | None = None
    pledges: list[Pledge] = field(default_factory=list)


# -- units of the old structure -------------------------------------------------------------------------


def _unit(code: str, name: str, kind: str, division: str, parent: Unit, official_code: str) -> Unit:
    """A unit of the old structure, made once (two seeds of one province share it)."""
    found = Unit.objects.filter(code=code).first()
    if found is not None:
        return found
    unit: Unit = UnitFactory.create(
        code=code,
        official_code=official_code,
        name=name,
        kind=kind,
        division_type=division,
        structure="legacy",
        parent=parent,
    )
    return unit


def _nation() -> Unit:
    found = Unit.objects.filter(code="VN").first()
    if found is not None:
        return found
    nation: Unit = UnitFactory.create(
        code="VN", name="Việt Nam", kind="nation", structure="both", path="VN/", valid_from=None
    )
    return nation


def _province(code: int, name: str, division: str = "tỉnh") -> Unit:
    return _unit(f"L{code:02d}", name, UnitKind.PROVINCE, division, _nation(), f"{code:02d}")


def _district(province: Unit, code: int, name: str) -> Unit:
    return _unit(f"L{code:03d}", name, UnitKind.DISTRICT, "huyện", province, f"{code:03d}")


def _communes(district: Unit, communes: Sequence[tuple[int, str]]) -> list[Unit]:
    return [
        _unit(
            f"L{code:05d}",
            name,
            UnitKind.COMMUNE,
            "thị trấn" if name.startswith("Thị trấn") else "xã",
            district,
            f"{code:05d}",
        )
        for code, name in communes
    ]


def _officer(province: Unit) -> User:
    """The provincial command's officer who types the records in (his scope covers the districts)."""
    username = f"seed_{province.code.lower()}"
    found = User.objects.filter(username=username).first()
    return found or make_user(Role.PROVINCE_OFFICER, unit=province, username=username)


@dataclass(frozen=True)
class Where:
    """Where an article happens: the province, the district reviewed, three of its communes, and the
    provincial officer who types the records in."""

    province: Unit
    district: Unit
    communes: list[Unit]
    actor: User

    def seed(self, period_code: str, conference: Conference, **records: Any) -> Seed:
        """What a builder made here: the period reviewed, its conference, and the article's records."""
        return Seed(
            self.actor, self.province, self.district, self.communes, period_code, conference, **records
        )


def _where(province: Unit, district: tuple[int, str], communes: Sequence[tuple[int, str]]) -> Where:
    """The district (code and name) of the province, its communes, and the officer."""
    unit = _district(province, *district)
    return Where(province, unit, _communes(unit, communes), _officer(province))


# -- the call-up of one year ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallUpPlan:
    """One intake of the province as the district lived it: each commune's share, all of it enlisted."""

    year: int
    handover: tuple[dt.date, dt.date]
    shares: tuple[int, ...]  # per commune, in the order of the communes
    place: str
    receiving_units: str


def call_up(where: Where, plan: CallUpPlan) -> Intake:
    """Registration (two years before), examination (November before), selection, the district chairman's
    decision, orders delivered 15+ days ahead, the district's handover: every share enlisted."""
    actor, province, district, communes = where.actor, where.province, where.district, where.communes
    year = plan.year
    start, end = plan.handover
    intake = conscription.open_intake(
        actor=actor, province=province, year=year, handover_from=start, handover_to=end
    )
    conscription.set_quota(
        actor=actor,
        intake=intake,
        unit=province,
        service="army",
        count=sum(plan.shares) + 40,  # the province's other districts' shares are not typed in here
        decision_number=f"{year - 1}/QĐ-BQP",
        decided_on=dt.date(year - 1, 9, 25),
    )
    men: list[Citizen] = []
    for commune, share in zip(communes, plan.shares, strict=True):
        conscription.set_quota(
            actor=actor,
            intake=intake,
            unit=commune,
            service="army",
            count=share,
            decision_number=f"{300 + len(men)}/QĐ-UBND",
            decided_on=dt.date(year - 1, 10, 15),
        )
        men.extend(_ready(actor, commune, year) for _ in range(share))
    selected = conscription.select_citizens(
        actor=actor,
        intake=intake,
        selected_on=dt.date(year - 1, 12, 20),
        selections=[
            conscription.Selection(citizen=citizen, volunteer=i % 3 == 0, party_member=i % 4 == 0)
            for i, citizen in enumerate(men)
        ],
    )
    decided = conscription.decide_callup(
        actor=actor, callups=selected, decision_number="15/QĐ-UBND", decided_on=dt.date(year, 1, 10)
    )
    ordered = conscription.issue_orders(
        actor=actor,
        callups=decided,
        signed_on=start - dt.timedelta(days=30),
        report_on=start,
        report_place=plan.place,
    )
    for callup in ordered:
        conscription.record_delivery(actor=actor, callup=callup, delivered_on=start - dt.timedelta(days=27))
    handover = conscription.create_handover(
        actor=actor,
        intake=intake,
        organiser=district,
        held_on=start,
        place=plan.place,
        receiving_units=plan.receiving_units,
    )
    for callup in ordered:
        conscription.record_outcome(
            actor=actor, callup=callup, outcome=CallUpStatus.ENLISTED, on=start, handover=handover
        )
    return intake


def _ready(actor: Any, commune: Unit, year: int) -> Citizen:
    """A man of 19 in the intake's year, registered at 17, examined fit in November before the intake."""
    citizen = man(commune, born=dt.date(year - 19, 5, 1))
    conscription.register_first(actor=actor, citizen=citizen, registered_on=dt.date(year - 2, 4, 10))
    conscription.record_health(
        actor=actor,
        data=conscription.HealthInput(
            citizen=citizen,
            intake_year=year,
            stage=ExamStage.EXAMINATION,
            examined_on=dt.date(year - 1, 11, 20),
            health_type=2,
            height_cm=Decimal("167"),
            weight_kg=Decimal("58"),
        ),
    )
    return citizen


# -- awards ---------------------------------------------------------------------------------------------

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Ngọc", "Thị")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hùng", "Khánh", "Long", "Mạnh", "Nam", "Sơn")
POSTS = (
    "Chỉ huy trưởng Ban CHQS",
    "Chính trị viên phó Ban CHQS",
    "Chỉ huy phó Ban CHQS",
    "Thôn đội trưởng",
    "Tiểu đội trưởng dân quân cơ động",
    "Chiến sĩ dân quân",
)
COLLECTIVES = (
    "Ban CHQS",
    "Trung đội dân quân cơ động",
    "Hội Cựu chiến binh",
    "Đoàn Thanh niên",
)
DISTRICT_OFFICES = (
    "Phòng Lao động – Thương binh và Xã hội",
    "Phòng Tài chính – Kế hoạch",
    "Phòng Giáo dục và Đào tạo",
    "Trung tâm Y tế",
    "Phòng Văn hóa và Thông tin",
    "Công an",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Hội Liên hiệp Phụ nữ",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
)


def _names() -> Iterator[str]:
    """Distinct full names, in the same order every time."""
    for given, middle, family in itertools.product(GIVEN, MIDDLE, FAMILY):
        yield f"{family} {middle} {given}"


def _place(unit: Unit) -> str:
    """ "xã Mộc Hoàn" from "Xã Mộc Hoàn"."""
    return unit.name[:1].lower() + unit.name[1:]


class Recipients:
    """Collectives and individuals of one district, each used once (a name twice on the same branch of
    the tree would be one recipient awarded twice)."""

    def __init__(self, district: Unit, communes: Sequence[Unit]) -> None:
        self.district = district
        self.communes = list(communes)
        self.names = _names()
        local = [f"{kind} {_place(c)}" for kind in COLLECTIVES for c in self.communes]
        offices = [f"{office} {_place(self.district)}" for office in DISTRICT_OFFICES]
        self.collective_names = iter(local + offices)
        self.counter = itertools.count()

    def collectives(self, count: int, *, form: str, period: str) -> list[awards.AwardLine]:
        return [
            awards.AwardLine(
                recipient_kind="collective",
                recipient_name=next(self.collective_names),
                form_code=form,
                period_code=period,
                achievement="Hoàn thành xuất sắc nhiệm vụ quân sự, quốc phòng địa phương",
            )
            for _ in range(count)
        ]

    def individuals(self, count: int, *, form: str, period: str) -> list[awards.AwardLine]:
        lines = []
        for _ in range(count):
            n = next(self.counter)
            commune = self.communes[n % len(self.communes)]
            lines.append(
                awards.AwardLine(
                    recipient_kind="individual",
                    recipient_name=next(self.names),
                    recipient_detail=f"{POSTS[n % len(POSTS)]} {_place(commune)}",
                    form_code=form,
                    period_code=period,
                    achievement="Có thành tích xuất sắc trong thực hiện nhiệm vụ quốc phòng địa phương",
                )
            )
        return lines

    def communes_as_collectives(self, count: int, *, form: str, period: str) -> list[awards.AwardLine]:
        """Communes of the tree as the collectives awarded (their awards count under the district)."""
        return [
            awards.AwardLine(
                recipient_kind="collective", recipient_unit=c, form_code=form, period_code=period
            )
            for c in self.communes[:count]
        ]

    def citizens(self, count: int, *, form: str, period: str) -> list[awards.AwardLine]:
        """People of the register as the individuals awarded (their awards count in their commune)."""
        lines = []
        for _ in range(count):
            n = next(self.counter)
            commune = self.communes[n % len(self.communes)]
            citizen = person(commune, next(self.names))
            lines.append(
                awards.AwardLine(
                    recipient_kind="individual",
                    recipient_citizen=citizen,
                    recipient_detail=f"{POSTS[n % len(POSTS)]} {_place(commune)}",
                    form_code=form,
                    period_code=period,
                )
            )
        return lines


def decide_at(
    actor: Any,
    conference: Conference,
    *,
    issuer: str,
    unit: Unit,
    lines: Sequence[awards.AwardLine],
    number: str,
    decided_on: dt.date,
    signer_name: str,
    subject: str,
) -> AwardDecision:
    """A signed decision whose awards are presented at the conference."""
    decision = awards.decide_awards(
        actor=actor,
        data=awards.DecisionInput(
            issuing_unit=unit,
            issuer=issuer,
            decided_on=decided_on,
            number=number,
            signer_name=signer_name,
            subject=subject,
            conference=conference,
        ),
        lines=lines,
    )
    return awards.present_awards(actor=actor, decision=decision, conference=conference)


def _conference(where: Where, **values: Any) -> Conference:
    return awards.record_conference(
        actor=where.actor, data=awards.ConferenceInput(unit=where.district, **values)
    )


def _chairman_awards(
    where: Where,
    conference: Conference,
    people: Recipients,
    counts: tuple[int, int],
    *,
    period: str,
    number: str,
    decided_on: dt.date,
    signer_name: str,
    subject: str,
) -> AwardDecision:
    """The district chairman's Giấy khen for so many collectives and individuals (`counts`), presented
    at the conference."""
    collectives, individuals = counts
    return decide_at(
        where.actor,
        conference,
        issuer="district_chairman",
        unit=where.district,
        lines=[
            *people.collectives(collectives, form="giay_khen", period=period),
            *people.individuals(individuals, form="giay_khen", period=period),
        ],
        number=number,
        decided_on=decided_on,
        signer_name=signer_name,
        subject=subject,
    )


# -- the five seeds -------------------------------------------------------------------------------------


def duy_tien_2019() -> Seed:
    """000 — Duy Tiên (Hà Nam), year 2019: the call-up filled (100 %); UBND huyện khen thưởng 9 tập thể,
    14 cá nhân. (Duy Tiên became a thị xã on 01/05/2020; in 2019 it was a huyện, as the article says.)"""
    where = _where(
        _province(35, "Tỉnh Hà Nam"),
        (349, "Huyện Duy Tiên"),
        [(13327, "Xã Mộc Hoàn"), (13345, "Xã Chuyên Ngoại"), (13351, "Xã Trác Văn")],
    )
    intake = call_up(
        where,
        CallUpPlan(
            2019,
            (dt.date(2019, 2, 25), dt.date(2019, 2, 27)),
            (3, 2, 2),
            "Trung tâm Văn hóa – Thể thao huyện Duy Tiên",
            "Sư đoàn 390, Quân đoàn 1",
        ),
    )
    conference = _conference(
        where,
        kind=ConferenceKind.TONG_KET,
        period_code="2019",
        held_on=dt.date(2019, 12, 26),
        title="Hội nghị tổng kết công tác quốc phòng địa phương năm 2019",
        place="Hội trường UBND huyện Duy Tiên",
        organiser="UBND huyện Duy Tiên",
        chair_name="Trần Quang Hưng",
        chair_title="Chủ tịch UBND huyện",
        attendees=(
            "lãnh đạo Bộ CHQS tỉnh; các phòng, ban, ngành, đoàn thể huyện; lãnh đạo UBND các xã, thị trấn"
        ),
        conclusions=(
            "Ghi nhận các cấp chính quyền đã kết hợp chặt chẽ phát triển kinh tế - xã hội với củng cố "
            "quốc phòng, an ninh; lực lượng vũ trang huyện được xây dựng vững mạnh."
        ),
        tasks=(
            "Năm tới là năm đại hội đảng các cấp: quán triệt chủ trương của Đảng về nhiệm vụ quốc phòng, "
            "xây dựng khu vực phòng thủ huyện vững chắc, xây dựng lực lượng vũ trang sẵn sàng chiến đấu cao."
        ),
    )
    decision = _chairman_awards(
        where,
        conference,
        Recipients(where.district, where.communes),
        (9, 14),
        period="2019",
        number="2150/QĐ-UBND",
        decided_on=dt.date(2019, 12, 20),
        signer_name="Trần Quang Hưng",
        subject="đã có thành tích xuất sắc trong thực hiện nhiệm vụ quốc phòng địa phương năm 2019",
    )
    return where.seed("2019", conference, decisions=[decision], intake=intake)


def kim_bang_2015_2020() -> Seed:
    """001 — Kim Bảng (Hà Nam), the province's defence programmes over 2015–2020, conference 13/10/2020:
    UBND huyện Kim Bảng khen thưởng 5 tập thể, 5 cá nhân. The article gives no call-up figure, so no
    call-up is made: the report must say that area has no records."""
    where = _where(
        _province(35, "Tỉnh Hà Nam"),
        (350, "Huyện Kim Bảng"),
        [(13387, "Xã Nguyễn Úy"), (13408, "Xã Hoàng Tây"), (13414, "Xã Thụy Lôi")],
    )
    conference = _conference(
        where,
        kind=ConferenceKind.TONG_KET,
        period_code="2015-2020",
        held_on=dt.date(2020, 10, 13),
        title="Hội nghị tổng kết các đề án về công tác quốc phòng giai đoạn 2015–2020",
        place="Hội trường UBND huyện Kim Bảng",
        organiser="UBND huyện Kim Bảng",
        chair_name="Lê Văn Thành",
        chair_title="Chủ tịch UBND huyện",
        attendees="các ban, ngành, đoàn thể huyện; lãnh đạo UBND, Ban CHQS các xã, thị trấn",
        conclusions=(
            "Các đề án của UBND tỉnh về công tác quốc phòng được triển khai đồng bộ, hoàn thành cơ bản "
            "các nội dung, mục tiêu đề ra; còn một số việc chậm cần khắc phục."
        ),
        tasks=(
            "Rút kinh nghiệm tuyển quân vừa qua, triển khai các bước tuyển quân năm sau đúng luật; duy trì "
            "trực sẵn sàng chiến đấu; tập huấn Luật Dân quân tự vệ và Luật Lực lượng dự bị động viên."
        ),
    )
    decision = _chairman_awards(
        where,
        conference,
        Recipients(where.district, where.communes),
        (5, 5),
        period="2015-2020",
        number="1875/QĐ-UBND",
        decided_on=dt.date(2020, 10, 8),
        signer_name="Lê Văn Thành",
        subject=(
            "đã có thành tích xuất sắc trong thực hiện các đề án về công tác quốc phòng giai đoạn 2015–2020"
        ),
    )
    return where.seed("2015-2020", conference, decisions=[decision])


def ha_noi_h1_2024() -> Seed:
    """002 — Thạch Thất (Hà Nội; the five communes the article names are Thạch Thất's), six-month review
    of 28/06/2024: first registrations done; 100 % of the city's 2024 quota; the campaign "90 ngày hành
    động kiểu mẫu" (01/7–30/9/2024) launched by the command's political officer, with pledges signed
    between the clusters. No awards were presented."""
    where = _where(
        _province(1, "Thành phố Hà Nội", "thành phố trung ương"),
        (276, "Huyện Thạch Thất"),
        [(9961, "Xã Cẩm Yên"), (9967, "Xã Phú Kim"), (9982, "Xã Bình Yên")],
    )
    intake = call_up(
        where,
        CallUpPlan(
            2024,
            (dt.date(2024, 2, 26), dt.date(2024, 2, 28)),
            (2, 3, 2),
            "Sân vận động huyện Thạch Thất",
            "Sư đoàn 301, Bộ Tư lệnh Thủ đô Hà Nội",
        ),
    )
    for commune in where.communes:  # this year's first registrations (April), men born in 2007
        conscription.register_first(
            actor=where.actor,
            citizen=man(commune, born=dt.date(2007, 8, 1)),
            registered_on=dt.date(2024, 4, 10),
        )
    conference = _conference(
        where,
        kind=ConferenceKind.SO_KET,
        period_code="2024-H1",
        held_on=dt.date(2024, 6, 28),
        title="Hội nghị sơ kết công tác quân sự, quốc phòng 6 tháng đầu năm 2024",
        place="Hội trường Ban CHQS huyện Thạch Thất",
        organiser="UBND huyện Thạch Thất",
        chair_name="Phạm Đức Long",
        chair_title="Chỉ huy trưởng Ban CHQS huyện",
        attendees=(
            "đại diện Bộ Tư lệnh Thủ đô Hà Nội; lãnh đạo các phòng, ngành huyện; chỉ huy trưởng các đơn vị "
            "tự vệ; lãnh đạo UBND, Ban CHQS các xã, thị trấn"
        ),
        conclusions=(
            "Đánh giá cao kết quả thực hiện nhiệm vụ quân sự, quốc phòng sáu tháng đầu năm của lực lượng "
            "vũ trang huyện."
        ),
        tasks=(
            "Đẩy mạnh tuyên truyền, giáo dục quốc phòng; xây dựng trụ sở Ban CHQS các xã, thị trấn; làm tốt "
            "chính sách hậu phương quân đội và các hoạt động đền ơn đáp nghĩa dịp 27/7."
        ),
    )
    campaign = awards.launch_campaign(
        actor=where.actor,
        data=awards.CampaignInput(
            unit=where.district,
            name="90 ngày hành động kiểu mẫu",
            launched_by="Chính trị viên Ban CHQS huyện",
            launched_on=dt.date(2024, 6, 28),
            starts_on=dt.date(2024, 7, 1),
            ends_on=dt.date(2024, 9, 30),
            scope="Lực lượng vũ trang huyện; Ban CHQS các xã, thị trấn",
            criteria="Lập thành tích trong diễn tập khu vực phòng thủ huyện",
            participants=where.communes,
        ),
    )
    pledges = [
        awards.sign_pledge(
            actor=where.actor,
            campaign=campaign,
            signed_on=dt.date(2024, 6, 28),
            parties=parties,
            content="Thi đua hoàn thành xuất sắc nhiệm vụ diễn tập khu vực phòng thủ huyện",
        )
        for parties in ("Cụm thi đua số 1 và Cụm thi đua số 2", "Cụm thi đua số 3 và Cụm thi đua số 4")
    ]
    return where.seed("2024-H1", conference, intake=intake, campaign=campaign, pledges=pledges)


def ngoc_lac_2023() -> Seed:
    """003 — Ngọc Lặc (Thanh Hóa), year 2023: the call-up "đủ số lượng" (100 %); Giấy khen for 14 tập thể
    and 26 cá nhân from the district party committee and People's Committee. The party committee is no
    issuer in the award rules (rules.Issuer): the whole count is recorded as the People's Committee's."""
    where = _where(
        _province(38, "Tỉnh Thanh Hóa"),
        (389, "Huyện Ngọc Lặc"),
        [(15061, "Thị trấn Ngọc Lặc"), (15064, "Xã Lam Sơn"), (15067, "Xã Mỹ Tân")],
    )
    intake = call_up(
        where,
        CallUpPlan(
            2023,
            (dt.date(2023, 2, 13), dt.date(2023, 2, 15)),
            (2, 2, 3),
            "Quảng trường huyện Ngọc Lặc",
            "Sư đoàn 341, Quân khu 4",
        ),
    )
    conference = _conference(
        where,
        kind=ConferenceKind.TONG_KET,
        period_code="2023",
        held_on=dt.date(2023, 12, 28),
        title="Hội nghị tổng kết công tác quốc phòng – an ninh năm 2023",
        place="Hội trường Trung tâm Chính trị huyện Ngọc Lặc",
        organiser="UBND huyện Ngọc Lặc",
        chair_name="Hà Văn Minh",
        chair_title="Bí thư Huyện ủy",
        attendees=(
            "lãnh đạo Huyện ủy, HĐND, UBND huyện; các ban, ngành, đoàn thể huyện; lãnh đạo các xã, thị trấn"
        ),
        conclusions=(
            "Biểu dương kết quả công tác quốc phòng – an ninh, xây dựng cơ sở và thực hiện quy chế dân chủ "
            "trong năm."
        ),
        tasks=(
            "Nâng cao vai trò lãnh đạo của cấp ủy và tham mưu của cơ quan quân sự, công an trong xây dựng "
            "khu vực phòng thủ; tuyên truyền về quốc phòng – an ninh trong tình hình mới."
        ),
    )
    decision = _chairman_awards(
        where,
        conference,
        Recipients(where.district, where.communes),
        (14, 26),
        period="2023",
        number="3120/QĐ-UBND",
        decided_on=dt.date(2023, 12, 22),
        signer_name="Lê Thị Hoa",
        subject="đã có thành tích xuất sắc trong thực hiện nhiệm vụ quốc phòng – an ninh năm 2023",
    )
    return where.seed("2023", conference, decisions=[decision], intake=intake)


def binh_lieu_2021() -> Seed:
    """004 — Bình Liêu (Quảng Ninh, border), year 2021, conference 02/12/2021: call-up 100 %; the
    provincial command khen thưởng 2 tập thể, 6 cá nhân (its awards go to the district's communes and
    people of the register, so they count under the district); UBND huyện 3 tập thể, 7 cá nhân;
    BCHQS huyện "Chiến sĩ tiên tiến" for 4 cá nhân."""
    where = _where(
        _province(22, "Tỉnh Quảng Ninh"),
        (198, "Huyện Bình Liêu"),
        [(6838, "Thị trấn Bình Liêu"), (6841, "Xã Hoành Mô"), (6844, "Xã Đồng Tâm")],
    )
    intake = call_up(
        where,
        CallUpPlan(
            2021,
            (dt.date(2021, 2, 25), dt.date(2021, 2, 27)),
            (2, 2, 2),
            "Nhà văn hóa huyện Bình Liêu",
            "Lữ đoàn 242, Quân khu 3",
        ),
    )
    conference = _conference(
        where,
        kind=ConferenceKind.TONG_KET,
        period_code="2021",
        held_on=dt.date(2021, 12, 2),
        title="Hội nghị tổng kết công tác quốc phòng, quân sự địa phương năm 2021",
        place="Hội trường UBND huyện Bình Liêu",
        organiser="UBND huyện Bình Liêu",
        chair_name="Hoàng Văn Sơn",
        chair_title="Phó Chủ tịch UBND huyện",
        attendees="lãnh đạo Ban CHQS huyện; các ban, ngành, đoàn thể huyện; lãnh đạo UBND các xã, thị trấn",
        conclusions=(
            "Ghi nhận kết quả công tác quốc phòng, quân sự địa phương trong năm dịch bệnh; giữ vững an ninh "
            "trên tuyến biên giới."
        ),
        tasks=(
            "Các xã, thị trấn lập kế hoạch và danh sách thực hiện nghĩa vụ quân sự sớm; phối hợp chặt chẽ "
            "với Ban CHQS huyện; nâng cao chất lượng giáo dục quốc phòng – an ninh."
        ),
    )
    people = Recipients(where.district, where.communes)
    emulation = "trong phong trào thi đua Quyết thắng năm 2021"
    by_province = decide_at(
        where.actor,
        conference,
        issuer="provincial_command",
        unit=where.province,
        lines=[
            *people.communes_as_collectives(2, form="giay_khen", period="2021"),
            *people.citizens(6, form="giay_khen", period="2021"),
        ],
        number="2680/QĐ-BCH",
        decided_on=dt.date(2021, 11, 25),
        signer_name="Đinh Văn Cường",
        subject=f"đã có thành tích xuất sắc {emulation}",
    )
    by_district = _chairman_awards(
        where,
        conference,
        people,
        (3, 7),
        period="2021",
        number="4012/QĐ-UBND",
        decided_on=dt.date(2021, 11, 29),
        signer_name="Hoàng Văn Sơn",
        subject=f"đã có thành tích xuất sắc {emulation}",
    )
    by_command = decide_at(
        where.actor,
        conference,
        issuer="district_command",
        unit=where.district,
        lines=people.individuals(4, form="chien_si_tien_tien", period="2021"),
        number="215/QĐ-BCH",
        decided_on=dt.date(2021, 11, 30),
        signer_name="Nông Văn Hải",
        subject=f"đã hoàn thành tốt nhiệm vụ {emulation}",
    )
    return where.seed("2021", conference, decisions=[by_province, by_district, by_command], intake=intake)


SEEDS = {
    "duy_tien_2019": duy_tien_2019,
    "kim_bang_2015_2020": kim_bang_2015_2020,
    "ha_noi_h1_2024": ha_noi_h1_2024,
    "ngoc_lac_2023": ngoc_lac_2023,
    "binh_lieu_2021": binh_lieu_2021,
}
