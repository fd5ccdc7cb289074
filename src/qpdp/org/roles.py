"""What each role may do: the actions (`<app>.<verb>`) views and API operations declare."""

from __future__ import annotations

from qpdp.org.choices import Role

VIEW_ACTIONS = frozenset(
    {
        "core.home",
        "core.jobs",
        "org.view",
        "people.view",
        "people.export",
        "conscription.view",
        "awards.view",
        "reports.view",
    }
)
# The day-to-day work of a commune command: registers, the call-up steps, nominations, campaigns,
# conferences and the drafts of its own reports.
COMMUNE_WORK = frozenset(
    {
        "people.change",
        "people.import",
        "org.manage_units",
        "conscription.change",
        "awards.change",
        "reports.change",
    }
)
# Provincial work of the call-up: the intake, quotas, the decision on the list, handovers; targets
# set for the units below.
PROVINCE_WORK = frozenset(
    {"conscription.quota", "conscription.decide", "conscription.handover", "reports.targets"}
)
# A leader signs: award decisions of the body they head, approval of its reports.
LEADER_WORK = frozenset({"awards.decide", "reports.approve"})

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: VIEW_ACTIONS
    | COMMUNE_WORK
    | PROVINCE_WORK
    | LEADER_WORK
    | {"org.audit", "org.manage_users", "awards.review"},
    # The provincial command's officers also decide the command's own awards (giấy khen of the commander).
    Role.PROVINCE_OFFICER: VIEW_ACTIONS
    | COMMUNE_WORK
    | PROVINCE_WORK
    | {"org.audit", "awards.review", "awards.decide"},
    Role.PROVINCE_LEADER: VIEW_ACTIONS | LEADER_WORK | {"org.audit", "conscription.decide"},
    # Regional commands organise handovers, review the communes' nominations and guide communes, but
    # decide nothing (domain.md §0).
    Role.REGION_OFFICER: VIEW_ACTIONS
    | {"conscription.handover", "awards.change", "awards.review", "reports.change"},
    Role.COMMUNE_OFFICER: VIEW_ACTIONS | COMMUNE_WORK,
    Role.COMMUNE_LEADER: VIEW_ACTIONS | LEADER_WORK,
    Role.INSPECTOR: VIEW_ACTIONS | {"org.audit"},
}

ALL_ACTIONS = frozenset().union(*ROLE_ACTIONS.values())


def role_allows(role: str, action: str) -> bool:
    return action in ROLE_ACTIONS.get(role, frozenset())
