"""Operator screens for emulation and awards: campaigns, nominations, decisions with their lines,
conferences (read-only, scoped; every change goes through the services)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from qpdp.awards.models import Award, AwardDecision, Campaign, Conference, Nomination, Pledge
from qpdp.org.admin_scope import ScopedReadOnlyAdmin


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class PledgeInline(ReadOnlyInline):
    model = Pledge
    fields = ["signed_on", "parties", "content"]


class AwardInline(ReadOnlyInline):
    model = Award
    fields = ["recipient_kind", "recipient_name", "form_code", "period_code", "money", "revoked_on"]


@admin.register(Campaign)
class CampaignAdmin(ScopedReadOnlyAdmin):
    list_display = ["name", "launched_by", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["name"]
    inlines = [PledgeInline]


@admin.register(Nomination)
class NominationAdmin(ScopedReadOnlyAdmin):
    list_display = ["recipient_name", "form_code", "period_code", "issuer", "proposed_on", "status"]
    list_filter = ["status", "issuer", "recipient_kind"]
    search_fields = ["recipient_name"]


@admin.register(AwardDecision)
class AwardDecisionAdmin(ScopedReadOnlyAdmin):
    list_display = ["number", "decided_on", "issuing_body", "signer_name", "status"]
    list_filter = ["status", "issuer", "year"]
    search_fields = ["number", "issuing_body"]
    inlines = [AwardInline]


@admin.register(Conference)
class ConferenceAdmin(ScopedReadOnlyAdmin):
    list_display = ["title", "kind", "period_code", "held_on", "place"]
    list_filter = ["kind"]
    search_fields = ["title"]
