"""Reads of emulation and awards: scoped lists and records, conference summaries, recipients' earlier
awards, and the per-commune counts the indicators use.

Where a figure hangs in the tree. A decision, and each of its award lines, hangs at the path of the
unit that issued it (a commune's People's Committee at the commune, the provincial command at the
province). "Awards per commune" therefore means, by default (`by="issuer"`), the awards each
commune's own bodies gave: a decision of the province is counted at the province node (and above),
never inside one of its communes, so a province's total is every award given in the province by any
of its levels, counted once. The other reading, the awards a commune's people and collectives
received from any level, is `by="recipient"`: each line is counted at its recipient's commune (a
citizen's commune, a village's commune, the proposing unit for someone outside the register).
Revoked awards and draft decisions never count. Each award line counts once (a person given two
forms counts twice); a conference's summary counts distinct recipients per issuing body instead,
as the articles write it ("khen thưởng 2 tập thể, 3 cá nhân").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Count, Prefetch, Q, QuerySet

from qpdp.awards import rules
from qpdp.awards.choices import OPEN_NOMINATION, DecisionStatus
from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination, Pledge
from qpdp.core.periods import Period
from qpdp.core.text import fold
from qpdp.org.scope import NATION_PATH, get_visible_or_404, prefix_filter, scope_paths, visible_to

KEY_LENGTH = 230

# A recipient's key: who they are across nominations and awards (kind first: a person and the
# household they head are different recipients).


def recipient_key(
    kind: str, *, citizen_id: int | None = None, unit_id: int | None = None, name: str = ""
) -> str:
    """`individual:c12`, `collective:u7` or `household:n:nguyen van an` (a name outside the register,
    folded: case, spacing and diacritics do not separate two spellings of one name)."""
    if citizen_id is not None:
        return f"{kind}:c{citizen_id}"
    if unit_id is not None:
        return f"{kind}:u{unit_id}"
    return f"{kind}:n:{fold(name)}"[:KEY_LENGTH]


def is_name_key(key: str) -> bool:
    return ":n:" in key


def same_line(path: str, other: str) -> bool:
    """Whether one path lies under the other (or they are equal): the same branch of the tree."""
    return path.startswith(other) or other.startswith(path)


# -- lists and records -------------------------------------------------------------------------------


def campaigns(user: Any, *, status: str | None = None) -> QuerySet[Campaign]:
    queryset = visible_to(user, Campaign.objects.select_related("unit"))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-launched_on", "-id")


def campaign_detail(user: Any, campaign_id: int) -> Campaign:
    queryset = Campaign.objects.select_related("unit").prefetch_related(
        "participants", Prefetch("pledges", queryset=Pledge.objects.order_by("signed_on", "id"))
    )
    return get_visible_or_404(user, queryset, pk=campaign_id)


def nominations(
    user: Any,
    *,
    status: str | Iterable[str] | None = None,
    issuer: str | None = None,
    campaign_id: int | None = None,
    form_code: str | None = None,
) -> QuerySet[Nomination]:
    queryset = visible_to(
        user, Nomination.objects.select_related("unit", "recipient_unit", "recipient_citizen", "campaign")
    )
    if isinstance(status, str):
        queryset = queryset.filter(status=status)
    elif status is not None:
        queryset = queryset.filter(status__in=list(status))
    if issuer:
        queryset = queryset.filter(issuer=issuer)
    if campaign_id:
        queryset = queryset.filter(campaign_id=campaign_id)
    if form_code:
        queryset = queryset.filter(form_code=form_code)
    return queryset.order_by("-proposed_on", "-id")


def nomination_detail(user: Any, nomination_id: int) -> Nomination:
    queryset = Nomination.objects.select_related(
        "unit", "recipient_unit", "recipient_citizen", "campaign", "reviewer"
    )
    return get_visible_or_404(user, queryset, pk=nomination_id)


def decisions(user: Any, *, status: str | None = None, year: int | None = None) -> QuerySet[AwardDecision]:
    queryset = visible_to(
        user, AwardDecision.objects.select_related("issuing_unit", "campaign", "conference")
    ).annotate(line_count=Count("awards"))
    if status:
        queryset = queryset.filter(status=status)
    if year:
        queryset = queryset.filter(year=year)
    return queryset.order_by("-decided_on", "-id")


def _lines() -> QuerySet[Award]:
    return Award.objects.select_related("recipient_unit", "recipient_citizen", "nomination").order_by(
        "recipient_kind", "id"
    )


@dataclass(frozen=True)
class DecisionDetail:
    decision: AwardDecision
    lines: list[Award]
    summary: IssuerSummary


def decision_detail(user: Any, decision_id: int) -> DecisionDetail:
    """A decision with its recipient lines (collectives first) and its "khen thưởng …" phrase."""
    queryset = AwardDecision.objects.select_related(
        "issuing_unit", "campaign", "conference"
    ).prefetch_related(Prefetch("awards", queryset=_lines()))
    decision = get_visible_or_404(user, queryset, pk=decision_id)
    lines = list(decision.awards.all())
    counted = _count_kinds((a.recipient_kind, a.recipient_key) for a in lines if a.revoked_on is None)
    return DecisionDetail(decision, lines, _summary(decision.issuing_body, decision.issuer, counted))


def award_detail(user: Any, award_id: int) -> Award:
    """One award line of a decision in the user's scope (a draft's too), with its decision."""
    queryset = Award.objects.select_related("decision", "recipient_unit")
    return get_visible_or_404(user, queryset, pk=award_id)


def awards(
    user: Any,
    *,
    form_code: str | None = None,
    recipient_kind: str | None = None,
    include_revoked: bool = False,
) -> QuerySet[Award]:
    """Award lines given by bodies in the user's scope."""
    queryset = visible_to(
        user,
        Award.objects.select_related("decision", "recipient_unit", "recipient_citizen").filter(
            decision__status=DecisionStatus.SIGNED
        ),
    )
    if not include_revoked:
        queryset = queryset.filter(revoked_on__isnull=True)
    if form_code:
        queryset = queryset.filter(form_code=form_code)
    if recipient_kind:
        queryset = queryset.filter(recipient_kind=recipient_kind)
    return queryset.order_by("-decision__decided_on", "id")


def awards_received(user: Any) -> QuerySet[Award]:
    """Award lines whose recipients belong to the user's scope, whoever gave them (a province's
    decision for a commune's militia platoon shows in the commune)."""
    paths = scope_paths(user)
    queryset = Award.objects.select_related("decision").filter(decision__status=DecisionStatus.SIGNED)
    if not paths:
        return queryset.none()
    if NATION_PATH not in paths:
        queryset = queryset.filter(prefix_filter("recipient_path", paths))
    return queryset.order_by("-decision__decided_on", "id")


def prior_awards_of(
    user: Any,
    *,
    recipient_kind: str,
    citizen_id: int | None = None,
    unit_id: int | None = None,
    name: str = "",
    path: str = "",
) -> QuerySet[Award]:
    """A recipient's earlier awards that the user may see (revoked ones included, marked)."""
    key = recipient_key(recipient_kind, citizen_id=citizen_id, unit_id=unit_id, name=name)
    paths = scope_paths(user)
    queryset = Award.objects.select_related("decision").filter(
        recipient_key=key, decision__status=DecisionStatus.SIGNED
    )
    if not paths:
        return queryset.none()
    if NATION_PATH not in paths:
        queryset = queryset.filter(prefix_filter("unit_path", paths) | prefix_filter("recipient_path", paths))
    if is_name_key(key) and path:
        queryset = queryset.filter(
            Q(recipient_path__in=_ancestors(path)) | Q(recipient_path__startswith=path)
        )
    return queryset.order_by("-decision__decided_on", "id")


def conferences(
    user: Any, *, kind: str | None = None, period_code: str | None = None
) -> QuerySet[Conference]:
    queryset = visible_to(user, Conference.objects.select_related("unit"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if period_code:
        queryset = queryset.filter(period_code=period_code)
    return queryset.order_by("-held_on", "-id")


@dataclass(frozen=True)
class IssuerSummary:
    """What one issuing body awarded: distinct recipients by kind and the sentence an article writes."""

    issuing_body: str
    issuer: str
    collectives: int
    individuals: int
    households: int
    forms: tuple[str, ...] = ()  # the codes of the forms it gave, in code order

    @property
    def total(self) -> int:
        return self.collectives + self.individuals + self.households

    @property
    def counts(self) -> str:
        return rules.award_phrase(self.collectives, self.individuals, self.households)

    @property
    def given(self) -> str:
        """ "tặng giấy khen cho 2 tập thể, 3 cá nhân" when all was one form, else "khen thưởng 2 tập thể,
        3 cá nhân" (as the seed articles write it: "đã trao Giấy khen cho 14 tập thể và 26 cá nhân")."""
        form = rules.FORMS.get(self.forms[0]) if len(self.forms) == 1 else None
        if form is not None and form.phrase:
            return f"tặng {form.phrase} cho {self.counts}"
        return f"khen thưởng {self.counts}"

    @property
    def phrase(self) -> str:
        return f"{self.issuing_body} khen thưởng {self.counts}"


@dataclass(frozen=True)
class ConferenceDetail:
    conference: Conference
    decisions: Sequence[AwardDecision]
    summary: list[IssuerSummary]

    @property
    def phrase(self) -> str:
        """ "UBND xã An Bình khen thưởng 2 tập thể, 3 cá nhân; Bộ CHQS tỉnh … khen thưởng …"."""
        return "; ".join(line.phrase for line in self.summary if line.total)


def conference_detail(user: Any, conference_id: int) -> ConferenceDetail:
    queryset = Conference.objects.select_related("unit").prefetch_related("attending_units")
    conference = get_visible_or_404(user, queryset, pk=conference_id)
    presented = list(
        AwardDecision.objects.filter(conference=conference, status=DecisionStatus.SIGNED)
        .select_related("issuing_unit")
        .annotate(line_count=Count("awards", filter=Q(awards__revoked_on__isnull=True)))
        .order_by("decided_on", "id")
    )
    return ConferenceDetail(conference, presented, award_summary(conference, presented))


def _count_kinds(pairs: Iterable[tuple[str, str]]) -> dict[str, int]:
    seen: dict[str, set[str]] = defaultdict(set)
    for kind, key in pairs:
        seen[kind].add(key)
    return {kind: len(keys) for kind, keys in seen.items()}


def _summary(
    issuing_body: str, issuer: str, counted: Mapping[str, int], forms: Iterable[str] = ()
) -> IssuerSummary:
    return IssuerSummary(
        issuing_body=issuing_body,
        issuer=issuer,
        collectives=counted.get(rules.RecipientKind.COLLECTIVE, 0),
        individuals=counted.get(rules.RecipientKind.INDIVIDUAL, 0),
        households=counted.get(rules.RecipientKind.HOUSEHOLD, 0),
        forms=tuple(sorted(forms)),
    )


def award_summary(
    conference: Conference, presented: Sequence[AwardDecision] | None = None
) -> list[IssuerSummary]:
    """Per issuing body, the distinct recipients of the (signed, not revoked) awards presented at the
    conference, by kind, and the forms given, in the order of each body's first decision — three
    queries (two when the conference's signed decisions are given, in date order)."""
    presented_awards = Award.objects.filter(
        decision__conference=conference,
        decision__status=DecisionStatus.SIGNED,
        revoked_on__isnull=True,
    )
    rows = (
        presented_awards.values("decision__issuing_body", "decision__issuer", "recipient_kind")
        .annotate(n=Count("recipient_key", distinct=True))
        .order_by()
    )
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for body, issuer, form in presented_awards.values_list(
        "decision__issuing_body", "decision__issuer", "form_code"
    ).distinct():
        forms[(body, issuer)].add(form)
    if presented is None:
        order = list(
            AwardDecision.objects.filter(conference=conference, status=DecisionStatus.SIGNED)
            .order_by("decided_on", "id")
            .values_list("issuing_body", "issuer")
        )
    else:
        order = [(d.issuing_body, d.issuer) for d in presented]
    counted: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in rows:
        counted[(row["decision__issuing_body"], row["decision__issuer"])][row["recipient_kind"]] = row["n"]
    bodies = list(dict.fromkeys(order))
    return [
        _summary(body, issuer, counted.get((body, issuer), {}), forms.get((body, issuer), ()))
        for body, issuer in bodies
    ]


# -- what the rules need: a recipient's history, unscoped --------------------------------------------
# A province's award counts against a commune's nomination even though the commune cannot see the
# province's decision: the law looks at the whole history.


def _ancestors(path: str) -> list[str]:
    """ "VN/90/90001/" → ["VN/", "VN/90/", "VN/90/90001/"]."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


@dataclass(frozen=True)
class HistoryRow:
    key: str
    path: str
    form_code: str
    year: int
    period_code: str
    nomination_id: int | None = None


def _keep(
    rows: Iterable[HistoryRow], wanted: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[HistoryRow]]:
    by_key: dict[str, list[HistoryRow]] = defaultdict(list)
    for row in rows:
        by_key[row.key].append(row)
    result: dict[tuple[str, str], list[HistoryRow]] = {}
    for key, path in wanted:
        candidates = by_key.get(key, [])
        if is_name_key(key):
            # Two people of the same name in two communes are two people: a name outside the register
            # only matches on the same branch of the tree.
            candidates = [row for row in candidates if same_line(row.path, path)]
        result[(key, path)] = candidates
    return result


def award_history(wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[HistoryRow]]:
    """Each recipient's (key, path) earlier awards that still count: signed, not revoked. One query."""
    wanted = list(wanted)
    keys = {key for key, _ in wanted}
    rows = (
        HistoryRow(key, path, form, year, period)
        for key, path, form, year, period in Award.objects.filter(
            recipient_key__in=keys, revoked_on__isnull=True, decision__status=DecisionStatus.SIGNED
        ).values_list("recipient_key", "recipient_path", "form_code", "achievement_year", "period_code")
    )
    return _keep(rows, wanted)


def open_nominations(wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[HistoryRow]]:
    """Each recipient's nominations still waiting for an answer (proposed, or agreed and not decided)."""
    wanted = list(wanted)
    keys = {key for key, _ in wanted}
    rows = (
        HistoryRow(key, path, form, year, period, pk)
        for pk, key, path, form, year, period in Nomination.objects.filter(
            recipient_key__in=keys, status__in=OPEN_NOMINATION
        ).values_list("pk", "recipient_key", "recipient_path", "form_code", "achievement_year", "period_code")
    )
    return _keep(rows, wanted)


# -- per-commune counts for the indicators -----------------------------------------------------------

By = Literal["issuer", "recipient"]


# The award lines that count: of signed decisions, not revoked; each in the period of its decision's date.
COUNTED_AWARDS = Q(decision__status=DecisionStatus.SIGNED, revoked_on__isnull=True)
AWARD_DAY = "decision__decided_on"


def _in_period(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def award_records(
    scope_path: str,
    period: Period,
    *,
    form: str | Iterable[str] | None = None,
    issuer_level: str | None = None,
    recipient_kind: str | None = None,
    by: By = "issuer",
) -> QuerySet[Award]:
    """The award lines behind `award_counts`: signed decisions dated in the period, not revoked."""
    path_field = "unit_path" if by == "issuer" else "recipient_path"
    return Award.objects.filter(
        COUNTED_AWARDS,
        _in_period(AWARD_DAY, period),
        award_condition(form=form, issuer_level=issuer_level, recipient_kind=recipient_kind),
        **{f"{path_field}__startswith": scope_path},
    )


def award_condition(
    *,
    form: str | Iterable[str] | None = None,
    issuer_level: str | None = None,
    recipient_kind: str | None = None,
) -> Q:
    """The award lines of one form (or several), issuer level or recipient kind; Q() for all."""
    condition = Q()
    if isinstance(form, str):
        condition &= Q(form_code=form)
    elif form is not None:
        condition &= Q(form_code__in=list(form))
    if issuer_level:
        condition &= Q(
            decision__issuer__in=[i.value for i in rules.Issuer if rules.issuer_level(i) == issuer_level]
        )
    if recipient_kind:
        condition &= Q(recipient_kind=recipient_kind)
    return condition


def _grouped(queryset: QuerySet[Any], path_field: str) -> dict[str, int]:
    rows = queryset.order_by().values(path_field).annotate(n=Count("pk"))
    return {row[path_field]: row["n"] for row in rows}


def award_counts(
    scope_path: str,
    period: Period,
    *,
    form: str | Iterable[str] | None = None,
    issuer_level: str | None = None,
    recipient_kind: str | None = None,
    by: By = "issuer",
) -> dict[str, int]:
    """{path: award lines} under `scope_path` in the period — by the issuing unit's path (default) or
    the recipient's commune (see the module's note). One GROUP BY."""
    records = award_records(
        scope_path, period, form=form, issuer_level=issuer_level, recipient_kind=recipient_kind, by=by
    )
    return _grouped(records, "unit_path" if by == "issuer" else "recipient_path")


def campaign_records(scope_path: str, period: Period, *, reviewed: bool = False) -> QuerySet[Campaign]:
    """Campaigns launched in the period, or (`reviewed`) reviewed in it, by units under the path."""
    day = "reviewed_on" if reviewed else "launched_on"
    return Campaign.objects.filter(_in_period(day, period), unit_path__startswith=scope_path)


def campaign_counts(scope_path: str, period: Period, *, reviewed: bool = False) -> dict[str, int]:
    return _grouped(campaign_records(scope_path, period, reviewed=reviewed), "unit_path")


def pledge_records(scope_path: str, period: Period) -> QuerySet[Pledge]:
    """Pledges signed in the period, at the launching unit of their campaign."""
    return Pledge.objects.filter(_in_period("signed_on", period), unit_path__startswith=scope_path)


def pledge_counts(scope_path: str, period: Period) -> dict[str, int]:
    return _grouped(pledge_records(scope_path, period), "unit_path")


def conference_records(scope_path: str, period: Period, *, kind: str | None = None) -> QuerySet[Conference]:
    """Review conferences held in the period, at the unit they reviewed."""
    queryset = Conference.objects.filter(_in_period("held_on", period), unit_path__startswith=scope_path)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def conference_counts(scope_path: str, period: Period, *, kind: str | None = None) -> dict[str, int]:
    return _grouped(conference_records(scope_path, period, kind=kind), "unit_path")
