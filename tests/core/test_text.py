"""Vietnamese text helpers: NFC, diacritic folding for search, name order, number format."""

from __future__ import annotations

import unicodedata

import pytest

from qpdp.core.text import collation_key, fold, format_number, nfc


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("Nguyễn Văn Ân", "nguyen van an", id="tones-and-letter-marks"),
        pytest.param("Đặng Đình Đức", "dang dinh duc", id="d-stroke-upper-and-lower"),
        pytest.param("đường", "duong", id="d-stroke-lower"),
        pytest.param("  Lê   Thị  Hoa ", "le thi hoa", id="spaces-collapsed"),
        pytest.param(unicodedata.normalize("NFD", "Nguyễn Văn Ân"), "nguyen van an", id="decomposed-input"),
    ],
)
def test_fold_removes_case_and_diacritics(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_nfc_composes_decomposed_input_and_collapses_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Văn Ân ")
    assert decomposed != "Nguyễn Văn Ân"

    result = nfc(decomposed)

    assert result == "Nguyễn Văn Ân"
    assert unicodedata.is_normalized("NFC", result)


def _sorted(names: list[str]) -> list[str]:
    return sorted(names, key=collation_key)


def test_names_sort_by_given_name_first() -> None:
    assert _sorted(["Nguyễn Văn Bình", "Trần Văn An"]) == ["Trần Văn An", "Nguyễn Văn Bình"]


def test_same_given_name_sorts_by_family_name() -> None:
    assert _sorted(["Trần Văn An", "Lê Văn An", "Nguyễn Văn An"]) == [
        "Lê Văn An",
        "Nguyễn Văn An",
        "Trần Văn An",
    ]


def test_d_sorts_before_d_stroke_and_d_stroke_before_e() -> None:
    assert _sorted(["Lê Văn Em", "Lê Văn Đức", "Lê Văn Dũng"]) == ["Lê Văn Dũng", "Lê Văn Đức", "Lê Văn Em"]


def test_shorter_given_name_sorts_before_its_extension() -> None:
    assert _sorted(["Lê Văn Anh", "Lê Văn An"]) == ["Lê Văn An", "Lê Văn Anh"]


def test_letters_with_marks_follow_their_base_letter() -> None:
    assert _sorted(["Ơn", "Ôn", "On"]) == ["On", "Ôn", "Ơn"]


def test_tones_break_ties_in_dictionary_order() -> None:
    tones = ["a", "à", "ả", "ã", "á", "ạ"]

    assert _sorted(list(reversed(tones))) == tones


def test_tone_is_only_a_tie_breaker_after_the_letters() -> None:
    assert _sorted(["Lê Văn Ạn", "Lê Văn Anh"]) == ["Lê Văn Ạn", "Lê Văn Anh"]


def test_collation_key_ignores_case_and_normalisation_form() -> None:
    assert collation_key("nguyễn văn ân") == collation_key(unicodedata.normalize("NFD", "Nguyễn Văn Ân"))


def test_collation_key_is_plain_ascii_so_every_database_orders_it_alike() -> None:
    key = collation_key("Đặng Thị Ánh Nguyệt")

    assert key.isascii()
    assert key.isalnum()


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        pytest.param(1234567.5, 1, "1.234.567,5", id="thousands-dot-decimal-comma"),
        pytest.param(1234567, 0, "1.234.567", id="integer"),
        pytest.param(0.25, 2, "0,25", id="below-one"),
        pytest.param(None, 0, "—", id="missing-value"),
    ],
)
def test_format_number_uses_vietnamese_separators(value: float | None, decimals: int, text: str) -> None:
    assert format_number(value, decimals) == text
