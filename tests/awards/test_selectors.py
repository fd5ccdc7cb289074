"""Award reads: scoped lists and records, the conference's "khen thưởng 2 tập thể, 3 cá nhân" per issuer,
earlier awards, and the per-commune counts of the indicators (one query each)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404

from qpdp.awards import selectors, services
from qpdp.awards.choices import ConferenceKind
from qpdp.core.indicators import rollup
from qpdp.core.periods import parse_period
from tests.factories.awards import (
    campaign,
    conference,
    decide,
    draft_decision,
    line,
    nominate,
    person,
    pledge,
)

pytestmark = pytest.mark.django_db

YEAR_2026 = parse_period("2026")


def _province_decision(province_officer: Any, tree: Any, **overrides: Any) -> Any:
    """Giấy khen of the provincial command to commune A's militia platoon."""
    values: dict[str, Any] = {
        "issuer": "provincial_command",
        "number": "88/QĐ-BCH",
        "lines": [
            line(recipient_kind="collective", recipient_unit=tree.commune_a, recipient_detail="Ban CHQS xã")
        ],
    }
    values.update(overrides)
    return decide(province_officer, tree.province, **values)


# -- the conference and the decision -----------------------------------------------------------------


def test_the_conference_states_who_awarded_how_many(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(5):
        detail = selectors.conference_detail(commune_officer_a, journey["conference"].pk)

    assert detail.phrase == "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân"
    assert [line.given for line in detail.summary] == ["tặng giấy khen cho 2 tập thể, 3 cá nhân"]
    [summary] = detail.summary
    assert (summary.collectives, summary.individuals, summary.households, summary.total) == (2, 3, 0, 5)
    assert summary.counts == "2 tập thể, 3 cá nhân"
    assert [d.number for d in detail.decisions] == ["125/QĐ-UBND"]


def test_several_issuers_at_one_conference(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any, province_officer: Any
) -> None:
    provincial = _province_decision(province_officer, tree, decided_on=dt.date(2026, 12, 5))
    services.attach_decision_to_conference(
        actor=province_officer, decision=provincial, conference=journey["conference"]
    )

    detail = selectors.conference_detail(commune_officer_a, journey["conference"].pk)

    assert detail.phrase == (
        "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân; Bộ CHQS tỉnh Thử Nghiệm khen thưởng 1 tập thể"
    )


def test_revoked_awards_and_drafts_do_not_count(
    tree: Any, journey: dict[str, Any], commune_officer_a: Any, commune_leader_a: Any
) -> None:
    award = journey["decision"].awards.filter(recipient_kind="individual").first()
    services.revoke_award(actor=commune_leader_a, award=award, revoked_on=dt.date(2027, 1, 5), reason="Sai")
    draft_decision(
        commune_leader_a,
        tree.commune_a,
        kind="household",
        name="Hộ ông Lê Văn Dũng",
        conference=journey["conference"],
    )

    detail = selectors.conference_detail(commune_officer_a, journey["conference"].pk)

    assert detail.phrase == "UBND xã An Bình khen thưởng 2 tập thể, 2 cá nhân"
    assert selectors.award_counts(tree.province.path, YEAR_2026) == {tree.commune_a.path: 4}


def test_a_person_given_two_forms_counts_once_in_the_summary(
    tree: Any, commune_officer_a: Any, commune_leader_a: Any
) -> None:
    the_conference = conference(commune_officer_a, tree.commune_a)
    citizen = person(tree.commune_a, "Nguyễn Văn An")
    decide(
        commune_leader_a,
        tree.commune_a,
        conference=the_conference,
        lines=[
            line(recipient_kind="individual", recipient_citizen=citizen, form_code="lao_dong_tien_tien"),
            line(recipient_kind="individual", recipient_citizen=citizen, form_code="chien_si_thi_dua_co_so"),
        ],
    )

    detail = selectors.conference_detail(commune_officer_a, the_conference.pk)

    assert detail.phrase == "UBND xã An Bình khen thưởng 1 cá nhân"
    assert selectors.award_counts(tree.commune_a.path, YEAR_2026) == {tree.commune_a.path: 2}


def test_out_of_scope_records_are_not_found(
    tree: Any, journey: dict[str, Any], commune_officer_b: Any
) -> None:
    with pytest.raises(Http404):
        selectors.conference_detail(commune_officer_b, journey["conference"].pk)
    with pytest.raises(Http404):
        selectors.decision_detail(commune_officer_b, journey["decision"].pk)
    with pytest.raises(Http404):
        selectors.nomination_detail(commune_officer_b, journey["nominations"][0].pk)


def test_decision_detail_lists_its_lines_collectives_first(
    tree: Any, journey: dict[str, Any], commune_leader_a: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        detail = selectors.decision_detail(commune_leader_a, journey["decision"].pk)
        names = [a.recipient_name for a in detail.lines]

    assert names == ["Thôn 1", "Trung đội dân quân cơ động", "Nguyễn Văn An", "Lê Thị Bình", "Phạm Văn Cường"]
    assert detail.summary.phrase == "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân"


# -- scoped lists ------------------------------------------------------------------------------------


def test_lists_are_scoped(
    tree: Any,
    journey: dict[str, Any],
    commune_officer_a: Any,
    commune_officer_b: Any,
    region_officer: Any,
    province_officer: Any,
) -> None:
    campaign(commune_officer_a, tree.commune_a)
    for user, expected in (
        (commune_officer_a, 1),
        (region_officer, 1),
        (province_officer, 1),
        (commune_officer_b, 0),
    ):
        assert selectors.campaigns(user).count() == expected
        assert selectors.decisions(user).count() == expected
        assert selectors.conferences(user).count() == expected
        assert selectors.nominations(user).count() == 5 * expected
        assert selectors.awards(user).count() == 5 * expected


def test_list_filters(tree: Any, journey: dict[str, Any], commune_officer_a: Any) -> None:
    nominate(commune_officer_a, tree.commune_a, recipient_name="Lê Văn Dũng")
    assert selectors.nominations(commune_officer_a, status="proposed").count() == 1
    assert selectors.nominations(commune_officer_a, status=["proposed", "decided"]).count() == 6
    assert selectors.awards(commune_officer_a, recipient_kind="collective").count() == 2
    assert selectors.decisions(commune_officer_a, year=2027).count() == 0
    assert selectors.decisions(commune_officer_a).get().line_count == 5
    assert selectors.conferences(commune_officer_a, kind=ConferenceKind.SO_KET).count() == 0


def test_a_commune_sees_awards_its_people_received_from_above(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any, province_officer: Any
) -> None:
    _province_decision(province_officer, tree)

    assert selectors.awards(commune_officer_a).count() == 0
    assert [a.recipient_name for a in selectors.awards_received(commune_officer_a)] == ["Xã An Bình"]
    assert selectors.awards_received(commune_officer_b).count() == 0


def test_prior_awards_of_a_recipient(tree: Any, journey: dict[str, Any], commune_officer_a: Any) -> None:
    citizen = journey["people"][0]
    [award] = selectors.prior_awards_of(commune_officer_a, recipient_kind="individual", citizen_id=citizen.pk)
    assert (award.form_code, award.period_code) == ("giay_khen", "2026")
    named = selectors.prior_awards_of(
        commune_officer_a,
        recipient_kind="collective",
        name="TRUNG ĐỘI  dân quân cơ động",
        path=tree.commune_a.path,
    )
    assert [a.recipient_name for a in named] == ["Trung đội dân quân cơ động"]
    elsewhere = selectors.prior_awards_of(
        commune_officer_a,
        recipient_kind="collective",
        name="Trung đội dân quân cơ động",
        path=tree.commune_b.path,
    )
    assert not elsewhere.exists()


# -- per-commune counts ------------------------------------------------------------------------------


def test_award_counts_by_issuer_and_by_recipient(
    tree: Any, journey: dict[str, Any], province_officer: Any, django_assert_num_queries: Any
) -> None:
    _province_decision(province_officer, tree)

    with django_assert_num_queries(1):
        by_issuer = selectors.award_counts(tree.province.path, YEAR_2026)
    with django_assert_num_queries(1):
        by_recipient = selectors.award_counts(tree.province.path, YEAR_2026, by="recipient")

    # The province's own decision counts at the province node, never inside a commune.
    assert by_issuer == {tree.commune_a.path: 5, tree.province.path: 1}
    assert rollup(by_issuer, [tree.province.path, tree.commune_a.path]) == {
        tree.province.path: 6,
        tree.commune_a.path: 5,
    }
    # Received: the platoon of commune A counts in commune A.
    assert by_recipient == {tree.commune_a.path: 6}


def test_award_counts_filters(tree: Any, journey: dict[str, Any], province_officer: Any) -> None:
    _province_decision(province_officer, tree)
    scope = tree.province.path

    assert selectors.award_counts(scope, YEAR_2026, recipient_kind="collective") == {
        tree.commune_a.path: 2,
        tree.province.path: 1,
    }
    assert selectors.award_counts(scope, YEAR_2026, issuer_level="tỉnh") == {tree.province.path: 1}
    assert selectors.award_counts(scope, YEAR_2026, issuer_level="xã") == {tree.commune_a.path: 5}
    assert selectors.award_counts(scope, YEAR_2026, form=["bang_khen"]) == {}
    assert selectors.award_counts(scope, YEAR_2026, form="giay_khen") == {
        tree.commune_a.path: 5,
        tree.province.path: 1,
    }
    assert selectors.award_counts(scope, parse_period("2025")) == {}
    assert selectors.award_counts(tree.commune_b.path, YEAR_2026) == {}
    assert selectors.award_records(scope, YEAR_2026).count() == 6


def test_a_legacy_district_decision_counts_at_the_district(tree: Any, province_officer: Any) -> None:
    decide(
        province_officer,
        tree.legacy_district,
        issuer="district_chairman",
        decided_on=dt.date(2021, 12, 2),
        number="312/QĐ-UBND",
        lines=[
            line(recipient_kind="collective", recipient_name="Trung đội dân quân xã An", period_code="2021"),
            line(recipient_kind="individual", recipient_name="Hoàng Văn Minh", period_code="2021"),
        ],
    )
    assert selectors.award_counts("VN/", parse_period("2021")) == {tree.legacy_district.path: 2}
    assert selectors.award_counts(
        "VN/", parse_period("2021"), issuer_level="huyện", recipient_kind="individual"
    ) == {tree.legacy_district.path: 1}


def test_campaign_pledge_and_conference_counts(
    tree: Any, commune_officer_a: Any, province_officer: Any, django_assert_num_queries: Any
) -> None:
    first = campaign(commune_officer_a, tree.commune_a)
    campaign(province_officer, tree.province, launched_by="Chỉ huy trưởng Bộ CHQS tỉnh")
    pledge(commune_officer_a, first)
    pledge(commune_officer_a, first, parties="Thôn 1 và Thôn 2")
    services.review_campaign(
        actor=commune_officer_a, campaign=first, reviewed_on=dt.date(2026, 10, 5), summary="Hoàn thành"
    )
    conference(commune_officer_a, tree.commune_a)
    conference(
        commune_officer_a,
        tree.commune_a,
        kind=ConferenceKind.SO_KET,
        period_code="2026-H1",
        held_on=dt.date(2026, 6, 28),
    )
    scope = tree.province.path

    with django_assert_num_queries(1):
        launched = selectors.campaign_counts(scope, YEAR_2026)
    assert launched == {tree.commune_a.path: 1, tree.province.path: 1}
    assert selectors.campaign_counts(scope, YEAR_2026, reviewed=True) == {tree.commune_a.path: 1}
    assert selectors.campaign_counts(scope, parse_period("2026-H1")) == {}
    assert selectors.pledge_counts(scope, YEAR_2026) == {tree.commune_a.path: 2}
    assert selectors.conference_counts(scope, YEAR_2026) == {tree.commune_a.path: 2}
    assert selectors.conference_counts(scope, parse_period("2026-H2"), kind=ConferenceKind.TONG_KET) == {
        tree.commune_a.path: 1
    }
    assert (
        selectors.conference_records(scope, YEAR_2026, kind=ConferenceKind.SO_KET).get().period_code
        == "2026-H1"
    )
