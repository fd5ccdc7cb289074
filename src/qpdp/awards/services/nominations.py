"""Nominations for awards: proposed by a unit to the level that awards, reviewed by the council above."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qpdp.awards import rules
from qpdp.awards.choices import NominationStatus, ReviewOutcome
from qpdp.awards.models import Campaign, Nomination
from qpdp.awards.services.checks import (
    NOT_FOUND_RECORD,
    achievement_year_of,
    collect,
    form_of,
    issuer_of,
    kind_of,
    ordered,
    period_of,
    problem,
    raise_if,
    record,
    refuse,
    resolve_recipient,
    text,
    unit_exists_on,
    unit_problem,
    user_or_none,
    verdict_problem,
)
from qpdp.awards.services.eligibility import Candidate, batch_duplicates, candidate_problems
from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.choices import UnitKind
from qpdp.org.models import RoleAssignment, Unit, UnitSuccession
from qpdp.org.scope import can_see_path
from qpdp.people.models import Citizen

NOMINATION_NOT_FOUND = NOT_FOUND_RECORD.format(what="đề nghị khen thưởng")
CAMPAIGN_NOT_FOUND = NOT_FOUND_RECORD.format(what="phong trào thi đua")
PROPOSED_BEFORE_PERIOD = "Ngày đề nghị ({day:%d/%m/%Y}) trước khi kỳ thành tích {period} bắt đầu."
NO_NOMINATIONS = "Danh sách đề nghị không có dòng nào."
NOT_REVIEWER = (
    "Đề nghị của {unit} do Ban CHPTKV phụ trách hoặc cơ quan cấp trên xét; "
    "cấp đề nghị không tự xét đề nghị của mình."
)
ALREADY_REVIEWED = "Đề nghị khen thưởng {name} đã được xét ({status})."
OPINION_REQUIRED = "Ghi ý kiến của hội đồng khi không nhất trí hoặc trả lại đề nghị."
UNKNOWN_OUTCOME = "Kết quả xét phải là nhất trí, không nhất trí hoặc trả lại."

NOMINATION_FIELDS = [
    "unit",
    "proposed_on",
    "issuer",
    "form_code",
    "period_code",
    "achievement_year",
    "campaign",
    "recipient_kind",
    "recipient_unit",
    "recipient_citizen",
    "recipient_name",
    "recipient_detail",
    "achievement",
    "status",
    "reviewer",
    "reviewed_on",
    "review_opinion",
    "agreed",
]

# Units whose nominations must be reviewed from above (a regional command over the commune, or a
# higher unit); a province's or a district's own nominations are reviewed by its own council.
REVIEWED_FROM_ABOVE = (UnitKind.COMMUNE, UnitKind.VILLAGE, UnitKind.AGENCY)


@dataclass(frozen=True)
class NominationInput:
    unit: Unit
    issuer: str
    form_code: str
    recipient_kind: str
    proposed_on: dt.date
    period_code: str = ""
    achievement_year: int | None = None
    campaign: Campaign | None = None
    recipient_unit: Unit | None = None
    recipient_citizen: Citizen | None = None
    recipient_name: str = ""
    recipient_detail: str = ""
    achievement: str = ""
    row: int | None = None


def _campaign_problem(
    actor: Any, campaign: Campaign | None, unit: Unit, row: int | None
) -> FieldProblem | None:
    """A nomination may name a campaign the user sees, or one launched above the proposing unit (a
    commune takes part in its province's campaign)."""
    if (
        campaign is None
        or can_see_path(actor, campaign.unit_path)
        or unit.path.startswith(campaign.unit_path)
    ):
        return None
    return problem("campaign", CAMPAIGN_NOT_FOUND, row)


def _prepare(
    actor: Any, data: NominationInput
) -> tuple[Nomination | None, Candidate | None, list[FieldProblem]]:
    """One nomination checked on its own (scope, fields, period, recipient); the rules come after."""
    row = data.row
    scope = unit_problem(actor, data.unit, "unit", row)
    if scope is not None:
        return None, None, [scope]
    issuer, bad_issuer = issuer_of(data.issuer, row)
    kind, bad_kind = kind_of(data.recipient_kind, row)
    period, bad_period = period_of(data.period_code, data.campaign, row=row)
    problems = collect(
        bad_issuer,
        form_of(data.form_code, row),
        bad_kind,
        bad_period,
        _campaign_problem(actor, data.campaign, data.unit, row),
        unit_exists_on(data.unit, data.proposed_on, "unit", row),
    )
    year, bad_year = achievement_year_of(data.achievement_year, period, row)
    problems += collect(bad_year)
    if period is not None and data.proposed_on < period.start:
        message = PROPOSED_BEFORE_PERIOD.format(day=data.proposed_on, period=period.label)
        problems.append(problem("proposed_on", message, row))
    if issuer is not None:
        in_force = rules.issuer_in_force(issuer, data.proposed_on)
        if not in_force.allowed:
            problems.append(verdict_problem("issuer", in_force, row))
    recipient = None
    if kind is not None:
        recipient, wrong = resolve_recipient(
            actor,
            kind=kind,
            unit=data.recipient_unit,
            citizen=data.recipient_citizen,
            name=data.recipient_name,
            detail=data.recipient_detail,
            home=data.unit,
            row=row,
        )
        problems += wrong
    if problems or recipient is None or period is None or kind is None:
        return None, None, problems
    nomination = Nomination(
        unit=data.unit,
        unit_path=data.unit.path,
        proposed_on=data.proposed_on,
        issuer=data.issuer,
        form_code=data.form_code,
        period_code=period.code,
        achievement_year=year,
        campaign=data.campaign,
        achievement=text(data.achievement),
        status=NominationStatus.PROPOSED,
        created_by=user_or_none(actor),
        **recipient.fields(),
    )
    candidate = Candidate(
        key=recipient.key,
        path=recipient.path,
        name=recipient.name,
        kind=kind,
        form_code=data.form_code,
        period_code=period.code,
        achievement_year=year,
        row=row,
    )
    return nomination, candidate, []


@transaction.atomic
def nominate_many(*, actor: Any, items: Sequence[NominationInput]) -> list[Nomination]:
    """A list of nominations (a form, or an Excel sheet), all or nothing: every problem of every row is
    reported and nothing is written unless every row passes.

    Each row: the proposing unit and the recipient in the user's scope; a known issuer, form, recipient
    kind and period; then the rules on the day of the proposal (`rules.check_nomination`: may this level
    award this form, to this kind of recipient, are its conditions met, was it already given for the
    period) with the recipient's history of awards, and no second open nomination of the same recipient
    for the same form and period.
    """
    if not items:
        raise refuse("items", NO_NOMINATIONS)
    prepared = [_prepare(actor, data) for data in items]
    problems = [p for _, _, found in prepared for p in found]
    # The rules are asked per issuer and day, with the history of every recipient fetched at once.
    groups: dict[tuple[str, dt.date], list[Candidate]] = {}
    for (nomination, candidate, _), data in zip(prepared, items, strict=True):
        if nomination is not None and candidate is not None:
            groups.setdefault((data.issuer, data.proposed_on), []).append(candidate)
    everyone = [c for _, c, _ in prepared if c is not None]
    repeated, twice = batch_duplicates(everyone)
    problems += repeated
    for (issuer, on), group in groups.items():
        group = [c for c in group if id(c) not in twice]
        problems += candidate_problems(
            group, issuer=rules.Issuer(issuer), on=on, together=False, check_open=True
        )
    raise_if(sorted(problems, key=lambda p: p.row or 0))
    nominations = [n for n, _, _ in prepared if n is not None]
    created = Nomination.objects.bulk_create(nominations)
    audit.record_created(
        actor=actor, action="awards.nomination.proposed", targets=created, fields=NOMINATION_FIELDS
    )
    return created


@transaction.atomic
def nominate(*, actor: Any, data: NominationInput) -> Nomination:
    """One nomination (see `nominate_many` for what is checked)."""
    [nomination] = nominate_many(actor=actor, items=[data])
    return nomination


def _paths_with_predecessors(unit_ids: set[int]) -> set[str]:
    ids = unit_ids | set(
        UnitSuccession.objects.filter(successor_id__in=unit_ids).values_list("predecessor_id", flat=True)
    )
    return set(Unit.objects.filter(id__in=ids).values_list("path", flat=True))


def _reviews_from_above(actor: Any, nomination: Nomination) -> bool:
    """Whether the actor reviews from above the proposing unit: a role at a unit strictly above it, or at
    a command whose area holds it (a regional command over the commune). Predecessors of those units
    count, so a 2021 nomination of an old commune is reviewed by the province that absorbed it."""
    unit = Unit.objects.only("kind").get(pk=nomination.unit_id)
    if unit.kind not in REVIEWED_FROM_ABOVE:
        return True
    path = nomination.unit_path
    assignments = RoleAssignment.objects.filter(user=actor)
    own = set(assignments.filter(unit__isnull=False).values_list("unit_id", flat=True))
    commanded = set(
        assignments.filter(command__isnull=False).values_list("command__jurisdiction__id", flat=True)
    )
    commanded.discard(None)
    above = any(path.startswith(p) and p != path for p in _paths_with_predecessors(own))
    return above or any(path.startswith(p) for p in _paths_with_predecessors(commanded))


@transaction.atomic
def review_nomination(
    *, actor: Any, nomination: Nomination, outcome: str, reviewed_on: dt.date, opinion: str = ""
) -> Nomination:
    """The council's review of a nomination: agreed (it goes to the decision), refused, or returned to
    the proposing unit to complete (it may then be proposed again)."""
    if not can_see_path(actor, nomination.unit_path):
        raise refuse("nomination", NOMINATION_NOT_FOUND)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status != NominationStatus.PROPOSED:
        status = NominationStatus(nomination.status).label.lower()
        raise refuse("nomination", ALREADY_REVIEWED.format(name=nomination.recipient_name, status=status))
    if not _reviews_from_above(actor, nomination):
        unit_name = Unit.objects.values_list("name", flat=True).get(pk=nomination.unit_id)
        raise refuse("nomination", NOT_REVIEWER.format(unit=unit_name))
    problems = collect(
        ordered(nomination.proposed_on, reviewed_on, ("ngày đề nghị", "Ngày xét"), "reviewed_on"),
    )
    if outcome not in ReviewOutcome.values:
        problems.append(problem("outcome", UNKNOWN_OUTCOME))
    elif outcome != ReviewOutcome.AGREE and not opinion.strip():
        problems.append(problem("review_opinion", OPINION_REQUIRED))
    raise_if(problems)
    before = audit.snapshot(nomination, NOMINATION_FIELDS)
    nomination.status = {
        ReviewOutcome.AGREE: NominationStatus.REVIEWED,
        ReviewOutcome.REFUSE: NominationStatus.REFUSED,
        ReviewOutcome.RETURN: NominationStatus.RETURNED,
    }[ReviewOutcome(outcome)]
    nomination.agreed = outcome == ReviewOutcome.AGREE
    nomination.reviewer = user_or_none(actor)
    nomination.reviewed_on = reviewed_on
    nomination.review_opinion = text(opinion)
    nomination.save(update_fields=["status", "agreed", "reviewer", "reviewed_on", "review_opinion"])
    record(actor, f"awards.nomination.{nomination.status}", nomination, NOMINATION_FIELDS, before=before)
    return nomination


@transaction.atomic
def review_nominations(
    *, actor: Any, nominations: Sequence[Nomination], outcome: str, reviewed_on: dt.date, opinion: str = ""
) -> list[Nomination]:
    """The same review for several nominations (the council's list), all or nothing."""
    if not nominations:
        raise refuse("nominations", NO_NOMINATIONS)
    problems: list[FieldProblem] = []
    done: list[Nomination] = []
    for nomination in nominations:
        try:
            with transaction.atomic():
                done.append(
                    review_nomination(
                        actor=actor,
                        nomination=nomination,
                        outcome=outcome,
                        reviewed_on=reviewed_on,
                        opinion=opinion,
                    )
                )
        except DomainError as refused:
            name = nomination.recipient_name
            problems += [
                p if name in p.message else FieldProblem(p.field, f"{name}: {p.message}", p.row)
                for p in refused.problems
            ]
    if problems:
        raise DomainError(problems)
    return done
