"""What each role may do: the actions (`<app>.<verb>`) views and API operations declare."""

from __future__ import annotations

from qpdp.org.choices import Role

VIEW_ACTIONS = frozenset(
    {"core.home", "core.jobs", "org.view", "people.view", "people.export", "conscription.view"}
)
COMMUNE_WORK = frozenset({"people.change", "people.import", "org.manage_units", "conscription.change"})
# Provincial work of the call-up: the intake, quotas, the decision on the list, handovers.
PROVINCE_WORK = frozenset({"conscription.quota", "conscription.decide", "conscription.handover"})

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: VIEW_ACTIONS | COMMUNE_WORK | PROVINCE_WORK | {"org.audit", "org.manage_users"},
    Role.PROVINCE_OFFICER: VIEW_ACTIONS | COMMUNE_WORK | PROVINCE_WORK | {"org.audit"},
    Role.PROVINCE_LEADER: VIEW_ACTIONS | {"org.audit", "conscription.decide"},
    # Regional commands organise handovers and guide communes, but decide nothing (domain.md §0).
    Role.REGION_OFFICER: VIEW_ACTIONS | {"conscription.handover"},
    Role.COMMUNE_OFFICER: VIEW_ACTIONS | COMMUNE_WORK,
    Role.COMMUNE_LEADER: VIEW_ACTIONS,
    Role.INSPECTOR: VIEW_ACTIONS | {"org.audit"},
}

ALL_ACTIONS = frozenset().union(*ROLE_ACTIONS.values())


def role_allows(role: str, action: str) -> bool:
    return action in ROLE_ACTIONS.get(role, frozenset())
