"""Service inputs built from a page's cleaned form or an API body: the same fields, taken by name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from qpdp.conscription import services
from qpdp.people.models import Citizen


def test_health_input_takes_its_fields_by_name_and_ignores_the_rest() -> None:
    citizen = Citizen(full_name="Lê Văn Đăng")
    values = {
        "citizen": 7,  # an API body names the citizen by id: the resolved one is passed apart
        "year": 2027,
        "stage": "examination",
        "examined_on": dt.date(2026, 11, 20),
        "health_type": None,
        "scores": {"physical": 2},
        "height_cm": Decimal("168"),
        "weight_kg": Decimal("60"),
        "chest_cm": None,
        "refraction_right": Decimal("-0.5"),
        "refraction_left": None,
        "examiner": "Hội đồng khám",
        "present": True,
        "score_physical": 2,  # a form's own fields are not the service's
    }

    data = services.HealthInput.of(values, citizen=citizen, intake_year=2027)

    assert data == services.HealthInput(
        citizen=citizen,
        intake_year=2027,
        stage="examination",
        examined_on=dt.date(2026, 11, 20),
        scores={"physical": 2},
        height_cm=Decimal("168"),
        weight_kg=Decimal("60"),
        refraction_right=Decimal("-0.5"),
        examiner="Hội đồng khám",
    )


def test_relief_input_takes_its_fields_by_name_and_ignores_the_rest() -> None:
    citizen = Citizen(full_name="Lê Văn Đăng")
    values = {
        "citizen": citizen,
        "kind": "deferment",
        "ground": "41.1.g",
        "decided_on": dt.date(2026, 12, 1),
        "valid_from": dt.date(2026, 9, 5),
        "valid_until": dt.date(2028, 6, 30),
        "evidence": "Giấy xác nhận của trường",
        "volunteer": False,
        "decision_number": "12/QĐ-UBND",
        "signer_name": "Nguyễn Văn A",
        "year": 2027,
    }

    data = services.ReliefInput.of(values, citizen=citizen, intake_year=2027)

    assert data == services.ReliefInput(
        citizen=citizen,
        kind="deferment",
        intake_year=2027,
        ground="41.1.g",
        decided_on=dt.date(2026, 12, 1),
        valid_from=dt.date(2026, 9, 5),
        valid_until=dt.date(2028, 6, 30),
        evidence="Giấy xác nhận của trường",
        decision_number="12/QĐ-UBND",
        signer_name="Nguyễn Văn A",
    )
