"""Factories for org: units, small province → commune trees in both eras with successions, users."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import factory

from qpdp.core.text import fold
from qpdp.org.choices import CommandKind
from qpdp.org.models import Command, CommandJurisdiction, RoleAssignment, Unit, UnitSuccession, User
from qpdp.org.rules import TWO_TIER_FROM

LEGACY_END = TWO_TIER_FROM - dt.timedelta(days=1)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = "commune"
    structure = "current"
    division_type = "xã"
    parent = None
    path = factory.LazyAttribute(lambda o: f"{o.parent.path if o.parent else 'VN/'}{o.code}/")
    depth = factory.LazyAttribute(lambda o: o.path.count("/") - 1)
    valid_from = factory.LazyAttribute(lambda o: TWO_TIER_FROM if o.structure == "current" else None)
    valid_to = factory.LazyAttribute(lambda o: LEGACY_END if o.structure == "legacy" else None)
    search_name = factory.LazyAttribute(lambda o: fold(o.name))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Cán Bộ {n}")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-2026")

    @factory.post_generation
    def saved(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            obj.save()


class CommandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Command

    code = factory.Sequence(lambda n: f"CMD-{n}")
    name = factory.Sequence(lambda n: f"Ban Chỉ huy phòng thủ khu vực {n}")
    kind = CommandKind.REGIONAL
    seat = factory.SubFactory(UnitFactory, kind="province")


def make_user(
    role: str, *, unit: Unit | None = None, command: Command | None = None, username: str | None = None
) -> User:
    user = UserFactory(**({"username": username} if username else {}))
    RoleAssignment.objects.create(user=user, role=role, unit=unit, command=command)
    return user


@dataclass
class Tree:
    """A small real-looking tree: one nation, a province with three communes (two formed by a merger)."""

    nation: Unit
    province: Unit
    commune_a: Unit
    commune_b: Unit
    commune_c: Unit
    village_a1: Unit
    village_b1: Unit
    other_province: Unit
    other_commune: Unit
    legacy_province: Unit
    legacy_district: Unit
    legacy_commune_a1: Unit
    legacy_commune_a2: Unit
    legacy_commune_b: Unit
    region: Command


def build_tree() -> Tree:
    """Province 90 with communes A, B, C (A formed from two old communes on 01/07/2025), province 91."""
    nation = Unit.objects.filter(code="VN").first() or UnitFactory(
        code="VN", name="Việt Nam", kind="nation", structure="both", path="VN/", valid_from=None
    )
    province = UnitFactory(
        code="90", name="Tỉnh Thử Nghiệm", kind="province", division_type="tỉnh", parent=nation
    )
    commune_a = UnitFactory(code="90001", name="Xã An Bình", parent=province)
    commune_b = UnitFactory(code="90002", name="Phường Đông Hòa", division_type="phường", parent=province)
    commune_c = UnitFactory(code="90003", name="Xã Yên Lạc", parent=province)
    village_a1 = UnitFactory(
        code="90001-001", name="Thôn 1", kind="village", division_type="thôn", parent=commune_a
    )
    village_b1 = UnitFactory(
        code="90002-001", name="Tổ dân phố 1", kind="village", division_type="tổ dân phố", parent=commune_b
    )
    other_province = UnitFactory(
        code="91", name="Tỉnh Bên Cạnh", kind="province", division_type="tỉnh", parent=nation
    )
    other_commune = UnitFactory(code="91001", name="Xã Bên Cạnh", parent=other_province)
    legacy_province = UnitFactory(
        code="L90", name="Tỉnh Thử Nghiệm", kind="province", structure="legacy", parent=nation
    )
    legacy_district = UnitFactory(
        code="L900",
        name="Huyện Cũ",
        kind="district",
        structure="legacy",
        division_type="huyện",
        parent=legacy_province,
    )
    legacy_a1 = UnitFactory(code="L90101", name="Xã An", structure="legacy", parent=legacy_district)
    legacy_a2 = UnitFactory(code="L90102", name="Xã Bình", structure="legacy", parent=legacy_district)
    legacy_b = UnitFactory(
        code="L90103",
        name="Thị trấn Đông Hòa",
        structure="legacy",
        division_type="thị trấn",
        parent=legacy_district,
    )
    for old, new in [
        (legacy_province, province),
        (legacy_a1, commune_a),
        (legacy_a2, commune_a),
        (legacy_b, commune_b),
    ]:
        UnitSuccession.objects.create(predecessor=old, successor=new, effective_on=TWO_TIER_FROM)
    region = Command.objects.create(
        code="PTKV-90-1",
        name="Ban Chỉ huy phòng thủ khu vực 1 – An Bình",
        kind=CommandKind.REGIONAL,
        seat=province,
        valid_from=TWO_TIER_FROM,
    )
    CommandJurisdiction.objects.bulk_create(
        [CommandJurisdiction(command=region, unit=u) for u in (commune_a, commune_b)]
    )
    return Tree(
        nation,
        province,
        commune_a,
        commune_b,
        commune_c,
        village_a1,
        village_b1,
        other_province,
        other_commune,
        legacy_province,
        legacy_district,
        legacy_a1,
        legacy_a2,
        legacy_b,
        region,
    )
