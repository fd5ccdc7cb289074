"""The indicator registry: each area declares its figures once; reports and dashboards read them here.

An indicator is either a sum, computed per commune by one set-based query of its area and rolled up
the tree by path prefix, or a ratio of two registered sums (ratio of sums, never an average of
ratios). Each can open the records behind it (`records`), which the caller scopes to the user.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from qpdp.core.periods import Period


class Aggregation(StrEnum):
    SUM = "sum"
    RATIO = "ratio"


# (scope path, period) -> {commune path: value}; only communes with a non-zero value need appear.
SumQuery = Callable[[str, Period], Mapping[str, int]]
# (scope path, period) -> a queryset of the records behind the figure, to be scoped by the caller.
RecordsQuery = Callable[[str, Period], Any]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str
    area: str
    aggregation: Aggregation
    compute: SumQuery | None = None
    numerator: str = ""
    denominator: str = ""
    scale: int = 100
    records: RecordsQuery | None = None
    records_url: str = ""  # the URL name of the page listing the records, given ?unit=&period=&indicator=
    order: int = 100
    note: str = ""

    def __post_init__(self) -> None:
        if self.aggregation is Aggregation.SUM and self.compute is None:
            raise ValueError(f"{self.code}: a sum needs its compute function")
        if self.aggregation is Aggregation.RATIO and not (self.numerator and self.denominator):
            raise ValueError(f"{self.code}: a ratio names its numerator and denominator")


_registry: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    for indicator in indicators:
        _registry[indicator.code] = indicator


def catalogue(area: str | None = None) -> list[Indicator]:
    chosen = (i for i in _registry.values() if area is None or i.area == area)
    return sorted(chosen, key=lambda i: (i.area, i.order, i.code))


def get(code: str) -> Indicator | None:
    return _registry.get(code)


def ratio(numerator: int | Decimal, denominator: int | Decimal, scale: int = 100) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(scale) * Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.1"))


def rollup(per_commune: Mapping[str, int], nodes: Iterable[str]) -> dict[str, int]:
    """The sum under each node path (a commune's path is its own node); one pass over the communes."""
    wanted = set(nodes)
    totals: dict[str, int] = defaultdict(int)
    for path, value in per_commune.items():
        # Every prefix of "VN/01/00004/" that ends at a slash is an ancestor (or the commune itself).
        end = path.find("/")
        while end != -1:
            prefix = path[: end + 1]
            if prefix in wanted:
                totals[prefix] += value
            end = path.find("/", end + 1)
    return {node: totals.get(node, 0) for node in wanted}


def compute_sums(codes: Iterable[str], scope_path: str, period: Period) -> dict[str, Mapping[str, int]]:
    """Per-commune values of the sums these codes need (ratios pull their two sums in)."""
    result: dict[str, Mapping[str, int]] = {}
    for code in _sum_codes(codes):
        compute = _registry[code].compute
        assert compute is not None
        result[code] = compute(scope_path, period)
    return result


def values_for(
    codes: Iterable[str], scope_path: str, period: Period, nodes: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """{code: {node path: value}} for every node, sums rolled up, ratios as ratios of the rolled-up sums."""
    codes = list(codes)
    node_list = list(nodes)
    sums = compute_sums(codes, scope_path, period)
    rolled = {code: rollup(values, node_list) for code, values in sums.items()}
    out: dict[str, dict[str, Any]] = {}
    for code in codes:
        indicator = _registry[code]
        if indicator.aggregation is Aggregation.SUM:
            out[code] = rolled[code]
        else:
            top, bottom = rolled[indicator.numerator], rolled[indicator.denominator]
            out[code] = {node: ratio(top[node], bottom[node], indicator.scale) for node in node_list}
    return out


def values_over(codes: Iterable[str], prefixes: Iterable[str], period: Period) -> dict[str, Any]:
    """Each indicator's value over a scope made of several subtrees (a regional command's communes):
    sums added up over the parts, ratios as the ratio of those sums."""
    wanted = [code for code in codes if code in _registry]
    prefix_list = list(prefixes)
    sums: dict[str, int] = defaultdict(int)
    for prefix in prefix_list:
        values = values_for(_sum_codes(wanted), prefix, period, [prefix])
        for code, per_node in values.items():
            sums[code] += int(per_node[prefix] or 0)
    result: dict[str, Any] = {}
    for code in wanted:
        indicator = _registry[code]
        if indicator.aggregation is Aggregation.RATIO:
            result[code] = ratio(sums[indicator.numerator], sums[indicator.denominator], indicator.scale)
        else:
            result[code] = sums[code]
    return result


def _sum_codes(codes: Iterable[str]) -> list[str]:
    needed: list[str] = []
    for code in codes:
        indicator = _registry[code]
        parts = (
            [indicator.numerator, indicator.denominator]
            if indicator.aggregation is Aggregation.RATIO
            else [code]
        )
        needed.extend(p for p in parts if p not in needed)
    return needed
