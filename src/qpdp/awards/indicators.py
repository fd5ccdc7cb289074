"""Emulation and award indicators: counted per unit with GROUP BY, registered with the core registry.

Where a figure counts is the selectors' rule (their module note): an award line at the path of the body
that gave it — a commune chairman's at the commune, the provincial command's at the province node, so a
province's total counts every award given in it once — in the period holding its decision's date; signed
decisions only, revoked lines left out. Campaigns count by the day launched (or reviewed), pledges by the
day signed, conferences by the day held, each at the unit that launched or held it.

Each award line counts once: "2 tập thể, 3 cá nhân" given giấy khen is five; a person given two forms
counts twice (the conference's summary sentence counts people instead: selectors.award_summary).

Each indicator has its own query (`compute`, and `records` behind it); the award sums share one batch
(one GROUP BY over the award lines, a filtered count per sum, the money a filtered sum) and the two
campaign sums another, so that every figure of the area costs four queries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Q, QuerySet, Sum

from qpdp.awards import rules, selectors
from qpdp.awards.models import Award, Campaign
from qpdp.core import indicators
from qpdp.core.indicators import Aggregation, Indicator
from qpdp.core.periods import Period

AREA = "awards"
RECORDS_URL = "awards:indicator-records"
TIMES = "lượt"
TOTAL_NOTE = "Mỗi hình thức tặng một tập thể, cá nhân, hộ gia đình là một lượt; tính tại cấp khen thưởng."

# The issuer levels of rules.ISSUERS, each a figure of its own ("khen thưởng cấp tỉnh").
LEVELS = (("commune", "xã"), ("district", "huyện"), ("province", "tỉnh"), ("military_region", "quân khu"))
KINDS = (
    (rules.RecipientKind.COLLECTIVE, "collectives", "Khen thưởng tập thể"),
    (rules.RecipientKind.INDIVIDUAL, "individuals", "Khen thưởng cá nhân"),
    (rules.RecipientKind.HOUSEHOLD, "households", "Khen thưởng hộ gia đình"),
)

Compute = Callable[[str, Period], Mapping[str, int]]
Records = Callable[[str, Period], QuerySet[Any]]

AWARDS = indicators.RowBatch(Award, where=selectors.COUNTED_AWARDS)
CAMPAIGNS = indicators.RowBatch(Campaign)


def _sum(
    code: str,
    label: str,
    unit: str,
    compute: Compute,
    records: Records,
    order: int,
    note: str = "",
    *,
    batch: indicators.RowBatch | None = None,
    counts_records: bool = True,
) -> Indicator:
    return Indicator(
        code=f"{AREA}.{code}",
        label=label,
        unit=unit,
        area=AREA,
        aggregation=Aggregation.SUM,
        compute=compute,
        records=records,
        records_url=RECORDS_URL,
        order=order,
        note=note,
        batch=batch,
        counts_records=counts_records,
    )


def _award_indicator(code: str, label: str, order: int, note: str = "", **narrow: Any) -> Indicator:
    """Award lines per issuing unit, narrowed by form, issuer level or recipient kind."""

    def compute(scope_path: str, period: Period) -> Mapping[str, int]:
        return selectors.award_counts(scope_path, period, **narrow)

    def records(scope_path: str, period: Period) -> QuerySet[Any]:
        return selectors.award_records(scope_path, period, **narrow)

    batch = AWARDS.add(f"{AREA}.{code}", selectors.AWARD_DAY, selectors.award_condition(**narrow))
    return _sum(code, label, TIMES, compute, records, order, note, batch=batch)


def _money_compute(scope_path: str, period: Period) -> Mapping[str, int]:
    rows = selectors.award_records(scope_path, period).order_by().values("unit_path").annotate(n=Sum("money"))
    return {row["unit_path"]: int(row["n"]) for row in rows if row["n"]}


def _money_records(scope_path: str, period: Period) -> QuerySet[Any]:
    return selectors.award_records(scope_path, period).filter(money__gt=0)


def _form_label(form: rules.AwardForm) -> str:
    """ "Giấy khen", "Danh hiệu “Lao động tiên tiến”"."""
    return form.quoted


def build() -> list[Indicator]:
    items = [
        _award_indicator(
            "total",
            "Khen thưởng (tập thể, cá nhân, hộ gia đình)",
            10,
            note=TOTAL_NOTE,
        ),
        *[
            _award_indicator(code, label, 11 + index, recipient_kind=kind.value)
            for index, (kind, code, label) in enumerate(KINDS)
        ],
        *[
            _award_indicator(f"form_{code}", _form_label(form), 20 + index, form=code)
            for index, (code, form) in enumerate(rules.FORMS.items())
        ],
        *[
            _award_indicator(
                f"issuer_{code}",
                f"Khen thưởng của cấp {level}",
                40 + index,
                note="Cấp tỉnh gồm UBND tỉnh, Bộ CHQS tỉnh và các Ban CHPTKV." if level == "tỉnh" else "",
                issuer_level=level,
            )
            for index, (code, level) in enumerate(LEVELS)
        ],
        _sum(
            "money",
            "Tiền thưởng",
            "đồng",
            _money_compute,
            _money_records,
            50,
            batch=AWARDS.add(f"{AREA}.money", selectors.AWARD_DAY, Q(money__gt=0), total="money"),
            counts_records=False,
        ),
        _sum(
            "campaigns_launched",
            "Phong trào, đợt thi đua được phát động",
            "phong trào",
            lambda scope_path, period: selectors.campaign_counts(scope_path, period),
            lambda scope_path, period: selectors.campaign_records(scope_path, period),
            60,
            batch=CAMPAIGNS.add(f"{AREA}.campaigns_launched", "launched_on"),
        ),
        _sum(
            "campaigns_reviewed",
            "Phong trào, đợt thi đua được sơ kết, tổng kết",
            "phong trào",
            lambda scope_path, period: selectors.campaign_counts(scope_path, period, reviewed=True),
            lambda scope_path, period: selectors.campaign_records(scope_path, period, reviewed=True),
            61,
            batch=CAMPAIGNS.add(f"{AREA}.campaigns_reviewed", "reviewed_on"),
        ),
        _sum(
            "pledges",
            "Giao ước thi đua được ký kết",
            "giao ước",
            selectors.pledge_counts,
            selectors.pledge_records,
            62,
        ),
        _sum(
            "conferences",
            "Hội nghị sơ kết, tổng kết",
            "hội nghị",
            lambda scope_path, period: selectors.conference_counts(scope_path, period),
            lambda scope_path, period: selectors.conference_records(scope_path, period),
            70,
        ),
    ]
    return items


def register_all() -> None:
    indicators.register(*build())
