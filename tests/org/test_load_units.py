"""Loading the real administrative tree (vietnam-provinces): both structures, successions, dated subtrees.

The load takes seconds, so it runs once for the module inside an outer transaction that is rolled
back at the end; each test runs in a savepoint inside it and leaves the loaded tree as it found it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from vietnam_provinces import Ward
from vietnam_provinces import legacy as legacy_structure

from qpdp.org.choices import CommandKind
from qpdp.org.models import Command, Unit, UnitSuccession
from qpdp.org.selectors import units_under
from qpdp.org.services import LoadSummary, load_administrative_units


@pytest.fixture(scope="module")
def loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[LoadSummary]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_administrative_units()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


pytestmark = pytest.mark.usefixtures("loaded")


def test_load_reports_the_counts_of_both_structures(loaded: LoadSummary, db: Any) -> None:
    assert (loaded.current_provinces, loaded.current_communes) == (34, 3321)
    assert (loaded.historical_provinces, loaded.historical_districts, loaded.historical_communes) == (
        63,
        696,
        10051,
    )
    assert loaded.created == 1 + 34 + 3321 + 63 + 696 + 10051


def test_every_unit_hangs_under_its_parent_by_path(db: Any) -> None:
    hcmc = Unit.objects.get(code="79")
    ward = Unit.objects.filter(parent=hcmc).first()

    assert hcmc.path == "VN/79/"
    assert hcmc.structure == "current"
    assert hcmc.valid_from == dt.date(2025, 7, 1)
    assert ward is not None
    assert ward.path == f"VN/79/{ward.code}/"
    assert ward.kind == "commune"
    assert Unit.objects.filter(parent__isnull=True).values_list("code", flat=True).get() == "VN"


def test_legacy_units_end_on_30_june_2025(db: Any) -> None:
    vung_tau = Unit.objects.get(code="L77")

    assert vung_tau.structure == "legacy"
    assert vung_tau.valid_to == dt.date(2025, 6, 30)
    assert "Vũng Tàu" in vung_tau.name
    assert not Unit.objects.filter(structure="legacy", valid_to__isnull=True).exists()


def test_successions_link_old_provinces_to_the_new_one(db: Any) -> None:
    predecessors_of_hcmc = set(
        UnitSuccession.objects.filter(successor__code="79").values_list("predecessor__code", flat=True)
    )

    assert {"L74", "L77", "L79"} <= predecessors_of_hcmc
    assert UnitSuccession.objects.filter(
        predecessor__code="L77", successor__code="79", effective_on=dt.date(2025, 7, 1)
    ).exists()


def test_successions_always_run_from_the_old_structure_to_the_new(db: Any) -> None:
    assert UnitSuccession.objects.filter(predecessor__kind="commune").count() > 3321
    assert not UnitSuccession.objects.exclude(predecessor__structure="legacy").exists()
    assert not UnitSuccession.objects.exclude(successor__structure="current").exists()


def test_standing_commands_are_created_for_both_eras(db: Any) -> None:
    district_commands = Command.objects.filter(kind=CommandKind.DISTRICT)

    assert Command.objects.filter(kind=CommandKind.PROVINCIAL).count() == 34 + 63
    assert district_commands.count() == 696
    assert not district_commands.exclude(valid_to=dt.date(2025, 6, 30)).exists()
    assert Command.objects.filter(kind=CommandKind.COMMUNE).count() == 3321


def test_second_load_creates_nothing(loaded: LoadSummary, db: Any) -> None:
    units, successions, commands = (
        Unit.objects.count(),
        UnitSuccession.objects.count(),
        Command.objects.count(),
    )

    again = load_administrative_units()

    assert again.created == 0
    assert (again.current_communes, again.historical_communes) == (
        loaded.current_communes,
        loaded.historical_communes,
    )
    assert (Unit.objects.count(), UnitSuccession.objects.count(), Command.objects.count()) == (
        units,
        successions,
        commands,
    )


def test_units_under_a_province_as_of_a_date_is_one_query(db: Any, django_assert_num_queries: Any) -> None:
    hcmc = Unit.objects.get(code="79")
    expected = sum(1 for w in Ward.iter_all() if int(w.province_code) == 79)

    with django_assert_num_queries(1):
        communes = list(units_under(hcmc, on=dt.date(2026, 1, 15), kind="commune"))

    assert len(communes) == expected
    assert all(c.path.startswith("VN/79/") for c in communes)


def test_units_under_an_old_province_exist_only_before_the_reorganisation(
    db: Any, django_assert_num_queries: Any
) -> None:
    vung_tau = Unit.objects.get(code="L77")
    districts = {int(d.code) for d in legacy_structure.District.iter_all() if int(d.province_code) == 77}
    expected = sum(1 for w in legacy_structure.Ward.iter_all() if int(w.district_code) in districts)

    with django_assert_num_queries(1):
        in_2024 = list(units_under(vung_tau, on=dt.date(2024, 12, 31), kind="commune"))
    with django_assert_num_queries(1):
        in_2026 = list(units_under(vung_tau, on=dt.date(2026, 1, 15), kind="commune"))

    assert len(in_2024) == expected
    assert in_2026 == []


def test_load_units_command_prints_both_structures_and_creates_nothing_twice(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_units", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines == [
        "created units=0",
        "current provinces=34 communes=3321",
        "historical provinces=63 districts=696 communes=10051",
    ]
