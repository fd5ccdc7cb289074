"""One commune through a whole cycle with the services: registration to handover, both eras' signers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qpdp.conscription import rules, selectors, services
from qpdp.conscription.choices import CallUpStatus, ReliefKind, Service
from qpdp.conscription.models import CallUp, Registration
from qpdp.core import indicators
from qpdp.core.errors import DomainError
from qpdp.core.models import AuditEntry
from qpdp.core.periods import parse_period
from tests.factories.conscription import INTAKE_YEAR, intake, man, ready_man

pytestmark = pytest.mark.django_db


def test_whole_cycle_fills_the_quota(tree: Any, commune_officer_a: Any, province_officer: Any) -> None:
    citizens = [ready_man(commune_officer_a, tree.commune_a) for _ in range(3)]
    deferred = ready_man(commune_officer_a, tree.commune_a)
    services.decide_relief(
        actor=province_officer,
        data=services.ReliefInput(
            citizen=deferred,
            kind=ReliefKind.DEFERMENT,
            intake_year=INTAKE_YEAR,
            ground="41.1.g",
            decided_on=dt.date(2025, 12, 1),
            valid_until=dt.date(2027, 6, 30),
            decision_number="15/QĐ-UBND",
        ),
    )
    assert selectors.status_of(deferred, INTAKE_YEAR).status is rules.Status.DEFERRED
    posting = services.post_list(
        actor=commune_officer_a,
        commune=tree.commune_a,
        intake_year=INTAKE_YEAR,
        decision_number="15/QĐ-UBND",
        decided_on=dt.date(2025, 12, 1),
    )
    assert posting.posted_until == dt.date(2025, 12, 20)
    assert "Cổng thông tin điện tử cấp xã" in posting.places

    the_intake = intake(province_officer, tree.province)
    services.set_quota(
        actor=province_officer,
        intake=the_intake,
        unit=tree.province,
        service=Service.ARMY,
        count=10,
        decided_on=dt.date(2025, 9, 27),
    )
    result = services.set_quota(
        actor=province_officer,
        intake=the_intake,
        unit=tree.commune_a,
        service=Service.ARMY,
        count=3,
        decided_on=dt.date(2025, 10, 10),
        eligible_pool=3,
    )
    assert result.quota.decider_title == "Chủ tịch UBND cấp tỉnh"
    with pytest.raises(DomainError, match="vượt số cấp trên còn lại"):
        services.set_quota(
            actor=province_officer,
            intake=the_intake,
            unit=tree.commune_b,
            service=Service.ARMY,
            count=8,
            decided_on=dt.date(2025, 10, 10),
        )

    selected = services.select_citizens(
        actor=commune_officer_a,
        intake=the_intake,
        selected_on=dt.date(2025, 12, 20),
        selections=[
            services.Selection(citizen=c, volunteer=i == 0, party_member=i == 1)
            for i, c in enumerate(citizens)
        ],
    )
    with pytest.raises(DomainError, match="tạm hoãn"):
        services.select_citizens(
            actor=commune_officer_a,
            intake=the_intake,
            selected_on=dt.date(2025, 12, 20),
            selections=[services.Selection(citizen=deferred)],
        )
    decided = services.decide_callup(
        actor=province_officer,
        callups=selected,
        decision_number="120/QĐ-UBND",
        decided_on=dt.date(2026, 1, 10),
    )
    assert {c.decider_title for c in decided} == {"Chủ tịch UBND cấp tỉnh"}
    ordered = services.issue_orders(
        actor=commune_officer_a,
        callups=decided,
        signed_on=dt.date(2026, 2, 1),
        report_on=dt.date(2026, 3, 4),
        report_place="Sân vận động xã An Bình",
        signer_name="Trần Văn Bình",
    )
    assert {c.order_signer_title for c in ordered} == {"Chủ tịch UBND cấp xã"}
    assert [c.order_number for c in ordered] == ["01/LGNN", "02/LGNN", "03/LGNN"]
    with pytest.raises(DomainError, match="ít nhất 15 ngày"):
        services.record_delivery(
            actor=commune_officer_a, callup=ordered[0], delivered_on=dt.date(2026, 2, 25)
        )
    for callup in ordered:
        services.record_delivery(actor=commune_officer_a, callup=callup, delivered_on=dt.date(2026, 2, 10))
    handover = services.create_handover(
        actor=province_officer,
        intake=the_intake,
        organiser=tree.province,
        held_on=dt.date(2026, 3, 4),
        place="Ban CHPTKV 1 – An Bình",
        receiving_units="Sư đoàn 312",
    )
    assert handover.organiser_title == "UBND cấp tỉnh"
    for callup in ordered[:2]:
        services.record_outcome(
            actor=commune_officer_a,
            callup=callup,
            outcome=CallUpStatus.ENLISTED,
            on=dt.date(2026, 3, 4),
            handover=handover,
        )
    services.record_outcome(
        actor=commune_officer_a,
        callup=ordered[2],
        outcome=CallUpStatus.NOT_REPORTED,
        on=dt.date(2026, 3, 4),
        reason="Ốm đột xuất",
    )
    replacement = ready_man(commune_officer_a, tree.commune_a)
    new = services.call_replacement(
        actor=commune_officer_a, callup=ordered[2], replacement=replacement, selected_on=dt.date(2026, 3, 4)
    )
    assert new.replaces_id == ordered[2].pk
    assert new.reserve

    period = parse_period("2026")
    values = indicators.values_for(
        [
            "conscription.quota",
            "conscription.enlisted",
            "conscription.completion",
            "conscription.volunteers",
            "conscription.not_reported",
        ],
        tree.province.path,
        period,
        [tree.province.path, tree.commune_a.path],
    )
    assert values["conscription.quota"][tree.commune_a.path] == 3
    assert values["conscription.enlisted"][tree.province.path] == 2
    assert str(values["conscription.completion"][tree.commune_a.path]) == "66.7"
    assert values["conscription.volunteers"][tree.commune_a.path] == 1
    assert values["conscription.not_reported"][tree.commune_a.path] == 1
    assert selectors.status_of(citizens[0], INTAKE_YEAR).status is rules.Status.ENLISTED
    assert selectors.status_of(citizens[0], INTAKE_YEAR + 1).status is rules.Status.SERVED
    assert AuditEntry.objects.filter(action="conscription.callup.enlisted").count() == 2


def test_orders_refused_for_enlisted_or_ineligible(
    tree: Any, commune_officer_a: Any, province_officer: Any
) -> None:
    the_intake = intake(province_officer, tree.province)
    young = man(tree.commune_a, born=dt.date(2008, 6, 1))
    services.register_first(actor=commune_officer_a, citizen=young, registered_on=dt.date(2025, 4, 10))
    with pytest.raises(DomainError, match="chưa đủ 18 tuổi"):
        services.select_citizens(
            actor=commune_officer_a,
            intake=the_intake,
            selected_on=dt.date(2025, 12, 1),
            selections=[services.Selection(citizen=young)],
        )
    assert not CallUp.objects.exists()


def test_first_registration_refused_before_17(tree: Any, commune_officer_a: Any) -> None:
    child = man(tree.commune_a, born=dt.date(2010, 5, 1))
    with pytest.raises(DomainError, match="chưa đến tuổi đăng ký NVQS lần đầu"):
        services.register_first(actor=commune_officer_a, citizen=child, registered_on=dt.date(2026, 4, 10))
    assert not Registration.objects.exists()


def test_move_deadline_follows_the_era_of_arrival(
    tree: Any, commune_officer_a: Any, commune_officer_b: Any
) -> None:
    citizen = man(tree.commune_a, born=dt.date(2004, 1, 1))
    services.register_first(actor=commune_officer_a, citizen=citizen, registered_on=dt.date(2022, 4, 5))
    services.register_move_out(
        actor=commune_officer_a,
        citizen=citizen,
        to_commune=tree.commune_b,
        left_on=dt.date(2025, 9, 1),
        registered_on=dt.date(2025, 9, 1),
    )
    citizen.refresh_from_db()
    assert citizen.unit_path == tree.commune_b.path
    late = services.register_move_in(
        actor=commune_officer_b,
        citizen=citizen,
        arrived_on=dt.date(2025, 9, 2),
        registered_on=dt.date(2025, 9, 11),
    )
    assert late.late  # 7 working days > 5 from 01/07/2025
    assert (
        selectors.status_of(citizen, INTAKE_YEAR).status is rules.Status.NOT_EXAMINED
    )  # the record followed him


def test_deferment_without_ground_is_refused(tree: Any, commune_officer_a: Any) -> None:
    citizen = ready_man(commune_officer_a, tree.commune_a)
    with pytest.raises(DomainError, match="Phải ghi căn cứ"):
        services.decide_relief(
            actor=commune_officer_a,
            data=services.ReliefInput(
                citizen=citizen,
                kind=ReliefKind.DEFERMENT,
                intake_year=INTAKE_YEAR,
                ground="",
                decided_on=dt.date(2025, 12, 1),
                valid_until=dt.date(2026, 12, 31),
            ),
        )


def test_health_type_out_of_range_is_refused(tree: Any, commune_officer_a: Any) -> None:
    citizen = man(tree.commune_a)
    with pytest.raises(DomainError, match="từ 1 đến 6"):
        services.record_health(
            actor=commune_officer_a,
            data=services.HealthInput(
                citizen=citizen,
                intake_year=INTAKE_YEAR,
                stage="examination",
                examined_on=dt.date(2025, 11, 20),
                health_type=7,
            ),
        )


def test_region_officer_records_his_provinces_handover_but_not_another(
    tree: Any, region_officer: Any, province_officer: Any
) -> None:
    the_intake = intake(province_officer, tree.province)
    handover = services.create_handover(
        actor=region_officer,
        intake=the_intake,
        organiser=tree.province,
        held_on=dt.date(2026, 3, 4),
        place="Ban CHPTKV 1 – An Bình",
        receiving_units="Sư đoàn 312",
    )
    assert handover.organiser_title == "UBND cấp tỉnh"
    with pytest.raises(DomainError, match="Không tìm thấy đơn vị"):
        services.create_handover(
            actor=region_officer,
            intake=the_intake,
            organiser=tree.other_province,
            held_on=dt.date(2026, 3, 4),
            place="Nơi khác",
            receiving_units="Sư đoàn 1",
        )
