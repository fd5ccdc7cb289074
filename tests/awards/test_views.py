"""Award pages: each renders, keeps to scope, shows a refusal on its field and then writes nothing."""

from __future__ import annotations

import datetime as dt
import html
import subprocess
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from qpdp.awards.choices import DecisionStatus, NominationStatus
from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination, Pledge
from qpdp.org.choices import Role
from tests.factories import make_user
from tests.factories.awards import (
    DECIDED_ON,
    HELD_ON,
    PROPOSED_ON,
    REVIEWED_ON,
    agree,
    campaign,
    conference,
    decide,
    nominate,
    person,
    pledge,
    written,
)

pytestmark = pytest.mark.django_db

LAW_2022_ART_80_COMMUNE = "Khoản 2, 3 Điều 80 Luật Thi đua, khen thưởng 2022; Nghị định 129/2025/NĐ-CP"


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, query: str = "", **kwargs: Any) -> str:
    return reverse(f"awards:{name}", kwargs=kwargs) + query


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def field_errors(response: Any, field: str) -> list[str]:
    """The messages shown under a field (`data-field` marks them)."""
    page = response.content.decode()
    marker = f'data-field="{field}">'
    found = []
    for part in page.split(marker)[1:]:
        found.append(html.unescape(part.split("</div>", 1)[0]))
    return found


def texts(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def nomination_data(**values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "recipient_kind": "individual",
        "issuer": "commune_chairman",
        "proposed_on": d(PROPOSED_ON),
        "form_code": "giay_khen",
        "period_code": "2026",
        "achievement": "Hoàn thành xuất sắc nhiệm vụ dân quân năm 2026",
    }
    data.update(values)
    return data


# -- overview ----------------------------------------------------------------------------------------


def test_the_overview_counts_the_year_and_links_each_part(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any
) -> None:
    nominate(commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, "Đỗ Văn Khải"))

    response = client_of(commune_officer_a).get(url("home", "?year=2026"))

    assert response.status_code == 200
    page = text_of(response)
    assert 'data-figure="to-review">1<' in page
    assert 'data-figure="decisions">1<' in page
    assert 'data-figure="tập thể">2<' in page
    assert 'data-figure="cá nhân">3<' in page
    assert journey["conference"].title in page
    assert reverse("awards:nomination-create") in page


def test_the_overview_of_another_commune_counts_nothing_of_commune_a(
    journey: dict[str, Any], commune_officer_b: Any
) -> None:
    page = text_of(client_of(commune_officer_b).get(url("home", "?year=2026")))

    assert 'data-figure="decisions">0<' in page
    assert journey["conference"].title not in page


def test_the_navigation_offers_the_area(commune_officer_a: Any) -> None:
    page = text_of(client_of(commune_officer_a).get(reverse("org:home")))

    assert "Thi đua, khen thưởng" in page
    assert "Đề nghị khen thưởng chờ xét" in page


# -- campaigns ---------------------------------------------------------------------------------------


def campaign_data(**values: Any) -> dict[str, Any]:
    data = {
        "name": "90 ngày hành động kiểu mẫu",
        "launched_by": "Chỉ huy trưởng Ban CHQS xã",
        "launched_on": "01/07/2026",
        "starts_on": "01/07/2026",
        "ends_on": "30/09/2026",
        "scope": "Dân quân xã",
        "criteria": "Hoàn thành 100% chỉ tiêu huấn luyện",
    }
    data.update(values)
    return data


def test_a_campaign_is_launched_with_its_participants(tree: Any, commune_officer_a: Any) -> None:
    client = client_of(commune_officer_a)
    form = text_of(client.get(url("campaign-create")))
    assert "Thôn 1" in form

    response = client.post(url("campaign-create"), campaign_data(participants=[tree.village_a1.pk]))

    created = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("campaign-detail", campaign_id=created.pk)
    assert (created.unit, created.unit_path) == (tree.commune_a, tree.commune_a.path)
    assert list(created.participants.all()) == [tree.village_a1]
    page = text_of(client.get(response["Location"]))
    assert "từ 01/07/2026 đến 30/09/2026" in page


def test_a_campaign_ending_before_it_starts_is_refused_on_its_field(commune_officer_a: Any) -> None:
    before = written()

    response = client_of(commune_officer_a).post(url("campaign-create"), campaign_data(ends_on="30/06/2026"))

    assert response.status_code == 200
    assert field_errors(response, "ends_on") == [
        "Ngày kết thúc (30/06/2026) không được trước ngày bắt đầu (01/07/2026)."
    ]
    assert written() == before


def test_a_badly_typed_date_is_refused_by_the_form(commune_officer_a: Any) -> None:
    response = client_of(commune_officer_a).post(
        url("campaign-create"), campaign_data(starts_on="2026/31/12")
    )

    assert field_errors(response, "starts_on") == [
        "Thi đua từ ngày phải có dạng dd/mm/yyyy, ví dụ 05/04/2026."
    ]
    assert Campaign.objects.count() == 0


def test_a_campaign_is_corrected_pledged_and_reviewed(tree: Any, commune_officer_a: Any) -> None:
    launched = campaign(commune_officer_a, tree.commune_a)
    client = client_of(commune_officer_a)

    assert client.get(url("campaign-edit", campaign_id=launched.pk)).status_code == 200
    edited = client.post(
        url("campaign-edit", campaign_id=launched.pk), campaign_data(name="100 ngày thi đua")
    )
    pledged = client.post(
        url("pledge-create", campaign_id=launched.pk),
        {"signed_on": "02/07/2026", "parties": "Thôn 1 và Thôn 2", "content": "Thi đua huấn luyện"},
    )
    reviewed = client.post(
        url("campaign-review", campaign_id=launched.pk),
        {"reviewed_on": "05/10/2026", "review_summary": "Hoàn thành 100% chỉ tiêu."},
    )

    assert [r.status_code for r in (edited, pledged, reviewed)] == [302, 302, 302]
    launched.refresh_from_db()
    assert (launched.name, launched.status, launched.reviewed_on) == (
        "100 ngày thi đua",
        "reviewed",
        dt.date(2026, 10, 5),
    )
    page = text_of(client.get(url("campaign-detail", campaign_id=launched.pk)))
    assert "Thôn 1 và Thôn 2" in page
    assert "Hoàn thành 100% chỉ tiêu." in page


def test_a_pledge_outside_the_campaign_is_refused_on_its_field(tree: Any, commune_officer_a: Any) -> None:
    launched = campaign(commune_officer_a, tree.commune_a)
    before = written()

    response = client_of(commune_officer_a).post(
        url("pledge-create", campaign_id=launched.pk),
        {"signed_on": "01/10/2026", "parties": "Thôn 1 và Thôn 2"},
    )

    assert response.status_code == 200
    assert field_errors(response, "signed_on") == [
        "Ngày ký giao ước (01/10/2026) phải từ ngày phát động (01/07/2026) đến ngày kết thúc đợt thi đua "
        "(30/09/2026)."
    ]
    assert written() == before


def test_a_campaign_review_without_its_results_is_refused(tree: Any, commune_officer_a: Any) -> None:
    launched = campaign(commune_officer_a, tree.commune_a)
    before = written()

    response = client_of(commune_officer_a).post(
        url("campaign-review", campaign_id=launched.pk), {"reviewed_on": "05/10/2026", "review_summary": " "}
    )

    assert field_errors(response, "review_summary") == ["Nhập kết quả sơ kết, tổng kết."]
    assert written() == before


def test_campaigns_of_commune_a_are_not_found_from_commune_b(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    launched = campaign(commune_officer_a, tree.commune_a)
    pledge(commune_officer_a, launched)
    client = client_of(commune_officer_b)
    before = written()

    assert client.get(url("campaign-detail", campaign_id=launched.pk)).status_code == 404
    assert client.get(url("campaign-edit", campaign_id=launched.pk)).status_code == 404
    assert client.post(url("pledge-create", campaign_id=launched.pk), {"parties": "X"}).status_code == 404
    assert launched.name not in text_of(client.get(url("campaign-list")))
    assert written() == before


def test_the_campaign_list_filters_by_status_and_year(tree: Any, commune_officer_a: Any) -> None:
    campaign(commune_officer_a, tree.commune_a)
    campaign(
        commune_officer_a,
        tree.commune_a,
        name="Thi đua năm 2025",
        launched_on=dt.date(2025, 7, 1),
        starts_on=dt.date(2025, 7, 1),
        ends_on=dt.date(2025, 9, 30),
    )
    client = client_of(commune_officer_a)

    this_year = text_of(client.get(url("campaign-list", "?year=2026")))
    reviewed = text_of(client.get(url("campaign-list", "?status=reviewed")))

    assert "90 ngày hành động kiểu mẫu" in this_year
    assert "Thi đua năm 2025" not in this_year
    assert "Chưa có phong trào thi đua nào." in reviewed


# -- nominations -------------------------------------------------------------------------------------


def test_the_nomination_form_offers_only_the_forms_of_the_issuer(tree: Any, commune_officer_a: Any) -> None:
    response = client_of(commune_officer_a).get(url("nomination-create", "?proposed_on=20/11/2026"))

    page = text_of(response)
    assert response.status_code == 200
    form_select = page.split('name="form_code"', 1)[1].split("</select>", 1)[0]
    assert 'value="giay_khen"' in form_select
    assert 'value="lao_dong_tien_tien"' in form_select
    assert 'value="bang_khen"' not in form_select
    issuer_select = page.split('name="issuer"', 1)[1].split("</select>", 1)[0]
    assert 'value="commune_chairman" selected' in issuer_select
    assert "district_chairman" not in issuer_select  # no district level after 30/06/2025


def test_the_form_options_follow_the_issuer_and_the_day(commune_officer_a: Any) -> None:
    client = client_of(commune_officer_a)

    province = text_of(client.get(url("form-options", "?issuer=province_chairman&proposed_on=20/11/2026")))
    district = text_of(client.get(url("form-options", "?issuer=district_chairman&proposed_on=20/11/2026")))
    in_2024 = text_of(client.get(url("form-options", "?issuer=district_chairman&proposed_on=20/11/2024")))

    assert 'value="bang_khen"' in province
    assert "Cấp này không có thẩm quyền khen thưởng vào ngày 20/11/2026." in district
    assert 'value="tap_the_lao_dong_tien_tien"' in in_2024


def test_the_citizen_search_ignores_diacritics_and_keeps_to_scope(tree: Any, commune_officer_a: Any) -> None:
    person(tree.commune_a, "Nguyễn Văn An")
    person(tree.commune_b, "Nguyễn Văn Anh")

    page = text_of(client_of(commune_officer_a).get(url("citizen-options", "?q=nguyen van an")))

    assert "Nguyễn Văn An (" in page
    assert "Nguyễn Văn Anh" not in page


def test_an_individual_from_the_register_is_nominated(tree: Any, commune_officer_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    client = client_of(commune_officer_a)

    response = client.post(
        url("nomination-create"), nomination_data(recipient_citizen=citizen.pk, recipient_detail="Dân quân")
    )

    created = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("nomination-detail", nomination_id=created.pk)
    assert (created.recipient_citizen, created.unit, created.status) == (citizen, tree.commune_a, "proposed")
    assert texts(response) == ["Đã lập đề nghị giấy khen cho Nguyễn Văn An gửi Chủ tịch UBND xã."]
    page = text_of(client.get(response["Location"]))
    assert "Nguyễn Văn An" in page
    assert "Hoàn thành xuất sắc nhiệm vụ dân quân năm 2026" in page


def test_collectives_by_unit_or_by_name_and_the_next_form_keeps_the_choices(
    tree: Any, commune_officer_a: Any
) -> None:
    client = client_of(commune_officer_a)

    first = client.post(
        url("nomination-create"),
        nomination_data(recipient_kind="collective", recipient_unit=tree.village_a1.pk, again="1"),
    )
    second = client.post(
        url("nomination-create"),
        nomination_data(recipient_kind="collective", recipient_name="Ban CHQS xã An Bình"),
    )

    assert first.status_code == second.status_code == 302
    assert first["Location"].startswith(
        url("nomination-create", "?issuer=commune_chairman&form_code=giay_khen")
    )
    assert "recipient_kind=collective" in first["Location"]
    names = sorted(Nomination.objects.values_list("recipient_name", flat=True))
    assert names == ["Ban CHQS xã An Bình", "Thôn 1"]
    again = text_of(client.get(first["Location"]))
    assert 'value="collective" checked' in again


def test_a_form_the_level_may_not_award_is_refused_on_the_form_field(
    tree: Any, commune_officer_a: Any
) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    before = written()

    response = client_of(commune_officer_a).post(
        url("nomination-create"), nomination_data(recipient_citizen=citizen.pk, form_code="bang_khen")
    )

    assert response.status_code == 200
    assert field_errors(response, "form_code") == [
        f"Nguyễn Văn An: Chủ tịch UBND xã không có thẩm quyền tặng bằng khen ({LAW_2022_ART_80_COMMUNE})."
    ]
    assert written() == before
    # the chosen citizen stays chosen
    assert f'value="{citizen.pk}" selected' in response.content.decode()


def test_a_title_already_awarded_for_the_period_is_refused(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any
) -> None:
    awarded = journey["people"][0]
    before = written()

    response = client_of(commune_officer_a).post(
        url("nomination-create"), nomination_data(recipient_citizen=awarded.pk)
    )

    [message] = field_errors(response, "form_code")
    assert message.startswith("Nguyễn Văn An: Cá nhân này đã được tặng giấy khen")
    assert written() == before


def test_a_nomination_without_recipient_or_with_two_is_refused(tree: Any, commune_officer_a: Any) -> None:
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    client = client_of(commune_officer_a)
    before = written()

    nobody = client.post(url("nomination-create"), nomination_data())
    both = client.post(
        url("nomination-create"), nomination_data(recipient_citizen=citizen.pk, recipient_name="Lê B")
    )
    unit_for_person = client.post(
        url("nomination-create"), nomination_data(recipient_unit=tree.village_a1.pk)
    )

    assert field_errors(nobody, "recipient_citizen") == [
        "Chọn công dân trong sổ hoặc ghi tên người, tập thể được khen thưởng."
    ]
    assert field_errors(both, "recipient_name") == ["Chọn đối tượng từ danh sách hoặc ghi tên, không cả hai."]
    assert field_errors(unit_for_person, "recipient_unit") == [
        "Chỉ tập thể mới chọn từ danh sách đơn vị; cá nhân, hộ gia đình chọn từ sổ công dân hoặc ghi tên."
    ]
    assert written() == before


def test_a_citizen_of_another_commune_cannot_be_chosen(tree: Any, commune_officer_a: Any) -> None:
    stranger = person(tree.commune_b, "Trần Văn Lạ")
    before = written()

    response = client_of(commune_officer_a).post(
        url("nomination-create"), nomination_data(recipient_citizen=stranger.pk)
    )

    assert field_errors(response, "recipient_citizen") == [
        "Chọn một công dân trong sổ đăng ký (trong phạm vi của bạn); gõ tên để tìm."
    ]
    assert written() == before


def test_the_nomination_list_filters_and_keeps_to_scope(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any, commune_officer_b: Any
) -> None:
    waiting = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, "Đỗ Văn Khải")
    )
    mine = client_of(commune_officer_a)
    other = client_of(commune_officer_b)

    proposed = text_of(mine.get(url("nomination-list", "?status=proposed&year=2026")))
    decided = text_of(mine.get(url("nomination-list", "?status=decided")))

    assert "Đỗ Văn Khải" in proposed
    assert "Nguyễn Văn An" not in proposed
    assert "Nguyễn Văn An" in decided
    assert "Đỗ Văn Khải" not in text_of(other.get(url("nomination-list")))
    assert other.get(url("nomination-detail", nomination_id=waiting.pk)).status_code == 404


def test_the_nomination_page_shows_the_decision_and_earlier_awards(
    journey: dict[str, Any], commune_officer_a: Any
) -> None:
    nomination = journey["nominations"][2]

    page = text_of(client_of(commune_officer_a).get(url("nomination-detail", nomination_id=nomination.pk)))

    assert str(journey["decision"]) in page
    assert "Xét đề nghị" not in page  # a commune officer does not review


# -- the council's review ----------------------------------------------------------------------------


def test_the_regional_command_agrees_to_several_at_once(
    tree: Any, commune_officer_a: Any, region_officer: Any
) -> None:
    picked = [
        nominate(commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, name))
        for name in ("Nguyễn Văn An", "Lê Thị Bình")
    ]
    client = client_of(region_officer)
    page = text_of(client.get(url("nomination-review")))
    assert "Nguyễn Văn An" in page
    assert "Lê Thị Bình" in page

    response = client.post(
        url("nomination-review"),
        {
            "nominations": [n.pk for n in picked],
            "outcome": "agree",
            "reviewed_on": d(REVIEWED_ON),
            "review_opinion": "",
        },
    )

    assert response.status_code == 302
    assert texts(response) == ["Đã xét 2 đề nghị: nhất trí đề nghị khen thưởng."]
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.REVIEWED}


def test_a_return_without_opinion_is_refused_on_its_field(
    tree: Any, commune_officer_a: Any, region_officer: Any
) -> None:
    waiting = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, "Lê Thị Bình")
    )
    before = written()

    response = client_of(region_officer).post(
        url("nomination-review"),
        {"nominations": [waiting.pk], "outcome": "return", "reviewed_on": d(REVIEWED_ON)},
    )

    assert response.status_code == 200
    assert field_errors(response, "review_opinion") == [
        "Lê Thị Bình: Ghi ý kiến của hội đồng khi không nhất trí hoặc trả lại đề nghị."
    ]
    assert f'value="{waiting.pk}" id="pick-{waiting.pk}" aria-label="Chọn Lê Thị Bình" checked' in text_of(
        response
    )
    assert written() == before


def test_a_review_from_a_nomination_page_returns_to_it(
    tree: Any, commune_officer_a: Any, province_officer: Any
) -> None:
    waiting = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, "Lê Thị Bình")
    )
    client = client_of(province_officer)
    back = url("nomination-detail", nomination_id=waiting.pk)
    assert "Ghi kết quả xét" in text_of(client.get(back))

    response = client.post(
        url("nomination-review"),
        {
            "nominations": [waiting.pk],
            "outcome": "refuse",
            "reviewed_on": d(REVIEWED_ON),
            "review_opinion": "Chưa đủ",
            "next": back,
        },
    )

    assert response["Location"] == back
    waiting.refresh_from_db()
    assert (waiting.status, waiting.review_opinion) == (NominationStatus.REFUSED, "Chưa đủ")


def test_nothing_picked_is_refused(region_officer: Any) -> None:
    response = client_of(region_officer).post(
        url("nomination-review"), {"outcome": "agree", "reviewed_on": d(REVIEWED_ON)}
    )

    assert field_errors(response, "nominations") == ["Đánh dấu ít nhất một đề nghị."]


def test_a_commune_officer_may_not_open_the_review(commune_officer_a: Any) -> None:
    assert client_of(commune_officer_a).get(url("nomination-review")).status_code == 403


def test_a_reviewer_of_another_area_cannot_review_commune_a(tree: Any, commune_officer_a: Any) -> None:
    waiting = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, "Lê Thị Bình")
    )
    stranger = make_user(Role.PROVINCE_OFFICER, unit=tree.other_province)
    before = written()

    response = client_of(stranger).post(
        url("nomination-review"),
        {"nominations": [waiting.pk], "outcome": "agree", "reviewed_on": d(REVIEWED_ON)},
    )

    assert field_errors(response, "nominations") == ["Chọn các đề nghị trong danh sách."]
    assert "Lê Thị Bình" not in text_of(client_of(stranger).get(url("nomination-review")))
    assert written() == before


# -- decisions ---------------------------------------------------------------------------------------


@pytest.fixture
def agreed(tree: Any, commune_officer_a: Any, region_officer: Any) -> list[Nomination]:
    nominations = [
        nominate(
            commune_officer_a, tree.commune_a, recipient_kind="collective", recipient_unit=tree.village_a1
        ),
        *(
            nominate(commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, name))
            for name in ("Nguyễn Văn An", "Lê Thị Bình")
        ),
    ]
    return agree(region_officer, nominations)


def decision_data(agreed: list[Nomination], **values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "issuer": "commune_chairman",
        "nominations": [n.pk for n in agreed],
        "number": "125/QĐ-UBND",
        "decided_on": d(DECIDED_ON),
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Trần Văn Bình",
        "subject": "đã có thành tích xuất sắc năm 2026",
    }
    data.update(values)
    return data


def test_the_decide_page_lists_the_agreed_nominations_with_the_signature_prefilled(
    agreed: list[Nomination], commune_leader_a: Any
) -> None:
    page = text_of(client_of(commune_leader_a).get(url("decision-create")))

    assert all(n.recipient_name in page for n in agreed)
    assert 'value="CHỦ TỊCH"' in page


def test_the_commune_chairman_decides_with_money_per_line(
    tree: Any, agreed: list[Nomination], commune_leader_a: Any
) -> None:
    data = decision_data(agreed, **{f"money_{agreed[0].pk}": "500000"})

    response = client_of(commune_leader_a).post(url("decision-create"), data)

    decision = AwardDecision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("decision-detail", decision_id=decision.pk)
    assert (decision.number, decision.issuing_body, decision.status) == (
        "125/QĐ-UBND",
        "UBND xã An Bình",
        DecisionStatus.SIGNED,
    )
    assert dict(decision.awards.values_list("recipient_name", "money")) == {
        "Thôn 1": 500_000,
        "Nguyễn Văn An": 0,
        "Lê Thị Bình": 0,
    }
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.DECIDED}


def test_a_number_used_that_year_is_refused_on_its_field(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any, region_officer: Any, commune_leader_a: Any
) -> None:
    waiting = nominate(
        commune_officer_a, tree.commune_a, recipient_citizen=person(tree.commune_a, "Hoàng Văn Dũng")
    )
    agreed = agree(region_officer, [waiting])
    before = written()

    response = client_of(commune_leader_a).post(url("decision-create"), decision_data(agreed))

    assert response.status_code == 200
    assert field_errors(response, "number") == [
        "Số quyết định “125/QĐ-UBND” của UBND xã An Bình năm 2026 đã dùng cho quyết định ngày 01/12/2026."
    ]
    assert written() == before


def test_a_decision_before_the_review_is_refused_and_a_bad_amount_by_the_form(
    agreed: list[Nomination], commune_leader_a: Any
) -> None:
    client = client_of(commune_leader_a)
    before = written()

    early = client.post(url("decision-create"), decision_data(agreed, decided_on="24/11/2026"))
    money = client.post(url("decision-create"), decision_data(agreed, **{f"money_{agreed[1].pk}": "-5"}))

    assert set(field_errors(early, "decided_on")) == {
        "Ngày quyết định (24/11/2026) không được trước ngày hội đồng xét (25/11/2026)."
    }
    assert field_errors(money, f"money_{agreed[1].pk}") == [
        "Tiền thưởng là số đồng, không âm (ví dụ 300000)."
    ]
    assert written() == before


def test_a_draft_is_signed_later(agreed: list[Nomination], commune_leader_a: Any) -> None:
    client = client_of(commune_leader_a)
    client.post(url("decision-create"), decision_data(agreed, number="", draft="on"))
    draft = AwardDecision.objects.get()
    assert draft.status == DecisionStatus.DRAFT
    refused = client.post(
        url("decision-sign", decision_id=draft.pk), {"number": "", "decided_on": d(DECIDED_ON)}
    )
    assert field_errors(refused, "number") == ["Nhập số quyết định."]

    response = client.post(
        url("decision-sign", decision_id=draft.pk),
        {"number": "130/QĐ-UBND", "decided_on": d(DECIDED_ON), "signer_name": "Trần Văn Bình"},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (DecisionStatus.SIGNED, "130/QĐ-UBND")


def test_the_decision_page_lists_recipients_and_downloads_its_document(
    journey: dict[str, Any], commune_officer_a: Any, tmp_path: Any
) -> None:
    decision = journey["decision"]
    client = client_of(commune_officer_a)

    page = text_of(client.get(url("decision-detail", decision_id=decision.pk)))
    pdf = client.get(url("decision-document", "?format=pdf", decision_id=decision.pk))
    docx = client.get(url("decision-document", "?format=docx", decision_id=decision.pk))

    assert "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân" in page
    assert all(name in page for name in ("Thôn 1", "Trung đội dân quân cơ động", "Phạm Văn Cường"))
    assert "Hủy bỏ khen thưởng" not in page  # a commune officer does not decide
    assert pdf.status_code == docx.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert (
        "quyet-dinh-khen-thuong-125-QĐ-UBND.pdf" in pdf["Content-Disposition"]
        or "125" in pdf["Content-Disposition"]
    )
    assert docx.content[:2] == b"PK"
    target = tmp_path / "qd.pdf"
    target.write_bytes(pdf.content)
    extracted = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert all(p.full_name in extracted for p in journey["people"])
    assert client.get(url("decision-document", "?format=odt", decision_id=decision.pk)).status_code == 404


def test_decisions_of_commune_a_are_not_found_from_commune_b(
    journey: dict[str, Any], commune_officer_b: Any, tree: Any
) -> None:
    decision = journey["decision"]
    leader_b = make_user(Role.COMMUNE_LEADER, unit=tree.commune_b)
    before = written()

    for client in (client_of(commune_officer_b), client_of(leader_b)):
        assert client.get(url("decision-detail", decision_id=decision.pk)).status_code == 404
        assert client.get(url("decision-document", "?format=pdf", decision_id=decision.pk)).status_code == 404
        assert "125/QĐ-UBND" not in text_of(client.get(url("decision-list")))
    for name in ("decision-present", "award-revoke", "decision-sign"):
        assert client_of(leader_b).post(url(name, decision_id=decision.pk), {}).status_code == 404
    assert written() == before


def test_presentation_and_revocation(journey: dict[str, Any], commune_leader_a: Any) -> None:
    decision = journey["decision"]
    award = decision.awards.get(recipient_name="Lê Thị Bình")
    client = client_of(commune_leader_a)
    before = written()

    no_reason = client.post(
        url("award-revoke", decision_id=decision.pk), {"award": award.pk, "revoked_on": "10/12/2026"}
    )
    assert field_errors(no_reason, "revocation_reason") == ["Nhập lý do hủy bỏ."]
    too_early = client.post(
        url("decision-present", decision_id=decision.pk), {"presented_on": "30/11/2026", "conference": ""}
    )
    assert field_errors(too_early, "presented_on") == [
        "Ngày trao (30/11/2026) không được trước ngày quyết định (01/12/2026)."
    ]
    assert written() == before

    presented = client.post(
        url("decision-present", decision_id=decision.pk),
        {"conference": journey["conference"].pk, "presented_on": ""},
    )
    revoked = client.post(
        url("award-revoke", decision_id=decision.pk),
        {"award": award.pk, "revoked_on": "20/12/2026", "revocation_reason": "Hồ sơ không trung thực"},
    )

    assert presented.status_code == revoked.status_code == 302
    decision.refresh_from_db()
    award.refresh_from_db()
    assert decision.presented_on == HELD_ON
    assert (award.revoked_on, award.revocation_reason) == (dt.date(2026, 12, 20), "Hồ sơ không trung thực")
    page = text_of(client.get(url("decision-detail", decision_id=decision.pk)))
    assert "khen thưởng 2 tập thể, 2 cá nhân" in page
    assert "hủy bỏ ngày 20/12/2026" in page


def test_an_officer_may_not_decide(commune_officer_a: Any) -> None:
    assert client_of(commune_officer_a).get(url("decision-create")).status_code == 403


# -- conferences -------------------------------------------------------------------------------------


def conference_data(**values: Any) -> dict[str, Any]:
    data = {
        "kind": "tong_ket",
        "period_code": "2026",
        "held_on": d(HELD_ON),
        "place": "Hội trường UBND xã",
        "organiser": "Ban CHQS xã An Bình",
        "chair_name": "Trần Văn Bình",
        "chair_title": "Chủ tịch UBND xã",
        "presiding": "Thường trực Đảng ủy, HĐND, UBND xã",
        "attendees": "Cán bộ Ban CHQS xã, trưởng thôn",
        "presentations": "Báo cáo tổng kết; tham luận của Thôn 1",
        "conclusions": "Hoàn thành toàn diện các chỉ tiêu.",
        "tasks": "Tuyển quân năm 2027.",
    }
    data.update(values)
    return data


def test_a_conference_is_recorded_and_a_decision_attached(
    tree: Any, agreed: list[Nomination], commune_officer_a: Any, commune_leader_a: Any
) -> None:
    decision = decide(commune_leader_a, tree.commune_a, nominations=agreed)
    client = client_of(commune_officer_a)

    recorded = client.post(url("conference-create"), conference_data(attending_units=[tree.village_a1.pk]))
    held = Conference.objects.get()
    attached = client.post(url("conference-attach", conference_id=held.pk), {"decision": decision.pk})

    assert recorded.status_code == attached.status_code == 302
    assert held.title == "Hội nghị tổng kết công tác quân sự, quốc phòng địa phương năm 2026"
    assert list(held.attending_units.all()) == [tree.village_a1]
    decision.refresh_from_db()
    assert decision.conference == held
    page = text_of(client.get(url("conference-detail", conference_id=held.pk)))
    assert "UBND xã An Bình khen thưởng 1 tập thể, 2 cá nhân." in page
    assert "Hoàn thành toàn diện các chỉ tiêu." in page
    assert "Lê Thị Bình" in page


def test_a_conference_before_its_period_is_refused_on_its_field(commune_officer_a: Any) -> None:
    before = written()

    response = client_of(commune_officer_a).post(
        url("conference-create"), conference_data(period_code="2027")
    )

    assert field_errors(response, "held_on") == [
        "Hội nghị ngày 15/12/2026 không thể sơ kết, tổng kết năm 2027 (bắt đầu 01/01/2027)."
    ]
    assert written() == before


def test_a_decision_signed_after_the_conference_cannot_be_attached(
    tree: Any, agreed: list[Nomination], commune_officer_a: Any, commune_leader_a: Any
) -> None:
    held = conference(commune_officer_a, tree.commune_a, held_on=dt.date(2026, 11, 30))
    decision = decide(commune_leader_a, tree.commune_a, nominations=agreed)
    before = written()

    response = client_of(commune_officer_a).post(
        url("conference-attach", conference_id=held.pk), {"decision": decision.pk}
    )

    assert field_errors(response, "decision") == ["Chọn một quyết định khen thưởng trong danh sách."]
    assert written() == before


def test_a_conference_is_corrected(tree: Any, commune_officer_a: Any) -> None:
    held = conference(commune_officer_a, tree.commune_a)
    client = client_of(commune_officer_a)
    assert "Hội trường UBND xã" in text_of(client.get(url("conference-edit", conference_id=held.pk)))

    response = client.post(
        url("conference-edit", conference_id=held.pk), conference_data(place="Nhà văn hóa xã")
    )

    assert response.status_code == 302
    held.refresh_from_db()
    assert held.place == "Nhà văn hóa xã"


def test_conferences_of_commune_a_are_not_found_from_commune_b(
    journey: dict[str, Any], commune_officer_b: Any
) -> None:
    held = journey["conference"]
    client = client_of(commune_officer_b)
    before = written()

    assert client.get(url("conference-detail", conference_id=held.pk)).status_code == 404
    assert client.get(url("conference-edit", conference_id=held.pk)).status_code == 404
    assert client.post(url("conference-attach", conference_id=held.pk), {}).status_code == 404
    assert held.title not in text_of(client.get(url("conference-list")))
    assert written() == before


def test_the_conference_list_filters_by_kind_and_year(tree: Any, commune_officer_a: Any) -> None:
    conference(commune_officer_a, tree.commune_a)
    conference(
        commune_officer_a,
        tree.commune_a,
        kind="so_ket",
        period_code="2026-H1",
        held_on=dt.date(2026, 7, 10),
        title="Sơ kết 6 tháng đầu năm 2026",
    )
    client = client_of(commune_officer_a)

    so_ket = text_of(client.get(url("conference-list", "?kind=so_ket&year=2026")))
    last_year = text_of(client.get(url("conference-list", "?year=2025")))

    assert "Sơ kết 6 tháng đầu năm 2026" in so_ket
    assert "Hội nghị tổng kết" not in so_ket
    assert "Chưa ghi hội nghị nào." in last_year


def test_the_read_only_officer_sees_but_may_not_change(
    journey: dict[str, Any], read_only_officer: Any
) -> None:
    client = client_of(read_only_officer)
    decision = journey["decision"]

    assert client.get(url("decision-detail", decision_id=decision.pk)).status_code == 200
    for name, kwargs in (
        ("nomination-create", {}),
        ("campaign-create", {}),
        ("conference-create", {}),
        ("decision-create", {}),
        ("nomination-review", {}),
        ("decision-present", {"decision_id": decision.pk}),
    ):
        assert client.post(url(name, **kwargs), {}).status_code == 403, name
    assert Award.objects.count() == 5
    assert Pledge.objects.count() == 0
    assert PROPOSED_ON < DECIDED_ON
