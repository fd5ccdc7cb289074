"""Properties of the award rules, for every nomination drawn here (any issuer, form, recipient kind,
decision date 2000–2030, period, held titles and forms already given for the achievement):

- `check_nomination` is pure: the same answer twice;
- it answers only refusals, each with a Vietnamese message (NFC) and never an empty one;
- the order of `prior` and of `same_achievement_forms` does not matter;
- a refused authority stays refused whatever the other facts: its verdict is in the answer, unchanged;
- `may_award` agrees with `forms_for`, and refuses every issuer that is not in force;
- the authority table has one row per issuer and day from 01/07/2004 while the issuer exists, no overlap;
- from 01/01/2024 to 30/06/2025 the commune chairman holds exactly Art. 80(3) of the 2022 law [V, S39a];
- `award_phrase` says each count once, in the order tập thể, cá nhân, hộ gia đình.

No database: these are pure functions.
"""

from __future__ import annotations

import datetime as dt
import random as random_module
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from qpdp.awards import rules
from qpdp.awards.rules import (
    AUTHORITY_RULES,
    FORMS,
    Issuer,
    NominationFacts,
    PriorAward,
    RecipientKind,
    award_phrase,
    check_nomination,
    forms_for,
    issuer_in_force,
    may_award,
)

D = dt.date
QUICK = settings(deadline=None, database=None)  # default example count; nothing written to disk

CODES = sorted(FORMS)
codes = st.sampled_from([*CODES, "huan_chuong"])  # an unknown code now and then
days = st.dates(D(2000, 1, 1), D(2030, 12, 31))
# Around the three changes, where the answers turn.
edges = st.sampled_from([D(2004, 7, 1), D(2024, 1, 1), D(2025, 7, 1)]).flatmap(
    lambda day: st.integers(-3, 3).map(lambda shift: day + dt.timedelta(days=shift))
)
decision_days = st.one_of(days, edges)
years = st.integers(2018, 2030)
periods = st.one_of(years.map(str), st.sampled_from(["90N-2024", "QT-2025"]))
priors = st.builds(PriorAward, form_code=st.sampled_from(CODES), year=years, period_code=periods)

nominations = st.builds(
    NominationFacts,
    issuer=st.sampled_from(list(Issuer)),
    form_code=codes,
    recipient_kind=st.sampled_from(list(RecipientKind)),
    decided_on=decision_days,
    period_code=periods,
    achievement_year=years,
    prior=st.lists(priors, max_size=6).map(tuple),
    same_achievement_forms=st.lists(st.sampled_from(CODES), max_size=3).map(tuple),
)


def reorder(facts: NominationFacts, prior: list[PriorAward], same: list[str]) -> NominationFacts:
    return NominationFacts(
        facts.issuer,
        facts.form_code,
        facts.recipient_kind,
        facts.decided_on,
        facts.period_code,
        facts.achievement_year,
        tuple(prior),
        tuple(same),
    )


@QUICK
@given(nominations)
def test_check_nomination_is_pure_and_answers_only_refusals(facts: NominationFacts) -> None:
    first = check_nomination(facts)
    assert check_nomination(facts) == first
    for verdict in first:
        assert not verdict.allowed
        assert verdict.message
        assert verdict.message == unicodedata.normalize("NFC", verdict.message)
        assert verdict.message.endswith(".")


@QUICK
@given(nominations, st.randoms(use_true_random=False))
def test_the_order_of_prior_and_same_achievement_forms_does_not_matter(
    facts: NominationFacts, random: random_module.Random
) -> None:
    prior, same = list(facts.prior), list(facts.same_achievement_forms)
    random.shuffle(prior)
    random.shuffle(same)
    assert check_nomination(reorder(facts, prior, same)) == check_nomination(facts)


@QUICK
@given(nominations)
def test_a_refused_authority_stays_refused_whatever_the_other_facts(facts: NominationFacts) -> None:
    authority = may_award(facts.issuer, facts.form_code, facts.decided_on)
    if not authority.allowed:
        assert check_nomination(facts)[0] == authority


@QUICK
@given(st.sampled_from(list(Issuer)), st.sampled_from(CODES), decision_days)
def test_may_award_agrees_with_forms_for(issuer: Issuer, code: str, on: dt.date) -> None:
    verdict = may_award(issuer, code, on)
    assert verdict.allowed is (code in {form.code for form in forms_for(issuer, on)})
    if not issuer_in_force(issuer, on).allowed:
        assert not verdict.allowed
        assert forms_for(issuer, on) == []
    assert (verdict.message == "") is verdict.allowed


@QUICK
@given(st.sampled_from(list(Issuer)), days)
def test_one_authority_row_per_issuer_and_day(issuer: Issuer, on: dt.date) -> None:
    rows = [row for row in AUTHORITY_RULES if row.issuer is issuer and row.covers(on)]
    if on >= rules.LAW_2003_FROM and issuer_in_force(issuer, on).allowed:
        assert len(rows) == 1
    else:
        assert rows == []


@QUICK
@given(st.dates(D(2024, 1, 1), D(2025, 6, 30)))
def test_the_commune_chairman_holds_exactly_art_80_3_in_the_three_tier_years(on: dt.date) -> None:
    assert {form.code for form in forms_for(Issuer.COMMUNE_CHAIRMAN, on)} == {
        "lao_dong_tien_tien",
        "giay_khen",
        "gia_dinh_van_hoa",
    }


@QUICK
@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_award_phrase_says_each_count_once_in_order(
    collectives: int, individuals: int, households: int
) -> None:
    phrase = award_phrase(collectives, individuals, households)
    expected = [
        (count, label)
        for count, label in ((collectives, "tập thể"), (individuals, "cá nhân"), (households, "hộ gia đình"))
        if count
    ]
    said = [
        (int(number.replace(".", "")), label)
        for number, label in re.findall(r"([\d.]+) (tập thể|cá nhân|hộ gia đình)", phrase)
    ]
    assert said == expected
    assert (phrase == "") is (not expected)
