"""Campaign, pledge and conference services: each writes its record and audit entry, each refusal
carries its message and writes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from qpdp.awards import services
from qpdp.awards.choices import CampaignStatus, ConferenceKind
from qpdp.awards.models import Campaign, Conference
from qpdp.core.models import AuditEntry
from tests.factories.awards import campaign, conference, conference_input, pledge, refused

pytestmark = pytest.mark.django_db


def _audit(action: str) -> AuditEntry:
    return AuditEntry.objects.get(action=action)


# -- campaigns ---------------------------------------------------------------------------------------


def test_launch_campaign_writes_the_campaign_and_its_audit_entry(tree: Any, commune_officer_a: Any) -> None:
    the_campaign = campaign(
        commune_officer_a,
        tree.commune_a,
        name="  90 ngày   hành động kiểu mẫu ",
        participants=[tree.village_a1],
    )

    assert the_campaign.unit_path == tree.commune_a.path
    assert the_campaign.name == "90 ngày hành động kiểu mẫu"
    assert the_campaign.status == CampaignStatus.LAUNCHED
    assert list(the_campaign.participants.all()) == [tree.village_a1]
    assert the_campaign.created_by == commune_officer_a
    entry = _audit("awards.campaign.launched")
    assert entry.unit_path == tree.commune_a.path
    assert entry.after is not None
    assert entry.after["starts_on"] == "2026-07-01"
    assert entry.note == "Thôn 1"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param(
            {"ends_on": dt.date(2026, 6, 30)},
            "Ngày kết thúc (30/06/2026) không được trước ngày bắt đầu (01/07/2026).",
            id="ends-before-start",
        ),
        pytest.param({"name": "  "}, "Phải ghi tên phong trào, đợt thi đua.", id="no-name"),
        pytest.param({"launched_by": ""}, "Phải ghi người, cơ quan phát động.", id="no-launcher"),
        pytest.param(
            {"launched_on": dt.date(2025, 6, 1), "starts_on": dt.date(2025, 6, 1)},
            "Xã An Bình chưa được thành lập vào ngày 01/06/2025 (có từ 01/07/2025).",
            id="unit-not-yet-formed",
        ),
    ],
)
def test_launch_campaign_refusals(tree: Any, commune_officer_a: Any, overrides: Any, message: str) -> None:
    with refused(message):
        campaign(commune_officer_a, tree.commune_a, **overrides)


def test_launch_campaign_for_another_commune_is_not_found(tree: Any, commune_officer_b: Any) -> None:
    with refused("Không tìm thấy đơn vị “Xã An Bình” trong phạm vi của bạn.") as refusal:
        campaign(commune_officer_b, tree.commune_a)
    assert refusal.fields == ["unit"]


def test_update_campaign_records_before_and_after(tree: Any, commune_officer_a: Any) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    data = services.CampaignInput(
        unit=tree.commune_a,
        name="100 ngày hành động kiểu mẫu",
        launched_by="Chính trị viên Ban CHQS xã",
        launched_on=dt.date(2026, 7, 1),
        starts_on=dt.date(2026, 7, 1),
        ends_on=dt.date(2026, 10, 8),
    )

    services.update_campaign(actor=commune_officer_a, campaign=the_campaign, data=data)

    the_campaign.refresh_from_db()
    assert the_campaign.name == "100 ngày hành động kiểu mẫu"
    entry = _audit("awards.campaign.updated")
    assert entry.before is not None
    assert entry.before["name"] == "90 ngày hành động kiểu mẫu"


def test_update_campaign_out_of_scope_is_not_found(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    data = services.CampaignInput(
        unit=tree.commune_b,
        name="Khác",
        launched_by="Khác",
        launched_on=dt.date(2026, 7, 1),
        starts_on=dt.date(2026, 7, 1),
        ends_on=dt.date(2026, 9, 30),
    )
    with refused("Không tìm thấy phong trào thi đua trong phạm vi của bạn."):
        services.update_campaign(actor=commune_officer_b, campaign=the_campaign, data=data)
    the_campaign.refresh_from_db()
    assert the_campaign.name == "90 ngày hành động kiểu mẫu"


def test_sign_pledge_between_clusters(tree: Any, commune_officer_a: Any) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)

    the_pledge = pledge(commune_officer_a, the_campaign, signed_on=dt.date(2026, 7, 2))

    assert the_pledge.unit_path == tree.commune_a.path
    assert the_pledge.parties == "Cụm thi đua số 1 và Cụm thi đua số 2"
    assert _audit("awards.pledge.signed").after == {
        "campaign": the_campaign.pk,
        "signed_on": "2026-07-02",
        "parties": "Cụm thi đua số 1 và Cụm thi đua số 2",
        "content": "Thi đua hoàn thành xuất sắc nhiệm vụ huấn luyện",
    }


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param(
            {"signed_on": dt.date(2026, 10, 1)},
            "Ngày ký giao ước (01/10/2026) phải từ ngày phát động (01/07/2026) đến ngày kết thúc "
            "đợt thi đua (30/09/2026).",
            id="after-the-campaign",
        ),
        pytest.param({"parties": ""}, "Phải ghi các bên ký giao ước.", id="no-parties"),
    ],
)
def test_sign_pledge_refusals(tree: Any, commune_officer_a: Any, overrides: Any, message: str) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    with refused(message):
        pledge(commune_officer_a, the_campaign, **overrides)


def test_sign_pledge_out_of_scope_is_not_found(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    with refused("Không tìm thấy phong trào thi đua trong phạm vi của bạn."):
        pledge(commune_officer_b, the_campaign)


def test_review_campaign_once(tree: Any, commune_officer_a: Any) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)

    services.review_campaign(
        actor=commune_officer_a,
        campaign=the_campaign,
        reviewed_on=dt.date(2026, 10, 5),
        summary="Hoàn thành 100% chỉ tiêu; 2 tập thể, 3 cá nhân được khen thưởng.",
    )

    the_campaign.refresh_from_db()
    assert the_campaign.status == CampaignStatus.REVIEWED
    assert the_campaign.reviewed_on == dt.date(2026, 10, 5)
    entry = _audit("awards.campaign.reviewed")
    assert entry.before is not None
    assert entry.before["status"] == "launched"
    with refused("Phong trào “90 ngày hành động kiểu mẫu” đã được sơ kết, tổng kết ngày 05/10/2026."):
        services.review_campaign(
            actor=commune_officer_a,
            campaign=the_campaign,
            reviewed_on=dt.date(2026, 10, 6),
            summary="Lần hai",
        )


@pytest.mark.parametrize(
    ("reviewed_on", "summary", "messages"),
    [
        pytest.param(
            dt.date(2026, 6, 30),
            "Sớm",
            ["Ngày sơ kết, tổng kết (30/06/2026) không được trước ngày bắt đầu đợt thi đua (01/07/2026)."],
            id="before-start",
        ),
        pytest.param(dt.date(2026, 10, 5), " ", ["Phải ghi kết quả sơ kết, tổng kết."], id="no-summary"),
    ],
)
def test_review_campaign_refusals(
    tree: Any, commune_officer_a: Any, reviewed_on: dt.date, summary: str, messages: list[str]
) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    with refused(*messages):
        services.review_campaign(
            actor=commune_officer_a, campaign=the_campaign, reviewed_on=reviewed_on, summary=summary
        )
    assert Campaign.objects.get().status == CampaignStatus.LAUNCHED


def test_a_reviewed_campaign_keeps_its_start_before_the_review(tree: Any, commune_officer_a: Any) -> None:
    the_campaign = campaign(commune_officer_a, tree.commune_a)
    services.review_campaign(
        actor=commune_officer_a, campaign=the_campaign, reviewed_on=dt.date(2026, 10, 5), summary="Xong"
    )
    data = services.CampaignInput(
        unit=tree.commune_a,
        name="90 ngày hành động kiểu mẫu",
        launched_by="Chính trị viên Ban CHQS xã",
        launched_on=dt.date(2026, 10, 6),
        starts_on=dt.date(2026, 10, 6),
        ends_on=dt.date(2026, 12, 31),
    )
    with refused("Ngày sơ kết (05/10/2026) không được trước ngày bắt đầu (06/10/2026)."):
        services.update_campaign(actor=commune_officer_a, campaign=the_campaign, data=data)


# -- conferences -------------------------------------------------------------------------------------


def test_record_conference_with_its_default_title(tree: Any, commune_officer_a: Any) -> None:
    the_conference = conference(
        commune_officer_a, tree.commune_a, attending_units=[tree.village_a1], presiding="Đảng ủy, UBND xã"
    )

    assert the_conference.title == "Hội nghị tổng kết công tác quân sự, quốc phòng địa phương năm 2026"
    assert the_conference.unit_path == tree.commune_a.path
    assert the_conference.period_code == "2026"
    assert list(the_conference.attending_units.all()) == [tree.village_a1]
    entry = _audit("awards.conference.recorded")
    assert entry.after is not None
    assert entry.after["conclusions"] == "Năm 2026 hoàn thành toàn diện các chỉ tiêu."
    assert entry.note == "Thôn 1"


def test_record_six_month_review(tree: Any, commune_officer_a: Any) -> None:
    the_conference = conference(
        commune_officer_a,
        tree.commune_a,
        kind=ConferenceKind.SO_KET,
        period_code="2026-H1",
        held_on=dt.date(2026, 6, 28),
    )
    assert (
        the_conference.title == "Hội nghị sơ kết công tác quân sự, quốc phòng địa phương 6 tháng đầu năm 2026"
    )


@pytest.mark.parametrize(
    ("overrides", "messages"),
    [
        pytest.param(
            {"period_code": "năm nay"},
            [
                "Không hiểu kỳ báo cáo “năm nay”: dùng 2026 (năm), 2026-H1 (6 tháng), 2015-2020 (giai đoạn) "
                "hoặc 2026-01-01..2026-03-31."
            ],
            id="period-unreadable",
        ),
        pytest.param({"period_code": ""}, ["Phải ghi kỳ thành tích (2026, 2026-H1 …)."], id="period-missing"),
        pytest.param(
            {"period_code": "2027"},
            ["Hội nghị ngày 15/12/2026 không thể sơ kết, tổng kết năm 2027 (bắt đầu 01/01/2027)."],
            id="held-before-the-period",
        ),
        pytest.param(
            {"kind": "dai_hoi"}, ["Loại hội nghị phải là sơ kết, tổng kết hoặc chuyên đề."], id="unknown-kind"
        ),
        pytest.param(
            {"held_on": dt.date(2025, 6, 20), "period_code": "2025-H1"},
            ["Xã An Bình chưa được thành lập vào ngày 20/06/2025 (có từ 01/07/2025)."],
            id="unit-not-yet-formed",
        ),
    ],
)
def test_record_conference_refusals(
    tree: Any, commune_officer_a: Any, overrides: Any, messages: list[str]
) -> None:
    with refused(*messages):
        conference(commune_officer_a, tree.commune_a, **overrides)


def test_record_conference_of_another_commune_is_not_found(tree: Any, commune_officer_b: Any) -> None:
    with refused("Không tìm thấy đơn vị “Xã An Bình” trong phạm vi của bạn."):
        conference(commune_officer_b, tree.commune_a)


def test_a_legacy_district_review_of_2019(tree: Any, province_officer: Any) -> None:
    the_conference = conference(
        province_officer,
        tree.legacy_district,
        held_on=dt.date(2019, 12, 20),
        period_code="2019",
        organiser="Ban CHQS huyện",
    )
    assert the_conference.unit_path == tree.legacy_district.path


def test_update_conference_keeps_history(tree: Any, commune_officer_a: Any) -> None:
    the_conference = conference(commune_officer_a, tree.commune_a)
    data = dataclasses.replace(
        conference_input(tree.commune_a),
        conclusions="Kết luận đã chỉnh sửa.",
        title="Hội nghị tổng kết năm 2026",
    )

    services.update_conference(actor=commune_officer_a, conference=the_conference, data=data)

    the_conference.refresh_from_db()
    assert the_conference.conclusions == "Kết luận đã chỉnh sửa."
    entry = _audit("awards.conference.updated")
    assert entry.before is not None
    assert entry.before["conclusions"] == "Năm 2026 hoàn thành toàn diện các chỉ tiêu."


def test_update_conference_refusals_change_nothing(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    the_conference = conference(commune_officer_a, tree.commune_a)
    bad = dataclasses.replace(conference_input(tree.commune_a), period_code="2026-H3")
    with refused(
        "Không hiểu kỳ báo cáo “2026-H3”: dùng 2026 (năm), 2026-H1 (6 tháng), 2015-2020 (giai đoạn) "
        "hoặc 2026-01-01..2026-03-31."
    ):
        services.update_conference(actor=commune_officer_a, conference=the_conference, data=bad)
    with refused("Không tìm thấy hội nghị trong phạm vi của bạn."):
        services.update_conference(
            actor=commune_officer_b, conference=the_conference, data=conference_input(tree.commune_a)
        )
    assert Conference.objects.get().period_code == "2026"
