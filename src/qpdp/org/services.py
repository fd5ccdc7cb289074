"""Org services: loading the administrative tree, villages, commands, users, roles and API tokens."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.text import fold, nfc
from qpdp.org import unit_loader
from qpdp.org.api_auth import token_digest
from qpdp.org.choices import CommandKind, Role, Structure, UnitKind
from qpdp.org.models import (
    ApiToken,
    Command,
    CommandJurisdiction,
    RoleAssignment,
    Unit,
    UnitSuccession,
    User,
)
from qpdp.org.rules import TWO_TIER_FROM, TWO_TIER_SOURCE
from qpdp.org.scope import forget_scope, primary_path

USERNAME_TAKEN = "Tên đăng nhập “{username}” đã có người dùng."
USERNAME_INVALID = "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ - (tối đa 150 ký tự)."
UNKNOWN_ROLE = "Vai trò “{role}” không tồn tại; chọn một trong: {roles}."
ROLE_NEEDS_UNIT = "Vai trò “{role}” cần một đơn vị phù hợp (mã đơn vị hoặc mã cơ quan quân sự)."
ROLE_UNIT_KIND = "Vai trò “{role}” phải gắn với {expected}, còn “{unit}” là {actual}."
LOCAL_UNIT_NAME_REQUIRED = "Tên đơn vị không được để trống."
VILLAGE_NEEDS_CURRENT_COMMUNE = "Chỉ thêm thôn, tổ dân phố vào xã, phường, đặc khu đang có hiệu lực."
LOCAL_UNIT_DUPLICATE = "{parent} đã có “{name}”."
AGENCY_NEEDS_CURRENT_PARENT = "Cơ quan, tổ chức phải thuộc một xã, phường hoặc tỉnh đang có hiệu lực."

# Which unit kind each role is attached to (admin: the nation).
ROLE_ATTACHMENT: dict[str, tuple[str, str]] = {
    Role.ADMIN: ("nation", "toàn quốc (mã VN)"),
    Role.PROVINCE_OFFICER: ("province", "một tỉnh, thành phố"),
    Role.PROVINCE_LEADER: ("province", "một tỉnh, thành phố"),
    Role.REGION_OFFICER: ("regional", "một Ban Chỉ huy phòng thủ khu vực"),
    Role.COMMUNE_OFFICER: ("commune", "một xã, phường, đặc khu"),
    Role.COMMUNE_LEADER: ("commune", "một xã, phường, đặc khu"),
    Role.INSPECTOR: ("any", "một đơn vị"),
}


@dataclass(frozen=True)
class LoadSummary:
    current_provinces: int
    current_communes: int
    historical_provinces: int
    historical_districts: int
    historical_communes: int
    created: int


def _path_of(row: unit_loader.UnitRow, paths: dict[str, str]) -> str:
    parent = paths.get(row.parent_code, "")
    return f"{parent}{row.code}/"


@transaction.atomic
def load_administrative_units() -> LoadSummary:
    """Load both structures, their successions and the standing military commands; idempotent.

    A set-level maintenance service: units that exist are kept as they are, new ones are created
    in bulk, parents first. Runs unscoped (command line only).
    """
    rows = unit_loader.read_units()
    existing = dict(Unit.objects.values_list("code", "path"))
    paths = dict(existing)
    new_units: list[Unit] = []
    for row in rows:
        path = _path_of(row, paths)
        paths[row.code] = path
        if row.code in existing:
            continue
        new_units.append(
            Unit(
                code=row.code,
                official_code=row.official_code,
                name=nfc(row.name),
                division_type=row.division_type,
                kind=row.kind,
                structure=row.structure,
                path=path,
                depth=path.count("/") - 1,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
                search_name=fold(row.name),
            )
        )
    Unit.objects.bulk_create(new_units, batch_size=2000)
    ids = dict(Unit.objects.values_list("code", "id"))
    parent_of = {row.code: row.parent_code for row in rows}
    to_link = list(Unit.objects.filter(parent__isnull=True).exclude(code=unit_loader.NATION_CODE))
    for unit in to_link:
        unit.parent_id = ids[parent_of[unit.code]]
    Unit.objects.bulk_update(to_link, ["parent"], batch_size=2000)

    known_pairs = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
    successions = []
    for link in unit_loader.read_successions():
        pair = (ids[link.predecessor_code], ids[link.successor_code])
        if pair in known_pairs:
            continue
        known_pairs.add(pair)
        successions.append(
            UnitSuccession(
                predecessor_id=pair[0],
                successor_id=pair[1],
                effective_on=TWO_TIER_FROM,
                partial=link.partial,
                source=unit_loader.SUCCESSION_SOURCE,
            )
        )
    UnitSuccession.objects.bulk_create(successions, batch_size=5000)
    _create_standing_commands()
    if new_units or successions:
        _refresh_planner_statistics()

    counts = {(kind, structure): n for kind, structure, n in _count_units()}
    return LoadSummary(
        current_provinces=counts.get(("province", "current"), 0),
        current_communes=counts.get(("commune", "current"), 0),
        historical_provinces=counts.get(("province", "legacy"), 0),
        historical_districts=counts.get(("district", "legacy"), 0),
        historical_communes=counts.get(("commune", "legacy"), 0),
        created=len(new_units),
    )


def _refresh_planner_statistics() -> None:
    """After a bulk load PostgreSQL still plans as if the tree were empty (autovacuum has not run, and
    cannot see an uncommitted load): a join of successions to units then becomes a nested loop over
    tens of thousands of rows on each side. ANALYZE in the same transaction counts its own rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Unit._meta.db_table}, {UnitSuccession._meta.db_table}")


def _count_units() -> list[tuple[str, str, int]]:
    from django.db.models import Count

    return [
        (r["kind"], r["structure"], r["n"])
        for r in Unit.objects.values("kind", "structure").annotate(n=Count("id"))
    ]


COMMAND_NAMES = {
    CommandKind.PROVINCIAL: "Bộ Chỉ huy quân sự {place}",
    CommandKind.DISTRICT: "Ban Chỉ huy quân sự {place}",
    CommandKind.COMMUNE: "Ban Chỉ huy quân sự {place}",
}


def _create_standing_commands() -> None:
    """Provincial commands (both eras), district commands (until 30/06/2025), commune commands."""
    existing = set(Command.objects.values_list("code", flat=True))
    plans = [
        (UnitKind.PROVINCE, Structure.CURRENT, CommandKind.PROVINCIAL),
        (UnitKind.PROVINCE, Structure.LEGACY, CommandKind.PROVINCIAL),
        (UnitKind.DISTRICT, Structure.LEGACY, CommandKind.DISTRICT),
        (UnitKind.COMMUNE, Structure.CURRENT, CommandKind.COMMUNE),
    ]
    commands: list[Command] = []
    for unit_kind, structure, command_kind in plans:
        for unit in Unit.objects.filter(kind=unit_kind, structure=structure).only(
            "id", "code", "name", "valid_from", "valid_to"
        ):
            code = f"CHQS-{unit.code}"
            if code in existing:
                continue
            commands.append(
                Command(
                    code=code,
                    name=COMMAND_NAMES[command_kind].format(place=unit.name),
                    kind=command_kind,
                    seat_id=unit.id,
                    valid_from=unit.valid_from,
                    valid_to=unit.valid_to,
                    source="QĐ 2786/QĐ-BQP ngày 14/06/2025" if command_kind == CommandKind.DISTRICT else "",
                )
            )
    Command.objects.bulk_create(commands, batch_size=2000)
    created = Command.objects.filter(code__in=[c.code for c in commands]).values_list("id", "seat_id")
    CommandJurisdiction.objects.bulk_create(
        [CommandJurisdiction(command_id=cid, unit_id=seat) for cid, seat in created], batch_size=5000
    )
    # Commune commands answer to the provincial command (directly since NQ 66.12/2026/NQ-CP; regional
    # defence commands guide them but are not a tier above them), district commands to theirs.
    provincial = dict(Command.objects.filter(kind=CommandKind.PROVINCIAL).values_list("seat_id", "id"))
    orphans = list(
        Command.objects.filter(kind__in=[CommandKind.COMMUNE, CommandKind.DISTRICT], parent__isnull=True)
        .select_related("seat")
        .only("id", "seat__parent_id")
    )
    for orphan in orphans:
        orphan.parent_id = provincial.get(orphan.seat.parent_id or 0)
    Command.objects.bulk_update(orphans, ["parent"], batch_size=2000)


@transaction.atomic
def create_regional_command(
    *, actor: Any, province: Unit, number: int, place: str, communes: list[Unit]
) -> Command:
    """A Ban Chỉ huy phòng thủ khu vực "<n> – <place>" over a set of current communes of one province."""
    bad = [
        c.name
        for c in communes
        if c.kind != UnitKind.COMMUNE
        or not c.path.startswith(province.path)
        or c.structure != Structure.CURRENT
    ]
    if bad:
        raise DomainError(
            f"Các đơn vị sau không phải xã, phường của {province.name}: {', '.join(bad)}.", field="communes"
        )
    code = f"PTKV-{province.code}-{number}"
    if Command.objects.filter(code=code).exists():
        raise DomainError(f"{province.name} đã có Ban CHPTKV số {number}.", field="number")
    parent = Command.objects.filter(code=f"CHQS-{province.code}").first()
    command = Command.objects.create(
        code=code,
        name=f"Ban Chỉ huy phòng thủ khu vực {number} – {nfc(place)}",
        kind=CommandKind.REGIONAL,
        parent=parent,
        seat=province,
        valid_from=TWO_TIER_FROM,
        source="QĐ 2786/QĐ-BQP ngày 14/06/2025",
    )
    CommandJurisdiction.objects.bulk_create([CommandJurisdiction(command=command, unit=c) for c in communes])
    audit.record(
        actor=actor,
        action="org.command.created",
        target=command,
        unit_path=province.path,
        after={"name": command.name, "communes": [c.code for c in communes]},
    )
    return command


@transaction.atomic
def add_village(*, actor: Any, parent: Unit, name: str, division_type: str = "thôn") -> Unit:
    """Add a village or residential group (thôn, tổ dân phố …) under a current commune."""
    if parent.kind != UnitKind.COMMUNE or parent.structure != Structure.CURRENT:
        raise DomainError(VILLAGE_NEEDS_CURRENT_COMMUNE, field="parent")
    return _add_local_unit(
        actor=actor,
        parent=parent,
        kind=UnitKind.VILLAGE,
        name=name,
        division_type=division_type,
        code_infix="",
    )


@transaction.atomic
def add_agency(
    *, actor: Any, parent: Unit, name: str, division_type: str = "cơ quan", address: str = ""
) -> Unit:
    """Add an agency or enterprise (cơ quan, tổ chức) that may host self-defence forces (Luật DQTV Art. 2(1)).

    It hangs under the current commune or province where it sits, so it is in the same scope.
    """
    if parent.kind not in {UnitKind.COMMUNE, UnitKind.PROVINCE} or parent.structure != Structure.CURRENT:
        raise DomainError(AGENCY_NEEDS_CURRENT_PARENT, field="parent")
    return _add_local_unit(
        actor=actor,
        parent=parent,
        kind=UnitKind.AGENCY,
        name=name,
        division_type=division_type,
        code_infix="CQ",
        address=address,
    )


def _add_local_unit(
    *, actor: Any, parent: Unit, kind: str, name: str, division_type: str, code_infix: str, address: str = ""
) -> Unit:
    clean_name = nfc(name)
    if not clean_name:
        raise DomainError(LOCAL_UNIT_NAME_REQUIRED, field="name")
    siblings = list(Unit.objects.select_for_update().filter(parent=parent, kind=kind))
    if any(fold(v.name) == fold(clean_name) for v in siblings):
        raise DomainError(LOCAL_UNIT_DUPLICATE.format(parent=parent.name, name=clean_name), field="name")
    taken = {u.code for u in siblings}
    sequence = len(siblings) + 1
    while (code := f"{parent.code}-{code_infix}{sequence:03d}") in taken or Unit.objects.filter(
        code=code
    ).exists():
        sequence += 1
    unit = Unit.objects.create(
        code=code,
        name=clean_name,
        division_type=nfc(division_type),
        kind=kind,
        structure=Structure.CURRENT,
        parent=parent,
        path=f"{parent.path}{code}/",
        depth=parent.depth + 1,
        valid_from=TWO_TIER_FROM,
        search_name=fold(clean_name),
        address=nfc(address),
    )
    audit.record(
        actor=actor,
        action="org.unit.created",
        target=unit,
        unit_path=unit.path,
        after={"code": code, "name": clean_name, "kind": kind, "division_type": unit.division_type},
    )
    return unit


def _attachment_for(role: str, unit_code: str | None) -> tuple[Unit | None, Command | None]:
    expected_kind, expected_label = ROLE_ATTACHMENT[role]
    label = Role(role).label
    code = unit_code or ("VN" if role == Role.ADMIN else "")
    if not code:
        raise DomainError(ROLE_NEEDS_UNIT.format(role=label), field="unit")
    if expected_kind == "regional":
        command = Command.objects.filter(code=code, kind=CommandKind.REGIONAL).first()
        if command is None:
            raise DomainError(
                ROLE_NEEDS_UNIT.format(role=label) + f" Không tìm thấy Ban CHPTKV “{code}”.", field="unit"
            )
        return None, command
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        command = Command.objects.filter(code=code).first()
        if command is not None and expected_kind == "any":
            return None, command
        raise DomainError(f"Không tìm thấy đơn vị có mã “{code}”.", field="unit")
    if expected_kind not in {"any", unit.kind}:
        raise DomainError(
            ROLE_UNIT_KIND.format(
                role=label, expected=expected_label, unit=unit.name, actual=unit.get_kind_display().lower()
            ),
            field="unit",
        )
    return unit, None


@transaction.atomic
def create_user(
    *,
    actor: Any,
    username: str,
    role: str,
    unit_code: str | None = None,
    password: str | None = None,
    full_name: str = "",
) -> tuple[User, str]:
    """Create a user holding one role at a unit; returns the user and the password (generated if absent)."""
    problems = []
    if role not in Role.values:
        problems.append(FieldProblem("role", UNKNOWN_ROLE.format(role=role, roles=", ".join(Role.values))))
    if (
        not username
        or len(username) > 150
        or not all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in username)
    ):
        problems.append(FieldProblem("username", USERNAME_INVALID))
    elif User.objects.filter(username=username).exists():
        problems.append(FieldProblem("username", USERNAME_TAKEN.format(username=username)))
    if problems:
        raise DomainError(problems)
    unit, command = _attachment_for(role, unit_code)
    secret = password or secrets.token_urlsafe(12)
    try:
        validate_password(secret)
    except ValidationError as weak:
        raise DomainError(" ".join(weak.messages), field="password") from weak
    user = User(
        username=username,
        full_name=nfc(full_name),
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(secret)
    user.save()
    RoleAssignment.objects.create(user=user, role=role, unit=unit, command=command)
    place = unit or command
    place_path = unit.path if unit else (command.seat.path if command else "")
    audit.record(
        actor=actor,
        action="org.user.created",
        target=user,
        unit_path=place_path,
        after={"username": username, "role": role, "place": str(place)},
    )
    forget_scope(user)
    return user, secret


@transaction.atomic
def issue_api_token(*, actor: Any, user: User, label: str = "") -> str:
    """A new API token for `user`; the token is returned once and only its digest is kept."""
    token = "qpdp_" + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(user=user, prefix=token[:12], digest=token_digest(token), label=label)
    audit.record(
        actor=actor,
        action="org.api_token.issued",
        target=api_token,
        unit_path=primary_path(user),
        after={"user": user.username, "prefix": api_token.prefix, "label": label},
    )
    return token


__all__ = [
    "TWO_TIER_SOURCE",
    "LoadSummary",
    "add_village",
    "create_regional_command",
    "create_user",
    "issue_api_token",
    "load_administrative_units",
]
