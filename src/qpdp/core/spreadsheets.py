"""Excel lists in openpyxl's streaming mode: the official heading block, the header row, rows, the file.

An area's export says what a list holds (its columns and rows) and who issues it (a `Letterhead` of
plain text, worked out from the unit by the area); the layout every list shares lives here: the issuing
body beside the national title and motto, the place and date, the title and the unit, the header row
frozen and repeated on each printed page, dates shown dd/mm/yyyy and money grouped by thousands. Rows
are written as they come, so memory stays constant whatever the length of the list.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from qpdp.core.documents import MOTTO, NATIONAL_TITLE, vietnamese_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"
# Issuer and national title (3 rows), a blank, the title, the unit, a blank: the header is row 8.
HEADER_LINE = 8
# A file up to this size stays in memory; a larger one spills to a temporary file.
_IN_MEMORY = 20 * 1024 * 1024

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E7ECEF")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_GROUP = Alignment(horizontal="left", wrap_text=True)


@dataclass(frozen=True)
class Letterhead:
    """Who issues a list and for which unit, as printed above it."""

    issuer: str  # "UBND XÃ AN BÌNH", the body's first line
    command: str  # "BAN CHỈ HUY QUÂN SỰ", its second line (underlined), or ""
    place: str  # "An Bình", written before the date
    unit_line: str  # "Xã An Bình, Tỉnh Thử Nghiệm", under the title


def workbook_file(workbook: Workbook) -> tempfile.SpooledTemporaryFile[bytes]:
    """The saved workbook, rewound for the response."""
    out = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115 (handed to the response)
    workbook.save(out)
    out.seek(0)
    return out


class ListSheet:
    """One list in a streaming workbook: the heading block, the header row, then rows as they come."""

    def __init__(
        self,
        *,
        sheet_name: str,
        title: str,
        columns: Sequence[tuple[str, int]],
        letterhead: Letterhead,
        today: dt.date,
        wrap: Iterable[int] = (),
        money: Iterable[int] = (),
        grid_lines: bool = False,  # print the cells' grid
    ) -> None:
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(sheet_name[:31])
        self.width = len(columns)
        self.wrap, self.money = frozenset(wrap), frozenset(money)
        self.line = 0
        sheet = self.sheet
        for index, (_, width) in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = "9"  # A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        if grid_lines:
            sheet.print_options.gridLines = True
        # The sheet view is written with the first row, so the pane is frozen before any row exists.
        sheet.freeze_panes = f"A{HEADER_LINE + 1}"
        sheet.print_title_rows = f"{HEADER_LINE}:{HEADER_LINE}"
        left_end = min(3, self.width)
        right_start = max(left_end + 1, self.width - max(4, self.width // 2) + 1)
        command = letterhead.command
        bold = Font(bold=True)
        self._split((letterhead.issuer, bold), (NATIONAL_TITLE, bold), left_end, right_start)
        self._split(
            (command, Font(bold=True, underline="single" if command else None)),
            (MOTTO, Font(bold=True, underline="single")),
            left_end,
            right_start,
        )
        dated = vietnamese_date(letterhead.place, today)
        self._split(("", bold), (dated, Font(italic=True)), left_end, right_start)
        self._append([])
        self._merged(title.upper(), Font(bold=True, size=14))
        self._merged(letterhead.unit_line, Font(bold=True, italic=True))
        self._append([])
        header = []
        for name, _ in columns:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font, cell.alignment, cell.border, cell.fill = bold, _CENTER, _BOX, _HEADER_FILL
            header.append(cell)
        self._append(header)

    def _append(self, cells: list[Any]) -> None:
        self.sheet.append(cells)
        self.line += 1

    def _cell(self, value: Any, font: Font, alignment: Alignment = _CENTER) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.font, cell.alignment = font, alignment
        return cell

    def _merged(self, text: str, font: Font, alignment: Alignment = _CENTER) -> None:
        self._append([self._cell(text, font, alignment)])
        self.sheet.merged_cells.add(f"A{self.line}:{get_column_letter(self.width)}{self.line}")

    def _split(
        self, left: tuple[str, Font], right: tuple[str, Font], left_end: int, right_start: int
    ) -> None:
        cells: list[Any] = [self._cell(left[0], left[1])]
        cells += [None] * (right_start - 2)
        cells.append(self._cell(right[0], right[1]))
        self._append(cells)
        if left_end > 1:
            self.sheet.merged_cells.add(f"A{self.line}:{get_column_letter(left_end)}{self.line}")
        if right_start < self.width:
            start, end = get_column_letter(right_start), get_column_letter(self.width)
            self.sheet.merged_cells.add(f"{start}{self.line}:{end}{self.line}")

    def row(self, values: Sequence[Any]) -> None:
        """One record: dates shown dd/mm/yyyy, money grouped by thousands, long text wrapped."""
        cells: list[Any] = []
        for index, value in enumerate(values):
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(self.sheet, value=value)
                cell.number_format = DATE_FORMAT
            elif index in self.money and isinstance(value, int):
                cell = WriteOnlyCell(self.sheet, value=value)
                cell.number_format = MONEY_FORMAT
            elif index in self.wrap and value:
                cell = WriteOnlyCell(self.sheet, value=value)
                cell.alignment = _WRAP
            else:
                cells.append(value)
                continue
            cells.append(cell)
        self._append(cells)

    def group(self, text: str) -> None:
        """A bold row across the list opening a group (a decision, a legal ground)."""
        self._merged(text, Font(bold=True), _GROUP)

    def finish(self) -> tempfile.SpooledTemporaryFile[bytes]:
        """The workbook, rewound for the response."""
        return workbook_file(self.workbook)


@dataclass(frozen=True)
class YearList:
    """One of the year's lists: the sheet "<name> <year>" under the title "<title> năm <year>"."""

    name: str
    title: str
    columns: Sequence[tuple[str, int]]
    wrap: tuple[int, ...] = ()  # the columns whose long text wraps
    money: tuple[int, ...] = ()  # the columns holding sums of money

    def sheet(
        self, year: int, *, letterhead: Letterhead, today: dt.date, grid_lines: bool = False
    ) -> ListSheet:
        return ListSheet(
            sheet_name=f"{self.name} {year}",
            title=f"{self.title} năm {year}",
            columns=self.columns,
            letterhead=letterhead,
            today=today,
            wrap=self.wrap,
            money=self.money,
            grid_lines=grid_lines,
        )
