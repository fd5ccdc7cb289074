"""Choices of the military-service records, with their Vietnamese labels."""

from __future__ import annotations

from django.db import models


class RegistrationKind(models.TextChoices):
    FIRST = "first", "Đăng ký lần đầu"
    SUPPLEMENTARY = "supplementary", "Đăng ký bổ sung"
    MOVE_OUT = "move_out", "Đăng ký di chuyển đi"
    MOVE_IN = "move_in", "Đăng ký di chuyển đến"
    ABSENCE = "absence", "Đăng ký vắng mặt (tạm vắng)"
    RETURN = "return", "Đăng ký khi trở về"
    REMOVAL = "removal", "Xóa đăng ký"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"


class ExamStage(models.TextChoices):
    SCREENING = "screening", "Sơ tuyển"
    EXAMINATION = "examination", "Khám tuyển"


class ReliefKind(models.TextChoices):
    DEFERMENT = "deferment", "Tạm hoãn gọi nhập ngũ"
    EXEMPTION = "exemption", "Miễn gọi nhập ngũ"


class Service(models.TextChoices):
    ARMY = "army", "Quân đội"
    POLICE = "police", "Công an nhân dân"


class CallUpStatus(models.TextChoices):
    SELECTED = "selected", "Được chọn"
    DECIDED = "decided", "Có quyết định gọi"
    ORDERED = "ordered", "Đã giao lệnh"
    ENLISTED = "enlisted", "Đã nhập ngũ"
    NOT_REPORTED = "not_reported", "Không có mặt"
    RETURNED = "returned", "Trả về sau phúc tra"
    WITHDRAWN = "withdrawn", "Đưa ra khỏi danh sách"


REMOVAL_GROUNDS = {
    "death": "Chết",
    "over_age": "Hết độ tuổi thực hiện NVQS",
    "emigrated": "Xuất cảnh định cư",
    "barred": "Thuộc diện không được đăng ký (Điều 13)",
    "exempt": "Thuộc diện miễn đăng ký (Điều 14)",
}
