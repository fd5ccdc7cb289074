"""The demo cycle: last intake complete and consistent with the rules, next intake under way, made once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Sum

from qpdp.conscription import selectors
from qpdp.conscription.demo_data import generate_demo_cycle
from qpdp.conscription.models import CallUp, Intake, Quota, Registration
from qpdp.core import indicators
from qpdp.core.periods import parse_period
from tests.factories.conscription import man

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def test_demo_cycle_is_consistent(tree: Any) -> None:
    for index in range(60):
        man(
            tree.commune_a if index % 2 else tree.commune_b,
            born=dt.date(1999 + index % 12, 1 + index % 12, 3),
        )
    made = generate_demo_cycle(tree.province, seed=5, today=TODAY)

    assert made.registrations > 0
    assert {i.year for i in Intake.objects.all()} == {2026, 2027}
    # This year's cohort (born 2009) is left for the yearly run.
    assert not Registration.objects.filter(citizen__date_of_birth__year=2009).exists()
    for quota in Quota.objects.filter(parent__isnull=False):
        assert quota.count <= quota.parent.count
    province_quota = Quota.objects.filter(parent__isnull=True).aggregate(n=Sum("count"))["n"]
    assert province_quota == Quota.objects.filter(parent__isnull=False).aggregate(n=Sum("count"))["n"]
    # Everyone called was eligible under the pure rule, apart from the call-up itself.
    for callup in CallUp.objects.select_related("citizen", "intake"):
        standing = selectors.status_of(callup.citizen, callup.intake.year, ignore_callup=callup.pk)
        assert standing.status == "eligible", standing.explanation
    values = indicators.values_for(
        ["conscription.enlisted", "conscription.completion"],
        tree.province.path,
        parse_period("2026"),
        [tree.province.path],
    )
    assert values["conscription.enlisted"][tree.province.path] == made.enlisted
    assert generate_demo_cycle(tree.province, seed=5, today=TODAY).registrations == 0  # made once
