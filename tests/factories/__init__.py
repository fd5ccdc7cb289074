"""Test factories, one module per app, re-exported so `tests.factories` stays the import path."""

from tests.factories.core import JobFactory
from tests.factories.org import (
    CommandFactory,
    UnitFactory,
    UserFactory,
    build_tree,
    make_user,
)
from tests.factories.people import CitizenFactory, citizen_input, valid_personal_id

__all__ = [
    "CitizenFactory",
    "CommandFactory",
    "JobFactory",
    "UnitFactory",
    "UserFactory",
    "build_tree",
    "citizen_input",
    "make_user",
    "valid_personal_id",
]
