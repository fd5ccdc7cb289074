"""Choices of people: sex, qualification, ethnic groups (stable codes, Vietnamese labels)."""

from django.db import models


class Sex(models.TextChoices):
    MALE = "M", "Nam"
    FEMALE = "F", "Nữ"


class Qualification(models.TextChoices):
    NONE = "", "Không"
    VOCATIONAL = "vocational", "Trung cấp, sơ cấp nghề"
    COLLEGE = "college", "Cao đẳng"
    UNIVERSITY = "university", "Đại học trở lên"


# The 54 ethnic groups of Vietnam (Danh mục các dân tộc Việt Nam, Quyết định 121-TCTK/PPCĐ 1979).
ETHNIC_GROUPS = [
    "Kinh",
    "Tày",
    "Thái",
    "Hoa",
    "Khmer",
    "Mường",
    "Nùng",
    "H'Mông",
    "Dao",
    "Gia Rai",
    "Ngái",
    "Ê Đê",
    "Ba Na",
    "Xơ Đăng",
    "Sán Chay",
    "Cơ Ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
    "Mnông",
    "Raglay",
    "Xtiêng",
    "Bru-Vân Kiều",
    "Thổ",
    "Giáy",
    "Cơ Tu",
    "Gié Triêng",
    "Mạ",
    "Khơ Mú",
    "Co",
    "Tà Ôi",
    "Chơ Ro",
    "Kháng",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "La Ha",
    "Phù Lá",
    "La Hủ",
    "Lự",
    "Lô Lô",
    "Chứt",
    "Mảng",
    "Pà Thẻn",
    "Cơ Lao",
    "Cống",
    "Bố Y",
    "Si La",
    "Pu Péo",
    "Brâu",
    "Ơ Đu",
    "Rơ Măm",
]
ETHNICITY_CHOICES = [(name, name) for name in ETHNIC_GROUPS]
