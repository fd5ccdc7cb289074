"""Rules of period reports (pure): figures as text, comparisons, the next period, the report workflow.

No Django here: the services and selectors ask these functions and write or show what they answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from qpdp.core.periods import Period, parse_period
from qpdp.org.rules import TWO_TIER_FROM

# -- figures ------------------------------------------------------------------------------------------

Number = int | Decimal


def figure_text(value: Any) -> str | None:
    """A figure as stored in a snapshot: "12", "66.7", or None (a ratio with nothing to divide by)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a figure is a number, not a truth value")
    if isinstance(value, int):
        return str(value)
    return str(Decimal(value))


def figure_value(text: str | None) -> Number | None:
    """The number a snapshot's text stands for: whole numbers as int, the rest as Decimal."""
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(f"not a figure: {text!r}") from error
    if "." not in text and "e" not in text.lower():
        return int(number)
    return number


def delta(value: Number | None, previous: Number | None) -> Number | None:
    """The change since the previous period; unknown when either side is unknown."""
    if value is None or previous is None:
        return None
    return value - previous


def completion(value: Number | None, target: Number | None) -> Decimal | None:
    """Percent of the target reached (value ÷ target × 100, one decimal); none without a target."""
    if value is None or target is None or not target:
        return None
    return (Decimal(100) * Decimal(value) / Decimal(target)).quantize(Decimal("0.1"))


# -- periods across the 2025 reorganisation -----------------------------------------------------------


def folds_predecessors(period: Period) -> bool:
    """Whether a figure of a unit of the current structure over `period` must count the records of the
    units it succeeded: the period starts before the two-tier structure came into force (01/07/2025,
    Luật Tổ chức chính quyền địa phương 72/2025/QH15; Nghị quyết 202/2025/QH15)."""
    return period.start < TWO_TIER_FROM


def next_period(period: Period) -> Period:
    """The period of the same kind just after: the next year, the next half, the next phase."""
    code = period.code
    if len(code) == 4 and code.isdigit():
        return parse_period(str(int(code) + 1))
    if code[4:6] == "-H" and len(code) == 7:
        year, half = int(code[:4]), code[-1]
        return parse_period(f"{year}-H2" if half == "1" else f"{year + 1}-H1")
    if len(code) == 9 and code[4] == "-" and code.replace("-", "").isdigit():
        span = period.end.year - period.start.year
        return parse_period(f"{period.end.year + 1}-{period.end.year + 1 + span}")
    days = (period.end - period.start).days
    start = period.end + dt.timedelta(days=1)
    end = start + dt.timedelta(days=days)
    return parse_period(f"{start.isoformat()}..{end.isoformat()}")


# -- the written sections ---------------------------------------------------------------------------

# A prefilled text starts with this mark: it tells the writer what goes there and is refused on
# submission, so that no report leaves the draft with a placeholder (or an invented figure) in it.
PLACEHOLDER_MARK = "[Cần viết:"


def placeholder(what: str) -> str:
    return f"{PLACEHOLDER_MARK} {what}]"


def is_placeholder(text: str) -> bool:
    return text.strip().startswith(PLACEHOLDER_MARK)


# -- the workflow -------------------------------------------------------------------------------------

DRAFT, REVIEW, APPROVED, PUBLISHED = "draft", "review", "approved", "published"
ARTICLE = "article"
EDIT, SUBMIT, RETURN, APPROVE = "edit", "submit", "return", "approve"
WORKFLOW_GROUND = "Quy trình báo cáo: dự thảo → trình duyệt → người ký phê duyệt; bản đã duyệt không sửa"

EDIT_IN_REVIEW = "Báo cáo đang chờ duyệt nên không sửa được; người duyệt trả lại dự thảo thì mới sửa tiếp."
ALREADY_IN_REVIEW = "Báo cáo đã được trình duyệt, đang chờ người ký phê duyệt."
RETURN_NOT_IN_REVIEW = "Chỉ trả lại được báo cáo đang chờ duyệt."
APPROVE_NOT_SUBMITTED = "Báo cáo còn là dự thảo: trình duyệt trước rồi người ký mới phê duyệt được."
REPORT_LOCKED = (
    "Báo cáo đã được phê duyệt ngày {day:%d/%m/%Y} nên không thay đổi được nữa; cần sửa thì lập báo cáo mới."
)
ARTICLE_LOCKED = "Bài viết đã đăng ngày {day:%d/%m/%Y} nên không thay đổi được nữa."


@dataclass(frozen=True)
class Step:
    """What an action does to a report in a status: its new status, or why it is refused."""

    allowed: bool
    status: str
    message: str = ""
    ground: str = WORKFLOW_GROUND


def workflow_step(*, kind: str, status: str, action: str, approved_on: dt.date | None = None) -> Step:
    """Draft → review → approved (a news article: published); the approved version never changes.

    Editing happens in the draft only; the reviewer returns a report in review to the draft; the
    signer approves a report in review. Every action on an approved (published) report is refused.
    """
    if status in (APPROVED, PUBLISHED):
        day = approved_on or dt.date.min
        message = (ARTICLE_LOCKED if status == PUBLISHED else REPORT_LOCKED).format(day=day)
        return Step(False, status, message)
    if status == DRAFT:
        if action in (EDIT, SUBMIT):
            return Step(True, DRAFT if action == EDIT else REVIEW)
        if action == RETURN:
            return Step(False, status, RETURN_NOT_IN_REVIEW)
        return Step(False, status, APPROVE_NOT_SUBMITTED)
    if action == EDIT:
        return Step(False, status, EDIT_IN_REVIEW)
    if action == SUBMIT:
        return Step(False, status, ALREADY_IN_REVIEW)
    if action == RETURN:
        return Step(True, DRAFT)
    return Step(True, PUBLISHED if kind == ARTICLE else APPROVED)
