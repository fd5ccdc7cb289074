"""The set-based pool (one SQL statement) gives every citizen the status the pure rule gives."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import pytest

from qpdp.conscription import rules, selectors
from qpdp.conscription.choices import CallUpStatus, ExamStage, RegistrationKind, ReliefKind, Service
from qpdp.conscription.models import CallUp, HealthExam, Intake, Registration, RegistrationBar, Relief
from qpdp.people.models import Citizen
from tests.factories.people import CitizenFactory, valid_personal_id

pytestmark = pytest.mark.django_db

REFERENCES = [dt.date(2026, 3, 4), dt.date(2026, 2, 28), dt.date(2028, 2, 29)]


def _random_register(tree: Any, seed: int, size: int) -> None:
    """Citizens with every kind of record in random combinations, birthdays crowding the age limits."""
    rng = random.Random(seed)
    year = 2026
    intakes = {
        y: Intake.objects.create(
            province=tree.province,
            unit_path=tree.province.path,
            year=y,
            handover_from=dt.date(y, 3, 4),
            handover_to=dt.date(y, 3, 6),
            age_reference=dt.date(y, 3, 4),
        )
        for y in (2025, 2026)
    }
    reference = REFERENCES[0]
    edges = [rules.birthday(reference, -age) for age in (18, 26, 28)]
    for serial in range(size):
        sex = "F" if rng.random() < 0.1 else "M"
        if rng.random() < 0.5:
            born = rng.choice(edges) + dt.timedelta(days=rng.choice([-1, 0, 1]))
        else:
            born = dt.date(1996, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 14))
        commune = rng.choice([tree.commune_a, tree.commune_b])
        citizen = CitizenFactory(
            commune=commune,
            sex=sex,
            date_of_birth=born,
            personal_id=valid_personal_id(sex=sex, date_of_birth=born, serial=700_000 + serial),
        )
        common = {"citizen": citizen, "commune": commune, "unit_path": commune.path}
        if rng.random() < 0.85:
            Registration.objects.create(
                **common, kind=RegistrationKind.FIRST, registered_on=dt.date(2024, 4, 1)
            )
        if rng.random() < 0.05:
            Registration.objects.create(
                **common, kind=RegistrationKind.REMOVAL, registered_on=dt.date(2025, 5, 1)
            )
        if rng.random() < 0.1:
            RegistrationBar.objects.create(
                **common,
                ground=rng.choice(["13.a", "13.b", "13.c", "14"]),
                valid_from=dt.date(2025, 1, 1),
                valid_until=rng.choice([None, dt.date(2026, 3, 3), dt.date(2027, 1, 1)]),
            )
        for _ in range(rng.choice([0, 0, 1, 2])):
            code = rng.choice(list(rules.GROUND_ORDER)[:13])
            kind = ReliefKind.DEFERMENT if code.startswith("41.1") else ReliefKind.EXEMPTION
            start = rng.choice([dt.date(2024, 9, 1), dt.date(2026, 3, 5), dt.date(2025, 12, 1)])
            Relief.objects.create(
                **common,
                kind=kind,
                intake_year=year,
                ground=code,
                valid_from=start,
                valid_until=rng.choice(
                    [None, dt.date(2026, 3, 3), dt.date(2026, 3, 4), dt.date(2028, 6, 30)]
                ),
                volunteer=rng.random() < 0.3,
                decided_on=start,
                decider_title="Chủ tịch UBND cấp tỉnh",
            )
        if rng.random() < 0.7:
            present = rng.random() < 0.9
            health_type = rng.randint(1, 6)
            HealthExam.objects.create(
                **common,
                intake_year=rng.choice([year, year, year - 1]),
                stage=ExamStage.EXAMINATION,
                examined_on=dt.date(2025, 11, 20),
                health_type=health_type if present else None,
                fit=present and health_type <= 3 and rng.random() < 0.9,
                present=present,
            )
        if rng.random() < 0.15:
            CallUp.objects.create(
                **common,
                intake=intakes[rng.choice([2025, 2026])],
                service=Service.ARMY,
                status=rng.choice(list(CallUpStatus.values)),
                selected_on=dt.date(2025, 12, 1),
            )


@pytest.mark.parametrize("seed", [1, 2])
def test_sql_pool_agrees_with_the_rule(tree: Any, seed: int) -> None:
    _random_register(tree, seed, 120)
    citizens = {c.pk: c for c in Citizen.objects.all()}
    seen: set[rules.Status] = set()
    for reference in REFERENCES:
        year = reference.year
        tally: dict[str, Counter[str]] = {}
        rows = {
            row.citizen_id: row
            for row in selectors.tallied(selectors.pool_rows(tree.province.path, year, reference), tally)
        }
        assert set(rows) == set(citizens)
        for citizen_id, row in rows.items():
            expected = selectors.status_of(citizens[citizen_id], year, reference=reference)
            # An eligible volunteer's waived grounds are in the explanation only, not in the pool row.
            ground = "" if expected.status is rules.Status.ELIGIBLE else expected.ground
            assert (row.status, row.ground) == (expected.status, ground), (
                citizens[citizen_id],
                reference,
                expected.explanation,
            )
            seen.add(row.status)
        summary = selectors.pool_summary(tree.province.path, year, reference)
        assert sum(sum(c.values()) for c in summary.values()) == len(citizens)
        # Counting while the rows pass gives the summary the GROUP BY gives.
        assert tally == summary
    # The random register reaches most statuses, so the comparison means something.
    assert len(seen) >= 10, seen


def test_pool_is_scoped_to_the_path(tree: Any) -> None:
    _random_register(tree, 3, 30)
    rows = list(selectors.pool_rows(tree.commune_a.path, 2026, REFERENCES[0]))
    assert rows
    assert all(r.unit_path == tree.commune_a.path for r in rows)
