"""Award decisions: from agreed nominations and direct lines, every rule asked again on the decision's
day (both eras), unique numbers, drafts and signing, presenting, attaching to a conference, revoking."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qpdp.awards import services
from qpdp.awards.choices import DecisionStatus, NominationStatus
from qpdp.awards.models import Award, AwardDecision, Nomination
from qpdp.awards.rules.law import PRINCIPLE_2022
from qpdp.core.models import AuditEntry
from qpdp.org.scope import scope_paths
from tests.factories.awards import (
    DECIDED_ON,
    HELD_ON,
    agree,
    campaign,
    conference,
    decide,
    draft_decision,
    line,
    nominate,
    nomination_input,
    person,
    refused,
)

pytestmark = pytest.mark.django_db

LAW_2022_ART_80_COMMUNE = "Khoản 2, 3 Điều 80 Luật Thi đua, khen thưởng 2022; Nghị định 129/2025/NĐ-CP"


def _agreed(officer: Any, reviewer: Any, unit: Any, **values: Any) -> Nomination:
    nomination = nominate(officer, unit, **values)
    agree(reviewer, [nomination])
    nomination.refresh_from_db()
    return nomination


# -- deciding ----------------------------------------------------------------------------------------


def test_the_commune_chairman_decides_the_agreed_nominations(tree: Any, journey: dict[str, Any]) -> None:
    decision = journey["decision"]

    assert decision.status == DecisionStatus.SIGNED
    assert decision.issuing_body == "UBND xã An Bình"
    assert (decision.signing_line, decision.signer_title) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert (decision.number, decision.year, decision.unit_path) == ("125/QĐ-UBND", 2026, tree.commune_a.path)
    assert decision.conference == journey["conference"]
    awards = list(decision.awards.order_by("id"))
    assert [a.recipient_kind for a in awards] == ["collective"] * 2 + ["individual"] * 3
    assert all(a.unit_path == tree.commune_a.path for a in awards)
    for nomination in journey["nominations"]:
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.DECIDED
        assert nomination.award.decision == decision
    assert AuditEntry.objects.filter(action="awards.decision.signed", object_id=str(decision.pk)).count() == 1
    assert AuditEntry.objects.filter(action="awards.award.granted").count() == 5
    decided = AuditEntry.objects.filter(action="awards.nomination.decided")
    assert decided.count() == 5
    assert all(e.after is not None and e.after["status"] == "decided" for e in decided)


def test_a_decision_number_is_used_once_a_year_by_a_unit(
    tree: Any, journey: dict[str, Any], commune_leader_a: Any
) -> None:
    with refused(
        "Số quyết định “125/QĐ-UBND” của UBND xã An Bình năm 2026 đã dùng cho quyết định ngày 01/12/2026."
    ) as refusal:
        decide(
            commune_leader_a,
            tree.commune_a,
            lines=[line(recipient_kind="individual", recipient_name="Lê Văn Dũng")],
        )
    assert refusal.fields == ["number"]

    next_year = decide(
        commune_leader_a,
        tree.commune_a,
        decided_on=dt.date(2027, 1, 5),
        lines=[line(recipient_kind="individual", recipient_name="Lê Văn Dũng")],
    )
    assert next_year.number == "125/QĐ-UBND"


@pytest.mark.parametrize(
    ("overrides", "messages"),
    [
        pytest.param({"number": " "}, ["Phải ghi số quyết định."], id="no-number"),
        pytest.param({"signer_name": ""}, ["Phải ghi họ tên người ký."], id="no-signer"),
        pytest.param(
            {"issuer": "chu_tich_nuoc"},
            [
                "Cấp khen thưởng “chu_tich_nuoc” không hợp lệ; chọn một trong: Chủ tịch UBND xã, "
                "Chủ tịch UBND huyện, Chủ tịch UBND tỉnh, Chỉ huy trưởng Bộ CHQS tỉnh, "
                "Chỉ huy trưởng Ban CHQS huyện, Chỉ huy trưởng Ban CHPTKV, Tư lệnh Quân khu."
            ],
            id="unknown-issuer",
        ),
    ],
)
def test_decision_header_refusals(
    tree: Any, commune_leader_a: Any, overrides: Any, messages: list[str]
) -> None:
    with refused(*messages):
        decide(
            commune_leader_a,
            tree.commune_a,
            lines=[line(recipient_kind="individual", recipient_name="Lê Văn Dũng")],
            **overrides,
        )


def test_a_decision_without_lines_is_refused(tree: Any, commune_leader_a: Any) -> None:
    with refused("Quyết định phải có ít nhất một tập thể, cá nhân hoặc hộ gia đình được khen thưởng."):
        decide(commune_leader_a, tree.commune_a)


def test_an_issuer_decides_at_a_unit_of_its_level(tree: Any, province_officer: Any) -> None:
    with refused(
        "Chủ tịch UBND xã không ban hành quyết định tại “Tỉnh Thử Nghiệm”; chọn đơn vị cấp xã."
    ) as refusal:
        decide(
            province_officer,
            tree.province,
            lines=[line(recipient_kind="individual", recipient_name="Lê Văn Dũng")],
        )
    assert refusal.fields == ["issuing_unit"]


def test_another_commune_cannot_decide_here(tree: Any, commune_officer_b: Any) -> None:
    with refused("Không tìm thấy đơn vị “Xã An Bình” trong phạm vi của bạn."):
        decide(
            commune_officer_b, tree.commune_a, lines=[line(recipient_kind="individual", recipient_name="A")]
        )


def test_the_rules_are_asked_again_for_direct_lines(tree: Any, commune_leader_a: Any) -> None:
    with refused(
        f"Lê Văn Dũng: Chủ tịch UBND xã không có thẩm quyền tặng bằng khen ({LAW_2022_ART_80_COMMUNE})."
    ) as refusal:
        decide(
            commune_leader_a,
            tree.commune_a,
            lines=[
                line(recipient_kind="individual", recipient_name="Lê Văn Dũng", form_code="bang_khen", row=7)
            ],
        )
    assert [p.row for p in refusal.problems] == [7]


def test_the_rules_are_asked_again_on_the_decision_day_for_nominations(
    tree: Any, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    nomination = _agreed(commune_officer_a, region_officer, tree.commune_a, recipient_citizen=citizen)
    # Between the proposal and the decision, another decision gave the same person the same form.
    decide(
        commune_leader_a,
        tree.commune_a,
        number="90/QĐ-UBND",
        decided_on=dt.date(2026, 11, 22),
        lines=[line(recipient_kind="individual", recipient_citizen=citizen)],
    )
    with refused(f"Nguyễn Văn An: Cá nhân này đã được tặng giấy khen năm 2026 ({PRINCIPLE_2022})."):
        decide(commune_leader_a, tree.commune_a, nominations=[nomination])


def test_titles_of_one_ladder_are_given_together(tree: Any, commune_leader_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    title = line(recipient_kind="individual", recipient_citizen=citizen, form_code="chien_si_thi_dua_co_so")
    with refused(
        "Nguyễn Văn An: Chưa đủ điều kiện tặng danh hiệu “Chiến sĩ thi đua cơ sở”: cần đạt danh hiệu "
        "“Lao động tiên tiến” hoặc “Chiến sĩ tiên tiến” năm 2026 (Điều 23 Luật Thi đua, khen thưởng 2022)."
    ):
        decide(commune_leader_a, tree.commune_a, lines=[title])

    decision = decide(
        commune_leader_a,
        tree.commune_a,
        lines=[
            line(recipient_kind="individual", recipient_citizen=citizen, form_code="lao_dong_tien_tien"),
            title,
        ],
    )

    assert decision.awards.count() == 2


def test_the_same_recipient_twice_in_one_decision_is_refused(tree: Any, commune_leader_a: Any) -> None:
    twice = line(recipient_kind="collective", recipient_unit=tree.village_a1)
    with refused("Thôn 1 được ghi hai lần cho “Giấy khen” kỳ 2026."):
        decide(commune_leader_a, tree.commune_a, lines=[twice, twice])


def test_negative_money_is_refused(tree: Any, commune_leader_a: Any) -> None:
    with refused("Tiền thưởng không được âm.") as refusal:
        decide(
            commune_leader_a,
            tree.commune_a,
            lines=[line(recipient_kind="individual", recipient_name="Lê Văn Dũng", money=-1)],
        )
    assert refusal.fields == ["money"]


def test_money_is_kept_per_line(tree: Any, commune_leader_a: Any) -> None:
    decision = decide(
        commune_leader_a,
        tree.commune_a,
        lines=[line(recipient_kind="individual", recipient_name="Lê Văn Dũng", money=500_000)],
    )
    assert decision.awards.get().money == 500_000


# -- nominations in a decision -----------------------------------------------------------------------


def test_only_agreed_nominations_of_this_issuer_are_decided(
    tree: Any, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any, province_officer: Any
) -> None:
    waiting = nominate(commune_officer_a, tree.commune_a, recipient_name="Nguyễn Văn An")
    with refused(
        "Đề nghị khen thưởng Nguyễn Văn An chưa được hội đồng xét nhất trí (đã đề nghị)."
    ) as refusal:
        decide(commune_leader_a, tree.commune_a, nominations=[waiting])
    assert refusal.fields == ["nominations"]

    to_province = _agreed(
        commune_officer_a,
        region_officer,
        tree.commune_a,
        recipient_name="Lê Thị Bình",
        issuer="province_chairman",
        form_code="bang_khen",
    )
    with refused("Đề nghị khen thưởng Lê Thị Bình gửi Chủ tịch UBND tỉnh, không phải Chủ tịch UBND xã."):
        decide(commune_leader_a, tree.commune_a, nominations=[to_province])

    decision = decide(
        province_officer,
        tree.province,
        issuer="province_chairman",
        number="2150/QĐ-UBND",
        nominations=[to_province],
    )
    assert decision.issuing_body == "UBND tỉnh Thử Nghiệm"


def test_a_nomination_is_decided_once(tree: Any, journey: dict[str, Any], commune_leader_a: Any) -> None:
    nomination = journey["nominations"][2]
    with refused(
        "Đề nghị khen thưởng Nguyễn Văn An đã có trong quyết định "
        "Quyết định 125/QĐ-UBND ngày 01/12/2026 của UBND xã An Bình."
    ):
        decide(commune_leader_a, tree.commune_a, number="126/QĐ-UBND", nominations=[nomination])


def test_a_decision_before_the_review_is_refused(
    tree: Any, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> None:
    nomination = _agreed(commune_officer_a, region_officer, tree.commune_a, recipient_name="Nguyễn Văn An")
    with refused("Ngày quyết định (24/11/2026) không được trước ngày hội đồng xét (25/11/2026)."):
        decide(commune_leader_a, tree.commune_a, nominations=[nomination], decided_on=dt.date(2026, 11, 24))


def test_another_communes_nomination_is_not_found(
    tree: Any, commune_officer_a: Any, region_officer: Any, commune_officer_b: Any
) -> None:
    nomination = _agreed(commune_officer_a, region_officer, tree.commune_a, recipient_name="Nguyễn Văn An")
    with refused("Không tìm thấy đề nghị khen thưởng trong phạm vi của bạn."):
        decide(commune_officer_b, tree.commune_b, nominations=[nomination])


# -- both eras ---------------------------------------------------------------------------------------


def _district_decision(actor: Any, tree: Any, on: dt.date) -> AwardDecision:
    return decide(
        actor,
        tree.legacy_district,
        issuer="district_chairman",
        decided_on=on,
        number="312/QĐ-UBND",
        lines=[
            line(
                recipient_kind="collective",
                recipient_name="Trung đội dân quân cơ động xã An",
                period_code=str(on.year),
            )
        ],
    )


def test_a_2021_decision_of_the_district_chairman_is_accepted(tree: Any, province_officer: Any) -> None:
    decision = _district_decision(province_officer, tree, dt.date(2021, 12, 2))

    assert decision.issuing_body == "UBND huyện Cũ"
    assert decision.unit_path == tree.legacy_district.path
    award = decision.awards.get()
    assert (award.period_code, award.recipient_path) == ("2021", tree.legacy_district.path)


def test_the_same_decision_in_2026_is_refused(tree: Any, province_officer: Any) -> None:
    with refused(
        "Từ ngày 01/07/2025 không còn cấp huyện (chính quyền địa phương hai cấp, Luật Tổ chức chính quyền "
        "địa phương số 72/2025/QH15; Nghị quyết 202/2025/QH15): Chủ tịch UBND huyện không còn thẩm quyền "
        "khen thưởng vào ngày 10/01/2026."
    ) as refusal:
        _district_decision(province_officer, tree, dt.date(2026, 1, 10))
    assert refusal.fields == ["issuer"]


def test_a_military_region_bang_khen_is_kept_at_the_province(tree: Any, province_officer: Any) -> None:
    decision = decide(
        province_officer,
        tree.province,
        issuer="military_region",
        issuing_body="Bộ Tư lệnh Quân khu 3",
        number="1020/QĐ-BTL",
        lines=[line(recipient_kind="collective", recipient_unit=tree.commune_a, form_code="bang_khen")],
    )
    assert decision.issuing_body == "Bộ Tư lệnh Quân khu 3"
    assert decision.signer_title == "TƯ LỆNH"
    assert decision.awards.get().recipient_path == tree.commune_a.path


# -- drafts, presenting, conferences -----------------------------------------------------------------


def test_a_draft_keeps_its_nominations_open_until_signed(
    tree: Any, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> None:
    nomination = _agreed(commune_officer_a, region_officer, tree.commune_a, recipient_name="Nguyễn Văn An")
    draft = decide(
        commune_leader_a, tree.commune_a, nominations=[nomination], draft=True, number="", signer_name=""
    )
    nomination.refresh_from_db()
    assert (draft.status, nomination.status) == (DecisionStatus.DRAFT, NominationStatus.REVIEWED)
    assert AuditEntry.objects.filter(action="awards.decision.drafted").count() == 1

    services.sign_decision(
        actor=commune_leader_a,
        decision=draft,
        number="130/QĐ-UBND",
        decided_on=dt.date(2026, 12, 3),
        signer_name="Trần Văn Bình",
    )

    draft.refresh_from_db()
    nomination.refresh_from_db()
    assert (draft.status, draft.number, draft.signer_title) == (
        DecisionStatus.SIGNED,
        "130/QĐ-UBND",
        "CHỦ TỊCH",
    )
    assert nomination.status == NominationStatus.DECIDED
    with refused("Quyết định 130/QĐ-UBND đã ký; chỉ dự thảo mới ký được."):
        services.sign_decision(
            actor=commune_leader_a,
            decision=draft,
            number="131/QĐ-UBND",
            decided_on=dt.date(2026, 12, 3),
            signer_name="Trần Văn Bình",
        )


def test_signing_a_draft_asks_the_rules_again(
    tree: Any, journey: dict[str, Any], commune_leader_a: Any
) -> None:
    draft = draft_decision(commune_leader_a, tree.commune_a, kind="individual", name="Lê Văn Dũng")
    with refused(
        "Phải ghi họ tên người ký.",
        "Số quyết định “125/QĐ-UBND” của UBND xã An Bình năm 2026 đã dùng cho quyết định ngày 01/12/2026.",
    ):
        services.sign_decision(
            actor=commune_leader_a,
            decision=draft,
            number="125/QĐ-UBND",
            decided_on=DECIDED_ON,
            signer_name="",
        )
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT


def test_attach_and_present_at_the_conference(
    tree: Any, commune_leader_a: Any, commune_officer_a: Any
) -> None:
    the_conference = conference(commune_officer_a, tree.commune_a)
    decision = decide(
        commune_leader_a,
        tree.commune_a,
        lines=[line(recipient_kind="individual", recipient_name="Lê Văn Dũng")],
    )

    services.attach_decision_to_conference(
        actor=commune_leader_a, decision=decision, conference=the_conference
    )
    services.present_awards(actor=commune_leader_a, decision=decision, conference=the_conference)

    decision.refresh_from_db()
    assert (decision.conference, decision.presented_on) == (the_conference, HELD_ON)
    assert AuditEntry.objects.filter(action="awards.decision.attached").count() == 1
    assert AuditEntry.objects.filter(action="awards.decision.presented").count() == 1


def test_present_and_attach_refusals(tree: Any, commune_leader_a: Any, commune_officer_a: Any) -> None:
    early = conference(commune_officer_a, tree.commune_a, held_on=dt.date(2026, 11, 30))
    decision = decide(
        commune_leader_a,
        tree.commune_a,
        lines=[line(recipient_kind="individual", recipient_name="Lê Văn Dũng")],
    )
    later_message = (
        "Quyết định ngày 01/12/2026 ký sau hội nghị ngày 30/11/2026 nên không trao tại hội nghị đó."
    )
    with refused(later_message):
        services.attach_decision_to_conference(actor=commune_leader_a, decision=decision, conference=early)
    with refused(later_message):
        services.present_awards(actor=commune_leader_a, decision=decision, conference=early)
    with refused("Ghi ngày trao khen thưởng (hoặc chọn hội nghị trao)."):
        services.present_awards(actor=commune_leader_a, decision=decision)
    with refused("Ngày trao (30/11/2026) không được trước ngày quyết định (01/12/2026)."):
        services.present_awards(actor=commune_leader_a, decision=decision, presented_on=dt.date(2026, 11, 30))
    draft = draft_decision(commune_leader_a, tree.commune_a, kind="individual", name="Lê Văn Em")
    with refused("Quyết định còn là dự thảo: chỉ trao khen thưởng theo quyết định đã ký."):
        services.present_awards(actor=commune_leader_a, decision=draft, presented_on=HELD_ON)
    with refused(later_message):
        decide(
            commune_leader_a,
            tree.commune_a,
            number="200/QĐ-UBND",
            conference=early,
            lines=[line(recipient_kind="individual", recipient_name="Lê Văn Giang")],
        )


def test_another_commune_cannot_present_or_attach(
    tree: Any, journey: dict[str, Any], commune_officer_b: Any
) -> None:
    with refused("Không tìm thấy quyết định khen thưởng trong phạm vi của bạn."):
        services.present_awards(actor=commune_officer_b, decision=journey["decision"], presented_on=HELD_ON)
    with refused("Không tìm thấy quyết định khen thưởng trong phạm vi của bạn."):
        services.attach_decision_to_conference(
            actor=commune_officer_b, decision=journey["decision"], conference=journey["conference"]
        )


def test_a_campaign_decision_takes_the_campaign_days(
    tree: Any, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    decision = decide(
        commune_leader_a,
        tree.commune_a,
        decided_on=dt.date(2026, 10, 10),
        campaign=the_campaign,
        lines=[line(recipient_kind="collective", recipient_unit=tree.village_a1, period_code="")],
    )
    assert decision.campaign == the_campaign
    assert decision.awards.get().period_code == "2026-07-01..2026-09-30"


# -- revoking ----------------------------------------------------------------------------------------


def test_revoke_an_award(tree: Any, journey: dict[str, Any], commune_leader_a: Any) -> None:
    award = journey["decision"].awards.order_by("id").last()

    services.revoke_award(
        actor=commune_leader_a,
        award=award,
        revoked_on=dt.date(2027, 2, 1),
        reason="Kê khai thành tích không trung thực",
        revocation_number="15/QĐ-UBND",
    )

    award.refresh_from_db()
    assert (award.revoked_on, award.revocation_number) == (dt.date(2027, 2, 1), "15/QĐ-UBND")
    entry = AuditEntry.objects.get(action="awards.award.revoked")
    assert entry.before is not None
    assert entry.before["revoked_on"] is None


def test_revoke_refusals(
    tree: Any, journey: dict[str, Any], commune_leader_a: Any, commune_officer_b: Any
) -> None:
    award = journey["decision"].awards.order_by("id").last()
    with refused("Ngày hủy bỏ (30/11/2026) không được trước ngày quyết định khen thưởng (01/12/2026)."):
        services.revoke_award(
            actor=commune_leader_a, award=award, revoked_on=dt.date(2026, 11, 30), reason="x"
        )
    with refused("Phải ghi lý do hủy bỏ."):
        services.revoke_award(actor=commune_leader_a, award=award, revoked_on=dt.date(2027, 2, 1), reason="")
    with refused("Không tìm thấy khen thưởng trong phạm vi của bạn."):
        services.revoke_award(
            actor=commune_officer_b, award=award, revoked_on=dt.date(2027, 2, 1), reason="x"
        )
    services.revoke_award(actor=commune_leader_a, award=award, revoked_on=dt.date(2027, 2, 1), reason="Sai")
    with refused("Khen thưởng của Phạm Văn Cường đã bị hủy bỏ ngày 01/02/2027."):
        services.revoke_award(actor=commune_leader_a, award=award, revoked_on=dt.date(2027, 2, 2), reason="x")
    draft = draft_decision(commune_leader_a, tree.commune_a, kind="individual", name="Lê Văn Em")
    with refused("Quyết định còn là dự thảo: chưa có khen thưởng để hủy bỏ."):
        services.revoke_award(
            actor=commune_leader_a, award=draft.awards.get(), revoked_on=dt.date(2027, 2, 1), reason="x"
        )
    assert Award.objects.filter(revoked_on__isnull=False).count() == 1


def test_decide_awards_runs_the_same_queries_for_2_or_12_lines(
    tree: Any, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> None:
    scope_paths(commune_leader_a)  # the user's scope is read once per request

    def queries_for(count: int, number: str) -> int:
        nominations = services.nominate_many(
            actor=commune_officer_a,
            items=[
                nomination_input(tree.commune_a, recipient_citizen=person(tree.commune_a))
                for _ in range(count)
            ],
        )
        agree(region_officer, nominations)
        lines = [
            line(recipient_kind="individual", recipient_citizen=person(tree.commune_a)) for _ in range(count)
        ]
        with CaptureQueriesContext(connection) as queries:
            decide(commune_leader_a, tree.commune_a, number=number, nominations=nominations, lines=lines)
        return len(queries)

    assert queries_for(2, "1/QĐ-UBND") == queries_for(12, "2/QĐ-UBND")
