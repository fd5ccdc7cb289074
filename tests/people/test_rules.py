"""Rules of the people register: identity numbers (ND 137/2015 Art. 13), masking, education level."""

from __future__ import annotations

import datetime as dt

import pytest

from qpdp.people.rules import (
    IdKind,
    Sex,
    check_personal_id,
    education_level_problem,
    mask_personal_id,
)

M, F = Sex.MALE, Sex.FEMALE


@pytest.mark.parametrize(
    ("number", "sex", "born"),
    [
        pytest.param("001095123456", M, dt.date(1995, 5, 1), id="nd137-art13-digit4-0-male-1900s"),
        pytest.param("038180000123", F, dt.date(1980, 12, 31), id="nd137-art13-digit4-1-female-1900s"),
        pytest.param("079205654321", M, dt.date(2005, 1, 1), id="nd137-art13-digit4-2-male-2000s"),
        pytest.param("096300000001", F, dt.date(2000, 1, 1), id="nd137-art13-digit4-3-female-2000-first-day"),
        pytest.param(
            "001199999999", F, dt.date(1999, 12, 31), id="nd137-art13-digit4-1-female-1999-last-day"
        ),
        pytest.param("001 095 123 456", M, dt.date(1995, 5, 1), id="nd137-art13-spaces-ignored"),
    ],
)
def test_valid_personal_ids_are_accepted(number: str, sex: Sex, born: dt.date) -> None:
    check = check_personal_id(number, sex=sex, date_of_birth=born)

    assert check.valid, check.problems
    assert check.kind == IdKind.PERSONAL_ID
    assert "137/2015" in check.article


@pytest.mark.parametrize(
    ("number", "sex", "born", "expected_fragment"),
    [
        pytest.param("00109512345", M, dt.date(1995, 5, 1), "đúng 12 chữ số", id="nd137-art13-too-short"),
        pytest.param("0010951234567", M, dt.date(1995, 5, 1), "đúng 12 chữ số", id="nd137-art13-too-long"),
        pytest.param("00109512345A", M, dt.date(1995, 5, 1), "đúng 12 chữ số", id="nd137-art13-non-digit"),
        pytest.param("", M, dt.date(1995, 5, 1), "đúng 12 chữ số", id="nd137-art13-empty"),
        pytest.param(
            "003095123456",
            M,
            dt.date(1995, 5, 1),
            "“003” không phải mã tỉnh",
            id="nd137-art13-digits1-3-unknown-province",
        ),
        pytest.param(
            "001195123456", M, dt.date(1995, 5, 1), "Chữ số thứ 4", id="nd137-art13-digit4-sex-mismatch"
        ),
        pytest.param(
            "001295123456", M, dt.date(1995, 5, 1), "Chữ số thứ 4", id="nd137-art13-digit4-century-mismatch"
        ),
        pytest.param(
            "001300000001",
            F,
            dt.date(1999, 12, 31),
            "Chữ số thứ 4",
            id="nd137-art13-digit4-female-1999-coded-as-2000s",
        ),
        pytest.param(
            "001096123456", M, dt.date(1995, 5, 1), "Chữ số thứ 5–6", id="nd137-art13-digits5-6-year-mismatch"
        ),
    ],
)
def test_invalid_personal_ids_name_the_part_that_disagrees(
    number: str, sex: Sex, born: dt.date, expected_fragment: str
) -> None:
    check = check_personal_id(number, sex=sex, date_of_birth=born)

    assert not check.valid
    assert any(expected_fragment in problem for problem in check.problems), check.problems


def test_century_sex_digit_mismatch_names_the_expected_digit() -> None:
    check = check_personal_id("001195123456", sex=M, date_of_birth=dt.date(1995, 5, 1))

    assert check.problems == (
        "Chữ số thứ 4 “1” ứng với nữ sinh năm 1900–1999, "
        "không khớp giới tính và năm sinh đã khai (phải là “0”).",
    )


def test_birth_year_mismatch_names_digits_five_and_six_and_the_year() -> None:
    check = check_personal_id("001096123456", sex=M, date_of_birth=dt.date(1995, 5, 1))

    assert check.problems == ("Chữ số thứ 5–6 “96” phải là hai số cuối của năm sinh (95).",)


def test_every_disagreeing_part_is_reported_at_once() -> None:
    check = check_personal_id("003196123456", sex=M, date_of_birth=dt.date(1995, 5, 1))

    assert len(check.problems) == 3
    assert [p[:12] for p in check.problems] == ["Ba chữ số đầ", "Chữ số thứ 4", "Chữ số thứ 5"]


@pytest.mark.parametrize(
    ("allow_legacy", "valid", "kind"),
    [
        pytest.param(True, True, IdKind.LEGACY_CARD, id="nd137-art13-legacy-cmnd-on-historical-record"),
        pytest.param(False, False, None, id="nd137-art13-legacy-cmnd-refused-on-new-record"),
    ],
)
def test_nine_digit_legacy_card_only_when_allowed(
    allow_legacy: bool, valid: bool, kind: IdKind | None
) -> None:
    check = check_personal_id(
        "123456789", sex=M, date_of_birth=dt.date(1970, 1, 1), allow_legacy=allow_legacy
    )

    assert check.valid is valid
    assert check.kind == kind


def test_legacy_allowance_does_not_accept_nine_characters_that_are_not_digits() -> None:
    check = check_personal_id("12345678X", sex=M, date_of_birth=dt.date(1970, 1, 1), allow_legacy=True)

    assert not check.valid
    assert check.kind is None


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        pytest.param("001095123456", "*********456", id="nd137-art13-twelve-digits"),
        pytest.param("123456789", "******789", id="legacy-cmnd-nine-digits"),
        pytest.param("12", "**", id="too-short-to-show-anything"),
    ],
)
def test_mask_personal_id_shows_only_the_last_three_digits(number: str, masked: str) -> None:
    assert mask_personal_id(number) == masked


@pytest.mark.parametrize(
    ("level", "refused"),
    [
        pytest.param(-1, True, id="luat-giao-duc-2019-below-zero"),
        pytest.param(0, False, id="luat-giao-duc-2019-no-schooling"),
        pytest.param(12, False, id="luat-giao-duc-2019-grade-12"),
        pytest.param(13, True, id="luat-giao-duc-2019-above-grade-12"),
    ],
)
def test_education_level_is_a_completed_grade_from_0_to_12(level: int, refused: bool) -> None:
    problem = education_level_problem(level)

    if refused:
        assert problem == "Trình độ văn hóa là lớp đã học xong, từ 0 đến 12."
    else:
        assert problem is None
