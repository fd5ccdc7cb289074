"""Military-service reads: one citizen's facts and status, and the set-based pool of a whole scope.

`status_of` gathers one citizen's records into `rules.CitizenFacts` and asks the pure rule, which
explains itself. `pool_rows` and `pool_summary` compute the same status for every citizen under a
path in one SQL statement (aggregates joined to the register, then a CASE in the rule's order), so
that a province of millions answers in seconds; a property test holds the two to the same answers.

The rest are the reads of the pages, the API, the exports and the documents: scoped querysets
(`visible_to`), single records or 404 (`get_visible_or_404`), and the counts the pages show, each in
one query or a few. By sub-topic: `status`, `pool`, `places`, `registration`, `health`, `relief`,
`quota`, `callup`, `printing` (orders printed per commune in a background job), `figures` (where the
records behind a unit's figure lie across the 2025 reorganisation).
"""

from __future__ import annotations

from qpdp.conscription.selectors.callup import (
    PRIORITY_ORDER,
    QUALIFICATION_RANK,
    callup_detail,
    callup_status_counts,
    callups,
    citizen_name_keys,
    commune_callups,
    decision_numbers,
    eligible_citizens,
    handover_callups,
    handover_detail,
    handover_visible,
    handovers,
    intake_callup,
    intake_handover,
    intake_handovers,
    picked_callups,
    place_callups,
    printable,
    printable_callup,
    replacement_of,
    visible_citizen,
    visible_citizens,
)
from qpdp.conscription.selectors.figures import FigureScope, figure_scope, figure_values, predecessor_units
from qpdp.conscription.selectors.health import (
    callup_age_men,
    citizen_choices,
    health_counts,
    health_exams,
)
from qpdp.conscription.selectors.places import (
    commune_by_code,
    commune_search,
    province_paths,
    unit_at,
    visible_unit_at,
    visible_units,
)
from qpdp.conscription.selectors.pool import (
    STATUS_CODES,
    PoolRow,
    eligible_count,
    pool_rows,
    pool_summary,
    pool_summary_over,
    tallied,
)

# Not public: `bench/callup_pool.py` times the pool statement itself.
from qpdp.conscription.selectors.pool import _like_prefix as _like_prefix
from qpdp.conscription.selectors.pool import _pool_cursor as _pool_cursor
from qpdp.conscription.selectors.pool import _pool_sql as _pool_sql
from qpdp.conscription.selectors.printing import (
    ORDERS_PRINT,
    commune_orders,
    order_communes,
    order_number_key,
    order_spread,
    orders_print_detail,
    orders_print_jobs,
)
from qpdp.conscription.selectors.quota import (
    allocated_counts,
    commune_quotas,
    enlisted_counts,
    intakes,
    quotas,
    unit_quotas,
)
from qpdp.conscription.selectors.registration import (
    bar_grounds,
    registration_due,
    registration_due_counts,
    registrations,
)
from qpdp.conscription.selectors.relief import (
    RELIEF_KINDS,
    posting_complaints,
    posting_list,
    posting_reliefs,
    postings,
    relief_ground_counts,
    reliefs,
)
from qpdp.conscription.selectors.status import (
    citizen_records,
    facts_of,
    intake_of,
    intake_period,
    reference_date,
    status_of,
)

__all__ = [
    "ORDERS_PRINT",
    "PRIORITY_ORDER",
    "QUALIFICATION_RANK",
    "RELIEF_KINDS",
    "STATUS_CODES",
    "FigureScope",
    "PoolRow",
    "allocated_counts",
    "bar_grounds",
    "callup_age_men",
    "callup_detail",
    "callup_status_counts",
    "callups",
    "citizen_choices",
    "citizen_name_keys",
    "citizen_records",
    "commune_by_code",
    "commune_callups",
    "commune_orders",
    "commune_quotas",
    "commune_search",
    "decision_numbers",
    "eligible_citizens",
    "eligible_count",
    "enlisted_counts",
    "facts_of",
    "figure_scope",
    "figure_values",
    "handover_callups",
    "handover_detail",
    "handover_visible",
    "handovers",
    "health_counts",
    "health_exams",
    "intake_callup",
    "intake_handover",
    "intake_handovers",
    "intake_of",
    "intake_period",
    "intakes",
    "order_communes",
    "order_number_key",
    "order_spread",
    "orders_print_detail",
    "orders_print_jobs",
    "picked_callups",
    "place_callups",
    "pool_rows",
    "pool_summary",
    "pool_summary_over",
    "posting_complaints",
    "posting_list",
    "posting_reliefs",
    "postings",
    "predecessor_units",
    "printable",
    "printable_callup",
    "province_paths",
    "quotas",
    "reference_date",
    "registration_due",
    "registration_due_counts",
    "registrations",
    "relief_ground_counts",
    "reliefs",
    "replacement_of",
    "status_of",
    "tallied",
    "unit_at",
    "unit_quotas",
    "visible_citizen",
    "visible_citizens",
    "visible_unit_at",
    "visible_units",
]
