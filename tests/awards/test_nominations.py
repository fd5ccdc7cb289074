"""Nominating and reviewing: the rules of the level asked, the recipient's history, scope, the council
above — each refusal with its message, nothing written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qpdp.awards import rules, services
from qpdp.awards.choices import NominationStatus, ReviewOutcome
from qpdp.awards.models import Nomination
from qpdp.awards.rules.law import PRINCIPLE_2022
from qpdp.core.models import AuditEntry
from qpdp.org.choices import Role
from qpdp.org.scope import scope_paths
from tests.factories import make_user
from tests.factories.awards import (
    DECIDED_ON,
    PROPOSED_ON,
    REVIEWED_ON,
    agree,
    campaign,
    decide,
    nominate,
    nomination_input,
    person,
    refused,
)

pytestmark = pytest.mark.django_db

PRINCIPLE = PRINCIPLE_2022  # the article the rules cite for "one achievement, one award"


@pytest.fixture
def awarded(
    tree: Any, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> Callable[..., Nomination]:
    """Award in commune A: nominated by its officer, agreed by the regional command, decided by the
    commune chairman."""

    def award(**values: Any) -> Nomination:
        nomination = nominate(commune_officer_a, tree.commune_a, **values)
        agree(region_officer, [nomination])
        decide(commune_leader_a, tree.commune_a, nominations=[nomination], number=f"{nomination.pk}/QĐ-UBND")
        nomination.refresh_from_db()
        return nomination

    return award


# -- nominating --------------------------------------------------------------------------------------


def test_nominate_a_citizen_of_the_register(tree: Any, commune_officer_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")

    nomination = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=citizen, recipient_detail="Dân quân"
    )

    assert nomination.status == NominationStatus.PROPOSED
    assert nomination.recipient_name == "Nguyễn Văn An"
    assert nomination.recipient_key == f"individual:c{citizen.pk}"
    assert nomination.recipient_path == tree.commune_a.path
    assert nomination.unit_path == tree.commune_a.path
    assert nomination.achievement_year == 2026
    entry = AuditEntry.objects.get(action="awards.nomination.proposed")
    assert entry.object_id == str(nomination.pk)
    assert entry.unit_path == tree.commune_a.path
    assert entry.after is not None
    assert entry.after["form_code"] == "giay_khen"


def test_nominate_many_two_collectives_and_three_individuals(tree: Any, commune_officer_a: Any) -> None:
    people = [person(tree.commune_a, name) for name in ("Nguyễn Văn An", "Lê Thị Bình", "Phạm Văn Cường")]
    items = [
        nomination_input(tree.commune_a, recipient_kind="collective", recipient_unit=tree.village_a1),
        nomination_input(
            tree.commune_a, recipient_kind="collective", recipient_name="Trung đội dân quân cơ động"
        ),
        *(nomination_input(tree.commune_a, recipient_citizen=p) for p in people),
    ]

    created = services.nominate_many(actor=commune_officer_a, items=items)

    assert [n.recipient_name for n in created] == [
        "Thôn 1",
        "Trung đội dân quân cơ động",
        "Nguyễn Văn An",
        "Lê Thị Bình",
        "Phạm Văn Cường",
    ]
    assert all(n.pk for n in created)
    # A village's awards count in its commune.
    assert created[0].recipient_path == tree.commune_a.path
    assert created[1].recipient_key == "collective:n:trung doi dan quan co dong"
    assert AuditEntry.objects.filter(action="awards.nomination.proposed").count() == 5


def test_nominate_for_a_campaign_takes_its_days_as_the_period(tree: Any, commune_officer_a: Any) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)

    nomination = nominate(
        commune_officer_a,
        tree.commune_a,
        campaign=the_campaign,
        period_code="",
        proposed_on=dt.date(2026, 10, 2),
        recipient_name="Trung đội dân quân cơ động",
        recipient_kind="collective",
    )

    assert nomination.period_code == "2026-07-01..2026-09-30"
    assert nomination.achievement_year == 2026


def test_a_level_that_may_not_award_the_form_is_refused(tree: Any, commune_officer_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    with refused(
        "Nguyễn Văn An: Chủ tịch UBND xã không có thẩm quyền tặng bằng khen "
        "(Khoản 2, 3 Điều 80 Luật Thi đua, khen thưởng 2022; Nghị định 129/2025/NĐ-CP)."
    ) as refusal:
        nominate(commune_officer_a, tree.commune_a, recipient_citizen=citizen, form_code="bang_khen")
    assert refusal.fields == ["form_code"]


def test_a_title_whose_earlier_title_is_missing_is_refused(tree: Any, commune_officer_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    with refused(
        "Nguyễn Văn An: Chưa đủ điều kiện tặng danh hiệu “Chiến sĩ thi đua cơ sở”: cần đạt danh hiệu "
        "“Lao động tiên tiến” hoặc “Chiến sĩ tiên tiến” năm 2026 (Điều 23 Luật Thi đua, khen thưởng 2022)."
    ):
        nominate(
            commune_officer_a, tree.commune_a, recipient_citizen=citizen, form_code="chien_si_thi_dua_co_so"
        )


def test_a_title_after_its_earlier_title_was_awarded_is_accepted(
    tree: Any, commune_officer_a: Any, awarded: Callable[..., Nomination]
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    awarded(recipient_citizen=citizen, form_code="lao_dong_tien_tien")

    nomination = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=citizen, form_code="chien_si_thi_dua_co_so"
    )

    assert nomination.status == NominationStatus.PROPOSED


def test_the_same_title_for_the_same_period_is_refused(
    tree: Any, commune_officer_a: Any, awarded: Callable[..., Nomination]
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    awarded(recipient_citizen=citizen, form_code="lao_dong_tien_tien")
    with refused(
        f"Nguyễn Văn An: Cá nhân này đã được tặng danh hiệu “Lao động tiên tiến” năm 2026 ({PRINCIPLE})."
    ):
        nominate(commune_officer_a, tree.commune_a, recipient_citizen=citizen, form_code="lao_dong_tien_tien")


def test_a_revoked_award_no_longer_counts(
    tree: Any, commune_officer_a: Any, commune_leader_a: Any, awarded: Callable[..., Nomination]
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    first = awarded(recipient_citizen=citizen, form_code="lao_dong_tien_tien")
    services.revoke_award(
        actor=commune_leader_a,
        award=first.award,
        revoked_on=dt.date(2026, 12, 10),
        reason="Kê khai thành tích không đúng",
    )

    again = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=citizen, form_code="lao_dong_tien_tien"
    )

    assert again.status == NominationStatus.PROPOSED


def test_a_second_open_nomination_is_refused(tree: Any, commune_officer_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    nominate(commune_officer_a, tree.commune_a, recipient_citizen=citizen)
    with refused("Nguyễn Văn An đã có đề nghị “Giấy khen” kỳ 2026 đang chờ xét, quyết định."):
        nominate(commune_officer_a, tree.commune_a, recipient_citizen=citizen)


def test_a_returned_nomination_may_be_proposed_again(
    tree: Any, commune_officer_a: Any, region_officer: Any
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    first = nominate(commune_officer_a, tree.commune_a, recipient_citizen=citizen)
    services.review_nomination(
        actor=region_officer,
        nomination=first,
        outcome=ReviewOutcome.RETURN,
        reviewed_on=REVIEWED_ON,
        opinion="Bổ sung bản thành tích",
    )

    again = nominate(commune_officer_a, tree.commune_a, recipient_citizen=citizen)

    assert again.pk != first.pk


def test_a_form_not_given_to_that_kind_of_recipient_is_refused(tree: Any, commune_officer_a: Any) -> None:
    with refused(
        "Trung đội dân quân cơ động: Danh hiệu “Lao động tiên tiến” chỉ tặng cho cá nhân, không tặng cho "
        "tập thể (Khoản 1 Điều 24 Luật Thi đua, khen thưởng 2022)."
    ):
        nominate(
            commune_officer_a,
            tree.commune_a,
            recipient_kind="collective",
            recipient_name="Trung đội dân quân cơ động",
            form_code="lao_dong_tien_tien",
        )


def test_a_lapsed_issuer_is_refused_on_the_day_of_the_proposal(tree: Any, commune_officer_a: Any) -> None:
    with refused(
        "Từ ngày 01/07/2025 không còn cấp huyện (chính quyền địa phương hai cấp, Luật Tổ chức chính quyền "
        "địa phương số 72/2025/QH15; Nghị quyết 202/2025/QH15): Chủ tịch UBND huyện không còn thẩm quyền "
        "khen thưởng vào ngày 20/11/2026."
    ) as refusal:
        nominate(
            commune_officer_a, tree.commune_a, recipient_name="Nguyễn Văn An", issuer="district_chairman"
        )
    assert refusal.fields == ["issuer"]


@pytest.mark.parametrize(
    ("overrides", "message", "field"),
    [
        pytest.param(
            {"issuer": "chu_tich_nuoc"},
            "Cấp khen thưởng “chu_tich_nuoc” không hợp lệ; chọn một trong: "
            + ", ".join(rules.ISSUER_LABELS.values())
            + ".",
            "issuer",
            id="unknown-issuer",
        ),
        pytest.param(
            {"form_code": "huan_chuong"},
            "Hình thức, danh hiệu “huan_chuong” không có trong danh mục; chọn một trong: "
            + ", ".join(form.name for form in rules.FORMS.values())
            + ".",
            "form_code",
            id="unknown-form",
        ),
        pytest.param(
            {"recipient_kind": "to_chuc"},
            "Đối tượng “to_chuc” không hợp lệ; chọn tập thể, cá nhân hoặc hộ gia đình.",
            "recipient_kind",
            id="unknown-kind",
        ),
        pytest.param(
            {"period_code": "cả năm"},
            "Không hiểu kỳ báo cáo “cả năm”: dùng 2026 (năm), 2026-H1 (6 tháng), 2015-2020 (giai đoạn) "
            "hoặc 2026-01-01..2026-03-31.",
            "period_code",
            id="unreadable-period",
        ),
        pytest.param(
            {"achievement_year": 2025},
            "Năm thành tích 2025 không thuộc kỳ năm 2026.",
            "achievement_year",
            id="year-outside-period",
        ),
        pytest.param(
            {"period_code": "2027"},
            "Ngày đề nghị (20/11/2026) trước khi kỳ thành tích năm 2027 bắt đầu.",
            "proposed_on",
            id="proposed-before-the-period",
        ),
        pytest.param(
            {"recipient_name": ""},
            "Chọn công dân trong sổ hoặc ghi tên người, tập thể được khen thưởng.",
            "recipient_citizen",
            id="no-recipient",
        ),
        pytest.param(
            {"recipient_kind": "collective", "recipient_name": ""},
            "Chọn đơn vị hoặc ghi tên người, tập thể được khen thưởng.",
            "recipient_unit",
            id="no-collective",
        ),
    ],
)
def test_bad_input_is_refused_by_field(
    tree: Any, commune_officer_a: Any, overrides: Any, message: str, field: str
) -> None:
    values = {"recipient_name": "Nguyễn Văn An", **overrides}
    with refused(message) as refusal:
        nominate(commune_officer_a, tree.commune_a, **values)
    assert refusal.fields == [field]


def test_a_unit_is_not_an_individual_and_a_citizen_is_not_a_collective(
    tree: Any, commune_officer_a: Any
) -> None:
    citizen = person(tree.commune_a)
    with refused(
        "Chỉ tập thể mới chọn từ danh sách đơn vị; cá nhân, hộ gia đình chọn từ sổ công dân hoặc ghi tên."
    ):
        nominate(commune_officer_a, tree.commune_a, recipient_unit=tree.village_a1)
    with refused("Tập thể không chọn từ sổ công dân; chọn đơn vị hoặc ghi tên tập thể."):
        nominate(commune_officer_a, tree.commune_a, recipient_kind="collective", recipient_citizen=citizen)
    with refused("Chọn đối tượng từ danh sách hoặc ghi tên, không cả hai."):
        nominate(commune_officer_a, tree.commune_a, recipient_citizen=citizen, recipient_name="Người Khác")


def test_commune_b_cannot_nominate_commune_a_people_or_units(tree: Any, commune_officer_b: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    with refused("Không tìm thấy công dân trong phạm vi của bạn.") as refusal:
        nominate(commune_officer_b, tree.commune_b, recipient_citizen=citizen)
    assert refusal.fields == ["recipient_citizen"]
    with refused("Không tìm thấy đơn vị “Thôn 1” trong phạm vi của bạn."):
        nominate(
            commune_officer_b, tree.commune_b, recipient_kind="collective", recipient_unit=tree.village_a1
        )
    with refused("Không tìm thấy đơn vị “Xã An Bình” trong phạm vi của bạn.") as refusal:
        nominate(commune_officer_b, tree.commune_a, recipient_name="Nguyễn Văn An")
    assert refusal.fields == ["unit"]


def test_nominate_many_is_all_or_nothing_with_row_numbers(tree: Any, commune_officer_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    items = [
        nomination_input(tree.commune_a, recipient_citizen=citizen, row=2),
        nomination_input(tree.commune_a, recipient_name="Lê Thị Bình", row=3),
        nomination_input(tree.commune_a, recipient_citizen=citizen, row=4),
        nomination_input(tree.commune_a, recipient_name="Trần Văn Cường", form_code="bang_khen", row=5),
    ]
    with refused(
        "Nguyễn Văn An được ghi hai lần cho “Giấy khen” kỳ 2026.",
        "Trần Văn Cường: Chủ tịch UBND xã không có thẩm quyền tặng bằng khen "
        "(Khoản 2, 3 Điều 80 Luật Thi đua, khen thưởng 2022; Nghị định 129/2025/NĐ-CP).",
    ) as refusal:
        services.nominate_many(actor=commune_officer_a, items=items)
    assert [p.row for p in refusal.problems] == [4, 5]
    with refused("Danh sách đề nghị không có dòng nào."):
        services.nominate_many(actor=commune_officer_a, items=[])


def test_names_outside_the_register_match_within_one_branch_of_the_tree(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any, awarded: Callable[..., Nomination]
) -> None:
    household = {"recipient_kind": "household", "form_code": "gia_dinh_van_hoa"}
    awarded(recipient_name="Nguyễn Văn Hùng", **household)

    # Another family of the same name, in another commune, is another household.
    other = nominate(commune_officer_b, tree.commune_b, recipient_name="Nguyễn Văn Hùng", **household)
    assert other.status == NominationStatus.PROPOSED
    # The same family, written with other spacing and case, in the same commune, is the same household.
    with refused(
        f"nguyễn văn HÙNG: Hộ gia đình này đã được tặng danh hiệu “Gia đình văn hóa” năm 2026 ({PRINCIPLE})."
    ):
        nominate(commune_officer_a, tree.commune_a, recipient_name="nguyễn  văn HÙNG", **household)


def test_one_achievement_is_not_rewarded_with_two_forms(
    tree: Any, commune_officer_a: Any, awarded: Callable[..., Nomination]
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    awarded(recipient_citizen=citizen, form_code="lao_dong_tien_tien")
    with refused(
        "Nguyễn Văn An: Thành tích này đã được khen thưởng bằng danh hiệu “Lao động tiên tiến”; không khen "
        f"thưởng nhiều hình thức cho một thành tích ({PRINCIPLE})."
    ):
        nominate(commune_officer_a, tree.commune_a, recipient_citizen=citizen)


# -- reviewing ---------------------------------------------------------------------------------------


def test_the_regional_command_agrees(tree: Any, commune_officer_a: Any, region_officer: Any) -> None:
    nomination = nominate(commune_officer_a, tree.commune_a, recipient_name="Nguyễn Văn An")

    services.review_nomination(
        actor=region_officer, nomination=nomination, outcome=ReviewOutcome.AGREE, reviewed_on=REVIEWED_ON
    )

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.REVIEWED
    assert nomination.agreed is True
    assert nomination.reviewer == region_officer
    entry = AuditEntry.objects.get(action="awards.nomination.reviewed")
    assert entry.before is not None
    assert entry.before["status"] == "proposed"
    assert entry.after is not None
    assert entry.after["status"] == "reviewed"


def test_the_province_reviews_too(tree: Any, commune_officer_a: Any, province_officer: Any) -> None:
    nomination = nominate(commune_officer_a, tree.commune_a, recipient_name="Nguyễn Văn An")
    services.review_nomination(
        actor=province_officer,
        nomination=nomination,
        outcome=ReviewOutcome.REFUSE,
        reviewed_on=REVIEWED_ON,
        opinion="Thành tích chưa tiêu biểu",
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.agreed) == (NominationStatus.REFUSED, False)


def test_the_proposing_commune_does_not_review_itself(
    tree: Any, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    nomination = nominate(commune_officer_a, tree.commune_a, recipient_name="Nguyễn Văn An")
    message = (
        "Đề nghị của Xã An Bình do Ban CHPTKV phụ trách hoặc cơ quan cấp trên xét; "
        "cấp đề nghị không tự xét đề nghị của mình."
    )
    for actor in (commune_officer_a, commune_leader_a):
        with refused(message):
            services.review_nomination(
                actor=actor, nomination=nomination, outcome=ReviewOutcome.AGREE, reviewed_on=REVIEWED_ON
            )
    assert Nomination.objects.get().status == NominationStatus.PROPOSED


def test_out_of_scope_reviewers_find_nothing(tree: Any, commune_officer_b: Any, region_officer: Any) -> None:
    officer_c = make_user(Role.COMMUNE_OFFICER, unit=tree.commune_c, username="xa_c")
    nomination = nominate(officer_c, tree.commune_c, recipient_name="Nguyễn Văn An")
    # The regional command covers communes A and B only.
    for actor in (commune_officer_b, region_officer):
        with refused("Không tìm thấy đề nghị khen thưởng trong phạm vi của bạn."):
            services.review_nomination(
                actor=actor, nomination=nomination, outcome=ReviewOutcome.AGREE, reviewed_on=REVIEWED_ON
            )


@pytest.mark.parametrize(
    ("outcome", "reviewed_on", "opinion", "message"),
    [
        pytest.param(
            ReviewOutcome.REFUSE,
            REVIEWED_ON,
            "",
            "Ghi ý kiến của hội đồng khi không nhất trí hoặc trả lại đề nghị.",
            id="refused-without-opinion",
        ),
        pytest.param(
            ReviewOutcome.RETURN,
            REVIEWED_ON,
            " ",
            "Ghi ý kiến của hội đồng khi không nhất trí hoặc trả lại đề nghị.",
            id="returned-without-opinion",
        ),
        pytest.param(
            "maybe",
            REVIEWED_ON,
            "",
            "Kết quả xét phải là nhất trí, không nhất trí hoặc trả lại.",
            id="unknown",
        ),
        pytest.param(
            ReviewOutcome.AGREE,
            PROPOSED_ON - dt.timedelta(days=1),
            "",
            "Ngày xét (19/11/2026) không được trước ngày đề nghị (20/11/2026).",
            id="before-the-proposal",
        ),
    ],
)
def test_review_refusals(
    tree: Any,
    commune_officer_a: Any,
    region_officer: Any,
    outcome: str,
    reviewed_on: dt.date,
    opinion: str,
    message: str,
) -> None:
    nomination = nominate(commune_officer_a, tree.commune_a, recipient_name="Nguyễn Văn An")
    with refused(message):
        services.review_nomination(
            actor=region_officer,
            nomination=nomination,
            outcome=outcome,
            reviewed_on=reviewed_on,
            opinion=opinion,
        )


def test_review_nominations_is_all_or_nothing(tree: Any, commune_officer_a: Any, region_officer: Any) -> None:
    first = nominate(commune_officer_a, tree.commune_a, recipient_name="Nguyễn Văn An")
    second = nominate(commune_officer_a, tree.commune_a, recipient_name="Lê Thị Bình")
    agree(region_officer, [second])
    with refused("Đề nghị khen thưởng Lê Thị Bình đã được xét (hội đồng đã xét, nhất trí)."):
        agree(region_officer, [first, second])
    first.refresh_from_db()
    assert first.status == NominationStatus.PROPOSED
    with refused("Danh sách đề nghị không có dòng nào."):
        agree(region_officer, [])


def test_a_decided_nomination_is_not_reviewed_again(
    tree: Any, commune_officer_a: Any, region_officer: Any, awarded: Callable[..., Nomination]
) -> None:
    nomination = awarded(recipient_name="Nguyễn Văn An")
    assert nomination.status == NominationStatus.DECIDED
    assert nomination.award.decision.decided_on == DECIDED_ON
    with refused("Đề nghị khen thưởng Nguyễn Văn An đã được xét (đã có quyết định)."):
        agree(region_officer, [nomination])


def test_nominate_many_runs_the_same_queries_for_2_or_12_rows(tree: Any, commune_officer_a: Any) -> None:
    scope_paths(commune_officer_a)  # the user's scope is read once per request

    def queries_for(count: int) -> int:
        items = [
            nomination_input(tree.commune_a, recipient_citizen=person(tree.commune_a), row=row)
            for row in range(count)
        ]
        with CaptureQueriesContext(connection) as queries:
            services.nominate_many(actor=commune_officer_a, items=items)
        return len(queries)

    assert queries_for(2) == queries_for(12)


def test_a_campaign_of_another_commune_is_not_found(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any, province_officer: Any
) -> None:
    theirs = campaign(commune_officer_a, tree.commune_a)
    with refused("Không tìm thấy phong trào thi đua trong phạm vi của bạn.") as refusal:
        nominate(commune_officer_b, tree.commune_b, recipient_name="Lê Văn Dũng", campaign=theirs)
    assert refusal.fields == ["campaign"]
    # A commune takes part in its province's campaign without seeing the province's records.
    provincial = campaign(province_officer, tree.province, launched_by="Chỉ huy trưởng Bộ CHQS tỉnh")
    nomination = nominate(
        commune_officer_b,
        tree.commune_b,
        recipient_name="Lê Văn Dũng",
        campaign=provincial,
        proposed_on=dt.date(2026, 10, 2),
    )
    assert nomination.campaign == provincial
