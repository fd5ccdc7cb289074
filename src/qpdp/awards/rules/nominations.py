"""Checking one nomination: every refusal that applies — authority, era, recipient kind, the title's
conditions (earlier titles), the same title twice for one period, one achievement rewarded twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from qpdp.awards.rules import law
from qpdp.awards.rules.authority import may_award
from qpdp.awards.rules.forms import FORMS, UNKNOWN_FORM, AwardForm, RecipientKind, recipient_allowed
from qpdp.awards.rules.issuers import Issuer
from qpdp.awards.rules.law import Verdict


@dataclass(frozen=True)
class PriorAward:
    """A title or award the recipient already holds: its form, the year of the achievement, its period
    ("2024", or a campaign's code)."""

    form_code: str
    year: int
    period_code: str


@dataclass(frozen=True)
class NominationFacts:
    issuer: Issuer
    form_code: str
    recipient_kind: RecipientKind
    decided_on: dt.date
    period_code: str  # "2024" or a campaign's code
    achievement_year: int
    prior: tuple[PriorAward, ...]
    # Forms already given for this same achievement (the principle: one achievement, one form).
    same_achievement_forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prerequisite:
    """A title that needs earlier titles: one of `any_of` in each of the `years` consecutive years ending
    with the year of the achievement."""

    any_of: tuple[str, ...]
    years: int
    article: str  # the 2022 law (decisions from 01/01/2024)
    article_before_2024: str


PREREQUISITES: dict[str, Prerequisite] = {
    # CSTĐCS: "đạt tiêu chuẩn danh hiệu Lao động tiên tiến hoặc Chiến sĩ tiên tiến" of the same year
    # [C, Art. 23 of the 2022 law; old Art. 23, ND 91/2017 Art. 9(3)]. The initiative (or excellent
    # performance) it also needs is judged by the council, not here.
    "chien_si_thi_dua_co_so": Prerequisite(
        ("lao_dong_tien_tien", "chien_si_tien_tien"),
        1,
        law.ART_23_2022,
        f"{law.ART_23_2003}; {law.ND_91_2017_ART_9_3}",
    ),
    # CSTĐ of the province: "03 lần liên tục được tặng danh hiệu Chiến sĩ thi đua cơ sở" [C, baoyenbai on
    # the 2022 law; old Art. 22, toaan.gov.vn]; the third is the year considered [I].
    "chien_si_thi_dua_cap_tinh": Prerequisite(("chien_si_thi_dua_co_so",), 3, law.LAW_2022, law.ART_22_2003),
}

# Titles built on another of the same year (the council picks CSTĐCS among LĐTT, TTLĐXS among TTLĐTT
# [C, old Art. 27-28]): giving both for one year is the ladder, not one achievement rewarded twice.
LADDER: dict[str, frozenset[str]] = {
    "chien_si_thi_dua_co_so": frozenset({"lao_dong_tien_tien", "chien_si_tien_tien"}),
    "chien_si_thi_dua_cap_tinh": frozenset({"chien_si_thi_dua_co_so"}),
    "tap_the_lao_dong_xuat_sac": frozenset({"tap_the_lao_dong_tien_tien"}),
    "don_vi_quyet_thang": frozenset({"don_vi_tien_tien"}),
}

RECIPIENT_SUBJECT: dict[RecipientKind, str] = {
    RecipientKind.COLLECTIVE: "Tập thể này",
    RecipientKind.INDIVIDUAL: "Cá nhân này",
    RecipientKind.HOUSEHOLD: "Hộ gia đình này",
}

ACHIEVEMENT_AFTER_DECISION = (
    "Năm thành tích {year} sau ngày quyết định {day}: chỉ khen thưởng thành tích đã đạt được ({article})."
)
PREREQUISITE_ONE_YEAR = "Chưa đủ điều kiện tặng {form}: cần đạt {needed} năm {year} ({article})."
PREREQUISITE_YEARS = (
    "Chưa đủ điều kiện tặng {form}: cần {count:02d} lần liên tục đạt {needed} ({years}), "
    "còn thiếu năm {missing} ({article})."
)
ALREADY_AWARDED = "{subject} đã được tặng {form} {period} ({article})."
SAME_FORM_SAME_ACHIEVEMENT = "Thành tích này đã được tặng {form} ({article})."
TWO_FORMS_ONE_ACHIEVEMENT = (
    "Thành tích này đã được khen thưởng bằng {other}; không khen thưởng nhiều hình thức cho một thành tích "
    "({article})."
)


def check_nomination(facts: NominationFacts) -> list[Verdict]:
    """Every refusal that applies to the nomination (empty: it may be decided), judged by the rules in
    force on `decided_on`. The answer does not depend on the order of `prior` or `same_achievement_forms`."""
    form = FORMS.get(facts.form_code)
    if form is None:
        return [law.refused(UNKNOWN_FORM.format(code=facts.form_code), "")]
    new_law = facts.decided_on >= law.LAW_2022_FROM
    principle = law.PRINCIPLE_2022 if new_law else law.PRINCIPLE_2003
    refusals = [
        verdict
        for verdict in (
            may_award(facts.issuer, facts.form_code, facts.decided_on),
            recipient_allowed(facts.form_code, facts.recipient_kind),
        )
        if not verdict.allowed
    ]
    if facts.achievement_year > facts.decided_on.year:
        message = ACHIEVEMENT_AFTER_DECISION.format(
            year=facts.achievement_year, day=law.date_text(facts.decided_on), article=principle
        )
        refusals.append(law.refused(message, principle))
    if (missing := _prerequisite_refusal(facts, form, new_law)) is not None:
        refusals.append(missing)
    duplicate = _duplicate_refusal(facts, form, principle)
    if duplicate is not None:
        refusals.append(duplicate)
    refusals.extend(_two_forms_refusals(facts, form, principle, reported_duplicate=duplicate is not None))
    return refusals


def _phrase(code: str) -> str:
    form = FORMS.get(code)
    return form.phrase if form else f"“{code}”"


def _titles_text(codes: Iterable[str]) -> str:
    """'danh hiệu “Lao động tiên tiến” hoặc “Chiến sĩ tiên tiến”'."""
    names = [f"“{FORMS[code].name}”" for code in codes]
    return "danh hiệu " + " hoặc ".join(names)


def _prerequisite_refusal(facts: NominationFacts, form: AwardForm, new_law: bool) -> Verdict | None:
    rule = PREREQUISITES.get(form.code)
    if rule is None:
        return None
    last = facts.achievement_year
    needed = set(range(last - rule.years + 1, last + 1))
    held = {prior.year for prior in facts.prior if prior.form_code in rule.any_of}
    if any(code in rule.any_of for code in facts.same_achievement_forms):
        held.add(last)
    missing = sorted(needed - held)
    if not missing:
        return None
    article = rule.article if new_law else rule.article_before_2024
    if rule.years == 1:
        message = PREREQUISITE_ONE_YEAR.format(
            form=form.phrase, needed=_titles_text(rule.any_of), year=last, article=article
        )
    else:
        message = PREREQUISITE_YEARS.format(
            form=form.phrase,
            count=rule.years,
            needed=_titles_text(rule.any_of),
            years=", ".join(str(year) for year in sorted(needed)),
            missing=", ".join(str(year) for year in missing),
            article=article,
        )
    return law.refused(message, article)


def _is_year(period_code: str) -> bool:
    return len(period_code) == 4 and period_code.isdigit()


def _duplicate_refusal(facts: NominationFacts, form: AwardForm, principle: str) -> Verdict | None:
    """The same form for the same period (or, for a yearly title, the same year) is already held."""
    for prior in facts.prior:
        same_period = prior.period_code == facts.period_code
        same_year = form.yearly and prior.year == facts.achievement_year
        if prior.form_code == form.code and (same_period or same_year):
            break
    else:
        return None
    if form.yearly:
        period = f"năm {facts.achievement_year}"
    elif _is_year(facts.period_code):
        period = f"năm {facts.period_code}"
    else:
        period = f"trong đợt “{facts.period_code}”"
    message = ALREADY_AWARDED.format(
        subject=RECIPIENT_SUBJECT[facts.recipient_kind], form=form.phrase, period=period, article=principle
    )
    return law.refused(message, principle)


def _on_ladder(first: str, second: str) -> bool:
    """Whether one title is built on the other (transitively: CSTĐ cấp tỉnh on CSTĐCS on LĐTT)."""
    return second in _below(first) or first in _below(second)


def _below(code: str) -> set[str]:
    seen: set[str] = set()
    todo = list(LADDER.get(code, ()))
    while todo:
        lower = todo.pop()
        if lower not in seen:
            seen.add(lower)
            todo.extend(LADDER.get(lower, ()))
    return seen


def _catalogue_order(code: str) -> tuple[int, str]:
    order = list(FORMS)
    return (order.index(code) if code in FORMS else len(order), code)


def _two_forms_refusals(
    facts: NominationFacts, form: AwardForm, principle: str, *, reported_duplicate: bool
) -> list[Verdict]:
    """Law 2022 principles [V, S39b]: one achievement is not rewarded several times or with several forms."""
    refusals = []
    for other in sorted(set(facts.same_achievement_forms), key=_catalogue_order):
        if other == form.code:
            if not reported_duplicate:
                message = SAME_FORM_SAME_ACHIEVEMENT.format(form=form.phrase, article=principle)
                refusals.append(law.refused(message, principle))
        elif not _on_ladder(form.code, other):
            message = TWO_FORMS_ONE_ACHIEVEMENT.format(other=_phrase(other), article=principle)
            refusals.append(law.refused(message, principle))
    return refusals
