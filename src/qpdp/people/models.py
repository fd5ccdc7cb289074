"""The citizen register: one row per person, hanging under the commune where they live."""

from __future__ import annotations

from django.db import models

from qpdp.people.choices import ETHNICITY_CHOICES, Qualification, Sex


class Citizen(models.Model):
    """A citizen (công dân) as the commune military command knows them."""

    personal_id = models.CharField("số định danh cá nhân", max_length=12, unique=True)
    legacy_id_card = models.BooleanField("số CMND cũ (9 số)", default=False)
    full_name = models.CharField("họ và tên", max_length=100)
    sort_key = models.CharField("khóa sắp xếp", max_length=400, editable=False)
    search_name = models.CharField("tên không dấu", max_length=100, editable=False)
    sex = models.CharField("giới tính", max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField("ngày sinh")
    ethnicity = models.CharField("dân tộc", max_length=30, choices=ETHNICITY_CHOICES, default="Kinh")
    commune = models.ForeignKey(
        "org.Unit", verbose_name="xã, phường nơi ở hiện tại", on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        "org.Unit",
        verbose_name="thôn, tổ dân phố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField("địa chỉ nơi ở hiện tại", max_length=255, blank=True)
    permanent_commune = models.ForeignKey(
        "org.Unit",
        verbose_name="xã, phường nơi thường trú",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    permanent_village = models.ForeignKey(
        "org.Unit",
        verbose_name="thôn, tổ dân phố nơi thường trú",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    permanent_address = models.CharField("địa chỉ thường trú", max_length=255, blank=True)
    # The commune's materialised path, copied here so scope on millions of rows needs no join.
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    education_level = models.PositiveSmallIntegerField("trình độ văn hóa (lớp)", default=12)
    qualification = models.CharField(
        "trình độ chuyên môn", max_length=12, choices=Qualification.choices, blank=True, default=""
    )
    occupation = models.CharField("nghề nghiệp", max_length=100, blank=True)
    workplace = models.CharField("nơi làm việc, học tập", max_length=200, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "công dân"
        verbose_name_plural = "công dân"
        indexes = [
            # citizen_list(): keyset pages in Vietnamese name order over a whole province or the nation.
            models.Index(fields=["sort_key", "id"], name="citizen_order_idx"),
            # citizen_list() for a commune: prefix on the path, then the name order.
            models.Index(fields=["unit_path", "sort_key", "id"], name="citizen_scope_order_idx"),
            # Age cohorts (registration at 17, call-up 18-27) are ranges of birth dates.
            models.Index(fields=["date_of_birth"], name="citizen_birth_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(education_level__lte=12), name="citizen_grade_0_12"),
            models.CheckConstraint(condition=models.Q(sex__in=["M", "F"]), name="citizen_sex_known"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.date_of_birth:%d/%m/%Y})"

    @property
    def masked_personal_id(self) -> str:
        from qpdp.people.rules import mask_personal_id

        return mask_personal_id(self.personal_id)
