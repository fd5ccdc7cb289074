"""Rules of the people register: the 12-digit personal identification number (pure, no Django)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

# Nghị định 137/2015/NĐ-CP Art. 13 and Thông tư 07/2016/TT-BCA Art. 7 (kept by Luật Căn cước 2023,
# Art. 12): digits 1-3 = province where the birth was registered. The 63 codes of the provinces as
# they were before 01/07/2025; numbers issued earlier keep their code for life.
ID_ARTICLE = "Nghị định 137/2015/NĐ-CP Điều 13; Thông tư 07/2016/TT-BCA Điều 7; Luật Căn cước 2023 Điều 12"
BIRTH_PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa – Vũng Tàu",
    "079": "TP. Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}
LEGACY_ID_LENGTH = 9  # Chứng minh nhân dân (CMND), kept on historical records only.


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class IdKind(StrEnum):
    PERSONAL_ID = "personal_id"  # số định danh cá nhân / CCCD, 12 digits
    LEGACY_CARD = "legacy_card"  # CMND, 9 digits


@dataclass(frozen=True)
class IdCheck:
    """The outcome of checking an identity number: kind, and what is wrong (empty if nothing)."""

    kind: IdKind | None
    problems: tuple[str, ...]
    article: str = ID_ARTICLE

    @property
    def valid(self) -> bool:
        return not self.problems


def century_sex_digit(*, sex: Sex, birth_year: int) -> int:
    """Digit 4: 0/1 for men/women born 1900-1999, 2/3 for 2000-2099, … (TT 07/2016 Art. 7(2))."""
    century_index = (birth_year - 1900) // 100
    return century_index * 2 + (1 if sex == Sex.FEMALE else 0)


def check_personal_id(
    number: str, *, sex: Sex, date_of_birth: dt.date, allow_legacy: bool = False
) -> IdCheck:
    """Check a personal identification number against the person's sex and date of birth.

    ND 137/2015 Art. 13, TT 07/2016 Art. 7: 12 digits = 3 (birth-registration province) + 1
    (century and sex) + 2 (birth year mod 100) + 6 random (no checksum). A 9-digit number is an old
    identity card (CMND): accepted only on historical records (`allow_legacy`), marked as such.
    """
    digits = number.replace(" ", "").replace(".", "")
    if allow_legacy and len(digits) == LEGACY_ID_LENGTH and digits.isdigit():
        return IdCheck(IdKind.LEGACY_CARD, ())
    if len(digits) != 12 or not digits.isdigit():
        return IdCheck(None, ("Số định danh cá nhân phải gồm đúng 12 chữ số.",))
    problems: list[str] = []
    province = digits[:3]
    if province not in BIRTH_PROVINCE_CODES:
        problems.append(f"Ba chữ số đầu “{province}” không phải mã tỉnh nơi đăng ký khai sinh.")
    if date_of_birth.year < 1900 or date_of_birth.year > 2399:
        problems.append("Năm sinh nằm ngoài khoảng mà số định danh mã hóa được (1900–2399).")
        return IdCheck(None, tuple(problems))
    expected_digit = century_sex_digit(sex=sex, birth_year=date_of_birth.year)
    fourth = int(digits[3])
    if fourth != expected_digit:
        encoded_sex = "nữ" if fourth % 2 else "nam"
        encoded_century = 1900 + 100 * (fourth // 2)
        problems.append(
            f"Chữ số thứ 4 “{fourth}” ứng với {encoded_sex} sinh năm "
            f"{encoded_century}–{encoded_century + 99}, "
            f"không khớp giới tính và năm sinh đã khai (phải là “{expected_digit}”)."
        )
    year_digits = digits[4:6]
    if year_digits != f"{date_of_birth.year % 100:02d}":
        expected_year = f"{date_of_birth.year % 100:02d}"
        problems.append(f"Chữ số thứ 5–6 “{year_digits}” phải là hai số cuối của năm sinh ({expected_year}).")
    return IdCheck(IdKind.PERSONAL_ID, tuple(problems))


def mask_personal_id(number: str) -> str:
    """Public lists show only the last three digits: "*********789"."""
    if len(number) <= 3:
        return "*" * len(number)
    return "*" * (len(number) - 3) + number[-3:]


EDUCATION_MAX_GRADE = 12  # Luật Giáo dục 2019: general education is grades 1-12.


def education_level_problem(level: int) -> str | None:
    """Completed grade of general education, 0 (none) to 12."""
    if level < 0 or level > EDUCATION_MAX_GRADE:
        return "Trình độ văn hóa là lớp đã học xong, từ 0 đến 12."
    return None
