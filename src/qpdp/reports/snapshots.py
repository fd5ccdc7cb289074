"""What a snapshot holds (a unit's figures, its subordinates', provenance, previous period), from figures.

Pure: `fill` sets the fields of a `Snapshot` from `Figures` computed for the unit itself or for an
ancestor with the unit among its nodes (a batch computes a whole province once and fills the snapshot
of each of its communes from it); `services.freeze_snapshot` and `services.freeze_snapshots` save
and audit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

from qpdp.core import indicators
from qpdp.core.indicators import Aggregation
from qpdp.core.periods import Period
from qpdp.org.models import Unit
from qpdp.reports import rules
from qpdp.reports.figures import Figures, Fold
from qpdp.reports.models import Snapshot


def registry_version(codes: Sequence[str]) -> str:
    """A short fingerprint of the registry's definitions of `codes`: a report shows which it used."""
    described = [
        (c, str(i.aggregation), i.numerator, i.denominator, i.scale)
        for c in codes
        if (i := indicators.get(c)) is not None
    ]
    return hashlib.sha256(json.dumps(described).encode()).hexdigest()[:12]


def areas_of(
    codes: Sequence[str], values: Mapping[str, Any], records: Mapping[str, int | None]
) -> dict[str, Any]:
    """For each area: its codes and whether any record stands behind its figures in the period."""
    areas: dict[str, dict[str, Any]] = {}
    for code in codes:
        indicator = indicators.get(code)
        assert indicator is not None
        area = areas.setdefault(indicator.area, {"codes": [], "has_records": False})
        area["codes"].append(code)
        if indicator.aggregation is Aggregation.SUM:
            behind = records.get(code)
            if (behind if behind is not None else values.get(code)) or 0:
                area["has_records"] = True
    return areas


def provenance_of(codes: Sequence[str], records: Mapping[str, int | None], at: str) -> dict[str, Any]:
    """Per code: the records behind the figure, when computed, and what the registry says it is."""
    out: dict[str, Any] = {}
    for code in codes:
        indicator = indicators.get(code)
        assert indicator is not None
        entry: dict[str, Any] = {
            "records": records.get(code),
            "computed_at": at,
            "label": indicator.label,
            "unit": indicator.unit,
            "area": indicator.area,
            "aggregation": str(indicator.aggregation),
        }
        if indicator.aggregation is Aggregation.RATIO:
            entry["from"] = [indicator.numerator, indicator.denominator]
        if indicator.records_url:
            entry["records_url"] = indicator.records_url
        out[code] = entry
    return out


def texts(values: Mapping[str, Any]) -> dict[str, str | None]:
    return {code: rules.figure_text(value) for code, value in values.items()}


def folds_list(folds: Sequence[Fold]) -> list[dict[str, Any]]:
    return [{"predecessor": f.predecessor, "successor": f.successor, "partial": f.partial} for f in folds]


def fill(
    snapshot: Snapshot,
    *,
    unit: Unit,
    period: Period,
    codes: Sequence[str],
    current: Figures,
    previous: Figures,
    below: Sequence[Unit],
    targets: Mapping[str, Any],
    at: dt.datetime,
    actor: Any,
) -> Snapshot:
    """Set every computed field of `snapshot` for `unit` (a node of both figures, as are `below`)."""
    values = current.of(unit.path)
    records = current.records_of(unit.path)
    snapshot.unit, snapshot.unit_path, snapshot.period_code = unit, unit.path, period.code
    snapshot.period_start, snapshot.period_end = period.start, period.end
    snapshot.period_closed = period.end < timezone.localdate(at)
    snapshot.computed_at, snapshot.computed_by = at, actor if getattr(actor, "pk", None) else None
    snapshot.codes, snapshot.registry_version = list(codes), registry_version(codes)
    snapshot.values = texts(values)
    snapshot.subordinates = {u.code: texts(current.of(u.path)) for u in below}
    snapshot.provenance = provenance_of(codes, records, at.isoformat())
    snapshot.areas = areas_of(codes, values, records)
    snapshot.folded = folds_list(current.folds_into(unit.path))
    snapshot.approximate = unit.path in current.approximate | previous.approximate
    snapshot.previous_period_code = previous.period.code
    snapshot.previous = texts(previous.of(unit.path))
    snapshot.previous_folded = folds_list(previous.folds_into(unit.path))
    snapshot.targets = texts(targets)
    return snapshot
