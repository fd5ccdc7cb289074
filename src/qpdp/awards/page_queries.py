"""Scoped reads the award pages need beyond `selectors`: working unit, pickers, lists, the overview."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from qpdp.awards import rules, selectors
from qpdp.awards.choices import CampaignStatus, DecisionStatus, NominationStatus
from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination
from qpdp.org.choices import UnitKind
from qpdp.org.models import Unit
from qpdp.org.scope import primary_path, scope_paths, visible_to
from qpdp.org.selectors import valid_on
from qpdp.people.models import Citizen
from qpdp.people.selectors import CitizenFilters, citizen_queryset, filtered_citizens

PICKER_LIMIT = 30
CHOICE_LIMIT = 500
RECENT = 5
# How far apart a decision and the conference presenting it may lie, for the pickers.
ATTACH_WINDOW = dt.timedelta(days=366)

# Units that may receive an award as a collective, or take part in a campaign or a conference.
COLLECTIVE_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.VILLAGE, UnitKind.AGENCY)

# The issuer a unit's pages start with: its own chairman (a province's officers switch to the command).
DEFAULT_ISSUER: dict[str, rules.Issuer] = {
    UnitKind.COMMUNE: rules.Issuer.COMMUNE_CHAIRMAN,
    UnitKind.DISTRICT: rules.Issuer.DISTRICT_CHAIRMAN,
    UnitKind.PROVINCE: rules.Issuer.PROVINCE_CHAIRMAN,
}


# -- where a page works ------------------------------------------------------------------------------


def home_unit(user: Any) -> Unit | None:
    """The unit of the user's own scope a page creates records at when none is picked."""
    path = primary_path(user)
    return visible_to(user, Unit.objects.filter(path=path)).first() if path else None


def default_issuer(unit: Unit | None) -> rules.Issuer:
    return DEFAULT_ISSUER.get(unit.kind if unit else "", rules.Issuer.COMMUNE_CHAIRMAN)


def issuers_on(day: dt.date) -> list[tuple[str, str]]:
    """The issuers that exist on `day` (no district levels after 30/06/2025, no Ban CHPTKV before)."""
    return [(i.value, rules.ISSUER_LABELS[i]) for i in rules.Issuer if rules.issuer_in_force(i, day).allowed]


def forms_on(issuer: str, day: dt.date) -> list[rules.AwardForm]:
    """The forms `issuer` may give on `day` (rules.forms_for); none for an unknown issuer."""
    try:
        chosen = rules.Issuer(issuer)
    except ValueError:
        return []
    return rules.forms_for(chosen, day)


# -- pickers -----------------------------------------------------------------------------------------


def visible_units(user: Any) -> QuerySet[Unit]:
    """Every unit the user may name as a collective, a participant or an attending unit."""
    return visible_to(user, Unit.objects.filter(kind__in=COLLECTIVE_KINDS))


def units_around(user: Any, unit: Unit, *, on: dt.date) -> list[Unit]:
    """The unit and the units directly under it in force on `on` (a commune's villages and agencies, a
    province's communes): what a picker offers."""
    return list(
        visible_units(user)
        .filter(Q(pk=unit.pk) | Q(parent=unit))
        .filter(valid_on(on))
        .order_by("depth", "kind", "name")[:CHOICE_LIMIT]
    )


def visible_citizens(user: Any) -> QuerySet[Citizen]:
    return citizen_queryset(user=user)


def citizen_options(user: Any, *, unit: Unit | None, q: str = "", selected: Any = None) -> list[Citizen]:
    """The register's search (name without diacritics, or the start of an identity number) under the
    working unit, with the chosen citizen kept first."""
    found: list[Citizen] = []
    if str(selected or "").isdigit():
        found = list(visible_citizens(user).filter(pk=int(selected)).select_related("village"))
    if q.strip():
        matches = filtered_citizens(user=user, filters=CitizenFilters(q=q, unit=unit)).select_related(
            "village"
        )
        found += [c for c in matches[:PICKER_LIMIT] if all(c.pk != f.pk for f in found)]
    return found


def campaign_choices(user: Any, unit: Unit | None) -> QuerySet[Campaign]:
    """Campaigns the user sees, and those launched by a unit above the working unit (a commune takes part
    in its province's campaign)."""
    above = [p for p in _ancestors(unit.path) if p != unit.path] if unit else []
    paths = scope_paths(user)
    queryset = Campaign.objects.select_related("unit")
    if not paths:
        return queryset.none()
    condition = Q(unit_path__in=above)
    for path in paths:
        condition |= Q(unit_path__startswith=path)
    return queryset.filter(condition).order_by("-launched_on", "-id")


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def conference_choices(user: Any, *, held_from: dt.date) -> QuerySet[Conference]:
    """Conferences where a decision dated `held_from` may be presented: held that day or within the
    year after."""
    return selectors.conferences(user).filter(held_on__gte=held_from, held_on__lte=held_from + ATTACH_WINDOW)


def attachable_decisions(user: Any, conference: Conference) -> QuerySet[AwardDecision]:
    """Signed decisions the user sees, dated on or in the year before the conference, not yet presented
    at it."""
    return (
        selectors.decisions(user, status=DecisionStatus.SIGNED)
        .filter(decided_on__lte=conference.held_on, decided_on__gte=conference.held_on - ATTACH_WINDOW)
        .exclude(conference=conference)
        .order_by("-decided_on", "-id")
    )


# -- lists by unit and year --------------------------------------------------------------------------


def under(queryset: QuerySet[Any], path: str | None, field: str = "unit_path") -> QuerySet[Any]:
    return queryset.filter(**{f"{field}__startswith": path}) if path else queryset


def campaign_list(
    user: Any, *, path: str | None, status: str = "", year: int | None = None
) -> QuerySet[Campaign]:
    queryset = under(selectors.campaigns(user, status=status or None), path)
    if year:
        queryset = queryset.filter(starts_on__lte=dt.date(year, 12, 31), ends_on__gte=dt.date(year, 1, 1))
    return queryset


def nomination_list(
    user: Any,
    *,
    path: str | None,
    status: str | Iterable[str] = "",
    year: int | None = None,
    issuer: str = "",
) -> QuerySet[Nomination]:
    queryset = under(selectors.nominations(user, status=status or None, issuer=issuer or None), path)
    if year:
        queryset = queryset.filter(achievement_year=year)
    return queryset


def decision_list(
    user: Any, *, path: str | None, status: str = "", year: int | None = None
) -> QuerySet[AwardDecision]:
    return under(selectors.decisions(user, status=status or None, year=year), path)


def conference_list(
    user: Any, *, path: str | None, kind: str = "", year: int | None = None
) -> QuerySet[Conference]:
    queryset = under(selectors.conferences(user, kind=kind or None), path)
    if year:
        queryset = queryset.filter(held_on__year=year)
    return queryset


def campaign_decisions(user: Any, campaign: Campaign) -> QuerySet[AwardDecision]:
    return selectors.decisions(user).filter(campaign=campaign)


def campaign_nomination_count(user: Any, campaign: Campaign) -> int:
    return selectors.nominations(user, campaign_id=campaign.pk).count()


def decision_lines(decisions: Sequence[AwardDecision]) -> dict[int, list[Award]]:
    """The recipient lines of each decision (collectives first), in one query."""
    lines: dict[int, list[Award]] = defaultdict(list)
    rows = (
        Award.objects.filter(decision__in=[d.pk for d in decisions])
        .select_related("recipient_unit", "recipient_citizen")
        .order_by("decision_id", "recipient_kind", "id")
    )
    for award in rows:
        lines[award.decision_id].append(award)
    return dict(lines)


def revocable_awards(decision: AwardDecision) -> QuerySet[Award]:
    """The lines of a decision (already reached through scope) that still stand."""
    return decision.awards.filter(revoked_on__isnull=True).order_by("recipient_kind", "id")


def nomination_award(nomination: Nomination) -> Award | None:
    """The award line that answered a nomination (its decision is of the same scope)."""
    return Award.objects.select_related("decision").filter(nomination=nomination).first()


def nomination_ids_of(user: Any, ids: Iterable[int]) -> dict[int, Nomination]:
    """The nominations of these ids that the user sees."""
    return {n.pk: n for n in selectors.nominations(user).filter(pk__in=list(ids))}


# -- the overview ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """The working unit's figures for a year."""

    to_review: int
    to_decide: int
    decisions: int
    by_kind: list[tuple[str, int]]  # (label, award lines) per recipient kind
    awards: int
    campaigns: list[Campaign]
    conferences: list[Conference]


def overview(user: Any, *, path: str | None, year: int, today: dt.date) -> Overview:
    """Nominations waiting (any year), the year's signed decisions and their award lines by recipient kind
    (revoked left out), campaigns under way and the latest conferences."""
    waiting = dict(
        nomination_list(user, path=path, status=(NominationStatus.PROPOSED, NominationStatus.REVIEWED))
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    decided = decision_list(user, path=path, status=DecisionStatus.SIGNED, year=year)
    lines = dict(
        under(selectors.awards(user), path)
        .filter(decision__year=year)
        .order_by()
        .values_list("recipient_kind")
        .annotate(n=Count("pk"))
    )
    by_kind = [(rules.RECIPIENT_KIND_LABELS[kind], lines.get(kind.value, 0)) for kind in rules.RecipientKind]
    running = campaign_list(user, path=path, status=CampaignStatus.LAUNCHED).filter(ends_on__gte=today)
    return Overview(
        to_review=waiting.get(NominationStatus.PROPOSED, 0),
        to_decide=waiting.get(NominationStatus.REVIEWED, 0),
        decisions=decided.count(),
        by_kind=by_kind,
        awards=sum(lines.values()),
        campaigns=list(running.order_by("ends_on", "id")[:RECENT]),
        conferences=list(conference_list(user, path=path)[:RECENT]),
    )
