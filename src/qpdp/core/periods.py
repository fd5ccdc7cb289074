"""Reporting periods: a year, a half-year, a multi-year phase or any date range, parsed from one notation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_PHASE = re.compile(r"^(\d{4})-(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    """A closed range of dates with the code it was written as (`2026`, `2026-H1`, `2015-2020`, `a..b`)."""

    start: dt.date
    end: dt.date
    code: str

    @property
    def label(self) -> str:
        if _YEAR.match(self.code):
            return f"năm {self.code}"
        if half := _HALF.match(self.code):
            return f"6 tháng {'đầu' if half.group(2) == '1' else 'cuối'} năm {half.group(1)}"
        if _PHASE.match(self.code):
            return f"giai đoạn {self.start.year}–{self.end.year}"
        return f"từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)

    def previous(self) -> Period:
        """The period of the same length just before (the year before, the half before, the phase before)."""
        if _YEAR.match(self.code):
            return parse_period(str(self.start.year - 1))
        if half := _HALF.match(self.code):
            year, number = int(half.group(1)), int(half.group(2))
            return parse_period(f"{year - 1}-H2" if number == 1 else f"{year}-H1")
        if _PHASE.match(self.code):
            span = self.end.year - self.start.year
            return parse_period(f"{self.start.year - span - 1}-{self.start.year - 1}")
        days = (self.end - self.start).days
        end = self.start - dt.timedelta(days=1)
        start = end - dt.timedelta(days=days)
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


class PeriodError(ValueError):
    pass


def parse_period(code: str) -> Period:
    """`2026` (year), `2026-H1` / `2026-H2` (six months), `2015-2020` (phase), `2026-01-01..2026-03-31`."""
    text = code.strip()
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
    if match := _HALF.match(text):
        year = int(match.group(1))
        if match.group(2) == "1":
            return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), text)
        return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), text)
    if match := _PHASE.match(text):
        first, last = int(match.group(1)), int(match.group(2))
        if last < first:
            raise PeriodError(f"Giai đoạn “{code}”: năm cuối phải sau năm đầu.")
        return Period(dt.date(first, 1, 1), dt.date(last, 12, 31), text)
    if match := _RANGE.match(text):
        try:
            start, end = dt.date.fromisoformat(match.group(1)), dt.date.fromisoformat(match.group(2))
        except ValueError as error:
            raise PeriodError(f"Kỳ “{code}”: ngày không hợp lệ.") from error
        if end < start:
            raise PeriodError(f"Kỳ “{code}”: ngày kết thúc phải sau ngày bắt đầu.")
        return Period(start, end, text)
    raise PeriodError(
        f"Không hiểu kỳ báo cáo “{code}”: dùng 2026 (năm), 2026-H1 (6 tháng), 2015-2020 (giai đoạn) "
        "hoặc 2026-01-01..2026-03-31."
    )
