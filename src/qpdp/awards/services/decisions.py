"""Award decisions: decide (from agreed nominations and direct lines), sign a draft, present, revoke."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qpdp.awards import rules
from qpdp.awards.choices import DecisionStatus, NominationStatus
from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination
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
    required,
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
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path
from qpdp.people.models import Citizen

DECISION_NOT_FOUND = NOT_FOUND_RECORD.format(what="quyết định khen thưởng")
AWARD_NOT_FOUND = NOT_FOUND_RECORD.format(what="khen thưởng")
CONFERENCE_NOT_FOUND = NOT_FOUND_RECORD.format(what="hội nghị")
CAMPAIGN_NOT_FOUND = NOT_FOUND_RECORD.format(what="phong trào thi đua")
NOMINATION_NOT_FOUND = NOT_FOUND_RECORD.format(what="đề nghị khen thưởng")
ISSUER_AT_WRONG_UNIT = "{issuer} không ban hành quyết định tại “{unit}”; chọn đơn vị cấp {level}."
DUPLICATE_NUMBER = (
    "Số quyết định “{number}” của {body} năm {year} đã dùng cho quyết định ngày {day:%d/%m/%Y}."
)
NO_LINES = "Quyết định phải có ít nhất một tập thể, cá nhân hoặc hộ gia đình được khen thưởng."
NOMINATION_NOT_AGREED = "Đề nghị khen thưởng {name} chưa được hội đồng xét nhất trí ({status})."
NOMINATION_TAKEN = "Đề nghị khen thưởng {name} đã có trong quyết định {decision}."
NOMINATION_OTHER_ISSUER = "Đề nghị khen thưởng {name} gửi {asked}, không phải {issuer}."
NEGATIVE_MONEY = "Tiền thưởng không được âm."
NOT_A_DRAFT = "Quyết định {number} đã ký; chỉ dự thảo mới ký được."
DRAFT_NOT_PRESENTED = "Quyết định còn là dự thảo: chỉ trao khen thưởng theo quyết định đã ký."
DECIDED_AFTER_CONFERENCE = (
    "Quyết định ngày {day:%d/%m/%Y} ký sau hội nghị ngày {held:%d/%m/%Y} nên không trao tại hội nghị đó."
)
ALREADY_REVOKED = "Khen thưởng của {name} đã bị hủy bỏ ngày {day:%d/%m/%Y}."
DRAFT_NOT_REVOKED = "Quyết định còn là dự thảo: chưa có khen thưởng để hủy bỏ."
PRESENTED_ON_REQUIRED = "Ghi ngày trao khen thưởng (hoặc chọn hội nghị trao)."

# Where an issuer's decisions are kept in the tree: a district's at the (old) district, the province's
# bodies (and a regional command, an arm of the provincial command) at the province; a military region
# is outside the tree, so its decisions are kept at the province (or the nation) that received them.
LEVEL_UNITS: dict[str, tuple[str, ...]] = {
    "xã": (UnitKind.COMMUNE,),
    "huyện": (UnitKind.DISTRICT,),
    "tỉnh": (UnitKind.PROVINCE,),
    "quân khu": (UnitKind.PROVINCE, UnitKind.NATION),
}
LEVEL_WORDS = {"xã": "xã", "huyện": "huyện", "tỉnh": "tỉnh", "quân khu": "tỉnh"}

DECISION_FIELDS = [
    "issuing_unit",
    "issuer",
    "issuing_body",
    "number",
    "decided_on",
    "signing_line",
    "signer_title",
    "signer_name",
    "subject",
    "campaign",
    "conference",
    "presented_on",
    "status",
]
AWARD_FIELDS = [
    "decision",
    "nomination",
    "recipient_kind",
    "recipient_unit",
    "recipient_citizen",
    "recipient_name",
    "recipient_detail",
    "form_code",
    "period_code",
    "achievement_year",
    "achievement",
    "money",
    "revoked_on",
    "revocation_reason",
    "revocation_number",
]


@dataclass(frozen=True)
class DecisionInput:
    issuing_unit: Unit
    issuer: str
    decided_on: dt.date
    number: str = ""
    signer_name: str = ""
    # Empty: the title line of the issuer's signature block on that day (rules.signature_of).
    signer_title: str = ""
    # Empty: "UBND xã An Bình" from the issuer and the unit (rules.issuing_body).
    issuing_body: str = ""
    subject: str = ""
    campaign: Campaign | None = None
    conference: Conference | None = None
    draft: bool = False


@dataclass(frozen=True)
class AwardLine:
    """A recipient written directly into a decision, or (with `nomination`) an agreed nomination."""

    recipient_kind: str = ""
    form_code: str = ""
    period_code: str = ""
    achievement_year: int | None = None
    recipient_unit: Unit | None = None
    recipient_citizen: Citizen | None = None
    recipient_name: str = ""
    recipient_detail: str = ""
    achievement: str = ""
    money: int = 0
    nomination: Nomination | None = None
    row: int | None = None


def _visible(actor: Any, path: str) -> bool:
    return can_see_path(actor, path)


def _conference_problems(
    actor: Any, conference: Conference | None, decided_on: dt.date
) -> list[FieldProblem]:
    if conference is None:
        return []
    if not _visible(actor, conference.unit_path):
        return [problem("conference", CONFERENCE_NOT_FOUND)]
    if decided_on > conference.held_on:
        return [
            problem("conference", DECIDED_AFTER_CONFERENCE.format(day=decided_on, held=conference.held_on))
        ]
    return []


def _header_problems(
    actor: Any,
    *,
    unit: Unit,
    issuer_value: str,
    decided_on: dt.date,
    number: str,
    signer_name: str,
    signed: bool,
    exclude: int | None = None,
) -> tuple[rules.Issuer | None, list[FieldProblem]]:
    """The decision itself: an issuer that exists on the day, at a unit of its level that existed that
    day, and (once signed) a number unused by the unit that year and a signer."""
    issuer, bad_issuer = issuer_of(issuer_value)
    if bad_issuer is not None or issuer is None:
        return None, [bad_issuer] if bad_issuer else []
    problems: list[FieldProblem] = []
    in_force = rules.issuer_in_force(issuer, decided_on)
    if not in_force.allowed:
        return None, [verdict_problem("issuer", in_force)]
    level = rules.issuer_level(issuer)
    if unit.kind not in LEVEL_UNITS.get(level, ()):
        message = ISSUER_AT_WRONG_UNIT.format(
            issuer=rules.ISSUER_LABELS[issuer], unit=unit.name, level=LEVEL_WORDS.get(level, level)
        )
        problems.append(problem("issuing_unit", message))
    problems += collect(unit_exists_on(unit, decided_on, "issuing_unit"))
    if signed:
        problems += collect(
            required(number, "số quyết định", "number"),
            required(signer_name, "họ tên người ký", "signer_name"),
        )
        same_number = AwardDecision.objects.filter(
            issuing_unit=unit, year=decided_on.year, number=text(number, 40)
        ).exclude(number="")
        if exclude is not None:
            same_number = same_number.exclude(pk=exclude)
        clash = same_number.first()
        if clash is not None:
            body = rules.issuing_body(issuer, unit.name)
            message = DUPLICATE_NUMBER.format(
                number=clash.number, body=body, year=decided_on.year, day=clash.decided_on
            )
            problems.append(problem("number", message))
    return issuer, problems


def _nomination_line(
    actor: Any,
    nomination: Nomination,
    line: AwardLine,
    issuer: rules.Issuer,
    decided_on: dt.date,
    taken: Award | None,
) -> tuple[Award | None, Candidate | None, list[FieldProblem]]:
    row = line.row
    name = nomination.recipient_name
    if not _visible(actor, nomination.unit_path):
        return None, None, [problem("nominations", NOMINATION_NOT_FOUND, row)]
    problems: list[FieldProblem] = []
    if taken is not None:
        message = NOMINATION_TAKEN.format(name=name, decision=taken.decision)
        problems.append(problem("nominations", message, row))
    elif nomination.status != NominationStatus.REVIEWED or not nomination.agreed:
        status = NominationStatus(nomination.status).label.lower()
        problems.append(problem("nominations", NOMINATION_NOT_AGREED.format(name=name, status=status), row))
    if nomination.issuer != issuer:
        asked = rules.ISSUER_LABELS.get(rules.Issuer(nomination.issuer), nomination.issuer)
        message = NOMINATION_OTHER_ISSUER.format(name=name, asked=asked, issuer=rules.ISSUER_LABELS[issuer])
        problems.append(problem("nominations", message, row))
    if nomination.reviewed_on is not None:
        problems += collect(
            ordered(
                nomination.reviewed_on,
                decided_on,
                ("ngày hội đồng xét", "Ngày quyết định"),
                "decided_on",
                row,
            )
        )
    if line.money < 0:
        problems.append(problem("money", NEGATIVE_MONEY, row))
    if problems:
        return None, None, problems
    award = Award(
        nomination=nomination,
        recipient_kind=nomination.recipient_kind,
        recipient_unit_id=nomination.recipient_unit_id,
        recipient_citizen_id=nomination.recipient_citizen_id,
        recipient_name=nomination.recipient_name,
        recipient_detail=nomination.recipient_detail,
        recipient_key=nomination.recipient_key,
        recipient_path=nomination.recipient_path,
        form_code=nomination.form_code,
        period_code=nomination.period_code,
        achievement_year=nomination.achievement_year,
        achievement=nomination.achievement,
        money=line.money,
    )
    return award, _candidate(award, row), []


def _direct_line(
    actor: Any, line: AwardLine, unit: Unit, campaign: Campaign | None
) -> tuple[Award | None, Candidate | None, list[FieldProblem]]:
    row = line.row
    kind, bad_kind = kind_of(line.recipient_kind, row)
    period, bad_period = period_of(line.period_code, campaign, row=row)
    problems = collect(bad_kind, form_of(line.form_code, row), bad_period)
    if line.money < 0:
        problems.append(problem("money", NEGATIVE_MONEY, row))
    year, bad_year = achievement_year_of(line.achievement_year, period, row)
    problems += collect(bad_year)
    recipient = None
    if kind is not None:
        recipient, wrong = resolve_recipient(
            actor,
            kind=kind,
            unit=line.recipient_unit,
            citizen=line.recipient_citizen,
            name=line.recipient_name,
            detail=line.recipient_detail,
            home=unit,
            row=row,
        )
        problems += wrong
    if problems or recipient is None or period is None:
        return None, None, problems
    award = Award(
        form_code=line.form_code,
        period_code=period.code,
        achievement_year=year,
        achievement=text(line.achievement),
        money=line.money,
        **recipient.fields(),
    )
    return award, _candidate(award, row), []


def _candidate(award: Award, row: int | None) -> Candidate:
    return Candidate(
        key=award.recipient_key,
        path=award.recipient_path,
        name=award.recipient_name,
        kind=rules.RecipientKind(award.recipient_kind),
        form_code=award.form_code,
        period_code=award.period_code,
        achievement_year=award.achievement_year,
        row=row,
        nomination_id=award.nomination_id,
    )


def _rule_problems(candidates: Sequence[Candidate], issuer: rules.Issuer, on: dt.date) -> list[FieldProblem]:
    """Every rule on the decision's day, for every line, the lines counting as given together."""
    repeated, twice = batch_duplicates(candidates)
    rest = [c for c in candidates if id(c) not in twice]
    return repeated + candidate_problems(rest, issuer=issuer, on=on, together=True, check_open=False)


def _mark_decided(actor: Any, awards: Sequence[Award], decision: AwardDecision) -> None:
    """The nominations answered by a signed decision become decided, with one audit entry each."""
    ids = [a.nomination_id for a in awards if a.nomination_id is not None]
    if not ids:
        return
    Nomination.objects.filter(pk__in=ids).update(status=NominationStatus.DECIDED)
    by_nomination = {a.nomination_id: a for a in awards}
    entries = [
        audit.entry(
            actor=actor,
            action="awards.nomination.decided",
            target=nomination,
            unit_path=nomination.unit_path,
            before={"status": NominationStatus.REVIEWED},
            after={"status": NominationStatus.DECIDED, "award": by_nomination[nomination.pk].pk},
            note=str(decision),
        )
        for nomination in Nomination.objects.filter(pk__in=ids)
    ]
    audit.record_many(entries)


@transaction.atomic
def decide_awards(
    *,
    actor: Any,
    data: DecisionInput,
    nominations: Sequence[Nomination] = (),
    lines: Sequence[AwardLine] = (),
) -> AwardDecision:
    """An award decision with its recipient lines: agreed nominations of this issuer and/or recipients
    written directly. Every rule is asked again on the decision's day (the issuer in force then, what it
    may award, to whom, the conditions, the recipient's earlier awards and the other lines of the
    decision); a number already used by the unit that year is refused. A signed decision answers its
    nominations (decided); a draft (`data.draft`) keeps them open until `sign_decision`."""
    scope = unit_problem(actor, data.issuing_unit, "issuing_unit")
    if scope is not None:
        raise_if([scope])
    unit = data.issuing_unit
    issuer, problems = _header_problems(
        actor,
        unit=unit,
        issuer_value=data.issuer,
        decided_on=data.decided_on,
        number=data.number,
        signer_name=data.signer_name,
        signed=not data.draft,
    )
    if data.campaign is not None and not (
        _visible(actor, data.campaign.unit_path) or unit.path.startswith(data.campaign.unit_path)
    ):
        problems.append(problem("campaign", CAMPAIGN_NOT_FOUND))
    problems += _conference_problems(actor, data.conference, data.decided_on)
    all_lines = [AwardLine(nomination=n) for n in nominations] + list(lines)
    if not all_lines:
        problems.append(problem("lines", NO_LINES))
    if issuer is None:
        raise DomainError(problems)  # an unknown or lapsed issuer: the lines cannot be judged
    locked = {
        n.pk: n
        for n in Nomination.objects.select_for_update().filter(
            pk__in=[line.nomination.pk for line in all_lines if line.nomination is not None]
        )
    }
    # A nomination already on a decision (signed or draft) is not decided twice.
    taken = {
        award.nomination_id: award
        for award in Award.objects.filter(nomination_id__in=list(locked)).select_related("decision")
    }
    awards: list[Award] = []
    candidates: list[Candidate] = []
    for line in all_lines:
        if line.nomination is not None:
            nomination = locked[line.nomination.pk]
            found = _nomination_line(
                actor, nomination, line, issuer, data.decided_on, taken.get(nomination.pk)
            )
        else:
            found = _direct_line(actor, line, unit, data.campaign)
        award, candidate, wrong = found
        problems += wrong
        if award is not None and candidate is not None:
            awards.append(award)
            candidates.append(candidate)
    problems += _rule_problems(candidates, issuer, data.decided_on)
    raise_if(problems)
    signing_line, title_line = rules.signature_of(issuer, data.decided_on)
    decision = AwardDecision(
        issuing_unit=unit,
        unit_path=unit.path,
        issuer=issuer.value,
        issuing_body=text(data.issuing_body, 200) or rules.issuing_body(issuer, unit.name),
        number=text(data.number, 40),
        year=data.decided_on.year,
        decided_on=data.decided_on,
        signing_line=signing_line,
        signer_title=text(data.signer_title, 100) or title_line,
        signer_name=text(data.signer_name, 100),
        subject=text(data.subject),
        campaign=data.campaign,
        conference=data.conference,
        status=DecisionStatus.DRAFT if data.draft else DecisionStatus.SIGNED,
        created_by=user_or_none(actor),
    )
    decision.save()
    for award in awards:
        award.decision = decision
        award.unit_path = decision.unit_path
        award.created_by = user_or_none(actor)
    created = Award.objects.bulk_create(awards)
    action = "awards.decision.drafted" if data.draft else "awards.decision.signed"
    record(actor, action, decision, DECISION_FIELDS, note=f"{len(created)} tập thể, cá nhân, hộ gia đình")
    audit.record_created(actor=actor, action="awards.award.granted", targets=created, fields=AWARD_FIELDS)
    if not data.draft:
        _mark_decided(actor, created, decision)
    return decision


def _locked_decision(actor: Any, decision: AwardDecision) -> AwardDecision:
    if not _visible(actor, decision.unit_path):
        raise refuse("decision", DECISION_NOT_FOUND)
    return AwardDecision.objects.select_for_update().select_related("issuing_unit").get(pk=decision.pk)


@transaction.atomic
def sign_decision(
    *,
    actor: Any,
    decision: AwardDecision,
    number: str,
    decided_on: dt.date,
    signer_name: str,
    signer_title: str = "",
) -> AwardDecision:
    """Sign a draft: its number and day, every rule asked again on that day; its nominations decided."""
    decision = _locked_decision(actor, decision)
    if decision.status != DecisionStatus.DRAFT:
        raise refuse("decision", NOT_A_DRAFT.format(number=decision.number))
    issuer, problems = _header_problems(
        actor,
        unit=decision.issuing_unit,
        issuer_value=decision.issuer,
        decided_on=decided_on,
        number=number,
        signer_name=signer_name,
        signed=True,
        exclude=decision.pk,
    )
    problems += _conference_problems(actor, decision.conference, decided_on)
    awards = list(decision.awards.all())
    if issuer is not None:
        problems += _rule_problems([_candidate(a, None) for a in awards], issuer, decided_on)
    raise_if(problems)
    assert issuer is not None
    before = audit.snapshot(decision, DECISION_FIELDS)
    signing_line, title_line = rules.signature_of(issuer, decided_on)
    decision.number = text(number, 40)
    decision.decided_on = decided_on
    decision.year = decided_on.year
    decision.signer_name = text(signer_name, 100)
    decision.signing_line = signing_line
    decision.signer_title = text(signer_title, 100) or decision.signer_title or title_line
    decision.status = DecisionStatus.SIGNED
    decision.save()
    record(actor, "awards.decision.signed", decision, DECISION_FIELDS, before=before)
    _mark_decided(actor, awards, decision)
    return decision


@transaction.atomic
def attach_decision_to_conference(
    *, actor: Any, decision: AwardDecision, conference: Conference
) -> AwardDecision:
    """The conference where a decision's awards are (to be) presented."""
    decision = _locked_decision(actor, decision)
    raise_if(_conference_problems(actor, conference, decision.decided_on))
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.conference = conference
    decision.save(update_fields=["conference"])
    record(actor, "awards.decision.attached", decision, DECISION_FIELDS, before=before)
    return decision


@transaction.atomic
def present_awards(
    *,
    actor: Any,
    decision: AwardDecision,
    presented_on: dt.date | None = None,
    conference: Conference | None = None,
) -> AwardDecision:
    """A signed decision's awards are presented (trao tặng), at a conference or on a given day."""
    decision = _locked_decision(actor, decision)
    if decision.status != DecisionStatus.SIGNED:
        raise refuse("decision", DRAFT_NOT_PRESENTED)
    problems = _conference_problems(actor, conference, decision.decided_on)
    day = presented_on or (conference.held_on if conference is not None else None)
    if day is None:
        problems.append(problem("presented_on", PRESENTED_ON_REQUIRED))
    elif not problems:
        problems += collect(
            ordered(decision.decided_on, day, ("ngày quyết định", "Ngày trao"), "presented_on")
        )
    raise_if(problems)
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.presented_on = day
    if conference is not None:
        decision.conference = conference
    decision.save(update_fields=["presented_on", "conference"])
    record(actor, "awards.decision.presented", decision, DECISION_FIELDS, before=before)
    return decision


@transaction.atomic
def revoke_award(
    *, actor: Any, award: Award, revoked_on: dt.date, reason: str, revocation_number: str = ""
) -> Award:
    """Revoke an award (Law 2022 Chapter VII: false dossiers, later-found violations): it stays on the
    decision, marked, and no longer counts — neither in the figures nor as an earlier award."""
    if not _visible(actor, award.unit_path):
        raise refuse("award", AWARD_NOT_FOUND)
    award = Award.objects.select_for_update().select_related("decision").get(pk=award.pk)
    if award.revoked_on is not None:
        raise refuse("award", ALREADY_REVOKED.format(name=award.recipient_name, day=award.revoked_on))
    if award.decision.status != DecisionStatus.SIGNED:
        raise refuse("award", DRAFT_NOT_REVOKED)
    raise_if(
        collect(
            ordered(
                award.decision.decided_on,
                revoked_on,
                ("ngày quyết định khen thưởng", "Ngày hủy bỏ"),
                "revoked_on",
            ),
            required(reason, "lý do hủy bỏ", "revocation_reason"),
        )
    )
    before = audit.snapshot(award, AWARD_FIELDS)
    award.revoked_on = revoked_on
    award.revocation_reason = text(reason, 500)
    award.revocation_number = text(revocation_number, 40)
    award.save(update_fields=["revoked_on", "revocation_reason", "revocation_number"])
    record(actor, "awards.award.revoked", award, AWARD_FIELDS, before=before)
    return award
