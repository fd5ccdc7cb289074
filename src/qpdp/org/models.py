"""Org records: the effective-dated administrative tree, successions, military commands, users, roles."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from qpdp.org.choices import CommandKind, Role, Structure, UnitKind

PATH_SEPARATOR = "/"


class Unit(models.Model):
    """An administrative unit (nation, province, district, commune, village) or a host agency.

    `path` is the materialised path of codes from the nation down ("VN/01/00004/"): "everything
    under X" is one indexed prefix filter. Units are never edited into other units: a merge or a
    split ends the old units (`valid_to`) and links them to their successors (UnitSuccession).
    """

    code = models.CharField("mã", max_length=40, unique=True)
    official_code = models.CharField("mã hành chính", max_length=20, blank=True)
    name = models.CharField("tên", max_length=200)
    division_type = models.CharField("loại đơn vị hành chính", max_length=40, blank=True)
    kind = models.CharField("cấp", max_length=10, choices=UnitKind.choices)
    structure = models.CharField("giai đoạn", max_length=10, choices=Structure.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("đường dẫn", max_length=255, unique=True)
    depth = models.PositiveSmallIntegerField("độ sâu", default=0)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    search_name = models.CharField("tên không dấu", max_length=200, blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)

    scope_path_field = "path"

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]
        indexes = [
            # units_under(): kind filter inside a subtree (the path prefix uses the unique index).
            models.Index(fields=["kind", "path"], name="unit_kind_path_idx"),
            # unit_list(parent=...): children of one unit.
            models.Index(fields=["parent", "kind"], name="unit_parent_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def era_label(self) -> str:
        return "" if self.structure != Structure.LEGACY else " (trước 01/07/2025)"


class UnitSuccession(models.Model):
    """A dated reorganisation link: `predecessor` became (all or part of) `successor`."""

    predecessor = models.ForeignKey(
        Unit, verbose_name="đơn vị cũ", on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Unit, verbose_name="đơn vị mới", on_delete=models.PROTECT, related_name="predecessions"
    )
    effective_on = models.DateField("ngày hiệu lực")
    partial = models.BooleanField("chỉ một phần", default=False)
    source = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "kế thừa đơn vị"
        verbose_name_plural = "kế thừa đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Command(models.Model):
    """A military command (provincial, regional defence, district, commune) with its jurisdiction."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    kind = models.CharField("loại", max_length=12, choices=CommandKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    seat = models.ForeignKey(
        Unit, verbose_name="đơn vị hành chính đặt trụ sở", on_delete=models.PROTECT, related_name="commands"
    )
    jurisdiction: models.ManyToManyField[Unit, CommandJurisdiction] = models.ManyToManyField(
        Unit, verbose_name="địa bàn phụ trách", related_name="commanding", through="CommandJurisdiction"
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    source = models.CharField("căn cứ thành lập", max_length=255, blank=True)

    scope_path_field = "seat__path"

    class Meta:
        verbose_name = "cơ quan quân sự"
        verbose_name_plural = "cơ quan quân sự"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CommandJurisdiction(models.Model):
    """One administrative unit in a command's area."""

    command = models.ForeignKey(Command, verbose_name="cơ quan quân sự", on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, verbose_name="đơn vị hành chính", on_delete=models.PROTECT)

    class Meta:
        verbose_name = "địa bàn phụ trách"
        verbose_name_plural = "địa bàn phụ trách"
        constraints = [models.UniqueConstraint(fields=["command", "unit"], name="jurisdiction_unique")]

    def __str__(self) -> str:
        return f"{self.command} — {self.unit}"


class User(AbstractUser):
    """A person who logs in; what they see comes from their role assignments."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """A role held at a unit (an administrative unit, or a command's whole jurisdiction)."""

    user = models.ForeignKey(User, verbose_name="người dùng", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    command = models.ForeignKey(
        Command,
        verbose_name="cơ quan quân sự",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(command__isnull=True))
                | (Q(unit__isnull=True) & Q(command__isnull=False)),
                name="role_attached_to_one_place",
            ),
        ]

    def __str__(self) -> str:
        place = self.unit or self.command
        return f"{self.get_role_display()} — {place}"


class ApiToken(models.Model):
    """An API token; only its SHA-256 digest is stored, the token itself is shown once."""

    user = models.ForeignKey(
        User, verbose_name="người dùng", on_delete=models.CASCADE, related_name="api_tokens"
    )
    prefix = models.CharField("tiền tố", max_length=12)
    digest = models.CharField("mã băm", max_length=64, unique=True)
    label = models.CharField("ghi chú", max_length=100, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
