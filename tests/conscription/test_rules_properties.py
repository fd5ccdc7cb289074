"""Properties of the NVQS status rule (`pool_status`) and the age arithmetic it relies on.

What holds, for every citizen and reference date drawn here (men and women born 1990–2012, any
registration, bars and reliefs with every ground of `rules.GROUNDS` and random dates, any health fact
and progress, reference dates 2020–2030):

- `pool_status` is pure: the same answer twice, and its frozen inputs are unchanged;
- its status is always a `Status`, its article and explanation are never empty; only `ground` is left
  empty on purpose — it names a ground exactly when a ground answers (excluded, exempt, deferred, or
  eligible because a volunteer waived one);
- the order of the bars and of the reliefs does not matter, whatever their kinds, grounds and dates:
  the whole answer (status, ground, article, explanation) is the same for every permutation;
- a woman's answer reads nothing but her sex;
- age is monotonic: too young at a date means too young at every earlier date, and (without a study
  deferment) over age means over age at every later date;
- `latest_birth_for_age` is the date form of `age_on`, and `callup_age` agrees with `age_on`.

No database: these are pure functions.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from qpdp.conscription import rules
from qpdp.conscription.rules import (
    BarFact,
    CitizenFacts,
    GroundKind,
    HealthFact,
    PoolStatus,
    ReliefFact,
    Status,
    age_on,
    callup_age,
    latest_birth_for_age,
    pool_status,
)

D = dt.date
DAY = dt.timedelta(days=1)
QUICK = settings(deadline=None, database=None)  # default example count; nothing written to disk

births = st.dates(D(1990, 1, 1), D(2012, 12, 31))
references = st.dates(D(2020, 1, 1), D(2030, 12, 31))
record_dates = st.dates(D(2005, 1, 1), D(2032, 12, 31))
codes = st.sampled_from(sorted(rules.GROUNDS))


def mostly(value: bool) -> st.SearchStrategy[bool]:
    """`value` four times in five, so that draws reach the later tests of the rule."""
    return st.integers(0, 4).map(lambda n: value if n else not value)


reliefs = st.builds(
    ReliefFact,
    ground=codes,
    valid_from=record_dates,
    valid_until=st.none() | record_dates,
    volunteer=st.booleans(),
)
bars = st.builds(BarFact, ground=codes, valid_from=record_dates, valid_until=st.none() | record_dates)
health_facts = st.none() | st.builds(
    HealthFact,
    health_type=st.integers(1, 6),
    callable=st.booleans(),
    examined_on=record_dates,
    reasons=st.lists(
        st.sampled_from(["Cận thị trên 1,5 đi-ốp.", "Viễn thị.", "Sức khỏe loại 4."]), max_size=2
    ).map(tuple),
)
progresses = st.integers(0, 7).map(lambda n: ("selected", "ordered", "enlisted")[n] if n < 3 else "")

citizens = st.builds(
    CitizenFacts,
    sex=st.sampled_from(["M", "M", "M", "F"]),
    date_of_birth=births,
    registered=mostly(True),
    bars=st.lists(bars, max_size=3).map(tuple),
    reliefs=st.lists(reliefs, max_size=4).map(tuple),
    health=health_facts,
    removed=mostly(False),
    progress=progresses,
    served=mostly(False),
)
# Registered men with no bar, removal, progress or earlier service: the age, relief and health tests answer.
pool_men = st.builds(
    CitizenFacts,
    sex=st.just("M"),
    date_of_birth=births,
    registered=st.just(True),
    reliefs=st.lists(reliefs, max_size=5).map(tuple),
    health=health_facts,
)
# Men of call-up age in 2023–2026 with several decisions on few grounds, mostly in force then: the same
# ground often appears twice, with different end dates or volunteering.
crowded_reliefs = st.builds(
    ReliefFact,
    ground=st.sampled_from(["41.1.a", "41.1.b", "41.2.c"]),
    valid_from=st.dates(D(2018, 1, 1), D(2022, 12, 31)),
    valid_until=st.none() | st.dates(D(2021, 1, 1), D(2032, 12, 31)),
    volunteer=st.booleans(),
)
crowded_references = st.dates(D(2023, 1, 1), D(2026, 12, 31))
crowded_men = st.builds(
    CitizenFacts,
    sex=st.just("M"),
    date_of_birth=st.dates(D(2002, 1, 1), D(2004, 12, 31)),
    registered=st.just(True),
    reliefs=st.lists(crowded_reliefs, min_size=2, max_size=5).map(tuple),
    health=health_facts,
)
women = citizens.map(lambda c: replace(c, sex="F"))

GROUND_STATUSES = {Status.EXCLUDED, Status.EXEMPT, Status.DEFERRED}


def check_shape(result: PoolStatus) -> None:
    assert isinstance(result.status, Status)
    assert result.status in set(Status)
    assert result.article.strip()
    assert result.explanation.strip()
    assert set(result.as_dict()) == {"status", "ground", "article", "explanation"}
    if result.status in GROUND_STATUSES:
        law = rules.GROUNDS[result.ground]
        assert law.article == result.article
        expected_kinds = {
            Status.EXCLUDED: {GroundKind.REGISTRATION_EXCLUSION},
            Status.EXEMPT: {GroundKind.EXEMPTION, GroundKind.REGISTRATION_EXEMPTION},
            Status.DEFERRED: {GroundKind.DEFERMENT},
        }[result.status]
        assert law.kind in expected_kinds
    elif result.status is Status.ELIGIBLE and result.ground:
        waived = result.ground.split(",")
        assert len(waived) == len(set(waived))
        assert all(rules.GROUNDS[code].waivable for code in waived)
        assert "Khoản 3 Điều 41" in result.article
    else:
        assert result.ground == ""


@QUICK
@given(citizens, references)
def test_pool_status_is_pure_and_well_formed(facts: CitizenFacts, reference: dt.date) -> None:
    before = copy.deepcopy(facts)

    first = pool_status(facts, reference)
    second = pool_status(facts, reference)

    assert first == second
    assert facts == before
    check_shape(first)


@QUICK
@given(pool_men, references)
def test_pool_status_is_well_formed_for_men_in_the_pool(facts: CitizenFacts, reference: dt.date) -> None:
    check_shape(pool_status(facts, reference))


@QUICK
@given(pool_men, references, st.data())
def test_the_order_of_reliefs_does_not_matter(
    facts: CitizenFacts, reference: dt.date, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(facts.reliefs).map(tuple))

    assert pool_status(replace(facts, reliefs=shuffled), reference) == pool_status(facts, reference)


@QUICK
@given(crowded_men, crowded_references, st.data())
def test_the_order_of_reliefs_on_the_same_ground_does_not_matter(
    facts: CitizenFacts, reference: dt.date, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(facts.reliefs).map(tuple))
    answer = pool_status(facts, reference)

    assert pool_status(replace(facts, reliefs=shuffled), reference) == answer
    check_shape(answer)


@QUICK
@given(citizens, references, st.data())
def test_the_order_of_bars_does_not_matter(
    facts: CitizenFacts, reference: dt.date, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(facts.bars).map(tuple))

    assert pool_status(replace(facts, bars=shuffled), reference) == pool_status(facts, reference)


@QUICK
@given(women, women, references)
def test_a_womans_answer_reads_nothing_but_her_sex(
    one: CitizenFacts, other: CitizenFacts, reference: dt.date
) -> None:
    answer = pool_status(one, reference)

    assert answer.status is Status.NOT_SUBJECT
    assert answer == pool_status(other, reference)


@QUICK
@given(pool_men, references, st.data())
def test_too_young_stays_too_young_at_every_earlier_date(
    facts: CitizenFacts, reference: dt.date, data: st.DataObject
) -> None:
    if reference > D(2030, 12, 30):
        reference = D(2030, 12, 30)
    # a birth date that makes him too young at `reference`, within 1990–2012
    born = data.draw(st.dates(latest_birth_for_age(reference, 18) + DAY, D(2012, 12, 31)))
    facts = replace(facts, date_of_birth=born)
    earlier = data.draw(st.dates(D(2005, 1, 1), reference))

    assert pool_status(facts, reference).status is Status.TOO_YOUNG
    assert pool_status(facts, earlier).status is Status.TOO_YOUNG


@QUICK
@given(pool_men, references, references)
def test_too_young_is_monotonic_for_any_two_dates(facts: CitizenFacts, one: dt.date, two: dt.date) -> None:
    earlier, later = sorted((one, two))

    if pool_status(facts, later).status is Status.TOO_YOUNG:
        assert pool_status(facts, earlier).status is Status.TOO_YOUNG


@QUICK
@given(pool_men, references, references)
def test_over_age_stays_over_age_without_a_study_deferment(
    facts: CitizenFacts, one: dt.date, two: dt.date
) -> None:
    facts = replace(facts, reliefs=tuple(r for r in facts.reliefs if r.ground != "41.1.g"))
    earlier, later = sorted((one, two))

    if pool_status(facts, earlier).status is Status.OVER_AGE:
        assert pool_status(facts, later).status is Status.OVER_AGE


@QUICK
@given(references, st.integers(0, 40), births)
def test_latest_birth_for_age_is_the_date_form_of_age_on(reference: dt.date, age: int, born: dt.date) -> None:
    latest = latest_birth_for_age(reference, age)

    assert age_on(latest, reference) == age
    assert age_on(latest + DAY, reference) == age - 1
    assert (age_on(born, reference) >= age) is (born <= latest)


@QUICK
@given(st.sampled_from([D(2020, 2, 29), D(2024, 2, 29), D(2028, 2, 29)]), births)
def test_latest_birth_for_age_on_a_29_february_reference(reference: dt.date, born: dt.date) -> None:
    for age in (17, 18, 26, 28):
        assert (age_on(born, reference) >= age) is (born <= latest_birth_for_age(reference, age))


@QUICK
@given(births, references, st.booleans())
def test_callup_age_agrees_with_age_on(born: dt.date, reference: dt.date, study: bool) -> None:
    check = callup_age(born, reference, study_deferred=study)
    age = age_on(born, reference)
    limit = 27 if study else 25

    expected = "too_young" if age < 18 else "over_age" if age > limit else "in_range"
    assert check.status == expected
    assert check.limit == limit


@QUICK
@given(
    st.dictionaries(
        st.sampled_from(["thể lực", "mắt", "tai", "răng", "nội khoa"]), st.integers(1, 6), min_size=1
    )
)
def test_health_type_is_the_worst_score_and_only_1_to_3_are_called(scores: dict[str, int]) -> None:
    health_type = rules.classify_health(scores)

    assert health_type == max(scores.values())
    for examined_on in (D(2024, 11, 20), D(2025, 11, 20)):
        assert rules.health_decision(health_type, examined_on).callable is (health_type <= 3)
