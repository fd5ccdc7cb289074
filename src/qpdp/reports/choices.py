"""Choices of reports: report kinds and statuses, the editable sections, the areas of a review report."""

from __future__ import annotations

from django.db import models


class ReportKind(models.TextChoices):
    REPORT = "report", "Báo cáo sơ kết, tổng kết"
    ARTICLE = "article", "Bài viết tin tức"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    REVIEW = "review", "Chờ duyệt"
    APPROVED = "approved", "Đã phê duyệt"
    PUBLISHED = "published", "Đã đăng"


class Section(models.TextChoices):
    """The written parts of a review report (domain.md §8: I, III, IV, V), in document order."""

    SITUATION = "situation", "Tình hình chung"
    CONTEXT_FIGURES = "context_figures", "Số liệu khác (ngoài hệ thống)"
    RESULTS = "results", "Nhận xét chung về kết quả"
    SHORTCOMINGS = "shortcomings", "Hạn chế, khuyết điểm"
    CAUSES = "causes", "Nguyên nhân"
    LESSONS = "lessons", "Bài học kinh nghiệm"
    DIRECTIONS = "directions", "Phương hướng, nhiệm vụ kỳ tới"
    PROPOSALS = "proposals", "Đề xuất, kiến nghị"


class ArticlePart(models.TextChoices):
    """The parts of a news article, written by people before it is published."""

    TITLE = "title", "Tiêu đề"
    LEAD = "lead", "Sa pô"
    BODY = "body", "Nội dung"


# The areas of part II of a review report ("results by area"), in the order the seed reports use
# (domain.md §8). Each is the `area` of the indicators an app registers; an area whose app has not
# registered anything yet, or has no records in the period, is reported as having no figures.
REPORT_AREAS: tuple[tuple[str, str], ...] = (
    ("education", "Giáo dục quốc phòng và an ninh"),
    ("training", "Huấn luyện, diễn tập, sẵn sàng chiến đấu"),
    ("militia", "Xây dựng lực lượng dân quân tự vệ"),
    ("reserve", "Xây dựng lực lượng dự bị động viên"),
    ("conscription", "Tuyển chọn và gọi công dân nhập ngũ"),
    ("welfare", "Chính sách hậu phương quân đội"),
    ("awards", "Thi đua, khen thưởng"),
)

# A writer's note beside the figures of one area is the section "area:<area>" ("area:conscription").
AREA_NOTE_PREFIX = "area:"
