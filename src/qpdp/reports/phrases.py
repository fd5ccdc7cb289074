"""Vietnamese phrasing of report figures: numbers "1.234", percentages "100%", dates, periods, place names.

Pure text helpers shared by the review report, the news article and the report pages. A figure that is
unknown (None) is never written as a number: the callers leave it out, or say "chưa có số liệu".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Protocol

from qpdp.core.periods import Period, parse_period
from qpdp.core.text import format_number, nfc
from qpdp.org.rules import in_sentence

NO_FIGURE = "chưa có số liệu"
DASH = "–"

# How a unit of each kind is named before its division word when it issues a report.
PEOPLES_COMMITTEE = "Ủy ban nhân dân"
PEOPLES_COMMITTEE_SHORT = "UBND"
COMMUNE_COMMAND_SHORT = "Ban CHQS"


# -- numbers -----------------------------------------------------------------------------------------


def number(value: int | Decimal | float | None, *, decimals: int | None = None) -> str:
    """ "1.234", "66,7" (a dot between thousands, a comma before decimals); "–" for an unknown figure.

    Whole numbers are written without decimals; others keep the decimals they carry (at most two)
    unless `decimals` says how many.
    """
    if value is None:
        return DASH
    if decimals is None:
        if isinstance(value, int) or Decimal(str(value)) == Decimal(str(value)).to_integral_value():
            decimals = 0
        else:
            exponent = Decimal(str(value)).normalize().as_tuple().exponent
            decimals = min(-int(exponent), 2) if isinstance(exponent, int) else 2
    return format_number(float(value) if not isinstance(value, int) else value, decimals)


def percent(value: int | Decimal | float | None) -> str:
    """ "100%", "66,7%" ("–" when unknown)."""
    return DASH if value is None else f"{number(value)}%"


def figure(value: int | Decimal | float | None, measure: str) -> str:
    """A figure with what it counts: "12 người", "66,7%"; "–" when unknown."""
    if value is None:
        return DASH
    if measure == "%":
        return percent(value)
    return f"{number(value)} {measure}".strip()


# -- dates -------------------------------------------------------------------------------------------


def short_date(day: dt.date) -> str:
    """ "02/12/2026"."""
    return f"{day:%d/%m/%Y}"


def long_date(day: dt.date) -> str:
    """ "ngày 02/12/2026"."""
    return f"ngày {short_date(day)}"


def day_month(day: dt.date) -> str:
    """ "02/12": a day of the year the sentence already names."""
    return f"{day:%d/%m}"


# -- periods -----------------------------------------------------------------------------------------


def period_of(value: Period | str) -> Period:
    return value if isinstance(value, Period) else parse_period(value)


def period_label(value: Period | str) -> str:
    """ "năm 2026", "6 tháng đầu năm 2026", "giai đoạn 2015–2020", "từ 01/01/2026 đến 31/03/2026"."""
    return period_of(value).label


def is_half_year(value: Period | str) -> bool:
    code = period_of(value).code
    return len(code) == 7 and code[4:6] == "-H"


def review_word(value: Period | str) -> str:
    """ "sơ kết" for six months (or a shorter range), "tổng kết" for a year or a phase."""
    period = period_of(value)
    if is_half_year(period):
        return "sơ kết"
    if ".." in period.code and (period.end - period.start).days < 360:
        return "sơ kết"
    return "tổng kết"


def year_phrase(year: int) -> str:
    """ "năm 2026"."""
    return f"năm {year}"


# -- places and bodies -------------------------------------------------------------------------------


def capitalised(text: str) -> str:
    """The first letter in upper case: "Xã An Bình tổng kết …"."""
    return text[:1].upper() + text[1:]


def committee_of(name: str) -> str:
    """ "UBND xã An Bình"."""
    return f"{PEOPLES_COMMITTEE_SHORT} {in_sentence(name)}"


def command_of(name: str) -> str:
    """ "Ban CHQS xã An Bình": the unit's military command, which organises its review conference."""
    return f"{COMMUNE_COMMAND_SHORT} {in_sentence(name)}"


def sentence(text: str) -> str:
    """A sentence: capitalised, ending with one full stop (or the mark it already ends with)."""
    text = " ".join(nfc(text).split()).strip()
    if not text:
        return ""
    text = capitalised(text)
    return text if text[-1] in ".!?…:" else f"{text}."


def joined(parts: list[str]) -> str:
    """ "a, b và c" — the parts of an enumeration."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} và {parts[-1]}"


# -- figures in sentences ----------------------------------------------------------------------------

# The verb phrase a sentence writes for a figure, by indicator code: "{n}" is the number, "{p}" the
# percentage. A code without a phrase is written generically ("<label> <figure>"), and only for an
# area none of whose figures has a phrase of its own.
FIGURE_PHRASES: dict[str, str] = {
    "conscription.completion": "hoàn thành {p} chỉ tiêu giao quân",
    "conscription.enlisted_army": "giao {n} công dân nhập ngũ",
    "conscription.party_members": "trong đó có {n} đảng viên",
    "conscription.enlisted_police": "giao {n} công dân thực hiện nghĩa vụ tham gia Công an nhân dân",
    "conscription.volunteers": "có {n} công dân viết đơn tình nguyện nhập ngũ",
    "conscription.first_registrations": "đăng ký nghĩa vụ quân sự lần đầu cho {n} công dân",
    "conscription.supplementary_registrations": "đăng ký nghĩa vụ quân sự bổ sung cho {n} công dân",
    "conscription.examined": "khám tuyển sức khỏe cho {n} công dân",
    "awards.campaigns_launched": "phát động {n} phong trào, đợt thi đua",
    "awards.pledges": "ký kết {n} giao ước thi đua",
    "awards.collectives": "khen thưởng {n} lượt tập thể",
    "awards.individuals": "khen thưởng {n} lượt cá nhân",
    "awards.households": "khen thưởng {n} lượt hộ gia đình",
}
# The award counts, which an article leaves to its closing sentence on the conference's awards.
AWARD_COUNTS = frozenset({"awards.collectives", "awards.individuals", "awards.households"})
# The campaign counts, which an article leaves to its sentence on a campaign launched at the conference.
CAMPAIGN_COUNTS = frozenset({"awards.campaigns_launched", "awards.pledges"})
GENERIC_PHRASES = 4  # at most this many figures of an area without phrases of its own


class FigureRow(Protocol):
    """What a sentence needs of one figure (`comparison.Comparison` has it)."""

    @property
    def code(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def measure(self) -> str: ...
    @property
    def aggregation(self) -> str: ...
    @property
    def value(self) -> Any: ...


def is_known(row: FigureRow) -> bool:
    """Whether a figure says something: a ratio with something to divide, a sum above zero."""
    if row.value is None:
        return False
    return row.aggregation == "ratio" or row.value != 0


def label_in_sentence(label: str) -> str:
    """ "Số cơ sở DQTV" → "số cơ sở DQTV" (an initialism such as "DQTV" keeps its capitals)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def figure_phrases(rows: list[FigureRow], *, leave_out: frozenset[str] = frozenset()) -> list[str]:
    """The phrases of an area's figures, in the order `FIGURE_PHRASES` lists them (its own phrases),
    else the first few known figures written as "<label> <figure>"; unknown figures are left out, and
    so are those of `leave_out` (told elsewhere)."""
    by_code = {row.code: row for row in rows}
    own = [
        template.format(n=number(by_code[code].value), p=percent(by_code[code].value))
        for code, template in FIGURE_PHRASES.items()
        if code in by_code and code not in leave_out and is_known(by_code[code])
    ]
    if own or any(row.code in FIGURE_PHRASES for row in rows):
        return own
    known = [row for row in rows if is_known(row)][:GENERIC_PHRASES]
    return [f"{label_in_sentence(row.label)} {figure(row.value, row.measure)}" for row in known]
