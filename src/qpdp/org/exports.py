"""What an exported list covers (the working unit) and how it is headed and sent, for every area's exports."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse

from qpdp.core.spreadsheets import XLSX, Letterhead, ListSheet, YearList
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.rules import place_name
from qpdp.org.scope import primary_path, visible_to


@dataclass(frozen=True)
class ExportScope:
    """What a list covers: everything under `path`, the unit the officer works in (or his own)."""

    path: str
    unit: Unit | None


def export_scope(user: Any, selected: Unit | None) -> ExportScope:
    """The selected working unit (already checked against scope), else the user's own first unit."""
    if selected is not None:
        return ExportScope(selected.path, selected)
    path = primary_path(user)
    if not path:
        return ExportScope("", None)
    unit = visible_to(user, Unit.objects.select_related("parent").filter(path=path)).first()
    return ExportScope(path, unit)


def in_scope[M: Any](queryset: QuerySet[M], scope: ExportScope) -> QuerySet[M]:
    """The rows under the scope's path (none without a scope)."""
    if not scope.path:
        return queryset.none()
    return queryset.filter(unit_path__startswith=scope.path)


def _commune_level(unit: Unit | None) -> Unit | None:
    """A village's or an agency's list is headed by its commune."""
    if unit is not None and unit.kind in (UnitKind.VILLAGE, UnitKind.AGENCY) and unit.parent is not None:
        return unit.parent
    return unit


def unit_line(unit: Unit | None) -> str:
    """ "Xã An Bình, Tỉnh Thử Nghiệm": the unit of the list and the one above it."""
    if unit is None or unit.kind == UnitKind.NATION:
        return "Toàn quốc"
    parent = unit.parent
    if parent is not None and parent.kind != UnitKind.NATION:
        return f"{unit.name}, {parent.name}"
    return unit.name


def letterhead(unit: Unit | None) -> Letterhead:
    """Who issues a list of the unit: its People's Committee and military command, dated at its place
    (the Ministry of Defence, at Hà Nội, for the nation)."""
    head = _commune_level(unit)
    if head is None or head.kind == UnitKind.NATION:
        return Letterhead("BỘ QUỐC PHÒNG", "", "Hà Nội", unit_line(unit))
    command = "BỘ CHỈ HUY QUÂN SỰ" if head.kind == UnitKind.PROVINCE else "BAN CHỈ HUY QUÂN SỰ"
    return Letterhead(f"UBND {head.name.upper()}", command, place_name(head.name), unit_line(unit))


def year_sheet(
    year_list: YearList, year: int, *, scope: ExportScope, today: dt.date, **options: Any
) -> ListSheet:
    """The list of `year` headed by the scope's unit."""
    return year_list.sheet(year, letterhead=letterhead(scope.unit), today=today, **options)


def xlsx_response(
    workbook: tempfile.SpooledTemporaryFile[bytes], stem: str, scope: ExportScope
) -> FileResponse:
    """The workbook as a download named `<stem>-<unit code>.xlsx`."""
    suffix = f"-{scope.unit.code}" if scope.unit is not None else ""
    return FileResponse(workbook, as_attachment=True, filename=f"{stem}{suffix}.xlsx", content_type=XLSX)
