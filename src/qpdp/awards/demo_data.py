"""Demo emulation and awards for a demo province: a year's campaign to its review conference.

For the last complete year (the year before, until the year-end reviews of 20 December): the province's
"Thi đua Quyết thắng" campaign; the first commune's campaign with two pledges, reviewed; the commune's
nominations in every state (decided, agreed and waiting, refused, returned, proposed); the commune
chairman's giấy khen decision and the provincial command's; the commune's year-end review conference
with both decisions presented at it. Every record goes through the services (the rules are asked, the
audit written), as a demo account of the provincial command whose password nobody knows. Deterministic
from the seed; made once per province.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qpdp.awards import services
from qpdp.awards.choices import ConferenceKind, ReviewOutcome
from qpdp.awards.models import Campaign, Nomination
from qpdp.org.choices import Role, Structure, UnitKind
from qpdp.org.models import Unit, User
from qpdp.org.rules import in_sentence
from qpdp.org.services import create_user
from qpdp.people.models import Citizen

ACCOUNT = "demo-thidua-{code}"
ACCOUNT_NAME = "Dữ liệu mẫu thi đua, khen thưởng (tài khoản hệ thống)"
# The two-tier communes exist from 01/07/2025: the demo year is never earlier.
FIRST_YEAR = 2025
REVIEW_SEASON = (12, 20)  # the year-end review conferences are held by 20 December
SIGNERS = ["Nguyễn Văn Hùng", "Trần Quốc Toản", "Lê Văn Thắng", "Phạm Minh Đức", "Hoàng Văn Nam"]
COMMANDERS = ["Đại tá Nguyễn Văn Sơn", "Đại tá Trần Văn Hải", "Đại tá Lê Quang Vinh"]
ACHIEVEMENT = "Hoàn thành xuất sắc nhiệm vụ quân sự, quốc phòng địa phương năm {year}"
PROVINCE_CRITERIA = "Hoàn thành 100% chỉ tiêu huấn luyện, diễn tập, tuyển quân; không có vụ việc mất an toàn"
CONCLUSIONS = "Năm {year} hoàn thành toàn diện các chỉ tiêu công tác quân sự, quốc phòng địa phương."
MILITIA_POSTS = [
    "Tiểu đội trưởng dân quân",
    "Chiến sĩ dân quân cơ động",
    "Thôn đội trưởng",
    "Khẩu đội trưởng",
]


@dataclass(frozen=True)
class DemoAwards:
    campaigns: int
    pledges: int
    nominations: int
    decisions: int
    awards: int
    conferences: int


NOTHING = DemoAwards(0, 0, 0, 0, 0, 0)


def demo_year(today: dt.date) -> int:
    """The last year whose review conferences have been held."""
    year = today.year if (today.month, today.day) >= REVIEW_SEASON else today.year - 1
    return max(year, FIRST_YEAR)


def _actor(province: Unit) -> User:
    """The provincial command's demo account: it may review the communes' nominations and decide."""
    username = ACCOUNT.format(code=province.code)
    found = User.objects.filter(username=username).first()
    if found is not None:
        return found
    user, _ = create_user(
        actor=None,
        username=username,
        role=Role.PROVINCE_OFFICER,
        unit_code=province.code,
        full_name=ACCOUNT_NAME,
    )
    return user


def _people(commune: Unit, year: int, rng: random.Random, count: int) -> list[Citizen | None]:
    """`count` adults of the commune, chosen by the seed (None where the commune has too few)."""
    adults = list(
        Citizen.objects.filter(commune=commune, date_of_birth__lte=dt.date(year - 18, 12, 31))
        .order_by("id")
        .values_list("id", flat=True)[:400]
    )
    chosen = rng.sample(adults, min(count, len(adults)))
    found = Citizen.objects.in_bulk(chosen)
    return [found[pk] for pk in chosen] + [None] * (count - len(chosen))


def _recipient(citizen: Citizen | None, fallback: str) -> dict[str, Any]:
    if citizen is not None:
        return {"recipient_citizen": citizen}
    return {"recipient_name": fallback}


@transaction.atomic
def generate_demo_awards(province: Unit, *, seed: int, today: dt.date | None = None) -> DemoAwards:
    if Campaign.objects.filter(unit_path__startswith=province.path).exists():
        return NOTHING
    communes = list(
        Unit.objects.filter(
            path__startswith=province.path, kind=UnitKind.COMMUNE, structure=Structure.CURRENT
        )
        .select_related("parent")
        .order_by("code")[:2]
    )
    if not communes:
        return NOTHING
    year = demo_year(today or dt.date.today())
    rng = random.Random(seed * 31 + 5)
    actor = _actor(province)
    commune = communes[0]
    other = communes[-1]
    village = Unit.objects.filter(parent=commune, kind=UnitKind.VILLAGE).order_by("code").first()
    people = _people(commune, year, rng, 8)
    achievement = ACHIEVEMENT.format(year=year)
    here = in_sentence(commune.name, "xã")  # "phường Đoàn Kết", as a sentence writes it

    def day(month: int, number: int) -> dt.date:
        return dt.date(year, month, number)

    # -- campaigns and pledges ---------------------------------------------------------------------------
    provincial = services.launch_campaign(
        actor=actor,
        data=services.CampaignInput(
            unit=province,
            name=f"Phong trào Thi đua Quyết thắng năm {year}",
            launched_by=f"Bộ Chỉ huy quân sự {in_sentence(province.name, 'tỉnh')}",
            launched_on=day(7, 15),
            starts_on=day(7, 15),
            ends_on=day(12, 15),
            scope="Lực lượng vũ trang địa phương, Ban CHQS các xã, phường",
            criteria=PROVINCE_CRITERIA,
            participants=communes,
        ),
    )
    campaign = services.launch_campaign(
        actor=actor,
        data=services.CampaignInput(
            unit=commune,
            name=f"Đợt thi đua cao điểm “90 ngày đêm” năm {year}",
            launched_by=f"Chủ tịch UBND {here}",
            launched_on=day(8, 1),
            starts_on=day(8, 1),
            ends_on=day(10, 31),
            scope="Ban CHQS xã, lực lượng dân quân",
            criteria="Huấn luyện dân quân đạt khá trở lên; hoàn thành đăng ký nghĩa vụ quân sự đúng hạn",
        ),
    )
    pledges = [
        services.sign_pledge(
            actor=actor,
            campaign=campaign,
            signed_on=day(8, 5),
            parties="Trung đội dân quân cơ động và các tiểu đội dân quân thôn",
            content="Thi đua huấn luyện giỏi, sẵn sàng chiến đấu cao",
        ),
        services.sign_pledge(
            actor=actor,
            campaign=campaign,
            signed_on=day(8, 10),
            parties="Cụm thi đua số 1 và Cụm thi đua số 2 của xã",
            content="Thi đua hoàn thành đăng ký nghĩa vụ quân sự và xây dựng lực lượng",
        ),
    ]
    services.review_campaign(
        actor=actor,
        campaign=campaign,
        reviewed_on=day(11, 10),
        summary="Hoàn thành 100% chỉ tiêu; 2 tập thể, 3 cá nhân được đề nghị khen thưởng.",
    )

    # -- nominations in every state ----------------------------------------------------------------------
    def proposal(issuer: str, kind: str, row: int, **recipient: Any) -> services.NominationInput:
        return services.NominationInput(
            unit=commune,
            issuer=issuer,
            form_code="giay_khen",
            recipient_kind=kind,
            proposed_on=day(11, 15),
            period_code=str(year),
            campaign=campaign,
            achievement=achievement,
            row=row,
            **recipient,
        )

    village_recipient: dict[str, Any] = (
        {"recipient_unit": village} if village is not None else {"recipient_name": "Thôn 1"}
    )
    to_chairman = [
        proposal("commune_chairman", "collective", 1, **village_recipient, recipient_detail="Thôn đội"),
        proposal(
            "commune_chairman",
            "collective",
            2,
            recipient_name=f"Trung đội dân quân cơ động {here}",
        ),
        *[
            proposal(
                "commune_chairman",
                "individual",
                3 + index,
                recipient_detail=rng.choice(MILITIA_POSTS),
                **_recipient(people[index], f"Dân quân số {index + 1}"),
            )
            for index in range(6)
        ],
    ]
    to_command = [
        proposal(
            "provincial_command",
            "collective",
            9,
            recipient_unit=commune,
            recipient_detail=f"Ban Chỉ huy quân sự {here}",
        ),
        *[
            proposal(
                "provincial_command",
                "individual",
                10 + index,
                recipient_detail="Chỉ huy trưởng Ban CHQS xã" if index == 0 else "Chính trị viên Ban CHQS xã",
                **_recipient(people[6 + index], f"Cán bộ Ban CHQS số {index + 1}"),
            )
            for index in range(2)
        ],
    ]
    nominations = services.nominate_many(actor=actor, items=to_chairman + to_command)
    chairman_agreed = nominations[:5]
    refused, returned = nominations[5], nominations[6]  # nominations[7] stays proposed
    command_agreed = nominations[8:10]  # nominations[10] is agreed and waits for the next decision
    services.review_nominations(
        actor=actor,
        nominations=[*chairman_agreed, *nominations[8:]],
        outcome=ReviewOutcome.AGREE,
        reviewed_on=day(11, 25),
        opinion="Hội đồng Thi đua - Khen thưởng nhất trí đề nghị",
    )
    services.review_nomination(
        actor=actor,
        nomination=refused,
        outcome=ReviewOutcome.REFUSE,
        reviewed_on=day(11, 25),
        opinion="Chưa đủ tiêu chuẩn: chưa hoàn thành chỉ tiêu huấn luyện",
    )
    services.review_nomination(
        actor=actor,
        nomination=returned,
        outcome=ReviewOutcome.RETURN,
        reviewed_on=day(11, 25),
        opinion="Bổ sung báo cáo thành tích có xác nhận của thôn",
    )

    # -- the review conference, the two decisions presented at it -----------------------------------------
    conference = services.record_conference(
        actor=actor,
        data=services.ConferenceInput(
            unit=commune,
            kind=ConferenceKind.TONG_KET,
            period_code=str(year),
            held_on=day(12, 18),
            place=f"Hội trường UBND {here}",
            organiser=f"Ban CHQS {here}",
            chair_name=rng.choice(SIGNERS),
            chair_title=f"Chủ tịch UBND {here}",
            conclusions=CONCLUSIONS.format(year=year),
            tasks=f"Tập trung công tác tuyển quân năm {year + 1}; huấn luyện dân quân đạt 100% kế hoạch.",
        ),
    )
    by_kind = {"collective": 1_000_000, "individual": 500_000}
    chairman = services.decide_awards(
        actor=actor,
        data=services.DecisionInput(
            issuing_unit=commune,
            issuer="commune_chairman",
            decided_on=day(12, 5),
            number="125/QĐ-UBND",
            signer_name=rng.choice(SIGNERS),
            subject=f"đã có thành tích xuất sắc trong công tác quân sự, quốc phòng địa phương năm {year}",
            campaign=campaign,
            conference=conference,
        ),
        lines=[services.AwardLine(nomination=n, money=by_kind[n.recipient_kind]) for n in chairman_agreed],
    )
    command = services.decide_awards(
        actor=actor,
        data=services.DecisionInput(
            issuing_unit=province,
            issuer="provincial_command",
            decided_on=day(12, 10),
            number="1450/QĐ-BCH",
            signer_name=rng.choice(COMMANDERS),
            subject=f"đã có thành tích xuất sắc trong phong trào Thi đua Quyết thắng năm {year}",
            campaign=provincial,
        ),
        nominations=command_agreed,
        lines=[
            services.AwardLine(
                recipient_kind="collective",
                recipient_unit=other,
                recipient_detail=f"Ban Chỉ huy quân sự {in_sentence(other.name, 'xã')}",
                form_code="giay_khen",
                period_code=str(year),
                achievement=achievement,
            )
        ]
        if other.pk != commune.pk
        else [],
    )
    services.attach_decision_to_conference(actor=actor, decision=command, conference=conference)
    for decision in (chairman, command):
        services.present_awards(actor=actor, decision=decision, conference=conference)
    awarded = chairman.awards.count() + command.awards.count()
    made = Nomination.objects.filter(unit_path__startswith=province.path).count()
    return DemoAwards(2, len(pledges), made, 2, awarded, 1)


def make_demo_step(province: Unit, seed: int) -> str:
    made = generate_demo_awards(province, seed=seed)
    return (
        f"campaigns={made.campaigns} pledges={made.pledges} nominations={made.nominations} "
        f"decisions={made.decisions} awards={made.awards} conferences={made.conferences}"
    )
