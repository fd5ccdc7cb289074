"""Choices of the emulation and award records, with their Vietnamese labels (legal ones from rules)."""

from __future__ import annotations

from django.db import models

from qpdp.awards import rules

# The legal enumerations live in rules (StrEnum, no Django); fields take their labels from there.
RECIPIENT_KIND_CHOICES = [(kind.value, rules.RECIPIENT_KIND_LABELS[kind]) for kind in rules.RecipientKind]
ISSUER_CHOICES = [(issuer.value, rules.ISSUER_LABELS[issuer]) for issuer in rules.Issuer]


def form_choices() -> list[tuple[str, str]]:
    """Every award form and title of the catalogue (rules.FORMS), for pickers; not a field's choices,
    so that a form added to the catalogue needs no migration."""
    return [(code, form.name) for code, form in rules.FORMS.items()]


class CampaignStatus(models.TextChoices):
    LAUNCHED = "launched", "Đã phát động"
    REVIEWED = "reviewed", "Đã sơ kết, tổng kết"


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", "Đã đề nghị"
    REVIEWED = "reviewed", "Hội đồng đã xét, nhất trí"
    DECIDED = "decided", "Đã có quyết định"
    REFUSED = "refused", "Không nhất trí"
    RETURNED = "returned", "Trả lại để hoàn thiện"


# Still waiting for an answer: a second nomination of the same recipient, form and period is refused.
OPEN_NOMINATION = (NominationStatus.PROPOSED, NominationStatus.REVIEWED)


class ReviewOutcome(models.TextChoices):
    AGREE = "agree", "Nhất trí đề nghị khen thưởng"
    REFUSE = "refuse", "Không nhất trí"
    RETURN = "return", "Trả lại để hoàn thiện hồ sơ"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNED = "signed", "Đã ký"


class ConferenceKind(models.TextChoices):
    SO_KET = "so_ket", "Sơ kết"
    TONG_KET = "tong_ket", "Tổng kết"
    CHUYEN_DE = "chuyen_de", "Chuyên đề"
