"""Deferment and exemption services: decisions and their end, the public posting and the complaints on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qpdp.conscription import rules
from qpdp.conscription.choices import ReliefKind
from qpdp.conscription.models import Complaint, Posting, Relief
from qpdp.conscription.services.checks import _check_citizen, _check_unit, _problem, _record
from qpdp.core import audit
from qpdp.core.errors import DomainError, FieldProblem
from qpdp.org.models import Unit
from qpdp.org.scope import can_see_path
from qpdp.people.models import Citizen

RELIEF_FIELDS = [
    "citizen",
    "kind",
    "intake_year",
    "ground",
    "evidence",
    "valid_from",
    "valid_until",
    "volunteer",
    "decision_number",
    "decided_on",
    "decider_title",
    "signer_name",
    "ended_on",
    "end_reason",
]


@dataclass(frozen=True)
class ReliefInput:
    citizen: Citizen
    kind: str
    intake_year: int
    ground: str
    decided_on: dt.date
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    evidence: str = ""
    volunteer: bool = False
    decision_number: str = ""
    signer_name: str = ""

    @classmethod
    def of(cls, values: Mapping[str, Any], *, citizen: Citizen, intake_year: int) -> ReliefInput:
        """A decision from a page's form or an API body, whose other fields `values` holds by name."""
        return cls(
            citizen=citizen,
            kind=values["kind"],
            intake_year=intake_year,
            ground=values["ground"],
            decided_on=values["decided_on"],
            valid_from=values["valid_from"],
            valid_until=values["valid_until"],
            evidence=values["evidence"],
            volunteer=values["volunteer"],
            decision_number=values["decision_number"],
            signer_name=values["signer_name"],
        )


@transaction.atomic
def decide_relief(*, actor: Any, data: ReliefInput) -> Relief:
    """A deferment (Art. 41(1)) or exemption (Art. 41(2)) decision, signed by the authority of its date."""
    _check_citizen(actor, data.citizen)
    problems: list[FieldProblem] = []
    expected = rules.GroundKind.DEFERMENT if data.kind == ReliefKind.DEFERMENT else rules.GroundKind.EXEMPTION
    law = rules.ground(data.ground or "")
    if data.kind not in ReliefKind.values:
        problems.append(FieldProblem("kind", "Loại phải là tạm hoãn (deferment) hoặc miễn (exemption)."))
    elif not (data.ground or "").strip():
        problems.append(FieldProblem("ground", "Phải ghi căn cứ tạm hoãn hoặc miễn (ví dụ 41.1.g, 41.2.a)."))
    elif law is None or law.kind is not expected:
        codes = ", ".join(
            g.code
            for g in (
                rules.DEFERMENT_GROUNDS if expected is rules.GroundKind.DEFERMENT else rules.EXEMPTION_GROUNDS
            )
        )
        problems.append(
            FieldProblem("ground", f"Căn cứ “{data.ground}” không hợp lệ; chọn một trong: {codes}.")
        )
    valid_from = data.valid_from or data.decided_on
    if data.kind == ReliefKind.DEFERMENT and data.valid_until is None:
        problems.append(FieldProblem("valid_until", "Tạm hoãn phải có thời hạn (đến ngày)."))
    if data.valid_until is not None and data.valid_until < valid_from:
        problems.append(FieldProblem("valid_until", "Ngày hết hạn phải sau ngày có hiệu lực."))
    if data.volunteer and law is not None and not law.waivable:
        problems.append(
            FieldProblem("volunteer", f"Không áp dụng tình nguyện với căn cứ {law.code} ({law.label}).")
        )
    if problems:
        raise DomainError(problems)
    decider = rules.authority(rules.Act.RELIEF_DECISION, data.decided_on)
    citizen = data.citizen
    relief = Relief(
        citizen=citizen,
        commune_id=citizen.commune_id,
        unit_path=citizen.unit_path,
        kind=data.kind,
        intake_year=data.intake_year,
        ground=law.code if law else data.ground,
        evidence=data.evidence.strip()[:255],
        valid_from=valid_from,
        valid_until=data.valid_until,
        volunteer=data.volunteer,
        decision_number=data.decision_number.strip()[:40],
        decided_on=data.decided_on,
        decider_title=decider.signer,
        signer_name=data.signer_name.strip()[:100],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    relief.save()
    _record(actor, f"conscription.{data.kind}.decided", relief, RELIEF_FIELDS)
    return relief


@transaction.atomic
def end_relief(*, actor: Any, relief: Relief, ended_on: dt.date, reason: str) -> Relief:
    """A deferment ends with its reason (Art. 41(3)): the citizen returns to the pool from that day."""
    if not can_see_path(actor, relief.unit_path):
        raise _problem("relief", "Không tìm thấy quyết định trong phạm vi của bạn.")
    if not reason.strip():
        raise _problem("end_reason", "Ghi lý do chấm dứt tạm hoãn, miễn.")
    if ended_on < relief.valid_from:
        raise _problem("ended_on", "Ngày chấm dứt không được trước ngày có hiệu lực.")
    relief = Relief.objects.select_for_update().get(pk=relief.pk)
    before = audit.snapshot(relief, RELIEF_FIELDS)
    relief.ended_on = ended_on
    relief.end_reason = reason.strip()[:255]
    # The rule reads validity; the last day of validity becomes the day before the end.
    last_day = ended_on - dt.timedelta(days=1)
    if relief.valid_until is None or relief.valid_until > last_day:
        relief.valid_until = max(last_day, relief.valid_from)
    relief.save()
    _record(actor, f"conscription.{relief.kind}.ended", relief, RELIEF_FIELDS, before=before)
    return relief


POSTING_FIELDS = [
    "commune",
    "intake_year",
    "decision_number",
    "decided_on",
    "posted_from",
    "posted_until",
    "places",
]


@transaction.atomic
def post_list(
    *, actor: Any, commune: Unit, intake_year: int, decision_number: str, decided_on: dt.date
) -> Posting:
    """Post the commune's deferments and exemptions of the year for the days and at the places in force."""
    _check_unit(actor, commune)
    reliefs = Relief.objects.filter(unit_path=commune.path, intake_year=intake_year, posting__isnull=True)
    if not reliefs.exists():
        raise _problem(
            "intake_year", f"Không có trường hợp tạm hoãn, miễn nào năm {intake_year} chưa niêm yết."
        )
    if not decision_number.strip():
        raise _problem("decision_number", "Ghi số quyết định được niêm yết.")
    rule = rules.posting_rule(decided_on)
    posting = Posting(
        commune=commune,
        unit_path=commune.path,
        intake_year=intake_year,
        decision_number=decision_number.strip()[:40],
        decided_on=decided_on,
        posted_from=decided_on,
        posted_until=decided_on + dt.timedelta(days=rule.days - 1),
        places=list(rule.places),
        article=rule.article,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    posting.save()
    count = reliefs.update(posting=posting)
    _record(actor, "conscription.posting.created", posting, POSTING_FIELDS, note=f"{count} trường hợp")
    return posting


@transaction.atomic
def receive_complaint(
    *,
    actor: Any,
    posting: Posting,
    received_on: dt.date,
    complainant: str,
    content: str,
    relief: Relief | None = None,
) -> Complaint:
    """A complaint about the posted list: only while it is posted."""
    _check_unit(actor, posting.commune)
    if not (posting.posted_from <= received_on <= posting.posted_until):
        raise _problem(
            "received_on",
            f"Chỉ nhận phản ánh trong thời gian niêm yết ({posting.posted_from:%d/%m/%Y}–"
            f"{posting.posted_until:%d/%m/%Y}).",
        )
    if not complainant.strip() or not content.strip():
        raise _problem("content", "Ghi người phản ánh và nội dung.")
    complaint = Complaint(
        posting=posting,
        relief=relief,
        commune=posting.commune,
        unit_path=posting.unit_path,
        received_on=received_on,
        complainant=complainant.strip()[:100],
        content=content.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    complaint.save()
    _record(
        actor,
        "conscription.complaint.received",
        complaint,
        ["posting", "relief", "received_on", "complainant", "content"],
    )
    return complaint


@transaction.atomic
def resolve_complaint(
    *, actor: Any, complaint: Complaint, resolved_on: dt.date, resolution: str
) -> Complaint:
    _check_unit(actor, complaint.commune)
    if not resolution.strip():
        raise _problem("resolution", "Ghi kết quả giải quyết.")
    before = audit.snapshot(complaint, ["resolution", "resolved_on"])
    complaint.resolution = resolution.strip()
    complaint.resolved_on = resolved_on
    complaint.save(update_fields=["resolution", "resolved_on"])
    _record(actor, "conscription.complaint.resolved", complaint, ["resolution", "resolved_on"], before=before)
    return complaint
