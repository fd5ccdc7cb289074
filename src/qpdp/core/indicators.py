"""The indicator registry: each area declares its figures once; reports and dashboards read them here.

An indicator is either a sum, computed per commune by one set-based query of its area and rolled up
the tree by path prefix, or a ratio of two registered sums (ratio of sums, never an average of
ratios). Each can open the records behind it (`records`), which the caller scopes to the user.

Sums over the same records may share a `batch` (`RowBatch`): one query computing several of them (one
GROUP BY with a filtered count per sum), so that every figure of an area costs one pass over its
table. `values_for` computes the sums once for the whole scope — each batch once, each other sum
once — and rolls them up to all the nodes asked for in Python: the nation, its 34 provinces and
3,321 communes cost as many queries as one commune (bench/national_rollup.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count, Q, Sum

from qpdp.core.periods import Period


class Aggregation(StrEnum):
    SUM = "sum"
    RATIO = "ratio"


# (scope path, period) -> {commune path: value}; only communes with a non-zero value need appear.
SumQuery = Callable[[str, Period], Mapping[str, int]]
# (scope path, period) -> a queryset of the records behind the figure, to be scoped by the caller.
RecordsQuery = Callable[[str, Period], Any]
# (codes, scope path, period) -> {code: {commune path: value}}: several sums in one query; each code's
# values are those its own `compute` gives (communes with zero may be left out).
BatchQuery = Callable[[Sequence[str], str, Period], Mapping[str, Mapping[str, int]]]


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
    batch: BatchQuery | None = None  # computes this sum together with the other sums sharing it
    # The sum is the number of rows `records` lists (not a sum of a field), so the count of records
    # behind a figure is the figure itself and need not be queried again.
    counts_records: bool = False

    def __post_init__(self) -> None:
        if self.aggregation is Aggregation.SUM and self.compute is None:
            raise ValueError(f"{self.code}: a sum needs its compute function")
        if self.aggregation is Aggregation.RATIO and not (self.numerator and self.denominator):
            raise ValueError(f"{self.code}: a ratio names its numerator and denominator")
        if self.counts_records and (self.aggregation is not Aggregation.SUM or self.records is None):
            raise ValueError(f"{self.code}: only a sum listing its records counts them")


_registry: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    for indicator in indicators:
        _registry[indicator.code] = indicator


class RowBatch:
    """A batch for sums over one model's rows: several per-commune counts (or sums of a field) in one
    query — the rows dated in the period by any member's date, grouped by path, each member with its
    own FILTER (its date in the period, unless all share one date, and its condition). Each member
    gives what a GROUP BY of its own rows would: `add` it with the same date and condition as its
    `compute`.

        REGISTRATIONS = indicators.RowBatch(Registration)
        Indicator(code, …, compute=…, batch=REGISTRATIONS.add(code, "registered_on", Q(kind="first")))

    `where` narrows every member's rows (signed decisions only, say) in the WHERE clause.
    """

    def __init__(
        self, model: type[models.Model], *, path_field: str = "unit_path", where: Q | None = None
    ) -> None:
        self.model = model
        self.path_field = path_field
        self.where = where or Q()
        self.members: dict[str, tuple[str, Q, str]] = {}

    def add(self, code: str, date_field: str, condition: Q | None = None, *, total: str = "") -> RowBatch:
        """Count the rows matching `condition` dated in the period by `date_field` (or sum `total`)."""
        self.members[code] = (date_field, condition or Q(), total)
        return self

    def __call__(self, codes: Sequence[str], scope_path: str, period: Period) -> dict[str, dict[str, int]]:
        chosen = [(code, *self.members[code]) for code in codes]
        dated = {
            field: Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})
            for field in sorted({field for _, field, _, _ in chosen})
        }
        # With one date for all members, the period is in the WHERE clause alone: each row tested once.
        shared = len(dated) == 1
        aggregates = {
            f"n{i}": _aggregate(condition if shared else dated[field] & condition, total)
            for i, (_, field, condition, total) in enumerate(chosen)
        }
        rows = (
            self.model._default_manager.filter(self.where, **{f"{self.path_field}__startswith": scope_path})
            .filter(reduce(or_, dated.values()))
            .order_by()
            .values(self.path_field)
            .annotate(**aggregates)
        )
        out: dict[str, dict[str, int]] = {code: {} for code in codes}
        for row in rows:
            for i, (code, _, _, _) in enumerate(chosen):
                if row[f"n{i}"]:
                    out[code][row[self.path_field]] = int(row[f"n{i}"])
        return out


def _aggregate(condition: Q, total: str) -> Count | Sum:
    if total:
        return Sum(total, filter=condition) if condition else Sum(total)
    return Count("pk", filter=condition) if condition else Count("pk")


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
    return _rollup(per_commune, wanted, _Ancestors(wanted))


class _Ancestors(dict[str, tuple[str, ...]]):
    """The wanted nodes at or above a path, worked out once per path and kept for the next sum."""

    def __init__(self, wanted: set[str]) -> None:
        super().__init__()
        self.wanted = wanted

    def __missing__(self, path: str) -> tuple[str, ...]:
        # Every prefix of "VN/01/00004/" that ends at a slash is an ancestor (or the commune itself).
        found = []
        end = path.find("/")
        while end != -1:
            prefix = path[: end + 1]
            if prefix in self.wanted:
                found.append(prefix)
            end = path.find("/", end + 1)
        self[path] = above = tuple(found)
        return above


def _rollup(per_commune: Mapping[str, int], wanted: set[str], ancestors: _Ancestors) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for path, value in per_commune.items():
        for node in ancestors[path]:
            totals[node] += value
    return {node: totals.get(node, 0) for node in wanted}


def compute_sums(codes: Iterable[str], scope_path: str, period: Period) -> dict[str, Mapping[str, int]]:
    """Per-commune values of the sums these codes need (ratios pull their two sums in).

    Sums sharing a batch are computed by one call of it; the others by their own `compute`.
    """
    needed = _sum_codes(codes)
    result: dict[str, Mapping[str, int]] = {}
    batches: dict[int, tuple[BatchQuery, list[str]]] = {}
    with _without_jit():
        for code in needed:
            indicator = _registry[code]
            if indicator.batch is not None:
                batches.setdefault(id(indicator.batch), (indicator.batch, []))[1].append(code)
                continue
            assert indicator.compute is not None
            result[code] = indicator.compute(scope_path, period)
        for batch, members in batches.values():
            computed = batch(members, scope_path, period)
            for code in members:
                result[code] = computed.get(code, {})
    return {code: result[code] for code in needed}


@contextmanager
def _without_jit() -> Iterator[None]:
    """On PostgreSQL, the sums run with `jit = off`.

    Over a nation their estimated cost passes `jit_above_cost`, and PostgreSQL would first compile
    the filtered counts to machine code, again in each parallel worker: at 3,000,000 citizens every
    figure of the nation took 2.0 s compiled, 3.5 s with inlining and optimisation as well, 1.4–1.9 s
    without (bench/national_rollup.py). The setting is SET LOCAL (`set_config(…, true)`): outside a
    transaction it ends with ours; inside the caller's, the previous value is put back afterwards
    (an aborted transaction is undone by its own rollback).
    """
    if connection.vendor != "postgresql":
        yield
        return
    inside = connection.in_atomic_block
    with ExitStack() as stack:
        if not inside:
            stack.enter_context(transaction.atomic())
        with connection.cursor() as cursor:
            # The old value is read (in the CTE) before the new one is set (in the select list).
            cursor.execute(
                "WITH old AS MATERIALIZED (SELECT current_setting('jit') AS jit)"
                " SELECT old.jit, set_config('jit', 'off', true) FROM old"
            )
            previous = cursor.fetchone()[0]
        try:
            yield
        finally:
            if inside and _transaction_usable():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('jit', %s, true)", [previous])


def _transaction_usable() -> bool:
    from psycopg.pq import TransactionStatus

    return bool(connection.connection.info.transaction_status == TransactionStatus.INTRANS)


def values_for(
    codes: Iterable[str], scope_path: str, period: Period, nodes: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """{code: {node path: value}} for every node, sums rolled up, ratios as ratios of the rolled-up sums."""
    codes = list(codes)
    node_list = list(nodes)
    sums = compute_sums(codes, scope_path, period)
    wanted = set(node_list)
    ancestors = _Ancestors(wanted)
    rolled = {code: _rollup(values, wanted, ancestors) for code, values in sums.items()}
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
