"""Emulation and award lists as Excel workbooks in the layouts communes keep: the year's award decisions
with their recipient lines, the nominations, and the review conferences with what was awarded at each.

Each list reads the scoped selectors (so an officer gets exactly the records of the units he may see),
restricted to the unit he works in, and is written in openpyxl's streaming mode: the issuing body and the
national title, the list's title with the year and the unit, the header row, then the rows — in a fixed
number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Min, QuerySet

from qpdp.awards import rules, selectors
from qpdp.awards.choices import ConferenceKind, DecisionStatus, NominationStatus
from qpdp.awards.models import Award, AwardDecision, Conference, Nomination
from qpdp.core.spreadsheets import YearList
from qpdp.org.exports import ExportScope, in_scope, year_sheet

_KIND_LABELS = {kind.value: label for kind, label in rules.RECIPIENT_KIND_LABELS.items()}
_ISSUER_LABELS = {issuer.value: label for issuer, label in rules.ISSUER_LABELS.items()}
_NOMINATION_STATUSES = dict(NominationStatus.choices)
_CONFERENCE_KINDS = dict(ConferenceKind.choices)


# -- the year's decisions with their lines ---------------------------------------------------------------

DECISION_COLUMNS = (
    ("STT", 6),
    ("Đối tượng", 12),
    ("Tên tập thể, cá nhân, hộ gia đình", 30),
    ("Chức vụ, đơn vị, địa chỉ", 26),
    ("Hình thức, danh hiệu", 22),
    ("Kỳ thành tích", 11),
    ("Thành tích", 40),
    ("Tiền thưởng (đồng)", 14),
    ("Ghi chú", 24),
)
DECISION_LIST = YearList(
    "Khen thưởng",
    "Danh sách tập thể, cá nhân được khen thưởng",
    DECISION_COLUMNS,
    wrap=(2, 3, 6, 8),
    money=(7,),
)


def award_rows(*, user: Any, scope: ExportScope, year: int) -> QuerySet[Award]:
    """The lines of the signed decisions of `year` given by bodies under the scope (revoked ones too,
    marked), decision by decision in date order, collectives first."""
    lines = in_scope(selectors.awards(user, include_revoked=True), scope)
    return lines.filter(decision__year=year).order_by(
        "decision__decided_on", "decision_id", "recipient_kind", "id"
    )


def _decision_heading(decision: AwardDecision, counts: dict[str, set[str]]) -> str:
    phrase = rules.award_phrase(
        len(counts.get(rules.RecipientKind.COLLECTIVE, set())),
        len(counts.get(rules.RecipientKind.INDIVIDUAL, set())),
        len(counts.get(rules.RecipientKind.HOUSEHOLD, set())),
    )
    day = f"{decision.decided_on:%d/%m/%Y}"
    return f"Quyết định số {decision.number} ngày {day} của {decision.issuing_body}: {phrase}"


def decisions_workbook(
    *, user: Any, scope: ExportScope, year: int, today: dt.date
) -> tempfile.SpooledTemporaryFile[bytes]:
    """The award decisions of the year, each headed by its number, date, body and "2 tập thể, 3 cá
    nhân", then its recipients; a revoked award is kept and marked."""
    sheet = year_sheet(DECISION_LIST, year, scope=scope, today=today)
    lines = list(award_rows(user=user, scope=scope, year=year))
    # The heading of a decision counts its distinct recipients (not revoked), as the decision states them.
    counts: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for line in lines:
        if line.revoked_on is None:
            counts[line.decision_id][line.recipient_kind].add(line.recipient_key)
    current: int | None = None
    number = 0
    for line in lines:
        if line.decision_id != current:
            current, number = line.decision_id, 0
            sheet.group(_decision_heading(line.decision, counts[line.decision_id]))
        number += 1
        note = ""
        if line.revoked_on is not None:
            note = f"Đã hủy bỏ ngày {line.revoked_on:%d/%m/%Y}"
            if line.revocation_number:
                note += f" (QĐ {line.revocation_number})"
        sheet.row(
            [
                number,
                _KIND_LABELS.get(line.recipient_kind, line.recipient_kind),
                line.recipient_name,
                line.recipient_detail,
                line.form_name,
                line.period_code,
                line.achievement,
                line.money,
                note,
            ]
        )
    return sheet.finish()


# -- nominations ---------------------------------------------------------------------------------------

NOMINATION_COLUMNS = (
    ("STT", 6),
    ("Ngày đề nghị", 12),
    ("Đơn vị đề nghị", 20),
    ("Đối tượng", 12),
    ("Tên tập thể, cá nhân, hộ gia đình", 28),
    ("Chức vụ, đơn vị, địa chỉ", 24),
    ("Hình thức đề nghị", 22),
    ("Cấp khen thưởng", 22),
    ("Kỳ thành tích", 11),
    ("Thành tích", 36),
    ("Tình trạng", 20),
    ("Ngày xét", 12),
    ("Ý kiến hội đồng", 30),
)
NOMINATION_LIST = YearList(
    "Đề nghị khen thưởng", "Danh sách đề nghị khen thưởng", NOMINATION_COLUMNS, wrap=(4, 5, 9, 12)
)


def nomination_rows(
    *, user: Any, scope: ExportScope, year: int, status: str | None = None
) -> QuerySet[Nomination]:
    """The nominations proposed in `year` by units under the scope, in date order."""
    rows = in_scope(selectors.nominations(user, status=status), scope)
    return rows.filter(proposed_on__year=year).order_by("proposed_on", "unit_path", "id")


def nominations_workbook(
    *, user: Any, scope: ExportScope, year: int, today: dt.date, status: str | None = None
) -> tempfile.SpooledTemporaryFile[bytes]:
    """The year's nominations with where each stands (proposed, agreed, decided, refused, returned)."""
    sheet = year_sheet(NOMINATION_LIST, year, scope=scope, today=today)
    for number, n in enumerate(
        nomination_rows(user=user, scope=scope, year=year, status=status).iterator(2000), 1
    ):
        sheet.row(
            [
                number,
                n.proposed_on,
                n.unit.name,
                _KIND_LABELS.get(n.recipient_kind, n.recipient_kind),
                n.recipient_name,
                n.recipient_detail,
                n.form_name,
                _ISSUER_LABELS.get(n.issuer, n.issuer),
                n.period_code,
                n.achievement,
                _NOMINATION_STATUSES.get(n.status, n.status),
                n.reviewed_on,
                n.review_opinion,
            ]
        )
    return sheet.finish()


# -- conferences ---------------------------------------------------------------------------------------

CONFERENCE_COLUMNS = (
    ("STT", 6),
    ("Ngày", 12),
    ("Hội nghị", 40),
    ("Loại", 12),
    ("Kỳ", 11),
    ("Đơn vị", 20),
    ("Địa điểm", 24),
    ("Chủ trì", 24),
    ("Khen thưởng tại hội nghị", 48),
)
CONFERENCE_LIST = YearList("Hội nghị", "Hội nghị sơ kết, tổng kết", CONFERENCE_COLUMNS, wrap=(2, 8))


def conference_rows(
    *, user: Any, scope: ExportScope, year: int, kind: str | None = None
) -> QuerySet[Conference]:
    """The review conferences held in `year` by units under the scope (of one kind if given)."""
    rows = in_scope(selectors.conferences(user, kind=kind), scope)
    return rows.filter(held_on__year=year).order_by("held_on", "unit_path", "id")


def award_sentences(conference_ids: Sequence[int]) -> dict[int, str]:
    """Per conference, "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân; Bộ CHQS tỉnh … khen thưởng …":
    the distinct recipients of its signed, not revoked awards per issuing body — one query for all."""
    rows = (
        Award.objects.filter(
            decision__conference_id__in=list(conference_ids),
            decision__status=DecisionStatus.SIGNED,
            revoked_on__isnull=True,
        )
        .values("decision__conference_id", "decision__issuing_body", "recipient_kind")
        .annotate(n=Count("recipient_key", distinct=True), first=Min("decision__decided_on"))
        .order_by()
    )
    bodies: dict[int, dict[str, tuple[dt.date, dict[str, int]]]] = defaultdict(dict)
    for row in rows:
        conference, body = row["decision__conference_id"], row["decision__issuing_body"]
        first, counted = bodies[conference].get(body, (row["first"], {}))
        counted[row["recipient_kind"]] = row["n"]
        bodies[conference][body] = (min(first, row["first"]), counted)
    sentences = {}
    for conference, by_body in bodies.items():
        parts = []
        for body, (_, counted) in sorted(by_body.items(), key=lambda item: (item[1][0], item[0])):
            phrase = rules.award_phrase(
                counted.get(rules.RecipientKind.COLLECTIVE, 0),
                counted.get(rules.RecipientKind.INDIVIDUAL, 0),
                counted.get(rules.RecipientKind.HOUSEHOLD, 0),
            )
            parts.append(f"{body} khen thưởng {phrase}")
        sentences[conference] = "; ".join(parts)
    return sentences


def conferences_workbook(
    *, user: Any, scope: ExportScope, year: int, today: dt.date, kind: str | None = None
) -> tempfile.SpooledTemporaryFile[bytes]:
    """The review conferences held in the year (of one kind if given), with who awarded how many at each."""
    sheet = year_sheet(CONFERENCE_LIST, year, scope=scope, today=today)
    conferences = list(conference_rows(user=user, scope=scope, year=year, kind=kind))
    sentences = award_sentences([c.pk for c in conferences])
    for number, c in enumerate(conferences, start=1):
        chair = ", ".join(part for part in (c.chair_name, c.chair_title) if part)
        sheet.row(
            [
                number,
                c.held_on,
                c.title,
                _CONFERENCE_KINDS.get(c.kind, c.kind),
                c.period_code,
                c.unit.name,
                c.place,
                chair,
                sentences.get(c.pk, ""),
            ]
        )
    return sheet.finish()
