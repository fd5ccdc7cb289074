"""Core records: the append-only audit history and background jobs with progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One change to personal data or one decision: who, when, from where, before and after.

    Written by the service that makes the change, in the same transaction. Never updated or deleted:
    database triggers refuse UPDATE and DELETE on both SQLite and PostgreSQL (migration 0003).
    """

    at = models.DateTimeField("thời điểm", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("tên đăng nhập", max_length=150, blank=True)
    channel = models.CharField("kênh", max_length=10)
    address = models.CharField("địa chỉ IP", max_length=64, blank=True)
    action = models.CharField("hành động", max_length=100)
    object_type = models.CharField("loại đối tượng", max_length=60)
    object_id = models.CharField("mã đối tượng", max_length=64)
    object_label = models.CharField("đối tượng", max_length=255, blank=True)
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, blank=True)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [
            # audit_history(): the history of one record, newest first.
            models.Index(fields=["object_type", "object_id", "-at"], name="audit_object_idx"),
            # audit_list() for an inspector: scope prefix filter, newest first.
            models.Index(fields=["unit_path", "-at"], name="audit_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_label}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Thất bại"


class Job(models.Model):
    """A long piece of work (an import, a batch of documents) run in the background, with progress."""

    kind = models.CharField("loại công việc", max_length=80)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người yêu cầu", on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    parameters = models.JSONField("tham số", default=dict, blank=True)
    input_file = models.FileField("tệp đầu vào", upload_to="jobs/input/", blank=True)
    output_file = models.FileField("tệp kết quả", upload_to="jobs/output/", blank=True)
    progress = models.PositiveIntegerField("đã xử lý", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    message = models.CharField("thông báo", max_length=500, blank=True)
    result = models.JSONField("kết quả", default=dict, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    heartbeat_at = models.DateTimeField("cập nhật lần cuối", null=True, blank=True)

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "công việc nền"
        verbose_name_plural = "công việc nền"
        indexes = [
            # next_queued_job(): the worker takes the oldest queued job.
            models.Index(fields=["status", "created_at"], name="job_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.progress * 100 / self.total))
