"""Military-service services: each act of the cycle checked by the rules, then written and audited.

By step of the cycle: `registration`, `health`, `relief` (deferments, exemptions, posting), `quota`
(intakes and quotas), `callup` (selection to handover and outcomes), `printing` (orders printed in the
background); `checks` holds what they share.
"""

from __future__ import annotations

from qpdp.conscription.services.callup import (
    ACTIVE_CALLUP,
    CALLUP_FIELDS,
    OUTCOMES,
    Selection,
    call_replacement,
    create_handover,
    decide_callup,
    issue_orders,
    record_delivery,
    record_outcome,
    select_citizens,
)
from qpdp.conscription.services.checks import (
    DATE_IN_FUTURE,
    NOT_FOUND_CITIZEN,
    NOT_FOUND_UNIT,
)
from qpdp.conscription.services.health import (
    HEALTH_FIELDS,
    HealthInput,
    check_health,
    record_health,
)
from qpdp.conscription.services.printing import (
    BAD_FORMAT,
    NO_INTAKE_TO_PRINT,
    NOTHING_TO_PRINT,
    PRINT_FORMATS,
    resume_orders_print,
    start_orders_print,
)
from qpdp.conscription.services.quota import (
    QUOTA_FIELDS,
    QuotaResult,
    open_intake,
    set_quota,
)
from qpdp.conscription.services.registration import (
    BAR_FIELDS,
    REGISTRATION_FIELDS,
    RunResult,
    record_bar,
    register_absence,
    register_first,
    register_first_many,
    register_move_in,
    register_move_out,
    register_return,
    register_supplementary,
    registration_state,
    remove_registration,
)
from qpdp.conscription.services.relief import (
    POSTING_FIELDS,
    RELIEF_FIELDS,
    ReliefInput,
    decide_relief,
    end_relief,
    post_list,
    receive_complaint,
    resolve_complaint,
)

__all__ = [
    "ACTIVE_CALLUP",
    "BAD_FORMAT",
    "BAR_FIELDS",
    "CALLUP_FIELDS",
    "DATE_IN_FUTURE",
    "HEALTH_FIELDS",
    "NOTHING_TO_PRINT",
    "NOT_FOUND_CITIZEN",
    "NOT_FOUND_UNIT",
    "NO_INTAKE_TO_PRINT",
    "OUTCOMES",
    "POSTING_FIELDS",
    "PRINT_FORMATS",
    "QUOTA_FIELDS",
    "REGISTRATION_FIELDS",
    "RELIEF_FIELDS",
    "HealthInput",
    "QuotaResult",
    "ReliefInput",
    "RunResult",
    "Selection",
    "call_replacement",
    "check_health",
    "create_handover",
    "decide_callup",
    "decide_relief",
    "end_relief",
    "issue_orders",
    "open_intake",
    "post_list",
    "receive_complaint",
    "record_bar",
    "record_delivery",
    "record_health",
    "record_outcome",
    "register_absence",
    "register_first",
    "register_first_many",
    "register_move_in",
    "register_move_out",
    "register_return",
    "register_supplementary",
    "registration_state",
    "remove_registration",
    "resolve_complaint",
    "resume_orders_print",
    "select_citizens",
    "set_quota",
    "start_orders_print",
]
