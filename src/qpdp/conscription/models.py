"""Records of the military-service cycle: registration, health, deferment and exemption, quotas, call-up."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from qpdp.conscription.choices import (
    CallUpStatus,
    Channel,
    ExamStage,
    RegistrationKind,
    ReliefKind,
    Service,
)


class Scoped(models.Model):
    """A record that belongs to a commune: its path is copied for one-prefix scope filters."""

    commune = models.ForeignKey(
        "org.Unit", verbose_name="xã, phường", on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_path_field = "unit_path"

    class Meta:
        abstract = True


class Intake(models.Model):
    """A call-up round of one province (đợt tuyển quân): its year and handover days."""

    province = models.ForeignKey(
        "org.Unit", verbose_name="tỉnh, thành phố", on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField("năm tuyển quân")
    round = models.PositiveSmallIntegerField("đợt", default=1)
    handover_from = models.DateField("giao quân từ ngày")
    handover_to = models.DateField("giao quân đến ngày")
    age_reference = models.DateField("ngày tính tuổi")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "đợt tuyển quân"
        verbose_name_plural = "đợt tuyển quân"
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "round"], name="intake_once_per_round"),
            models.CheckConstraint(
                condition=models.Q(handover_to__gte=models.F("handover_from")), name="intake_days"
            ),
        ]

    def __str__(self) -> str:
        suffix = f" đợt {self.round}" if self.round > 1 else ""
        return f"Tuyển quân năm {self.year}{suffix}"


class Registration(Scoped):
    """One act of registration (đăng ký NVQS): first, supplementary, move, absence, return, removal."""

    citizen = models.ForeignKey(
        "people.Citizen", verbose_name="công dân", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("loại đăng ký", max_length=20, choices=RegistrationKind.choices)
    registered_on = models.DateField("ngày đăng ký")
    channel = models.CharField("hình thức", max_length=10, choices=Channel.choices, default=Channel.IN_PERSON)
    certificate_number = models.CharField("số giấy chứng nhận đăng ký", max_length=30, blank=True)
    reason = models.CharField("lý do, nội dung thay đổi", max_length=255, blank=True)
    other_commune = models.ForeignKey(
        "org.Unit",
        verbose_name="xã, phường đi/đến",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event_on = models.DateField("ngày đến, ngày về, ngày đi", null=True, blank=True)
    late = models.BooleanField("quá hạn đăng ký", default=False)
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "đăng ký NVQS"
        verbose_name_plural = "đăng ký NVQS"
        indexes = [
            models.Index(fields=["citizen", "registered_on"], name="registration_citizen_idx"),
            models.Index(fields=["unit_path", "kind", "registered_on"], name="registration_scope_idx"),
            # pool_rows, pool_summary: each citizen's first registration and removal, read from the index
            # alone in citizen order (migration 0002).
            models.Index(
                fields=["citizen", "registered_on"],
                condition=models.Q(kind="first"),
                name="registration_first_idx",
            ),
            models.Index(
                fields=["citizen", "registered_on"],
                condition=models.Q(kind="removal"),
                name="registration_removal_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen"], condition=models.Q(kind="first"), name="registration_first_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.registered_on:%d/%m/%Y}"


class RegistrationBar(Scoped):
    """A citizen not registered (Art. 13) or exempt from registration (Art. 14), with the ground."""

    citizen = models.ForeignKey(
        "people.Citizen", verbose_name="công dân", on_delete=models.PROTECT, related_name="+"
    )
    ground = models.CharField("căn cứ", max_length=8)
    valid_from = models.DateField("từ ngày")
    valid_until = models.DateField("đến ngày", null=True, blank=True)
    evidence = models.CharField("giấy tờ chứng minh", max_length=255, blank=True)

    class Meta:
        verbose_name = "không đăng ký / miễn đăng ký NVQS"
        verbose_name_plural = "không đăng ký / miễn đăng ký NVQS"
        indexes = [models.Index(fields=["citizen", "valid_from"], name="bar_citizen_idx")]

    def __str__(self) -> str:
        return f"{self.ground} từ {self.valid_from:%d/%m/%Y}"


class HealthExam(Scoped):
    """Screening (sơ tuyển) or examination (khám tuyển) for an intake, with the measured values."""

    citizen = models.ForeignKey(
        "people.Citizen", verbose_name="công dân", on_delete=models.PROTECT, related_name="+"
    )
    intake_year = models.PositiveSmallIntegerField("năm tuyển quân")
    stage = models.CharField("vòng khám", max_length=12, choices=ExamStage.choices)
    examined_on = models.DateField("ngày khám")
    height_cm = models.DecimalField("chiều cao (cm)", max_digits=4, decimal_places=1, null=True, blank=True)
    weight_kg = models.DecimalField("cân nặng (kg)", max_digits=4, decimal_places=1, null=True, blank=True)
    chest_cm = models.DecimalField("vòng ngực (cm)", max_digits=4, decimal_places=1, null=True, blank=True)
    bmi = models.DecimalField("chỉ số BMI", max_digits=4, decimal_places=1, null=True, blank=True)
    refraction_right = models.DecimalField(
        "khúc xạ mắt phải (đi-ốp)", max_digits=4, decimal_places=2, null=True, blank=True
    )
    refraction_left = models.DecimalField(
        "khúc xạ mắt trái (đi-ốp)", max_digits=4, decimal_places=2, null=True, blank=True
    )
    scores = models.JSONField("điểm các chỉ tiêu", default=dict, blank=True)
    health_type = models.PositiveSmallIntegerField("phân loại sức khỏe", null=True, blank=True)
    fit = models.BooleanField("đủ điều kiện sức khỏe", default=False)
    not_called_reasons = models.JSONField("lý do không gọi", default=list, blank=True)
    examiner = models.CharField("hội đồng, trạm y tế", max_length=200, blank=True)
    present = models.BooleanField("có mặt", default=True)

    class Meta:
        verbose_name = "khám sức khỏe NVQS"
        verbose_name_plural = "khám sức khỏe NVQS"
        indexes = [
            models.Index(fields=["citizen", "intake_year", "stage"], name="exam_citizen_idx"),
            models.Index(fields=["unit_path", "intake_year", "stage"], name="exam_scope_idx"),
            # pool_rows, pool_summary: each citizen's examination of the year (present), fit or not.
            models.Index(
                fields=["citizen", "intake_year", "fit"],
                condition=models.Q(stage="examination", present=True),
                name="exam_pool_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["citizen", "intake_year", "stage"], name="exam_once_per_stage"),
            models.CheckConstraint(
                condition=models.Q(health_type__isnull=True)
                | models.Q(health_type__gte=1, health_type__lte=6),
                name="exam_type_1_6",
            ),
        ]

    def __str__(self) -> str:
        kind = f"loại {self.health_type}" if self.health_type else "chưa phân loại"
        return f"{self.get_stage_display()} {self.intake_year}: {kind}"


class Posting(Scoped):
    """The public posting (niêm yết công khai) of a commune's deferment and exemption list."""

    intake_year = models.PositiveSmallIntegerField("năm tuyển quân")
    decision_number = models.CharField("số quyết định", max_length=40)
    decided_on = models.DateField("ngày ký quyết định")
    posted_from = models.DateField("niêm yết từ ngày")
    posted_until = models.DateField("niêm yết đến ngày")
    places = models.JSONField("nơi niêm yết", default=list)
    article = models.CharField("căn cứ", max_length=200)

    class Meta:
        verbose_name = "niêm yết công khai"
        verbose_name_plural = "niêm yết công khai"

    def __str__(self) -> str:
        return f"Niêm yết {self.decision_number} ({self.posted_from:%d/%m/%Y}–{self.posted_until:%d/%m/%Y})"


class Relief(Scoped):
    """A deferment (tạm hoãn) or exemption (miễn) from call-up, decided with its ground and signer."""

    citizen = models.ForeignKey(
        "people.Citizen", verbose_name="công dân", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("loại", max_length=10, choices=ReliefKind.choices)
    intake_year = models.PositiveSmallIntegerField("năm tuyển quân")
    ground = models.CharField("căn cứ (điểm, khoản, điều)", max_length=8)
    evidence = models.CharField("giấy tờ chứng minh", max_length=255, blank=True)
    valid_from = models.DateField("có hiệu lực từ")
    valid_until = models.DateField("đến ngày", null=True, blank=True)
    volunteer = models.BooleanField("tình nguyện nhập ngũ", default=False)
    decision_number = models.CharField("số quyết định", max_length=40, blank=True)
    decided_on = models.DateField("ngày quyết định")
    decider_title = models.CharField("chức vụ người quyết định", max_length=100)
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    posting = models.ForeignKey(
        Posting,
        verbose_name="niêm yết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reliefs",
    )
    ended_on = models.DateField("chấm dứt ngày", null=True, blank=True)
    end_reason = models.CharField("lý do chấm dứt", max_length=255, blank=True)

    class Meta:
        verbose_name = "tạm hoãn / miễn gọi nhập ngũ"
        verbose_name_plural = "tạm hoãn / miễn gọi nhập ngũ"
        indexes = [
            models.Index(fields=["citizen", "valid_from"], name="relief_citizen_idx"),
            models.Index(fields=["unit_path", "intake_year", "kind"], name="relief_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.ground} ({self.intake_year})"


class Complaint(Scoped):
    """A complaint received while the list is posted, and how it was settled."""

    posting = models.ForeignKey(
        Posting, verbose_name="niêm yết", on_delete=models.PROTECT, related_name="complaints"
    )
    relief = models.ForeignKey(
        Relief, verbose_name="trường hợp", null=True, blank=True, on_delete=models.SET_NULL
    )
    received_on = models.DateField("ngày nhận")
    complainant = models.CharField("người phản ánh", max_length=100)
    content = models.TextField("nội dung")
    resolution = models.TextField("kết quả giải quyết", blank=True)
    resolved_on = models.DateField("ngày giải quyết", null=True, blank=True)

    class Meta:
        verbose_name = "phản ánh, khiếu nại"
        verbose_name_plural = "phản ánh, khiếu nại"

    def __str__(self) -> str:
        return f"Phản ánh của {self.complainant} ngày {self.received_on:%d/%m/%Y}"


class Quota(models.Model):
    """A quota (chỉ tiêu) of an intake given to a province or a commune, for the army or the police."""

    intake = models.ForeignKey(
        Intake, verbose_name="đợt tuyển quân", on_delete=models.PROTECT, related_name="quotas"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị nhận", on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    service = models.CharField("lực lượng", max_length=10, choices=Service.choices)
    count = models.PositiveIntegerField("chỉ tiêu")
    reserve = models.PositiveIntegerField("dự phòng", default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name="chỉ tiêu cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    decision_number = models.CharField("số quyết định", max_length=40, blank=True)
    decided_on = models.DateField("ngày quyết định")
    decider_title = models.CharField("chức vụ người quyết định", max_length=100)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "chỉ tiêu tuyển quân"
        verbose_name_plural = "chỉ tiêu tuyển quân"
        constraints = [models.UniqueConstraint(fields=["intake", "unit", "service"], name="quota_once")]

    def __str__(self) -> str:
        return f"Chỉ tiêu {self.get_service_display()} {self.intake.year}: {self.count}"


class Handover(models.Model):
    """A handover ceremony (lễ giao nhận quân): where, when, who organises and which units receive."""

    intake = models.ForeignKey(
        Intake, verbose_name="đợt tuyển quân", on_delete=models.PROTECT, related_name="handovers"
    )
    organiser = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    held_on = models.DateField("ngày giao quân")
    place = models.CharField("địa điểm", max_length=255)
    receiving_units = models.CharField("đơn vị nhận quân", max_length=500)
    organiser_title = models.CharField("cấp tổ chức", max_length=100)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    scope_path_field = "unit_path"

    class Meta:
        verbose_name = "lễ giao nhận quân"
        verbose_name_plural = "lễ giao nhận quân"

    def __str__(self) -> str:
        return f"Giao nhận quân {self.held_on:%d/%m/%Y} tại {self.place}"


class CallUp(Scoped):
    """One citizen's way through one intake: selected → decided → ordered → enlisted or not, and why."""

    intake = models.ForeignKey(
        Intake, verbose_name="đợt tuyển quân", on_delete=models.PROTECT, related_name="callups"
    )
    citizen = models.ForeignKey(
        "people.Citizen", verbose_name="công dân", on_delete=models.PROTECT, related_name="+"
    )
    service = models.CharField("lực lượng", max_length=10, choices=Service.choices)
    status = models.CharField(
        "tình trạng", max_length=14, choices=CallUpStatus.choices, default=CallUpStatus.SELECTED
    )
    priority = models.PositiveIntegerField("thứ tự ưu tiên", default=0)
    volunteer = models.BooleanField("tình nguyện", default=False)
    party_member = models.BooleanField("đảng viên", default=False)
    reserve = models.BooleanField("dự phòng", default=False)
    selected_on = models.DateField("ngày chọn")
    decision_number = models.CharField("số quyết định gọi nhập ngũ", max_length=40, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    decider_title = models.CharField("chức vụ người quyết định", max_length=100, blank=True)
    order_number = models.CharField("số lệnh gọi nhập ngũ", max_length=40, blank=True)
    order_signed_on = models.DateField("ngày ký lệnh", null=True, blank=True)
    order_signer_title = models.CharField("chức vụ người ký lệnh", max_length=100, blank=True)
    order_signer_name = models.CharField("người ký lệnh", max_length=100, blank=True)
    report_on = models.DateField("ngày có mặt", null=True, blank=True)
    report_place = models.CharField("nơi có mặt", max_length=255, blank=True)
    delivered_on = models.DateField("ngày giao lệnh", null=True, blank=True)
    handover = models.ForeignKey(
        Handover,
        verbose_name="lễ giao nhận quân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callups",
    )
    receiving_unit = models.CharField("đơn vị nhận", max_length=200, blank=True)
    outcome_on = models.DateField("ngày kết quả", null=True, blank=True)
    outcome_reason = models.CharField("lý do", max_length=255, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name="thay cho",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        verbose_name = "gọi nhập ngũ"
        verbose_name_plural = "gọi nhập ngũ"
        indexes = [
            models.Index(fields=["unit_path", "intake", "status"], name="callup_scope_idx"),
            models.Index(fields=["citizen", "status"], name="callup_citizen_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["intake", "citizen"], name="callup_once_per_intake")]

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.intake.year}: {self.get_status_display()}"
