"""Factories for emulation and awards, built through the services: campaigns, nominations, decisions
with their lines, conferences, and one record of each kind for URL walks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from qpdp.awards import services
from qpdp.awards.choices import ConferenceKind, ReviewOutcome
from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination, Pledge
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.core.models import AuditEntry
from qpdp.org.models import Unit
from qpdp.people.models import Citizen
from tests.factories.people import CitizenFactory, valid_personal_id

YEAR = 2026
PROPOSED_ON = dt.date(2026, 11, 20)
REVIEWED_ON = dt.date(2026, 11, 25)
DECIDED_ON = dt.date(2026, 12, 1)
HELD_ON = dt.date(2026, 12, 15)


def person(commune: Unit, name: str = "", **values: Any) -> Citizen:
    """A citizen of the commune with a valid identity number (serials keep numbers unique)."""
    counter = person.__dict__.setdefault("counter", [700_000])
    counter[0] += 1
    born = values.pop("date_of_birth", dt.date(1990, 5, 1))
    extra = {"full_name": name} if name else {}
    return CitizenFactory(
        commune=commune,
        date_of_birth=born,
        personal_id=valid_personal_id(sex="M", date_of_birth=born, serial=counter[0]),
        **extra,
        **values,
    )


def campaign(actor: Any, unit: Unit, **overrides: Any) -> Campaign:
    values: dict[str, Any] = {
        "unit": unit,
        "name": "90 ngày hành động kiểu mẫu",
        "launched_by": "Chính trị viên Ban CHQS xã",
        "launched_on": dt.date(2026, 7, 1),
        "starts_on": dt.date(2026, 7, 1),
        "ends_on": dt.date(2026, 9, 30),
        "scope": "Lực lượng dân quân và cán bộ Ban CHQS xã",
        "criteria": "Hoàn thành 100% chỉ tiêu huấn luyện; không có vụ việc mất an toàn",
    }
    values.update(overrides)
    return services.launch_campaign(actor=actor, data=services.CampaignInput(**values))


def pledge(actor: Any, the_campaign: Campaign, **overrides: Any) -> Pledge:
    values: dict[str, Any] = {
        "signed_on": the_campaign.launched_on,
        "parties": "Cụm thi đua số 1 và Cụm thi đua số 2",
        "content": "Thi đua hoàn thành xuất sắc nhiệm vụ huấn luyện",
    }
    values.update(overrides)
    return services.sign_pledge(actor=actor, campaign=the_campaign, **values)


def nomination_input(unit: Unit, **overrides: Any) -> services.NominationInput:
    """A commune's nomination to its chairman for a giấy khen of the year 2026 (give the recipient)."""
    values: dict[str, Any] = {
        "unit": unit,
        "issuer": "commune_chairman",
        "form_code": "giay_khen",
        "recipient_kind": "individual",
        "proposed_on": PROPOSED_ON,
        "period_code": str(YEAR),
        "achievement": "Hoàn thành xuất sắc nhiệm vụ quân sự, quốc phòng địa phương năm 2026",
    }
    values.update(overrides)
    return services.NominationInput(**values)


def nominate(actor: Any, unit: Unit, **overrides: Any) -> Nomination:
    return services.nominate(actor=actor, data=nomination_input(unit, **overrides))


def agree(reviewer: Any, nominations: Sequence[Nomination], on: dt.date = REVIEWED_ON) -> list[Nomination]:
    return services.review_nominations(
        actor=reviewer,
        nominations=nominations,
        outcome=ReviewOutcome.AGREE,
        reviewed_on=on,
        opinion="Nhất trí đề nghị",
    )


def decision_input(unit: Unit, **overrides: Any) -> services.DecisionInput:
    values: dict[str, Any] = {
        "issuing_unit": unit,
        "issuer": "commune_chairman",
        "decided_on": DECIDED_ON,
        "number": "125/QĐ-UBND",
        "signer_name": "Trần Văn Bình",
        "subject": "đã có thành tích xuất sắc trong công tác quân sự, quốc phòng địa phương năm 2026",
    }
    values.update(overrides)
    return services.DecisionInput(**values)


def decide(
    actor: Any,
    unit: Unit,
    *,
    nominations: Sequence[Nomination] = (),
    lines: Sequence[services.AwardLine] = (),
    **overrides: Any,
) -> AwardDecision:
    return services.decide_awards(
        actor=actor, data=decision_input(unit, **overrides), nominations=nominations, lines=lines
    )


def draft_decision(actor: Any, unit: Unit, *, kind: str, name: str, **overrides: Any) -> AwardDecision:
    """An unsigned draft (no number yet) giving one recipient, written by name, a giấy khen of 2026."""
    lines = [line(recipient_kind=kind, recipient_name=name)]
    return decide(actor, unit, draft=True, number="", lines=lines, **overrides)


def provincial_decision(
    actor: Any, province: Unit, recipient: Unit, *, detail: str = "", money: int = 0, **overrides: Any
) -> AwardDecision:
    """The provincial command's decision (88/QĐ-BCH unless told): a giấy khen of 2026 to `recipient` as a
    collective."""
    lines = [
        line(recipient_kind="collective", recipient_unit=recipient, recipient_detail=detail, money=money)
    ]
    values = {"issuer": "provincial_command", "number": "88/QĐ-BCH", **overrides}
    return decide(actor, province, lines=lines, **values)


def line(**values: Any) -> services.AwardLine:
    """A direct line: by default a giấy khen of 2026 (give the recipient)."""
    defaults: dict[str, Any] = {"form_code": "giay_khen", "period_code": str(YEAR)}
    defaults.update(values)
    return services.AwardLine(**defaults)


def conference_input(unit: Unit, **overrides: Any) -> services.ConferenceInput:
    values: dict[str, Any] = {
        "unit": unit,
        "kind": ConferenceKind.TONG_KET,
        "period_code": str(YEAR),
        "held_on": HELD_ON,
        "place": "Hội trường UBND xã",
        "organiser": "Ban CHQS xã An Bình",
        "chair_name": "Trần Văn Bình",
        "chair_title": "Chủ tịch UBND xã",
        "conclusions": "Năm 2026 hoàn thành toàn diện các chỉ tiêu.",
        "tasks": "Tập trung tuyển quân năm 2027.",
    }
    values.update(overrides)
    return services.ConferenceInput(**values)


def conference(actor: Any, unit: Unit, **overrides: Any) -> Conference:
    return services.record_conference(actor=actor, data=conference_input(unit, **overrides))


def commune_awards(
    *, officer: Any, reviewer: Any, decider: Any, commune: Unit, village: Unit | None = None
) -> dict[str, Any]:
    """The issue's journey for one commune: 2 collectives and 3 individuals nominated by the commune,
    agreed by the regional command, decided by the commune chairman, presented at the year's review."""
    first_collective: dict[str, Any] = (
        {"recipient_unit": village} if village is not None else {"recipient_name": "Thôn 1"}
    )
    collectives = [
        nomination_input(commune, recipient_kind="collective", row=2, **first_collective),
        nomination_input(
            commune, recipient_kind="collective", recipient_name="Trung đội dân quân cơ động", row=3
        ),
    ]
    people = [person(commune, name) for name in ("Nguyễn Văn An", "Lê Thị Bình", "Phạm Văn Cường")]
    individuals = [
        nomination_input(commune, recipient_citizen=p, recipient_detail="Dân quân", row=4 + i)
        for i, p in enumerate(people)
    ]
    nominations = services.nominate_many(actor=officer, items=collectives + individuals)
    agree(reviewer, nominations)
    the_conference = conference(officer, commune)
    decision = decide(decider, commune, nominations=nominations, conference=the_conference)
    return {
        "nominations": nominations,
        "people": people,
        "decision": decision,
        "conference": the_conference,
    }


def awards_records(*, officer: Any, reviewer: Any, decider: Any, tree: Any) -> dict[str, Any]:
    """One record of each kind for commune A (for URL walks and page tests)."""
    the_campaign = campaign(officer, tree.commune_a)
    the_pledge = pledge(officer, the_campaign)
    journey = commune_awards(
        officer=officer, reviewer=reviewer, decider=decider, commune=tree.commune_a, village=tree.village_a1
    )
    open_nomination = nominate(officer, tree.commune_a, recipient_citizen=person(tree.commune_a))
    return {
        "campaign": the_campaign,
        "pledge": the_pledge,
        "nomination": open_nomination,
        "decision": journey["decision"],
        "award": journey["decision"].awards.first(),
        "conference": journey["conference"],
    }


def written() -> tuple[int, ...]:
    """How many records of the area and audit entries exist: unchanged after a refusal."""
    models = (Campaign, Pledge, Nomination, AwardDecision, Award, Conference, AuditEntry)
    return tuple(model._default_manager.count() for model in models)


@dataclass
class Refusal:
    """What a refused block raised (filled in when the block ends)."""

    problems: list[FieldProblem] = field(default_factory=list)

    @property
    def fields(self) -> list[str]:
        return [p.field for p in self.problems]


@contextmanager
def refused(*messages: str) -> Iterator[Refusal]:
    """The block is refused with exactly these messages, in order, and writes nothing (no record, no
    audit entry)."""
    refusal = Refusal()
    before = written()
    with pytest.raises(DomainError) as caught:
        yield refusal
    refusal.problems = list(caught.value.problems)
    assert [p.message for p in refusal.problems] == list(messages)
    assert written() == before
