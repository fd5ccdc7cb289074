"""Rules of military service (NVQS): Luật NVQS 2015 as amended by Luật DQTV 2019 and Luật 98/2025/QH15,
TT 148/2018/TT-BQP as amended by TT 68/2025/TT-BQP, TT 105/2023/TT-BQP. Case ids cite the article
(docs/law.md §7); both eras of the 2025 reform (before / from 01/07/2025) are tested side by side."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qpdp.conscription import rules
from qpdp.conscription.rules import (
    Act,
    BarFact,
    CitizenFacts,
    HealthFact,
    ReliefFact,
    Status,
    age_on,
    authority,
    birthday,
    bmi,
    callup_age,
    classify_health,
    completion_percent,
    cycle_calendar,
    default_handover,
    education_refusal,
    first_registration_refusal,
    health_decision,
    latest_birth_for_age,
    move_registration_deadline,
    order_delivery_refusal,
    physical_score,
    pool_status,
    posting_rule,
    quota_check,
    working_days_between,
)

D = dt.date
REFERENCE = D(2026, 3, 4)  # first handover day of the 2026 intake [C, S12]
BORN = D(2004, 6, 25)  # 21 on the reference date
LAST_OLD_DAY = D(2025, 6, 30)
REFORM = D(2025, 7, 1)
FIT = HealthFact(health_type=1, callable=True, examined_on=D(2025, 11, 20))


def man(**changes: object) -> CitizenFacts:
    """A registered man of 21, fit (type 1), with nothing else on record: eligible on REFERENCE."""
    facts: dict[str, object] = {"sex": "M", "date_of_birth": BORN, "registered": True, "health": FIT}
    facts.update(changes)
    return CitizenFacts(**facts)  # type: ignore[arg-type]


END_2026 = D(2026, 12, 31)


def relief(code: str, *, volunteer: bool = False, until: dt.date | None = END_2026) -> ReliefFact:
    return ReliefFact(code, valid_from=D(2025, 9, 1), valid_until=until, volunteer=volunteer)


def test_the_baseline_man_is_eligible() -> None:
    status = pool_status(man(), REFERENCE)

    assert status.status is Status.ELIGIBLE
    assert status.ground == ""
    assert "Điều 30" in status.article


# -- deferment and exemption grounds (Art. 41) -------------------------------------------------------

DEFERMENTS = [
    pytest.param("a", id="Art.41(1)(a) unfit per health council"),
    pytest.param("b", id="Art.41(1)(b) sole labourer or family loss"),
    pytest.param("c", id="Art.41(1)(c) child of sick soldier or Agent Orange victim 61-80%"),
    pytest.param("d", id="Art.41(1)(d) sibling serving in army or police"),
    pytest.param("đ", id="Art.41(1)(đ) resettled first 3 years"),
    pytest.param("e", id="Art.41(1)(e) official posted to extremely difficult area"),
    pytest.param("g", id="Art.41(1)(g) study deferment"),
    pytest.param("h", id="Art.41(1)(h) standing militia"),
]
EXEMPTIONS = [
    pytest.param("a", id="Art.41(2)(a) child of martyr or grade-1 war invalid"),
    pytest.param("b", id="Art.41(2)(b) brother of martyr"),
    pytest.param("c", id="Art.41(2)(c) child of grade-2 war invalid or 81% sick soldier"),
    pytest.param("d", id="Art.41(2)(d) cipher staff"),
    pytest.param("đ", id="Art.41(2)(đ) official 24 months in extremely difficult area"),
]


@pytest.mark.parametrize("letter", DEFERMENTS)
def test_each_deferment_ground_defers(letter: str) -> None:
    status = pool_status(man(reliefs=(relief(f"41.1.{letter}"),)), REFERENCE)

    assert status.status is Status.DEFERRED
    assert status.ground == f"41.1.{letter}"
    assert status.article.startswith(f"Điểm {letter} ")
    assert "Khoản 1 Điều 41" in status.article
    assert status.explanation.startswith("Tạm hoãn gọi nhập ngũ đến ngày 31/12/2026: ")


@pytest.mark.parametrize("letter", EXEMPTIONS)
def test_each_exemption_ground_exempts(letter: str) -> None:
    status = pool_status(man(reliefs=(relief(f"41.2.{letter}", until=None),)), REFERENCE)

    assert status.status is Status.EXEMPT
    assert status.ground == f"41.2.{letter}"
    assert status.article.startswith(f"Điểm {letter} ")
    assert "Khoản 2 Điều 41" in status.article
    assert status.explanation.startswith("Miễn gọi nhập ngũ: ")


def test_the_law_lists_eight_deferment_and_five_exemption_grounds() -> None:
    assert [g.code for g in rules.DEFERMENT_GROUNDS] == [f"41.1.{x}" for x in "abcdđegh"]
    assert [g.code for g in rules.EXEMPTION_GROUNDS] == [f"41.2.{x}" for x in "abcdđ"]
    assert rules.ground(" 41.1.đ ") is rules.GROUNDS["41.1.đ"]
    assert rules.ground("41.1.d") is not rules.ground("41.1.đ")
    assert rules.ground("41.1.f") is None


WAIVABLE = [pytest.param(f"41.1.{x}", id=f"Art.41(3) volunteer waives Art.41(1)({x})") for x in "bcdđegh"] + [
    pytest.param(f"41.2.{x}", id=f"Art.41(3) volunteer waives Art.41(2)({x})") for x in "abcdđ"
]


@pytest.mark.parametrize("code", WAIVABLE)
def test_a_volunteer_waives_a_waivable_ground(code: str) -> None:
    status = pool_status(man(reliefs=(relief(code, volunteer=True),)), REFERENCE)

    assert status.status is Status.ELIGIBLE
    assert status.ground == code
    assert "Khoản 3 Điều 41" in status.article
    assert "tình nguyện" in status.explanation
    assert "Khoản 3 Điều 41" in status.explanation
    assert code in status.explanation


def test_art_41_1_a_health_deferment_is_not_waived_by_volunteering() -> None:
    status = pool_status(man(reliefs=(relief("41.1.a", volunteer=True),)), REFERENCE)

    assert rules.GROUNDS["41.1.a"].waivable is False
    assert status.status is Status.DEFERRED
    assert status.ground == "41.1.a"


def test_a_volunteer_not_yet_examined_keeps_the_volunteering_note() -> None:
    status = pool_status(man(health=None, reliefs=(relief("41.1.b", volunteer=True),)), REFERENCE)

    assert status.status is Status.NOT_EXAMINED
    assert "Khoản 3 Điều 41" in status.explanation


def test_a_volunteer_on_one_ground_is_still_deferred_on_another() -> None:
    facts = man(reliefs=(relief("41.1.b", volunteer=True), relief("41.1.d")))

    assert pool_status(facts, REFERENCE).ground == "41.1.d"


def test_an_exemption_answers_before_a_deferment() -> None:
    facts = man(reliefs=(relief("41.1.b"), relief("41.2.d", until=None)))

    assert pool_status(facts, REFERENCE).status is Status.EXEMPT


def test_within_a_kind_the_first_ground_in_the_law_answers_d_before_dd() -> None:
    # "41.1.đ" sorts after "41.1.h" as a string; the law's order is a, b, c, d, đ, e, g, h.
    facts = man(reliefs=(relief("41.1.e"), relief("41.1.đ")))

    assert pool_status(facts, REFERENCE).ground == "41.1.đ"


@pytest.mark.parametrize("reverse", [pytest.param(False, id="in order"), pytest.param(True, id="reversed")])
def test_two_deferments_on_one_ground_name_the_later_end_in_any_order(reverse: bool) -> None:
    decisions = (relief("41.1.b", until=D(2026, 6, 30)), relief("41.1.b", until=D(2027, 6, 30)))
    facts = man(reliefs=decisions[::-1] if reverse else decisions)

    assert pool_status(facts, REFERENCE).explanation.startswith("Tạm hoãn gọi nhập ngũ đến ngày 30/06/2027: ")


def test_a_ground_waived_twice_is_named_once() -> None:
    facts = man(reliefs=(relief("41.1.b", volunteer=True), relief("41.1.b", volunteer=True, until=None)))

    status = pool_status(facts, REFERENCE)

    assert status.status is Status.ELIGIBLE
    assert status.ground == "41.1.b"


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        pytest.param(REFERENCE, Status.DEFERRED, id="Art.41(1) deferment active on its last day"),
        pytest.param(REFERENCE - dt.timedelta(days=1), Status.ELIGIBLE, id="Art.41(3) deferment ended"),
    ],
)
def test_a_deferment_ends_with_its_valid_until(until: dt.date, expected: Status) -> None:
    assert pool_status(man(reliefs=(relief("41.1.b", until=until),)), REFERENCE).status is expected


def test_a_deferment_decided_after_the_reference_date_does_not_apply_yet() -> None:
    later = ReliefFact("41.1.b", valid_from=REFERENCE + dt.timedelta(days=1), valid_until=None)

    assert pool_status(man(reliefs=(later,)), REFERENCE).status is Status.ELIGIBLE


# -- registration exclusions and exemptions (Art. 13, 14) --------------------------------------------


@pytest.mark.parametrize(
    "letter",
    [
        pytest.param("a", id="Art.13(1)(a) prosecuted, sentenced or record not expunged"),
        pytest.param("b", id="Art.13(1)(b) education measure, reform school or rehab"),
        pytest.param("c", id="Art.13(1)(c) stripped of the right to serve"),
    ],
)
def test_registration_exclusion_excludes_until_it_ends(letter: str) -> None:
    bar = BarFact(f"13.{letter}", valid_from=D(2024, 1, 1), valid_until=D(2026, 1, 31))
    facts = man(registered=False, bars=(bar,))

    during = pool_status(facts, D(2026, 1, 31))
    after = pool_status(facts, D(2026, 2, 1))

    assert during.status is Status.EXCLUDED
    assert during.ground == f"13.{letter}"
    assert f"Điểm {letter} khoản 1 Điều 13" in during.article
    assert after.status is Status.NOT_REGISTERED  # Art. 13(2): to be registered once it ends
    assert "Điều 16" in after.article


def test_art_14_registration_exemption_exempts() -> None:
    status = pool_status(man(bars=(BarFact("14", valid_from=D(2020, 1, 1)),)), REFERENCE)

    assert status.status is Status.EXEMPT
    assert status.ground == "14"
    assert "Điều 14" in status.article
    assert status.explanation.startswith("Miễn đăng ký NVQS: ")


@pytest.mark.parametrize(
    "bars",
    [
        pytest.param(
            (BarFact("13.a", D(2020, 1, 1)), BarFact("14", D(2020, 1, 1))), id="Art.13 listed first"
        ),
        pytest.param(
            (BarFact("14", D(2020, 1, 1)), BarFact("13.a", D(2020, 1, 1))), id="Art.14 listed first"
        ),
    ],
)
def test_art_13_exclusion_answers_before_art_14_whatever_the_order(bars: tuple[BarFact, ...]) -> None:
    assert pool_status(man(bars=bars), REFERENCE).status is Status.EXCLUDED


def test_a_bar_with_a_ground_that_is_not_art_13_or_14_is_ignored() -> None:
    facts = man(bars=(BarFact("41.1.g", D(2020, 1, 1)), BarFact("99", D(2020, 1, 1))))

    assert pool_status(facts, REFERENCE).status is Status.ELIGIBLE


# -- who is in the pool at all -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected", "article_fragment"),
    [
        pytest.param(
            man(sex="F", reliefs=(relief("41.1.g"),)),
            Status.NOT_SUBJECT,
            "Điều 12",
            id="Art.12 women not called",
        ),
        pytest.param(man(registered=False), Status.NOT_REGISTERED, "Điều 16", id="Art.16 not registered"),
        pytest.param(man(removed=True), Status.NOT_SUBJECT, "Điều 20", id="Art.20 registration removed [?]"),
        pytest.param(
            man(served=True, progress="enlisted"), Status.SERVED, "Điều 4", id="Art.4(4) served before"
        ),
        pytest.param(man(progress="enlisted"), Status.ENLISTED, "Điều 42", id="Art.42 enlisted this intake"),
        pytest.param(man(progress="ordered"), Status.ORDERED, "Điều 42", id="Art.42 ordered this intake"),
        pytest.param(
            man(progress="selected"), Status.SELECTED, "Điều 37", id="Art.37-38 selected by council"
        ),
        pytest.param(
            man(progress="selected", reliefs=(relief("41.1.b"),)),
            Status.SELECTED,
            "Điều 37",
            id="Art.37-38 progress answers before a later deferment",
        ),
        pytest.param(man(health=None), Status.NOT_EXAMINED, "Điều 40", id="Art.40 not yet examined"),
        pytest.param(
            man(health=HealthFact(4, False, D(2025, 11, 20), ("Sức khỏe loại 4.",))),
            Status.UNFIT,
            "68/2025",
            id="TT148 Art.4(3) as amended unfit",
        ),
        pytest.param(
            man(health=HealthFact(3, False, D(2024, 11, 20))),
            Status.UNFIT,
            "trước sửa đổi",
            id="TT148 Art.4(3) before amendment unfit",
        ),
    ],
)
def test_pool_status_outside_the_grounds(
    facts: CitizenFacts, expected: Status, article_fragment: str
) -> None:
    status = pool_status(facts, REFERENCE)

    assert status.status is expected
    assert article_fragment in status.article
    assert status.explanation


def test_unfit_without_recorded_reasons_names_the_type() -> None:
    status = pool_status(man(health=HealthFact(5, False, D(2025, 11, 20))), REFERENCE)

    assert status.explanation == "Không đủ tiêu chuẩn sức khỏe: Sức khỏe loại 5."


# -- ages (Art. 30; exact birthdays, S24) -------------------------------------------------------------

DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("born", "reliefs", "expected"),
    [
        # 18th birthday: from the full age of 18.
        pytest.param(D(2008, 3, 3), (), Status.ELIGIBLE, id="Art.30 18th birthday the day before"),
        pytest.param(D(2008, 3, 4), (), Status.ELIGIBLE, id="Art.30 18th birthday on the reference date"),
        pytest.param(D(2008, 3, 5), (), Status.TOO_YOUNG, id="Art.30 18th birthday the day after"),
        # End of 25: the 26th birthday ends it.
        pytest.param(D(2000, 3, 3), (), Status.OVER_AGE, id="Art.30 26th birthday the day before"),
        pytest.param(D(2000, 3, 4), (), Status.OVER_AGE, id="Art.30 26th birthday on the reference date"),
        pytest.param(D(2000, 3, 5), (), Status.ELIGIBLE, id="Art.30 26th birthday the day after"),
        # End of 27 after a study deferment (41.1.g, ended on graduation): the 28th birthday ends it.
        pytest.param(
            D(1998, 3, 3),
            (ReliefFact("41.1.g", D(2016, 9, 1), D(2020, 6, 30)),),
            Status.OVER_AGE,
            id="Art.30 with Art.41(1)(g) 28th birthday the day before",
        ),
        pytest.param(
            D(1998, 3, 4),
            (ReliefFact("41.1.g", D(2016, 9, 1), D(2020, 6, 30)),),
            Status.OVER_AGE,
            id="Art.30 with Art.41(1)(g) 28th birthday on the reference date",
        ),
        pytest.param(
            D(1998, 3, 5),
            (ReliefFact("41.1.g", D(2016, 9, 1), D(2020, 6, 30)),),
            Status.ELIGIBLE,
            id="Art.30 with Art.41(1)(g) 28th birthday the day after",
        ),
        pytest.param(
            D(1998, 3, 5),
            (ReliefFact("41.1.b", D(2016, 9, 1), D(2020, 6, 30)),),
            Status.OVER_AGE,
            id="Art.30 another deferment does not raise the limit to 27",
        ),
        pytest.param(
            D(1999, 3, 5),
            (ReliefFact("41.1.g", D(2022, 9, 1), None),),
            Status.DEFERRED,
            id="Art.30 with Art.41(1)(g) still studying at 26 is deferred",
        ),
    ],
)
def test_callup_age_boundaries(born: dt.date, reliefs: tuple[ReliefFact, ...], expected: Status) -> None:
    status = pool_status(man(date_of_birth=born, reliefs=reliefs), REFERENCE)

    assert status.status is expected
    if expected in (Status.TOO_YOUNG, Status.OVER_AGE):
        assert "Điều 30" in status.article


@pytest.mark.parametrize(
    ("reference", "study", "expected"),
    [
        pytest.param(
            D(2026, 3, 4), False, "in_range", id="Art.30 domain rule 5 born 25/06/2000 in March 2026"
        ),
        pytest.param(D(2026, 7, 1), False, "over_age", id="Art.30 domain rule 5 past the 26th birthday"),
        pytest.param(D(2026, 7, 1), True, "in_range", id="Art.30 domain rule 5 study deferred until 27"),
        pytest.param(
            D(2028, 6, 24), True, "in_range", id="Art.30 domain rule 5 day before the 28th birthday"
        ),
        pytest.param(D(2028, 6, 25), True, "over_age", id="Art.30 domain rule 5 on the 28th birthday"),
    ],
)
def test_callup_age_domain_rule_5(reference: dt.date, study: bool, expected: str) -> None:
    check = callup_age(D(2000, 6, 25), reference, study_deferred=study)

    assert check.status == expected
    assert check.limit == (27 if study else 25)
    assert "Điều 30" in check.article


def test_callup_age_messages_name_the_dates() -> None:
    young = callup_age(D(2008, 3, 5), REFERENCE)
    old = callup_age(D(1998, 3, 4), REFERENCE, study_deferred=True)

    assert young.explanation == "Đến ngày 04/03/2026 chưa đủ 18 tuổi (đủ 18 tuổi vào ngày 05/03/2026)."
    assert "đã hết 27 tuổi (ngày 04/03/2026 tròn 28 tuổi)" in old.explanation
    assert "cao đẳng, đại học" in old.explanation


@pytest.mark.parametrize(
    ("born", "reference", "expected"),
    [
        pytest.param(
            D(2008, 2, 29), D(2026, 2, 28), "too_young", id="Art.30 born 29 Feb 18 on 1 March not 28 Feb"
        ),
        pytest.param(D(2008, 2, 29), D(2026, 3, 1), "in_range", id="Art.30 born 29 Feb 18 on 1 March"),
        pytest.param(D(2000, 2, 29), D(2026, 2, 28), "in_range", id="Art.30 born 29 Feb still 25 on 28 Feb"),
        pytest.param(D(2000, 2, 29), D(2026, 3, 1), "over_age", id="Art.30 born 29 Feb 26 on 1 March"),
        pytest.param(D(2004, 2, 29), D(2024, 2, 29), "in_range", id="Art.30 born 29 Feb leap-year birthday"),
    ],
)
def test_29_february_births(born: dt.date, reference: dt.date, expected: str) -> None:
    assert callup_age(born, reference).status == expected


def test_birthday_and_age_on_agree_for_29_february() -> None:
    born = D(2008, 2, 29)

    assert birthday(born, 18) == D(2026, 3, 1)
    assert birthday(born, 16) == D(2024, 2, 29)
    assert age_on(born, D(2026, 2, 28)) == 17
    assert age_on(born, D(2026, 3, 1)) == 18


@pytest.mark.parametrize(
    "reference",
    [
        pytest.param(D(2026, 3, 4), id="ordinary reference date"),
        pytest.param(D(2024, 2, 29), id="29 February reference date"),
        pytest.param(D(2023, 2, 28), id="28 February of a common year"),
        pytest.param(D(2023, 3, 1), id="1 March of a common year"),
        pytest.param(D(2025, 12, 31), id="last day of the year"),
    ],
)
@pytest.mark.parametrize("age", [17, 18, 20, 26, 28])
def test_latest_birth_for_age_agrees_with_age_on(reference: dt.date, age: int) -> None:
    latest = latest_birth_for_age(reference, age)

    assert age_on(latest, reference) == age
    assert age_on(latest + DAY, reference) == age - 1


def test_latest_birth_for_age_on_29_february() -> None:
    assert latest_birth_for_age(D(2024, 2, 29), 18) == D(2006, 2, 28)
    assert latest_birth_for_age(D(2024, 2, 29), 20) == D(2004, 2, 29)


# -- first registration (Art. 12, 16) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "sex", "on", "fragment", "article"),
    [
        pytest.param(
            D(2009, 12, 31), "M", D(2025, 6, 1), "chưa đến tuổi đăng ký NVQS lần đầu", "Điều 16",
            id="Art.12 Art.16 man not 17 this year refused",
        ),
        pytest.param(D(2008, 12, 31), "M", D(2025, 1, 2), None, None,
                     id="Art.16 man turning 17 this year before birthday"),
        pytest.param(D(2008, 1, 1), "M", D(2025, 4, 15), None, None, id="Art.16 man already 17"),
        pytest.param(D(2000, 6, 25), "M", D(2026, 4, 1), None, None,
                     id="Art.16(1) man of age never registered"),
        pytest.param(D(1997, 3, 2), "M", D(2025, 3, 1), None, None,
                     id="Art.30 man the day before his 28th birthday"),
        pytest.param(
            D(1997, 3, 1), "M", D(2025, 3, 1), "quá tuổi gọi nhập ngũ", "Điều 30",
            id="Art.30 man over 27 refused",
        ),
        pytest.param(
            D(2008, 5, 1), "F", D(2026, 4, 30), "Công dân nữ đăng ký NVQS khi đủ 18 tuổi", "Điều 12",
            id="Art.12 woman under 18 refused",
        ),
        pytest.param(D(2008, 5, 1), "F", D(2026, 5, 1), None, None, id="Art.12 woman on her 18th birthday"),
    ],
)  # fmt: skip
def test_first_registration_refusal(
    born: dt.date, sex: str, on: dt.date, fragment: str | None, article: str | None
) -> None:
    refusal = first_registration_refusal(born, sex, on)

    if fragment is None:
        assert refusal is None
    else:
        assert refusal is not None
        assert fragment in refusal.message
        assert article is not None
        assert article in refusal.article


def test_first_registration_refusal_names_the_year_he_turns_17() -> None:
    refusal = first_registration_refusal(D(2009, 12, 31), "M", D(2025, 6, 1))

    assert refusal is not None
    assert refusal.message == (
        "Công dân sinh năm 2009 đến năm 2026 mới đủ 17 tuổi; chưa đến tuổi đăng ký NVQS lần đầu."
    )


# -- authorities in both eras (domain.md §0) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("act", "on", "signer", "level"),
    [
        pytest.param(Act.ENLISTMENT_ORDER, LAST_OLD_DAY, "Chỉ huy trưởng Ban CHQS cấp huyện", "district",
                     id="Art.42 2015 enlistment order signed by district commander until 30/06/2025"),
        pytest.param(Act.ENLISTMENT_ORDER, REFORM, "Chủ tịch UBND cấp xã", "commune",
                     id="Luat 98/2025 enlistment order by commune chairman from 01/07/2025"),
        pytest.param(Act.CALLUP_LIST, LAST_OLD_DAY, "Chủ tịch UBND cấp huyện", "district",
                     id="Art.42 2015 call-up list by district chairman until 30/06/2025"),
        pytest.param(Act.CALLUP_LIST, REFORM, "Chủ tịch UBND cấp tỉnh", "province",
                     id="Luat 98/2025 call-up list by provincial chairman from 01/07/2025"),
        pytest.param(Act.RELIEF_DECISION, LAST_OLD_DAY, "Chủ tịch UBND cấp huyện", "district",
                     id="Art.41(4) 2015 deferment-exemption by district chairman until 30/06/2025"),
        pytest.param(Act.RELIEF_DECISION, REFORM, "Chủ tịch UBND cấp tỉnh", "province",
                     id="Luat 98/2025 deferment-exemption by provincial chairman from 01/07/2025"),
        pytest.param(Act.REGISTRATION_CALL, REFORM, "Chủ tịch UBND cấp xã", "commune",
                     id="Art.16 as amended registration call by commune chairman"),
        pytest.param(Act.REGISTRATION_CERTIFICATE, REFORM, "Chủ tịch UBND cấp xã", "commune",
                     id="ND 220/2025 registration certificate by commune chairman"),
        pytest.param(Act.EXAM_SUMMONS, REFORM, "Chủ tịch UBND cấp xã", "commune",
                     id="S6 exam summons by commune chairman"),
        pytest.param(Act.HANDOVER, LAST_OLD_DAY, "UBND cấp huyện", "district",
                     id="TT148 handover by district"),
        pytest.param(Act.HANDOVER, REFORM, "UBND cấp tỉnh", "province", id="TT68/2025 handover by province"),
    ],
)  # fmt: skip
def test_authority_in_force_on_the_date(act: Act, on: dt.date, signer: str, level: str) -> None:
    found = authority(act, on)

    assert found.signer == signer
    assert found.level == level
    assert found.source


@pytest.mark.parametrize("act", list(Act))
@pytest.mark.parametrize("on", [D(2016, 1, 1), LAST_OLD_DAY, REFORM, D(2030, 12, 31)])
def test_every_act_has_exactly_one_authority_on_each_date(act: Act, on: dt.date) -> None:
    matching = [
        a
        for a in rules.AUTHORITIES
        if a.act == act and a.valid_from <= on and (a.valid_to is None or on <= a.valid_to)
    ]

    assert len(matching) == 1
    assert (matching[0].level == "district") is (on < REFORM)


def test_authority_before_the_law_is_a_vietnamese_lookup_error() -> None:
    with pytest.raises(LookupError, match="Không có quy định về thẩm quyền"):
        authority(Act.CALLUP_LIST, D(2015, 12, 31))


# -- deadlines ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arrived", "registered", "late", "limit"),
    [
        # domain-sources §1.13 rule 3: 7 working days after arriving.
        pytest.param(
            D(2025, 6, 2), D(2025, 6, 11), False, 10, id="Art.17(2) 2015 seven working days compliant"
        ),
        pytest.param(
            D(2025, 7, 7), D(2025, 7, 16), True, 5, id="Art.17(2) as amended seven working days late"
        ),
        pytest.param(
            D(2025, 7, 7), D(2025, 7, 14), False, 5, id="Art.17(2) as amended five working days on time"
        ),
        pytest.param(D(2025, 6, 2), D(2025, 6, 16), False, 10, id="Art.17(2) 2015 ten working days on time"),
        pytest.param(D(2025, 6, 2), D(2025, 6, 17), True, 10, id="Art.17(2) 2015 eleven working days late"),
        pytest.param(
            D(2025, 6, 30), D(2025, 7, 9), False, 10, id="Art.17(2) the arrival date decides the era"
        ),
    ],
)
def test_move_registration_deadline(arrived: dt.date, registered: dt.date, late: bool, limit: int) -> None:
    check = move_registration_deadline(arrived, registered)

    assert check.late is late
    assert check.limit_days == limit
    assert "Khoản 2 Điều 17" in check.article
    assert ("quá hạn" if late else "đúng hạn") in check.explanation


def test_move_deadline_counts_seven_working_days_in_rule_3() -> None:
    before = move_registration_deadline(D(2025, 6, 2), D(2025, 6, 11))
    after = move_registration_deadline(D(2025, 7, 7), D(2025, 7, 16))

    assert before.used_days == after.used_days == 7


def test_move_deadline_skips_holidays() -> None:
    national_day = D(2025, 9, 2)  # a Tuesday
    check = move_registration_deadline(D(2025, 9, 1), D(2025, 9, 8), holidays=[national_day])

    assert check.used_days == 4
    assert not check.late


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        pytest.param(D(2025, 7, 4), D(2025, 7, 7), 1, id="Friday to Monday is one working day"),
        pytest.param(D(2025, 7, 4), D(2025, 7, 6), 0, id="Friday to Sunday is none"),
        pytest.param(D(2025, 7, 7), D(2025, 7, 7), 0, id="same day is none"),
        pytest.param(D(2025, 7, 7), D(2025, 7, 14), 5, id="a full week is five"),
        pytest.param(D(2025, 7, 5), D(2025, 7, 19), 10, id="two weeks from a Saturday is ten"),
    ],
)
def test_working_days_skip_weekends(start: dt.date, end: dt.date, days: int) -> None:
    assert working_days_between(start, end) == days


@pytest.mark.parametrize(
    ("decided", "portal_and_villages", "signer_level"),
    [
        pytest.param(
            LAST_OLD_DAY, False, "huyện", id="Art.41(4) 2015 posting 20 days at commune and agencies"
        ),
        pytest.param(
            REFORM, True, "tỉnh", id="TT148 Art.5(4) as amended posting also on e-portal and villages"
        ),
    ],
)
def test_posting_rule_in_each_era(decided: dt.date, portal_and_villages: bool, signer_level: str) -> None:
    rule = posting_rule(decided)

    assert rule.days == 20
    assert "Trụ sở UBND cấp xã" in rule.places
    assert "Cơ quan, tổ chức" in rule.places
    assert ("Cổng thông tin điện tử cấp xã" in rule.places) is portal_and_villages
    assert any("thôn, tổ dân phố" in place for place in rule.places) is portal_and_villages
    assert f"cấp {signer_level}" in rule.starts
    assert ("68/2025" in rule.article) is portal_and_villages


@pytest.mark.parametrize(
    ("lead_days", "refused"),
    [
        pytest.param(15, False, id="Art.42 [?] order 15 days ahead"),
        pytest.param(25, False, id="Art.42 [?] order 25 days ahead"),
        pytest.param(14, True, id="Art.42 [?] order 14 days ahead refused"),
    ],
)
def test_order_delivery_lead_time(lead_days: int, refused: bool) -> None:
    report_on = D(2026, 3, 4)
    refusal = order_delivery_refusal(report_on - dt.timedelta(days=lead_days), report_on)

    if refused:
        assert refusal is not None
        assert "ít nhất 15 ngày" in refusal.message
        assert "[?]" in refusal.article
    else:
        assert refusal is None


# -- health (TT 105/2023; TT 148/2018 Art. 4(3) as amended by TT 68/2025) -------------------------------


@pytest.mark.parametrize(
    ("scores", "health_type"),
    [
        pytest.param({"thể lực": 1, "mắt": 1, "tai": 1}, 1, id="TT105 Art.6(2) type 1 all criteria 1"),
        pytest.param({"thể lực": 1, "mắt": 2, "tai": 1}, 2, id="TT105 Art.6(2) type 2"),
        pytest.param({"thể lực": 3, "mắt": 2, "tai": 1}, 3, id="TT105 Art.6(2) type 3 is the worst score"),
        pytest.param({"thể lực": 1, "mắt": 4}, 4, id="TT105 Art.6(2) type 4"),
        pytest.param({"thể lực": 6, "mắt": 5}, 6, id="TT105 Art.6(2) type 6"),
    ],
)
def test_classify_health_is_the_worst_score(scores: dict[str, int], health_type: int) -> None:
    assert classify_health(scores) == health_type


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        pytest.param(
            {"mắt": 0}, "Điểm chỉ tiêu “mắt” phải từ 1 đến 6 (đã nhập 0).", id="TT105 score 0 refused"
        ),
        pytest.param(
            {"tai": 7}, "Điểm chỉ tiêu “tai” phải từ 1 đến 6 (đã nhập 7).", id="TT105 score 7 refused"
        ),
        pytest.param({}, "Cần ít nhất một chỉ tiêu sức khỏe được chấm điểm.", id="TT105 no score refused"),
    ],
)
def test_classify_health_refuses_out_of_range_scores(scores: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        classify_health(scores)


NEW = D(2025, 11, 20)
OLD = D(2024, 11, 20)


@pytest.mark.parametrize(
    ("health_type", "examined_on", "bmi_value", "refraction", "callable_", "reason"),
    [
        pytest.param(4, NEW, None, (), False, "loại 4", id="TT105 Art.6(2) type 4 not called"),
        pytest.param(5, OLD, None, (), False, "loại 5", id="TT105 Art.6(2) type 5 not called before 2025"),
        pytest.param(6, NEW, None, (), False, "loại 6", id="TT105 Art.6(2) type 6 not called"),
        pytest.param(1, NEW, None, ("-1.75", "0"), False, "Cận thị trên 1,5",
                     id="TT68 myopia -1.75 not called"),
        pytest.param(1, NEW, None, ("-1.5", "-1.5"), True, None, id="TT68 myopia -1.5 called"),
        pytest.param(2, NEW, None, ("0.25", None), False, "Viễn thị", id="TT68 any hyperopia not called"),
        pytest.param(1, NEW, "17.9", (), False, "BMI 17,9", id="TT68 BMI 17.9 not called"),
        pytest.param(1, NEW, "18.0", (), True, None, id="TT68 BMI 18.0 called"),
        pytest.param(1, NEW, "29.9", (), True, None, id="TT68 BMI 29.9 called"),
        pytest.param(1, NEW, "30.0", (), False, "BMI 30,0", id="TT68 BMI 30.0 not called"),
        pytest.param(3, OLD, None, ("-1.5",), False, "cận thị từ 1,5",
                     id="TT148 old type 3 myopia 1.5 excluded"),
        pytest.param(3, OLD, None, ("-1.25",), True, None, id="TT148 old type 3 myopia 1.25 called"),
        pytest.param(3, OLD, None, ("0.5",), False, "viễn thị", id="TT148 old type 3 hyperopia excluded"),
        pytest.param(2, OLD, None, ("-2.0",), True, None, id="TT148 old type 2 myopia 2.0 called"),
        pytest.param(2, OLD, "17.0", (), True, None, id="TT148 old no BMI exclusion"),
        pytest.param(2, LAST_OLD_DAY, None, ("-2.0",), True, None, id="TT148 old rule on 30/06/2025"),
        pytest.param(2, REFORM, None, ("-2.0",), False, "Cận thị", id="TT68 new rule from 01/07/2025"),
    ],
)  # fmt: skip
def test_health_decision(
    health_type: int,
    examined_on: dt.date,
    bmi_value: str | None,
    refraction: tuple[str | None, ...],
    callable_: bool,
    reason: str | None,
) -> None:
    result = health_decision(
        health_type,
        examined_on,
        bmi_value=None if bmi_value is None else Decimal(bmi_value),
        refraction=[None if v is None else Decimal(v) for v in refraction],
    )

    assert result.callable is callable_
    assert result.health_type == health_type
    assert ("68/2025" in result.article) is (examined_on >= REFORM)
    if reason is None:
        assert result.reasons == ()
    else:
        assert any(reason in r for r in result.reasons), result.reasons


def test_health_decision_accepts_float_refraction() -> None:
    assert not health_decision(1, NEW, refraction=[-1.75]).callable
    assert health_decision(1, NEW, refraction=[-1.5]).callable


@pytest.mark.parametrize("bad", [0, 7])
def test_health_decision_refuses_a_type_outside_1_to_6(bad: int) -> None:
    with pytest.raises(ValueError, match="Phân loại sức khỏe phải từ 1 đến 6"):
        health_decision(bad, NEW)


@pytest.mark.parametrize(
    ("height", "weight", "chest", "score"),
    [
        pytest.param(163, 51, 81, 1, id="TTLT16 Table1 type 1 minimums"),
        pytest.param(162, 51, 81, 2, id="TTLT16 Table1 height 162 type 2"),
        pytest.param(160, 47, 78, 2, id="TTLT16 Table1 type 2 minimums"),
        pytest.param(159, 51, 81, 3, id="TTLT16 Table1 height 159 type 3"),
        pytest.param(157, 43, 75, 3, id="TTLT16 Table1 type 3 minimums"),
        pytest.param(163, 42, 81, 4, id="TTLT16 Table1 weight 42 type 4"),
        pytest.param(155, 41, 73, 4, id="TTLT16 Table1 type 4 minimums"),
        pytest.param(163, 51, 72, 5, id="TTLT16 Table1 chest 72 type 5"),
        pytest.param(153, 40, 71, 5, id="TTLT16 Table1 type 5 minimums"),
        pytest.param(152, 51, 81, 6, id="TTLT16 Table1 height 152 type 6"),
        pytest.param(163, 39, 81, 6, id="TTLT16 Table1 weight 39 type 6"),
        pytest.param(163, 51, 70, 6, id="TTLT16 Table1 chest 70 type 6"),
        pytest.param(170, 45, 90, 3, id="TTLT16 Table1 worst of the three"),
        pytest.param(162.9, 60, None, 2, id="TTLT16 Table1 fractions and no chest"),
        pytest.param(None, None, None, None, id="TTLT16 Table1 nothing measured"),
    ],
)
def test_physical_score_against_the_2016_table(
    height: float | None, weight: float | None, chest: float | None, score: int | None
) -> None:
    assert physical_score(height, weight, chest) == score


@pytest.mark.parametrize(
    ("height", "weight", "expected"),
    [
        pytest.param(170, 51.8, "17.9", id="TT68 BMI 17.92 to 17.9"),
        pytest.param(170, 52, "18.0", id="TT68 BMI 17.99 to 18.0"),
        pytest.param(175, 91.7, "29.9", id="TT68 BMI 29.94 to 29.9"),
        pytest.param(175, 91.8, "30.0", id="TT68 BMI 29.98 to 30.0"),
        pytest.param(Decimal("172.5"), Decimal("60"), "20.2", id="TT68 BMI from decimals"),
    ],
)
def test_bmi_is_rounded_to_one_decimal(
    height: float | Decimal, weight: float | Decimal, expected: str
) -> None:
    value = bmi(height, weight)

    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -1


# -- education (TT 148/2018 Art. 4(4); ND 70/2019 as amended) ----------------------------------------


@pytest.mark.parametrize(
    ("grade", "approved", "police", "fragment", "article"),
    [
        pytest.param(8, False, False, None, None, id="TT148 Art.4(4) grade 8 accepted"),
        pytest.param(7, False, False, "lớp 7 chỉ khi", "Khoản 4 Điều 4", id="TT148 Art.4(4) grade 7 refused"),
        pytest.param(7, True, False, None, None, id="TT148 Art.4(4) grade 7 accepted with approval"),
        pytest.param(6, True, False, "cần từ lớp 7", "Khoản 4 Điều 4", id="TT148 Art.4(4) grade 6 refused"),
        pytest.param(11, False, True, "THPT", "70/2019", id="ND70 police needs grade 12"),
        pytest.param(12, False, True, None, None, id="ND70 police grade 12 accepted"),
        pytest.param(9, True, True, None, None, id="ND70 police grade 9 in difficult areas"),
        pytest.param(8, True, True, "THCS", "70/2019", id="ND70 police grade 8 refused"),
    ],
)  # fmt: skip
def test_education_refusal(
    grade: int, approved: bool, police: bool, fragment: str | None, article: str | None
) -> None:
    refusal = education_refusal(grade, short_quota_approved=approved, police=police)

    if fragment is None:
        assert refusal is None
    else:
        assert refusal is not None
        assert fragment in refusal.message
        assert f"lớp {grade}" in refusal.message
        assert article is not None
        assert article in refusal.article


# -- quotas ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "reserve", "parent", "pool", "refused", "warnings"),
    [
        pytest.param(
            10, 0, 9, None, "vượt số cấp trên còn lại", 0, id="quota above parent remainder refused"
        ),
        pytest.param(9, 0, 9, None, None, 0, id="quota equal to parent remainder"),
        pytest.param(9, 0, None, None, None, 0, id="no parent figure"),
        pytest.param(10, 1, None, 10, None, 1, id="quota and reserve above eligible pool warns"),
        pytest.param(10, 0, None, 10, None, 0, id="quota equal to eligible pool"),
        pytest.param(100, 5, None, None, None, 0, id="S52 reserve 5 percent"),
        pytest.param(100, 6, None, None, None, 1, id="S52 reserve above 5 percent warns"),
        pytest.param(100, 6, None, 50, None, 2, id="both warnings"),
        pytest.param(-1, 0, None, None, "không được âm", 0, id="negative quota refused"),
    ],
)
def test_quota_check(
    count: int, reserve: int, parent: int | None, pool: int | None, refused: str | None, warnings: int
) -> None:
    check = quota_check(count=count, reserve=reserve, parent_remaining=parent, eligible_pool=pool)

    if refused is None:
        assert check.refusal is None
    else:
        assert check.refusal is not None
        assert refused in check.refusal.message
    assert len(check.warnings) == warnings


def test_quota_reserve_is_rounded_up_to_a_whole_person() -> None:
    # 5 % of 30 is 1.5 people: a reserve of 2 is accepted, 3 warns (local practice [C, S52]).
    assert quota_check(count=30, reserve=2, parent_remaining=None, eligible_pool=None).warnings == ()
    assert quota_check(count=30, reserve=3, parent_remaining=None, eligible_pool=None).warnings == (
        "Số dự phòng 3 vượt 5% chỉ tiêu (30).",
    )


@pytest.mark.parametrize(
    ("enlisted", "quota", "percent"),
    [
        pytest.param(50, 50, "100.0", id="hoan thanh 100 percent"),
        pytest.param(2, 3, "66.7", id="one decimal"),
        pytest.param(51, 50, "102.0", id="above quota"),
        pytest.param(0, 50, "0.0", id="none enlisted"),
        pytest.param(5, 0, None, id="no quota gives no percentage"),
    ],
)
def test_completion_percent(enlisted: int, quota: int, percent: str | None) -> None:
    assert completion_percent(enlisted, quota) == (None if percent is None else Decimal(percent))


# -- the yearly calendar (Art. 33, 40) ---------------------------------------------------------------


def test_default_handover_days() -> None:
    assert default_handover(2026) == (D(2026, 3, 4), D(2026, 3, 6))
    assert default_handover(2025) == (D(2025, 2, 13), D(2025, 2, 15))
    assert default_handover(2027)[0].month == 2


def test_cycle_calendar_of_the_2026_intake_straddles_the_reform() -> None:
    steps = {step.code: step for step in cycle_calendar(2026, *default_handover(2026))}

    assert steps["first_registration"].starts == D(2025, 4, 1)
    assert steps["first_registration"].who.startswith("Chỉ huy trưởng Ban CHQS cấp huyện")
    assert (steps["examination"].starts, steps["examination"].ends) == (D(2025, 11, 1), D(2025, 12, 31))
    assert steps["posting"].ends - steps["posting"].starts == dt.timedelta(days=19)
    assert steps["orders"].ends == D(2026, 2, 17)
    assert steps["orders"].who == "Chủ tịch UBND cấp xã"
    assert steps["handover"].who == "UBND cấp tỉnh"
