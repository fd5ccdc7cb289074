"""Fixtures the award tests share: commune A's year of awards, from nomination to the review conference."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories.awards import commune_awards


@pytest.fixture
def journey(tree: Any, commune_officer_a: Any, region_officer: Any, commune_leader_a: Any) -> dict[str, Any]:
    """Commune A: 2 collectives and 3 individuals nominated by its officer, agreed by the regional
    command, decided by the commune chairman, presented at the year's review (factories.commune_awards)."""
    return commune_awards(
        officer=commune_officer_a,
        reviewer=region_officer,
        decider=commune_leader_a,
        commune=tree.commune_a,
        village=tree.village_a1,
    )
