"""The demo year of emulation and awards: made through the services, consistent, deterministic, made once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.db import transaction

from qpdp.awards import selectors
from qpdp.awards.demo_data import NOTHING, demo_year, generate_demo_awards, make_demo_step
from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination, Pledge
from qpdp.core import demo, indicators
from qpdp.core.models import AuditEntry
from qpdp.core.periods import parse_period
from tests.factories.awards import person

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def people(tree: Any) -> None:
    for index in range(12):
        person(tree.commune_a, f"Nguyễn Văn Mẫu {index:02d}")


def test_the_demo_year_is_the_last_reviewed_one() -> None:
    assert demo_year(dt.date(2026, 11, 23)) == 2025
    assert demo_year(dt.date(2026, 12, 20)) == 2026
    assert demo_year(dt.date(2025, 3, 1)) == 2025  # never before the two-tier communes


def test_the_demo_year_runs_from_campaign_to_conference(tree: Any, people: None, admin_user: Any) -> None:
    made = generate_demo_awards(tree.province, seed=5, today=TODAY)

    assert made.campaigns == Campaign.objects.count() == 2
    assert made.pledges == Pledge.objects.count() == 2
    assert Counter(Nomination.objects.values_list("status", flat=True)) == {
        "decided": 7,
        "reviewed": 1,
        "refused": 1,
        "returned": 1,
        "proposed": 1,
    }
    assert made.decisions == AwardDecision.objects.count() == 2
    assert made.awards == Award.objects.count() == 8
    conference = Conference.objects.get()
    detail = selectors.conference_detail(admin_user, conference.pk)
    assert detail.phrase == (
        "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân; "
        "Bộ CHQS tỉnh Thử Nghiệm khen thưởng 2 tập thể, 1 cá nhân"
    )
    assert {d.presented_on for d in AwardDecision.objects.all()} == {conference.held_on}
    values = indicators.values_for(
        ["awards.total", "awards.issuer_province", "awards.campaigns_reviewed", "awards.conferences"],
        tree.province.path,
        parse_period("2025"),
        [tree.province.path, tree.commune_a.path],
    )
    assert values["awards.total"] == {tree.province.path: 8, tree.commune_a.path: 5}
    assert values["awards.issuer_province"][tree.province.path] == 3
    assert values["awards.campaigns_reviewed"][tree.commune_a.path] == 1
    assert values["awards.conferences"][tree.commune_a.path] == 1
    # Written through the services: every record has its audit entry, by the demo account.
    assert AuditEntry.objects.filter(action="awards.award.granted").count() == 8
    assert set(
        AuditEntry.objects.filter(action__startswith="awards.").values_list("actor_name", flat=True)
    ) == {"demo-thidua-90"}


def test_the_demo_is_made_once_and_deterministic(tree: Any, people: None) -> None:
    def made_names() -> tuple[list[str], list[str]]:
        return (
            sorted(Award.objects.values_list("recipient_name", flat=True)),
            sorted(AwardDecision.objects.values_list("signer_name", flat=True)),
        )

    with transaction.atomic():
        generate_demo_awards(tree.province, seed=5, today=TODAY)
        first = made_names()
        transaction.set_rollback(True)
    summary = make_demo_step(tree.province, 5)

    assert summary.startswith("campaigns=2 pledges=2 nominations=11 decisions=2 awards=")
    assert made_names() == first
    counts = (Campaign.objects.count(), Nomination.objects.count(), Award.objects.count())
    assert generate_demo_awards(tree.province, seed=5, today=TODAY) == NOTHING
    assert (Campaign.objects.count(), Nomination.objects.count(), Award.objects.count()) == counts


def test_the_step_is_registered() -> None:
    assert "thi đua, khen thưởng" in [step.name for step in demo.steps()]
