"""Vietnamese text helpers: NFC normalisation, diacritic folding for search, Vietnamese collation keys."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vietnamese alphabet order (TCVN 6909 / common dictionary order); đ is a letter of its own after d.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Letters used in foreign or minority names, sorted after their closest Vietnamese neighbour.
_EXTRA = {"f": "e", "j": "i", "w": "v", "z": "y"}
# Tone marks, in dictionary order: level, grave, hook, tilde, acute, dot.
_TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Combining marks that make a base letter into another letter of the alphabet.
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}
_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC with runs of white space collapsed and trimmed."""
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


def nfc_text(value: str) -> str:
    """Return `value` in Unicode NFC, its white space and line breaks kept (a document's text)."""
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


@functools.lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Lower-case, diacritic-free form used for search: 'Nguyễn Văn Ân' -> 'nguyen van an'."""
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def _letter_and_tone(ch: str) -> tuple[str, int]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    letter = base
    for mark in marks:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _LETTER_MARKS:
            if base == "u" and mark == "\u031b":
                letter = "ư"
            elif base == "o" and mark == "\u0302":
                letter = "ô"
            elif base == "e" and mark == "\u0302":
                letter = "ê"
            else:
                letter = _LETTER_MARKS[mark]
    if base == "đ":
        letter = "đ"
    return letter, tone


@functools.lru_cache(maxsize=65536)
def _word_key(word: str) -> tuple[str, str]:
    """Primary (letters) and secondary (tones) keys of one word, as base-36 text."""
    primary, secondary = [], []
    for ch in word:
        letter, tone = _letter_and_tone(ch)
        letter = _EXTRA.get(letter, letter)
        if letter in _ALPHABET:
            primary.append("1" + _DIGITS36[_ALPHABET.index(letter) + 4])
        elif letter.isdigit():
            primary.append("0" + letter)
        else:
            continue
        secondary.append(str(tone))
    return "".join(primary), "".join(secondary)


@functools.lru_cache(maxsize=65536)
def collation_key(full_name: str) -> str:
    """Sort key putting names in Vietnamese order: given name first, then family and middle names.

    Vietnamese registers sort by the given name (the last word), then by the whole name from the
    family name on; letters follow the Vietnamese alphabet (d < đ, o < ô < ơ) and tones break ties.
    The key is lower-case ASCII letters and digits only, so byte order, the C collation and the usual
    locale collations all agree on it.
    """
    words = [w for w in fold_preserving_marks(full_name).split(" ") if w]
    if not words:
        return ""
    ordered = [words[-1], *words]
    primaries, secondaries = zip(*(_word_key(w) for w in ordered), strict=True)
    # "00" separates words and sorts before every letter, so "An" < "Anh".
    return "00".join(primaries) + "0000" + "".join(secondaries)


def fold_preserving_marks(value: str) -> str:
    """NFC, lower-case, single-spaced: the form collation keys are computed from."""
    return nfc(value).lower()


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Vietnamese number format: 1.234.567,5 (dot for thousands, comma for decimals)."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
