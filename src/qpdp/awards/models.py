"""Records of emulation and awards: campaigns, pledges, nominations, award decisions, review conferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from qpdp.awards import rules
from qpdp.awards.choices import (
    ISSUER_CHOICES,
    RECIPIENT_KIND_CHOICES,
    CampaignStatus,
    ConferenceKind,
    DecisionStatus,
    NominationStatus,
)


class Recorded(models.Model):
    """A record hanging under a unit: the unit's path is copied for one-prefix scope filters."""

    unit_path = models.CharField("đường dẫn đơn vị", max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_path_field = "unit_path"

    class Meta:
        abstract = True


class Recipient(models.Model):
    """Who is awarded: a collective (a unit of the tree, or named), a person (of the register, or named)
    or a household, with the key that finds their earlier awards."""

    recipient_kind = models.CharField("đối tượng", max_length=12, choices=RECIPIENT_KIND_CHOICES)
    recipient_unit = models.ForeignKey(
        "org.Unit",
        verbose_name="tập thể (đơn vị, thôn, cơ quan)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_citizen = models.ForeignKey(
        "people.Citizen",
        verbose_name="cá nhân (trong sổ công dân)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The name as written in the decision: the unit's or the citizen's name when taken from the tree
    # or the register, otherwise the collective, the person or the head of household as typed.
    recipient_name = models.CharField("tên tập thể, cá nhân, chủ hộ", max_length=200)
    recipient_detail = models.CharField("chức vụ, đơn vị, địa chỉ", max_length=255, blank=True)
    # "c:<citizen id>", "u:<unit id>" or "n:<kind>:<folded name>": the same recipient's awards and
    # nominations share it (services.recipient_key).
    recipient_key = models.CharField("khóa đối tượng", max_length=230, editable=False)
    # The commune (or higher unit) the recipient belongs to: a citizen's commune, a village's commune,
    # the proposing unit for someone outside the register.
    recipient_path = models.CharField("đường dẫn đơn vị của đối tượng", max_length=255, editable=False)
    form_code = models.CharField("hình thức, danh hiệu", max_length=40)
    period_code = models.CharField("kỳ thành tích", max_length=30)
    achievement_year = models.PositiveSmallIntegerField("năm thành tích")
    achievement = models.TextField("thành tích", blank=True)

    class Meta:
        abstract = True

    @property
    def form_name(self) -> str:
        """The form's name in the catalogue ("Giấy khen", "Lao động tiên tiến")."""
        form = rules.FORMS.get(self.form_code)
        return form.name if form else self.form_code


class Campaign(Recorded):
    """An emulation campaign (phong trào, đợt thi đua): who launched it, for whom, when, on what criteria."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị phát động", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("tên phong trào, đợt thi đua", max_length=255)
    launched_by = models.CharField("người, cơ quan phát động", max_length=200)
    launched_on = models.DateField("ngày phát động")
    starts_on = models.DateField("thi đua từ ngày")
    ends_on = models.DateField("thi đua đến ngày")
    scope = models.TextField("phạm vi, đối tượng thi đua", blank=True)
    participants = models.ManyToManyField(
        "org.Unit", verbose_name="đơn vị tham gia", blank=True, related_name="+"
    )
    criteria = models.TextField("nội dung, chỉ tiêu thi đua", blank=True)
    status = models.CharField(
        "tình trạng", max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.LAUNCHED
    )
    reviewed_on = models.DateField("ngày sơ kết, tổng kết", null=True, blank=True)
    review_summary = models.TextField("kết quả sơ kết, tổng kết", blank=True)

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        indexes = [
            # campaign_counts(): campaigns launched (or reviewed) per unit in a period.
            models.Index(fields=["unit_path", "launched_on"], name="campaign_scope_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_days_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


class Pledge(Recorded):
    """An emulation pledge (giao ước thi đua) signed between groups of units within a campaign."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="phong trào thi đua", on_delete=models.PROTECT, related_name="pledges"
    )
    signed_on = models.DateField("ngày ký giao ước")
    parties = models.CharField("các bên ký giao ước", max_length=500)
    content = models.TextField("nội dung giao ước", blank=True)

    class Meta:
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"
        indexes = [
            # pledge_counts(): pledges signed per unit in a period.
            models.Index(fields=["unit_path", "signed_on"], name="pledge_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"Giao ước thi đua {self.signed_on:%d/%m/%Y}: {self.parties}"


class Conference(Recorded):
    """A review conference (hội nghị sơ kết, tổng kết) of a unit's work over a period."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị được sơ kết, tổng kết", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("loại hội nghị", max_length=10, choices=ConferenceKind.choices)
    period_code = models.CharField("kỳ sơ kết, tổng kết", max_length=30)
    title = models.CharField("tên hội nghị", max_length=300)
    held_on = models.DateField("ngày tổ chức")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    organiser = models.CharField("cơ quan tổ chức", max_length=200, blank=True)
    chair_name = models.CharField("người chủ trì", max_length=100, blank=True)
    chair_title = models.CharField("chức vụ người chủ trì", max_length=200, blank=True)
    presiding = models.TextField("đoàn chủ tịch, lãnh đạo dự", blank=True)
    attendees = models.TextField("thành phần tham dự", blank=True)
    attending_units = models.ManyToManyField(
        "org.Unit", verbose_name="đơn vị tham dự", blank=True, related_name="+"
    )
    presentations = models.TextField("báo cáo, tham luận", blank=True)
    conclusions = models.TextField("kết luận của chủ trì", blank=True)
    tasks = models.TextField("phương hướng, nhiệm vụ", blank=True)

    class Meta:
        verbose_name = "hội nghị sơ kết, tổng kết"
        verbose_name_plural = "hội nghị sơ kết, tổng kết"
        indexes = [
            # conference_counts(), conferences(): conferences held per unit in a period.
            models.Index(fields=["unit_path", "held_on"], name="conference_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Nomination(Recorded, Recipient):
    """A nomination for an award (đề nghị khen thưởng): proposed by a unit to the level that awards,
    reviewed by the council, then decided, refused or returned."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị đề nghị", on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField("ngày đề nghị")
    issuer = models.CharField("cấp khen thưởng được đề nghị", max_length=30, choices=ISSUER_CHOICES)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="phong trào thi đua",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    status = models.CharField(
        "tình trạng", max_length=10, choices=NominationStatus.choices, default=NominationStatus.PROPOSED
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xét",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_on = models.DateField("ngày xét", null=True, blank=True)
    review_opinion = models.TextField("ý kiến của hội đồng", blank=True)
    agreed = models.BooleanField("nhất trí", null=True, blank=True)

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        indexes = [
            # nominate(): an open nomination of the same recipient for the same form.
            models.Index(fields=["recipient_key", "form_code", "status"], name="nomination_recipient_idx"),
            # nominations(): a unit's nominations by status.
            models.Index(fields=["unit_path", "status"], name="nomination_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"Đề nghị {self.form_name} cho {self.recipient_name} ({self.period_code})"


class AwardDecision(Recorded):
    """An award decision (quyết định khen thưởng): number, date, signer, and its recipient lines."""

    issuing_unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị ban hành", on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.CharField("thẩm quyền quyết định", max_length=30, choices=ISSUER_CHOICES)
    issuing_body = models.CharField("cơ quan ban hành", max_length=200)
    number = models.CharField("số quyết định", max_length=40, blank=True)
    # The year of `decided_on`: numbers restart each 1 January (Nghị định 30/2020/NĐ-CP).
    year = models.PositiveSmallIntegerField("năm", editable=False)
    decided_on = models.DateField("ngày quyết định")
    signing_line = models.CharField("thẩm quyền ký", max_length=100, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=100)
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    subject = models.TextField("lý do khen thưởng", blank=True)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="phong trào thi đua",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    conference = models.ForeignKey(
        Conference,
        verbose_name="trao tại hội nghị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    presented_on = models.DateField("ngày trao", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.SIGNED
    )

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        indexes = [
            # decisions(), award_counts(): a unit's decisions by date.
            models.Index(fields=["unit_path", "decided_on"], name="decision_scope_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "number"],
                condition=~models.Q(number=""),
                name="decision_number_once_a_year",
            ),
        ]

    def __str__(self) -> str:
        number = self.number or "dự thảo"
        return f"Quyết định {number} ngày {self.decided_on:%d/%m/%Y} của {self.issuing_body}"


class Award(Recorded, Recipient):
    """One recipient line of a decision: who, which form or title, for what achievement, how much."""

    decision = models.ForeignKey(
        AwardDecision, verbose_name="quyết định khen thưởng", on_delete=models.PROTECT, related_name="awards"
    )
    nomination = models.OneToOneField(
        Nomination,
        verbose_name="đề nghị khen thưởng",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award",
    )
    money = models.PositiveBigIntegerField("tiền thưởng (đồng)", default=0)
    revoked_on = models.DateField("ngày hủy bỏ", null=True, blank=True)
    revocation_reason = models.CharField("lý do hủy bỏ", max_length=500, blank=True)
    revocation_number = models.CharField("số quyết định hủy bỏ", max_length=40, blank=True)

    class Meta:
        verbose_name = "người, tập thể được khen thưởng"
        verbose_name_plural = "người, tập thể được khen thưởng"
        indexes = [
            # prior_awards_by_key(): a recipient's earlier awards (conditions and duplicates).
            models.Index(fields=["recipient_key", "form_code"], name="award_recipient_idx"),
            # award_counts(by="recipient"): awards received per commune.
            models.Index(fields=["recipient_path"], name="award_recipient_path_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_name}: {self.form_name} ({self.period_code})"
