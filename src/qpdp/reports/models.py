"""Records of period reports: targets, frozen indicator snapshots, review reports and news articles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from qpdp.core.errors import DomainError
from qpdp.reports.choices import ReportKind, ReportStatus

SNAPSHOT_FROZEN = (
    "Số liệu này đã được chốt cho một báo cáo đã trình duyệt nên không thay đổi được; "
    "muốn cập nhật thì tính lại vào một bản số liệu mới."
)
REPORT_FROZEN = "Báo cáo đã được phê duyệt (bài viết đã đăng) nên không thay đổi được nữa."


class Target(models.Model):
    """A target (chỉ tiêu) of one indicator for a unit and a period, set by the level above or a programme."""

    indicator_code = models.CharField("mã chỉ số", max_length=80)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị nhận chỉ tiêu", on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    period_code = models.CharField("kỳ", max_length=30)
    value = models.DecimalField("chỉ tiêu", max_digits=14, decimal_places=2)
    set_by_unit = models.ForeignKey(
        "org.Unit",
        verbose_name="cấp giao chỉ tiêu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme = models.CharField("chương trình, đề án giao chỉ tiêu", max_length=255, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_code", "unit", "period_code"], name="target_once_per_unit_period"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="target_not_negative"),
        ]
        indexes = [
            # targets_for(): the targets of one unit and period (comparison, snapshot, values API).
            models.Index(fields=["unit", "period_code"], name="target_unit_period_idx"),
            # target_list(): a scope's targets of a period.
            models.Index(fields=["unit_path", "period_code"], name="target_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"Chỉ tiêu {self.indicator_code} kỳ {self.period_code}: {self.value}"


class Snapshot(models.Model):
    """The figures of a unit over a period, computed once and kept with where they came from.

    `values` holds every registered indicator of the unit ({code: "12" | "66.7" | null}),
    `subordinates` the same for the units directly below ({unit code: {code: value}}), `previous`
    the previous period's figures and `targets` the targets, as they stood when computed, so that a
    report reads nothing live. `provenance` says for each code how many records are behind it.
    Once a report that uses it is submitted, `locked_at` is set and the row never changes again.
    """

    unit = models.ForeignKey("org.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    period_code = models.CharField("kỳ", max_length=30)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    period_closed = models.BooleanField("kỳ đã kết thúc khi tính", default=False)
    computed_at = models.DateTimeField("tính lúc")
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tính",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    codes = models.JSONField("các chỉ số", default=list)
    registry_version = models.CharField("phiên bản danh mục chỉ số", max_length=16)
    values = models.JSONField("số liệu", default=dict)
    subordinates = models.JSONField("số liệu đơn vị trực thuộc", default=dict)
    provenance = models.JSONField("nguồn số liệu", default=dict)
    areas = models.JSONField("lĩnh vực có số liệu", default=dict)
    folded = models.JSONField("đơn vị cũ được cộng vào", default=list)
    approximate = models.BooleanField("số liệu ước tính (có đơn vị cũ bị chia tách)", default=False)
    previous_period_code = models.CharField("kỳ trước", max_length=30)
    previous = models.JSONField("số liệu kỳ trước", default=dict)
    previous_folded = models.JSONField("đơn vị cũ được cộng vào kỳ trước", default=list)
    targets = models.JSONField("chỉ tiêu", default=dict)
    locked_at = models.DateTimeField("chốt lúc", null=True, blank=True)

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "số liệu chốt kỳ"
        verbose_name_plural = "số liệu chốt kỳ"
        constraints = [
            # At most one snapshot of a unit and period is still open to recomputation.
            models.UniqueConstraint(
                fields=["unit", "period_code"],
                condition=models.Q(locked_at__isnull=True),
                name="snapshot_one_open",
            ),
        ]
        indexes = [
            # latest_snapshot(): the newest snapshot of a unit and period.
            models.Index(fields=["unit", "period_code", "-computed_at"], name="snapshot_unit_period_idx"),
        ]

    def __str__(self) -> str:
        return f"Số liệu {self.period_code} ({self.computed_at:%d/%m/%Y %H:%M})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A last line of defence behind the services: a locked row is never written again.
        if self._stored_locked():
            raise DomainError(SNAPSHOT_FROZEN)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._stored_locked():
            raise DomainError(SNAPSHOT_FROZEN)
        return super().delete(*args, **kwargs)

    def _stored_locked(self) -> bool:
        return (
            self.pk is not None
            and type(self)._default_manager.filter(pk=self.pk, locked_at__isnull=False).exists()
        )


class Report(models.Model):
    """A review report (báo cáo sơ kết, tổng kết) or a news article of a unit over a period.

    The figures come from `snapshot`; the rest is text people write (`sections`, or an article's
    title, lead and body). Draft → review → approved (published): an approved report never changes.
    """

    unit = models.ForeignKey("org.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    period_code = models.CharField("kỳ báo cáo", max_length=30)
    kind = models.CharField("loại", max_length=10, choices=ReportKind.choices, default=ReportKind.REPORT)
    status = models.CharField(
        "trạng thái", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    snapshot = models.ForeignKey(
        Snapshot, verbose_name="số liệu", on_delete=models.PROTECT, related_name="reports"
    )
    title = models.CharField("tiêu đề", max_length=300)
    number = models.CharField("số, ký hiệu", max_length=40, blank=True)
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=200, blank=True)
    sections = models.JSONField("các phần viết", default=dict)
    next_targets = models.JSONField("chỉ tiêu kỳ tới", default=dict)
    lead = models.TextField("sa pô", blank=True)
    body = models.TextField("nội dung bài viết", blank=True)
    conference = models.ForeignKey(
        "awards.Conference",
        verbose_name="hội nghị sơ kết, tổng kết",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField("ý kiến khi trả lại", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    submitted_at = models.DateTimeField("trình duyệt lúc", null=True, blank=True)
    approved_at = models.DateTimeField("phê duyệt lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người phê duyệt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        indexes = [
            # report_list(): a scope's reports, newest first (keyset on id).
            models.Index(fields=["unit_path", "period_code"], name="report_scope_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A last line of defence behind the services: an approved report is never written again.
        if self._stored_locked():
            raise DomainError(REPORT_FROZEN)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._stored_locked():
            raise DomainError(REPORT_FROZEN)
        return super().delete(*args, **kwargs)

    def _stored_locked(self) -> bool:
        locked = [ReportStatus.APPROVED, ReportStatus.PUBLISHED]
        return (
            self.pk is not None and type(self)._default_manager.filter(pk=self.pk, status__in=locked).exists()
        )
